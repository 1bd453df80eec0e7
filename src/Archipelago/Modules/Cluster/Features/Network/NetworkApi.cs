using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>The cluster's own joint-action network over HTTP (<c>/api/cluster/network</c>): read-only, so any signed-in
/// account may call it (the default policy). Query: see <see cref="NetworkQuery"/>.</summary>
public static class NetworkApi
{
    /// <summary>The window as asked (null = open / all) and the projection used.</summary>
    public sealed record WindowDto(int? From, int? To, IReadOnlyList<string>? Types, IReadOnlyList<string>? Exclude, IReadOnlyList<string>? EnablerTypes,
        IReadOnlyList<string>? Scopes, string Projection)
    {
        public static WindowDto Of(NetworkWindow w) => new(w.FromYear, w.ToYear, w.ActionTypes, w.ExcludeActionTypes, w.EnablerTypes,
            w.Scopes?.Select(x => x.ToString().ToLowerInvariant()).ToList(), NetworkWindow.ProjectionName(w.Projection));
    }
    public sealed record MetricsDto(WindowDto Window, IReadOnlyList<EnablerMeasure> Enablers);
    public sealed record EvolutionDto(WindowDto Window, bool Cumulative, IReadOnlyList<NetworkYear> Years);
    public sealed record SummaryDto(WindowDto Window, ClusterNetworkSummary Summary);
    public sealed record IndicatorsDto(WindowDto Window, SeedIndicators Indicators);

    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var network = api.MapGroup("/network").WithTags("Cluster network");
        network.MapGet("/summary", Summary).WithName("GetClusterNetworkSummary")
            .WithSummary("Density, components, Freeman degree and betweenness centralisation, Louvain modularity and communities, and Baran's form of the joint-action network.");
        network.MapGet("/metrics", Metrics).WithName("GetClusterNetworkMetrics")
            .WithSummary("Per-enabler measures (degree, betweenness, closeness, eigenvector, PageRank, clustering, constraint) and Gould–Fernandez brokerage roles by enabler type.");
        network.MapGet("/evolution", Evolution).WithName("GetClusterNetworkEvolution")
            .WithSummary("The network summary per year (or cumulative with cumulative=true): above all Freeman degree centralisation over time, and each year's stage.");
        network.MapGet("/indicators", Indicators).WithName("GetClusterNetworkIndicators")
            .WithSummary("Seed 004 indicators: enterprise–enterprise and public–private research joint actions, local/domestic/abroad shares, coverage of enabler types.");
        network.MapGet("/graph", Graph).WithName("GetClusterNetworkGraph")
            .WithSummary("The network laid out for drawing (Fruchterman–Reingold, computed on the server): nodes with coordinates, enabler type, community and the measure in size; communities as super-nodes above 2,000 enablers; focus=enabler (key or name) or group=community for a neighbourhood; limit (10..2,000) lowers the number of enablers drawn before communities are shown instead.");
        network.MapGet("/export", Export).WithName("ExportClusterNetwork")
            .WithSummary("The network as a file: format=graphml, gexf, vosviewer-json, vosviewer-map, vosviewer-network, csv-nodes or csv-edges (same filters as the other endpoints).");
        network.MapGet("/stage", Stage).WithName("GetClusterStage")
            .WithSummary("Seed 004 stage diagnosis: the stage of four, every indicator with its value, threshold and source, the conditions of the next stage still unmet, and lock-in/decline warnings.");
        network.MapGet("/stage-thresholds", Thresholds).WithName("GetClusterStageThresholds")
            .WithSummary("The stage rules with their default thresholds, sources and the workspace's own values.");
        network.MapPut("/stage-thresholds", SetThresholds).WithName("SetClusterStageThresholds")
            .WithSummary("Change stage thresholds for this workspace (body: {\"values\": {indicator: value}, \"reset\": false}).").RequireAuthorization(Policies.Analyse);
        return api;
    }

    static async Task<FileContentHttpResult> Export(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q,
        string? format = null, CancellationToken ct = default)
    {
        var f = NetworkExport.Format(format ?? "graphml");
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(NetworkExport.Write(net, f)), f.MediaType + "; charset=utf-8", ExportFileName(f));
    }

    /// <summary>joint-action-network.graphml, joint-action-network-map.txt, ...</summary>
    public static string ExportFileName(ExportFormat f) => "joint-action-network" + f.Name switch
    {
        "vosviewer-map" => "-vosviewer-map", "vosviewer-network" => "-vosviewer-network", "vosviewer-json" => "-vosviewer",
        "csv-nodes" => "-nodes", "csv-edges" => "-edges", _ => "",
    } + "." + f.Extension;

    public sealed record StageDto(WindowDto Window, StageDiagnosisResult Diagnosis);
    public sealed record ThresholdDto(string Indicator, int Stage, string Comparison, double Default, double Value, string Source, string Meaning);
    public sealed record ThresholdsInput(Dictionary<string, double>? Values, bool Reset = false);

    static async Task<Ok<StageDto>> Stage(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.Ok(new StageDto(WindowDto.Of(net.Window), StageDiagnosis.Diagnose(net, await StageDiagnosis.ThresholdsAsync(workspace, ct))));
    }

    static IReadOnlyList<ThresholdDto> ThresholdRows(IReadOnlyDictionary<string, double> set) =>
        StageDiagnosis.Rules.Select(r => new ThresholdDto(r.Indicator, r.Stage, r.Comparison, r.Default, set.TryGetValue(r.Indicator, out var v) ? v : r.Default, r.Source, r.Meaning)).ToList();

    static async Task<Ok<IReadOnlyList<ThresholdDto>>> Thresholds(Workspace workspace, CancellationToken ct) =>
        TypedResults.Ok(ThresholdRows(await StageDiagnosis.ThresholdsAsync(workspace, ct)));

    static async Task<Ok<IReadOnlyList<ThresholdDto>>> SetThresholds(Workspace workspace, ThresholdsInput input, CancellationToken ct) =>
        TypedResults.Ok(ThresholdRows(await StageDiagnosis.SetThresholdsAsync(workspace, input.Values ?? [], input.Reset, ct)));

    public sealed record GraphDto(WindowDto Window, NetworkDrawing Drawing);

    static async Task<Ok<GraphDto>> Graph(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q,
        string? size = null, string? focus = null, int? group = null, int? limit = null, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        var drawLimit = Math.Clamp(limit ?? NetworkDrawingBuilder.DrawLimit, 10, NetworkDrawingBuilder.DrawLimit);
        return TypedResults.Ok(new GraphDto(WindowDto.Of(net.Window), NetworkDrawingBuilder.Build(net, size, focus, group, Kernel.Localisation.Text.IsChinese, drawLimit)));
    }

    static Task<ClusterNetwork> LoadAsync(EnablerStore enablers, JointActionStore actions, Workspace workspace, NetworkQuery q, CancellationToken ct) =>
        ClusterNetwork.LoadAsync(enablers, actions, workspace, q.Window(), ct);

    static async Task<Ok<SummaryDto>> Summary(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.Ok(new SummaryDto(WindowDto.Of(net.Window), NetworkAnalysis.Summary(net)));
    }

    static async Task<Ok<MetricsDto>> Metrics(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.Ok(new MetricsDto(WindowDto.Of(net.Window), NetworkAnalysis.Measures(net)));
    }

    static async Task<Ok<EvolutionDto>> Evolution(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q,
        bool cumulative = false, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.Ok(new EvolutionDto(WindowDto.Of(net.Window), cumulative, NetworkAnalysis.Evolution(net, cumulative, await StageDiagnosis.ThresholdsAsync(workspace, ct))));
    }

    static async Task<Ok<IndicatorsDto>> Indicators(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return TypedResults.Ok(new IndicatorsDto(WindowDto.Of(net.Window), NetworkAnalysis.Indicators(net)));
    }
}

/// <summary>The network filters of every <c>/api/cluster/network</c> endpoint (query string): <c>from</c>, <c>to</c> (years);
/// <c>type</c> and <c>exclude</c> (joint-action types to keep / drop, comma-separated); <c>enablerType</c> (comma-separated);
/// <c>scope</c> (local, domestic, abroad, unknown; comma-separated); <c>projection</c> (clique, newman — default —, star).</summary>
public sealed record NetworkQuery(int? From, int? To, string? Type, string? Exclude, string? EnablerType, string? Scope, string? Projection)
{
    public NetworkWindow Window() => new(From, To, NetworkWindow.Types(Type), NetworkWindow.EnablerTypeList(EnablerType), NetworkWindow.ScopeList(Scope),
        NetworkWindow.Types(Exclude), NetworkWindow.ParseProjection(Projection));
}
