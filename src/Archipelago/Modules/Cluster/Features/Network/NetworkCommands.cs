using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>
/// <c>archipelago network metrics|summary --edges FILE</c>: the per-node and network-level measures of an edge list,
/// without a workspace (seed 004's network analysis on any graph). Betweenness is normalised as NetworkX does by
/// default; above 20,000 nodes path measures are estimated from 1,000 sampled sources unless <c>--exact</c>.
/// Without <c>--edges</c> the same verbs analyse the workspace's own joint-action network (<see cref="ClusterNetwork"/>)
/// for <c>--from</c>/<c>--to</c>/<c>--type</c>; <c>network evolution</c> prints its summary per year.
/// </summary>
public static class NetworkCommands
{
    public static Command Create()
    {
        var edges = new Option<string?>("--edges") { Description = "Edge list: CSV with header source,target[,weight], or whitespace-separated pairs with # comments. Without it, the workspace's joint-action network is analysed." };
        var from = new Option<int?>("--from") { Description = "Workspace network: first year of joint actions." };
        var to = new Option<int?>("--to") { Description = "Workspace network: last year of joint actions." };
        var type = new Option<string?>("--type") { Description = "Workspace network: joint-action types, comma-separated (default all)." };
        var exclude = new Option<string?>("--exclude") { Description = "Workspace network: joint-action types to leave out, comma-separated (e.g. event)." };
        var enablerType = new Option<string?>("--enabler-type") { Description = "Workspace network: enabler types, comma-separated (default all)." };
        var scope = new Option<string?>("--scope") { Description = "Workspace network: region scopes of enablers, comma-separated: local, domestic, abroad, unknown." };
        var projection = new Option<string?>("--projection") { Description = "Workspace network: clique, newman (default: each co-participation weighs 1/(k−1)) or star (ties to organisers only)." };
        var filters = new WorkspaceFilters(from, to, type, exclude, enablerType, scope, projection);
        var directed = new Option<bool>("--directed") { Description = "Treat edges as directed." };
        var weight = new Option<string?>("--weight") { Description = "Weight column (CSV header name; or 3 for the third column of a pair list)." };
        var exact = new Option<bool>("--exact") { Description = "Exact path measures however large the graph." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42, Description = "Seed of sampling and Louvain." };

        var metricsFormat = Cli.Format("csv", "csv", "json");
        var metrics = new Command("metrics", "Per-node measures: degree, betweenness, closeness, harmonic, eigenvector, PageRank, clustering, Burt's constraint.")
            { edges, directed, weight, exact, seed, from, to, type, exclude, enablerType, scope, projection, metricsFormat };
        metrics.SetAction((r, ct) => Cli.Run(async () =>
        {
            if (r.GetValue(edges) is null)
            {
                var net = await WorkspaceNetworkAsync(r, filters, ct);
                var measures = await Cli.WithProgressAsync("per-enabler measures", _ => Task.FromResult(NetworkAnalysis.Measures(net, r.GetValue(exact))));
                PathsNote(net, r.GetValue(exact));
                if (r.GetValue(metricsFormat) == "json") Console.WriteLine(JsonSerializer.Serialize(new { enablers = measures }, Json));
                else
                {
                    var sb = new StringBuilder("node,type,degree,weighted_degree,betweenness,closeness,harmonic,eigenvector,pagerank,clustering,constraint,coordinator,gatekeeper,representative,itinerant,liaison\n");
                    foreach (var x in measures)
                        sb.AppendJoin(',', Csv(x.Key), x.Type, x.Degree.ToString(CultureInfo.InvariantCulture), F(x.WeightedDegree), F(x.Betweenness), F(x.Closeness), F(x.Harmonic),
                            F(x.Eigenvector), F(x.PageRank), F(x.Clustering), F(x.Constraint), x.Coordinator, x.Gatekeeper, x.Representative, x.Itinerant, x.Liaison).Append('\n');
                    Console.Write(sb);
                }
                return 0;
            }
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
            return 0;
        }));

        var summaryFormat = Cli.Format("json", "json");
        var summary = new Command("summary", "Network-level measures: density, components, Freeman centralisation, modularity and Louvain communities, Baran's form.")
            { edges, directed, weight, exact, seed, from, to, type, exclude, enablerType, scope, projection, summaryFormat };
        summary.SetAction((r, ct) => Cli.Run(async () =>
        {
            if (r.GetValue(edges) is null)
            {
                var net = await WorkspaceNetworkAsync(r, filters, ct);
                var c = NetworkAnalysis.Summary(net, r.GetValue(exact));
                var paths = NetworkAnalysis.PathsEstimate(net, r.GetValue(exact));
                PathsNote(net, r.GetValue(exact));
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    from = net.Window.FromYear, to = net.Window.ToYear, types = net.Window.ActionTypes, exclude = net.Window.ExcludeActionTypes,
                    enabler_types = net.Window.EnablerTypes, scopes = net.Window.Scopes, projection = NetworkWindow.ProjectionName(net.Window.Projection),
                    actions = c.Actions, nodes = c.Nodes, edges = c.Edges, density = c.Density, components = c.Components, largest_component = c.LargestComponent,
                    freeman_degree_centralization = c.FreemanDegreeCentralization, freeman_betweenness_centralization = c.FreemanBetweennessCentralization,
                    modularity = c.Modularity, communities = c.Communities, baran_form = c.BaranForm, baran_reason = c.BaranReason,
                    betweenness_exact = paths.Exact, sources = paths.Sources, largest_betweenness_standard_error = paths.LargestStandardError,
                }, Json));
                return 0;
            }
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
            return 0;
        }));

        var cumulative = new Option<bool>("--cumulative") { Description = "Each year counts every joint action from --from (or the first year) up to it." };
        var evolutionFormat = Cli.Format("table", "table", "json");
        var evolution = new Command("evolution", "The workspace network's summary per year: nodes, ties, density, Freeman centralisation, modularity, Baran's form.")
            { from, to, type, exclude, enablerType, scope, projection, cumulative, evolutionFormat };
        evolution.SetAction((r, ct) => Cli.Run(async () =>
        {
            var window = filters.Window(r);
            var db = await Cli.OpenAsync(r, ct: ct);
            var workspace = new Workspace(db);
            var net = await ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), workspace, window, ct);
            var years = NetworkAnalysis.Evolution(net, r.GetValue(cumulative), await StageDiagnosis.ThresholdsAsync(workspace, ct));
            if (r.GetValue(evolutionFormat) == "json")
                Console.WriteLine(JsonSerializer.Serialize(years.Select(y => new
                {
                    year = y.Year, actions = y.Actions, nodes = y.Nodes, edges = y.Edges, density = y.Density,
                    freeman_degree_centralization = y.FreemanDegreeCentralization, freeman_betweenness_centralization = y.FreemanBetweennessCentralization,
                    modularity = y.Modularity, communities = y.Communities, baran_form = y.BaranForm, stage = y.Stage,
                }), Json));
            else
            {
                Console.WriteLine($"{"year",4} {"actions",7} {"nodes",5} {"edges",6} {"density",7} {"deg_cent",8} {"betw_cent",9} {"modularity",10} {"comm",4} {"stage",5}  baran_form");
                foreach (var y in years)
                    Console.WriteLine($"{y.Year,4} {y.Actions,7} {y.Nodes,5} {y.Edges,6} {T(y.Density),7} {T(y.FreemanDegreeCentralization),8} {T(y.FreemanBetweennessCentralization),9} {T(y.Modularity),10} {y.Communities,4} {y.Stage,5}  {y.BaranForm}");
                if (years.Count == 0) Console.Error.WriteLine("note: no joint actions in the window.");
            }
            return 0;
        }));
        var stageFormat = Cli.Format("table", "table", "json");
        var stage = new Command("stage", "Seed 004 stage diagnosis of the workspace network: stage, evidence per indicator, unmet conditions, warnings.")
            { from, to, type, exclude, enablerType, scope, projection, stageFormat };
        stage.SetAction((r, ct) => Cli.Run(async () =>
        {
            var window = filters.Window(r);
            var db = await Cli.OpenAsync(r, ct: ct);
            var workspace = new Workspace(db);
            var net = await ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), workspace, window, ct);
            var d = StageDiagnosis.Diagnose(net, await StageDiagnosis.ThresholdsAsync(workspace, ct));
            if (r.GetValue(stageFormat) == "json") { Console.WriteLine(JsonSerializer.Serialize(d, Json)); return 0; }
            Console.WriteLine($"stage {d.Stage} of 4: {d.StageName}" + (d.NextStageName is { } next ? $" (next: {next})" : ""));
            Console.WriteLine($"{"indicator",-38} {"for",-7} {"value",7}  {"threshold",-10} {"met",-4} source");
            foreach (var e in d.Evidence)
                Console.WriteLine($"{e.Indicator,-38} {(e.Stage == 0 ? "warning" : "stage " + e.Stage),-7} {T(e.Value),7}  {e.Comparison + " " + e.Threshold.ToString(CultureInfo.InvariantCulture) + (e.Default ? "" : "*"),-10} {(e.Stage == 0 ? (e.Met ? "WARN" : "ok") : e.Met ? "yes" : "no"),-4} {e.Source}");
            foreach (var u in d.UnmetForNext) Console.WriteLine($"unmet for {d.NextStageName}: {u.Indicator} = {T(u.Value)}, needs {u.Comparison} {u.Threshold.ToString(CultureInfo.InvariantCulture)}");
            foreach (var w in d.Warnings) Console.WriteLine($"warning: {w.Indicator} = {T(w.Value)} ({w.Meaning})");
            return 0;
        }));

        var exportFormat = new Option<string>("--format") { DefaultValueFactory = _ => "graphml", Description = "graphml, gexf, vosviewer-json, vosviewer-map, vosviewer-network, csv-nodes or csv-edges." };
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var export = new Command("export", "The workspace network as GraphML, GEXF (Gephi), VOSviewer or CSV node/edge lists.")
            { from, to, type, exclude, enablerType, scope, projection, exportFormat, outFile };
        export.SetAction((r, ct) => Cli.Run(async () =>
        {
            var format = NetworkExport.Format(r.GetValue(exportFormat));
            var text = NetworkExport.Write(await WorkspaceNetworkAsync(r, filters, ct), format);
            if (r.GetValue(outFile) is { } path) { await File.WriteAllTextAsync(path, text, ct); Console.Error.WriteLine($"wrote {path}"); }
            else Console.Write(text);
            return 0;
        }));

        var set = new Option<string[]>("--set") { Description = "indicator=value, repeatable (e.g. --set abroad_share=0.15).", AllowMultipleArgumentsPerToken = true };
        var reset = new Option<bool>("--reset") { Description = "Return every threshold to its default first." };
        var thresholds = new Command("thresholds", "Show or change this workspace's stage thresholds (defaults and sources: docs/cluster-stages.md).") { set, reset };
        thresholds.SetAction((r, ct) => Cli.Run(async () =>
        {
            var workspace = new Workspace(await Cli.OpenAsync(r, ct: ct));
            var pairs = r.GetValue(set) ?? [];
            var values = pairs.Length > 0 || r.GetValue(reset)
                ? await StageDiagnosis.SetThresholdsAsync(workspace, StageDiagnosis.ParsePairs(pairs), r.GetValue(reset), ct)
                : await StageDiagnosis.ThresholdsAsync(workspace, ct);
            foreach (var rule in StageDiagnosis.Rules)
                Console.WriteLine($"{rule.Indicator,-38} {rule.Comparison} {(values.TryGetValue(rule.Indicator, out var v) ? v.ToString(CultureInfo.InvariantCulture) + " (default " + rule.Default.ToString(CultureInfo.InvariantCulture) + ")" : rule.Default.ToString(CultureInfo.InvariantCulture))}");
            return 0;
        }));
        return new Command("network", "Network measures of an edge list or of the workspace's joint actions (seed 004: who bridges, how centralised, how it changed).")
            { metrics, summary, evolution, stage, thresholds, export };
    }

    sealed record WorkspaceFilters(Option<int?> From, Option<int?> To, Option<string?> Type, Option<string?> Exclude, Option<string?> EnablerType,
        Option<string?> Scope, Option<string?> Projection)
    {
        public NetworkWindow Window(ParseResult r) => new NetworkQuery(r.GetValue(From), r.GetValue(To), r.GetValue(Type), r.GetValue(Exclude),
            r.GetValue(EnablerType), r.GetValue(Scope), r.GetValue(Projection)).Window();
    }

    static async Task<ClusterNetwork> WorkspaceNetworkAsync(ParseResult r, WorkspaceFilters filters, CancellationToken ct)
    {
        var window = filters.Window(r);
        var db = await Cli.OpenAsync(r, ct: ct);
        return await ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), new Workspace(db), window, ct);
    }

    /// <summary>On standard error: how path measures were computed when sampled, and what --exact costs.</summary>
    static void PathsNote(ClusterNetwork net, bool exact)
    {
        if (NetworkApi.ExactWarning(net, exact) is { } warning) Console.Error.WriteLine("warning: " + warning);
        var p = NetworkAnalysis.PathsEstimate(net, exact);
        if (!p.Exact)
            Console.Error.WriteLine($"note: {net.Graph.NodeCount} enablers: betweenness, closeness and harmonic estimated from {p.Sources} sampled sources (largest standard error of betweenness {p.LargestStandardError:G3}); use --exact for exact values.");
    }

    static string T(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    static string F(double? v) => v is { } x ? F(x) : "nan";

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
