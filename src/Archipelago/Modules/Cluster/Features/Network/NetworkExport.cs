using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Archipelago.Kernel;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>One export format: its name, file extension and media type.</summary>
public sealed record ExportFormat(string Name, string Extension, string MediaType, string Description);

/// <summary>
/// The projected network as files other tools read: GraphML (yEd, Cytoscape, NetworkX), GEXF 1.2 (Gephi), VOSviewer's map
/// and network files and its JSON, and CSV node and edge lists. Nodes carry the enabler key as id, the name as label,
/// the enabler type, region scope, degree, weighted degree, Louvain community and the server-side layout position; edges
/// carry the projection's weight (docs/cluster-network.md).
/// </summary>
public static class NetworkExport
{
    public static readonly IReadOnlyList<ExportFormat> Formats =
    [
        new("graphml", "graphml", "application/graphml+xml", "GraphML"),
        new("gexf", "gexf", "application/gexf+xml", "GEXF 1.2 (Gephi)"),
        new("vosviewer-json", "json", "application/json", "VOSviewer JSON"),
        new("vosviewer-map", "txt", "text/tab-separated-values", "VOSviewer map file"),
        new("vosviewer-network", "txt", "text/tab-separated-values", "VOSviewer network file"),
        new("csv-nodes", "csv", "text/csv", "CSV node list"),
        new("csv-edges", "csv", "text/csv", "CSV edge list"),
    ];

    public static ExportFormat Format(string? name) =>
        Formats.FirstOrDefault(f => f.Name == (name ?? "").Trim().ToLowerInvariant())
        ?? throw new DomainException("bad_format", $"Export format '{name}' is not one of {string.Join(", ", Formats.Select(f => f.Name))}.", "format");

    sealed record Row(int Index, string Key, string Label, string Type, string Scope, int Degree, double Strength, int Community, double X, double Y);

    static List<Row> Rows(ClusterNetwork net)
    {
        var g = net.Graph;
        if (g.NodeCount == 0) return [];
        var (layout, partition) = NetworkDrawingBuilder.LayoutAndCommunities(net);
        var degree = Centrality.Degree(g); var strength = Centrality.WeightedDegree(g);
        return net.Nodes.Select((e, v) => new Row(v, e.Key, e.NameEn ?? e.NameZh ?? e.Key, e.Type.Code, e.Region.ScopeFrom(net.Home).ToString().ToLowerInvariant(),
            degree[v], strength[v], partition.Membership[v], layout.X[v], layout.Y[v])).ToList();
    }

    static IEnumerable<(int U, int V, double W)> Edges(Graph g)
    {
        var a = g.Undirected;
        for (var u = 0; u < g.NodeCount; u++)
            for (var e = a.Offsets[u]; e < a.Offsets[u + 1]; e++)
                if (a.Targets[e] > u) yield return (u, a.Targets[e], a.Weights[e]);
    }

    public static string Write(ClusterNetwork net, ExportFormat format)
    {
        var rows = Rows(net);
        return format.Name switch
        {
            "graphml" => GraphMl(net, rows),
            "gexf" => Gexf(net, rows),
            "vosviewer-json" => VosViewerJson(net, rows),
            "vosviewer-map" => VosViewerMap(rows),
            "vosviewer-network" => string.Concat(Edges(net.Graph).Select(e => $"{e.U + 1}\t{e.V + 1}\t{R(e.W)}\n")),
            "csv-nodes" => "id,label,type,scope,degree,weighted_degree,community,x,y\n" + string.Concat(rows.Select(r =>
                $"{Csv(r.Key)},{Csv(r.Label)},{r.Type},{r.Scope},{r.Degree},{R(r.Strength)},{r.Community},{R(r.X)},{R(r.Y)}\n")),
            _ => "source,target,weight\n" + string.Concat(Edges(net.Graph).Select(e => $"{Csv(net.Nodes[e.U].Key)},{Csv(net.Nodes[e.V].Key)},{R(e.W)}\n")),
        };
    }

    static readonly (string Id, string Name, string Type)[] NodeKeys =
        [("label", "label", "string"), ("type", "type", "string"), ("scope", "scope", "string"), ("degree", "degree", "int"),
         ("weighted_degree", "weighted_degree", "double"), ("community", "community", "int"), ("x", "x", "double"), ("y", "y", "double")];

    static object[] Values(Row r) => [r.Label, r.Type, r.Scope, r.Degree, r.Strength, r.Community, r.X, r.Y];

