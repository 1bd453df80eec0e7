using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>The demo workspace's patents (DemoPatents, after the cluster's demo): imported through the Lens importer,
/// linked to the registry, and counted the same by the landscape as by plain SQL over the tables.</summary>
public class DemoPatentsTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Demo_HasAPortfolioOfTheClusterAndOutsiders_LinkedToTheRegistry(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        foreach (var m in Program.Modules().Where(m => m.Name is "cluster" or "patents")) await m.SeedDemoAsync(db, CancellationToken.None);

        long records, families, linkedRecords, chineseTitles;
        Dictionary<string, long> jurisdictions;
        await using (var c = await db.OpenAsync())
        {
            records = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records");
            families = await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT family_id) FROM patents_records");
            linkedRecords = await c.ExecuteScalarAsync<long>("""
                SELECT COUNT(DISTINCT a.record_id) FROM patents_record_applicants a
                JOIN patents_applicants p ON p.name = a.applicant WHERE p.enabler_id IS NOT NULL
                """);
            chineseTitles = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records WHERE title LIKE '%抗体%'");
            jurisdictions = (await c.QueryAsync<(string J, long N)>("SELECT jurisdiction, COUNT(*) FROM patents_records GROUP BY jurisdiction"))
                .ToDictionary(r => r.J, r => r.N);
        }
        Assert.InRange(records, 200, 2000);
        Assert.True(families < records, $"{families} families of {records} records: some families have PCT, US or EP members");

        var all = await new PatentLandscape(db).RunAsync(new PatentFilter());
        Assert.Equal(records, all.Records);
        Assert.Equal(families, all.Families);
        Assert.Equal(jurisdictions.OrderBy(j => j.Key), all.Jurisdictions.OrderBy(j => j.Key));
        Assert.Contains("CN", all.Jurisdictions.Keys);
        Assert.NotEqual("undetermined", all.Phase.Phase);
        // Every demo record states a legal status, as a Lens export does.
        Assert.Equal(records, all.LegalStatuses.Values.Sum());
        Assert.Contains("ACTIVE", all.LegalStatuses.Keys);

        // Registry applicants and a few outsiders: the cluster filter keeps the records of linked applicants only.
        var cluster = await new PatentLandscape(db).RunAsync(new PatentFilter(ClusterMembers: true));
        Assert.Equal(linkedRecords, cluster.Records);
        Assert.InRange(cluster.Records, 1, records - 1);

        // Co-filings became co-patent joint actions, some of them between a university and an enterprise.
        var coPatents = (await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(Type: "co_patent", Take: 1000))).Items
            .Where(a => a.Source.StartsWith("patents:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(coPatents);
        Assert.All(coPatents, a => Assert.True(a.Participants.Count >= 2));
        Assert.Contains(coPatents, a => a.Description!.Contains("university–enterprise", StringComparison.Ordinal));

        // Chinese titles are searchable in Chinese.
        Assert.True(chineseTitles > 0);
        var found = await new PatentSearch(db).RunAsync(new PatentFilter(Text: "抗体"));
        Assert.Equal(chineseTitles, found.Total);
    }
}
