using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>
/// Gould, R. V. &amp; Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in transaction
/// networks. Sociological Methodology 19, 89–126. Their figure of the five brokerage types draws each role as one open
/// two-path A → B → C with group memberships; the first test rebuilds those five triads (one per component) and checks
/// that each broker gets exactly its role. The later tests are worked by hand in the comments.
/// </summary>
public class BrokerageTests
{
    [Fact]
    public void Five_role_triads_of_Gould_and_Fernandez()
    {
        // (a, b, c) with groups (g(a), g(b), g(c)); b is the broker.
        (string A, string B, string C, string Ga, string Gb, string Gc, string Role)[] triads =
        [
            ("a1", "b1", "c1", "X", "X", "X", "coordinator"),    // all in one group
            ("a2", "b2", "c2", "X", "Y", "X", "itinerant"),      // outsider mediating within a group (consultant)
            ("a3", "b3", "c3", "X", "X", "Y", "representative"), // b carries its group's flow out
            ("a4", "b4", "c4", "X", "Y", "Y", "gatekeeper"),     // b admits flow into its group
            ("a5", "b5", "c5", "X", "Y", "Z", "liaison"),        // three different groups
        ];
        var builder = new GraphBuilder<string>(directed: true);
        var group = new Dictionary<string, string>();
        foreach (var t in triads)
        {
            builder.AddEdge(t.A, t.B); builder.AddEdge(t.B, t.C);
            group[t.A] = t.Ga; group[t.B] = t.Gb; group[t.C] = t.Gc;
        }
        var g = builder.Build();
        var roles = Brokerage.Roles(g, g.Labels.Select(l => group[l]).ToArray());
        foreach (var t in triads)
        {
            var b = g.IndexOf(t.B);
            Assert.Equal(1, roles.Total(b));
            var counts = new Dictionary<string, long>
            {
                ["coordinator"] = roles.Coordinator[b], ["itinerant"] = roles.Itinerant[b], ["representative"] = roles.Representative[b],
                ["gatekeeper"] = roles.Gatekeeper[b], ["liaison"] = roles.Liaison[b],
            };
            Assert.Equal(1, counts[t.Role]);
            Assert.Equal(0, roles.Total(g.IndexOf(t.A)));
            Assert.Equal(0, roles.Total(g.IndexOf(t.C)));
        }
    }

    [Fact]
    public void A_direct_tie_closes_the_two_path()
    {
        // a → b → c plus a → c: b is not needed, no brokerage (Gould & Fernandez count open two-paths only).
        var g = Graph.FromEdges(new[] { ("a", "b"), ("b", "c"), ("a", "c") }, directed: true);
        var roles = Brokerage.Roles(g, ["X", "X", "X"]);
        Assert.Equal(0, roles.Total(g.IndexOf("b")));
        // the reverse tie c → a does not close a → b → c
        var h = Graph.FromEdges(new[] { ("a", "b"), ("b", "c"), ("c", "a") }, directed: true);
        var r2 = Brokerage.Roles(h, ["X", "X", "X"]);
        Assert.Equal(1, r2.Coordinator[h.IndexOf("b")]);
    }

    [Fact]
    public void Undirected_ties_count_in_both_directions()
    {
        // x(A) — y(A) — z(B) — w(B), no other ties.
        // Broker y: x→y→z is A,A,B = representative; z→y→x is B,A,A = gatekeeper.
        // Broker z: y→z→w is A,B,B = gatekeeper;     w→z→y is B,B,A = representative.
        // x and w broker nothing.
        var g = Graph.FromEdges(new[] { ("x", "y"), ("y", "z"), ("z", "w") });
        var roles = Brokerage.Roles(g, ["A", "A", "B", "B"]);
        int x = g.IndexOf("x"), y = g.IndexOf("y"), z = g.IndexOf("z"), w = g.IndexOf("w");
        Assert.Equal((1L, 1L), (roles.Representative[y], roles.Gatekeeper[y]));
        Assert.Equal((1L, 1L), (roles.Representative[z], roles.Gatekeeper[z]));
        Assert.Equal(2, roles.Total(y)); Assert.Equal(2, roles.Total(z));
        Assert.Equal(0, roles.Total(x)); Assert.Equal(0, roles.Total(w));
    }

    [Fact]
    public void Star_centre_between_two_groups()
    {
        // Centre h (group H) tied to p, q (group P) and r (group R), undirected. Ordered leaf pairs (a, c), a ≠ c, all open:
        // (p,q),(q,p): P,H,P = itinerant ×2; (p,r),(q,r): P,H,R = liaison ×2; (r,p),(r,q): R,H,P = liaison ×2.
        var g = Graph.FromEdges(new[] { ("h", "p"), ("h", "q"), ("h", "r") });
        var roles = Brokerage.Roles(g, ["H", "P", "P", "R"]);
        var h = g.IndexOf("h");
        Assert.Equal(2, roles.Itinerant[h]);
        Assert.Equal(4, roles.Liaison[h]);
        Assert.Equal(6, roles.Total(h));
    }

    /// <summary>Against R sna 2.7.1 <c>brokerage()</c> raw counts (reference/make_reference_igraph.R): karate club by faction
    /// (undirected), and the directed test graph with group = node id mod 3.</summary>
    [Theory]
    [InlineData("karate")]
    [InlineData("directed_gnp")]
    public void Matches_sna_brokerage(string graph)
    {
        var g = Reference.Named(graph);
        string[] groups;
        if (graph == "karate")
        {
            var club = File.ReadLines(SharedData.Path("network-karate-club", "karate_nodes.csv")).Skip(1)
                .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
            groups = g.Labels.Select(l => club[l]).ToArray();
        }
        else groups = g.Labels.Select(l => (int.Parse(l) % 3).ToString()).ToArray();
        var roles = Brokerage.Roles(g, groups);
        var total = 0L;
        for (var v = 0; v < g.NodeCount; v++)
        {
            var l = g.Labels[v];
            Assert.Equal(Reference.Igraph(graph, "brokerage_coordinator", l), roles.Coordinator[v]);
            Assert.Equal(Reference.Igraph(graph, "brokerage_itinerant", l), roles.Itinerant[v]);
            Assert.Equal(Reference.Igraph(graph, "brokerage_representative", l), roles.Representative[v]);
            Assert.Equal(Reference.Igraph(graph, "brokerage_gatekeeper", l), roles.Gatekeeper[v]);
            Assert.Equal(Reference.Igraph(graph, "brokerage_liaison", l), roles.Liaison[v]);
            total += roles.Total(v);
        }
        Assert.True(total > 0);
    }
}
