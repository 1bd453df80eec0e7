using System.Net;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Industry.Features.Demo;
using Archipelago.Modules.Industry.Features.Peers;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Tests.Industry;

/// <summary>Peer regions by similarity over the demo's stored series, on both databases: the profile's values are the stored
/// figures transformed as documented, the ranking is <see cref="Numerics.Statistics.Similarity"/>'s (checked against R in the
/// numerics tests), missing indicators are named, and the page, API and CLI give the same peers.</summary>
public class PeersTests
{
    static readonly string[] Features = ["log:output_value", "growth:output_value", "log:enterprises", "log:employment", "share:output_value:biopharmaceutical_products"];

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Peers_OfGuangdong_OverTheDemoProvinces(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await DemoIndustry.SeedAsync(db, default);
        var store = new SeriesStore(db, TimeProvider.System);
        var peers = new PeerRegions(store);
        var r = await peers.RankAsync(new PeerRequest("Guangdong", Features, Exclude: ["China"]));
        Assert.Equal("2017", r.Period);
        Assert.Equal(7, r.Candidates);                                 // the other seven provinces; the nation left out
        Assert.Equal(3, r.MinShared);

        // The profile is the stored figures transformed as documented: ln level, CAGR over five years, sub-sector share.
        async Task<double> Figure(string indicator, string period, string subsector = "") =>
            (await store.ObservationsAsync(new SeriesKey(indicator, "Guangdong", subsector))).Single(o => o.Period == period).Value;
        Assert.Equal(Math.Log(await Figure("output_value", "2017")), r.Target.Values[0]!.Value, 12);
        Assert.Equal(Math.Pow(await Figure("output_value", "2017") / await Figure("output_value", "2012"), 1 / 5.0) - 1, r.Target.Values[1]!.Value, 12);
        Assert.Equal(await Figure("output_value", "2017", "biopharmaceutical_products") / await Figure("output_value", "2017"), r.Target.Values[4]!.Value, 12);

        // The ranking is Similarity.Rank over the same matrix: nearest first, every pair on all five indicators.
        Assert.Equal(5, r.Peers.Count);
        Assert.True(r.Peers.Zip(r.Peers.Skip(1)).All(p => p.First.Distance <= p.Second.Distance));
        Assert.All(r.Peers, p => Assert.Equal(5, p.Used.Count));
        Assert.Equal("Zhejiang", r.Peers[0].Region);                  // the invented province built closest to Guangdong
        Assert.Contains("Left out: China.", r.Notes);

        // Without the exclusion the nation is a candidate but far away; a region lacking indicators is named, not guessed.
        var withNation = await peers.RankAsync(new PeerRequest("Guangdong", Features, Top: 20));
        Assert.Equal("China", withNation.Peers[^1].Region);
        var refused = await Assert.ThrowsAsync<DomainException>(() => peers.RankAsync(new PeerRequest("Guangdong", ["log:output_value", "log:health_expenditure", "level:gross_profit_rate"], MinShared: 2)));
        Assert.Equal("too_few_indicators", refused.Code);
        Assert.Contains("log:health_expenditure", refused.Message);
        var china = await peers.RankAsync(new PeerRequest("China", ["log:output_value", "log:enterprises", "log:employment"], MinShared: 3));
        Assert.Equal(Math.Log(7697), china.Target.Values[1]!.Value, 12);  // seed 000's 7,697 enterprises in 2017
        Assert.Equal("bad_feature", (await Assert.ThrowsAsync<DomainException>(() => peers.RankAsync(new PeerRequest("Guangdong", ["share:output_value"])))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PageApiAndCli_GiveTheSamePeers(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        await DemoIndustry.SeedAsync(app.Db, default);
        var viewer = await app.ClientAsync(Role.Viewer);
        var query = "region=Guangdong&features=" + string.Join(",", Features) + "&exclude=China&top=3";
        var api = await viewer.GetAsync("/api/industry/peers?" + query);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadFromJsonAsync<JsonElement>();
        var apiPeers = json.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("region").GetString()).ToList();
        Assert.Equal(3, apiPeers.Count);
        Assert.Equal(5, json.GetProperty("peers")[0].GetProperty("profile").GetProperty("z_scores").GetArrayLength());

        var page = await viewer.GetStringAsync("/industry/peers?" + string.Join("&", Features.Select(f => "features=" + f)) + "&region=Guangdong&exclude=China&top=3");
        Assert.Contains("id=\"peers\"", page);
        Assert.Contains("<svg", page);
        Assert.True(page.IndexOf(apiPeers[0]!, StringComparison.Ordinal) < page.IndexOf(apiPeers[2]!, page.IndexOf("id=\"peers\"", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("Zhejiang", await viewer.GetStringAsync("/industry/peers"));   // defaults: Guangdong over the offered indicators

        var bad = await viewer.GetAsync("/api/industry/peers?region=Guangdong&features=median:output_value");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("bad_feature", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var ws = app.Db.SqliteFile is { } file ? new[] { "--data", Path.GetDirectoryName(file)! } : ["--database", app.Db.ConnectionString];
        var cli = await CliProcess.RunAsync([.. ws, "industry", "peers", "Guangdong", .. Features.SelectMany(f => new[] { "--feature", f }), "--exclude", "China", "--top", "3", "--format", "json"]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(apiPeers, JsonDocument.Parse(cli.Out).RootElement.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("region").GetString()));
        var table = await CliProcess.RunAsync([.. ws, "industry", "peers", "Guangdong", "-f", "log:output_value", "-f", "log:employment", "--exclude", "China"]);
        Assert.Contains("peers of Guangdong in 2017 over 2 indicators", table.Out);
    }
}
