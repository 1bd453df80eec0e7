namespace Archipelago.Numerics.Graphs;

/// <summary>
/// Burt's (1992) structural-hole measures as implemented by NetworkX (<c>constraint</c>, <c>effective_size</c>), on the
/// underlying undirected graph with mutual weights a_uv + a_vu (so directed ties count in both directions, reciprocated ties
/// twice). Isolated nodes get NaN, as in NetworkX: both measures are undefined without contacts. Self-loops are ignored.
/// </summary>
public static class StructuralHoles
{
    /// <summary>c_u = Σ_{v∈N(u)} (p_uv + Σ_{w∈N(u)} p_uw p_wv)², p_uv = a_uv / Σ_{x∈N(u)} a_ux.</summary>
    public static double[] Constraint(Graph g, bool weighted = false)
    {
        var (a, mw, strength) = Mutual(g, weighted);
        var n = g.NodeCount; var c = new double[n];
        // p per edge position; the indirect part Σ_w p_uw p_wv of each ordered tie (u,v) comes from the triangles u–v–w.
        var p = new double[a.Targets.Length];
        for (var u = 0; u < n; u++) for (var e = a.Offsets[u]; e < a.Offsets[u + 1]; e++) p[e] = mw[e] / strength[u];
        var indirect = new IndirectTies(p, TriangleSweep.Reverse(a), new double[p.Length]);
        TriangleSweep.Run(a, ref indirect);
        for (var u = 0; u < n; u++)
        {
            if (a.Degree(u) == 0) { c[u] = double.NaN; continue; }
            var sum = 0.0;
            for (var e = a.Offsets[u]; e < a.Offsets[u + 1]; e++) { var x = p[e] + indirect.Sum[e]; sum += x * x; }
            c[u] = sum;
        }
        return c;
    }

    readonly struct IndirectTies(double[] p, int[] reverse, double[] sum) : ITriangleVisitor
    {
        public double[] Sum => sum;
        public void Visit(int u, int v, int w, int uv, int uw, int vw)
        {
            int vu = reverse[uv], wu = reverse[uw], wv = reverse[vw];
            sum[uv] += p[uw] * p[wv]; sum[vu] += p[vw] * p[wu];
            sum[uw] += p[uv] * p[vw]; sum[wu] += p[wv] * p[vu];
            sum[vw] += p[vu] * p[uw]; sum[wv] += p[wu] * p[uv];
        }
    }

    /// <summary>Effective size Σ_{v∈N(u)} (1 - Σ_{w∈N(u)} p_uw m_vw), m_vw = a_vw / max_x a_vx; for unweighted undirected
    /// graphs this is Borgatti's n - 2t/n (t = ties among the n contacts).</summary>
    public static double[] EffectiveSize(Graph g, bool weighted = false)
    {
        var (a, mw, strength) = Mutual(g, weighted);
        var n = g.NodeCount; var es = new double[n];
        var maxW = new double[n];
        for (var v = 0; v < n; v++) for (var j = 0; j < a.Degree(v); j++) maxW[v] = Math.Max(maxW[v], mw[a.Offsets[v] + j]);
        Centrality.Rows(n, () => (stamp: Filled(n, -1), pu: new double[n]), (u, buf) =>
        {
            var nu = a.Neighbours(u); var ou = a.Offsets[u];
            if (nu.Length == 0) { es[u] = double.NaN; return; }
            for (var i = 0; i < nu.Length; i++) { buf.stamp[nu[i]] = u; buf.pu[nu[i]] = mw[ou + i] / strength[u]; }
            var sum = 0.0;
            foreach (var v in nu)
            {
                var r = 0.0; var nv = a.Neighbours(v);
                for (var j = 0; j < nv.Length; j++)
                    if (buf.stamp[nv[j]] == u) r += buf.pu[nv[j]] * mw[a.Offsets[v] + j] / maxW[v];
                sum += 1 - r;
            }
            es[u] = sum;
        });
        return es;
    }

    static (Csr a, double[] mw, double[] strength) Mutual(Graph g, bool weighted)
    {
        var a = g.Undirected;
        var mw = weighted && g.IsWeighted ? a.Weights : g.UndirectedTies;
        var s = new double[g.NodeCount];
        for (var v = 0; v < s.Length; v++) for (var e = a.Offsets[v]; e < a.Offsets[v + 1]; e++) s[v] += mw[e];
        return (a, mw, s);
    }

    static int[] Filled(int n, int x) { var a = new int[n]; Array.Fill(a, x); return a; }
}