    static string GraphMl(ClusterNetwork net, List<Row> rows)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            const string ns = "http://graphml.graphdrawing.org/xmlns";
            w.WriteStartElement("graphml", ns);
            foreach (var (id, name, type) in NodeKeys)
            {
                w.WriteStartElement("key", ns); w.WriteAttributeString("id", id); w.WriteAttributeString("for", "node");
                w.WriteAttributeString("attr.name", name); w.WriteAttributeString("attr.type", type); w.WriteEndElement();
            }
            w.WriteStartElement("key", ns); w.WriteAttributeString("id", "weight"); w.WriteAttributeString("for", "edge");
            w.WriteAttributeString("attr.name", "weight"); w.WriteAttributeString("attr.type", "double"); w.WriteEndElement();
            w.WriteStartElement("graph", ns); w.WriteAttributeString("id", "joint_actions"); w.WriteAttributeString("edgedefault", "undirected");
            foreach (var r in rows)
            {
                w.WriteStartElement("node", ns); w.WriteAttributeString("id", r.Key);
                var values = Values(r);
                for (var i = 0; i < NodeKeys.Length; i++)
                {
                    w.WriteStartElement("data", ns); w.WriteAttributeString("key", NodeKeys[i].Id); w.WriteString(Text(values[i])); w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            foreach (var (u, v, weight) in Edges(net.Graph))
            {
                w.WriteStartElement("edge", ns); w.WriteAttributeString("source", net.Nodes[u].Key); w.WriteAttributeString("target", net.Nodes[v].Key);
                w.WriteStartElement("data", ns); w.WriteAttributeString("key", "weight"); w.WriteString(R(weight)); w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement(); w.WriteEndElement();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    static string Gexf(ClusterNetwork net, List<Row> rows)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true }))
        {
            const string ns = "http://www.gexf.net/1.2draft", viz = "http://www.gexf.net/1.2draft/viz";
            w.WriteStartElement("gexf", ns); w.WriteAttributeString("version", "1.2");
            w.WriteAttributeString("xmlns", "viz", null, viz);
            w.WriteStartElement("meta", ns); w.WriteElementString("creator", ns, "Archipelago"); w.WriteElementString("description", ns,
                $"Joint-action network, {NetworkWindow.ProjectionName(net.Window.Projection)} projection"); w.WriteEndElement();
            w.WriteStartElement("graph", ns); w.WriteAttributeString("mode", "static"); w.WriteAttributeString("defaultedgetype", "undirected");
            w.WriteStartElement("attributes", ns); w.WriteAttributeString("class", "node");
            var attributes = NodeKeys.Skip(1).Take(5).ToArray(); // label is the node's own; x, y go to viz:position
            for (var i = 0; i < attributes.Length; i++)
            {
                w.WriteStartElement("attribute", ns); w.WriteAttributeString("id", i.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("title", attributes[i].Name); w.WriteAttributeString("type", attributes[i].Type == "int" ? "integer" : attributes[i].Type);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("nodes", ns);
            foreach (var r in rows)
            {
                w.WriteStartElement("node", ns); w.WriteAttributeString("id", r.Key); w.WriteAttributeString("label", r.Label);
                w.WriteStartElement("attvalues", ns);
                var values = Values(r).Skip(1).Take(5).ToArray();
                for (var i = 0; i < values.Length; i++)
                {
                    w.WriteStartElement("attvalue", ns); w.WriteAttributeString("for", i.ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("value", Text(values[i])); w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteStartElement("viz", "position", viz); w.WriteAttributeString("x", R(r.X)); w.WriteAttributeString("y", R(r.Y));
                w.WriteAttributeString("z", "0"); w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("edges", ns);
            var id = 0;
            foreach (var (u, v, weight) in Edges(net.Graph))
            {
                w.WriteStartElement("edge", ns); w.WriteAttributeString("id", (id++).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("source", net.Nodes[u].Key); w.WriteAttributeString("target", net.Nodes[v].Key); w.WriteAttributeString("weight", R(weight));
                w.WriteEndElement();
            }
            w.WriteEndElement(); w.WriteEndElement(); w.WriteEndElement();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    /// <summary>VOSviewer's map file: tab-separated, ids from 1, clusters from 1, the two standard weights.</summary>
    static string VosViewerMap(List<Row> rows) =>
        "id\tlabel\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tdescription\n" + string.Concat(rows.Select(r =>
            $"{r.Index + 1}\t{Tsv(r.Label)}\t{R(r.X)}\t{R(r.Y)}\t{r.Community + 1}\t{r.Degree}\t{R(r.Strength)}\t{Tsv(r.Key + " · " + r.Type)}\n"));

    static string VosViewerJson(ClusterNetwork net, List<Row> rows) => JsonSerializer.Serialize(new
    {
        network = new
        {
            items = rows.Select(r => new Dictionary<string, object>
            {
                ["id"] = r.Index + 1, ["label"] = r.Label, ["description"] = r.Key + " · " + r.Type, ["x"] = r.X, ["y"] = r.Y, ["cluster"] = r.Community + 1,
                ["weights"] = new Dictionary<string, double> { ["Links"] = r.Degree, ["Total link strength"] = r.Strength },
            }),
            links = Edges(net.Graph).Select(e => new Dictionary<string, object> { ["source_id"] = e.U + 1, ["target_id"] = e.V + 1, ["strength"] = e.W }),
        },
    }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    static string Text(object o) => o switch { double d => R(d), int i => i.ToString(CultureInfo.InvariantCulture), _ => o.ToString() ?? "" };
    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    static string Csv(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    static string Tsv(string s) => s.Replace('\t', ' ').Replace('\n', ' ');
}
