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
using Archipelago.Numerics.Graphs;

namespace Archipelago.Tests.Cluster;

/// <summary>
/// The workspace's joint-action network on a hand-built cluster whose every number is worked out below, and on the demo.
/// <para>Home region Guangzhou. Enablers: P park company (cluster_promotion, Guangzhou), A enterprise (Guangzhou),
/// B enterprise (Shenzhen: domestic), C university (Guangzhou), D enterprise (GB: abroad). Joint actions, all in 2020:
/// a1 P–A service, a2 P–B service, a3 P–C collaboration, a4 P–D licence, a5 P–A service, a6 event with A, B and C.</para>
/// <para>Projection: a1..a5 give one tie each (P–A twice → weight 2); a6 with k = 3 gives 3·2/2 = 3 ties A–B, A–C, B–C.
/// 5 nodes, 7 ties, density 7/10 = 0.7; degrees P 4, A 3, B 3, C 3, D 1; weighted degree of P = 2+1+1+1 = 5.</para>
/// <para>Freeman degree centralisation (igraph, loops = TRUE, max n(n−1) = 20): Σ(4 − d) = 0+1+1+1+3 = 6 → 0.3. The Baran
/// form's loop-free version has max (n−1)(n−2) = 12 → 0.5 ≥ 0.5 → centralised. Betweenness: only D's paths to A, B, C
/// need an intermediary, always P: raw 3 for P, 0 elsewhere; Freeman Σ(3 − b) = 12 over (n−1)²(n−2)/2 = 24 → 0.5.</para>
/// <para>Brokerage of P (its group, cluster_promotion, is alone): open two-paths D–P–A and D–P–B join two enterprises
/// (itinerant, counted in both directions: 4); D–P–C joins an enterprise and a university (liaison: 2).</para>
/// <para>Indicators over 6 actions: enterprise–enterprise only a6 (A, B) → 1/6; enterprise with university only a6 → 1/6;
/// region: a1, a3, a5 local (3), a2 and a6 domestic (2, B is in Shenzhen), a4 abroad (1). Coverage: enterprise 3,
/// university 1, cluster_promotion 1, the other 8 types missing.</para>
/// </summary>
public class ClusterNetworkTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static readonly Region Guangzhou = new("Guangzhou", "Guangdong", "CN");

    internal static async Task SeedSmallAsync(Database db)
    {
        var clock = TimeProvider.System;
        await new Workspace(db).SetHomeRegionAsync(Guangzhou);
        var es = new EnablerStore(db, clock);
        var acts = new JointActionStore(db, clock);
        async Task<long> E(string key, EnablerType t, Region r) => (await es.AddAsync(new Enabler(key, t, key, null, null, r, null, null, "test"), "test")).Id;
        var p = await E("P", EnablerType.ClusterPromotion, Guangzhou);
        var a = await E("A", EnablerType.Enterprise, Guangzhou);
        var b = await E("B", EnablerType.Enterprise, new Region("Shenzhen", "Guangdong", "CN"));
        var c = await E("C", EnablerType.University, Guangzhou);
        var d = await E("D", EnablerType.Enterprise, new Region("Cambridge", null, "GB"));
        var n = 0;
        async Task Act(string type, params long[] ids) => await acts.AddAsync(new JointAction($"a{++n}", type, PartialDate.Parse("2020-05"), null,
            ids.Select(i => new Participant(i, "partner")), null, null, null, "test"), "test");
        await Act("service_engagement", p, a);
        await Act("service_engagement", p, b);
        await Act("collaboration", p, c);
        await Act("licence", p, d);
        await Act("service_engagement", p, a);
        await Act("event", a, b, c);
    }

    static Task<ClusterNetwork> LoadAsync(Database db, NetworkWindow window) =>
        ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), new Workspace(db), window);

    [Fact]
    public async Task SmallCluster_ProjectionWeightsCentralisationBrokerageAndIndicators_AsWorkedByHand()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await SeedSmallAsync(db);
        var net = await LoadAsync(db, new NetworkWindow(2020, 2020, Projection: ProjectionMethod.Clique));
        Assert.Equal(6, net.Actions.Count);
        Assert.Equal(5, net.Graph.NodeCount);
        Assert.Equal(7, net.Graph.EdgeCount);

        var m = NetworkAnalysis.Measures(net).ToDictionary(x => x.Key);
        Assert.Equal([4, 3, 3, 3, 1], new[] { "P", "A", "B", "C", "D" }.Select(k => m[k].Degree));
        Assert.Equal(5, m["P"].WeightedDegree);
        Assert.Equal(4, m["A"].WeightedDegree); // A: P (2) + B + C
        Assert.Equal(3.0 / 6, m["P"].Betweenness!.Value, 12); // NetworkX normalises raw 3 by (n−1)(n−2)/2 = 6
        Assert.Equal((4L, 2L, 6L), (m["P"].Itinerant, m["P"].Liaison, m["P"].Brokerage));
        Assert.Equal(0, m["A"].Brokerage);

        var s = NetworkAnalysis.Summary(net);
        Assert.Equal(0.7, s.Density!.Value, 12);
        Assert.Equal(0.3, s.FreemanDegreeCentralization!.Value, 12);
        Assert.Equal(0.5, s.FreemanBetweennessCentralization!.Value, 12);
        Assert.Equal(1, s.Components);
        Assert.Equal("centralised", s.BaranForm);

        var i = NetworkAnalysis.Indicators(net);
        Assert.Equal((1, 1), (i.EnterpriseEnterprise, i.PublicPrivateResearch));
        Assert.Equal(1.0 / 6, i.EnterpriseEnterpriseShare!.Value, 12);
        Assert.Equal((3, 2, 1, 0), (i.Local, i.Domestic, i.Abroad, i.UnknownRegion));
        Assert.Equal(0.5, i.LocalShare!.Value, 12);
        Assert.Equal(3, i.Coverage.Single(c => c.Type == "enterprise").Registered);
        Assert.Equal(8, i.MissingTypes.Count());
        Assert.Contains("investor", i.MissingTypes);
    }

    /// <summary>
    /// Newman's projection of the same cluster: a1..a5 have k = 2 (weight 1 each), the event a6 has k = 3 so A–B, A–C, B–C
    /// weigh 1/2. Weighted degree: P 2+1+1+1 = 5, A 2 + 1/2 + 1/2 = 3, D 1. Paths over distances 1/w: P–A 0.5, P–B = P–C =
    /// P–D = 1, A–B = A–C = B–C = 2. A–B and A–C go through P (1.5 &lt; 2); B–C has two shortest paths of length 2 (direct and
    /// via P) → P gets 1/2; D's three pairs go through P. Raw betweenness of P = 1 + 1 + 0.5 + 3 = 5.5, NetworkX-normalised
    /// 5.5/6; everyone else 0, so Freeman's betweenness centralisation is 4 · 5.5 / 24 = 11/12. Ties and their count
    /// (degree centralisation 0.3) are as with the clique.
    /// </summary>
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SmallCluster_NewmanProjection_AsWorkedByHand(string provider)
    {
        var db = await TestDatabases.CreateAsync(provider);
        await SeedSmallAsync(db);
        var net = await LoadAsync(db, new NetworkWindow(2020, 2020));
        Assert.Equal(ProjectionMethod.Newman, net.Window.Projection);
        Assert.Equal(7, net.Graph.EdgeCount);
        var m = NetworkAnalysis.Measures(net).ToDictionary(x => x.Key);
        Assert.Equal(5, m["P"].WeightedDegree, 12);
        Assert.Equal(3, m["A"].WeightedDegree, 12);
        Assert.Equal(1, m["D"].WeightedDegree, 12);
        Assert.Equal(5.5 / 6, m["P"].Betweenness!.Value, 12);
        Assert.All(m.Values.Where(x => x.Key != "P"), x => Assert.Equal(0, x.Betweenness!.Value, 12));
        var s = NetworkAnalysis.Summary(net);
        Assert.Equal(0.3, s.FreemanDegreeCentralization!.Value, 12);
        Assert.Equal(11.0 / 12, s.FreemanBetweennessCentralization!.Value, 12);

        // Star: no participant of a6 is an organiser, so it stays a clique — the same ties as Newman, with weight 1.
        var star = await LoadAsync(db, new NetworkWindow(2020, 2020, Projection: ProjectionMethod.Star));
        Assert.Equal(4, NetworkAnalysis.Measures(star).Single(x => x.Key == "A").WeightedDegree, 12);
        // Leaving out the event type: a1..a5 only, a star around P.
        var noEvent = await LoadAsync(db, new NetworkWindow(ExcludeActionTypes: ["event"]));
        Assert.Equal((5, 5, 4), (noEvent.Actions.Count, noEvent.Graph.NodeCount, noEvent.Graph.EdgeCount));
        Assert.Equal("centralised", NetworkAnalysis.Summary(noEvent).BaranForm);
    }

    [Fact]
    public async Task Demo_StarProjection_TurnsTheForumIntoAStar_NewmanDiscountsIt()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var events = await LoadAsync(db, new NetworkWindow(2023, 2023, ActionTypes: ["event"], Projection: ProjectionMethod.Clique));
        var forum = Assert.Single(events.Actions);
        var k = forum.Participants.Count;
        Assert.Equal(k * (k - 1) / 2, events.Graph.EdgeCount);
        // Newman: the same ties, each 1/(k−1), so every attendee's weighted degree is exactly 1.
        var newman = await LoadAsync(db, new NetworkWindow(2023, 2023, ActionTypes: ["event"]));
        Assert.All(NetworkAnalysis.Measures(newman), x => Assert.Equal(1, x.WeightedDegree, 9));
        // Star: attendees tied to the organiser and the co-organiser only.
        var star = await LoadAsync(db, new NetworkWindow(2023, 2023, ActionTypes: ["event"], Projection: ProjectionMethod.Star));
        var organisers = forum.Organisers;
        Assert.Equal(2, organisers);
        Assert.Equal(1 + 2 * (k - 2), star.Graph.EdgeCount);
        Assert.Equal("centralised", NetworkAnalysis.Summary(star).BaranForm);
    }

    [Fact]
    public async Task Filters_ActionTypeEnablerTypeAndScope_AndEmptyOrTinyWindowsAreDefined()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await SeedSmallAsync(db);
        // Only the licence: P–D, two nodes, one tie; centralisation undefined for n = 2 but never an exception.
        var licence = await LoadAsync(db, new NetworkWindow(ActionTypes: ["licence"]));
        Assert.Equal((1, 2, 1), (licence.Actions.Count, licence.Graph.NodeCount, licence.Graph.EdgeCount));
        Assert.Equal("indeterminate", NetworkAnalysis.Summary(licence).BaranForm);
        Assert.Equal(1, NetworkAnalysis.Indicators(licence).Abroad);
        // Enterprises only: a6 keeps A and B (one enterprise–enterprise action); the P actions lose all but one participant.
        var enterprises = await LoadAsync(db, new NetworkWindow(EnablerTypes: ["enterprise"]));
        Assert.Equal(1, Assert.Single(enterprises.Actions).Participants.Count - 1);
        Assert.Equal(1, NetworkAnalysis.Indicators(enterprises).EnterpriseEnterprise);
        // Home region only: D and B leave; P–A twice, P–C, A–C from the event → 3 nodes.
        var local = await LoadAsync(db, new NetworkWindow(Scopes: [RegionScope.Local]));
        Assert.Equal(3, local.Graph.NodeCount);
        Assert.Equal(4, local.Actions.Count);
        // A window without actions.
        var empty = await LoadAsync(db, new NetworkWindow(1990, 1995));
        var s = NetworkAnalysis.Summary(empty);
        Assert.Equal((0, 0, null), (s.Nodes, s.Actions, s.FreemanDegreeCentralization));
        Assert.Empty(NetworkAnalysis.Measures(empty));
        Assert.Empty(NetworkAnalysis.Evolution(empty));
        Assert.Null(NetworkAnalysis.Indicators(empty).LocalShare);
        await Assert.ThrowsAsync<DomainException>(() => LoadAsync(db, new NetworkWindow(2021, 2020)));
    }

    [Fact]
    public async Task Demo_DegreeCentralisationFalls_FromOneCentreToMany()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var early = NetworkAnalysis.Summary(await LoadAsync(db, new NetworkWindow(2011, 2014)));
        var late = NetworkAnalysis.Summary(await LoadAsync(db, new NetworkWindow(2020, 2023)));
        Assert.True(early.FreemanDegreeCentralization > late.FreemanDegreeCentralization,
            $"2011–2014 {early.FreemanDegreeCentralization} should exceed 2020–2023 {late.FreemanDegreeCentralization}");
        var years = NetworkAnalysis.Evolution(await LoadAsync(db, new NetworkWindow()));
        Assert.Equal(Enumerable.Range(2011, 13), years.Select(y => y.Year));
        Assert.True(years[0].FreemanDegreeCentralization > years[^1].FreemanDegreeCentralization);
        // The yearly forum (one event, up to ~55 participants) becomes a clique in the projection and mutes the fall
        // (0.42 in 2011 to 0.27 in 2023); bilateral and small joint actions alone show it plainly (about 0.7–0.8 to 0.05–0.1).
        var withoutEvents = NetworkAnalysis.Evolution(await LoadAsync(db,
            new NetworkWindow(ActionTypes: JointActionType.BuiltIn.Select(t => t.Code).Where(c => c != "event").ToList())));
        Assert.All(withoutEvents.Where(y => y.Year <= 2014), y => Assert.Equal("centralised", y.BaranForm));
        Assert.All(withoutEvents.Where(y => y.Year >= 2019), y => Assert.True(y.FreemanDegreeCentralization < 0.2));
        output.WriteLine(string.Join("\n", years.Select(y =>
            $"{y.Year} actions={y.Actions} nodes={y.Nodes} edges={y.Edges} density={y.Density:0.000} deg={y.FreemanDegreeCentralization:0.000} betw={y.FreemanBetweennessCentralization:0.000} Q={y.Modularity:0.000} comm={y.Communities} {y.BaranForm}"))
            + $"\nwindow 2011-2014 deg={early.FreemanDegreeCentralization:0.000} {early.BaranForm}; 2020-2023 deg={late.FreemanDegreeCentralization:0.000} {late.BaranForm}\n"
            + string.Join("\n", NetworkAnalysis.Evolution(await LoadAsync(db, new NetworkWindow(ActionTypes: JointActionType.BuiltIn.Select(t => t.Code).Where(c => c != "event").ToList())))
                .Select(y => $"no-events {y.Year} nodes={y.Nodes} edges={y.Edges} deg={y.FreemanDegreeCentralization:0.000} betw={y.FreemanBetweennessCentralization:0.000} {y.BaranForm}")));
    }

    [Fact]
    public async Task Page_OnTheDemo_DrawsTheCentralisationChartAndTheTopEnablers()
    {
        await using var app = await TestApp.StartAsync();
        await DemoCluster.SeedAsync(app.Db, CancellationToken.None);
        var viewer = await app.ClientAsync(Role.Viewer);
        var html = await viewer.GetStringAsync("/cluster/network");
        Assert.Contains("data-chart=\"network-centralisation\"", html);
        Assert.Equal(50, html.Split("<a href=\"/cluster/enablers/").Length - 1); // the first 50 rows link to their enablers
        Assert.Contains("data-src=\"/api/cluster/network/graph\"", html);
        Assert.Contains("/js/cluster-network.js", html);
        var focused = await viewer.GetStringAsync("/cluster/network?focus=E0001&size=pagerank&sort=pagerank");
        Assert.Contains("<table class=\"list neighbourhood\">", focused);
        Assert.Contains("No enabler matching", await viewer.GetStringAsync("/cluster/network?focus=zzz-nobody"));
        // In the single-centre years the park company is in the top 20 by betweenness.
        Assert.Contains("Pearl Isle Bio Park Development Co., Ltd.", await viewer.GetStringAsync("/cluster/network?from=2011&to=2014"));
        Assert.Contains("?sort=degree", html.Replace("&amp;", "&").ToLowerInvariant());
        var bad = await viewer.GetStringAsync("/cluster/network?from=2021&to=2020");
        Assert.Contains("after its end", bad);
    }

    [Fact]
    public async Task GraphEndpoint_LayoutFocusGroupsAndBadInput()
    {
        await using var app = await TestApp.StartAsync();
        await SeedSmallAsync(app.Db);
        var viewer = await app.ClientAsync(Role.Viewer);
        var all = (await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/graph?size=betweenness&projection=clique")).GetProperty("drawing");
        Assert.Equal(("all", 5, 7), (all.GetProperty("view").GetString(), all.GetProperty("nodes").GetArrayLength(), all.GetProperty("edges").GetArrayLength()));
        var p = all.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("key").GetString() == "P");
        Assert.Equal(0.5, p.GetProperty("size").GetDouble(), 12); // clique betweenness of P as worked above
        Assert.Equal("cluster_promotion", p.GetProperty("type").GetString());
        var width = all.GetProperty("width").GetDouble();
        Assert.All(all.GetProperty("nodes").EnumerateArray(), n => Assert.InRange(n.GetProperty("x").GetDouble(), 0, width));
        // Focus by name fragment: D and its only neighbour P.
        var focus = (await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/graph?focus=d")).GetProperty("drawing");
        Assert.Equal(("focus", "D", 2, 1), (focus.GetProperty("view").GetString(), focus.GetProperty("focus").GetString(),
            focus.GetProperty("nodes").GetArrayLength(), focus.GetProperty("edges").GetArrayLength()));
        var bad = await viewer.GetAsync("/api/cluster/network/graph?size=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("bad_size", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/cluster/network/graph?focus=nobody")).StatusCode);
        var empty = (await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/graph?from=1990&to=1991")).GetProperty("drawing");
        Assert.Equal(0, empty.GetProperty("nodeCount").GetInt32());
    }

    /// <summary>Above the drawing limit the first view shows communities; a group opens its members.</summary>
    [Fact]
    public async Task Drawing_AboveTheLimit_ShowsCommunitiesThenOneCommunity()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var net = await LoadAsync(db, new NetworkWindow());
        var groups = NetworkDrawingBuilder.Build(net, "pagerank", null, null, chinese: false, limit: 20);
        Assert.Equal("groups", groups.View);
        Assert.Empty(groups.Nodes);
        Assert.Equal(net.Graph.NodeCount, groups.Groups.Sum(g => g.Members));
        Assert.True(groups.Groups.Count >= 2);
        var one = NetworkDrawingBuilder.Build(net, "pagerank", null, groups.Groups[0].Id, chinese: false, limit: 20);
        Assert.Equal("group", one.View);
        Assert.Equal(Math.Min(20, groups.Groups[0].Members), one.Nodes.Count);
        Assert.All(one.Nodes, n => Assert.Equal(groups.Groups[0].Id, n.Community));
        Assert.Throws<DomainException>(() => NetworkDrawingBuilder.Build(net, null, null, 999, chinese: false));
    }

    /// <summary>Above the limit only the community super-graph is laid out (each group has its own place in the drawing), and an
    /// opened community is laid out on its own, inside the drawing's width.</summary>
    [Fact]
    public async Task Drawing_AboveTheLimit_LaysOutTheSuperGraphAndTheOpenedCommunity()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var net = await LoadAsync(db, new NetworkWindow());
        var groups = NetworkDrawingBuilder.Build(net, "degree", null, null, chinese: false, limit: 20);
        Assert.Equal(groups.Groups.Count, groups.Groups.Select(g => (g.X, g.Y)).Distinct().Count());
        Assert.All(groups.Groups, g => Assert.InRange(g.X, -groups.Width, 2 * groups.Width));
        var biggest = groups.Groups.MaxBy(g => g.Members)!;
        var one = NetworkDrawingBuilder.Build(net, "degree", null, biggest.Id, chinese: false, limit: 20);
        Assert.Equal(one.Nodes.Count, one.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
        Assert.All(one.Nodes, n => Assert.InRange(n.X, -one.Width, 2 * one.Width));
        // asked again, the remembered layout is used
        var again = NetworkDrawingBuilder.Build(net, "degree", null, biggest.Id, chinese: false, limit: 20);
        Assert.Equal(one.Nodes.Select(n => (n.X, n.Y)), again.Nodes.Select(n => (n.X, n.Y)));
    }

    /// <summary>Work on a network runs once per key, reports its step, and a failure is forgotten so the next request retries.</summary>
    [Fact]
    public async Task NetworkCache_RunsOncePerKey_AndForgetsFailures()
    {
        var key = Guid.NewGuid().ToString("N");
        var runs = 0;
        var (first, progress) = NetworkCache.Start(key, p => { p.Step = "counting"; return Interlocked.Increment(ref runs); });
        var (second, _) = NetworkCache.Start(key, _ => Interlocked.Increment(ref runs));
        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
        Assert.Equal("counting", progress.Step);
        Assert.Equal(1, runs);
        var failing = Guid.NewGuid().ToString("N");
        await Assert.ThrowsAsync<DomainException>(() => NetworkCache.Start<int>(failing, _ => throw new DomainException("x", "no")).Work);
        // The failure is forgotten by a continuation on the thread pool: on a busy machine that can take a while, so the
        // wait is generous (a minute) — this checks that it is forgotten, not how fast.
        for (var i = 0; i < 3000; i++) { await Task.Delay(20); if (NetworkCache.Start(failing, _ => 7).Work is { IsCompletedSuccessfully: true } t && t.Result == 7) return; }
        Assert.Fail("the failed computation was remembered");
    }

    [Fact]
    public async Task Cli_NetworkSummaryAndEvolution_OnAWorkspace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        var db = Database.Sqlite(dir);
        await new Migrator(db).MigrateAsync();
        await SeedSmallAsync(db);
        var r = await CliProcess.RunAsync("--data", dir, "network", "summary", "--from", "2020", "--to", "2020", "--projection", "clique");
        Assert.True(r.ExitCode == 0, r.Error);
        var j = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(5, j.GetProperty("nodes").GetInt32());
        Assert.Equal(7, j.GetProperty("edges").GetInt32());
        Assert.Equal(0.3, j.GetProperty("freeman_degree_centralization").GetDouble(), 12);
        Assert.Equal("centralised", j.GetProperty("baran_form").GetString());

        var typed = await CliProcess.RunAsync("--data", dir, "network", "summary", "--type", "licence");
        Assert.Equal(2, JsonDocument.Parse(typed.Out).RootElement.GetProperty("nodes").GetInt32());

        var evolution = await CliProcess.RunAsync("--data", dir, "network", "evolution", "--format", "json");
        Assert.True(evolution.ExitCode == 0, evolution.Error);
        var year = Assert.Single(JsonDocument.Parse(evolution.Out).RootElement.EnumerateArray());
        Assert.Equal(2020, year.GetProperty("year").GetInt32());
        Assert.Equal(11.0 / 12, year.GetProperty("freeman_betweenness_centralization").GetDouble(), 12); // Newman by default (see above)

        var filtered = await CliProcess.RunAsync("--data", dir, "network", "summary", "--exclude", "event", "--enabler-type", "enterprise,cluster_promotion", "--scope", "local,domestic,abroad");
        Assert.True(filtered.ExitCode == 0, filtered.Error);
        var f = JsonDocument.Parse(filtered.Out).RootElement;
        Assert.Equal((4, 3, "newman"), (f.GetProperty("nodes").GetInt32(), f.GetProperty("edges").GetInt32(), f.GetProperty("projection").GetString()));
        var badScope = await CliProcess.RunAsync("--data", dir, "network", "summary", "--scope", "moon");
        Assert.Equal(1, badScope.ExitCode);
        Assert.Contains("moon", badScope.Error);

        var metrics = await CliProcess.RunAsync("--data", dir, "network", "metrics");
        Assert.Equal(0, metrics.ExitCode);
        Assert.Contains(metrics.Out.Split('\n'), l => l.StartsWith("P,cluster_promotion,4,5,"));
    }

    [Fact]
    public async Task Api_ViewerReads_AnonymousIs401()
    {
        await using var app = await TestApp.StartAsync();
        await SeedSmallAsync(app.Db);
        var viewer = await app.ClientAsync(Role.Viewer);
        var summary = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/summary?from=2020&to=2020&projection=clique");
        Assert.Equal(0.3, summary.GetProperty("summary").GetProperty("freemanDegreeCentralization").GetDouble(), 12);
        var metrics = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/metrics");
        Assert.Equal(5, metrics.GetProperty("enablers").GetArrayLength());
        var evolution = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/evolution?cumulative=true");
        Assert.Equal(2020, evolution.GetProperty("years")[0].GetProperty("year").GetInt32());
        var indicators = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/indicators?type=licence");
        Assert.Equal(1, indicators.GetProperty("indicators").GetProperty("abroad").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/cluster/network?from=2020&to=2020")).StatusCode);

        var filtered = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/summary?exclude=event&enablerType=enterprise,cluster_promotion&scope=local,abroad");
        Assert.Equal(3, filtered.GetProperty("summary").GetProperty("nodes").GetInt32()); // P, A, D (B is domestic)
        Assert.Equal("newman", filtered.GetProperty("window").GetProperty("projection").GetString());
        var badProjection = await viewer.GetAsync("/api/cluster/network/metrics?projection=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, badProjection.StatusCode);
        Assert.Contains("bad_projection", await badProjection.Content.ReadAsStringAsync());
        var page = await viewer.GetStringAsync("/cluster/network?exclude=event&enablerType=enterprise&scope=local&projection=star");
        Assert.Contains("<option value=\"star\" selected=\"selected\">", page);

        var anonymous = await app.ClientAsync(null);
        foreach (var path in new[] { "summary", "metrics", "evolution", "indicators" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cluster/network/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/cluster/network/summary?from=2021&to=2020")).StatusCode);
    }
}
