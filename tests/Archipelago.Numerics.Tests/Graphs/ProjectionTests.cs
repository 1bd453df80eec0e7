using System.Diagnostics;
using System.Globalization;
using System.Text;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>One-mode projections of events onto participants: a hand-worked example and NetworkX's bipartite projections.</summary>
public class ProjectionTests
{
    // Events: e1 = {A, B, C}, e2 = {A, B}, e3 = a forum {A, B, C, D, E} organised by A.
    static readonly string[][] Events = [["A", "B", "C"], ["A", "B"], ["A", "B", "C", "D", "E"]];

    static double W(Graph g, string u, string v)
    {
        var a = g.Undirected; var i = g.IndexOf(u); var j = g.IndexOf(v);
        for (var e = a.Offsets[i]; e < a.Offsets[i + 1]; e++) if (a.Targets[e] == j) return a.Weights[e];
        return 0;
    }

    [Fact]
    public void Newman_WeighsEachCoParticipationOneOverKMinusOne_ByHand()
    {
        var g = Projection.Project(Events, ProjectionMethod.Newman);
        Assert.Equal(10, g.EdgeCount); // the forum alone ties all 5·4/2 pairs
        Assert.Equal(1.0 / 2 + 1 + 1.0 / 4, W(g, "A", "B"), 15); // e1 (k = 3), e2 (k = 2), e3 (k = 5)
        Assert.Equal(1.0 / 2 + 1.0 / 4, W(g, "A", "C"), 15);
        Assert.Equal(1.0 / 2 + 1.0 / 4, W(g, "B", "C"), 15);
        Assert.Equal(1.0 / 4, W(g, "D", "E"), 15);
        // Each participant spends weight 1 per event: A took part in three → strength 3.
        Assert.Equal(3, g.Undirected.Strength(g.IndexOf("A")), 12);
        Assert.Equal(1, g.Undirected.Strength(g.IndexOf("E")), 12);
    }

    [Fact]
    public void Clique_CountsSharedEvents_Star_TiesToTheOrganiserOnly()
    {
        var clique = Projection.Project(Events, ProjectionMethod.Clique);
        Assert.Equal((3.0, 2.0, 1.0), (W(clique, "A", "B"), W(clique, "A", "C"), W(clique, "D", "E")));

        // Star: the forum (A organiser) gives A–B, A–C, A–D, A–E only; e1 and e2 have no organiser and stay cliques.
        var b = new GraphBuilder<string>();
        bool[][] organiser = [[false, false, false], [false, false], [true, false, false, false, false]];
        for (var x = 0; x < Events.Length; x++)
            foreach (var (i, j, w) in Projection.Ties(organiser[x], ProjectionMethod.Star))
                b.AddEdge(Events[x][i], Events[x][j], w);
        var star = b.Build();
        Assert.Equal(5, star.EdgeCount); // A–B, A–C, B–C (e1), A–D, A–E
        Assert.Equal(0, W(star, "D", "E"));
        Assert.Equal(0, W(star, "B", "D"));
        Assert.Equal(3, W(star, "A", "B"));
        Assert.Equal(1, W(star, "B", "C"));
        // Two organisers are tied to each other and to every participant.
        Assert.Equal([(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)], Projection.Ties([true, true, false], ProjectionMethod.Star).ToList());
        // k from the whole event when filters drop participants: 2 kept of a 5-participant event weigh 1/4.
        Assert.Equal(0.25, Projection.Ties([false, false], ProjectionMethod.Newman, size: 5).Single().Weight);
        Assert.Empty(Projection.Ties([true], ProjectionMethod.Newman));
    }

    [Fact]
    public void StrengthsAsDistances_InvertsWeights_KeepsNodeOrder()
    {
        var g = Projection.StrengthsAsDistances(Projection.Project(Events, ProjectionMethod.Newman));
        Assert.Equal(["A", "B", "C", "D", "E"], g.Labels);
        Assert.Equal(1 / 1.75, W(g, "A", "B"), 15);
        Assert.Equal(4, W(g, "D", "E"), 15);
    }

    /// <summary>Random events (seeded) projected here and by NetworkX 2.8.8's <c>bipartite.collaboration_weighted_projected_graph</c>
    /// (Newman) and <c>bipartite.weighted_projected_graph</c> (clique), run with Debian's /usr/bin/python3.</summary>
    [Fact]
    public void NewmanAndClique_MatchNetworkXBipartiteProjections()
    {
        var rng = new Random(7);
        var events = Enumerable.Range(0, 60).Select(_ =>
        {
            var k = rng.NextDouble() < 0.1 ? rng.Next(10, 30) : rng.Next(1, 5);
            return (IReadOnlyList<int>)Enumerable.Range(0, 80).OrderBy(_ => rng.Next()).Take(k).ToList();
        }).ToList();
        var input = new StringBuilder();
        for (var e = 0; e < events.Count; e++) foreach (var v in events[e]) input.Append(CultureInfo.InvariantCulture, $"{e} {v}\n");
        const string script = """
            import sys, networkx as nx
            from networkx.algorithms import bipartite
            B = nx.Graph()
            for line in sys.stdin:
                e, v = line.split()
                B.add_node('e' + e, bipartite=0); B.add_node(int(v), bipartite=1); B.add_edge('e' + e, int(v))
            people = [n for n in B if not isinstance(n, str)]
            for name, G in (('newman', bipartite.collaboration_weighted_projected_graph(B, people)),
                            ('clique', bipartite.weighted_projected_graph(B, people))):
                for u, v, d in G.edges(data=True):
                    print(name, min(u, v), max(u, v), repr(float(d['weight'])))
            """;
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(input.ToString()); p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd(); var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        var reference = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        foreach (var (method, name) in new[] { (ProjectionMethod.Newman, "newman"), (ProjectionMethod.Clique, "clique") })
        {
            var g = Projection.Project(events, method);
            var rows = reference.Where(r => r[0] == name).ToList();
            Assert.True(rows.Count > 100);
            Assert.Equal(rows.Count, g.EdgeCount);
            foreach (var r in rows)
                Assert.Equal(double.Parse(r[3], CultureInfo.InvariantCulture), W(g, r[1], r[2]), 1e-12);
        }
    }
}
