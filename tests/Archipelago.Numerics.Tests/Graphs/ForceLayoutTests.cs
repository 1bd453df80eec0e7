using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>A layout has no exact answer; these check what a reader of the drawing relies on.</summary>
public class ForceLayoutTests
{
    static double Distance(LayoutResult r, int u, int v) => Math.Sqrt(Math.Pow(r.X[u] - r.X[v], 2) + Math.Pow(r.Y[u] - r.Y[v], 2));

    /// <summary>Two 10-cliques joined by one edge: members of a clique sit together, the two cliques apart.</summary>
    [Fact]
    public void TwoCliquesJoinedByABridge_AreDrawnAsTwoGroups()
    {
        var edges = new List<(int, int)>();
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < 10; i++)
                for (var j = i + 1; j < 10; j++) edges.Add((c * 10 + i, c * 10 + j));
        edges.Add((0, 10));
        var g = Graph.FromEdges(edges);
        var r = ForceLayout.FruchtermanReingold(g);
        double Mean(IEnumerable<(int, int)> pairs) => pairs.Average(p => Distance(r, p.Item1, p.Item2));
        var inside = Mean(from u in Enumerable.Range(0, 20) from v in Enumerable.Range(0, 20) where u < v && u / 10 == v / 10 select (u, v));
        var across = Mean(from u in Enumerable.Range(0, 10) from v in Enumerable.Range(10, 10) select (u, v));
        Assert.True(across > 2 * inside, $"inside {inside}, across {across}");
        Assert.All(r.X.Concat(r.Y), c => Assert.InRange(c, 0, r.Width));
    }

    [Fact]
    public void Path_EndsAreFarthestApart_AndTheLayoutIsReproducible()
    {
        var g = Graph.FromEdges(Enumerable.Range(0, 9).Select(i => (i, i + 1)));
        var r = ForceLayout.FruchtermanReingold(g, new ForceLayoutOptions(Seed: 3));
        var ends = Distance(r, 0, 9);
        for (var i = 0; i < 9; i++) Assert.True(Distance(r, i, i + 1) < ends);
        var again = ForceLayout.FruchtermanReingold(g, new ForceLayoutOptions(Seed: 3));
        Assert.Equal(r.X, again.X);
        Assert.Equal(r.Y, again.Y);
    }

    [Fact]
    public void EmptyOneNodeIsolatesAndComponents_AreFiniteAndInsideTheFrame()
    {
        Assert.Empty(ForceLayout.FruchtermanReingold(Graph.FromEdges(Array.Empty<(int, int)>())).X);
        var one = ForceLayout.FruchtermanReingold(Graph.FromEdges(Array.Empty<(int, int)>(), nodes: [7]));
        Assert.Equal(one.Width / 2, one.X[0]);
        var g = Graph.FromEdges([(0, 1), (2, 3), (4, 4)], nodes: [5, 6]);
        var r = ForceLayout.FruchtermanReingold(g);
        Assert.All(r.X.Concat(r.Y), c => Assert.True(double.IsFinite(c) && c >= 0 && c <= r.Width));
        int I(int label) => g.IndexOf(label.ToString());
        // a tied pair sits closer than untied nodes (indices follow the node list first: 5, 6, then 0..4)
        Assert.True(Distance(r, I(0), I(1)) < new[] { 2, 3, 4, 5, 6 }.Average(u => Distance(r, I(0), I(u))));
    }

    /// <summary>A 100,000-node Barabási–Albert graph is laid out (the page's largest case); no time limit here, see docs/benchmarks.md.</summary>
    [Fact]
    public void LargeGraph_LaysOutWithFiniteCoordinates()
    {
        var g = RandomGraphs.BarabasiAlbert(100_000, 3, new Random(1));
        var r = ForceLayout.FruchtermanReingold(g);
        Assert.Equal(50, r.Iterations);
        Assert.All(r.X, c => Assert.True(double.IsFinite(c)));
    }
}
