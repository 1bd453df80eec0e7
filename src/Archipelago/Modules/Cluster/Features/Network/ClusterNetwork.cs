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

/// <summary>One joint action of a window as the network sees it: its participants restricted to the window's enablers.</summary>
public sealed record WindowAction(long Id, int Year, string Type, IReadOnlyList<Enabler> Participants, int Organisers, int Size);

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
/// <para>The actions are kept as indices into the workspace's <see cref="NetworkData"/> (integer arrays, no object per
/// action), so a window of a million joint actions costs a few arrays and narrowing it (evolution) reads no store.</para>
/// </summary>
public sealed class ClusterNetwork
{
    public NetworkWindow Window { get; }
    public Region Home => Data.Home;
    /// <summary>The workspace's registry and joint actions this window was cut from.</summary>
    public NetworkData Data { get; }
    /// <summary>The registered enablers that pass the window's enabler filters, active or not (coverage counts these).</summary>
    public IReadOnlyList<Enabler> Registry { get; }
    /// <summary>Which registry entries (<see cref="NetworkData.Registry"/> index) pass the enabler filters.</summary>
    internal bool[] Passes { get; }
    /// <summary>The window's joint actions (indices into <see cref="Data"/>), each with at least two participants passing the filters.</summary>
    internal int[] Kept { get; }
    /// <summary>The projected graph; node labels are enabler keys.</summary>
    public Graph Graph { get; }
    /// <summary>The enabler of each node index of <see cref="Graph"/>.</summary>
    public IReadOnlyList<Enabler> Nodes { get; }
    /// <summary>The joint actions in the window, each with its participants restricted to the filtered enablers (built on access).</summary>
    public IReadOnlyList<WindowAction> Actions { get; }

