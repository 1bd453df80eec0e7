using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Cluster.Features.Demo;
using Archipelago.Modules.Cluster.Features.Network;

namespace Archipelago.Tests.Cluster;

/// <summary>What makes the network usable at 100,000 enablers: the workspace's data loaded once per data version, path
/// measures sampled above 20,000 enablers unless exact is asked, and long API computations answered 202 with a status URL.</summary>
public class NetworkScaleTests
{
    static Task<ClusterNetwork> LoadAsync(Database db, NetworkWindow window) =>
        ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), new Workspace(db), window);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task LoadedNetwork_IsRemembered_UntilTheRegistryChanges(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await ClusterNetworkTests.SeedSmallAsync(db);
        var first = await LoadAsync(db, new NetworkWindow());
        Assert.Same(first, await LoadAsync(db, new NetworkWindow()));   // nothing changed: the same window, not read again
        Assert.Equal((6, 5, 7), (first.Actions.Count, first.Graph.NodeCount, first.Graph.EdgeCount));

        // A new joint action C–D: read again, one more action and tie.
        var enablers = new EnablerStore(db, TimeProvider.System);
        var c = (await enablers.GetByKeyAsync("C"))!; var d = (await enablers.GetByKeyAsync("D"))!;
        var added = await new JointActionStore(db, TimeProvider.System).AddAsync(new JointAction("a7", "collaboration", PartialDate.Parse("2021-02"), null,
            [new Participant(c.Id, "lead"), new Participant(d.Id, "partner")], null, null, null, "test"), "test");
        var afterAdd = await LoadAsync(db, new NetworkWindow());
        Assert.NotSame(first, afterAdd);
        Assert.NotEqual(first.Key, afterAdd.Key);
        Assert.Equal((7, 5, 8), (afterAdd.Actions.Count, afterAdd.Graph.NodeCount, afterAdd.Graph.EdgeCount));
        Assert.Equal((2020, 2021), afterAdd.Years);

        // An enabler changed in place (same counts and ids): D moves to Guangzhou, so the licence is no longer abroad.
        await enablers.UpdateAsync(new Enabler(d.Key, d.Type, d.NameEn, d.NameZh, d.Aliases, new Region("Guangzhou", "Guangdong", "CN"), d.Segment,
            d.Attributes, d.Source) { Id = d.Id }, "test");
        var moved = await LoadAsync(db, new NetworkWindow(ActionTypes: ["licence"]));
        Assert.Equal((0, 1), (NetworkAnalysis.Indicators(moved).Abroad, NetworkAnalysis.Indicators(moved).Local));

        // A deleted joint action: back to six.
        await new JointActionStore(db, TimeProvider.System).DeleteAsync(added.Id, "test");
        Assert.Equal(6, (await LoadAsync(db, new NetworkWindow())).Actions.Count);
    }

    /// <summary>20,002 enablers in 10,001 bilateral deals: above the sampling limit, yet cheap to compute exactly.</summary>
    static ClusterNetwork Pairs()
    {
        var home = new Region("Guangzhou", "Guangdong", "CN");
        var enablers = Enumerable.Range(0, 20_002).Select(i =>
            new Enabler($"E{i:D5}", EnablerType.Enterprise, $"Enterprise {i}", null, null, home, null, null, "test") { Id = i + 1 }).ToList();
        var actions = Enumerable.Range(0, 10_001).Select(j => new JointAction($"A{j:D5}", "collaboration", PartialDate.Parse("2020-01"), null,
            [new Participant(2 * j + 1, "lead"), new Participant(2 * j + 2, "partner")], null, null, null, "test") { Id = j + 1 });
        return ClusterNetwork.Build(enablers, actions, home, new NetworkWindow());
    }

    [Fact]
    public void AboveTheLimit_PathMeasuresAreSampledWithAnError_UnlessExactIsAsked()
    {
        var net = Pairs();
        Assert.Equal(20_002, net.Graph.NodeCount);
        var sampled = NetworkAnalysis.PathsEstimate(net);
        Assert.Equal((false, NetworkAnalysis.Pivots), (sampled.Exact, sampled.Sources));
        Assert.Null(NetworkApi.ExactWarning(net, exact: false));
        var exact = NetworkAnalysis.PathsEstimate(net, exact: true);
        Assert.Equal((true, 20_002, 0.0), (exact.Exact, exact.Sources, exact.LargestStandardError));
        Assert.Contains("20,002 enablers", NetworkApi.ExactWarning(net, exact: true));
        // Exact: every enabler has one partner at distance 1 (Newman weight 1/(2−1)), so harmonic centrality is 1 for all;
        // sampled, it is scaled up from the few pivots that reach each one (most get 0).
        Assert.All(NetworkAnalysis.Measures(net, exact: true), m => Assert.Equal(1.0, m.Harmonic!.Value, 12));
        Assert.Contains(NetworkAnalysis.Measures(net), m => m.Harmonic is not (> 0.999 and < 1.001));
        Assert.Equal(0.0, NetworkAnalysis.Summary(net, exact: true).FreemanBetweennessCentralization!.Value, 12);
    }

    [Fact]
    public async Task Api_LongComputationAnswers202_ThenTheSameNumbersAsTheSynchronousPath()
    {
        await using var app = await TestApp.StartAsync();
        await DemoCluster.SeedAsync(app.Db, CancellationToken.None);
        var viewer = await app.ClientAsync(Role.Viewer);
        var summary = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/summary");
        var metrics = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/metrics");
        Assert.True(metrics.GetProperty("paths").GetProperty("exact").GetBoolean());

        // The same app treating every network as large and answering at once: 202 with a status URL, then the result.
        app.App.Configuration["Cluster:Network:BackgroundAbove"] = "0";
        app.App.Configuration["Cluster:Network:WaitSeconds"] = "0";
        foreach (var (what, expected, part) in new[] { ("metrics", metrics, "enablers"), ("summary", summary, "summary") })
        {
            // exact=true: a computation not asked before (the synchronous answers above are remembered).
            var accepted = await viewer.GetAsync($"/api/cluster/network/{what}?exact=true");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
            var status = job.GetProperty("statusUrl").GetString()!;
            Assert.Equal(status, accepted.Headers.Location!.OriginalString);
            Assert.Equal($"/api/cluster/network/{what}?exact=true", job.GetProperty("resultUrl").GetString());
            Assert.True(job.GetProperty("enablers").GetInt32() > 100);
            HttpResponseMessage poll;
            while ((poll = await viewer.GetAsync(status)).StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal("running", (await poll.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
                await Task.Delay(50);
            }
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            Assert.Equal("done", (await poll.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            var result = await viewer.GetFromJsonAsync<JsonElement>(job.GetProperty("resultUrl").GetString());
            Assert.Equal(expected.GetProperty(part).GetRawText(), result.GetProperty(part).GetRawText());
            Assert.Equal(JsonValueKind.Null, result.GetProperty("warning").ValueKind);
        }
        // The page with exact path measures asked: analysed as usual (the demo is small), no sampling note.
        var page = await viewer.GetStringAsync("/cluster/network?exact=true");
        Assert.Contains("data-chart=\"network-centralisation\"", page);
        Assert.DoesNotContain("class=\"sampled\"", page);
        var unknown = await viewer.GetAsync("/api/cluster/network/jobs/0123456789abcdef0123");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
