// Times the graph algorithms on an edge list and prints CSV rows: tool,graph,task,seconds,note
// Usage: GraphsBench --layout FILE NAME (the force layout only)
//        GraphsBench FILE NAME        (FILE: "source,target" CSV with header, or SNAP "#"-commented whitespace pairs)
//        GraphsBench --large N M SEED  (Barabási–Albert graph generated in process; sampled betweenness)
using System.Diagnostics;
using System.Globalization;
using Archipelago.Numerics.Graphs;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

static void Row(string graph, string task, double seconds, string note = "") =>
    Console.WriteLine($"archipelago,{graph},{task},{seconds:0.000},{note}");

static Graph Read(string path)
{
    var b = new GraphBuilder<long>();
    foreach (var line in File.ReadLines(path))
    {
        if (line.Length == 0 || line[0] == '#' || char.IsLetter(line[0])) continue;
        var f = line.Split((char[])[',', '\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        b.AddEdge(long.Parse(f[0]), long.Parse(f[1]));
    }
    return b.Build();
}

static double Time(Action a) { var sw = Stopwatch.StartNew(); a(); return sw.Elapsed.TotalSeconds; }

// JIT warm-up on a small graph so the timings below measure the algorithms, not compilation
{
    var w = RandomGraphs.BarabasiAlbert(500, 3, new Random(1));
    Centrality.ShortestPaths(w); Centrality.PageRank(w); Centrality.Eigenvector(w); Communities.Louvain(w, new Random(1));
    Cohesion.LocalClustering(w); StructuralHoles.Constraint(w);
}

if (args[0] == "--large")
{
    int n = int.Parse(args[1]), m = int.Parse(args[2]), seed = int.Parse(args[3]);
    var name = $"ba_{n}_{m}";
    var total = Stopwatch.StartNew();
    Graph g = null!;
    Row(name, "generate+build", Time(() => g = RandomGraphs.BarabasiAlbert(n, m, new Random(seed))), $"n={g.NodeCount} m={g.EdgeCount}");
    PathCentralities p = null!;
    Row(name, "sampled_paths_k1000", Time(() => p = Centrality.SampledBetweenness(g, 1000, new Random(seed))), "betweenness+closeness+harmonic estimates");
    Row(name, "pagerank", Time(() => Centrality.PageRank(g)));
    Row(name, "eigenvector", Time(() => Centrality.Eigenvector(g)));
    Row(name, "clustering", Time(() => Cohesion.LocalClustering(g)));
    Row(name, "constraint", Time(() => StructuralHoles.Constraint(g)));
    Row(name, "louvain", Time(() => Communities.Louvain(g, new Random(seed))));
    Row(name, "centr_degree+form", Time(() => { Centralisation.Degree(g); NetworkForm.Classify(g); }));
    LayoutResult layout = null!;
    Row(name, "layout_fr", Time(() => layout = ForceLayout.FruchtermanReingold(g)), $"iterations={layout.Iterations} Barnes-Hut");
    Row(name, "total", total.Elapsed.TotalSeconds, $"peak_working_set_MB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}");
    return;
}

if (args[0] == "--layout")
{
    // only the layout, for a quick side-by-side with bench_igraph.R's layout_fr row
    var lg = Read(args[1]);
    LayoutResult lr = null!;
    Row(args[2], "layout_fr", Time(() => lr = ForceLayout.FruchtermanReingold(lg)), $"iterations={lr.Iterations} n={lg.NodeCount} m={lg.EdgeCount}");
    return;
}

var graph = args[1];
Graph h = null!;
Row(graph, "load", Time(() => h = Read(args[0])), $"n={h.NodeCount} m={h.EdgeCount}");
Row(graph, "betweenness_exact", Time(() => Centrality.Betweenness(h)));
Row(graph, "pagerank+eigenvector+closeness", Time(() => { Centrality.PageRank(h); Centrality.Eigenvector(h); Centrality.Closeness(h); }));
CommunityPartition part = null!;
Row(graph, "louvain", Time(() => part = Communities.Louvain(h, new Random(42))), $"Q={part.Modularity:0.0000}");
LayoutResult fr = null!;
Row(graph, "layout_fr", Time(() => fr = ForceLayout.FruchtermanReingold(h)), $"iterations={fr.Iterations}");
Row(graph, "clustering", Time(() => Cohesion.LocalClustering(h)));
Row(graph, "constraint", Time(() => StructuralHoles.Constraint(h)));
