using System.Globalization;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>Reads the shared edge lists and the reference tables written by reference/make_reference*.{py,R}.</summary>
static class Reference
{
    static readonly Lazy<Dictionary<(string Graph, string Node, string Metric), double>> networkx = new(() => Load("networkx_reference.csv"));
    static readonly Lazy<Dictionary<(string Graph, string Node, string Metric), double>> igraph = new(() => Load("igraph_reference.csv"));

    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Graphs", "reference");

    static Dictionary<(string, string, string), double> Load(string file)
    {
        var d = new Dictionary<(string, string, string), double>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, file)).Skip(1))
        {
            var f = line.Split(',');
            d[(f[0], f[1], f[2])] = f[3] is "nan" or "NaN" or "NA" ? double.NaN : double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        return d;
    }

    public static double NetworkX(string graph, string metric, string node = "") => networkx.Value[(graph, node, metric)];
    public static bool HasNetworkX(string graph, string metric, string node = "") => networkx.Value.ContainsKey((graph, node, metric));
    public static double Igraph(string graph, string metric, string node = "") => igraph.Value[(graph, node, metric)];

    /// <summary>An edge list CSV with header (source,target[,weight]), string ids, merged as nx.Graph would (no duplicates occur).</summary>
    public static Graph ReadCsv(string path, bool weighted, bool directed = false, IEnumerable<string>? extraNodes = null,
        IEnumerable<(string, string)>? extraEdges = null)
    {
        var b = new GraphBuilder<string>(directed);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (weighted) b.AddEdge(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture)); else b.AddEdge(f[0], f[1]);
        }
        foreach (var v in extraNodes ?? []) b.AddNode(v);
        foreach (var (u, v) in extraEdges ?? []) { if (weighted) b.AddEdge(u, v, 1); else b.AddEdge(u, v); }
        return b.Build();
    }

    public static Graph Named(string name) => name switch
    {
        "karate" => ReadCsv(SharedData.Path("network-karate-club", "karate_edges.csv"), weighted: true),
        "florentine" => ReadCsv(SharedData.Path("network-networkx-classics", "florentine_families_edges.csv"), false),
        "florentine_isolate" => ReadCsv(SharedData.Path("network-networkx-classics", "florentine_families_edges.csv"), false, extraNodes: ["Pucci"]),
        "florentine_loops" => ReadCsv(SharedData.Path("network-networkx-classics", "florentine_families_edges.csv"), false, extraNodes: ["Pucci"],
            extraEdges: [("Medici", "Medici"), ("Strozzi", "Strozzi")]),
        "lesmis" => ReadCsv(SharedData.Path("network-networkx-classics", "les_miserables_edges.csv"), true),
        "davis" => ReadCsv(SharedData.Path("network-networkx-classics", "davis_southern_women_bipartite_edges.csv"), false),
        "directed_gnp" => ReadCsv(Path.Combine(Dir, "directed_gnp.csv"), false, directed: true),
        "grqc" => ReadSnap(SharedData.Path("network-snap-ca-grqc", "CA-GrQc.txt")),
        _ => throw new ArgumentException(name),
    };

    /// <summary>SNAP whitespace-separated pairs with # comments; reciprocal pairs merge into one undirected edge.</summary>
    public static Graph ReadSnap(string path)
    {
        var b = new GraphBuilder<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            b.AddEdge(f[0], f[1]);
        }
        return b.Build();
    }

    public static void Close(double expected, double actual, double tol, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}"); return; }
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(expected - actual):E2} > {tol:E0})");
    }
}
