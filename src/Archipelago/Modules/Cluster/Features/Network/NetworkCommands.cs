using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Cli;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>
/// <c>archipelago network metrics|summary --edges FILE</c>: the per-node and network-level measures of an edge list,
/// without a workspace (seed 004's network analysis on any graph). Betweenness is normalised as NetworkX does by
/// default; above 20,000 nodes path measures are estimated from 1,000 sampled sources unless <c>--exact</c>.
/// </summary>
public static class NetworkCommands
{
    public static Command Create()
    {
        var edges = new Option<string>("--edges") { Required = true, Description = "Edge list: CSV with header source,target[,weight], or whitespace-separated pairs with # comments." };
        var directed = new Option<bool>("--directed") { Description = "Treat edges as directed." };
        var weight = new Option<string?>("--weight") { Description = "Weight column (CSV header name; or 3 for the third column of a pair list)." };
        var exact = new Option<bool>("--exact") { Description = "Exact path measures however large the graph." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42, Description = "Seed of sampling and Louvain." };

        var metricsFormat = Cli.Format("csv", "csv", "json");
        var metrics = new Command("metrics", "Per-node measures: degree, betweenness, closeness, harmonic, eigenvector, PageRank, clustering, Burt's constraint.")
            { edges, directed, weight, exact, seed, metricsFormat };
        metrics.SetAction((r, ct) => Cli.Run(() =>
        {
            var g = EdgeListFile.Read(r.GetValue(edges)!, r.GetValue(directed), r.GetValue(weight));
            var table = NetworkMetrics.Nodes(g, Options(r.GetValue(weight) is not null, r.GetValue(exact), r.GetValue(seed)));
            if (r.GetValue(metricsFormat) == "json")
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    nodes = table.Rows.Select(x => new
                    {
                        node = x.Node, degree = x.Degree, weighted_degree = x.WeightedDegree, betweenness = Num(x.Betweenness), closeness = Num(x.Closeness),
                        harmonic = Num(x.Harmonic), eigenvector = Num(x.Eigenvector), pagerank = Num(x.PageRank), clustering = Num(x.Clustering), constraint = Num(x.Constraint),
                    }),
                    path_measures_exact = table.PathMeasuresExact, sources = table.Sources,
                    eigenvector_converged = table.EigenvectorConverged, pagerank_converged = table.PageRankConverged,
                }, Json));
            else
            {
                var sb = new StringBuilder("node,degree,weighted_degree,betweenness,closeness,harmonic,eigenvector,pagerank,clustering,constraint\n");
                foreach (var x in table.Rows)
                    sb.Append(Csv(x.Node)).Append(',').Append(x.Degree).Append(',').Append(F(x.WeightedDegree)).Append(',').Append(F(x.Betweenness)).Append(',')
                      .Append(F(x.Closeness)).Append(',').Append(F(x.Harmonic)).Append(',').Append(F(x.Eigenvector)).Append(',').Append(F(x.PageRank)).Append(',')
                      .Append(F(x.Clustering)).Append(',').Append(F(x.Constraint)).Append('\n');
                Console.Write(sb);
                if (!table.PathMeasuresExact)
                    Console.Error.WriteLine($"note: {g.NodeCount} nodes: betweenness, closeness and harmonic estimated from {table.Sources} sampled sources (mean standard error of betweenness {table.BetweennessStandardError.Average():G3}); use --exact for exact values.");
            }
            return Task.FromResult(0);
        }));

        var summaryFormat = Cli.Format("json", "json");
        var summary = new Command("summary", "Network-level measures: density, components, Freeman centralisation, modularity and Louvain communities, Baran's form.")
            { edges, directed, weight, exact, seed, summaryFormat };
        summary.SetAction((r, ct) => Cli.Run(() =>
        {
            var g = EdgeListFile.Read(r.GetValue(edges)!, r.GetValue(directed), r.GetValue(weight));
            var s = NetworkMetrics.Summary(g, Options(r.GetValue(weight) is not null, r.GetValue(exact), r.GetValue(seed)));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                nodes = s.Nodes, edges = s.Edges, density = Num(s.Density), components = s.Components, largest_component = s.LargestComponent,
                freeman_degree_centralization = Num(s.FreemanDegreeCentralization),
                freeman_betweenness_centralization = Num(s.FreemanBetweennessCentralization), betweenness_exact = s.BetweennessExact,
                modularity = Num(s.Modularity), communities = s.Communities,
                baran_form = s.Form,
            }, Json));
            return Task.FromResult(0);
        }));
        return new Command("network", "Network measures of an edge list (seed 004: who bridges, how centralised).") { metrics, summary };
    }

    static NodeMetricsOptions Options(bool weighted, bool exact, int seed) =>
        new(Weighted: weighted, ExactBetweennessLimit: exact ? int.MaxValue : 20_000, Seed: seed);

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Round-trip precision so blind checks can compare to 1e-9; NaN (e.g. constraint of an isolated node, as NetworkX) as "nan".</summary>
    static string F(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
    static double? Num(double v) => double.IsNaN(v) ? null : v;
    static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
