using System.Globalization;

namespace Archipelago.Numerics.Graphs;

/// <summary>How repeated edges between the same pair of nodes are merged by <see cref="GraphBuilder{TNode}"/>.</summary>
public enum DuplicateEdges
{
    /// <summary>Weights are added (e.g. number of co-authored papers). Default.</summary>
    Sum,
    /// <summary>The last weight wins, exactly as <c>networkx.Graph.add_edge</c> overwrites the attribute.</summary>
    Last,
    /// <summary>The largest weight is kept.</summary>
    Max,
}

/// <summary>
/// An immutable simple graph (NetworkX <c>nx.Graph</c>/<c>nx.DiGraph</c> semantics) in compressed sparse row form with
/// dense node indices 0..n-1 in order of first appearance.
/// <para>Self-loops: at most one per node, kept apart from the CSR rows in <see cref="SelfLoopWeight"/>. As in NetworkX they
/// count twice towards <see cref="Centrality.Degree"/>, once towards <see cref="EdgeCount"/> and density, enter the adjacency
/// matrix once (PageRank, eigenvector centrality, modularity, Louvain) and are ignored by shortest paths and local
/// clustering. Burt's measures and brokerage ignore them too (NetworkX's constraint would count a node as its own neighbour).</para>
/// <para>For a directed graph <see cref="Out"/>/<see cref="In"/> hold successors/predecessors and <see cref="Undirected"/> the
/// underlying undirected graph with the weights of reciprocal ties summed; for an undirected graph all three are the same rows.</para>
/// </summary>
public sealed class Graph
{
    internal Graph(string[] labels, bool directed, bool weighted, Csr @out, Csr @in, Csr undirected, double[] undirectedTies, double[] selfLoopWeight, int edgeCount)
    {
        Labels = labels; IsDirected = directed; IsWeighted = weighted;
        Out = @out; In = @in; Undirected = undirected; UndirectedTies = undirectedTies; SelfLoopWeight = selfLoopWeight; EdgeCount = edgeCount;
        index = new Lazy<Dictionary<string, int>>(() =>
        {
            var d = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
            for (var i = 0; i < labels.Length; i++) d[labels[i]] = i;
            return d;
        });
    }

    readonly Lazy<Dictionary<string, int>> index;

    /// <summary>Node ids as given (integers in invariant culture), indexed by node index.</summary>
    public IReadOnlyList<string> Labels { get; }
    public int NodeCount => Labels.Count;
    /// <summary>Number of distinct edges including self-loops (NetworkX <c>number_of_edges</c>).</summary>
    public int EdgeCount { get; }
    public bool IsDirected { get; }
    /// <summary>True when weights were supplied to the builder; unweighted graphs carry weight 1 on every edge.</summary>
    public bool IsWeighted { get; }
    /// <summary>Successor rows (no self-loops).</summary>
    public Csr Out { get; }
    /// <summary>Predecessor rows (no self-loops); same as <see cref="Out"/> when undirected.</summary>
    public Csr In { get; }
    /// <summary>Underlying undirected rows, reciprocal weights summed (no self-loops).</summary>
    public Csr Undirected { get; }
    /// <summary>Self-loop weight per node, 0 when none.</summary>
    public double[] SelfLoopWeight { get; }
    /// <summary>Aligned with <see cref="Undirected"/>: how many directed ties make up each undirected one (1 or 2; always 1 when undirected).</summary>
    public double[] UndirectedTies { get; }
    public int SelfLoopCount => SelfLoopWeight.Count(w => w != 0);

    /// <summary>Index of a node id, or -1.</summary>
    public int IndexOf(string label) => index.Value.TryGetValue(label, out var i) ? i : -1;

    /// <summary>Builds a graph from (source, target[, weight]) triples; see <see cref="GraphBuilder{TNode}"/>.</summary>
    public static Graph FromEdges<TNode>(IEnumerable<(TNode Source, TNode Target)> edges, bool directed = false, IEnumerable<TNode>? nodes = null)
        where TNode : notnull
    {
        var b = new GraphBuilder<TNode>(directed);
        if (nodes is not null) foreach (var v in nodes) b.AddNode(v);
        foreach (var (s, t) in edges) b.AddEdge(s, t);
        return b.Build();
    }

    public static Graph FromEdges<TNode>(IEnumerable<(TNode Source, TNode Target, double Weight)> edges, bool directed = false,
        IEnumerable<TNode>? nodes = null, DuplicateEdges duplicates = DuplicateEdges.Sum) where TNode : notnull
    {
        var b = new GraphBuilder<TNode>(directed, duplicates);
        if (nodes is not null) foreach (var v in nodes) b.AddNode(v);
        foreach (var (s, t, w) in edges) b.AddEdge(s, t, w);
        return b.Build();
    }
}

/// <summary>Compressed sparse rows: the neighbours of node v are <c>Targets[Offsets[v]..Offsets[v+1]]</c>, sorted ascending.</summary>
public sealed record Csr(int[] Offsets, int[] Targets, double[] Weights)
{
    public int Degree(int v) => Offsets[v + 1] - Offsets[v];
    public ReadOnlySpan<int> Neighbours(int v) => Targets.AsSpan(Offsets[v], Offsets[v + 1] - Offsets[v]);
    public ReadOnlySpan<double> NeighbourWeights(int v) => Weights.AsSpan(Offsets[v], Offsets[v + 1] - Offsets[v]);
    public double Strength(int v) { var s = 0.0; foreach (var w in NeighbourWeights(v)) s += w; return s; }

