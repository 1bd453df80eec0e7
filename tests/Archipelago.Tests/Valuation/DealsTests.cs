using System.Net;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Cluster.Features.Demo;
using Archipelago.Modules.Valuation.Features.Deals;
using Archipelago.Modules.Valuation.Features.Saved;

namespace Archipelago.Tests.Valuation;

/// <summary>The deals register on SQLite and PostgreSQL: deals are kernel joint actions; imports are all-or-nothing.</summary>
public class DealsTests
{
    public const string Header = "key,kind,date,from_enabler,to_enabler,asset,stage,therapeutic_area,modality,territory,cross_border,currency,upfront,milestones,royalty_low,royalty_high,equity,disclosed_total,description";

    /// <summary>Four deals; the comparables below are worked out by hand from these rows.</summary>
    public const string Good = Header + "\n" +
        "D1,licence,2020-03,CN1,US1,A1,Phase II,Oncology,antibody,ex-China,,USD,45,700,0.10,0.15,,745,\n" +
        "D2,license,2021,CN2,US1,A2,Phase 2,oncology,antibody,,,USD,20,300,8%,12%,,320,\n" +
        "D3,licence,2022-05-01,CN1,CN2,A3,Phase II,Oncology,small molecule,China,,CNY,10,90,0.05,,,100,\n" +
        "D4,equity,2022,CN2,VC1,,Pre-clinical,Oncology,,,,CNY,,,,,80,80,\n";

