using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>One enabler's place in the network. Betweenness is normalised as NetworkX does; brokerage roles are
/// Gould–Fernandez counts with the enabler type as the group (seed 004's "innovation organisers" and "organisations for
/// cluster promotion" should show as liaisons and gatekeepers).</summary>
public sealed record EnablerMeasure(long Id, string Key, string Type, string? NameEn, string? NameZh, int Degree, double WeightedDegree,
    double? Betweenness, double? Closeness, double? Harmonic, double? Eigenvector, double? PageRank, double? Clustering, double? Constraint,
    long Coordinator, long Gatekeeper, long Representative, long Itinerant, long Liaison, long Brokerage)
{
    public string DisplayName(bool chinese) => (chinese ? NameZh ?? NameEn : NameEn ?? NameZh) ?? Key;
}

/// <summary>Network-level measures of a window. Freeman degree centralisation is igraph's <c>centr_degree</c> (loops = TRUE,
/// as the CLI contract); the Baran form carries its own, loop-free, centralisation and the thresholds it was judged by.</summary>
public sealed record ClusterNetworkSummary(int Actions, int Nodes, int Edges, double? Density, int Components, int LargestComponent,
    double? FreemanDegreeCentralization, double? FreemanBetweennessCentralization, double? Modularity, int Communities,
    string BaranForm, string BaranReason, double TopHubEdgeShare, double HubsEdgeShare, int HubCount, NetworkFormThresholds Thresholds);

/// <summary>How many enablers of one type are registered and how many took part in a joint action of the window.</summary>
public sealed record CoverageRow(string Type, string Family, string NameEn, string NameZh, int Registered, int Active)
{
    /// <summary>No enabler of this type in the registry: the core enabler is missing (seed 004 §6.1).</summary>
    public bool Missing => Registered == 0;
    /// <summary>Registered but without a joint action in the window: present on paper only.</summary>
    public bool Inactive => Registered > 0 && Active == 0;
}

/// <summary>
/// The seed 004 indicators computed from the window's joint actions. Each share has the number of joint actions as its
/// denominator (null when there are none).
/// <list type="bullet">
/// <item><see cref="EnterpriseEnterprise"/>: actions with at least two enterprises — joint industry activities (OECD 1997,
/// seed 004 §5.2.3; the inter-enterprise connection of §2.3.4).</item>
/// <item><see cref="PublicPrivateResearch"/>: actions joining an enterprise with a university or research institute.</item>
/// <item>Region: an action is <see cref="Abroad"/> when any participant is outside the home country, else
/// <see cref="Domestic"/> when any is elsewhere in the country, else <see cref="Local"/> when all known participants are in
/// the home region — a high local share is the "closed container" trap (§1.2.9); <see cref="UnknownRegion"/> when no
/// participant's region is known.</item>
/// <item><see cref="IndustrialLinkage"/>: actions joining enterprises of two or more value-chain segments (discovery,
/// development, manufacturing, sales, services) — upstream–downstream industrial linkage (§2.3.4, 2nd key).</item>
/// <item><see cref="CrossSector"/>: actions joining an enterprise with an enabler of another sector (any non-enterprise type
/// except the cluster-promotion organisation, whose service ties are not a sector crossing) — the cross-industry joint
/// actions of §2.3.3.4 and §2.3.4.</item>
/// </list>
/// </summary>
public sealed record SeedIndicators(int Actions, int EnterpriseEnterprise, double? EnterpriseEnterpriseShare, int PublicPrivateResearch,
    double? PublicPrivateResearchShare, int Local, int Domestic, int Abroad, int UnknownRegion, double? LocalShare, double? DomesticShare,
    double? AbroadShare, RegionDto HomeRegion, IReadOnlyList<CoverageRow> Coverage, int IndustrialLinkage = 0, double? IndustrialLinkageShare = null,
    int CrossSector = 0, double? CrossSectorShare = null)
{
    public IEnumerable<string> MissingTypes => Coverage.Where(c => c.Missing).Select(c => c.Type);
}

/// <summary>The summary of one year (or of the window up to that year, when cumulative).</summary>
public sealed record NetworkYear(int Year, int Actions, int Nodes, int Edges, double? Density, double? FreemanDegreeCentralization,
    double? FreemanBetweennessCentralization, double? Modularity, int Communities, string BaranForm, int? Stage = null);

