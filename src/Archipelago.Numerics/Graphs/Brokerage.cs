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
}
