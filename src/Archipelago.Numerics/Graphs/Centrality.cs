using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Archipelago.Numerics.Graphs;

/// <summary>Which ties a degree counts in a directed graph (ignored for undirected graphs).</summary>
public enum DegreeMode { All, In, Out }

/// <summary>Betweenness, closeness and harmonic centrality from one sweep of shortest-path searches.</summary>
/// <param name="Betweenness">Brandes betweenness, scaled as NetworkX <c>betweenness_centrality</c> (see <see cref="Centrality.ShortestPaths"/>).</param>
/// <param name="Closeness">NetworkX <c>closeness_centrality</c> (incoming distances for directed graphs).</param>
/// <param name="Harmonic">NetworkX <c>harmonic_centrality</c>: sum of 1/d(v,u) over v != u, not normalised.</param>
/// <param name="BetweennessStandardError">Sampled runs only: standard error of each betweenness estimate (simple random sampling of
/// sources without replacement, finite-population corrected), on the same scale as <paramref name="Betweenness"/>; zeros when exact.</param>
/// <param name="Sources">The source nodes searched (all nodes when exact, otherwise the k pivots in draw order).</param>
public sealed record PathCentralities(double[] Betweenness, double[] Closeness, double[] Harmonic, double[] BetweennessStandardError, int[] Sources, bool Exact);

/// <summary>Result of a power iteration.</summary>
public sealed record PowerIteration(double[] Values, int Iterations, bool Converged);

/// <summary>Options for <see cref="Centrality.ShortestPaths"/>.</summary>
/// <param name="Normalized">Betweenness normalisation as NetworkX's default <c>normalized=True</c>.</param>
/// <param name="Weighted">Use edge weights as distances (NetworkX <c>weight=</c>/<c>distance=</c>); otherwise hop counts.</param>
/// <param name="WfImproved">Wasserman–Faust scaling of closeness for disconnected graphs (NetworkX default True).</param>
/// <param name="Pivots">Number of sampled sources k; null or &gt;= n means exact.</param>
/// <param name="Random">Seeded generator used to draw the pivots (required when sampling).</param>
/// <param name="MaxDegreeOfParallelism">Worker count; default <see cref="Environment.ProcessorCount"/>. Results depend on it only in the last bits.</param>
public sealed record ShortestPathOptions(bool Normalized = true, bool Weighted = false, bool WfImproved = true,
    int? Pivots = null, Random? Random = null, int? MaxDegreeOfParallelism = null);

/// <summary>Per-node centrality measures with NetworkX 2.8 definitions and normalisations.</summary>
public static class Centrality
{
    /// <summary>Number of incident edges; a self-loop counts twice (NetworkX <c>G.degree</c>). Directed: in+out, in or out.</summary>
    public static int[] Degree(Graph g, DegreeMode mode = DegreeMode.All)
    {
        var d = new int[g.NodeCount];
        for (var v = 0; v < d.Length; v++)
        {
            var loop = g.SelfLoopWeight[v] != 0 ? 1 : 0;
            d[v] = !g.IsDirected ? g.Out.Degree(v) + 2 * loop : mode switch
            {
                DegreeMode.In => g.In.Degree(v) + loop,
                DegreeMode.Out => g.Out.Degree(v) + loop,
                _ => g.In.Degree(v) + g.Out.Degree(v) + 2 * loop,
            };
        }
        return d;
    }

    /// <summary>Sum of incident edge weights, self-loop weight counted twice (NetworkX <c>G.degree(weight="weight")</c>).</summary>
    public static double[] WeightedDegree(Graph g, DegreeMode mode = DegreeMode.All)
    {
        var d = new double[g.NodeCount];
        for (var v = 0; v < d.Length; v++)
        {
            var loop = g.SelfLoopWeight[v];
            d[v] = !g.IsDirected ? g.Out.Strength(v) + 2 * loop : mode switch
            {
                DegreeMode.In => g.In.Strength(v) + loop,
                DegreeMode.Out => g.Out.Strength(v) + loop,
                _ => g.In.Strength(v) + g.Out.Strength(v) + 2 * loop,
            };
        }
        return d;
    }

