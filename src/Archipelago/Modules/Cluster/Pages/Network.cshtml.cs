using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Archipelago.Modules.Cluster.Features.Network;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>The cluster's joint-action network for a window: its summary and Baran form, seed 004's indicators, Freeman
/// degree centralisation per year, and the enablers who bridge the most.</summary>
public sealed class NetworkModel(EnablerStore enablers, JointActionStore actions, Workspace workspace) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Exclude { get; set; }
    [BindProperty(SupportsGet = true)] public string? EnablerType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Projection { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>An enabler (key or name) whose neighbourhood the table and the graph show.</summary>
    [BindProperty(SupportsGet = true)] public string? Focus { get; set; }
    /// <summary>How many enablers the graph draws before it shows communities instead (10..2,000; default 2,000).</summary>
    [BindProperty(SupportsGet = true)] public int? Limit { get; set; }
    /// <summary>Exact path measures even above <see cref="NetworkAnalysis.ExactPathLimit"/> enablers (one search per enabler: slow).</summary>
    [BindProperty(SupportsGet = true)] public bool Exact { get; set; }
    /// <summary>The measure the graph sizes nodes by.</summary>
    [BindProperty(SupportsGet = true)] public string? Size { get; set; }
    /// <summary>The focused enabler and its neighbours, strongest tie first (when <see cref="Focus"/> is set).</summary>
    public IReadOnlyList<EnablerMeasure> Neighbourhood { get; private set; } = [];
    public string? FocusName { get; private set; }
    public int NodeCount { get; private set; }
    public const int TableRows = 50;
    public IReadOnlyList<JointActionType> Types { get; private set; } = [];
    public ClusterNetworkSummary? Summary { get; private set; }
    public SeedIndicators? Indicators { get; private set; }
    public StageDiagnosisResult? Diagnosis { get; private set; }
    public IReadOnlyList<NetworkYear> Years { get; private set; } = [];
    public IReadOnlyList<EnablerMeasure> Top { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The analysis a "computing…" page waits for (its reloads carry it).</summary>
    [BindProperty(SupportsGet = true)] public string? Job { get; set; }

    void ShowComputing(NetworkWorkProgress progress, string job)
    {
        Computing = progress;
        if (NodeCount == 0 && int.TryParse(Request.Query["n"], out var n)) NodeCount = n;
        Response.Headers["Refresh"] = "5; url=" + Url.Page(null, new { From, To, Type, Exclude, EnablerType, Scope, Projection, Sort, Focus, Limit, Size, Exact = Exact ? true : (bool?)null, Job = job, n = NodeCount });
    }

    /// <summary>Set while a large network's analysis is still running: what it is doing now.</summary>
    public NetworkWorkProgress? Computing { get; private set; }
    /// <summary>How betweenness, closeness and harmonic centrality were computed (sampled above 20,000 enablers).</summary>
    public NetworkAnalysis.PathEstimate? Paths { get; private set; }
    /// <summary>How long a request waits for a large network's analysis before it shows the progress instead.</summary>
    public static TimeSpan WaitForAnalysis { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Everything the page shows of one network, computed once per network, filters and thresholds.</summary>
    public sealed record Analysis(ClusterNetworkSummary Summary, SeedIndicators Indicators, StageDiagnosisResult Diagnosis,
        IReadOnlyList<NetworkYear> Years, IReadOnlyList<EnablerMeasure> Measures, NetworkAnalysis.PathEstimate Paths);

    static Analysis Analyse(ClusterNetwork net, IReadOnlyDictionary<string, double> thresholds, bool exact, NetworkWorkProgress progress)
    {
        progress.Step = "per-enabler measures";
        var measures = NetworkAnalysis.Measures(net, exact);
        progress.Step = "network summary";
        var summary = NetworkTrace.Time("summary", () => NetworkAnalysis.Summary(net, exact));
        var indicators = NetworkAnalysis.Indicators(net);
        var diagnosis = StageDiagnosis.Diagnose(StageDiagnosis.Values(net, indicators, summary), thresholds);
        progress.Step = "evolution year by year";
        var years = NetworkTrace.Time("evolution", () => NetworkAnalysis.Evolution(net, stageThresholds: thresholds));
        return new Analysis(summary, indicators, diagnosis, years, measures, NetworkAnalysis.PathsEstimate(net, exact));
    }

    /// <summary>Columns the top-enablers table can be sorted by (a link per header, no script).</summary>
    public static readonly string[] SortColumns = ["betweenness", "degree", "weighted_degree", "harmonic", "eigenvector", "pagerank", "clustering", "constraint",
        "brokerage", "liaison", "gatekeeper", "representative", "coordinator", "itinerant"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = await actions.TypesAsync(ct);
        // A reload while the analysis runs does not load the network again (at 100,000 enablers that alone takes half a minute).
        if (Job is { Length: > 0 } job && NetworkCache.Running(job) is { } running)
        {
            ShowComputing(running, job);
            return;
        }
        try
        {
            var net = await ClusterNetwork.LoadAsync(enablers, actions, workspace, Query.Window(), ct);
            var thresholds = await StageDiagnosis.ThresholdsAsync(workspace, ct);
            var key = NetworkCache.Key(net) + (Exact ? "/page-exact/" : "/page/") + string.Join(",", thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value:R}"));
            var (work, progress) = NetworkCache.Start(key, p => NetworkTrace.Time("page analysis", () => Analyse(net, thresholds, Exact, p)));
            // Small networks are analysed within the request; a large one renders "computing…" and the page reloads until done.
            if (net.Graph.NodeCount <= NetworkAnalysis.ExactPathLimit) await work;
            else if (!work.IsCompleted) await Task.WhenAny(work, Task.Delay(WaitForAnalysis, ct));
            if (!work.IsCompleted)
            {
                NodeCount = net.Graph.NodeCount;
                ShowComputing(progress, key);
                return;
            }
            var analysis = await work;
            (Summary, Indicators, Diagnosis, Years, Paths) = (analysis.Summary, analysis.Indicators, analysis.Diagnosis, analysis.Years, analysis.Paths);
            var measures = analysis.Measures;
            NodeCount = measures.Count;
            Top = Sorted(measures, Sort).Take(TableRows).ToList();
            if (!string.IsNullOrWhiteSpace(Focus))
            {
                if (NetworkDrawingBuilder.Find(net, Focus.Trim()) is { } v)
                {
                    var a = net.Graph.Undirected;
                    FocusName = measures[v].DisplayName(Text.IsChinese);
                    var neighbours = Enumerable.Range(a.Offsets[v], a.Offsets[v + 1] - a.Offsets[v]).OrderByDescending(e => a.Weights[e]).Select(e => measures[a.Targets[e]]);
                    Neighbourhood = [measures[v], .. neighbours];
                }
                else Error = $"No enabler matching '{Focus}' has a joint action in this window.";
            }
        }
        catch (DomainException e) { Error = e.Message; }
    }

    /// <summary>The filters as the API takes them (the graph script reads the same query).</summary>
    public NetworkQuery Query => new(From, To, Type, Exclude, EnablerType, Scope, Projection);

    /// <summary>All enablers ordered by a column, largest first (constraint: smallest first — fewer structural holes last).</summary>
    public static IEnumerable<EnablerMeasure> Sorted(IEnumerable<EnablerMeasure> measures, string? column) =>
        (SortColumns.Contains(column) ? column : "betweenness") switch
        {
            "degree" => measures.OrderByDescending(m => m.Degree),
            "weighted_degree" => measures.OrderByDescending(m => m.WeightedDegree),
            "harmonic" => measures.OrderByDescending(m => m.Harmonic ?? 0),
            "eigenvector" => measures.OrderByDescending(m => m.Eigenvector ?? 0),
            "pagerank" => measures.OrderByDescending(m => m.PageRank ?? 0),
            "clustering" => measures.OrderByDescending(m => m.Clustering ?? 0),
            "constraint" => measures.OrderBy(m => m.Constraint ?? double.MaxValue),
            "brokerage" => measures.OrderByDescending(m => m.Brokerage),
            "liaison" => measures.OrderByDescending(m => m.Liaison),
            "gatekeeper" => measures.OrderByDescending(m => m.Gatekeeper),
            "representative" => measures.OrderByDescending(m => m.Representative),
            "coordinator" => measures.OrderByDescending(m => m.Coordinator),
            "itinerant" => measures.OrderByDescending(m => m.Itinerant),
            _ => measures.OrderByDescending(m => m.Betweenness ?? 0).ThenByDescending(m => m.Degree),
        };

    /// <summary>The graph's data: the JSON endpoint with this page's filters.</summary>
    public string GraphSource => Limit is { } l ? QueryHelpers.AddQueryString(WithFilters("/api/cluster/network/graph"), "limit", l.ToString(CultureInfo.InvariantCulture))
        : WithFilters("/api/cluster/network/graph");

    /// <summary>The export endpoint with this page's filters.</summary>
    public string ExportLink(string format) => QueryHelpers.AddQueryString(WithFilters("/api/cluster/network/export"), "format", format);

    string WithFilters(string path) => QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
    {
        ["from"] = From?.ToString(CultureInfo.InvariantCulture), ["to"] = To?.ToString(CultureInfo.InvariantCulture), ["type"] = Type, ["exclude"] = Exclude,
        ["enablerType"] = EnablerType, ["scope"] = Scope, ["projection"] = Projection,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public string TypeName(string code) => Types.FirstOrDefault(t => t.Code == code)?.Name(Text.IsChinese) ?? code;
    public static string EnablerTypeName(string code) => Kernel.Enablers.EnablerType.TryParse(code, out var t) ? t.Name(Text.IsChinese) : code;
    public string SortLink(string column) => Url.Page(null, new { From, To, Type, Exclude, EnablerType, Scope, Projection, Focus, Size, Exact = Exact ? true : (bool?)null, Sort = column })!;

    /// <summary>The same page with exact path measures.</summary>
    public string ExactLink => Url.Page(null, new { From, To, Type, Exclude, EnablerType, Scope, Projection, Focus, Size, Sort, Exact = true })!;
}
