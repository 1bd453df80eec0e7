using Dapper;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Patents;

/// <summary>Applicants linked to registry enablers; co-applications become kernel co-patent joint actions.</summary>
public class PatentsCoPatentTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task CoApplications_BecomeCoPatentJointActions(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var enablers = new EnablerStore(db, TimeProvider.System);
        await enablers.AddAsync(new Enabler("sangamo", EnablerType.Enterprise, "Sangamo Therapeutics, Inc.", null, null, Region.None, null, null, "test"), "test");
        await enablers.AddAsync(new Enabler("dow", EnablerType.Enterprise, "Dow AgroSciences LLC", null, null, Region.None, null, null, "test"), "test");
        await enablers.AddAsync(new Enabler("utexas", EnablerType.University, "University of Texas", "德克萨斯大学", ["UNIV TEXAS"], Region.None, null, null, "test"), "test");

        var outcome = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal(3, outcome.Linked);
        // Counted from the raw file with pandas: rows whose Applicants hold both SANGAMO THERAPEUTICS INC and DOW
        // AGROSCIENCES LLC: 10; both SANGAMO THERAPEUTICS INC and UNIV TEXAS: 2; DOW and UNIV TEXAS: 0. Their families
        // (smallest of Simple Family Members and Lens ID) are 10 and 2 distinct ones, none shared: 12 families.
        Assert.Equal(12, outcome.JointActions);
        Assert.Equal(2, outcome.UniversityEnterprise);
        var actions = await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(Type: "co_patent", Take: 100));
        Assert.Equal(12, actions.Total);
        Assert.All(actions.Items, a => Assert.StartsWith("patent-family-", a.Key));
        Assert.All(actions.Items, a => Assert.Matches(@"^Co-applicants of US\d+[AB]\d", a.Description));

        var again = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal(0, again.JointActions); // running again adds only what is new
    }

    static string Lens(params string[] rows)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "family.csv");
        File.WriteAllText(path, "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Application Number,Application Date,"
            + "Priority Numbers,Earliest Priority Date,Title,Abstract,Applicants,Inventors,Simple Family Members,IPCR Classifications\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ACoFiledFamily_IsOneJointAction_KeptUpToDate(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        // Family 100: a Chinese first filing by a university and an enterprise, its PCT and US members (the US member
        // names the enterprise alone); family 200: one publication of two enterprises.
        var first = Lens(
            "1,CN,A,CN 111 A,100,2020-03-01,2020,CN 2019001 A,2019-05-01,CN 2019001 A,2019-05-01,Antibody,An antibody.,PEARL UNIV;;RUIKANG BIO CO LTD,LI;;WANG,100;;101;;102,C07K16/28",
            "2,WO,A1,WO 2020/000222 A1,101,2020-11-01,2020,CN 2020002 W,2020-04-20,CN 2019001 A,2019-05-01,Antibody,An antibody.,PEARL UNIV;;RUIKANG BIO CO LTD,LI;;WANG,100;;101;;102,C07K16/28",
            "3,US,A1,US 2021/0000333 A1,102,2021-06-01,2021,US 2020003 A,2020-10-01,CN 2019001 A,2019-05-01,Antibody,An antibody.,RUIKANG BIO CO LTD,LI;;WANG,100;;101;;102,C07K16/28",
            "4,CN,A,CN 444 A,200,2022-01-01,2022,CN 2021004 A,2021-02-01,CN 2021004 A,2021-02-01,Vaccine,A vaccine.,RUIKANG BIO CO LTD;;DELTA PHARMA GMBH,ZHAO,200,A61K39/00");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(first, "lens", "test")).Committed);
        var enablers = new EnablerStore(db, TimeProvider.System);
        var pearl = await enablers.AddAsync(new Enabler("pearl-u", EnablerType.University, "Pearl University", null, ["PEARL UNIV"], Region.None, null, null, "test"), "test");
        var ruikang = await enablers.AddAsync(new Enabler("ruikang", EnablerType.Enterprise, "Ruikang Bio Co., Ltd.", null, null, Region.None, null, null, "test"), "test");
        var delta = await enablers.AddAsync(new Enabler("delta", EnablerType.Enterprise, "Delta Pharma GmbH", null, null, Region.None, null, null, "test"), "test");
        var store = new JointActionStore(db, TimeProvider.System);
        // An action written per publication by an earlier version: replaced by its family's.
        await store.AddAsync(new JointAction("patent-CN111A", "co_patent", PartialDate.Parse("2019-05-01"), null,
            [new Participant(pearl.Id, "co_applicant"), new Participant(ruikang.Id, "co_applicant")], null, null, "Co-applicants of CN111A", "patents:CN111A"), "test");

        var outcome = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal((3L, 2L, 1L, 0L, 1L), (outcome.Linked, outcome.JointActions, outcome.UniversityEnterprise, outcome.Updated, outcome.Removed));
        var actions = (await store.SearchAsync(new JointActionQuery(Type: "co_patent"))).Items.OrderBy(a => a.Key).ToList();
        Assert.Equal(["patent-family-100", "patent-family-200"], actions.Select(a => a.Key));
        var family = actions[0];
        Assert.Equal("2019-05-01", family.Start.SortKey);
        Assert.Equal("Co-applicants of CN111A, WO2020000222A1 (one family; university–enterprise)", family.Description);
        Assert.Equal([pearl.Id, ruikang.Id], family.Participants.Select(p => p.EnablerId).Order());
        Assert.Equal([ruikang.Id, delta.Id], actions[1].Participants.Select(p => p.EnablerId).Order());
        Assert.Equal("2021-02-01", actions[1].Start.SortKey);

        // The US member is re-imported naming the second enterprise too: the family's action gains it, nothing is added.
        var second = Lens(
            "3,US,A1,US 2021/0000333 A1,102,2021-06-01,2021,US 2020003 A,2020-10-01,CN 2019001 A,2019-05-01,Antibody,An antibody.,RUIKANG BIO CO LTD;;DELTA PHARMA GMBH,LI;;WANG,100;;101;;102,C07K16/28");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(second, "lens", "test")).Committed);
        var again = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal((0L, 1L, 0L), (again.JointActions, again.Updated, again.Removed));
        family = (await store.SearchAsync(new JointActionQuery(Type: "co_patent", Text: "patent-family-100"))).Items.Single();
        Assert.Equal([pearl.Id, ruikang.Id, delta.Id], family.Participants.Select(p => p.EnablerId).Order());
        Assert.Equal("Co-applicants of CN111A, US20210000333A1, WO2020000222A1 (one family; university–enterprise)", family.Description);

        // A person describes the family's action in the registry and enters its value: both are theirs from now on.
        const string written = "Joint antibody programme; the enterprise took an exclusive licence in 2022";
        await store.UpdateAsync(new JointAction(family.Key, family.Type, family.Start, null, family.Participants, 1_500_000m, "CNY", written, family.Source) { Id = family.Id }, "analyst");

        // The second enterprise's link undone (and its registry name changed, so linking by name does not restore it): the
        // family of the two enterprises goes; the first family loses the second enterprise again, keeping what was written.
        await using (var c = await db.OpenAsync())
            await c.ExecuteAsync("UPDATE patents_applicants SET enabler_id = NULL WHERE enabler_id = @id", new { id = delta.Id });
        await enablers.UpdateAsync(new Enabler("delta", EnablerType.Enterprise, "Delta Biologics", null, null, Region.None, null, null, "test") { Id = delta.Id }, "test");
        var undone = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal((0L, 1L, 1L), (undone.JointActions, undone.Updated, undone.Removed));
        family = (await store.SearchAsync(new JointActionQuery(Type: "co_patent"))).Items.Single();
        Assert.Equal("patent-family-100", family.Key);
        Assert.Equal([pearl.Id, ruikang.Id], family.Participants.Select(p => p.EnablerId).Order());
        Assert.Equal((written, 1_500_000m, "CNY"), (family.Description, family.Value, family.Currency));
        var last = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal((0L, 0L, 0L), (last.JointActions, last.Updated, last.Removed));
    }
}