/// <summary>The analyses of a <see cref="ClusterNetwork"/>: per-enabler measures, the summary, seed 004's indicators and the
/// evolution year by year. Path measures are exact up to 20,000 enablers.
/// <para>Weights: with the <c>clique</c> projection every measure but weighted degree counts ties unweighted. With
/// <c>newman</c> and <c>star</c> the tie weights are tie strengths: eigenvector, PageRank, Burt's constraint and Louvain use
/// them as strengths, and betweenness, closeness and harmonic centrality (and the Freeman betweenness centralisation) walk
/// shortest paths over distances 1/w (Newman 2001), so a pair met only at a 50-enabler forum is 49 times as far apart
/// as a pair with a bilateral deal. Degree, density, Freeman degree centralisation, clustering and Baran's form count
/// ties, whatever their weight: exclude the event type to take forums out of those.</para></summary>
public static class NetworkAnalysis
{
    public const int Seed = 42;

    static bool Weighted(ClusterNetwork net) => net.Window.Projection != ProjectionMethod.Clique;

    /// <summary>Every enabler's measures, remembered per network (the page, <c>/metrics</c> and the CLI share them); path
    /// measures sampled above <see cref="ExactPathLimit"/> enablers unless <paramref name="exact"/>.</summary>
    public static IReadOnlyList<EnablerMeasure> Measures(ClusterNetwork net, bool exact = false) =>
        net.Graph.NodeCount == 0 ? [] : NetworkCache.Get($"{NetworkCache.Key(net)}/measures/{exact}", () => ComputeMeasures(net, exact));

    static IReadOnlyList<EnablerMeasure> ComputeMeasures(ClusterNetwork net, bool exact)
    {
        var g = net.Graph;
        if (g.NodeCount == 0) return [];
        var weighted = Weighted(net);
        var degree = Centrality.Degree(g);
        var strength = Centrality.WeightedDegree(g);
        var eigenvector = NetworkTrace.Time("eigenvector", () => Centrality.Eigenvector(g, weighted)).Values;
        var pageRank = NetworkTrace.Time("pagerank", () => Centrality.PageRank(g, weighted: weighted)).Values;
        var clustering = NetworkTrace.Time("clustering", () => Cohesion.LocalClustering(g));
        var constraint = NetworkTrace.Time("constraint", () => StructuralHoles.Constraint(g, weighted));
        var paths = Paths(net, exact);
        var roles = NetworkTrace.Time("brokerage", () => Brokerage.Roles(g, net.Nodes.Select(e => e.Type.Code).ToList()));
        var measures = new EnablerMeasure[g.NodeCount];
        for (var v = 0; v < measures.Length; v++)
        {
            var e = net.Nodes[v];
            measures[v] = new EnablerMeasure(e.Id, e.Key, e.Type.Code, e.NameEn, e.NameZh, degree[v], strength[v],
                Num(paths.Betweenness[v]), Num(paths.Closeness[v]), Num(paths.Harmonic[v]),
                Num(eigenvector[v]), Num(pageRank[v]), Num(clustering[v]), Num(constraint[v]),
                roles.Coordinator[v], roles.Gatekeeper[v], roles.Representative[v], roles.Itinerant[v], roles.Liaison[v], roles.Total(v));
        }
        return measures;
    }

    /// <summary>Above this many enablers betweenness, closeness and harmonic centrality are estimated from
    /// <see cref="Pivots"/> sampled sources (Brandes–Pich), as the issue asks; below, they are exact (and above, when asked).</summary>
    public const int ExactPathLimit = 20_000;
    /// <summary>Sampled sources of the window's path measures. The standard error of each estimate falls as 1/√k and is shown
    /// with the table (docs/cluster-network.md); 500 keeps a 100,000-enabler, 2.8-million-tie window's weighted searches
    /// to seconds per hundred sources.</summary>
    public const int Pivots = 500;
    /// <summary>Sampled sources of each year's betweenness centralisation in the evolution (network-level only: the top
    /// enablers' betweenness dominates Freeman's sum, and those are estimated best).</summary>
    public const int EvolutionPivots = 100;

    /// <summary>How the path measures were computed: exact, or from this many sampled sources with the largest standard
    /// error of a betweenness estimate (normalised as the table shows it).</summary>
    public sealed record PathEstimate(bool Exact, int Sources, double LargestStandardError);

    public static PathEstimate PathsEstimate(ClusterNetwork net, bool exact = false)
    {
        if (net.Graph.NodeCount == 0) return new PathEstimate(true, 0, 0);
        return Estimate(Paths(net, exact));
    }

    static PathEstimate Estimate(PathCentralities p) =>
        new(p.Exact, p.Sources.Length, p.Exact || p.BetweennessStandardError.Length == 0 ? 0 : p.BetweennessStandardError.Max());

    /// <summary>Betweenness, closeness and harmonic centrality of the network, remembered (<see cref="NetworkCache"/>): on 1/w
    /// for weighted projections, from <see cref="Pivots"/> sampled sources above <see cref="ExactPathLimit"/> unless
    /// <paramref name="exact"/>.</summary>
    static PathCentralities Paths(ClusterNetwork net, bool exact = false) =>
        NetworkCache.Get($"{NetworkCache.Key(net)}/paths/{(exact ? "exact" : "sampled")}",
            () => NetworkTrace.Time("paths", () => ComputePaths(net, exact || net.Graph.NodeCount <= ExactPathLimit ? null : Pivots)));

