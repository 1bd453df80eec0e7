namespace Archipelago.Numerics.Graphs;

/// <summary>Baran's (1964) three network forms ("On Distributed Communications", RAND RM-3420, Fig. 1).</summary>
public enum BaranForm
{
    /// <summary>Fewer than 3 nodes or no ties between distinct nodes: no form to speak of.</summary>
    Indeterminate,
    /// <summary>A single hub carries the network (a star).</summary>
    Centralised,
    /// <summary>Several hubs, each with its own periphery (a hierarchy of stars).</summary>
    Decentralised,
    /// <summary>A mesh: ties spread evenly, no hubs.</summary>
    Distributed,
}

/// <summary>Thresholds of <see cref="NetworkForm.Classify"/>; the defaults are stated in its documentation.</summary>
public sealed record NetworkFormThresholds(
    double CentralisedDegreeCentralization = 0.5,
    double CentralisedTopHubEdgeShare = 0.5,
    double HubFraction = 0.1,
    double DistributedHubsEdgeShare = 0.4,
    double DistributedDegreeCentralization = 0.1);

/// <summary>The classification together with every value and threshold used.</summary>
/// <param name="DegreeCentralization">Freeman degree centralisation, igraph <c>centr_degree(loops = FALSE)</c>.</param>
/// <param name="TopHubEdgeShare">Share of ties (between distinct nodes) incident to the highest-degree node.</param>
/// <param name="HubsEdgeShare">Share of ties incident to at least one of the <paramref name="HubCount"/> highest-degree nodes.</param>
/// <param name="HubCount">ceil(HubFraction · n), ties in degree broken by node order.</param>
public sealed record NetworkFormResult(BaranForm Form, string Reason, double DegreeCentralization, double TopHubEdgeShare,
    double HubsEdgeShare, int HubCount, NetworkFormThresholds Thresholds);

/// <summary>
/// Places a network among Baran's centralised / decentralised / distributed forms by explicit rules:
/// (1) n &lt; 3 or no ties → Indeterminate; (2) degree centralisation ≥ 0.5 or the top hub touches ≥ 50 % of ties →
/// Centralised; (3) degree centralisation ≤ 0.1 and the top 10 % of nodes by degree touch ≤ 40 % of ties → Distributed
/// (evenly spread degrees give about 1-(1-0.1)² = 19 %); (4) otherwise Decentralised (ties concentrate on several hubs).
/// Ties are counted on the underlying undirected graph without self-loops. The thresholds are judgement calls, returned
/// with the values so a reader can re-check the call.
/// </summary>
public static class NetworkForm
{
    public static NetworkFormResult Classify(Graph g, NetworkFormThresholds? thresholds = null)
    {
        var t = thresholds ?? new NetworkFormThresholds();
        var a = g.Undirected; var n = g.NodeCount;
        var ties = a.Targets.Length / 2;
        if (n < 3 || ties == 0)
            return new NetworkFormResult(BaranForm.Indeterminate, "fewer than 3 nodes or no ties between distinct nodes", 0, 0, 0, 0, t);
        var deg = Enumerable.Range(0, n).Select(a.Degree).ToArray();
        var cd = Centralisation.Centralise(deg.Select(d => (double)d).ToArray(), (n - 1.0) * (n - 2.0)).Centralization;
        var byDegree = Enumerable.Range(0, n).OrderByDescending(v => deg[v]).ThenBy(v => v).ToArray();
        var top = (double)deg[byDegree[0]] / ties;
        var hubCount = Math.Max(1, (int)Math.Ceiling(t.HubFraction * n));
        var isHub = new bool[n];
        foreach (var v in byDegree.Take(hubCount)) isHub[v] = true;
        var touched = 0;
        for (var u = 0; u < n; u++) foreach (var v in a.Neighbours(u)) if (u < v && (isHub[u] || isHub[v])) touched++;
        var hubs = (double)touched / ties;
        BaranForm form; string reason;
        if (cd >= t.CentralisedDegreeCentralization || top >= t.CentralisedTopHubEdgeShare)
        {
            form = BaranForm.Centralised;
            reason = $"degree centralisation {cd:0.###} >= {t.CentralisedDegreeCentralization} or top hub share of ties {top:0.###} >= {t.CentralisedTopHubEdgeShare}";
        }
        else if (cd <= t.DistributedDegreeCentralization && hubs <= t.DistributedHubsEdgeShare)
        {
            form = BaranForm.Distributed;
            reason = $"degree centralisation {cd:0.###} <= {t.DistributedDegreeCentralization} and top {hubCount} nodes touch {hubs:0.###} <= {t.DistributedHubsEdgeShare} of ties";
        }
        else
        {
            form = BaranForm.Decentralised;
            reason = $"no single dominant hub (centralisation {cd:0.###}, top hub share {top:0.###}) but ties concentrate on hubs (top {hubCount} nodes touch {hubs:0.###} of ties) or centralisation {cd:0.###} > {t.DistributedDegreeCentralization}";
        }
        return new NetworkFormResult(form, reason, cd, top, hubs, hubCount, t);
    }
}
