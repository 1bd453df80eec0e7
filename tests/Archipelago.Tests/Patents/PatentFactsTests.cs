using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Facts;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Patents;

/// <summary>
/// The Patents module's facts for other modules: patent expiry of a publication number as users type it, and patents
/// per year — on real samples (Sangamo Lens export, WIPO ritonavir landscape) imported on SQLite and PostgreSQL.
/// </summary>
public class PatentFactsTests
{
    // Counts per year computed once, independently of our code, with pandas from the raw files:
    //   /usr/bin/python3 tests/Archipelago.Tests/Patents/facts_reference.py
    // (family = min(family members + the record's own key); year = first 4 characters of the earliest priority date and
    // of the publication date; gene therapy = an IPC symbol in main group A61K 48 — Sangamo 'A61K48/…', ritonavir's
    // compact 'A61K048…'; a family counts in the minimum year of its records; years in between without any are 0).
    // Every family in these two samples is a single record (both sources export one row per family), so the
    // hand-made family file below adds a family of three publications to tell families from records.
    static readonly Dictionary<string, int> FamiliesByPriority = Years(1980,
        1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 1, 4, 6, 7, 20, 25, 43, 56, 36, 51, 63, 67, 74, 81, 99, 90, 67, 35, 5, 1, 10, 12, 9, 11, 10, 7, 11, 15, 8, 4, 1);
    static readonly Dictionary<string, int> RecordsByPublication = Years(1989,
        1, 0, 0, 2, 1, 1, 7, 6, 9, 21, 26, 44, 40, 39, 45, 66, 71, 74, 105, 97, 86, 61, 2, 0, 0, 0, 0, 0, 14, 20, 21, 24, 11, 7, 17, 6, 7, 3);
    static readonly Dictionary<string, int> GeneTherapyFamiliesByPriority = Years(1997,
        1, 0, 3, 0, 2, 1, 1, 0, 0, 2, 1, 1, 2, 0, 0, 2, 3, 4, 5, 6, 3, 3, 4, 2, 1);
    static readonly Dictionary<string, int> GeneTherapyRecordsByPublication = Years(1998,
        1, 0, 1, 0, 0, 0, 3, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 4, 3, 7, 8, 4, 3, 4, 2, 3);

    static Dictionary<string, int> Years(int first, params int[] counts) =>
        counts.Select((n, i) => (Year: (first + i).ToString(), n)).ToDictionary(x => x.Year, x => x.n);

    // One family of three publications (an EP application, its grant, and the PCT application), written by hand:
    // priority 2017-05-02, filed 2018-04-30, published 2018 (WO), 2019 (EP A1), 2022 (EP B1).
    const string FamilyFile = """
        Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Application Date,Earliest Priority Date,Document Type,Simple Family Members,IPCR Classifications
        EP,A1,EP 3600001 A1,900-000-000-000-002,2019-11-13,2018-04-30,2017-05-02,Patent Application,900-000-000-000-001;;900-000-000-000-003,A61K31/55
        EP,B1,EP 3600001 B1,900-000-000-000-003,2022-06-01,2018-04-30,2017-05-02,Granted Patent,900-000-000-000-001;;900-000-000-000-002,A61K31/55
        WO,A1,WO 2018/200001 A1,900-000-000-000-001,2018-11-08,2018-04-30,2017-05-02,Patent Application,900-000-000-000-002;;900-000-000-000-003,A61K31/55
        """;