    static PathCentralities ComputePaths(ClusterNetwork net, int? pivots)
    {
        var g = net.Graph;
        var options = new ShortestPathOptions(Weighted: Weighted(net), Pivots: pivots, Random: new Random(Seed));
        return Centrality.ShortestPaths(Weighted(net) ? Projection.StrengthsAsDistances(g) : g, options);
    }

    /// <summary>One measure for every node, computed alone (the graph sizes nodes by it): degree, weighted_degree,
    /// betweenness, harmonic, eigenvector or pagerank, with the same weighting as <see cref="Measures"/>.</summary>
    public static double[] Centralities(ClusterNetwork net, string measure)
    {
        var g = net.Graph;
        var weighted = Weighted(net);
        return measure switch
        {
            "degree" => Centrality.Degree(g).Select(d => (double)d).ToArray(),
            "weighted_degree" => Centrality.WeightedDegree(g),
            "betweenness" => Paths(net).Betweenness,
            "harmonic" => Paths(net).Harmonic,
            "eigenvector" => Centrality.Eigenvector(g, weighted).Values,
            "pagerank" => Centrality.PageRank(g, weighted: weighted).Values,
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
        };
    }

    /// <summary>The window's network-level measures; Freeman betweenness centralisation from the same path measures as the
    /// table (sampled above <see cref="ExactPathLimit"/> unless <paramref name="exact"/>).</summary>
    public static ClusterNetworkSummary Summary(ClusterNetwork net, bool exact = false) =>
        NetworkCache.Get($"{NetworkCache.Key(net)}/summary/{exact}", () => Summary(net, () => Paths(net, exact)));

    static ClusterNetworkSummary Summary(ClusterNetwork net, Func<PathCentralities> paths)
    {
        var g = net.Graph;
        if (g.NodeCount == 0)
        {
            var f = NetworkForm.Classify(g);
            return new ClusterNetworkSummary(net.Actions.Count, 0, 0, null, 0, 0, null, null, null, 0, Form(f.Form), f.Reason, 0, 0, 0, f.Thresholds);
        }
        var weighted = Weighted(net);
        // Betweenness comes from Paths (shared with the table); NetworkMetrics' own run is cut to one source.
        var s = NetworkTrace.Time("summary measures", () => NetworkMetrics.Summary(g, new NodeMetricsOptions(Weighted: weighted, ExactBetweennessLimit: 0, Pivots: 1, Seed: Seed)));
        double betweennessCentralisation = 0;
        if (g.NodeCount > 2)
        {
            // Freeman's formula: back from NetworkX normalisation to raw pair counts, over the star's maximum (igraph centr_betw).
            var n = g.NodeCount;
            var raw = paths().Betweenness.Select(b => b * (n - 1.0) * (n - 2.0) / 2).ToArray();
            betweennessCentralisation = Centralisation.Centralise(raw, (n - 1.0) * (n - 1.0) * (n - 2.0) / 2).Centralization;
        }
        else betweennessCentralisation = s.FreemanBetweennessCentralization;
        return new ClusterNetworkSummary(net.Actions.Count, s.Nodes, s.Edges, Num(s.Density), s.Components, s.LargestComponent,
            Num(s.FreemanDegreeCentralization), Num(betweennessCentralisation), Num(s.Modularity), s.Communities,
            Form(s.Form.Form), s.Form.Reason, s.Form.TopHubEdgeShare, s.Form.HubsEdgeShare, s.Form.HubCount, s.Form.Thresholds);
    }

