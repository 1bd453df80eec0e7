using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>The cluster's own joint-action network over HTTP (<c>/api/cluster/network</c>): read-only, so any signed-in
/// account may call it (the default policy). Query: <c>from</c>, <c>to</c> (years), <c>type</c> (action types, comma-separated).</summary>
public static class NetworkApi
{
    /// <summary>The window as asked: years and action types (null = open / all).</summary>
    public sealed record WindowDto(int? From, int? To, IReadOnlyList<string>? Types)
    {
        public static WindowDto Of(NetworkWindow w) => new(w.FromYear, w.ToYear, w.ActionTypes);
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
            .WithSummary("The network summary per year (or cumulative with cumulative=true): above all Freeman degree centralisation over time.");
        network.MapGet("/indicators", Indicators).WithName("GetClusterNetworkIndicators")
            .WithSummary("Seed 004 indicators: enterprise–enterprise and public–private research joint actions, local/domestic/abroad shares, coverage of enabler types.");
        return api;
    }

    static Task<ClusterNetwork> LoadAsync(EnablerStore enablers, JointActionStore actions, Workspace workspace, int? from, int? to, string? type, CancellationToken ct) =>
        ClusterNetwork.LoadAsync(enablers, actions, workspace, new NetworkWindow(from, to, NetworkWindow.Types(type)), ct);

    static async Task<Ok<SummaryDto>> Summary(EnablerStore enablers, JointActionStore actions, Workspace workspace, int? from, int? to, string? type, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, from, to, type, ct);
        return TypedResults.Ok(new SummaryDto(WindowDto.Of(net.Window), NetworkAnalysis.Summary(net)));
    }

    static async Task<Ok<MetricsDto>> Metrics(EnablerStore enablers, JointActionStore actions, Workspace workspace, int? from, int? to, string? type, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, from, to, type, ct);
        return TypedResults.Ok(new MetricsDto(WindowDto.Of(net.Window), NetworkAnalysis.Measures(net)));
    }

    static async Task<Ok<EvolutionDto>> Evolution(EnablerStore enablers, JointActionStore actions, Workspace workspace, int? from, int? to, string? type,
        bool cumulative = false, CancellationToken ct = default)
    {
        var net = await LoadAsync(enablers, actions, workspace, from, to, type, ct);
        return TypedResults.Ok(new EvolutionDto(WindowDto.Of(net.Window), cumulative, NetworkAnalysis.Evolution(net, cumulative)));
    }

    static async Task<Ok<IndicatorsDto>> Indicators(EnablerStore enablers, JointActionStore actions, Workspace workspace, int? from, int? to, string? type, CancellationToken ct)
    {
        var net = await LoadAsync(enablers, actions, workspace, from, to, type, ct);
        return TypedResults.Ok(new IndicatorsDto(WindowDto.Of(net.Window), NetworkAnalysis.Indicators(net)));
    }
}
