namespace Archipelago.Numerics.Graphs;

/// <summary>Freeman centralisation Σ_v (max_w c_w - c_v) divided by its value on the most centralised graph of the same size.</summary>
/// <param name="Centralization">Normalised centralisation in [0, 1]; 0 when n &lt; 3 (the theoretical maximum is 0 there and igraph would return NaN).</param>
/// <param name="TheoreticalMax">igraph's <c>*_tmax</c> for this n and mode.</param>
/// <param name="Scores">The node scores centralised.</param>
public sealed record CentralisationResult(double Centralization, double TheoreticalMax, double[] Scores);

/// <summary>Freeman (1979) centralisation with igraph's normalisations (<c>centr_degree</c>, <c>centr_betw</c>).</summary>
public static class Centralisation
{
    /// <summary>
    /// igraph <c>centr_degree(g, mode = "all", loops, normalized = TRUE)</c>. Scores are degrees (self-loops count 2 when
    /// <paramref name="loops"/>, else are dropped). Theoretical maximum: undirected (n-1)(n-2), or n(n-1) with loops;
    /// directed total degree 2(n-1)(n-2), or 2(n-1)² with loops. igraph's R default is <c>loops = TRUE</c>.
    /// </summary>
    public static CentralisationResult Degree(Graph g, bool loops = true)
    {
        var n = (double)g.NodeCount;
        var d = Centrality.Degree(g).Select(x => (double)x).ToArray();
        if (!loops) for (var v = 0; v < d.Length; v++) if (g.SelfLoopWeight[v] != 0) d[v] -= 2;
        var tmax = g.IsDirected ? (loops ? 2 * (n - 1) * (n - 1) : 2 * (n - 1) * (n - 2)) : (loops ? n * (n - 1) : (n - 1) * (n - 2));
        return Centralise(d, tmax);
    }

    /// <summary>
    /// igraph <c>centr_betw(g, directed = TRUE, normalized = TRUE)</c>: raw Brandes betweenness (each unordered pair once when
    /// undirected), theoretical maximum (n-1)²(n-2) directed, (n-1)²(n-2)/2 undirected.
    /// </summary>
    public static CentralisationResult Betweenness(Graph g)
    {
        var n = (double)g.NodeCount;
        var b = Centrality.Betweenness(g, normalized: false);
        var tmax = g.IsDirected ? (n - 1) * (n - 1) * (n - 2) : (n - 1) * (n - 1) * (n - 2) / 2;
        return Centralise(b, tmax);
    }

    /// <summary>Freeman's formula on arbitrary scores (igraph <c>centralize</c>).</summary>
    public static CentralisationResult Centralise(double[] scores, double theoreticalMax)
    {
        if (scores.Length == 0 || !(theoreticalMax > 0)) return new CentralisationResult(0, Math.Max(0, theoreticalMax), scores);
        var max = scores.Max(); var sum = 0.0;
        foreach (var s in scores) sum += max - s;
        return new CentralisationResult(sum / theoreticalMax, theoreticalMax, scores);
    }
}
