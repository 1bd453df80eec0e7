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
    /// <param name="Paths">How betweenness, closeness and harmonic centrality were computed: exact, or the number of sampled
    /// sources and the largest standard error of a betweenness estimate.</param>
    /// <param name="Warning">Set when exact path measures were asked for a network above 20,000 enablers.</param>
    public sealed record MetricsDto(WindowDto Window, IReadOnlyList<EnablerMeasure> Enablers, NetworkAnalysis.PathEstimate? Paths = null, string? Warning = null);
    public sealed record EvolutionDto(WindowDto Window, bool Cumulative, IReadOnlyList<NetworkYear> Years);
    public sealed record SummaryDto(WindowDto Window, ClusterNetworkSummary Summary, NetworkAnalysis.PathEstimate? Paths = null, string? Warning = null);
    /// <summary>A computation still running (202 Accepted): ask <paramref name="StatusUrl"/> for progress, and
    /// <paramref name="ResultUrl"/> (the same request) for the result once <paramref name="Status"/> is done.</summary>
    public sealed record JobDto(string Job, string Status, string? Step, double ElapsedSeconds, int Enablers, string StatusUrl, string ResultUrl, string? Warning);
    public sealed record IndicatorsDto(WindowDto Window, SeedIndicators Indicators);

    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var network = api.MapGroup("/network").WithTags("Cluster network");
        network.MapGet("/summary", Summary).WithName("GetClusterNetworkSummary")
            .WithSummary("Density, components, Freeman degree and betweenness centralisation, Louvain modularity and communities, and Baran's form of the joint-action network. Above 20,000 enablers betweenness is sampled (paths: sources and error) unless exact=true, and a computation that is not done within a few seconds answers 202 Accepted with a status URL.");
        network.MapGet("/metrics", Metrics).WithName("GetClusterNetworkMetrics")
            .WithSummary("Per-enabler measures (degree, betweenness, closeness, eigenvector, PageRank, clustering, constraint) and Gould–Fernandez brokerage roles by enabler type. Above 20,000 enablers path measures are sampled (paths: sources and error) unless exact=true, and a computation that is not done within a few seconds answers 202 Accepted with a status URL.");
        network.MapGet("/jobs/{job}", Job).WithName("GetClusterNetworkJob")
            .WithSummary("Progress of a long network computation started by /summary or /metrics (202 Accepted): status running or done, the current step, seconds elapsed, and the URL of the result.");
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

    /// <summary>How long a summary or metrics request waits for a large network's computation before answering 202
    /// (configuration <c>Cluster:Network:WaitSeconds</c>, default 5).</summary>
    static TimeSpan WaitForResult(IConfiguration config) => TimeSpan.FromSeconds(config.GetValue("Cluster:Network:WaitSeconds", 5.0));

    /// <summary>Above this many enablers summary and metrics run in the background (configuration
    /// <c>Cluster:Network:BackgroundAbove</c>, default the sampling limit, 20,000).</summary>
    static int BackgroundAbove(IConfiguration config) => config.GetValue("Cluster:Network:BackgroundAbove", NetworkAnalysis.ExactPathLimit);

    /// <summary>Job ids (short, URL-safe) of the computations the API started, with their cache keys.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Key, string ResultUrl, int Enablers, string? Warning)> Jobs = new();

    /// <summary>The warning for exact path measures above the sampling limit: one search per enabler instead of
    /// <see cref="NetworkAnalysis.Pivots"/>.</summary>
    public static string? ExactWarning(ClusterNetwork net, bool exact) => exact && net.Graph.NodeCount > NetworkAnalysis.ExactPathLimit
        ? $"Exact path measures over {net.Graph.NodeCount:N0} enablers run one shortest-path search from every enabler, about {net.Graph.NodeCount / (double)NetworkAnalysis.Pivots:0} times the sampled run's {NetworkAnalysis.Pivots} searches (at 100,000 enablers and 2.8 million ties: hours on two cores)."
        : null;

    /// <summary>Small networks are computed within the request; a large one (or an exact run above the sampling limit) runs
    /// in the background, and the request answers 202 with a status URL unless it finishes within <see cref="WaitForResult"/>.</summary>
    static async Task<Results<Ok<T>, Accepted<JobDto>>> Computed<T>(HttpContext http, ClusterNetwork net, string what, bool exact,
        Func<NetworkWorkProgress, T> compute, CancellationToken ct) where T : notnull
    {
        var key = $"{NetworkCache.Key(net)}/api/{what}/{(exact ? "exact" : "sampled")}";
        var (work, progress) = NetworkCache.Start(key, compute);
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        if (net.Graph.NodeCount <= BackgroundAbove(config)) return TypedResults.Ok(await work);
        if (!work.IsCompleted && WaitForResult(config) > TimeSpan.Zero) await Task.WhenAny(work, Task.Delay(WaitForResult(config), ct));
        if (work.IsCompleted) return TypedResults.Ok(await work);
        var job = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();
        var resultUrl = http.Request.Path + http.Request.QueryString;
        Jobs[job] = (key, resultUrl, net.Graph.NodeCount, ExactWarning(net, exact));
        var dto = JobStatus(job, Jobs[job], NetworkWorkState.Running, progress);
        return TypedResults.Accepted(dto.StatusUrl, dto);
    }

    static JobDto JobStatus(string job, (string Key, string ResultUrl, int Enablers, string? Warning) j, NetworkWorkState state, NetworkWorkProgress? progress) =>
        new(job, state == NetworkWorkState.Done ? "done" : "running", progress?.Step,
            progress is null ? 0 : Math.Round(((progress.Finished ?? DateTime.UtcNow) - progress.Started).TotalSeconds, 1), j.Enablers,
            $"/api/cluster/network/jobs/{job}", j.ResultUrl, j.Warning);

    static Results<Ok<JobDto>, Accepted<JobDto>> Job(string job)
    {
        if (!Jobs.TryGetValue(job, out var j)) throw new DomainException("not_found", $"No network computation '{job}' is running or remembered; ask for the result again to start it.", "job");
        var (state, progress) = NetworkCache.Status(j.Key);
        if (state == NetworkWorkState.Unknown)
        {
            Jobs.TryRemove(job, out _);
            throw new DomainException("not_found", $"The network computation '{job}' failed or was forgotten; ask for the result again to start it.", "job");
        }
        var dto = JobStatus(job, j, state, progress);
        return state == NetworkWorkState.Done ? TypedResults.Ok(dto) : TypedResults.Accepted(dto.StatusUrl, dto);
    }

    static async Task<Results<Ok<SummaryDto>, Accepted<JobDto>>> Summary(HttpContext http, EnablerStore enablers, JointActionStore actions, Workspace workspace,
        [AsParameters] NetworkQuery q, bool exact = false, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return await Computed(http, net, "summary", exact, p =>
        {
            p.Step = exact ? "network summary (exact paths)" : "network summary";
            return new SummaryDto(WindowDto.Of(net.Window), NetworkAnalysis.Summary(net, exact), NetworkAnalysis.PathsEstimate(net, exact), ExactWarning(net, exact));
        }, ct);
    }

    static async Task<Results<Ok<MetricsDto>, Accepted<JobDto>>> Metrics(HttpContext http, EnablerStore enablers, JointActionStore actions, Workspace workspace,
        [AsParameters] NetworkQuery q, bool exact = false, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        return await Computed(http, net, "metrics", exact, p =>
        {
            p.Step = exact ? "per-enabler measures (exact paths)" : "per-enabler measures";
            return new MetricsDto(WindowDto.Of(net.Window), NetworkAnalysis.Measures(net, exact), NetworkAnalysis.PathsEstimate(net, exact), ExactWarning(net, exact));
        }, ct);
    }

    static async Task<Ok<EvolutionDto>> Evolution(EnablerStore enablers, JointActionStore actions, Workspace workspace, [AsParameters] NetworkQuery q,
        bool cumulative = false, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, q, ct);
        var thresholds = await StageDiagnosis.ThresholdsAsync(workspace, ct);
        var years = await Task.Run(() => NetworkAnalysis.Evolution(net, cumulative, thresholds), ct);
        return TypedResults.Ok(new EvolutionDto(WindowDto.Of(net.Window), cumulative, years));
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
