using System.Text;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>A node of a <see cref="NetworkChart"/>: its label and a size (area grows with it: records, degree).</summary>
public sealed record NetworkNode(string Label, double Size);

/// <summary>A tie between two nodes of a <see cref="NetworkChart"/>, by their positions in the node list, with a weight
/// (line width grows with it).</summary>
public sealed record NetworkEdge(int Source, int Target, double Weight);

/// <summary>
/// A small undirected network drawn on the server (tens of nodes: who works with whom among the top names of a
/// landscape), laid out by <see cref="ForceLayout.FruchtermanReingold"/> with a fixed seed, so the same network is
/// drawn the same way every time. Node areas follow <see cref="NetworkNode.Size"/>, line widths
/// <see cref="NetworkEdge.Weight"/> (both on a square-root scale). The data download lists nodes and ties.
/// </summary>
public sealed class NetworkChart : Chart
{
    public NetworkChart(string title, IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkEdge> edges) : base(title)
    {
        foreach (var e in edges)
            if (e.Source < 0 || e.Source >= nodes.Count || e.Target < 0 || e.Target >= nodes.Count)
                throw new ArgumentException($"A tie joins node {e.Source} and node {e.Target}, but there are {nodes.Count} nodes.", nameof(edges));
        Nodes = nodes;
        Edges = edges;
    }

    public IReadOnlyList<NetworkNode> Nodes { get; }
    public IReadOnlyList<NetworkEdge> Edges { get; }

    public override string Csv()
    {
        var csv = new StringBuilder("kind,source,target,value\n");
        foreach (var n in Nodes) csv.Append("node,").Append(CsvField(n.Label)).Append(",,").Append(CsvNumber(n.Size)).Append('\n');
        foreach (var e in Edges)
            csv.Append("tie,").Append(CsvField(Nodes[e.Source].Label)).Append(',').Append(CsvField(Nodes[e.Target].Label)).Append(',').Append(CsvNumber(e.Weight)).Append('\n');
        return csv.ToString();
    }

    protected override void Draw(StringBuilder svg)
    {
        if (Nodes.Count == 0) return;
        var graph = Graph.FromEdges(Edges.Select(e => (e.Source, e.Target)), nodes: Enumerable.Range(0, Nodes.Count));
        var layout = ForceLayout.FruchtermanReingold(graph);
        // The layout's bounding box, fitted into the frame below the title with room for the largest node and a label.
        const double margin = 34, top = 30;
        double minX = layout.X.Min(), maxX = layout.X.Max(), minY = layout.Y.Min(), maxY = layout.Y.Max();
        double spanX = Math.Max(maxX - minX, 1e-9), spanY = Math.Max(maxY - minY, 1e-9);
        double X(int v) => Nodes.Count == 1 ? Width / 2.0 : margin + (layout.X[v] - minX) / spanX * (Width - 2 * margin - 80);
        double Y(int v) => Nodes.Count == 1 ? (Height + top) / 2.0 : top + margin / 2 + (layout.Y[v] - minY) / spanY * (Height - top - margin);
        var maxSize = Math.Max(Nodes.Max(n => n.Size), 1e-9);
        var maxWeight = Math.Max(Edges.Select(e => e.Weight).DefaultIfEmpty(1).Max(), 1e-9);
        foreach (var e in Edges)
        {
            var w = 0.8 + 5 * Math.Sqrt(e.Weight / maxWeight);
            svg.Append(F($"<line x1=\"{X(e.Source):0.#}\" y1=\"{Y(e.Source):0.#}\" x2=\"{X(e.Target):0.#}\" y2=\"{Y(e.Target):0.#}\" stroke=\"{Colour(8)}\" stroke-opacity=\"0.55\" stroke-width=\"{w:0.##}\"><title>{Escape(Nodes[e.Source].Label)} – {Escape(Nodes[e.Target].Label)}: {Number(e.Weight)}</title></line>"));
        }
        for (var v = 0; v < Nodes.Count; v++)
        {
            var r = 3 + 11 * Math.Sqrt(Math.Max(0, Nodes[v].Size) / maxSize);
            svg.Append(F($"<circle cx=\"{X(v):0.#}\" cy=\"{Y(v):0.#}\" r=\"{r:0.#}\" fill=\"{Colour(0)}\" fill-opacity=\"0.85\"><title>{Escape(Nodes[v].Label)}: {Number(Nodes[v].Size)}</title></circle>"));
            svg.Append(F($"<text x=\"{X(v) + r + 2:0.#}\" y=\"{Y(v) + 4:0.#}\">{Escape(Clip(Nodes[v].Label, 24))}</text>"));
        }
    }
}
