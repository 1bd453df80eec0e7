using System.Globalization;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>
/// Published data against NetworkX. Expected values come from (a) the karate reference file shipped in
/// shared/data/network-karate-club (NetworkX 2.8.8, see its SOURCE.md) and (b) reference/networkx_reference.csv written by
/// reference/make_reference.py with Debian's python3-networkx 2.8.8 (versions in reference/networkx_versions.json).
/// </summary>
public class NetworkXReferenceTests
{
    const double Tol = 1e-9;

    [Fact]
    public void Karate_matches_shipped_networkx_metrics()
    {
        var g = Reference.Named("karate");
        var deg = Centrality.Degree(g); var dc = Centrality.DegreeCentrality(g);
        var paths = Centrality.ShortestPaths(g);
        var ev = Centrality.Eigenvector(g).Values; var pr = Centrality.PageRank(g).Values;
        var cc = Cohesion.LocalClustering(g);
        var lines = File.ReadLines(SharedData.Path("network-karate-club", "karate_reference_metrics_networkx.csv")).Skip(1).ToList();
        Assert.Equal(34, lines.Count);
        foreach (var line in lines)
        {
            var f = line.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var v = g.IndexOf(((int)f[0]).ToString(CultureInfo.InvariantCulture));
            Assert.Equal((int)f[1], deg[v]);
            Reference.Close(f[2], dc[v], Tol, $"degree centrality {v}");
            Reference.Close(f[3], paths.Betweenness[v], Tol, $"betweenness {v}");
            Reference.Close(f[4], paths.Closeness[v], Tol, $"closeness {v}");
            Reference.Close(f[5], ev[v], Tol, $"eigenvector {v}");
            Reference.Close(f[6], pr[v], Tol, $"pagerank {v}");
            Reference.Close(f[7], cc[v], Tol, $"clustering {v}");
        }
        // Global values quoted in SOURCE.md
        Reference.Close(0.2556818181818182, Cohesion.Transitivity(g), Tol, "transitivity");
        Reference.Close(0.5706384782076823, Cohesion.AverageClustering(g), Tol, "average clustering");
    }

