namespace Archipelago.Numerics.Graphs;

/// <summary>One row of <see cref="NetworkMetrics.Nodes"/>.</summary>
public sealed record NodeMetricsRow(string Node, int Degree, double WeightedDegree, double Betweenness, double Closeness,
    double Harmonic, double Eigenvector, double PageRank, double Clustering, double Constraint);

/// <summary>Options of <see cref="NetworkMetrics"/>.</summary>
/// <param name="Weighted">Use edge weights: as distances for betweenness/closeness/harmonic, as strengths for eigenvector,
/// PageRank, constraint and modularity (NetworkX's <c>weight="weight"</c> conventions). Clustering stays unweighted.</param>
/// <param name="ExactBetweennessLimit">Above this many nodes betweenness, closeness and harmonic centrality are estimated from
/// <paramref name="Pivots"/> sampled sources.</param>
/// <param name="Seed">Seeds pivot sampling and Louvain.</param>
public sealed record NodeMetricsOptions(bool Weighted = false, int ExactBetweennessLimit = 20_000, int Pivots = 1000, int Seed = 42);

/// <summary>Per-node table plus how it was computed.</summary>
public sealed record NodeMetricsTable(IReadOnlyList<NodeMetricsRow> Rows, bool PathMeasuresExact, int Sources,
    double[] BetweennessStandardError, bool EigenvectorConverged, bool PageRankConverged);

/// <summary>Network-level summary.</summary>
/// <param name="FreemanBetweennessCentralization">igraph <c>centr_betw</c>; from the sampled estimate when n exceeds the exact limit.</param>
public sealed record NetworkSummary(int Nodes, int Edges, double Density, int Components, int LargestComponent,
    double FreemanDegreeCentralization, double FreemanBetweennessCentralization, bool BetweennessExact,
    double Modularity, int Communities, CommunityPartition Partition, NetworkFormResult Form);

/// <summary>The standard per-node and network-level measures in one call each (what <c>archipelago network metrics|summary</c> prints).</summary>
public static class NetworkMetrics
{
    public static NodeMetricsTable Nodes(Graph g, NodeMetricsOptions? options = null)
    {
        var o = options ?? new NodeMetricsOptions();
        var paths = Paths(g, o);
        var degree = Centrality.Degree(g); var strength = Centrality.WeightedDegree(g);
        var ev = Centrality.Eigenvector(g, o.Weighted); var pr = Centrality.PageRank(g, weighted: o.Weighted);
        var clustering = Cohesion.LocalClustering(g); var constraint = StructuralHoles.Constraint(g, o.Weighted);
        var rows = new NodeMetricsRow[g.NodeCount];
        for (var v = 0; v < rows.Length; v++)
            rows[v] = new NodeMetricsRow(g.Labels[v], degree[v], strength[v], paths.Betweenness[v], paths.Closeness[v], paths.Harmonic[v],
                ev.Values[v], pr.Values[v], clustering[v], constraint[v]);
        return new NodeMetricsTable(rows, paths.Exact, paths.Sources.Length, paths.BetweennessStandardError, ev.Converged, pr.Converged);
    }

    public static NetworkSummary Summary(Graph g, NodeMetricsOptions? options = null)
    {
        var o = options ?? new NodeMetricsOptions();
        var n = g.NodeCount;
        var paths = Paths(g, o with { Weighted = false });
        // back from NetworkX normalisation to igraph's raw betweenness (undirected pairs once)
        var raw = n > 2 ? paths.Betweenness.Select(b => b * (n - 1.0) * (n - 2.0) / (g.IsDirected ? 1 : 2)).ToArray() : paths.Betweenness;
        var tmax = g.IsDirected ? (n - 1.0) * (n - 1.0) * (n - 2.0) : (n - 1.0) * (n - 1.0) * (n - 2.0) / 2;
        var components = Cohesion.ConnectedComponents(g);
        var partition = Communities.Louvain(g, new Random(o.Seed), weighted: o.Weighted);
        return new NetworkSummary(n, g.EdgeCount, Cohesion.Density(g), components.Count, components.LargestSize,
            Centralisation.Degree(g).Centralization, Centralisation.Centralise(raw, tmax).Centralization, paths.Exact,
            partition.Modularity, partition.Count, partition, NetworkForm.Classify(g));
    }

    static PathCentralities Paths(Graph g, NodeMetricsOptions o) =>
        Centrality.ShortestPaths(g, new ShortestPathOptions(Weighted: o.Weighted,
            Pivots: g.NodeCount > o.ExactBetweennessLimit ? o.Pivots : null, Random: new Random(o.Seed)));
}