    string? key;
    /// <summary>The network's identity for <see cref="NetworkCache"/>: the data version, the window and the home region.</summary>
    public string Key => key ??= Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        Data.Version + "\n" + System.Text.Json.JsonSerializer.Serialize(Window) + "\n" + Home)));

    ClusterNetwork(NetworkWindow window, NetworkData data, IReadOnlyList<Enabler> registry, bool[] passes, int[] kept, Graph graph, IReadOnlyList<Enabler> nodes)
    {
        Window = window; Data = data; Registry = registry; Passes = passes; Kept = kept; Graph = graph; Nodes = nodes;
        Actions = new ActionList(this);
    }

    /// <summary>Filters and projects in memory; <paramref name="actions"/> may hold actions outside the window (they are skipped).</summary>
    public static ClusterNetwork Build(IEnumerable<Enabler> enablers, IEnumerable<JointAction> actions, Region home, NetworkWindow window) =>
        Build(NetworkData.From(enablers, actions, home), window);

    /// <summary>Cuts the window out of the workspace's data and projects it.</summary>
    public static ClusterNetwork Build(NetworkData data, NetworkWindow window)
    {
        window.Check();
        var enablerTypes = window.EnablerTypes is { Count: > 0 } et ? et.Select(t => EnablerType.Parse(t).Code).ToHashSet() : null;
        var scopes = window.Scopes is { Count: > 0 } sc ? sc.ToHashSet() : null;
        var passes = new bool[data.Registry.Count];
        var registry = new List<Enabler>();
        for (var i = 0; i < passes.Length; i++)
        {
            var e = data.Registry[i];
            if ((enablerTypes is null || enablerTypes.Contains(e.Type.Code)) && (scopes is null || scopes.Contains(e.Region.ScopeFrom(data.Home))))
            {
                passes[i] = true; registry.Add(e);
            }
        }
        var actionTypes = window.ActionTypes is { Count: > 0 } at ? at.ToHashSet() : null;
        var excluded = window.ExcludeActionTypes?.ToHashSet() ?? [];
        var typeKept = data.TypeCodes.Select(t => (actionTypes is null || actionTypes.Contains(t)) && !excluded.Contains(t)).ToArray();
        var kept = new List<int>();
        for (var a = 0; a < data.ActionCount; a++)
        {
            var y = data.Year[a];
            if (window.FromYear is { } f && y < f || window.ToYear is { } t && y > t || !typeKept[data.TypeOf[a]]) continue;
            var inside = 0;
            for (var p = data.Start[a]; p < data.Start[a + 1]; p++) if (data.Member[p] >= 0 && passes[data.Member[p]]) inside++;
            if (inside >= 2) kept.Add(a);
        }
        return Project(window, data, registry, passes, kept.ToArray());
    }

    static ClusterNetwork Project(NetworkWindow window, NetworkData data, IReadOnlyList<Enabler> registry, bool[] passes, int[] kept)
    {
        // Registry index → node index, in order of first appearance (as the graph numbers its nodes).
        var node = new int[data.Registry.Count]; Array.Fill(node, -1);
        var nodes = new List<Enabler>();
        var builder = new GraphBuilder<string>();
        var ps = new List<int>(); var organiser = new List<bool>();
        foreach (var a in kept)
        {
            ps.Clear(); organiser.Clear();
            for (var p = data.Start[a]; p < data.Start[a + 1]; p++)
            {
                var r = data.Member[p];
                if (r < 0 || !passes[r]) continue;
                ps.Add(r); organiser.Add(data.Organiser[p]);
                if (node[r] < 0) { node[r] = nodes.Count; nodes.Add(data.Registry[r]); builder.AddNode(data.Registry[r].Key); }
            }
            foreach (var (i, j, w) in Projection.Ties(organiser, window.Projection, data.Start[a + 1] - data.Start[a]))
                builder.AddEdge(data.Registry[ps[i]].Key, data.Registry[ps[j]].Key, w);
        }
        return new ClusterNetwork(window, data, registry, passes, kept, builder.Build(), nodes);
    }

    /// <summary>Reads the workspace's enablers and joint actions (remembered while the data does not change, see
    /// <see cref="NetworkData.LoadAsync"/>) and cuts the window out of them (remembered too).</summary>
    public static async Task<ClusterNetwork> LoadAsync(EnablerStore enablers, JointActionStore actions, Workspace workspace, NetworkWindow window,
        CancellationToken ct = default)
    {
        window.Check();
        var data = await NetworkData.LoadAsync(enablers, workspace, ct);
        return await NetworkData.Remember($"{data.Version}\n{System.Text.Json.JsonSerializer.Serialize(window)}", () => NetworkTrace.Time("project window", () => Build(data, window)));
    }

    /// <summary>The same registry restricted to a narrower window (for evolution), without reading the stores again.</summary>
    public ClusterNetwork Narrow(int fromYear, int toYear) =>
        Project(Window with { FromYear = fromYear, ToYear = toYear }, Data, Registry, Passes,
            Kept.Where(a => Data.Year[a] >= fromYear && Data.Year[a] <= toYear).ToArray());

    /// <summary>Which registry entries (<see cref="NetworkData.Registry"/> index) take part in the window's joint actions of
    /// <paramref name="fromYear"/>..<paramref name="toYear"/>: the nodes <see cref="Narrow"/> would have, without projecting.</summary>
    public bool[] ActiveIn(int fromYear, int toYear)
    {
        var active = new bool[Data.Registry.Count];
        foreach (var a in Kept)
        {
            if (Data.Year[a] < fromYear || Data.Year[a] > toYear) continue;
            for (var p = Data.Start[a]; p < Data.Start[a + 1]; p++)
                if (Data.Member[p] is var r and >= 0 && Passes[r]) active[r] = true;
        }
        return active;
    }

    /// <summary>Years with at least one joint action in the window.</summary>
    public (int First, int Last)? Years
    {
        get
        {
            if (Kept.Length == 0) return null;
            int first = int.MaxValue, last = int.MinValue;
            foreach (var a in Kept) { first = Math.Min(first, Data.Year[a]); last = Math.Max(last, Data.Year[a]); }
            return (first, last);
        }
    }

    sealed class ActionList(ClusterNetwork net) : IReadOnlyList<WindowAction>
    {
        public int Count => net.Kept.Length;
        public WindowAction this[int index]
        {
            get
            {
                var d = net.Data; var a = net.Kept[index];
                var ps = new List<Enabler>(); var organisers = 0;
                for (var p = d.Start[a]; p < d.Start[a + 1]; p++)
                    if (d.Member[p] >= 0 && net.Passes[d.Member[p]]) { ps.Add(d.Registry[d.Member[p]]); if (d.Organiser[p]) organisers++; }
                return new WindowAction(d.ActionId[a], d.Year[a], d.TypeCodes[d.TypeOf[a]], ps, organisers, d.Start[a + 1] - d.Start[a]);
            }
        }
        public IEnumerator<WindowAction> GetEnumerator() { for (var i = 0; i < Count; i++) yield return this[i]; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
