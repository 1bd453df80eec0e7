using System.Collections.Concurrent;
using System.Data.Common;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Dapper;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>
/// Everything a network window is cut from: the workspace's enablers, its home region, and every joint action with its
/// participants, held as integer arrays (an action is its id, year, type number and a run of participants; a participant is
/// its registry index and whether it organised the action). At 100,000 enablers and 1,000,000 joint actions this is a few
/// tens of megabytes, where one object per action and per participant took gigabytes and most of the load time.
/// <para>Loaded once per <see cref="Version"/>: a fingerprint of the stores (the last audit entry, the count and largest id
/// of enablers, the largest joint-action id and the home region), read in one cheap query per
/// request; any write to the registry changes it, so the next request reloads.</para>
/// </summary>
public sealed class NetworkData
{
    /// <summary>Every registered enabler, in key order.</summary>
    public IReadOnlyList<Enabler> Registry { get; }
    public Region Home { get; }
    /// <summary>The database and its data fingerprint when loaded; a content description when built in memory.</summary>
    public string Version { get; }
    public int ActionCount => ActionId.Length;

    // Joint actions in start-date order, then id; participants of action a are Member[Start[a]..Start[a+1]).
    internal long[] ActionId { get; }
    internal int[] Year { get; }
    internal int[] TypeOf { get; }
    internal string[] TypeCodes { get; }
    internal int[] Start { get; }
    internal int[] Member { get; }
    internal bool[] Organiser { get; }

    NetworkData(IReadOnlyList<Enabler> registry, Region home, string version, long[] actionId, int[] year, int[] typeOf, string[] typeCodes,
        int[] start, int[] member, bool[] organiser)
    {
        Registry = registry; Home = home; Version = version; ActionId = actionId; Year = year; TypeOf = typeOf; TypeCodes = typeCodes;
        Start = start; Member = member; Organiser = organiser;
    }

    /// <summary>From objects (tests, small in-memory networks); actions keep the order given.</summary>
    public static NetworkData From(IEnumerable<Enabler> enablers, IEnumerable<JointAction> actions, Region home)
    {
        var registry = enablers.ToList();
        var index = new Dictionary<long, int>();
        for (var i = 0; i < registry.Count; i++) index[registry[i].Id] = i;
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        List<long> ids = []; List<int> years = [], typeOf = [], start = [0], member = []; List<bool> organiser = [];
        foreach (var a in actions)
        {
            ids.Add(a.Id); years.Add(a.Start.Year);
            if (!types.TryGetValue(a.Type, out var t)) types[a.Type] = t = types.Count;
            typeOf.Add(t);
            foreach (var p in a.Participants)
            {
                // A participant that is not in the given registry still counts towards the action's size k.
                member.Add(index.TryGetValue(p.EnablerId, out var r) ? r : -1);
                organiser.Add(NetworkWindow.OrganiserRoles.Contains(p.Role));
            }
            start.Add(member.Count);
        }
        var version = "memory:" + Guid.NewGuid().ToString("N");
        return new NetworkData(registry, home, version, [.. ids], [.. years], [.. typeOf], types.OrderBy(t => t.Value).Select(t => t.Key).ToArray(),
            [.. start], [.. member], [.. organiser]);
    }

    /// <summary>The cheap "has anything changed" query, each part answered from an index or a table's end: the last audit
    /// entry (every write to enablers, joint actions and participants — stores, imports, merges, deals — is audited in its
    /// own transaction, including updates in place), plus the count and largest id of enablers and the largest joint-action
    /// id as a second witness of inserts and deletions; and the home region. Scanning <c>updated_at</c> (or counting 2.5
    /// million participants on PostgreSQL) cost 0.1–0.7 s per request at 100,000 enablers; this costs 0.01–0.07 s.</summary>
    static async Task<string> FingerprintAsync(DbConnection c, string location)
    {
        var row = await c.QuerySingleAsync<(long, long, long, long)>("""
            SELECT (SELECT COALESCE(MAX(id), 0) FROM kernel_audit), (SELECT COUNT(*) FROM kernel_enablers), (SELECT COALESCE(MAX(id), 0) FROM kernel_enablers),
                   (SELECT COALESCE(MAX(id), 0) FROM kernel_joint_actions)
            """);
        var home = await c.QueryAsync<(string Key, string Value)>("SELECT key, value FROM kernel_settings WHERE key LIKE 'home.%' ORDER BY key");
        return $"{location}|{row}|{string.Join(";", home.Select(h => h.Key + "=" + h.Value))}";
    }

    sealed record Loaded(string Version, Task<NetworkData> Data);
    static readonly ConcurrentDictionary<string, Loaded> ByDatabase = new();

    /// <summary>The workspace's data, read again only when its fingerprint changed since the last load (a concurrent
    /// request waits for the same load).</summary>
    public static async Task<NetworkData> LoadAsync(EnablerStore enablers, Workspace workspace, CancellationToken ct = default)
    {
        var db = workspace.Database;
        string version;
        version = await NetworkTrace.TimeAsync("fingerprint", async () => { await using var c = await db.OpenAsync(ct); return await FingerprintAsync(c, db.ConnectionString); });
        while (true)
        {
            var current = ByDatabase.GetValueOrDefault(db.ConnectionString);
            if (current is not null && current.Version == version && !current.Data.IsFaulted && !current.Data.IsCanceled) return await current.Data;
            var next = new Loaded(version, NetworkTrace.TimeAsync("load data", () => ReadAsync(enablers, workspace, version)));
            if (current is null ? ByDatabase.TryAdd(db.ConnectionString, next) : ByDatabase.TryUpdate(db.ConnectionString, next, current))
            {
                ForgetWindows(db.ConnectionString);
                return await next.Data;
            }
        }
    }

