using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>
/// Which part of the registry a network is drawn from, and how it is projected: joint actions started in
/// <see cref="FromYear"/>..<see cref="ToYear"/> (either open), of the given action types and none of
/// <see cref="ExcludeActionTypes"/>, among enablers of the given enabler types and region scopes. Empty lists mean "all".
/// <see cref="Projection"/> defaults to <see cref="ProjectionMethod.Newman"/> (docs/cluster-network.md explains why).
/// </summary>
public sealed record NetworkWindow(int? FromYear = null, int? ToYear = null, IReadOnlyList<string>? ActionTypes = null,
    IReadOnlyList<string>? EnablerTypes = null, IReadOnlyList<RegionScope>? Scopes = null,
    IReadOnlyList<string>? ExcludeActionTypes = null, ProjectionMethod Projection = ProjectionMethod.Newman)
{
    /// <summary>Roles that make a participant the organiser of a joint action for the <see cref="ProjectionMethod.Star"/>
    /// projection (the demo's forums have an organiser and co-organisers; projects have a lead or a convenor).</summary>
    public static readonly IReadOnlySet<string> OrganiserRoles = new HashSet<string> { "organiser", "co_organiser", "convenor", "host", "lead", "coordinator" };

    /// <summary>clique, newman or star (case-insensitive); empty → newman.</summary>
    public static ProjectionMethod ParseProjection(string? value) => string.IsNullOrWhiteSpace(value) ? ProjectionMethod.Newman
        : Enum.TryParse<ProjectionMethod>(value.Trim(), ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(value, out _) ? p
        : throw new DomainException("bad_projection", $"Projection '{value}' is not one of clique, newman, star.", "projection");

    /// <summary>The projection as the API, CLI and page spell it.</summary>
    public static string ProjectionName(ProjectionMethod p) => p.ToString().ToLowerInvariant();

    /// <summary>Parses comma-separated enabler types (e.g. enterprise,university).</summary>
    public static IReadOnlyList<string>? EnablerTypeList(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated) ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => EnablerType.Parse(t).Code).ToList();

    /// <summary>Parses comma-separated region scopes: local, domestic, abroad.</summary>
    public static IReadOnlyList<RegionScope>? ScopeList(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated) ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
                Enum.TryParse<RegionScope>(s, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(s, out _) ? r
                    : throw new DomainException("bad_scope", $"Region scope '{s}' is not one of local, domestic, abroad, unknown.", "scope")).Distinct().ToList();

    /// <summary>Parses the comma-separated action types a form, query string or CLI flag gives.</summary>
    public static IReadOnlyList<string>? Types(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated) ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(JointActionType.CheckCode).ToList();

    public NetworkWindow Check() => FromYear is { } f && ToYear is { } t && f > t
        ? throw new DomainException("bad_window", $"The window starts in {f}, after its end {t}.", "from")
        : this;
}

/// <summary>
/// The cluster's joint-action network for one window (seed 004 ch. 5: a cluster of innovation is made by its enablers'
/// joint actions).
/// <para>One-mode projection: the registry is a two-mode (enabler × joint action) network; it is projected onto the
/// enablers as <see cref="NetworkWindow.Projection"/> says. <c>clique</c> ties every pair of an action's k participants
/// with weight 1 (a forum with 40 attendees yields 780 ties weighing as much per pair as a bilateral deal); <c>newman</c>
/// (default) ties the same pairs with weight 1/(k−1), k counting every participant of the action even when filters drop
/// some; <c>star</c> ties participants to the action's organisers only (<see cref="NetworkWindow.OrganiserRoles"/>).
/// With <c>clique</c> the measures use the ties unweighted (the weights show as weighted degree); with <c>newman</c> and
/// <c>star</c> they use the weights — see <see cref="NetworkAnalysis"/>.</para>
/// <para>Nodes are the enablers with at least one joint action in the window (after the enabler filters): registered but
/// inactive enablers would only add isolates and lower density. Participants outside the enabler filters are dropped from
/// an action, and an action left with fewer than two participants is not counted.</para>
/// </summary>
public sealed class ClusterNetwork
{
    public NetworkWindow Window { get; }
    public Region Home { get; }
    /// <summary>The registered enablers that pass the window's enabler filters, active or not (coverage counts these).</summary>
    public IReadOnlyList<Enabler> Registry { get; }
    /// <summary>The joint actions in the window, each with its participants restricted to the filtered enablers.</summary>
    public IReadOnlyList<JointAction> Actions { get; }
    /// <summary>The projected graph; node labels are enabler keys.</summary>
    public Graph Graph { get; }
    /// <summary>The enabler of each node index of <see cref="Graph"/>.</summary>
    public IReadOnlyList<Enabler> Nodes { get; }
    /// <summary>Enablers by id (those passing the filters).</summary>
    public IReadOnlyDictionary<long, Enabler> ById { get; }

