using System.CommandLine;
using System.Net;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Industry.Features.Demo;
using Archipelago.Modules.Industry.Features.Facts;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Archipelago.Tests.Industry;

/// <summary>The life cycle of a series another module offers through the kernel: a fake patents source in a test module
/// (page and API), the real Patents module on imported samples, and the industry's own employment facts through the CLI —
/// on both databases.</summary>
public class FactLifeCycleTests
{
    // Patents per priority year shaped as the increments of a logistic (K = 1,000, r = 0.6, midpoint 2012), rounded, with
    // 2009 missing from the offered series.
    static readonly (string Year, double Count)[] Yearly = Enumerable.Range(2000, 25).Where(y => y != 2009)
        .Select(y => (y.ToString(), Math.Round(1000 / (1 + Math.Exp(-0.6 * (y - 2012))) - 1000 / (1 + Math.Exp(-0.6 * (y - 1 - 2012)))))).ToArray();

    sealed class FakePatents : IFactSource
    {
        static readonly FactSeriesInfo Info = new("testpatents:families-priority", FactMeasure.Patents, "Patent families per priority year (test)", "families");
        public Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<FactSeriesInfo>>(measure is null or FactMeasure.Patents ? [Info] : []);
        public Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct) =>
            Task.FromResult(id == Info.Id ? new FactSeries(Info, Yearly.Select(y => new FactPoint(y.Year, y.Count)).ToList(), "test patent office, 2025 extract") : null);
        public Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct) => Task.FromResult<FactDate?>(null);
    }

    sealed class TestPatentsModule : IModule
    {
        public string Name => "testpatents";
        public IFactSource? Facts => new FakePatents();
        public void AddServices(IServiceCollection services) { }
        public void MapEndpoints(IEndpointRouteBuilder app) { }
        public IEnumerable<Command> Commands() => [];
        public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void Prepare_SumsTheYearlyCounts_AndNamesTheMissingYear()
    {
        var s = new FactSeries(new FactSeriesInfo("x:1", FactMeasure.Patents, "x", "families"), Yearly.Select(y => new FactPoint(y.Year, y.Count)).ToList(), "test");
        var (series, notes) = FactLifeCycle.Prepare(s, cumulate: true);
        // 2000 rounds to no family: the running total starts with the first family (2001), and says so.
        Assert.Equal(0, Yearly[0].Count);
        Assert.Equal(23, series.Count);
        Assert.Equal(2001, series.Periods[0]);
        Assert.Contains(notes, n => n.StartsWith("The running total is zero before 2001"));
        Assert.Equal(Yearly.Sum(y => y.Count), series.Values[^1]);
        Assert.Equal(Yearly.Take(9).Sum(y => y.Count), series.Values[7]);    // 2000–2008; 2009 is not invented
        Assert.Equal(2010, series.Periods[8]);
        Assert.Contains(notes, n => n.StartsWith("No figure for 2009 in the offered series"));
        Assert.Equal(Yearly.Select(y => y.Count), FactLifeCycle.Prepare(s, cumulate: false).Series.Values);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PageAndApi_FitAnotherModulesPatentSeries_AndSayWhereItCameFrom(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var app = WebHost.Build(db, ["--urls", "http://127.0.0.1:0"], [.. Program.Modules(), new TestPatentsModule()], jsonLogs: false);
        await app.StartAsync();
        try
        {
            var accounts = new AccountStore(db, TimeProvider.System);
            var account = await accounts.CreateAsync(Role.Viewer, Role.Viewer, Role.Viewer, TestApp.Password, null, "test");
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(WebHost.Addresses(app).First()) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", await accounts.CreateTokenAsync(account.Id, "test", null));
            await DemoIndustry.SeedAsync(db, default);

            var catalogue = await client.GetFromJsonAsync<JsonElement[]>("/api/industry/lifecycle/facts");
            Assert.Equal(["testpatents:families-priority"], catalogue!.Select(c => c.GetProperty("id").GetString()));   // the industry's employment is not a patents series

            var fit = await client.GetFromJsonAsync<JsonElement>("/api/industry/lifecycle/fact?id=testpatents:families-priority&forecast=2");
            var origin = fit.GetProperty("origin");
            Assert.Equal(("testpatents", "test patent office, 2025 extract", true), (origin.GetProperty("module").GetString(), origin.GetProperty("source").GetString(), origin.GetProperty("cumulated").GetBoolean()));
            var report = fit.GetProperty("report");
            Assert.True(report.GetProperty("cumulative").GetBoolean());
            Assert.Equal(23, report.GetProperty("n").GetInt32());
            Assert.True(report.GetProperty("refusal").ValueKind == JsonValueKind.Null, report.ToString());
            Assert.Contains(report.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("model").GetString() == "bass");
            Assert.Equal("maturity", report.GetProperty("stage").GetString());            // 2024 is 12 years past the midpoint
            Assert.Contains(fit.GetProperty("preparation").EnumerateArray(), n => n.GetString()!.Contains("2009"));
            var level = await client.GetFromJsonAsync<JsonElement>("/api/industry/lifecycle/fact?id=testpatents:families-priority&fit=level");
            Assert.False(level.GetProperty("report").GetProperty("cumulative").GetBoolean());
            var missing = await client.GetAsync("/api/industry/lifecycle/fact?id=testpatents:nothing");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            var page = await client.GetStringAsync("/industry/lifecycle?pick=fact%3Atestpatents%3Afamilies-priority&forecast=3");
            Assert.Contains("id=\"origin\"", page);
            Assert.Contains("test patent office, 2025 extract", page);
            Assert.Contains("id=\"stage\">maturity<", page);
            Assert.Contains("Patent families per priority year (test)", page);
            Assert.Contains("<optgroup", await client.GetStringAsync("/industry/lifecycle"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task RealPatentsModule_PatentFamiliesPerPriorityYear_Cumulated(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        Assert.True((await import.RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        Assert.True((await import.RunAsync(SharedData.Path("patents-wipo-ritonavir", "ritonavir.csv"), "wipo-landscape", "test")).Committed);
        var facts = new Facts(Program.Modules());
        Assert.Contains(await FactLifeCycle.CatalogueAsync(facts, db, default), i => i.Id == "patents:families-priority");

        var r = await FactLifeCycle.AssessAsync(facts, db, "patents:families-priority", cumulate: true, forecast: 0, default);
        // Families per earliest priority year 1980–2022 of the two samples, counted independently with pandas for the
        // Patents module's own tests (tests/Archipelago.Tests/Patents/facts_reference.py): 1,131 families in all.
        int[] families = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 1, 4, 6, 7, 20, 25, 43, 56, 36, 51, 63, 67, 74, 81, 99, 90, 67, 35, 5, 1, 10, 12, 9, 11, 10, 7, 11, 15, 8, 4, 1];
        Assert.Equal(("patents", "families", true), (r.Origin.Module, r.Origin.Unit, r.Origin.Cumulated));
        Assert.Equal((families.Length, 1980.0, 2022.0), (r.Report.N, r.Report.FirstPeriod!.Value, r.Report.LastPeriod!.Value));
        var (series, _) = FactLifeCycle.Prepare((await facts.SeriesAsync(db, "patents:families-priority", default))!, true);
        Assert.Equal(families.Sum(), series.Values[^1]);
        Assert.Equal(families.Take(20).Sum(), series.Values[19]);
        Assert.True(r.Report.Stage is not null || r.Report.Refusal is not null);
        Assert.False(string.IsNullOrWhiteSpace(r.Origin.Source));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Cli_ListsFacts_AndFitsOne(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await DemoIndustry.SeedAsync(db, default);
        var ws = db.SqliteFile is { } file ? new[] { "--data", Path.GetDirectoryName(file)! } : ["--database", db.ConnectionString];
        var list = await CliProcess.RunAsync([.. ws, "industry", "facts", "--measure", "employment"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("industry:employment|Guangdong|", list.Out);
        Assert.Contains("No module offers", (await CliProcess.RunAsync([.. ws, "industry", "facts"])).Error);   // no patents imported

        var fit = await CliProcess.RunAsync([.. ws, "industry", "lifecycle", "--fact", "industry:employment|Guangdong|", "--level", "--format", "json"]);
        Assert.Equal(0, fit.ExitCode);
        var j = JsonDocument.Parse(fit.Out).RootElement;
        Assert.Equal(("industry", false, 8), (j.GetProperty("origin").GetProperty("module").GetString(), j.GetProperty("cumulative").GetBoolean(), j.GetProperty("n").GetInt32()));
        Assert.Contains("SYNTHETIC", j.GetProperty("origin").GetProperty("source").GetString());
        var unknown = await CliProcess.RunAsync([.. ws, "industry", "lifecycle", "--fact", "industry:employment|Mars|"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No module offers a series 'industry:employment|Mars|'", unknown.Error);
        Assert.Equal(2, (await CliProcess.RunAsync([.. ws, "industry", "lifecycle", "--fact", "x:1", "--indicator", "output_value"])).ExitCode);
    }
}
