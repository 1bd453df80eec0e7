namespace Archipelago.Numerics.Graphs;

/// <summary>How a two-mode (actor × event) network becomes a one-mode network of actors.</summary>
public enum ProjectionMethod
{
    /// <summary>Every pair of an event's k participants is tied with weight 1 (k(k−1)/2 ties); weights sum over events.
    /// NetworkX <c>bipartite.weighted_projected_graph</c>.</summary>
    Clique,
    /// <summary>Every pair of an event's k participants is tied with weight 1/(k−1), so each participant spends a total weight
    /// of 1 per event however large it is (Newman 2001, "Scientific collaboration networks. II", Phys. Rev. E 64, 016132).
    /// NetworkX <c>bipartite.collaboration_weighted_projected_graph</c>.</summary>
    Newman,
    /// <summary>Participants are tied to the event's organisers only (weight 1), and organisers to each other; an event
    /// without an organiser is a clique. A forum becomes a star around its organiser instead of a clique.</summary>
    Star,
}

/// <summary>One-mode projection of events (groups of participants) onto the participants.</summary>
public static class Projection
{
    /// <summary>
    /// The ties one event contributes, as index pairs into <paramref name="organiser"/> (i &lt; j) with their weight.
    /// <paramref name="size"/> is the k of Newman's 1/(k−1): the event's participant count, which may exceed
    /// <paramref name="organiser"/>.Count when some participants are filtered out of the network but still took part.
    /// </summary>
    public static IEnumerable<(int I, int J, double Weight)> Ties(IReadOnlyList<bool> organiser, ProjectionMethod method, int? size = null)
    {
        var n = organiser.Count;
        if (n < 2) yield break;
        var k = Math.Max(size ?? n, n);
        var star = method == ProjectionMethod.Star && organiser.Any(o => o) && organiser.Any(o => !o);
        var w = method == ProjectionMethod.Newman ? 1.0 / (k - 1) : 1.0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (!star || organiser[i] || organiser[j])
                    yield return (i, j, w);
    }

    /// <summary>Projects events given as lists of participant ids (no organisers: <see cref="ProjectionMethod.Star"/> is then
    /// the clique). Participants of one event must be distinct. Nodes appear in order of first appearance.</summary>
    public static Graph Project<TNode>(IEnumerable<IReadOnlyList<TNode>> events, ProjectionMethod method) where TNode : notnull
    {
        var b = new GraphBuilder<TNode>();
        foreach (var e in events)
        {
            foreach (var v in e) b.AddNode(v);
            foreach (var (i, j, w) in Ties(new bool[e.Count], method)) b.AddEdge(e[i], e[j], w);
        }
        return b.Build();
    }

    /// <summary>
    /// The same undirected graph with every weight w replaced by the distance 1/w, for shortest-path measures on tie
    /// strengths (Newman 2001: two collaborators who share much are "close"). Node order and labels are kept.
    /// </summary>
    public static Graph StrengthsAsDistances(Graph g)
    {
        if (g.IsDirected) throw new ArgumentException("Only undirected projections are supported.", nameof(g));
        // Same rows and targets; only the weights change (no self-loops: a distance to oneself is 0 whatever the tie).
        var a = g.Undirected;
        var csr = new Csr(a.Offsets, a.Targets, a.Weights.Select(w => 1.0 / w).ToArray());
        return new Graph(g.Labels as string[] ?? g.Labels.ToArray(), false, true, csr, csr, csr, g.UndirectedTies, new double[g.NodeCount],
            g.EdgeCount - g.SelfLoopCount);
    }
}
