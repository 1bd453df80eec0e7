namespace Archipelago.Numerics.Graphs;

/// <summary>A partition of the nodes: <c>Membership[v]</c> in 0..Count-1, numbered by first appearance in node order.</summary>
public sealed record CommunityPartition(int[] Membership, int Count, double Modularity, int Levels)
{
    /// <summary>Node indices of each community.</summary>
    public int[][] Members()
    {
        var lists = Enumerable.Range(0, Count).Select(_ => new List<int>()).ToArray();
        for (var v = 0; v < Membership.Length; v++) lists[Membership[v]].Add(v);
        return lists.Select(l => l.ToArray()).ToArray();
    }
}

/// <summary>
/// Modularity and Louvain community detection on the undirected graph (directed input is read as its underlying undirected
/// graph, reciprocal weights summed — as igraph's <c>cluster_louvain</c>, which accepts undirected graphs only). Adjacency
/// convention: A_ij = edge weight (1 when unweighted), a self-loop contributes its weight once to the within-community weight
/// and twice to the node's degree, matching NetworkX <c>modularity</c>/<c>louvain_communities</c>.
/// </summary>
public static class Communities
{
    /// <summary>
    /// Newman–Girvan modularity with resolution γ (NetworkX <c>community.modularity</c>):
    /// Q = Σ_c [ L_c / m - γ (K_c / 2m)² ], L_c = weight inside c, K_c = total degree of c, m = total weight.
    /// 0 for a graph without edges (NetworkX divides by zero there).
    /// </summary>
    public static double Modularity(Graph g, IReadOnlyList<int> membership, double resolution = 1, bool weighted = false)
    {
        if (membership.Count != g.NodeCount) throw new ArgumentException("Need one community per node.", nameof(membership));
        var level = Level.From(g, weighted);
        return level.Modularity(membership.ToArray(), resolution);
    }

    /// <summary>
    /// Louvain method (Blondel et al. 2008) as NetworkX <c>louvain_communities(G, resolution, threshold=1e-7, seed)</c>: at each
    /// level nodes are visited in an order shuffled by <paramref name="random"/>, each moved to the neighbouring community of
    /// largest positive modularity gain until no node moves; communities are then aggregated into nodes. Stops when a level
    /// adds no more than <paramref name="threshold"/> modularity. Reproducible for a given seed.
    /// </summary>
    public static CommunityPartition Louvain(Graph g, Random random, double resolution = 1, double threshold = 1e-7, bool weighted = false)
    {
        var n = g.NodeCount;
        var membership = Enumerable.Range(0, n).ToArray();
        var level = Level.From(g, weighted);
        if (n == 0) return new CommunityPartition([], 0, 0, 0);
        var mod = level.Modularity(Enumerable.Range(0, n).ToArray(), resolution);
        var levels = 0;
        while (true)
        {
            var (comm, count, moved) = level.MoveNodes(resolution, random);
            if (!moved) break;
            levels++;
            for (var v = 0; v < n; v++) membership[v] = comm[membership[v]];
            var newMod = level.Modularity(comm, resolution);
            level = level.Aggregate(comm, count);
            if (newMod - mod <= threshold) { mod = newMod; break; }
            mod = newMod;
        }
        // renumber by first appearance in node order
        var map = new Dictionary<int, int>();
        for (var v = 0; v < n; v++) { if (!map.TryGetValue(membership[v], out var c)) map[membership[v]] = c = map.Count; membership[v] = c; }
        return new CommunityPartition(membership, map.Count, Modularity(g, membership, resolution, weighted), levels);
    }

    /// <summary>One level of the Louvain hierarchy: symmetric CSR without loops, loop[i] = A_ii (twice the self-loop weight).</summary>
    sealed class Level(int[] off, int[] tg, double[] w, double[] loop)
    {
        readonly double[] k = Degrees(off, w, loop);
        double M2 => k.Sum();
        int N => loop.Length;

        static double[] Degrees(int[] off, double[] w, double[] loop)
        {
            var k = new double[loop.Length];
            for (var i = 0; i < k.Length; i++) { k[i] = loop[i]; for (var e = off[i]; e < off[i + 1]; e++) k[i] += w[e]; }
            return k;
        }