    ClusterNetwork(NetworkWindow window, Region home, IReadOnlyList<Enabler> registry, IReadOnlyList<JointAction> actions, Graph graph,
        IReadOnlyList<Enabler> nodes, IReadOnlyDictionary<long, Enabler> byId)
    {
        Window = window; Home = home; Registry = registry; Actions = actions; Graph = graph; Nodes = nodes; ById = byId;
    }

    /// <summary>Filters and projects in memory; <paramref name="actions"/> may hold actions outside the window (they are skipped).</summary>
    public static ClusterNetwork Build(IEnumerable<Enabler> enablers, IEnumerable<JointAction> actions, Region home, NetworkWindow window)
    {
        window.Check();
        var enablerTypes = window.EnablerTypes is { Count: > 0 } et ? et.Select(t => EnablerType.Parse(t).Code).ToHashSet() : null;
        var actionTypes = window.ActionTypes is { Count: > 0 } at ? at.ToHashSet() : null;
        var excluded = window.ExcludeActionTypes?.ToHashSet() ?? [];
        var scopes = window.Scopes is { Count: > 0 } sc ? sc.ToHashSet() : null;
        var registry = enablers.Where(e => (enablerTypes is null || enablerTypes.Contains(e.Type.Code)) &&
                                           (scopes is null || scopes.Contains(e.Region.ScopeFrom(home)))).ToList();
        var byId = registry.ToDictionary(e => e.Id);
        var kept = new List<JointAction>();
        var builder = new GraphBuilder<string>();
        var nodes = new List<Enabler>();
        foreach (var a in actions)
        {
            if (window.FromYear is { } f && a.Start.Year < f || window.ToYear is { } t && a.Start.Year > t) continue;
            if (actionTypes is not null && !actionTypes.Contains(a.Type) || excluded.Contains(a.Type)) continue;
            var ps = a.Participants.Where(p => byId.ContainsKey(p.EnablerId)).ToList();
            if (ps.Count < 2) continue;
            var action = ps.Count == a.Participants.Count ? a
                : new JointAction(a.Key, a.Type, a.Start, a.End, ps, a.Value, a.Currency, a.Description, a.Source) { Id = a.Id };
            kept.Add(action);
            foreach (var p in ps)
            {
                var e = byId[p.EnablerId];
                if (builder.AddNode(e.Key) == nodes.Count) nodes.Add(e);
            }
            var organisers = ps.Select(p => NetworkWindow.OrganiserRoles.Contains(p.Role)).ToList();
            foreach (var (i, j, w) in Projection.Ties(organisers, window.Projection, a.Participants.Count))
                builder.AddEdge(byId[ps[i].EnablerId].Key, byId[ps[j].EnablerId].Key, w);
        }
        return new ClusterNetwork(window, home, registry, kept, builder.Build(), nodes, byId);
    }

    /// <summary>Reads the workspace's enablers, the joint actions of the window's years and types, and the home region.</summary>
    public static async Task<ClusterNetwork> LoadAsync(EnablerStore enablers, JointActionStore actions, Workspace workspace, NetworkWindow window,
        CancellationToken ct = default)
    {
        window.Check();
        var all = new List<Enabler>();
        await foreach (var e in enablers.AllAsync(ct)) all.Add(e);
        var inWindow = await actions.InWindowAsync(window.FromYear, window.ToYear, window.ActionTypes?.ToList(), ct);
        return Build(all, inWindow, await workspace.HomeRegionAsync(ct), window);
    }

    /// <summary>The same registry restricted to a narrower window (for evolution), without reading the stores again.</summary>
    public ClusterNetwork Narrow(int fromYear, int toYear) =>
        Build(Registry, Actions, Home, Window with { FromYear = fromYear, ToYear = toYear });

    /// <summary>Years with at least one joint action in the window.</summary>
    public (int First, int Last)? Years => Actions.Count == 0 ? null : (Actions.Min(a => a.Start.Year), Actions.Max(a => a.Start.Year));
}
