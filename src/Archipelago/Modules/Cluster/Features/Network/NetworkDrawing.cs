using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>One enabler as drawn: its index in the network, position from the server-side layout (0..width), the chosen
/// measure and its Louvain community.</summary>
public sealed record DrawnNode(int I, long Id, string Key, string Name, string Type, double X, double Y, double Size, int Community, int Degree);

/// <summary>A tie between two drawn nodes (or two groups): indices into the drawing's nodes (groups), and the weight.</summary>
public sealed record DrawnEdge(int S, int T, double W);

/// <summary>A community drawn as one super-node at its members' centroid; <see cref="Type"/> is its most common enabler type.</summary>
public sealed record DrawnGroup(int Id, double X, double Y, int Members, string Type, string Label);

/// <summary>The colour the graph gives an enabler type (also the legend).</summary>
public sealed record TypeColour(string Type, string Name, string Colour);

/// <summary>
/// What the graph on /cluster/network draws. <see cref="View"/>: <c>all</c> — every enabler; <c>groups</c> — the network
/// is larger than the drawing limit, so communities are drawn as super-nodes (<see cref="Groups"/>, <see cref="GroupEdges"/>);
/// <c>focus</c> — one enabler and its neighbours; <c>group</c> — the members of one community.
/// </summary>
public sealed record NetworkDrawing(int NodeCount, int EdgeCount, string SizeBy, string View, string? Focus, int? Group, double Width,
    IReadOnlyList<DrawnNode> Nodes, IReadOnlyList<DrawnEdge> Edges, IReadOnlyList<DrawnGroup> Groups, IReadOnlyList<DrawnEdge> GroupEdges,
    IReadOnlyList<TypeColour> Legend);

/// <summary>
/// Lays the network out (Fruchterman–Reingold, <see cref="ForceLayout"/>) and cuts what the browser draws: the canvas
/// script only draws points and lines, so everything heavy — layout, measures, communities — happens here.
/// </summary>
public static class NetworkDrawingBuilder
{
    /// <summary>Above this many enablers the first view shows communities; focus and group views are cut to it.</summary>
    public const int DrawLimit = 2_000;

    /// <summary>Measures the graph can size nodes by.</summary>
    public static readonly string[] SizeMeasures = ["degree", "weighted_degree", "betweenness", "harmonic", "eigenvector", "pagerank"];

    /// <summary>One colour per enabler type, in <see cref="EnablerType.All"/> order (a qualitative palette, Tableau 10 and two more).</summary>
    static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f3b73", "#8cd17d", "#d37295"];

    public static IReadOnlyList<TypeColour> Legend(bool chinese) =>
        EnablerType.All.Select((t, i) => new TypeColour(t.Code, t.Name(chinese), Palette[i % Palette.Length])).ToList();

    public static NetworkDrawing Build(ClusterNetwork net, string? sizeBy, string? focus, int? group, bool chinese, int limit = DrawLimit)
    {
        var measure = string.IsNullOrWhiteSpace(sizeBy) ? "degree" : sizeBy.Trim().ToLowerInvariant();
        if (!SizeMeasures.Contains(measure))
            throw new DomainException("bad_size", $"Size '{sizeBy}' is not one of {string.Join(", ", SizeMeasures)}.", "size");
        var g = net.Graph;
        var n = g.NodeCount;
        var legend = Legend(chinese);
        if (n == 0) return new NetworkDrawing(0, 0, measure, "all", null, null, 1, [], [], [], [], legend);

        var (layout, partition) = LayoutAndCommunities(net);
        var size = NetworkAnalysis.Centralities(net, measure);
        var degree = Centrality.Degree(g);
        DrawnNode Node(int v)
        {
            var e = net.Nodes[v];
            return new DrawnNode(v, e.Id, e.Key, (chinese ? e.NameZh ?? e.NameEn : e.NameEn ?? e.NameZh) ?? e.Key, e.Type.Code,
                Math.Round(layout.X[v], 3), Math.Round(layout.Y[v], 3), double.IsFinite(size[v]) ? size[v] : 0, partition.Membership[v], degree[v]);
        }

        IReadOnlyList<int> chosen;
        string view;
        string? focusKey = null;
        if (!string.IsNullOrWhiteSpace(focus))
        {
            var v = Find(net, focus.Trim())
                ?? throw new DomainException("not_in_network", $"No enabler matching '{focus}' has a joint action in this window.", "focus");
            focusKey = net.Nodes[v].Key;
            var a = g.Undirected;
            var neighbours = Enumerable.Range(a.Offsets[v], a.Offsets[v + 1] - a.Offsets[v])
                .OrderByDescending(e => a.Weights[e]).Take(limit - 1).Select(e => a.Targets[e]);
            chosen = [v, .. neighbours];
            view = "focus";
        }
        else if (group is { } c)
        {
            if (c < 0 || c >= partition.Count) throw new DomainException("bad_group", $"There is no community {c} (0..{partition.Count - 1}).", "group");
            chosen = Enumerable.Range(0, n).Where(v => partition.Membership[v] == c).OrderByDescending(v => size[v]).Take(limit).ToList();
            view = "group";
        }
        else if (n <= limit)
        {
            chosen = Enumerable.Range(0, n).ToList();
            view = "all";
        }
        else
        {
            var groups = Groups(net, partition, layout);
            return new NetworkDrawing(n, g.EdgeCount, measure, "groups", null, null, layout.Width, [], [], groups, GroupEdges(g, partition, limit), legend);
        }
        var at = new Dictionary<int, int>();
        foreach (var v in chosen) at[v] = at.Count;
        var nodes = chosen.Select(Node).ToList();
        var edges = new List<DrawnEdge>();
        var rows = g.Undirected;
        foreach (var v in chosen)
            for (var e = rows.Offsets[v]; e < rows.Offsets[v + 1]; e++)
                if (rows.Targets[e] > v && at.TryGetValue(rows.Targets[e], out var j))
                    edges.Add(new DrawnEdge(at[v], j, rows.Weights[e]));
        return new NetworkDrawing(n, g.EdgeCount, measure, view, focusKey, group, layout.Width, nodes, edges, [], [], legend);
    }