        public static Level From(Graph g, bool weighted)
        {
            var a = g.Undirected;
            var ws = weighted && g.IsWeighted ? a.Weights : g.UndirectedTies;
            var loop = g.SelfLoopWeight.Select(x => x == 0 ? 0 : 2 * (weighted && g.IsWeighted ? x : 1)).ToArray();
            return new Level(a.Offsets, a.Targets, ws, loop);
        }

        public double Modularity(int[] comm, double gamma)
        {
            var m2 = M2;
            if (m2 == 0) return 0;
            var inside = new double[N]; var tot = new double[N];
            for (var i = 0; i < N; i++)
            {
                var c = comm[i]; tot[c] += k[i]; inside[c] += loop[i];
                for (var e = off[i]; e < off[i + 1]; e++) if (comm[tg[e]] == c) inside[c] += w[e];
            }
            var q = 0.0;
            for (var c = 0; c < N; c++) q += inside[c] / m2 - gamma * (tot[c] / m2) * (tot[c] / m2);
            return q;
        }

        public (int[] comm, int count, bool moved) MoveNodes(double gamma, Random random)
        {
            var n = N; var m2 = M2;
            var comm = Enumerable.Range(0, n).ToArray();
            var tot = (double[])k.Clone();
            var order = Enumerable.Range(0, n).ToArray();
            random.Shuffle(order);
            var wc = new double[n]; var touched = new int[n]; var isTouched = new bool[n];
            var any = false;
            if (m2 == 0) return (comm, n, false);
            bool movedInPass;
            do
            {
                movedInPass = false;
                foreach (var i in order)
                {
                    var ci = comm[i]; var nt = 0;
                    for (var e = off[i]; e < off[i + 1]; e++)
                    {
                        var c = comm[tg[e]];
                        if (!isTouched[c]) { isTouched[c] = true; touched[nt++] = c; wc[c] = 0; }
                        wc[c] += w[e];
                    }
                    tot[ci] -= k[i];
                    var own = isTouched[ci] ? wc[ci] : 0;
                    var best = ci; var bestGain = own - gamma * tot[ci] * k[i] / m2;
                    for (var t = 0; t < nt; t++)
                    {
                        var c = touched[t]; if (c == ci) continue;
                        var gain = wc[c] - gamma * tot[c] * k[i] / m2;
                        if (gain > bestGain) { bestGain = gain; best = c; }
                    }
                    tot[best] += k[i];
                    if (best != ci) { comm[i] = best; movedInPass = any = true; }
                    for (var t = 0; t < nt; t++) isTouched[touched[t]] = false;
                }
            } while (movedInPass);
            var map = new int[n]; Array.Fill(map, -1); var count = 0;
            for (var i = 0; i < n; i++) { if (map[comm[i]] < 0) map[comm[i]] = count++; comm[i] = map[comm[i]]; }
            return (comm, count, any);
        }

        public Level Aggregate(int[] comm, int count)
        {
            var newLoop = new double[count];
            var keys = new List<long>(); var vals = new List<double>();
            for (var i = 0; i < N; i++)
            {
                var ci = comm[i]; newLoop[ci] += loop[i];
                for (var e = off[i]; e < off[i + 1]; e++)
                {
                    var cj = comm[tg[e]];
                    if (cj == ci) newLoop[ci] += w[e];
                    else { keys.Add((long)ci * count + cj); vals.Add(w[e]); }
                }
            }
            var ka = keys.ToArray(); var va = vals.ToArray();
            Array.Sort(ka, va);
            var o = new int[count + 1]; var t = new List<int>(); var ww = new List<double>();
            for (var i = 0; i < ka.Length;)
            {
                var j = i; var s = 0.0;
                while (j < ka.Length && ka[j] == ka[i]) s += va[j++];
                o[(int)(ka[i] / count) + 1]++; t.Add((int)(ka[i] % count)); ww.Add(s); i = j;
            }
            for (var c = 0; c < count; c++) o[c + 1] += o[c];
            return new Level(o, t.ToArray(), ww.ToArray(), newLoop);
        }
    }
}
