using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>The one-call tables agree with the individual measures (which are tested against NetworkX/igraph elsewhere).</summary>
public class NetworkMetricsTests
{
    [Fact]
    public void Karate_table_and_summary()
    {
        var g = Reference.Named("karate");
        var t = NetworkMetrics.Nodes(g);
        Assert.True(t.PathMeasuresExact);
        var v = g.IndexOf("0");
        Reference.Close(Reference.NetworkX("karate", "betweenness", "0"), t.Rows[v].Betweenness, 1e-9, "bc");
        Reference.Close(Reference.NetworkX("karate", "pagerank", "0"), t.Rows[v].PageRank, 1e-9, "pr");
        Reference.Close(Reference.NetworkX("karate", "constraint", "0"), t.Rows[v].Constraint, 1e-9, "constraint");
        var s = NetworkMetrics.Summary(g);
        Reference.Close(Reference.Igraph("karate", "centr_degree_loops"), s.FreemanDegreeCentralization, 1e-12, "centr_degree");
        Reference.Close(Reference.Igraph("karate", "centr_betw"), s.FreemanBetweennessCentralization, 1e-12, "centr_betw");
        Assert.True(s.Modularity >= 0.99 * Reference.NetworkX("karate", "louvain_modularity_max5"));
        Assert.Equal(34, s.Nodes); Assert.Equal(78, s.Edges); Assert.Equal(1, s.Components);
    }

    [Fact]
    public void Large_graphs_switch_to_sampling()
    {
        var g = RandomGraphs.BarabasiAlbert(3000, 2, new Random(3));
        var t = NetworkMetrics.Nodes(g, new NodeMetricsOptions(ExactBetweennessLimit: 1000, Pivots: 100));
        Assert.False(t.PathMeasuresExact);
        Assert.Equal(100, t.Sources);
        var s = NetworkMetrics.Summary(g, new NodeMetricsOptions(ExactBetweennessLimit: 1000, Pivots: 300));
        var exact = Centralisation.Betweenness(g).Centralization;
        Assert.InRange(s.FreemanBetweennessCentralization, 0.8 * exact, 1.2 * exact);
    }
}