    /// <summary>Degree / (n - 1) (NetworkX <c>degree_centrality</c>); all ones for n = 1, as NetworkX.</summary>
    public static double[] DegreeCentrality(Graph g)
    {
        var n = g.NodeCount;
        if (n <= 1) return Enumerable.Repeat(1.0, n).ToArray();
        return Degree(g).Select(d => d / (double)(n - 1)).ToArray();
    }

    /// <summary>Exact Brandes betweenness (NetworkX <c>betweenness_centrality</c>, default normalisation).</summary>
    public static double[] Betweenness(Graph g, bool normalized = true, bool weighted = false) =>
        ShortestPaths(g, new ShortestPathOptions(normalized, weighted)).Betweenness;

    /// <summary>Betweenness estimated from <paramref name="pivots"/> random sources (Brandes &amp; Pich 2007), scaled by n/k
    /// as NetworkX <c>betweenness_centrality(G, k, seed)</c>, with a per-node standard error.</summary>
    public static PathCentralities SampledBetweenness(Graph g, int pivots, Random random, bool normalized = true, bool weighted = false) =>
        ShortestPaths(g, new ShortestPathOptions(normalized, weighted, Pivots: pivots, Random: random));

    /// <summary>NetworkX <c>closeness_centrality(G, wf_improved)</c>: (r-1)/Σd · (r-1)/(n-1), r = nodes that reach u (incl. u).</summary>
    public static double[] Closeness(Graph g, bool wfImproved = true, bool weighted = false) =>
        Sweep(g, new ShortestPathOptions(Weighted: weighted, WfImproved: wfImproved), betweenness: false).Closeness;

    /// <summary>NetworkX <c>harmonic_centrality</c>: Σ_{v≠u} 1/d(v,u).</summary>
    public static double[] Harmonic(Graph g, bool weighted = false) =>
        Sweep(g, new ShortestPathOptions(Weighted: weighted), betweenness: false).Harmonic;

    /// <summary>
    /// One parallel sweep of BFS (or Dijkstra when weighted) from every node, or from k pivots, accumulating Brandes (2001)
    /// dependencies and the distances each node is reached at. Betweenness is divided by (n-1)(n-2) when normalised
    /// (NetworkX; for undirected graphs pairs are counted in both directions, so this equals 2B/((n-1)(n-2))), by 2 when
    /// undirected and not normalised, and multiplied by n/k when sampled. With pivots, closeness and harmonic centrality are the
    /// Eppstein–Wang (2004) estimates from the pivots' distances. Workers own their buffers and take sources round-robin.
    /// </summary>
    public static PathCentralities ShortestPaths(Graph g, ShortestPathOptions? options = null) => Sweep(g, options, betweenness: true);