    static async Task<Database> WorkspaceAsync(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        Assert.True((await import.RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        Assert.True((await import.RunAsync(SharedData.Path("patents-wipo-ritonavir", "ritonavir.csv"), "wipo-landscape", "test")).Committed);
        return db;
    }

    static Dictionary<string, int> Points(FactSeries s) => s.Points.ToDictionary(p => p.Period, p => (int)p.Value);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PatentsPerYear_MatchPandas_ForTheWorkspaceAndASegment(string dialect)
    {
        var db = await WorkspaceAsync(dialect);
        var facts = new PatentFacts();
        var catalogue = await facts.CatalogueAsync(db, FactMeasure.Patents, default);
        Assert.Empty(await facts.CatalogueAsync(db, FactMeasure.Employment, default));
        Assert.Equal(catalogue.Count, catalogue.Select(i => i.Id).Distinct().Count());
        Assert.All(catalogue, i => Assert.StartsWith("patents:", i.Id));
        Assert.Contains(catalogue, i => i.Id == "patents:families-priority" && i.Label.Contains("priority year") && i.Unit == "families");
        Assert.Contains(catalogue, i => i.Id == "patents:records-publication" && i.Label.Contains("publication year") && i.Unit == "records");
        Assert.Contains(catalogue, i => i.Id == "patents:segment:gene-therapy:families-priority" && i.SubSector == "Gene therapy");
        Assert.Contains(catalogue, i => i.Id == "patents:field:16:records-publication" && i.SubSector == "Pharmaceuticals");
        // The kernel routes "patents:…" here, and every id the catalogue lists resolves.
        var kernel = new Facts([new Archipelago.Modules.Patents.PatentsModule()]);
        foreach (var info in catalogue) Assert.Equal(info, (await kernel.SeriesAsync(db, info.Id, default))!.Info);

        Assert.Equal(FamiliesByPriority, Points((await facts.SeriesAsync(db, "patents:families-priority", default))!));
        Assert.Equal(FamiliesByPriority, Points((await facts.SeriesAsync(db, "patents:records-priority", default))!));
        Assert.Equal(RecordsByPublication, Points((await facts.SeriesAsync(db, "patents:records-publication", default))!));
        Assert.Equal(GeneTherapyFamiliesByPriority, Points((await facts.SeriesAsync(db, "patents:segment:gene-therapy:families-priority", default))!));
        Assert.Equal(GeneTherapyRecordsByPublication, Points((await facts.SeriesAsync(db, "patents:segment:gene-therapy:records-publication", default))!));
        Assert.Null(await facts.SeriesAsync(db, "patents:segment:no-such-segment:families-priority", default));
        Assert.Null(await facts.SeriesAsync(db, "patents:families-by-moon-phase", default));

        // A family of three publications is one family in its priority year, three records over three publication years.
        var file = Path.Combine(Path.GetTempPath(), $"family-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, FamilyFile);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        File.Delete(file);
        var families = Points((await facts.SeriesAsync(db, "patents:families-priority", default))!);
        var records = Points((await facts.SeriesAsync(db, "patents:records-priority", default))!);
        Assert.Equal((FamiliesByPriority["2017"] + 1, FamiliesByPriority["2017"] + 3), (families["2017"], records["2017"]));
        var byPublication = Points((await facts.SeriesAsync(db, "patents:families-publication", default))!);
        Assert.Equal((RecordsByPublication["2018"] + 1, RecordsByPublication["2019"], RecordsByPublication["2022"]),
            (byPublication["2018"], byPublication["2019"], byPublication["2022"])); // counted once, in its first publication year
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Expiry_IsFilingPlusTwentyYears_WithItsBasis_ForTheNumberAsUsersTypeIt(string dialect)
    {
        var db = await WorkspaceAsync(dialect);
        var facts = new Facts([new Archipelago.Modules.Patents.PatentsModule()]);
        async Task<FactDate?> Expiry(string number) => await facts.DateAsync(db, FactMeasure.PatentExpiry, number, default);

        // Sangamo row 1: US 9833479 B2, Granted Patent, Application Date 2017-03-14, Earliest Priority Date 2014-07-30.
        foreach (var typed in new[] { "US 9833479 B2", "us9833479", "US 9,833,479", "US9833479B2" })
        {
            var d = await Expiry(typed);
            Assert.NotNull(d);
            Assert.Equal(("US9833479B2", new DateOnly(2037, 3, 14), "patents"), (d!.Key, d.Date, d.Module));
            Assert.Contains("granted: filed 2017-03-14 + 20 years (TRIPS art. 33)", d.Basis);
            Assert.Contains("may end as early as 2034-07-30", d.Basis); // priority more than 12 months before filing
            Assert.Contains("term extensions", d.Basis);
        }
        // Sangamo row 7: US 2023/0384310 A1, Patent Application, filed 2021-10-01 (priority 2020-10-01, within 12 months).
        var pending = await Expiry("US 2023/0384310 A1");
        Assert.Equal(new DateOnly(2041, 10, 1), pending!.Date);
        Assert.Contains("pending application, if granted: filed 2021-10-01", pending.Basis);
        Assert.DoesNotContain("continuation", pending.Basis);
        // Ritonavir: EP0490667 B1 filed 1991-12-11; US6040434 A (a US grant of 2000, before kind B existed) filed 1997-12-01.
        Assert.Equal(new DateOnly(2011, 12, 11), (await Expiry("ep 0490667"))!.Date);
        var oldUs = await Expiry("US6040434");
        Assert.Equal(new DateOnly(2017, 12, 1), oldUs!.Date);
        Assert.Contains("granted", oldUs.Basis);
        // Typed with a kind code the workspace does not hold: the grant of that number answers (EP1542012 B1, filed 2004-12-07).
        Assert.Equal(("EP1542012B1", new DateOnly(2024, 12, 7)), ((await Expiry("EP1542012A1"))!.Key, (await Expiry("EP1542012A1"))!.Date));

        // The hand-made family: the application EP3600001A1 is answered by its grant, filed 2018-04-30.
        var file = Path.Combine(Path.GetTempPath(), $"family-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, FamilyFile);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        File.Delete(file);
        var ep = await Expiry("EP 3600001 A1");
        Assert.Equal(("EP3600001B1", new DateOnly(2038, 4, 30)), (ep!.Key, ep.Date));
        var wo = await Expiry("WO2018200001");
        Assert.Equal(new DateOnly(2038, 4, 30), wo!.Date);
        Assert.Contains("PCT application", wo.Basis);

        Assert.Null(await Expiry("EP 9999999 B1"));
        Assert.Null(await Expiry("US983347")); // a prefix of a held number is another number
        Assert.Null(await Expiry(""));
        Assert.Null(await facts.DateAsync(db, "founding-date", "US9833479B2", default));
    }
}
