namespace Archipelago.Numerics.Graphs;

/// <summary>Connected components: <c>Membership[v]</c> is the component of node v, numbered in order of their smallest node index.</summary>
public sealed record Components(int Count, int[] Membership, int[] Sizes)
{
    public int LargestSize => Sizes.Length == 0 ? 0 : Sizes.Max();
}

/// <summary>Density, components and clustering (NetworkX definitions).</summary>
public static class Cohesion
{
    /// <summary>NetworkX <c>density</c>: m / (n(n-1)) directed, 2m / (n(n-1)) undirected, self-loops included in m; 0 when n &lt;= 1.</summary>
    public static double Density(Graph g)
    {
        double n = g.NodeCount, m = g.EdgeCount;
        if (n <= 1) return 0;
        return (g.IsDirected ? m : 2 * m) / (n * (n - 1));
    }

    /// <summary>Connected components (weakly connected for directed graphs), by breadth-first search.</summary>
    public static Components ConnectedComponents(Graph g)
    {
        var n = g.NodeCount; var a = g.Undirected;
        var comp = new int[n]; Array.Fill(comp, -1);
        var queue = new int[n]; var sizes = new List<int>();
        for (var s = 0; s < n; s++)
        {
            if (comp[s] >= 0) continue;
            var c = sizes.Count; int head = 0, tail = 0;
            comp[s] = c; queue[tail++] = s;
            while (head < tail)
            {
                var v = queue[head++];
                foreach (var w in a.Neighbours(v)) if (comp[w] < 0) { comp[w] = c; queue[tail++] = w; }
            }
            sizes.Add(tail);
        }
        return new Components(sizes.Count, comp, sizes.ToArray());
    }

    /// <summary>Number of triangles through each node in the underlying undirected graph (NetworkX <c>triangles</c>),
    /// each triangle listed once (<see cref="TriangleSweep"/>).</summary>
    public static long[] Triangles(Graph g)
    {
        var counter = new TriangleCounter(new long[g.NodeCount]);
        TriangleSweep.Run(g.Undirected, ref counter);
        return counter.PerNode;
    }

    readonly struct TriangleCounter(long[] perNode) : ITriangleVisitor
    {
        public long[] PerNode => perNode;
        public void Visit(int u, int v, int w, int uv, int uw, int vw) { perNode[u]++; perNode[v]++; perNode[w]++; }
    }

    /// <summary>
    /// Local clustering coefficient c_v = 2T(v) / (k_v(k_v - 1)), k_v excluding self-loops, 0 when k_v &lt; 2 (NetworkX
    /// <c>clustering</c>, unweighted). Directed graphs are read as their underlying undirected graph (igraph
    /// <c>transitivity_local_undirected</c>), not NetworkX's directed variant.
    /// </summary>
    public static double[] LocalClustering(Graph g)
    {
        var t = Triangles(g); var a = g.Undirected;
        var c = new double[g.NodeCount];
        for (var v = 0; v < c.Length; v++)
        {
            double k = a.Degree(v);
            c[v] = k < 2 ? 0 : 2.0 * t[v] / (k * (k - 1));
        }
        return c;
    }

    /// <summary>NetworkX <c>average_clustering</c> over all nodes (zeros included); 0 for the empty graph.</summary>
    public static double AverageClustering(Graph g) => g.NodeCount == 0 ? 0 : LocalClustering(g).Average();

    /// <summary>NetworkX <c>transitivity</c>: 3 × triangles / connected triples; 0 when there are no triples.</summary>
    public static double Transitivity(Graph g)
    {
        var t = Triangles(g); var a = g.Undirected;
        double tri = 0, triples = 0;
        for (var v = 0; v < t.Length; v++) { tri += t[v]; double k = a.Degree(v); triples += k * (k - 1); }
        return triples == 0 ? 0 : 2 * tri / triples;
    }
}