    static PathCentralities Sweep(Graph g, ShortestPathOptions? options, bool betweenness)
    {
        options ??= new ShortestPathOptions();
        var n = g.NodeCount;
        var exact = options.Pivots is null || options.Pivots.Value >= n;
        int[] sources;
        if (exact) sources = Enumerable.Range(0, n).ToArray();
        else
        {
            var rng = options.Random ?? throw new ArgumentException("Sampling pivots needs a seeded Random.", nameof(options));
            var k = Math.Max(1, options.Pivots!.Value);
            var all = Enumerable.Range(0, n).ToArray();
            for (var i = 0; i < k; i++) { var j = rng.Next(i, n); (all[i], all[j]) = (all[j], all[i]); }
            sources = all[..k];
        }
        var workers = Math.Max(1, Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, Math.Max(1, sources.Length)));
        var spaces = new BrandesWorkspace[workers];
        var weighted = options.Weighted && g.IsWeighted;
        if (weighted && g.Out.Weights.Any(w => !(w > 0)))
            throw new ArgumentException("Weights used as distances must be positive (Dijkstra); drop or rescale zero and negative weights.", nameof(options));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            var ws = new BrandesWorkspace(n, !exact);
            for (var i = t; i < sources.Length; i += workers)
            {
                if (weighted) ws.Dijkstra(g.Out, sources[i]); else if (betweenness) ws.Bfs(g.Out, sources[i]); else ws.Distances(g.Out, sources[i]);
            }
            spaces[t] = ws;
        });
        var bc = new double[n]; var bcSq = new double[n]; var sumDist = new double[n]; var harm = new double[n]; var reach = new long[n];
        foreach (var ws in spaces)
            for (var v = 0; v < n; v++)
            {
                bc[v] += ws.Bc[v]; sumDist[v] += ws.SumDist[v]; harm[v] += ws.Harm[v]; reach[v] += ws.Reach[v];
                if (ws.BcSq is not null) bcSq[v] += ws.BcSq[v];
            }

        double? scale = options.Normalized ? (n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : null) : (g.IsDirected ? null : 0.5);
        var kk = sources.Length;
        var se = new double[n];
        if (!exact)
        {
            var baseScale = scale ?? 1.0;
            for (var v = 0; v < n; v++)
            {
                var mean = bc[v] / kk;
                var s2 = kk > 1 ? Math.Max(0, (bcSq[v] - kk * mean * mean) / (kk - 1)) : 0;
                se[v] = n * Math.Sqrt((1 - (double)kk / n) * s2 / kk) * baseScale;
            }
            scale = (scale ?? 1.0) * n / kk;
        }
        if (scale is { } sc) for (var v = 0; v < n; v++) bc[v] *= sc;

        var isSource = new bool[n];
        foreach (var s in sources) isSource[s] = true;
        var closeness = new double[n];
        for (var v = 0; v < n; v++)
        {
            if (exact)
            {
                var r1 = (double)reach[v]; // r - 1
                if (sumDist[v] > 0 && n > 1)
                {
                    closeness[v] = r1 / sumDist[v];
                    if (options.WfImproved) closeness[v] *= r1 / (n - 1);
                }
            }
            else
            {
                // Eppstein–Wang: scale pivot counts to the n-1 other nodes
                var others = kk - (isSource[v] ? 1 : 0);
                if (others > 0 && sumDist[v] > 0)
                {
                    var r1 = (n - 1.0) * reach[v] / others; var tot = (n - 1.0) * sumDist[v] / others;
                    closeness[v] = r1 / tot;
                    if (options.WfImproved) closeness[v] *= r1 / (n - 1);
                }
                harm[v] = others > 0 ? harm[v] * (n - 1.0) / others : 0;
            }
        }
        return new PathCentralities(bc, closeness, harm, se, sources, exact);
    }

    sealed class BrandesWorkspace
    {
        readonly int[] dist; readonly double[] dDist, sigma, coef; readonly int[] order;
        public readonly double[] Bc, SumDist, Harm; public readonly long[] Reach; public readonly double[]? BcSq;
        int[]? heapNode, heapPos; double[]? heapKey;

        void Push(ref int size, int v, double key) { var i = size++; Up(i, v, key); }

        /// <summary>Moves node v with its (smaller) key up from slot i.</summary>
        void Up(int i, int v, double key)
        {
            var hn = heapNode!; var hk = heapKey!; var hp = heapPos!;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (hk[parent] <= key) break;
                hn[i] = hn[parent]; hk[i] = hk[parent]; hp[hn[i]] = i; i = parent;
            }
            hn[i] = v; hk[i] = key; hp[v] = i;
        }

        int Pop(ref int size)
        {
            var hn = heapNode!; var hk = heapKey!; var hp = heapPos!;
            var top = hn[0]; hp[top] = -1;
            if (--size == 0) return top;
            var v = hn[size]; var key = hk[size]; var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && hk[child + 1] < hk[child]) child++;
                if (hk[child] >= key) break;
                hn[i] = hn[child]; hk[i] = hk[child]; hp[hn[i]] = i; i = child;
            }
            hn[i] = v; hk[i] = key; hp[v] = i;
            return top;
        }

        public BrandesWorkspace(int n, bool sampled)
        {
            dist = new int[n]; Array.Fill(dist, -1);
            dDist = new double[n]; Array.Fill(dDist, double.PositiveInfinity);
            sigma = new double[n]; coef = new double[n]; order = new int[n];
            Bc = new double[n]; SumDist = new double[n]; Harm = new double[n]; Reach = new long[n];
            if (sampled) BcSq = new double[n];
        }

        /// <summary>Distances only (closeness, harmonic): one forward BFS, no path counts.</summary>
        public void Distances(Csr a, int s)
        {
            ref var off = ref MemoryMarshal.GetArrayDataReference(a.Offsets);
            ref var tg = ref MemoryMarshal.GetArrayDataReference(a.Targets);
            ref var dist0 = ref MemoryMarshal.GetArrayDataReference(dist);
            ref var order0 = ref MemoryMarshal.GetArrayDataReference(order);
            int head = 0, tail = 0;
            dist[s] = 0; order[tail++] = s;
            while (head < tail)
            {
                var v = Unsafe.Add(ref order0, head++); var dv = Unsafe.Add(ref dist0, v) + 1;
                if (v != s) { var d = dv - 1; SumDist[v] += d; Harm[v] += 1.0 / d; Reach[v]++; }
                int end = Unsafe.Add(ref off, v + 1);
                for (var e = Unsafe.Add(ref off, v); e < end; e++)
                {
                    var w = Unsafe.Add(ref tg, e);
                    ref var dw = ref Unsafe.Add(ref dist0, w);
                    if (dw < 0) { dw = dv; Unsafe.Add(ref order0, tail++) = w; }
                }
            }
            for (var i = 0; i < tail; i++) dist[order[i]] = -1;
        }

        public void Bfs(Csr a, int s)
        {
            // Hot loop: raw references instead of indexed arrays to avoid bounds checks (indices come from a valid CSR).
            ref var off = ref MemoryMarshal.GetArrayDataReference(a.Offsets);
            ref var tg = ref MemoryMarshal.GetArrayDataReference(a.Targets);
            ref var dist0 = ref MemoryMarshal.GetArrayDataReference(dist);
            ref var sigma0 = ref MemoryMarshal.GetArrayDataReference(sigma);
            ref var coef0 = ref MemoryMarshal.GetArrayDataReference(coef);
            ref var order0 = ref MemoryMarshal.GetArrayDataReference(order);
            int head = 0, tail = 0;
            dist[s] = 0; sigma[s] = 1; order[tail++] = s;
            while (head < tail)
            {
                var v = Unsafe.Add(ref order0, head++); var dv = Unsafe.Add(ref dist0, v) + 1; var sv = Unsafe.Add(ref sigma0, v);
                int end = Unsafe.Add(ref off, v + 1);
                for (var e = Unsafe.Add(ref off, v); e < end; e++)
                {
                    var w = Unsafe.Add(ref tg, e);
                    ref var dw = ref Unsafe.Add(ref dist0, w);
                    if (dw < 0) { dw = dv; Unsafe.Add(ref order0, tail++) = w; }
                    if (dw == dv) Unsafe.Add(ref sigma0, w) += sv;
                }
            }
            var sampled = BcSq is not null;
            for (var i = tail - 1; i >= 0; i--)
            {
                var v = Unsafe.Add(ref order0, i); var dv = Unsafe.Add(ref dist0, v) + 1; var sum = 0.0;
                int end = Unsafe.Add(ref off, v + 1);
                for (var e = Unsafe.Add(ref off, v); e < end; e++)
                {
                    var w = Unsafe.Add(ref tg, e);
                    if (Unsafe.Add(ref dist0, w) == dv) sum += Unsafe.Add(ref coef0, w);
                }
                var sg = Unsafe.Add(ref sigma0, v);
                var delta = sg * sum;
                Unsafe.Add(ref coef0, v) = (1 + delta) / sg;
                if (v != s)
                {
                    Bc[v] += delta;
                    if (sampled) BcSq![v] += delta * delta;
                    var d = dv - 1; SumDist[v] += d; Harm[v] += 1.0 / d; Reach[v]++;
                }
            }
            for (var i = 0; i < tail; i++) { var v = order[i]; dist[v] = -1; sigma[v] = 0; coef[v] = 0; }
        }

        public void Dijkstra(Csr a, int s)
        {
            // Hot loops: raw references (indices come from a valid CSR). With positive weights a settled node can neither be
            // improved nor tied (its distance is below the one being relaxed), so no settled flag is read.
            ref var off = ref MemoryMarshal.GetArrayDataReference(a.Offsets);
            ref var tg = ref MemoryMarshal.GetArrayDataReference(a.Targets);
            ref var wt = ref MemoryMarshal.GetArrayDataReference(a.Weights);
            ref var dist0 = ref MemoryMarshal.GetArrayDataReference(dDist);
            ref var sigma0 = ref MemoryMarshal.GetArrayDataReference(sigma);
            ref var coef0 = ref MemoryMarshal.GetArrayDataReference(coef);
            // Indexed binary heap with decrease-key: each node enters once, so the heap never holds more than n entries
            // (a lazy queue re-enqueues a node at every improvement, and on hub-heavy graphs that is most of the work).
            heapNode ??= new int[dist.Length]; heapKey ??= new double[dist.Length];
            if (heapPos is null) { heapPos = new int[dist.Length]; Array.Fill(heapPos, -1); }
            ref var pos0 = ref MemoryMarshal.GetArrayDataReference(heapPos);
            var size = 0; var count = 0;
            dDist[s] = 0; sigma[s] = 1; Push(ref size, s, 0);
            while (size > 0)
            {
                var v = Pop(ref size); var dv = Unsafe.Add(ref dist0, v);
                order[count++] = v; var sv = Unsafe.Add(ref sigma0, v);
                int end = Unsafe.Add(ref off, v + 1);
                for (var e = Unsafe.Add(ref off, v); e < end; e++)
                {
                    var w = Unsafe.Add(ref tg, e);
                    var nd = dv + Unsafe.Add(ref wt, e);
                    ref var dw = ref Unsafe.Add(ref dist0, w);
                    if (nd < dw)
                    {
                        dw = nd; Unsafe.Add(ref sigma0, w) = sv;
                        var at = Unsafe.Add(ref pos0, w);
                        if (at < 0) Push(ref size, w, nd); else Up(at, w, nd);
                    }
                    else if (nd == dw) Unsafe.Add(ref sigma0, w) += sv;
                }
            }
            var sampled = BcSq is not null;
            for (var i = count - 1; i >= 0; i--)
            {
                var v = order[i]; var sum = 0.0; var dv = Unsafe.Add(ref dist0, v);
                int end = Unsafe.Add(ref off, v + 1);
                for (var e = Unsafe.Add(ref off, v); e < end; e++)
                {
                    var w = Unsafe.Add(ref tg, e);
                    if (dv + Unsafe.Add(ref wt, e) == Unsafe.Add(ref dist0, w) && w != s) sum += Unsafe.Add(ref coef0, w);
                }
                var sg = Unsafe.Add(ref sigma0, v);
                var delta = sg * sum;
                Unsafe.Add(ref coef0, v) = (1 + delta) / sg;
                if (v != s)
                {
                    Bc[v] += delta;
                    if (sampled) BcSq![v] += delta * delta;
                    SumDist[v] += dv; Harm[v] += dv > 0 ? 1.0 / dv : 0; Reach[v]++;
                }
            }
            for (var i = 0; i < count; i++) { var v = order[i]; dDist[v] = double.PositiveInfinity; sigma[v] = 0; coef[v] = 0; }
        }
    }

    /// <summary>
    /// NetworkX <c>eigenvector_centrality</c>: power iteration with A + I starting from the all-ones vector, Euclidean
    /// normalisation, stopping when Σ|x - x_last| &lt; n·tolerance. Directed graphs use in-edges (left eigenvector), as NetworkX.
    /// The default tolerance is tighter than NetworkX's 1e-6 so the result agrees with <c>eigenvector_centrality_numpy</c>.
    /// </summary>
    public static PowerIteration Eigenvector(Graph g, bool weighted = false, int maxIterations = 1000, double tolerance = 1e-13)
    {
        var n = g.NodeCount;
        if (n == 0) return new PowerIteration([], 0, true);
        var a = g.In; var useW = weighted && g.IsWeighted;
        var x = new double[n]; Array.Fill(x, 1.0 / n);
        var next = new double[n];
        for (var it = 1; it <= maxIterations; it++)
        {
            var xl = x;
            Rows(n, v =>
            {
                var s = xl[v] * (1 + (useW ? g.SelfLoopWeight[v] : g.SelfLoopWeight[v] != 0 ? 1 : 0));
                for (var e = a.Offsets[v]; e < a.Offsets[v + 1]; e++) s += xl[a.Targets[e]] * (useW ? a.Weights[e] : 1.0);
                next[v] = s;
            });
            var norm = 0.0; foreach (var y in next) norm += y * y;
            norm = Math.Sqrt(norm); if (norm == 0) norm = 1;
            var err = 0.0;
            for (var v = 0; v < n; v++) { next[v] /= norm; err += Math.Abs(next[v] - xl[v]); }
            (x, next) = (next, xl);
            if (err < n * tolerance) return new PowerIteration(x, it, true);
        }
        return new PowerIteration(x, maxIterations, false);
    }

    /// <summary>
    /// NetworkX <c>pagerank</c> (scipy variant): x ← α(xP + Σ_dangling x / n) + (1-α)/n from x = 1/n, P row-normalised
    /// adjacency (self-loop once), dangling nodes spread uniformly, stop when Σ|x - x_last| &lt; n·tolerance.
    /// Undirected edges act in both directions. Replicates NetworkX's iteration, so results agree to rounding.
    /// </summary>
    public static PowerIteration PageRank(Graph g, double alpha = 0.85, bool weighted = false, int maxIterations = 100, double tolerance = 1e-6)
    {
        var n = g.NodeCount;
        if (n == 0) return new PowerIteration([], 0, true);
        var useW = weighted && g.IsWeighted;
        var inv = new double[n];
        for (var v = 0; v < n; v++)
        {
            var loop = useW ? g.SelfLoopWeight[v] : g.SelfLoopWeight[v] != 0 ? 1 : 0;
            var s = (useW ? g.Out.Strength(v) : g.Out.Degree(v)) + loop;
            inv[v] = s != 0 ? 1.0 / s : 0;
        }
        var a = g.In;
        var x = new double[n]; Array.Fill(x, 1.0 / n);
        var next = new double[n];
        for (var it = 1; it <= maxIterations; it++)
        {
            var xl = x; var dangling = 0.0;
            for (var v = 0; v < n; v++) if (inv[v] == 0) dangling += xl[v];
            var baseline = alpha * dangling / n + (1 - alpha) / n;
            Rows(n, v =>
            {
                var loop = useW ? g.SelfLoopWeight[v] : g.SelfLoopWeight[v] != 0 ? 1 : 0;
                var s = xl[v] * loop * inv[v];
                for (var e = a.Offsets[v]; e < a.Offsets[v + 1]; e++)
                {
                    var u = a.Targets[e];
                    s += xl[u] * (useW ? a.Weights[e] : 1.0) * inv[u];
                }
                next[v] = alpha * s + baseline;
            });
            var err = 0.0;
            for (var v = 0; v < n; v++) err += Math.Abs(next[v] - xl[v]);
            (x, next) = (next, xl);
            if (err < n * tolerance) return new PowerIteration(x, it, true);
        }
        return new PowerIteration(x, maxIterations, false);
    }

    /// <summary>Runs <paramref name="row"/> for 0..n-1 in contiguous chunks; serial below 4096 rows.</summary>
    internal static void Rows(int n, Action<int> row) => Rows(n, () => 0, (v, _) => row(v));

    /// <summary>As <see cref="Rows(int, Action{int})"/> with one scratch state per chunk.</summary>
    internal static void Rows<TState>(int n, Func<TState> init, Action<int, TState> row)
    {
        if (n < 4096 || Environment.ProcessorCount == 1) { var st = init(); for (var v = 0; v < n; v++) row(v, st); return; }
        var chunk = Math.Max(1024, n / (8 * Environment.ProcessorCount));
        var local = new ThreadLocal<TState>(init);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            r => { var st = local.Value!; for (var v = r.Item1; v < r.Item2; v++) row(v, st); });
        local.Dispose();
    }
}
