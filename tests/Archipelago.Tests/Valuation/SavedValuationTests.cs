using System.Net;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Valuation.Features.Saved;
using Archipelago.Numerics.Finance;
using Dapper;

namespace Archipelago.Tests.Valuation;

/// <summary>Saved, versioned valuations on SQLite and PostgreSQL: store, API and CLI.</summary>
public class SavedValuationTests
{
    const string Minimal = ValuationCliTests.MinimalAsset;

    /// <summary>The minimal asset with peak sales 900 instead of 800.</summary>
    static readonly string HigherPeak = Minimal.Replace("\"peakSales\": 800", "\"peakSales\": 900");

    /// <summary>
    /// rNPV of <see cref="Minimal"/> is 26.887284 by the hand table in <see cref="ValuationCliTests"/>: development years
    /// −63.926703, market years +26.602215 + 64.211772 = +90.813987. Every market cash flow is 0.6 × peak sales × uptake
    /// (no launch cost, no tax), so peak sales 900 scales the market part by 9/8: 90.813987 × 1.125 = 102.165735, and
    /// rNPV = 102.165735 − 63.926703 = 38.239032.
    /// </summary>
    const double HandRnpv = 26.887284, HandRnpvHigherPeak = 38.239032;

    static SavedValuationStore Store(Archipelago.Kernel.Data.Database db) => new(db, TimeProvider.System);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task EveryEdit_IsANewVersion_WithItsAuthorAndResults(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = Store(db);
        var v1 = await store.CreateAsync("Minimal", Minimal, "alice", "first cut");
        var v2 = await store.AddVersionAsync(v1.ValuationId, HigherPeak, "bob", "peak sales from the new market study");

        Assert.Equal(1, v1.Version);
        Assert.Equal(2, v2.Version);
        var versions = await store.VersionsAsync(v1.ValuationId);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal(["bob", "alice"], versions.Select(v => v.Author));
        Assert.Equal("peak sales from the new market study", versions[0].Note);

        var summary = (await store.GetAsync(v1.ValuationId))!;
        Assert.Equal(("Minimal", "alice", 2), (summary.Name, summary.Owner, summary.LatestVersion));
        Assert.Equal(HandRnpvHigherPeak, summary.Rnpv, 1e-5);

        // The stored results come back as they were computed: the year table and the headline numbers.
        var first = (await store.GetVersionAsync(v1.ValuationId, 1))!;
        Assert.Equal(Minimal, first.AssetJson);
        Assert.Equal(HandRnpv, first.Rnpv, 1e-5);
        Assert.Equal(HandRnpv, first.Results.Rnpv.Rnpv, 1e-5);
        Assert.Equal(0.07869682704, first.Results.Rnpv.Loa, 1e-12);
        Assert.Equal(20, first.Results.Rnpv.Years.Count);
        Assert.Equal(-13.636364, first.Results.Rnpv.Years[0].DiscountedExpectedCf, 1e-6);
        Assert.Null(first.Results.MonteCarlo);
        Assert.Null(first.Results.Deal);
        Assert.Equal(HandRnpvHigherPeak, (await store.GetVersionAsync(v1.ValuationId))!.Rnpv, 1e-5);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Diff_NamesTheChangedInputs_AndHowRnpvMoved(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = Store(db);
        var v1 = await store.CreateAsync("Minimal", Minimal, "alice", null);
        await store.AddVersionAsync(v1.ValuationId, HigherPeak, "alice", null);
        var both = HigherPeak.Replace("\"probability\": 0.289", "\"probability\": 0.35");
        await store.AddVersionAsync(v1.ValuationId, both, "alice", null);

        var d = await store.DiffAsync(v1.ValuationId, 1, 2);
        var change = Assert.Single(d.Changes);
        Assert.Equal(("$.market.peakSales", "800", "900"), (change.Path, change.From, change.To));
        Assert.Equal(HandRnpvHigherPeak - HandRnpv, d.RnpvChange, 1e-5);
        // A single change: its effect alone is the whole move.
        Assert.Equal(d.RnpvChange, change.RnpvEffectAlone!.Value, 1e-9);

        var d13 = await store.DiffAsync(v1.ValuationId, 1, 3);
        Assert.Equal(["$.market.peakSales", "$.phases[1].probability"], d13.Changes.Select(c => c.Path).Order());
        // Each effect alone is the rNPV of version 1 with only that input changed, computed here from the library's
        // rNPV of those two variants, which the hand table above pins for the first.
        var probabilityOnly = Rnpv.Calculate(AssetJson.Parse(Minimal.Replace("\"probability\": 0.289", "\"probability\": 0.35")).Asset.Base).Value;
        Assert.Equal(probabilityOnly - HandRnpv, d13.Changes.Single(c => c.Path == "$.phases[1].probability").RnpvEffectAlone!.Value, 1e-5);
        Assert.Equal(HandRnpvHigherPeak - HandRnpv, d13.Changes.Single(c => c.Path == "$.market.peakSales").RnpvEffectAlone!.Value, 1e-5);

        await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => store.DiffAsync(v1.ValuationId, 1, 9));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadAsset_SavesNothing(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = Store(db);
        var e = await Assert.ThrowsAsync<ValuationInputException>(() => store.CreateAsync("Bad", Minimal.Replace("0.52", "1.2"), "alice", null));
        Assert.Equal(("probability_out_of_range", "$.phases[0].probability"), (e.Code, e.Field));
        var v1 = await store.CreateAsync("Good", Minimal, "alice", null);
        await Assert.ThrowsAsync<ValuationInputException>(() => store.AddVersionAsync(v1.ValuationId, Minimal.Replace("\"discountRate\": 0.1", "\"discountRate\": -1"), "alice", null));
        await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => store.CreateAsync("Good", Minimal, "bob", null));

        await using var c = await db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM valuation_saved"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM valuation_versions"));
        Assert.Equal(1, (await store.GetAsync(v1.ValuationId))!.LatestVersion);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ConcurrentEdits_GetDistinctVersions(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = Store(db);
        var v1 = await store.CreateAsync("Minimal", Minimal, "alice", null);
        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.AddVersionAsync(v1.ValuationId, HigherPeak, $"user{i}", null))));
        Assert.Equal([2, 3, 4, 5, 6, 7], saved.Select(v => v.Version).Order());
        Assert.Equal(7, (await store.GetAsync(v1.ValuationId))!.LatestVersion);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task UncertainAssetWithDeal_StoresMonteCarloTornadoAndDeal(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = Store(db);
        var json = await File.ReadAllTextAsync(ValuationCliTests.Example("phase1-asset-uncertain.json"));
        var v = await store.CreateAsync(null, json, "alice", null);
        var back = (await store.GetVersionAsync(v.ValuationId))!;
        var c = AssetJson.Parse(json);
        var mc = MonteCarlo.Run(c.Asset, new MonteCarloOptions(SavedResults.Paths, SavedResults.Seed));
        Assert.Equal(mc.Mean, back.Results.MonteCarlo!.Mean);
        Assert.Equal(mc.P95, back.Results.MonteCarlo.P95);
        Assert.NotEmpty(back.Results.Tornado!.Bars);

        var seed = await store.CreateAsync("seed 003", await File.ReadAllTextAsync(ValuationCliTests.Example("seed003-case.json")), "alice", null);
        var deal = (await store.GetVersionAsync(seed.ValuationId))!.Results.Deal!;
        Assert.Equal(deal.AssetRnpv, deal.LicensorValue + deal.LicenseeValue, 1e-9);
    }

    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Api_AnalystSavesAndEdits_ViewerReads_OnlyOwnerDeletes(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var analyst = await app.ClientAsync(Role.Analyst);
        var viewer = await app.ClientAsync(Role.Viewer);
        var op = await app.ClientAsync(Role.Operator);

        var created = await analyst.PostAsync("/api/valuation/saved?name=Minimal&note=first", Body(Minimal));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v1 = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = v1.GetProperty("id").GetInt64();
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("analyst", v1.GetProperty("owner").GetString());
        Assert.Equal(HandRnpv, v1.GetProperty("results").GetProperty("rnpv").GetProperty("rnpv").GetDouble(), 1e-5);
        Assert.Equal(0.52, v1.GetProperty("asset").GetProperty("phases")[0].GetProperty("probability").GetDouble());

        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsync("/api/valuation/saved?name=Minimal", Body(Minimal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/valuation/saved?name=Other", Body(Minimal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/valuation/saved/{id}/versions", Body(HigherPeak))).StatusCode);

        var bad = await op.PostAsync($"/api/valuation/saved/{id}/versions", Body(Minimal.Replace("0.289", "-0.1")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("$.phases[1].probability", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var v2 = await op.PostAsync($"/api/valuation/saved/{id}/versions?note=peak", Body(HigherPeak));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(2, (await v2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/valuation/saved");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(2, list.GetProperty("items")[0].GetProperty("latest_version").GetInt32());
        var versions = await viewer.GetFromJsonAsync<JsonElement>($"/api/valuation/saved/{id}/versions");
        Assert.Equal(["operator", "analyst"], versions.EnumerateArray().Select(v => v.GetProperty("author").GetString()));
        var old = await viewer.GetFromJsonAsync<JsonElement>($"/api/valuation/saved/{id}?version=1");
        Assert.Equal(HandRnpv, old.GetProperty("results").GetProperty("rnpv").GetProperty("rnpv").GetDouble(), 1e-5);

        var diff = await viewer.GetFromJsonAsync<JsonElement>($"/api/valuation/saved/{id}/diff");
        Assert.Equal((1, 2), (diff.GetProperty("from_version").GetInt32(), diff.GetProperty("to_version").GetInt32()));
        Assert.Equal(HandRnpvHigherPeak - HandRnpv, diff.GetProperty("rnpv_change").GetDouble(), 1e-5);
        Assert.Equal("$.market.peakSales", diff.GetProperty("changes")[0].GetProperty("path").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/valuation/saved/999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.DeleteAsync($"/api/valuation/saved/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/valuation/saved/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/valuation/saved/{id}")).StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Cli_SaveListShowDiff(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var where = db.SqliteFile is { } f ? new[] { "--data", Path.GetDirectoryName(f)! } : ["--database", db.ConnectionString];
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "v1.json"), Minimal);
        await File.WriteAllTextAsync(Path.Combine(dir, "v2.json"), HigherPeak);
        await File.WriteAllTextAsync(Path.Combine(dir, "bad.json"), Minimal.Replace("\"years\": 2,", "\"years\": -2,"));

        async Task<CliProcess.Result> Run(params string[] args)
        {
            var r = await CliProcess.RunAsync([.. args, .. where]);
            return r;
        }
        var s1 = await Run("valuation", "save", "--asset", Path.Combine(dir, "v1.json"), "--name", "Minimal", "--as", "carol");
        Assert.True(s1.ExitCode == 0, s1.Error);
        Assert.Contains("version 1", s1.Out);
        var s2 = await Run("valuation", "save", "--asset", Path.Combine(dir, "v2.json"), "--name", "Minimal", "--note", "new study", "--format", "json");
        Assert.True(s2.ExitCode == 0, s2.Error);
        Assert.Equal(2, JsonDocument.Parse(s2.Out).RootElement.GetProperty("version").GetInt32());

        var bad = await Run("valuation", "save", "--asset", Path.Combine(dir, "bad.json"), "--name", "Minimal");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.json $.phases[0].years", bad.Error);
        Assert.Contains("negative_duration", bad.Error);

        var list = JsonDocument.Parse((await Run("valuation", "list", "--format", "json")).Out).RootElement;
        Assert.Equal(2, list.GetProperty("items")[0].GetProperty("latest_version").GetInt32());
        Assert.Equal("cli:carol", list.GetProperty("items")[0].GetProperty("owner").GetString());

        var show = await Run("valuation", "show", "Minimal", "--version", "1");
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("rNPV  26.8873", show.Out);
        Assert.Contains("new study", show.Out);

        var diff = JsonDocument.Parse((await Run("valuation", "diff", "Minimal", "--format", "json")).Out).RootElement;
        Assert.Equal(HandRnpvHigherPeak - HandRnpv, diff.GetProperty("rnpv_change").GetDouble(), 1e-5);
        var text = await Run("valuation", "diff", "Minimal");
        Assert.Contains("$.market.peakSales", text.Out);

        var missing = await Run("valuation", "show", "Nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("not_found", missing.Error);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Scenarios_SideBySide_ApiCliAndPage(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var store = Store(app.Db);
        var a = await store.CreateAsync("Base case", Minimal, "alice", null);
        await store.CreateAsync("Higher peak", HigherPeak, "alice", null);
        var seed = await store.CreateAsync("Seed 003", await File.ReadAllTextAsync(ValuationCliTests.Example("seed003-case.json")), "alice", null);

        var viewer = await app.ClientAsync(Role.Viewer);
        var columns = await viewer.GetFromJsonAsync<JsonElement>($"/api/valuation/saved/compare?ids={a.ValuationId}&ids=Higher%20peak");
        Assert.Equal(["Base case", "Higher peak"], columns.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HandRnpv, columns[0].GetProperty("rnpv").GetDouble(), 1e-5);
        Assert.Equal(HandRnpvHigherPeak, columns[1].GetProperty("rnpv").GetDouble(), 1e-5);

        var page = await viewer.GetStringAsync($"/valuation/saved/compare?ids={a.ValuationId}&ids={seed.ValuationId}");
        Assert.Contains("different currencies", page);
        Assert.Contains("scenarios", page);
        // Seed 003 beside its one-shot price: the buyer's value at 20 at once is negative.
        var oneShot = await viewer.GetStringAsync($"/valuation/saved/{seed.ValuationId}?oneShot=20");
        Assert.Contains("One-shot price", oneShot);
        Assert.Contains("walks away", oneShot);

        var where = app.Db.SqliteFile is { } f ? new[] { "--data", Path.GetDirectoryName(f)! } : ["--database", app.Db.ConnectionString];
        var cli = await CliProcess.RunAsync(["valuation", "compare", "Base case", "Higher peak", "--format", "json", .. where]);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(HandRnpvHigherPeak, JsonDocument.Parse(cli.Out).RootElement[1].GetProperty("rnpv").GetDouble(), 1e-5);
    }
}
