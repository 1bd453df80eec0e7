using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>Self-loops, duplicate edges, isolated nodes, one-node and empty graphs: defined results, no exceptions.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void Empty_graph_gives_empty_results()
    {
        var g = new GraphBuilder<string>().Build();
        Assert.Equal(0, g.NodeCount);
        Assert.Empty(Centrality.Degree(g));
        Assert.Empty(Centrality.Betweenness(g));
        Assert.Empty(Centrality.Closeness(g));
        Assert.Empty(Centrality.Harmonic(g));
        Assert.Empty(Centrality.Eigenvector(g).Values);
        Assert.Empty(Centrality.PageRank(g).Values);
        Assert.Empty(Cohesion.LocalClustering(g));
        Assert.Empty(StructuralHoles.Constraint(g));
        Assert.Equal(0, Cohesion.Density(g));
        Assert.Equal(0, Cohesion.ConnectedComponents(g).Count);
        Assert.Equal(0, Centralisation.Degree(g).Centralization);
        Assert.Equal(0, Centralisation.Betweenness(g).Centralization);
        var p = Communities.Louvain(g, new Random(1));
        Assert.Equal(0, p.Count); Assert.Equal(0, p.Modularity);
        Assert.Equal(BaranForm.Indeterminate, NetworkForm.Classify(g).Form);
        Assert.Empty(Brokerage.Roles(g, Array.Empty<string>()).Coordinator);
    }

    [Fact]
    public void One_node_graph()
    {
        var b = new GraphBuilder<string>(); b.AddNode("solo"); var g = b.Build();
        Assert.Equal(new[] { 0 }, Centrality.Degree(g));
        Assert.Equal(new[] { 1.0 }, Centrality.DegreeCentrality(g)); // NetworkX convention for n = 1
        Assert.Equal(new[] { 0.0 }, Centrality.Betweenness(g));
        Assert.Equal(new[] { 0.0 }, Centrality.Closeness(g));
        Assert.Equal(new[] { 1.0 }, Centrality.PageRank(g).Values);
        Assert.Equal(new[] { 1.0 }, Centrality.Eigenvector(g).Values);
        Assert.Equal(new[] { 0.0 }, Cohesion.LocalClustering(g));
        Assert.True(double.IsNaN(StructuralHoles.Constraint(g)[0])); // undefined without contacts, as NetworkX
        Assert.Equal(0, Cohesion.Density(g));
        Assert.Equal(0, Communities.Modularity(g, [0]));
        Assert.Equal(1, Communities.Louvain(g, new Random(1)).Count);
        Assert.Equal(0, Centralisation.Betweenness(g).Centralization);
    }

    [Fact]
    public void Self_loops_follow_networkx_graph_semantics()
    {
        var g = Graph.FromEdges(new[] { ("a", "b"), ("b", "c"), ("c", "c"), ("c", "c") });
        Assert.Equal(3, g.EdgeCount);             // nx: number_of_edges counts the (single) loop
        Assert.Equal(1, g.SelfLoopCount);
        Assert.Equal(new[] { 1, 2, 3 }, Centrality.Degree(g)); // loop counts twice
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, Centrality.Betweenness(g)); // loops never lie on shortest paths
        Assert.Equal(3 * 2 / 6.0, Cohesion.Density(g));  // 2m / (n(n-1)) with m = 3
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, Cohesion.LocalClustering(g));
    }

    [Fact]
    public void Duplicate_edges_merge_by_policy()
    {
        (string, string, double)[] edges = [("a", "b", 1), ("b", "a", 2), ("b", "c", 5)];
        var sum = Graph.FromEdges(edges);
        Assert.Equal(2, sum.EdgeCount);
        Assert.Equal(new[] { 3.0, 8.0, 5.0 }, Centrality.WeightedDegree(sum));
        var last = Graph.FromEdges(edges, duplicates: DuplicateEdges.Last);
        Assert.Equal(new[] { 2.0, 7.0, 5.0 }, Centrality.WeightedDegree(last));
        var max = Graph.FromEdges(new (string, string, double)[] { ("a", "b", 4), ("a", "b", 2) }, duplicates: DuplicateEdges.Max);
        Assert.Equal(new[] { 4.0, 4.0 }, Centrality.WeightedDegree(max));
        // unweighted duplicates are one tie
        var unweighted = Graph.FromEdges(new[] { (1, 2), (2, 1), (1, 2) });
        Assert.Equal(1, unweighted.EdgeCount);
        Assert.Equal(new[] { 1.0, 1.0 }, Centrality.WeightedDegree(unweighted));
        // directed: a→b and b→a are distinct
        var directed = Graph.FromEdges(new[] { (1, 2), (2, 1) }, directed: true);
        Assert.Equal(2, directed.EdgeCount);
    }

    [Fact]
    public void Isolated_nodes_come_from_the_node_list()
    {
        var g = Graph.FromEdges(new[] { (1, 2) }, nodes: [3, 1, 2]);
        Assert.Equal(new[] { "3", "1", "2" }, g.Labels);
        Assert.Equal(new[] { 0, 1, 1 }, Centrality.Degree(g));
        Assert.Equal(2, Cohesion.ConnectedComponents(g).Count);
        Assert.Equal(0, Centrality.Closeness(g)[0]);
        Assert.Equal(0, Centrality.Harmonic(g)[0]);
        Assert.True(double.IsNaN(StructuralHoles.EffectiveSize(g)[0]));
        var pr = Centrality.PageRank(g, tolerance: 1e-15, maxIterations: 1000).Values;
        Assert.Equal(1.0, pr.Sum(), 12); // dangling mass redistributed
        Assert.Equal(-1, g.IndexOf("4"));
        Assert.Equal(1, g.IndexOf("1"));
    }

    [Fact]
    public void Non_finite_weights_are_rejected()
    {
        var b = new GraphBuilder<int>();
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AddEdge(1, 2, double.NaN));
    }

    [Fact]
    public void Sampling_without_random_is_an_argument_error()
    {
        var g = RandomGraphs.BarabasiAlbert(50, 2, new Random(1));
        Assert.Throws<ArgumentException>(() => Centrality.ShortestPaths(g, new ShortestPathOptions(Pivots: 10)));
    }
}

public class WeightValidationTests
{
    [Fact]
    public void Non_positive_distances_are_rejected_only_when_weights_are_used()
    {
        var g = Graph.FromEdges(new (int, int, double)[] { (1, 2, 0), (2, 3, -1) });
        Assert.Throws<ArgumentException>(() => Centrality.Betweenness(g, weighted: true));
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, Centrality.Betweenness(g)); // hop counts ignore weights
    }
}