    public static SeedIndicators Indicators(ClusterNetwork net)
    {
        int ee = 0, research = 0, local = 0, domestic = 0, abroad = 0, unknown = 0, linkage = 0, crossSector = 0;
        var d = net.Data;
        // Per registry entry once, not per participation: type, scope and segment number.
        var scope = d.Registry.Select(e => e.Region.ScopeFrom(net.Home)).ToArray();
        var segments = new Dictionary<string, int>(StringComparer.Ordinal);
        var segment = d.Registry.Select(e => e.Type == EnablerType.Enterprise && e.Segment is { } sg
            ? segments.TryGetValue(sg, out var k) ? k : segments[sg] = segments.Count : -1).ToArray();
        foreach (var a in net.Kept)
        {
            int enterprises = 0, firstSegment = -1; bool university = false, otherSector = false, twoSegments = false;
            bool isAbroad = false, isDomestic = false, isLocal = false;
            for (var p = d.Start[a]; p < d.Start[a + 1]; p++)
            {
                var r = d.Member[p];
                if (r < 0 || !net.Passes[r]) continue;
                var t = d.Registry[r].Type;
                if (t == EnablerType.Enterprise) enterprises++;
                else if (t != EnablerType.ClusterPromotion) otherSector = true;
                if (t == EnablerType.University) university = true;
                if (segment[r] >= 0) { if (firstSegment < 0) firstSegment = segment[r]; else if (segment[r] != firstSegment) twoSegments = true; }
                switch (scope[r])
                {
                    case RegionScope.Abroad: isAbroad = true; break;
                    case RegionScope.Domestic: isDomestic = true; break;
                    case RegionScope.Local: isLocal = true; break;
                }
            }
            if (enterprises >= 2) ee++;
            if (enterprises >= 1 && university) research++;
            if (twoSegments) linkage++;
            if (enterprises >= 1 && otherSector) crossSector++;
            if (isAbroad) abroad++;
            else if (isDomestic) domestic++;
            else if (isLocal) local++;
            else unknown++;
        }
        var n = net.Actions.Count;
        double? Share(int k) => n == 0 ? null : (double)k / n;
        var registered = net.Registry.CountBy(e => e.Type.Code).ToDictionary();
        var active = net.Nodes.CountBy(e => e.Type.Code).ToDictionary();
        var coverage = EnablerType.All.Select(t => new CoverageRow(t.Code, Family(t.Family), t.NameEn, t.NameZh,
            registered.GetValueOrDefault(t.Code), active.GetValueOrDefault(t.Code))).ToList();
        return new SeedIndicators(n, ee, Share(ee), research, Share(research), local, domestic, abroad, unknown, Share(local), Share(domestic),
            Share(abroad), new RegionDto(net.Home.City, net.Home.Province, net.Home.Country), coverage, linkage, Share(linkage), crossSector, Share(crossSector));
    }

    /// <summary>
    /// The summary per year from the first to the last year with joint actions in the window:
    /// each year's own joint actions, or with <paramref name="cumulative"/> every action from the window's start up to that
    /// year. Seed 004 expects Freeman degree centralisation to fall as the cluster moves from one centre to many.
    /// </summary>
    /// <param name="stageThresholds">When given, each year also gets its stage diagnosis (<see cref="StageDiagnosis"/>) with these thresholds.</param>
    public static IReadOnlyList<NetworkYear> Evolution(ClusterNetwork net, bool cumulative = false, IReadOnlyDictionary<string, double>? stageThresholds = null) =>
        NetworkCache.Get($"{NetworkCache.Key(net)}/evolution/{cumulative}/" + (stageThresholds is null ? "-"
                : string.Join(",", stageThresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value:R}"))),
            () => ComputeEvolution(net, cumulative, stageThresholds));

    static IReadOnlyList<NetworkYear> ComputeEvolution(ClusterNetwork net, bool cumulative, IReadOnlyDictionary<string, double>? stageThresholds)
    {
        if (net.Years is not { } span) return [];
        // Years before the first or after the last joint action are empty; they are left out.
        var first = Math.Max(net.Window.FromYear ?? span.First, span.First);
        var last = Math.Min(net.Window.ToYear ?? span.Last, span.Last);
        // Years are independent (own network, own seeded sampling and Louvain): two at a time on two cores, most of each
        // year's work (projection, Louvain, indicators) being serial.
        var years = new NetworkYear[last - first + 1];
        Parallel.For(first, last + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, y =>
        {
            var window = net.Narrow(cumulative ? first : y, y);
            var s = Summary(window, () => ComputePaths(window, window.Graph.NodeCount <= ExactPathLimit ? null : EvolutionPivots));
            int? stage = stageThresholds is null || s.Nodes == 0 ? null
                : StageDiagnosis.Diagnose(StageDiagnosis.Values(window, Indicators(window), s), stageThresholds).Stage;
            years[y - first] = new NetworkYear(y, s.Actions, s.Nodes, s.Edges, s.Density, s.FreemanDegreeCentralization, s.FreemanBetweennessCentralization,
                s.Modularity, s.Communities, s.BaranForm, stage);
        });
        return years;
    }

    static double? Num(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Baran's form as the API and CLI spell it: indeterminate, centralised, decentralised, distributed.</summary>
    public static string Form(BaranForm f) => f.ToString().ToLowerInvariant();

    /// <summary>explicit_organisational, explicit_flow or implicit (seed 004 §6.1).</summary>
    public static string Family(EnablerFamily f) => f switch
    {
        EnablerFamily.ExplicitOrganisational => "explicit_organisational",
        EnablerFamily.ExplicitFlow => "explicit_flow",
        _ => "implicit",
    };
}