    public static TheoryData<string, string> Cases()
    {
        var d = new TheoryData<string, string>();
        string[] common = ["degree", "degree_centrality", "betweenness", "betweenness_raw", "closeness", "closeness_nowf", "harmonic",
            "pagerank", "eigenvector", "clustering"];
        string[] holes = ["constraint", "effective_size"];
        string[] weighted = ["weighted_degree", "betweenness_weighted", "closeness_weighted", "harmonic_weighted", "pagerank_weighted",
            "eigenvector_weighted", "constraint_weighted", "effective_size_weighted"];
        foreach (var gname in new[] { "karate", "florentine", "lesmis", "davis", "florentine_isolate", "florentine_loops", "directed_gnp" })
        {
            foreach (var m in common) d.Add(gname, m);
            if (gname != "florentine_loops") foreach (var m in holes) d.Add(gname, m);
            if (gname is "karate" or "lesmis") foreach (var m in weighted) d.Add(gname, m);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Node_metric_matches_networkx(string graph, string metric)
    {
        var g = Reference.Named(graph);
        var values = Compute(g, metric);
        var checkedCount = 0;
        for (var v = 0; v < g.NodeCount; v++)
        {
            var label = g.Labels[v];
            Assert.True(Reference.HasNetworkX(graph, metric, label), $"no reference for {graph}/{metric}/{label}");
            var expected = Reference.NetworkX(graph, metric, label);
            // NetworkX's numpy eigenvector gives ~1e-17 (not 0) for the isolate
            Reference.Close(expected, values[v], Tol, $"{graph} {metric} {label}");
            checkedCount++;
        }
        Assert.Equal(g.NodeCount, checkedCount);
    }

    static double[] Compute(Graph g, string metric) => metric switch
    {
        "degree" => Centrality.Degree(g).Select(x => (double)x).ToArray(),
        "weighted_degree" => Centrality.WeightedDegree(g),
        "degree_centrality" => Centrality.DegreeCentrality(g),
        "betweenness" => Centrality.Betweenness(g),
        "betweenness_raw" => Centrality.Betweenness(g, normalized: false),
        "betweenness_weighted" => Centrality.Betweenness(g, weighted: true),
        "closeness" => Centrality.Closeness(g),
        "closeness_nowf" => Centrality.Closeness(g, wfImproved: false),
        "closeness_weighted" => Centrality.Closeness(g, weighted: true),
        "harmonic" => Centrality.Harmonic(g),
        "harmonic_weighted" => Centrality.Harmonic(g, weighted: true),
        "pagerank" => Centrality.PageRank(g).Values,
        "pagerank_weighted" => Centrality.PageRank(g, weighted: true).Values,
        "eigenvector" => Centrality.Eigenvector(g).Values,
        "eigenvector_weighted" => Centrality.Eigenvector(g, weighted: true).Values,
        "clustering" => Cohesion.LocalClustering(g),
        "constraint" => StructuralHoles.Constraint(g),
        "constraint_weighted" => StructuralHoles.Constraint(g, weighted: true),
        "effective_size" => StructuralHoles.EffectiveSize(g),
        "effective_size_weighted" => StructuralHoles.EffectiveSize(g, weighted: true),
        _ => throw new ArgumentException(metric),
    };

    [Theory]
    [InlineData("karate")]
    [InlineData("florentine")]
    [InlineData("lesmis")]
    [InlineData("davis")]
    [InlineData("florentine_isolate")]
    [InlineData("florentine_loops")]
    [InlineData("directed_gnp")]
    public void Graph_metrics_match_networkx(string graph)
    {
        var g = Reference.Named(graph);
        Reference.Close(Reference.NetworkX(graph, "density"), Cohesion.Density(g), Tol, "density");
        Assert.Equal((int)Reference.NetworkX(graph, "components"), Cohesion.ConnectedComponents(g).Count);
        Reference.Close(Reference.NetworkX(graph, "transitivity"), Cohesion.Transitivity(g), Tol, "transitivity");
        Reference.Close(Reference.NetworkX(graph, "average_clustering"), Cohesion.AverageClustering(g), Tol, "average clustering");
    }

    [Fact]
    public void Directed_in_and_out_degree_match_networkx()
    {
        var g = Reference.Named("directed_gnp");
        var din = Centrality.Degree(g, DegreeMode.In); var dout = Centrality.Degree(g, DegreeMode.Out);
        for (var v = 0; v < g.NodeCount; v++)
        {
            Assert.Equal(Reference.NetworkX("directed_gnp", "in_degree", g.Labels[v]), din[v]);
            Assert.Equal(Reference.NetworkX("directed_gnp", "out_degree", g.Labels[v]), dout[v]);
        }
    }

    [Fact]
    public void Karate_club_split_modularity_matches_networkx()
    {
        var g = Reference.Named("karate");
        var club = File.ReadLines(SharedData.Path("network-karate-club", "karate_nodes.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1] == "Mr. Hi" ? 0 : 1);
        var membership = g.Labels.Select(l => club[l]).ToArray();
        Reference.Close(Reference.NetworkX("karate", "club_modularity"), Communities.Modularity(g, membership), Tol, "Q");
        Reference.Close(Reference.NetworkX("karate", "club_modularity_weighted"), Communities.Modularity(g, membership, weighted: true), Tol, "Q weighted");
        Reference.Close(Reference.NetworkX("karate", "club_modularity_resolution_0.5"), Communities.Modularity(g, membership, resolution: 0.5), Tol, "Q γ=0.5");
    }

    [Fact]
    public void Modularity_with_self_loops_matches_networkx()
    {
        var g = Reference.Named("florentine_loops");
        string[] half = ["Medici", "Tornabuoni", "Albizzi", "Ginori", "Barbadori", "Salviati", "Pazzi", "Acciaiuoli", "Ridolfi"];
        var membership = g.Labels.Select(l => half.Contains(l) ? 0 : 1).ToArray();
        Reference.Close(Reference.NetworkX("florentine_loops", "modularity_medici_split"), Communities.Modularity(g, membership), Tol, "Q");
    }

    /// <summary>Requirement: Louvain modularity no lower than NetworkX louvain_communities minus 1 % (best of NetworkX seeds 0..4).</summary>
    [Theory]
    [InlineData("karate", false)]
    [InlineData("karate", true)]
    [InlineData("florentine", false)]
    [InlineData("lesmis", false)]
    [InlineData("lesmis", true)]
    [InlineData("davis", false)]
    [InlineData("grqc", false)]
    public void Louvain_is_within_one_percent_of_networkx(string graph, bool weighted)
    {
        var g = Reference.Named(graph);
        var expected = Reference.NetworkX(graph, "louvain_modularity_max5" + (weighted ? "_weighted" : ""));
        var p = Communities.Louvain(g, new Random(42), weighted: weighted);
        Assert.True(p.Modularity >= 0.99 * expected, $"{graph}: ours {p.Modularity} vs networkx {expected}");
        Reference.Close(Communities.Modularity(g, p.Membership, weighted: weighted), p.Modularity, 1e-12, "reported Q");
        var again = Communities.Louvain(g, new Random(42), weighted: weighted);
        Assert.Equal(p.Membership, again.Membership);
    }

    [Fact]
    public void CaGrQc_matches_networkx_and_snap()
    {
        var g = Reference.Named("grqc");
        // SNAP / SOURCE.md: 5,242 nodes, 14,496 undirected edges incl. 12 self-loops, largest component 4,158
        Assert.Equal(5242, g.NodeCount);
        Assert.Equal(14496, g.EdgeCount);
        Assert.Equal(12, g.SelfLoopCount);
        var comps = Cohesion.ConnectedComponents(g);
        Assert.Equal((int)Reference.NetworkX("grqc", "components"), comps.Count);
        Assert.Equal(4158, comps.LargestSize);
        Reference.Close(Reference.NetworkX("grqc", "density"), Cohesion.Density(g), 1e-15, "density");
        Reference.Close(Reference.NetworkX("grqc", "average_clustering"), Cohesion.AverageClustering(g), Tol, "average clustering");
        Reference.Close(Reference.NetworkX("grqc", "transitivity"), Cohesion.Transitivity(g), Tol, "transitivity");
        var paths = Centrality.ShortestPaths(g);
        var pr = Centrality.PageRank(g).Values; var ev = Centrality.Eigenvector(g).Values;
        var n = 0;
        for (var v = 0; v < g.NodeCount; v++)
        {
            var label = g.Labels[v];
            if (!Reference.HasNetworkX("grqc", "betweenness", label)) continue;
            n++;
            Reference.Close(Reference.NetworkX("grqc", "betweenness", label), paths.Betweenness[v], Tol, $"bc {label}");
            Reference.Close(Reference.NetworkX("grqc", "closeness", label), paths.Closeness[v], Tol, $"closeness {label}");
            Reference.Close(Reference.NetworkX("grqc", "pagerank", label), pr[v], Tol, $"pagerank {label}");
            Reference.Close(Reference.NetworkX("grqc", "eigenvector", label), ev[v], 1e-8, $"eigenvector {label}");
        }
        Assert.Equal(300, n);
    }
}
