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

        var key = NetworkCache.Key(net);
        var partition = Communities(net, key);
        var size = NetworkCache.Get($"{key}/size/{measure}", () => NetworkAnalysis.Centralities(net, measure));
        var degree = Centrality.Degree(g);

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
            // Only the super-graph of communities is laid out: a full layout of 100,000 enablers is not needed to draw a few hundred groups.
            var (groups, groupEdges, width) = NetworkCache.Get($"{key}/groups/{limit}", () => Groups(net, partition, limit));
            return new NetworkDrawing(n, g.EdgeCount, measure, "groups", null, null, width, [], [], groups, groupEdges, legend);
        }
        // The drawn enablers alone are laid out (the whole network when it is drawn whole), remembered per view.
        var layout = view == "all" ? LayoutAndCommunities(net).Layout
            : NetworkCache.Get($"{key}/layout/{view}/{focusKey}/{group}/{limit}/{(view == "group" ? measure : "")}", () => ForceLayout.FruchtermanReingold(Induced(g, chosen)));
        var at = new Dictionary<int, int>();
        foreach (var v in chosen) at[v] = at.Count;
        var nodes = chosen.Select((v, i) =>
        {
            var e = net.Nodes[v];
            var p = view == "all" ? v : i;
            return new DrawnNode(v, e.Id, e.Key, (chinese ? e.NameZh ?? e.NameEn : e.NameEn ?? e.NameZh) ?? e.Key, e.Type.Code,
                Math.Round(layout.X[p], 3), Math.Round(layout.Y[p], 3), double.IsFinite(size[v]) ? size[v] : 0, partition.Membership[v], degree[v]);
        }).ToList();
        var edges = new List<DrawnEdge>();
        var rows = g.Undirected;
        foreach (var v in chosen)
            for (var e = rows.Offsets[v]; e < rows.Offsets[v + 1]; e++)
                if (rows.Targets[e] > v && at.TryGetValue(rows.Targets[e], out var j))
                    edges.Add(new DrawnEdge(at[v], j, rows.Weights[e]));
        return new NetworkDrawing(n, g.EdgeCount, measure, view, focusKey, group, layout.Width, nodes, edges, [], [], legend);
    }

    /// <summary>The layout of the whole network (exports carry positions for Gephi and VOSviewer) and its communities,
    /// remembered with the network's other work.</summary>
    public static (LayoutResult Layout, CommunityPartition Communities) LayoutAndCommunities(ClusterNetwork net)
    {
        var key = NetworkCache.Key(net);
        return (NetworkCache.Get($"{key}/layout/all", () => ForceLayout.FruchtermanReingold(net.Graph)), Communities(net, key));
    }

    /// <summary>The ties among <paramref name="chosen"/> as a graph whose node i is chosen[i].</summary>
    static Graph Induced(Graph g, IReadOnlyList<int> chosen)
    {
        var at = new Dictionary<int, int>();
        foreach (var v in chosen) at[v] = at.Count;
        var b = new GraphBuilder<int>();
        for (var i = 0; i < chosen.Count; i++) b.AddNode(i);
        var a = g.Undirected;
        foreach (var v in chosen)
            for (var e = a.Offsets[v]; e < a.Offsets[v + 1]; e++)
                if (a.Targets[e] > v && at.TryGetValue(a.Targets[e], out var j)) b.AddEdge(at[v], j, a.Weights[e]);
        return b.Build();
    }

    /// <summary>The Louvain communities of a network (seeded), remembered with its other work (<see cref="NetworkCache"/>).</summary>
    public static CommunityPartition Communities(ClusterNetwork net, string? key = null) =>
        NetworkCache.Get($"{key ?? NetworkCache.Key(net)}/communities", () =>
            Archipelago.Numerics.Graphs.Communities.Louvain(net.Graph, new Random(NetworkAnalysis.Seed), weighted: net.Window.Projection != ProjectionMethod.Clique));

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

    /// <summary>The communities as super-nodes, laid out by their summed ties (Fruchterman–Reingold on the super-graph), and the
    /// heaviest <paramref name="limit"/> ties between them.</summary>
    static (List<DrawnGroup> Groups, List<DrawnEdge> Edges, double Width) Groups(ClusterNetwork net, CommunityPartition partition, int limit)
    {
        var members = partition.Members();
        var sums = new Dictionary<(int, int), double>();
        var a = net.Graph.Undirected; var m = partition.Membership;
        for (var u = 0; u < net.Graph.NodeCount; u++)
            for (var e = a.Offsets[u]; e < a.Offsets[u + 1]; e++)
            {
                int cu = m[u], cv = m[a.Targets[e]];
                if (a.Targets[e] <= u || cu == cv) continue;
                var key = (Math.Min(cu, cv), Math.Max(cu, cv));
                sums[key] = sums.GetValueOrDefault(key) + a.Weights[e];
            }
        var b = new GraphBuilder<int>();
        for (var c = 0; c < members.Length; c++) b.AddNode(c);
        foreach (var ((cu, cv), w) in sums) b.AddEdge(cu, cv, w);
        var layout = ForceLayout.FruchtermanReingold(b.Build());
        var groups = members.Select((mm, c) =>
        {
            var type = mm.GroupBy(v => net.Nodes[v].Type.Code).OrderByDescending(t => t.Count()).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
            var hub = mm.OrderByDescending(v => a.Degree(v)).First();
            return new DrawnGroup(c, Math.Round(layout.X[c], 3), Math.Round(layout.Y[c], 3), mm.Length, type,
                net.Nodes[hub].NameEn ?? net.Nodes[hub].NameZh ?? net.Nodes[hub].Key);
        }).ToList();
        var edges = sums.OrderByDescending(kv => kv.Value).Take(limit).Select(kv => new DrawnEdge(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
        return (groups, edges, layout.Width);
    }
}