    /// <summary>
    /// The layout and Louvain communities of a network, remembered for the last few networks drawn: a 100,000-enabler
    /// layout takes tens of seconds on two cores (docs/benchmarks.md), and focusing, opening a community or changing the
    /// size measure asks again for the same network. The key is a SHA-256 of the graph itself (labels, ties, weights), so
    /// any change to the registry or the filters is a new key.
    /// </summary>
    public static (LayoutResult Layout, CommunityPartition Communities) LayoutAndCommunities(ClusterNetwork net)
    {
        var g = net.Graph;
        var weighted = net.Window.Projection != ProjectionMethod.Clique;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.Undirected.Offsets.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.Undirected.Targets.AsSpan()));
        if (weighted) hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.Undirected.Weights.AsSpan()));
        foreach (var label in g.Labels) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(label + "\n"));
        var key = Convert.ToHexString(hash.GetHashAndReset());
        if (Remembered.TryGetValue(key, out var hit)) return hit;
        var result = (ForceLayout.FruchtermanReingold(g), Communities.Louvain(g, new Random(NetworkAnalysis.Seed), weighted: weighted));
        if (Remembered.Count >= 4) Remembered.Clear();
        Remembered[key] = result;
        return result;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (LayoutResult, CommunityPartition)> Remembered = new();

    /// <summary>The node a search means: the exact key, else the exact name (English or Chinese), else the first name or key
    /// containing the text (case-insensitive), preferring the highest degree.</summary>
    public static int? Find(ClusterNetwork net, string text)
    {
        var nodes = net.Nodes;
        for (var v = 0; v < nodes.Count; v++) if (string.Equals(nodes[v].Key, text, StringComparison.OrdinalIgnoreCase)) return v;
        for (var v = 0; v < nodes.Count; v++)
            if (string.Equals(nodes[v].NameEn, text, StringComparison.OrdinalIgnoreCase) || nodes[v].NameZh == text) return v;
        var degree = Centrality.Degree(net.Graph);
        var hits = Enumerable.Range(0, nodes.Count).Where(v =>
            nodes[v].Key.Contains(text, StringComparison.OrdinalIgnoreCase) ||
            (nodes[v].NameEn?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) ||
            (nodes[v].NameZh?.Contains(text, StringComparison.Ordinal) ?? false)).ToList();
        return hits.Count == 0 ? null : hits.MaxBy(v => degree[v]);
    }

    static List<DrawnGroup> Groups(ClusterNetwork net, CommunityPartition partition, LayoutResult layout)
    {
        var members = partition.Members();
        return members.Select((m, c) =>
        {
            var type = m.GroupBy(v => net.Nodes[v].Type.Code).OrderByDescending(t => t.Count()).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
            var hub = m.OrderByDescending(v => net.Graph.Undirected.Degree(v)).First();
            return new DrawnGroup(c, Math.Round(m.Average(v => layout.X[v]), 3), Math.Round(m.Average(v => layout.Y[v]), 3), m.Length, type,
                net.Nodes[hub].NameEn ?? net.Nodes[hub].NameZh ?? net.Nodes[hub].Key);
        }).ToList();
    }

    /// <summary>Ties between communities, weights summed; the heaviest <paramref name="limit"/> are kept.</summary>
    static List<DrawnEdge> GroupEdges(Graph g, CommunityPartition partition, int limit)
    {
        var sums = new Dictionary<(int, int), double>();
        var a = g.Undirected; var m = partition.Membership;
        for (var u = 0; u < g.NodeCount; u++)
            for (var e = a.Offsets[u]; e < a.Offsets[u + 1]; e++)
            {
                int cu = m[u], cv = m[a.Targets[e]];
                if (a.Targets[e] <= u || cu == cv) continue;
                var key = (Math.Min(cu, cv), Math.Max(cu, cv));
                sums[key] = sums.GetValueOrDefault(key) + a.Weights[e];
            }
        return sums.OrderByDescending(kv => kv.Value).Take(limit).Select(kv => new DrawnEdge(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
    }
}
