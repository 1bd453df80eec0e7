using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>Baran's (1964) three archetypes, built as drawn in "On Distributed Communications" Fig. 1.</summary>
public class NetworkFormTests
{
    [Fact]
    public void Star_is_centralised()
    {
        var g = Graph.FromEdges(Enumerable.Range(1, 20).Select(i => (0, i)));
        var r = NetworkForm.Classify(g);
        Assert.Equal(BaranForm.Centralised, r.Form);
        Assert.Equal(1, r.DegreeCentralization, 12); // Σ(20 - 1)·20 / (20·19)... = 1 exactly for a star
        Assert.Equal(1, r.TopHubEdgeShare, 12);
    }

    [Fact]
    public void Ring_of_stars_is_decentralised()
    {
        // 10 hubs in a ring, 9 leaves each: n = 100, 100 ties. Hub degree 11.
        // Centralisation Σ(11 - d)/(99·98) = 90·10/9702 ≈ 0.093; top hub touches 11/100; the 10 hubs touch all 100 ties.
        var edges = new List<(int, int)>();
        for (var h = 0; h < 10; h++)
        {
            edges.Add((h, (h + 1) % 10));
            for (var l = 0; l < 9; l++) edges.Add((h, 10 + 9 * h + l));
        }
        var r = NetworkForm.Classify(Graph.FromEdges(edges));
        Assert.Equal(BaranForm.Decentralised, r.Form);
        Assert.Equal(900 / 9702.0, r.DegreeCentralization, 12);
        Assert.Equal(0.11, r.TopHubEdgeShare, 12);
        Assert.Equal(1.0, r.HubsEdgeShare, 12);
        Assert.Equal(10, r.HubCount);
    }

    [Fact]
    public void Lattice_is_distributed()
    {
        // 10 × 10 grid: degrees 2–4, centralisation small, the 10 "hubs" (degree 4, first in node order) touch ≤ 40 ties of 180.
        var edges = new List<(int, int)>();
        for (var i = 0; i < 10; i++)
            for (var j = 0; j < 10; j++)
            {
                if (i < 9) edges.Add((10 * i + j, 10 * (i + 1) + j));
                if (j < 9) edges.Add((10 * i + j, 10 * i + j + 1));
            }
        var r = NetworkForm.Classify(Graph.FromEdges(edges));
        Assert.Equal(BaranForm.Distributed, r.Form);
        Assert.True(r.HubsEdgeShare <= 40 / 180.0);
        Assert.Contains("<=", r.Reason);
    }

    [Fact]
    public void Tiny_graphs_are_indeterminate()
    {
        Assert.Equal(BaranForm.Indeterminate, NetworkForm.Classify(Graph.FromEdges(new[] { (1, 2) })).Form);
    }

    [Fact]
    public void Random_graphs_fall_where_expected()
    {
        // Preferential attachment concentrates ties on several hubs; G(n, p) spreads them evenly.
        var ba = NetworkForm.Classify(RandomGraphs.BarabasiAlbert(2000, 3, new Random(4)));
        var er = NetworkForm.Classify(RandomGraphs.ErdosRenyi(500, 0.02, new Random(4)));
        Assert.True(ba.Form == BaranForm.Decentralised, ba.Reason);
        Assert.True(er.Form == BaranForm.Distributed, er.Reason);
    }
}
