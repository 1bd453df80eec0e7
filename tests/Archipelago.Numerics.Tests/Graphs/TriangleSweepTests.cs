using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>
/// Clustering, Burt's constraint and Gould–Fernandez brokerage come from one listing of triangles
/// (<c>TriangleSweep</c>); here each is checked against its definition written out naively over adjacency sets (every pair
/// of a node's neighbours, every neighbour's neighbours), on weighted graphs with hubs, where the triangle listing and the
/// per-pair definition take the most different routes.
/// </summary>
public class TriangleSweepTests
{
    /// <summary>A graph with a few hubs (each picked with probability ½ as one end of a tie), random positive weights and
    /// some duplicate ties (summed by the builder), plus an isolated node and a pendant pair.</summary>
    static (Graph g, Dictionary<int, double>[] w) HubGraph(int n, int ties, int seed)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder<int>();
        for (var v = 0; v < n; v++) b.AddNode(v);
        var w = Enumerable.Range(0, n + 3).Select(_ => new Dictionary<int, double>()).ToArray();
        void Tie(int u, int v, double x)
        {
            b.AddEdge(u, v, x);
            w[u][v] = w[u].GetValueOrDefault(v) + x; w[v][u] = w[v].GetValueOrDefault(u) + x;
        }
        for (var i = 0; i < ties; i++)
        {
            var u = rng.NextDouble() < 0.5 ? rng.Next(n / 20) : rng.Next(n);
            var v = rng.NextDouble() < 0.5 ? rng.Next(n / 20) : rng.Next(n);
            if (u != v) Tie(u, v, 0.25 + rng.Next(8) * 0.5);
        }
        b.AddNode(n);            // isolated
        Tie(n + 1, n + 2, 1.0);  // pendant pair
        return (b.Build(), w);
    }

    [Theory]
    [InlineData(200, 1500, 1)]
    [InlineData(400, 4000, 2)]
    [InlineData(60, 900, 3)]
    public void Triangles_Clustering_Constraint_MatchTheirDefinitions(int n, int ties, int seed)
    {
        var (g, w) = HubGraph(n, ties, seed);
        var label = Enumerable.Range(0, g.NodeCount).Select(v => int.Parse(g.Labels[v])).ToArray();
        var t = Cohesion.Triangles(g);
        var constraint = StructuralHoles.Constraint(g, weighted: true);
        var unweighted = StructuralHoles.Constraint(g, weighted: false);
        for (var v = 0; v < g.NodeCount; v++)
        {
            var x = label[v]; var nx = w[x].Keys.ToList();
            long triangles = 0;
            for (var i = 0; i < nx.Count; i++) for (var j = i + 1; j < nx.Count; j++) if (w[nx[i]].ContainsKey(nx[j])) triangles++;
            Assert.Equal(triangles, t[v]);
            Assert.Equal(Burt(w, x, weighted: true), constraint[v], 12);
            Assert.Equal(Burt(w, x, weighted: false), unweighted[v], 12);
        }
    }

    /// <summary>c_u = Σ_v (p_uv + Σ_w p_uw p_wv)², straight from Burt (1992).</summary>
    static double Burt(Dictionary<int, double>[] w, int u, bool weighted)
    {
        if (w[u].Count == 0) return double.NaN;
        double A(int x, int y) => weighted ? w[x][y] : 1.0;
        double P(int x, int y) => A(x, y) / w[x].Keys.Sum(z => A(x, z));
        return w[u].Keys.Sum(v =>
        {
            var indirect = w[u].Keys.Where(q => q != v && w[q].ContainsKey(v)).Sum(q => P(u, q) * P(q, v));
            return Math.Pow(P(u, v) + indirect, 2);
        });
    }

    [Theory]
    [InlineData(200, 1500, 1, 5)]
    [InlineData(300, 3000, 4, 2)]
    [InlineData(80, 1200, 5, 1)]
    public void Brokerage_MatchesEveryOpenTwoPath(int n, int ties, int seed, int groupCount)
    {
        var (g, w) = HubGraph(n, ties, seed);
        var label = Enumerable.Range(0, g.NodeCount).Select(v => int.Parse(g.Labels[v])).ToArray();
        var group = label.Select(x => x * 7 % groupCount).ToArray();
        var roles = Brokerage.Roles(g, group);
        for (var v = 0; v < g.NodeCount; v++)
        {
            var b = label[v]; var gb = b * 7 % groupCount;
            long co = 0, gk = 0, rep = 0, it = 0, li = 0;
            foreach (var a in w[b].Keys)
                foreach (var c in w[b].Keys)
                {
                    if (a == c || w[a].ContainsKey(c)) continue;
                    int ga = a * 7 % groupCount, gc = c * 7 % groupCount;
                    if (ga == gb && gb == gc) co++;
                    else if (ga == gc) it++;
                    else if (ga == gb) rep++;
                    else if (gb == gc) gk++;
                    else li++;
                }
            Assert.Equal((co, gk, rep, it, li), (roles.Coordinator[v], roles.Gatekeeper[v], roles.Representative[v], roles.Itinerant[v], roles.Liaison[v]));
        }
    }
}