    internal static Csr FromSortedPairs(int n, int[] src, int[] dst, double[] w, int count)
    {
        var off = new int[n + 1];
        for (var e = 0; e < count; e++) off[src[e] + 1]++;
        for (var v = 0; v < n; v++) off[v + 1] += off[v];
        var t = new int[count]; var ww = new double[count];
        var pos = (int[])off.Clone();
        for (var e = 0; e < count; e++) { var p = pos[src[e]]++; t[p] = dst[e]; ww[p] = w[e]; }
        for (var v = 0; v < n; v++) Array.Sort(t, ww, off[v], off[v + 1] - off[v]);
        return new Csr(off, t, ww);
    }
}

/// <summary>
/// Collects an edge list of node ids (<c>int</c>, <c>string</c>, ...) with optional weights and produces a <see cref="Graph"/>.
/// Isolated nodes enter through <see cref="AddNode"/>. Repeated edges are merged per <see cref="DuplicateEdges"/> (default
/// <see cref="DuplicateEdges.Sum"/>); in an undirected graph (u,v) and (v,u) are the same edge. Self-loops are kept (one per node,
/// merged the same way). Weights must be finite and positive when used as distances; the builder rejects NaN and infinities.
/// </summary>
public sealed class GraphBuilder<TNode>(bool directed = false, DuplicateEdges duplicates = DuplicateEdges.Sum) where TNode : notnull
{
    readonly Dictionary<TNode, int> ids = new();
    readonly List<TNode> nodes = new();
    readonly List<int> src = new(), dst = new();
    readonly List<double> weights = new();
    bool weighted;

    public int AddNode(TNode id)
    {
        if (!ids.TryGetValue(id, out var i)) { i = nodes.Count; ids[id] = i; nodes.Add(id); }
        return i;
    }

    public GraphBuilder<TNode> AddEdge(TNode source, TNode target) { Add(source, target, 1.0); return this; }

    public GraphBuilder<TNode> AddEdge(TNode source, TNode target, double weight)
    {
        if (!double.IsFinite(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "Edge weights must be finite.");
        weighted = true; Add(source, target, weight); return this;
    }

    void Add(TNode s, TNode t, double w) { src.Add(AddNode(s)); dst.Add(AddNode(t)); weights.Add(w); }

    public Graph Build()
    {
        var n = nodes.Count;
        var labels = nodes.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray();
        var m = src.Count;
        var keys = new long[m]; var order = new int[m];
        for (var e = 0; e < m; e++)
        {
            long u = src[e], v = dst[e];
            if (!directed && u > v) (u, v) = (v, u);
            keys[e] = u * n + v; order[e] = e;
        }
        Array.Sort(keys, order);
        var selfLoop = new double[n];
        var us = new int[m]; var vs = new int[m]; var ws = new double[m];
        var count = 0; var edgeCount = 0;
        for (var i = 0; i < m;)
        {
            var j = i; var w = weights[order[i]]; var last = order[i];
            while (++j < m && keys[j] == keys[i])
            {
                var x = weights[order[j]];
                switch (duplicates)
                {
                    case DuplicateEdges.Sum: w += x; break;
                    case DuplicateEdges.Max: w = Math.Max(w, x); break;
                    default: if (order[j] > last) { last = order[j]; w = x; } break;
                }
            }
            if (!weighted) w = 1; // an unweighted list states a tie, however often
            var u = (int)(keys[i] / n); var v = (int)(keys[i] % n);
            edgeCount++;
            if (u == v) selfLoop[u] = w;
            else { us[count] = u; vs[count] = v; ws[count] = w; count++; }
            i = j;
        }
        Csr outRows, inRows, undirected; double[] ties;
        if (directed)
        {
            outRows = Csr.FromSortedPairs(n, us, vs, ws, count);
            inRows = Csr.FromSortedPairs(n, vs, us, ws, count);
            // underlying undirected graph: merge (u,v) and (v,u), summing weights
            var k2 = new long[count]; var w2 = new double[count];
            for (var e = 0; e < count; e++) { long a = Math.Min(us[e], vs[e]), b = Math.Max(us[e], vs[e]); k2[e] = a * n + b; w2[e] = ws[e]; }
            Array.Sort(k2, w2);
            var ua = new List<int>(); var va = new List<int>(); var wa = new List<double>(); var ta = new List<double>();
            for (var i = 0; i < count;)
            {
                var j = i; var w = w2[i];
                while (++j < count && k2[j] == k2[i]) w += w2[j];
                ua.Add((int)(k2[i] / n)); va.Add((int)(k2[i] % n)); wa.Add(w); ta.Add(j - i); i = j;
            }
            undirected = Symmetric(n, ua.ToArray(), va.ToArray(), wa.ToArray(), ua.Count);
            ties = Symmetric(n, ua.ToArray(), va.ToArray(), ta.ToArray(), ua.Count).Weights;
        }
        else
        {
            outRows = inRows = undirected = Symmetric(n, us, vs, ws, count);
            ties = new double[undirected.Targets.Length]; Array.Fill(ties, 1.0);
        }
        return new Graph(labels, directed, weighted, outRows, inRows, undirected, ties, selfLoop, edgeCount);
    }

    static Csr Symmetric(int n, int[] us, int[] vs, double[] ws, int count)
    {
        var a = new int[2 * count]; var b = new int[2 * count]; var w = new double[2 * count];
        for (var e = 0; e < count; e++)
        {
            a[2 * e] = us[e]; b[2 * e] = vs[e]; w[2 * e] = ws[e];
            a[2 * e + 1] = vs[e]; b[2 * e + 1] = us[e]; w[2 * e + 1] = ws[e];
        }
        return Csr.FromSortedPairs(n, a, b, w, 2 * count);
    }
}