    static async Task<Database> WorkspaceAsync(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, TimeProvider.System);
        foreach (var (key, country, type) in new[] { ("CN1", "CN", "enterprise"), ("CN2", "CN", "enterprise"), ("US1", "US", "enterprise"), ("VC1", "CN", "investor") })
            await enablers.AddAsync(new Enabler(key, EnablerType.Parse(type), "Enabler " + key, null, [], new Region(null, null, country), null, null, "test"), "test");
        return db;
    }

    static Task<DealImportOutcome> ImportAsync(Database db, string csv, string name = "deals.csv", bool commit = true) =>
        new DealStore(db, TimeProvider.System).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name, commit, "test");

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Import_StoresDealsAsJointActions_AndComparablesAreMediansByCurrency(string dialect)
    {
        var db = await WorkspaceAsync(dialect);
        var outcome = await ImportAsync(db, Good);
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        Assert.Equal(4, outcome.Created);

        // Each deal is a kernel joint action with two participants in their roles, valued at the disclosed total.
        var actions = await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery());
        Assert.Equal(4, actions.Total);
        var d1 = actions.Items.Single(a => a.Key == "D1");
        Assert.Equal(("licence", 745m, "USD"), (d1.Type, d1.Value!.Value, d1.Currency!));
        Assert.Equal(["licensee", "licensor"], d1.Participants.Select(p => p.Role).Order());
        Assert.Equal("investment", actions.Items.Single(a => a.Key == "D4").Type);

        var store = new DealStore(db, TimeProvider.System);
        var all = await store.ListAsync(new DealQuery());
        // Newest first by the first day a date can mean: 2022-05-01 before "2022" (2022-01-01).
        Assert.Equal(["D3", "D4", "D2", "D1"], all.Select(d => d.Deal.Key));
        // Cross-border when not given: the parties' countries differ (CN1→US1, CN2→US1), not for CN1→CN2.
        Assert.Equal([false, false, true, true], all.Select(d => d.Deal.CrossBorder!.Value));
        var d2 = all.Single(d => d.Deal.Key == "D2").Deal;
        Assert.Equal(("licence", "Phase II", 0.08, 0.12), (d2.Kind, d2.Stage, d2.RoyaltyLow!.Value, d2.RoyaltyHigh!.Value));

        // Phase II oncology: D1, D2 in USD; D3 in CNY. By hand: USD upfront (45 + 20) / 2 = 32.5, range 20–45;
        // milestones (700 + 300) / 2 = 500; royalty low (0.10 + 0.08) / 2 = 0.09, high (0.15 + 0.12) / 2 = 0.135;
        // total (745 + 320) / 2 = 532.5; upfront share (45/745 + 20/320) / 2 = (0.0604027 + 0.0625) / 2 = 0.0614513.
        var comparables = DealStore.Comparables(await store.ListAsync(new DealQuery(Stage: "Phase 2", Area: "ONCOLOGY")));
        var usd = comparables.Single(c => c.Currency == "USD");
        TermSummary T(ComparableTerms c, string term) => c.Terms.Single(t => t.Term == term);
        Assert.Equal(2, usd.Deals);
        Assert.Equal((2, 32.5, 20.0, 45.0), (T(usd, "upfront").N, T(usd, "upfront").Median!.Value, T(usd, "upfront").Min!.Value, T(usd, "upfront").Max!.Value));
        Assert.Equal(500, T(usd, "milestones").Median!.Value, 1e-12);
        Assert.Equal(0.09, T(usd, "royalty_low").Median!.Value, 1e-12);
        Assert.Equal(0.135, T(usd, "royalty_high").Median!.Value, 1e-12);
        Assert.Equal(532.5, T(usd, "disclosed_total").Median!.Value, 1e-12);
        Assert.Equal(0.0614513, T(usd, "upfront_share").Median!.Value, 1e-7);
        var cny = comparables.Single(c => c.Currency == "CNY");
        Assert.Equal((1, 10.0, 0.05), (cny.Deals, T(cny, "upfront").Median!.Value, T(cny, "royalty_high").Median!.Value));

        // By year: 2022 has D3 and D4, CNY 100 + 80 disclosed, median upfront share 10/100 (D4 has no upfront).
        var analysis = DealsApi.Analyse(all);
        var y2022 = analysis.ByYear.Single(g => g.Group == "2022");
        Assert.Equal((2, 180.0, 0.1), (y2022.Count, y2022.DisclosedValueByCurrency["CNY"], y2022.MedianUpfrontShare!.Value));
        Assert.Equal(["Pre-clinical", "Phase II"], analysis.ByStage.Select(g => g.Group));

        // An export imports again into an empty workspace, giving the same deals.
        var csv = await store.ExportCsvAsync(new DealQuery());
        var again = await WorkspaceAsync(dialect);
        var re = await ImportAsync(again, csv, "export.csv");
        Assert.True(re.Ok, string.Join("\n", re.Errors));
        Assert.Equal(all.Select(d => d.Deal with { ActionId = 0 }), (await new DealStore(again, TimeProvider.System).ListAsync(new DealQuery())).Select(d => d.Deal with { ActionId = 0 }));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadRows_AreAllReported_WithRowAndColumn_AndNothingIsStored(string dialect)
    {
        var db = await WorkspaceAsync(dialect);
        var bad = Good +
            "D5,licence,2023,CN1,XX9,A5,Phase I,Oncology,,,,USD,1,2,0.10,,,3,\n" +
            "D6,lease,2023,CN1,US1,A6,Phase I,Oncology,,,,USD,1,2,0.1,,,3,\n" +
            "D7,licence,2023-13,CN1,US1,A7,Phase I,Oncology,,,,USD,1,2,0.1,,,3,\n" +
            "D8,licence,2023,CN1,US1,A8,Phase I,Oncology,,,,USD,1,2,1.5,,,3,\n" +
            "D1,licence,2023,CN1,US1,A9,Phase I,Oncology,,,,USD,1,2,0.1,,,3,\n" +
            "D10,licence,2023,CN1,US1,A10,Phase I,Oncology,,,,,-4,,,,,,\n";
        var outcome = await ImportAsync(db, bad);
        Assert.False(outcome.Ok);
        var errors = outcome.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Equal([(6, "to_enabler"), (7, "kind"), (8, "date"), (9, "royalty_low"), (10, "key"), (11, "upfront")], errors);
        Assert.All(outcome.Errors, e => Assert.Equal("deals.csv", e.File));
        Assert.Contains("XX9", outcome.Errors[0].Reason);
        Assert.Equal(0, (await new DealStore(db, TimeProvider.System).ListAsync(new DealQuery())).Count);
        Assert.Equal(0, await new JointActionStore(db, TimeProvider.System).CountAsync());

        var missingColumn = await Assert.ThrowsAsync<Archipelago.Kernel.Import.ImportFileException>(() => ImportAsync(db, "key,kind,date\nD1,licence,2020\n"));
        Assert.Contains("from_enabler", missingColumn.Message);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Api_OperatorsWriteDeals_AnalystsAndViewersRead(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var enablers = new EnablerStore(app.Db, TimeProvider.System);
        foreach (var (key, country) in new[] { ("CN1", "CN"), ("CN2", "CN"), ("US1", "US"), ("VC1", "CN") })
            await enablers.AddAsync(new Enabler(key, EnablerType.Parse("enterprise"), "Enabler " + key, null, [], new Region(null, null, country), null, null, "test"), "test");
        var op = await app.ClientAsync(Role.Operator);
        var analyst = await app.ClientAsync(Role.Analyst);
        var viewer = await app.ClientAsync(Role.Viewer);
        var deal = new { key = "API1", kind = "licence", date = "2024-02", fromEnabler = "CN1", toEnabler = "US1", stage = "Phase I", therapeuticArea = "Oncology", currency = "USD", upfront = 12.5, royaltyLow = 0.07, disclosedTotal = 300 };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/valuation/deals", deal)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/valuation/deals", deal)).StatusCode);
        var created = await op.PostAsJsonAsync("/api/valuation/deals", deal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("crossBorder").GetBoolean());
        Assert.Equal(0.07, body.GetProperty("royaltyHigh").GetDouble());

        var bad = await op.PostAsJsonAsync("/api/valuation/deals", deal with { });
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        var badRate = await op.PostAsJsonAsync("/api/valuation/deals", new { key = "API2", kind = "licence", date = "2024", fromEnabler = "CN1", toEnabler = "US1", stage = "Phase I", royaltyLow = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Equal("royalty_low", (await badRate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        using var form = new MultipartFormDataContent { { new StringContent(Good), "file", "deals.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/valuation/deals/import", form)).StatusCode);
        using var form2 = new MultipartFormDataContent { { new StringContent(Good.Replace("Phase II,Oncology,antibody,ex-China", "Phase 9,Oncology,antibody,ex-China")), "file", "deals.csv" } };
        var rejected = await op.PostAsync("/api/valuation/deals/import", form2);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal("stage", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("column").GetString());
        using var form3 = new MultipartFormDataContent { { new StringContent(Good), "file", "deals.csv" } };
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("/api/valuation/deals/import", form3)).StatusCode);

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/valuation/deals?stage=Phase%20II");
        Assert.Equal(3, list.GetArrayLength());
        var comparables = await analyst.GetFromJsonAsync<JsonElement>("/api/valuation/deals/comparables?stage=Phase%20II&area=Oncology");
        Assert.Equal(32.5, comparables[0].GetProperty("terms")[0].GetProperty("median").GetDouble());
        var analysis = await viewer.GetFromJsonAsync<JsonElement>("/api/valuation/deals/analysis");
        Assert.Equal(5, analysis.GetProperty("deals").GetInt32());
        var csv = await viewer.GetStringAsync("/api/valuation/deals/export");
        Assert.Contains(Header, csv);
        Assert.Contains("API1,licence,2024-02,CN1,US1", csv);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Cli_ImportListComparables(string dialect)
    {
        var db = await WorkspaceAsync(dialect);
        var where = db.SqliteFile is { } f ? new[] { "--data", Path.GetDirectoryName(f)! } : ["--database", db.ConnectionString];
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "deals.csv"), Good);
        await File.WriteAllTextAsync(Path.Combine(dir, "bad.csv"), Good.Replace("2021,CN2", "2021,NOPE"));

        var bad = await CliProcess.RunAsync(["valuation", "deals", "import", Path.Combine(dir, "bad.csv"), .. where]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.csv, row 3, column 'from_enabler': no enabler with key 'NOPE'", bad.Error);
        var ok = await CliProcess.RunAsync(["valuation", "deals", "import", Path.Combine(dir, "deals.csv"), .. where]);
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("4 deals imported", ok.Out);
        var list = JsonDocument.Parse((await CliProcess.RunAsync(["valuation", "deals", "list", "--cross-border", "true", "--format", "json", .. where])).Out).RootElement;
        Assert.Equal(["D2", "D1"], list.EnumerateArray().Select(d => d.GetProperty("key").GetString()));
        var comparables = await CliProcess.RunAsync(["valuation", "deals", "comparables", "--stage", "Phase II", "--area", "Oncology", "--format", "json", .. where]);
        Assert.True(comparables.ExitCode == 0, comparables.Error);
        Assert.Equal(0.135, JsonDocument.Parse(comparables.Out).RootElement[0].GetProperty("terms")[3].GetProperty("median").GetDouble(), 1e-12);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Demo_HasDealsAmongTheDemoEnablers_AndAVersionedValuation(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        await new Archipelago.Modules.Valuation.ValuationModule().SeedDemoAsync(db, CancellationToken.None);
        var deals = await new DealStore(db, TimeProvider.System).ListAsync(new DealQuery());
        Assert.Equal(12, deals.Count);
        Assert.Contains(deals, d => d.Deal.CrossBorder == true && d.ToName == "Charles Point Therapeutics");
        var saved = await new SavedValuationStore(db, TimeProvider.System).ListAsync();
        Assert.Equal(2, saved.Items.Single(s => s.Name.StartsWith("PI-101")).LatestVersion);
        Assert.Equal("Dermatology", saved.Items.Single(s => s.Name.StartsWith("Seed 003")).TherapeuticArea);
    }
}
