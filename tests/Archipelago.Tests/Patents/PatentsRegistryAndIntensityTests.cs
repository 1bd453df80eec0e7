using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Intensity;
using Archipelago.Numerics.Tests;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Archipelago.Tests.Patents;

/// <summary>Applicants become registry enablers (create, then co-patents); intensity takes employment from another
/// module's series through the kernel facts (a fake industry monitor here).</summary>
public class PatentsRegistryAndIntensityTests
{
    [Theory]
    [InlineData("清华大学", "other", "university")]
    [InlineData("UNIV TEXAS", "university", "university")]
    [InlineData("CHINESE ACADEMY OF MEDICAL SCIENCES", "other", "university")]
    [InlineData("PEKING UNION MEDICAL COLLEGE HOSPITAL", "university", "user")]
    [InlineData("北京协和医院", "other", "user")]
    [InlineData("SEQUOIA CAPITAL", "other", "investor")]
    [InlineData("SMITH JOHN", "individual", "talent")]
    [InlineData("SANGAMO THERAPEUTICS", "company", "enterprise")]
    public void TheEnablerType_IsSuggestedFromTheName(string name, string kind, string type) =>
        Assert.Equal(type, ApplicantEnablers.SuggestType(name, kind).Code);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task CreatingEnablersFromApplicants_LinksThem_AndWritesCoPatents(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var applicants = new ApplicantEnablers(db, TimeProvider.System);
        var unlinked = await applicants.UnlinkedAsync("univ texas");
        Assert.Equal(("UNIV TEXAS", "university"), (Assert.Single(unlinked).Name, unlinked[0].SuggestedType));

        var sangamo = await applicants.CreateAsync("Sangamo Therapeutics, Inc.", null, "ana");
        Assert.Equal(("enterprise", 0L), (sangamo.Type, sangamo.Links.JointActions));
        var texas = await applicants.CreateAsync("UNIV TEXAS", "university", "ana");
        // Counted from the raw file with pandas (PatentsCoPatentTests): rows naming both SANGAMO THERAPEUTICS INC and UNIV TEXAS: 2.
        Assert.Equal((2L, 2L), (texas.Links.JointActions, texas.Links.UniversityEnterprise));
        var enabler = (await new EnablerStore(db, TimeProvider.System).GetByKeyAsync(texas.EnablerKey))!;
        Assert.Equal((EnablerType.University, "pat-univ-texas"), (enabler.Type, enabler.Key));
        Assert.StartsWith("patents:", enabler.Source);
        var actions = await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(Type: "co_patent", Take: 10));
        Assert.Equal(2, actions.Total);
        Assert.All(actions.Items, a => Assert.Contains(a.Participants, p => p.EnablerId == enabler.Id));
        await using (var c = await db.OpenAsync())
            Assert.Equal(enabler.Id, await c.ExecuteScalarAsync<long>("SELECT enabler_id FROM patents_applicants WHERE name = 'UNIV TEXAS'"));
        Assert.Equal("already_linked", (await Assert.ThrowsAsync<DomainException>(() => applicants.CreateAsync("UNIV TEXAS", null, "ana"))).Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<DomainException>(() => applicants.CreateAsync("NOBODY AT ALL", null, "ana"))).Code);
        Assert.DoesNotContain(await applicants.UnlinkedAsync(), a => a.Name == "UNIV TEXAS");
    }

    [Fact]
    public async Task CreatingAnEnabler_ThroughTheApiAndThePage_NeedsARegistryEditor()
    {
        await using var app = await TestApp.StartAsync(TestDatabases.Postgres);
        Assert.True((await new PatentImport(app.Db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var viewer = await app.ClientAsync("viewer");
        var body = new { applicant = "DOW AGROSCIENCES LLC", type = "enterprise" };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/patents/applicants/enabler", body)).StatusCode);
        var unlinked = (await viewer.GetFromJsonAsync<JsonArray>("/api/patents/applicants/unlinked?text=dow"))!;
        Assert.Equal("DOW AGROSCIENCES", Assert.Single(unlinked)!["name"]!.GetValue<string>());
        var operatorClient = await app.ClientAsync("operator");
        var created = await operatorClient.PostAsJsonAsync("/api/patents/applicants/enabler", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("pat-dow-agrosciences", (await created.Content.ReadFromJsonAsync<JsonObject>())!["enablerKey"]!.GetValue<string>());
        var again = await operatorClient.PostAsJsonAsync("/api/patents/applicants/enabler", body);
        Assert.Equal("already_linked", (await again.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        var page = await viewer.GetStringAsync("/patents/applicants");
        Assert.Contains("id=\"unlinked\"", page);
        Assert.DoesNotContain("CreateEnabler", page); // a viewer sees the suggested type, no form
        // Nor can a viewer post the page's forms (each handler checks; the page's token is the layout's).
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("CreateEnabler", new() { ["applicant"] = "SANGAMO THERAPEUTICS", ["type"] = "enterprise" }),
            ("Link", new()),
            ("", new() { ["variant"] = "SANGAMO BIOSCIENCES", ["canonical"] = "SANGAMO THERAPEUTICS" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var posted = await viewer.PostAsync($"/patents/applicants?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }
        Assert.Contains((await new ApplicantEnablers(app.Db, TimeProvider.System).UnlinkedAsync("sangamo")).Select(a => a.Name), n => n == "SANGAMO THERAPEUTICS");
    }

    /// <summary>A stand-in for the industry monitor: one yearly employment series and one quarterly.</summary>
    sealed class Monitor : IFactSource
    {
        static readonly FactSeriesInfo Yearly = new("monitor:biopharma-gz", FactMeasure.Employment, "Biopharma employment, Guangzhou", "persons", "Guangzhou", "biopharma");
        static readonly FactSeriesInfo Quarterly = new("monitor:biopharma-q", FactMeasure.Employment, "Biopharma employment (quarterly)", "persons");
        static readonly FactSeriesInfo Output = new("monitor:output", "output", "Industrial output", "CNY");
        public Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<FactSeriesInfo>>(new[] { Yearly, Quarterly, Output }.Where(s => measure is null || s.Measure == measure).ToList());
        public Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct) => Task.FromResult<FactSeries?>(id switch
        {
            "monitor:biopharma-gz" => new FactSeries(Yearly, [new("2019", 38_000), new("2020", 40_000)], "Guangzhou statistical yearbook"),
            "monitor:biopharma-q" => new FactSeries(Quarterly, [new("2020Q1", 10_000), new("2020Q2", 12_000), new("2020Q3", 14_000), new("2020Q4", 16_000)], "survey"),
            "monitor:output" => new FactSeries(Output, [new("2020", 1)], "yearbook"),
            _ => null,
        });
        public Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct) => Task.FromResult<FactDate?>(null);
    }

    sealed class MonitorModule : IModule
    {
        public string Name => "monitor";
        public IFactSource? Facts { get; } = new Monitor();
        public void AddServices(IServiceCollection services) { }
        public void MapEndpoints(IEndpointRouteBuilder app) { }
        public IEnumerable<Command> Commands() => [];
        public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task Employment_ComesFromASeriesForAYear_OrTheMeanOfItsQuarters()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite, migrate: false);
        var employment = new EmploymentFacts(new Facts([new MonitorModule()]), db);
        Assert.Equal(["monitor:biopharma-gz", "monitor:biopharma-q"], (await employment.CatalogueAsync()).Select(s => s.Id));
        var yearly = await employment.ValueAsync("monitor:biopharma-gz", 2020);
        Assert.Equal(40_000, yearly.Employees);
        Assert.Equal("Biopharma employment, Guangzhou (monitor:biopharma-gz; Guangzhou statistical yearbook), 2020", yearly.Source);
        var quarterly = await employment.ValueAsync("monitor:biopharma-q", 2020);
        Assert.Equal(13_000, quarterly.Employees);
        Assert.Contains("mean of 4 periods of 2020", quarterly.Source);
        Assert.Equal("no_value", (await Assert.ThrowsAsync<DomainException>(() => employment.ValueAsync("monitor:biopharma-gz", 2021))).Code);
        Assert.Equal("not_employment", (await Assert.ThrowsAsync<DomainException>(() => employment.ValueAsync("monitor:output", 2020))).Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<DomainException>(() => employment.ValueAsync("industry:gone", 2020))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Intensity_UsesAnEmploymentSeries_ThroughTheApiAndThePage(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var app = WebHost.Build(db, ["--urls", "http://127.0.0.1:0"], [.. Program.Modules(), new MonitorModule()], jsonLogs: false);
        await app.StartAsync();
        try
        {
            var accounts = new Archipelago.Kernel.Accounts.AccountStore(db, TimeProvider.System);
            var viewer = await accounts.CreateAsync("viewer", "viewer", "viewer", TestApp.Password, null, "test");
            var client = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app).First()) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", await accounts.CreateTokenAsync(viewer.Id, "test", null));

            var series = (await client.GetFromJsonAsync<JsonArray>("/api/patents/intensity/employment-series"))!;
            Assert.Equal(2, series.Count);
            // 1,000 patents over 40,000 employees = 250 per 10,000 employees; national average 25 → ratio 10.
            var r = (await client.GetFromJsonAsync<JsonObject>("/api/patents/intensity?patents=1000&employment_series=monitor:biopharma-gz&year=2020&national_density=25"))!;
            Assert.Equal(40_000, r["employees"]!.GetValue<double>());
            Assert.Equal(250, r["density"]!.GetValue<double>(), 9);
            Assert.Equal(10, r["densityRatio"]!.GetValue<double>(), 9);
            Assert.Contains("Guangzhou statistical yearbook", r["employmentSource"]!.GetValue<string>());
            var entered = (await client.GetFromJsonAsync<JsonObject>("/api/patents/intensity?patents=1000&employees=20000&national_density=25"))!;
            Assert.Equal("entered", entered["employmentSource"]!.GetValue<string>());
            var missingYear = await client.GetAsync("/api/patents/intensity?patents=1000&employment_series=monitor:biopharma-gz&national_density=25");
            Assert.Equal(HttpStatusCode.BadRequest, missingYear.StatusCode);

            var page = await client.GetStringAsync("/patents/intensity?Patents=1000&EmploymentSeries=monitor:biopharma-q&Year=2020&NationalDensity=25");
            Assert.Contains("value=\"monitor:biopharma-q\" selected", page);
            Assert.Contains("id=\"employment-source\"", page);
            Assert.Contains("mean of 4 periods of 2020", page);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
