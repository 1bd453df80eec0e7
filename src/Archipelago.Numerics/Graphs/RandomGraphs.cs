namespace Archipelago.Numerics.Graphs;

/// <summary>Random graph models for tests and benchmarks; all randomness from the caller's seeded <see cref="Random"/>.</summary>
public static class RandomGraphs
{
    /// <summary>G(n, p) (Erdős–Rényi / Gilbert), undirected, nodes 0..n-1.</summary>
    public static Graph ErdosRenyi(int n, double p, Random random)
    {
        var b = new GraphBuilder<int>();
        for (var i = 0; i < n; i++) b.AddNode(i);
        for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) if (random.NextDouble() < p) b.AddEdge(i, j);
        return b.Build();
    }

    /// <summary>
    /// Barabási–Albert preferential attachment as NetworkX <c>barabasi_albert_graph(n, m)</c>: a star on m+1 nodes, then
    /// each new node attaches to m distinct targets drawn proportionally to degree. Not the same random stream as NetworkX.
    /// </summary>
    public static Graph BarabasiAlbert(int n, int m, Random random)
    {
        var b = new GraphBuilder<int>();
        for (var i = 0; i < n; i++) b.AddNode(i);
        var repeated = new List<int>(2 * n * m);
        for (var i = 1; i <= m && i < n; i++) { b.AddEdge(0, i); repeated.Add(0); repeated.Add(i); }
        var targets = new HashSet<int>();
        for (var v = m + 1; v < n; v++)
        {
            targets.Clear();
            while (targets.Count < m) targets.Add(repeated[random.Next(repeated.Count)]);
            foreach (var t in targets) { b.AddEdge(v, t); repeated.Add(v); repeated.Add(t); }
        }
        return b.Build();
    }
}
