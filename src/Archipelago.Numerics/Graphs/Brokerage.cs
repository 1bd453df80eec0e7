namespace Archipelago.Numerics.Graphs;

/// <summary>Per-node counts of the five Gould–Fernandez brokerage roles (node = broker b in a → b → c).</summary>
public sealed record BrokerageRoles(long[] Coordinator, long[] Gatekeeper, long[] Representative, long[] Itinerant, long[] Liaison)
{
    public long Total(int v) => Coordinator[v] + Gatekeeper[v] + Representative[v] + Itinerant[v] + Liaison[v];
}

/// <summary>
/// Gould &amp; Fernandez (1989), "Structures of mediation: a formal approach to brokerage in transaction networks",
/// Sociological Methodology 19:89–126. A brokerage relation is an open two-path a → b → c (a ≠ c, no tie a → c); with group
/// g(·) the broker b is a coordinator if g(a)=g(b)=g(c); itinerant (consultant) if g(a)=g(c)≠g(b); representative if
/// g(a)=g(b)≠g(c); gatekeeper if g(b)=g(c)≠g(a); liaison if all three differ. Undirected edges count in both directions, so
/// each open undirected two-path yields two relations (a representative one way is a gatekeeper the other way).
/// Self-loops are ignored. Same convention as <c>sna::brokerage</c> in R.
/// </summary>
public static class Brokerage
{
    public static BrokerageRoles Roles<TGroup>(Graph g, IReadOnlyList<TGroup> group) where TGroup : notnull
    {
        var n = g.NodeCount;
        if (group.Count != n) throw new ArgumentException($"Need one group per node ({n}), got {group.Count}.", nameof(group));
        var ids = new Dictionary<TGroup, int>(); var gr = new int[n];
        for (var v = 0; v < n; v++) { if (!ids.TryGetValue(group[v], out var k)) ids[group[v]] = k = ids.Count; gr[v] = k; }
        long[] co = new long[n], gk = new long[n], rep = new long[n], it = new long[n], li = new long[n];
        if (!g.IsDirected) return Undirected(g.Undirected, gr, ids.Count, new BrokerageRoles(co, gk, rep, it, li));
        var mark = new int[n]; Array.Fill(mark, -1);
        for (var b = 0; b < n; b++)
        {
            var gb = gr[b];
            foreach (var a in g.In.Neighbours(b))
            {
                foreach (var x in g.Out.Neighbours(a)) mark[x] = a;
                var ga = gr[a];
                foreach (var c in g.Out.Neighbours(b))
                {
                    if (c == a || mark[c] == a) continue;
                    var gc = gr[c];
                    if (ga == gb && gb == gc) co[b]++;
                    else if (ga == gc) it[b]++;
                    else if (ga == gb) rep[b]++;
                    else if (gb == gc) gk[b]++;
                    else li[b]++;
                }
            }
        }
        return new BrokerageRoles(co, gk, rep, it, li);
    }

    /// <summary>
    /// The same counts for an undirected graph without walking every pair of neighbours: all ordered pairs (a, c) of b's
    /// neighbours by group, from the group counts among them, minus the pairs that are tied, two per triangle a–b–c
    /// (<see cref="TriangleSweep"/>). On hub-heavy networks this is far cheaper than Σ degree².
    /// </summary>
    static BrokerageRoles Undirected(Csr a, int[] gr, int groups, BrokerageRoles r)
    {
        var n = gr.Length;
        var count = new long[groups];
        for (var b = 0; b < n; b++)
        {
            var nb = a.Neighbours(b);
            if (nb.Length < 2) continue;
            foreach (var x in nb) count[gr[x]]++;
            long d = nb.Length, own = count[gr[b]], others = d - own, sameOther = 0, squares = 0;
            for (var x = 0; x < groups; x++)
                if (x != gr[b]) { sameOther += count[x] * (count[x] - 1); squares += count[x] * count[x]; }
            r.Coordinator[b] = own * (own - 1);
            r.Itinerant[b] = sameOther;
            r.Representative[b] = own * others;
            r.Gatekeeper[b] = own * others;
            r.Liaison[b] = others * others - squares;
            foreach (var x in nb) count[gr[x]] = 0;
        }
        var closed = new ClosedPairs(gr, r);
        TriangleSweep.Run(a, ref closed);
        return r;
    }

    /// <summary>Takes out of each broker's counts the two ordered pairs of a triangle through it.</summary>
    readonly struct ClosedPairs(int[] gr, BrokerageRoles r) : ITriangleVisitor
    {
        public void Visit(int u, int v, int w, int uv, int uw, int vw)
        {
            Remove(v, u, w); Remove(w, u, v);
            Remove(u, v, w); Remove(w, v, u);
            Remove(u, w, v); Remove(v, w, u);
        }

        void Remove(int a, int b, int c)
        {
            int ga = gr[a], gb = gr[b], gc = gr[c];
            if (ga == gb && gb == gc) r.Coordinator[b]--;
            else if (ga == gc) r.Itinerant[b]--;
            else if (ga == gb) r.Representative[b]--;
            else if (gb == gc) r.Gatekeeper[b]--;
            else r.Liaison[b]--;
        }
    }
}