    /// <summary>One pass over enablers, one over joint actions (id, year, type only) and one over participants in key order,
    /// streamed into arrays.</summary>
    static async Task<NetworkData> ReadAsync(EnablerStore enablers, Workspace workspace, string version)
    {
        await Task.Yield();
        var registry = new List<Enabler>();
        await NetworkTrace.TimeAsync("load enablers", async () => { await foreach (var e in enablers.AllAsync()) registry.Add(e); return registry.Count; });
        var home = await workspace.HomeRegionAsync();
        var maxId = registry.Count == 0 ? 0 : registry.Max(e => e.Id);
        var index = new int[maxId + 1]; Array.Fill(index, -1);
        for (var i = 0; i < registry.Count; i++) index[registry[i].Id] = i;

        await using var c = await workspace.Database.OpenAsync();
        var count = (int)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_joint_actions");
        var ids = new List<long>(count); var years = new List<int>(count); var typeOf = new List<int>(count);
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await c.ExecuteReaderAsync("SELECT id, year, type FROM kernel_joint_actions ORDER BY start_date, id"))
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0)); years.Add((int)reader.GetInt64(1));
                var type = reader.GetString(2);
                if (!types.TryGetValue(type, out var t)) types[type] = t = types.Count;
                typeOf.Add(t);
            }
        var n = ids.Count;
        // Action id → position in start-date order (ids are dense: an array unless they are very sparse).
        var maxAction = n == 0 ? 0 : ids.Max();
        Dictionary<long, int>? sparse = null; int[]? dense = null;
        if (maxAction <= 4L * n + 1024) { dense = new int[maxAction + 1]; Array.Fill(dense, -1); for (var a = 0; a < n; a++) dense[ids[a]] = a; }
        else { sparse = new Dictionary<long, int>(n); for (var a = 0; a < n; a++) sparse[ids[a]] = a; }
        int Position(long id) => dense is not null ? (id < dense.Length ? dense[id] : -1) : sparse!.GetValueOrDefault(id, -1);

        // Participants in (action_id, enabler_id) order (the primary key): counted per action, then placed.
        var organiserRoles = string.Join(", ", NetworkWindow.OrganiserRoles.Order(StringComparer.Ordinal).Select(r => $"'{r}'"));
        var pAction = new List<int>(); var pMember = new List<int>(); var pOrganiser = new List<bool>();
        await using (var reader = await c.ExecuteReaderAsync(
            $"SELECT action_id, enabler_id, CASE WHEN role IN ({organiserRoles}) THEN 1 ELSE 0 END FROM kernel_participants ORDER BY action_id, enabler_id"))
            while (await reader.ReadAsync())
            {
                var a = Position(reader.GetInt64(0));
                if (a < 0) continue;
                var id = reader.GetInt64(1);
                pAction.Add(a); pMember.Add(id <= maxId ? index[id] : -1); pOrganiser.Add(reader.GetInt32(2) != 0);
            }
        var start = new int[n + 1];
        foreach (var a in pAction) start[a + 1]++;
        for (var a = 0; a < n; a++) start[a + 1] += start[a];
        var member = new int[pAction.Count]; var organiser = new bool[pAction.Count];
        var fill = (int[])start.Clone();
        for (var i = 0; i < pAction.Count; i++) { var at = fill[pAction[i]]++; member[at] = pMember[i]; organiser[at] = pOrganiser[i]; }
        return new NetworkData(registry, home, version, [.. ids], [.. years], [.. typeOf], types.OrderBy(t => t.Value).Select(t => t.Key).ToArray(),
            start, member, organiser);
    }

    // Projected windows of the current data: a page, its API calls and its reloads ask for the same window. At 100,000
    // enablers a window's graph is about 150 MB, so only the last four are kept.
    const int WindowCapacity = 4;
    static readonly ConcurrentDictionary<string, Lazy<Task<ClusterNetwork>>> Windows = new();
    static readonly ConcurrentQueue<string> WindowOrder = new();

    internal static async Task<ClusterNetwork> Remember(string key, Func<ClusterNetwork> build)
    {
        var added = false;
        var lazy = Windows.GetOrAdd(key, _ => { added = true; return new Lazy<Task<ClusterNetwork>>(() => Task.Run(build)); });
        if (added)
        {
            WindowOrder.Enqueue(key);
            while (WindowOrder.Count > WindowCapacity && WindowOrder.TryDequeue(out var old)) Windows.TryRemove(old, out _);
        }
        try { return await lazy.Value; }
        catch { Windows.TryRemove(new KeyValuePair<string, Lazy<Task<ClusterNetwork>>>(key, lazy)); throw; }
    }

    static void ForgetWindows(string connectionString)
    {
        foreach (var k in Windows.Keys.Where(k => k.StartsWith(connectionString + "|", StringComparison.Ordinal))) Windows.TryRemove(k, out _);
    }
}
