using System.Data.Common;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Dapper;

namespace Archipelago.Kernel.JointActions;

/// <summary>Filters for the joint-action list; all optional.</summary>
public sealed record JointActionQuery(string? Type = null, int? FromYear = null, int? ToYear = null, long? EnablerId = null,
    string? Text = null, int Skip = 0, int Take = 50);

/// <summary>Joint actions to write together (<see cref="JointActionStore.ApplyAsync"/>): new ones, changed ones (by
/// <see cref="JointAction.Id"/>) and the ids of ones to delete.</summary>
public sealed record JointActionChanges(IReadOnlyList<JointAction>? Add = null, IReadOnlyList<JointAction>? Update = null, IReadOnlyList<long>? Delete = null);

/// <summary>What <see cref="JointActionStore.ApplyAsync"/> wrote: the added actions with their ids, and how many were
/// updated and deleted.</summary>
public sealed record AppliedChanges(IReadOnlyList<JointAction> Added, int Updated, int Deleted);

/// <summary>Reads and writes joint actions with their participants. Other modules create joint actions through this
/// store (a co-patent, a deal, a completed engagement), each with its own <see cref="JointAction.Source"/>.</summary>
public sealed class JointActionStore(Database db, TimeProvider clock)
{
    internal sealed class Row
    {
        public long id; public string key = ""; public string type = ""; public string start_date = ""; public string start_precision = "";
        public string? end_date; public string? end_precision; public decimal? value; public string? currency; public string? description; public string source = "";
    }

    internal const string Columns = "id, key, type, start_date, start_precision, end_date, end_precision, value, currency, description, source";

    internal static readonly string[] InsertColumns =
        ["id", "key", "type", "start_date", "start_precision", "end_date", "end_precision", "year", "value", "currency", "description", "source", "created_at", "updated_at"];

    /// <summary>The SET clause that rewrites a row from <see cref="Values"/> parameters (<c>@p0</c> is the id), keeping its creation time.</summary>
    internal static readonly string UpdateSet =
        string.Join(", ", InsertColumns.Select((col, i) => (col, i)).Where(x => x.col is not ("id" or "created_at")).Select(x => $"{x.col} = @p{x.i}"));

    internal static object?[] Values(long id, JointAction a, string now) =>
    [
        id, a.Key, a.Type, a.Start.SortKey, a.Start.Precision.ToString().ToLowerInvariant(), a.End?.SortKey,
        a.End?.Precision.ToString().ToLowerInvariant(), (long)a.Start.Year, a.Value, a.Currency, a.Description, a.Source, now, now,
    ];

    static PartialDate Date(string sortKey, string precision)
    {
        var p = Enum.Parse<DatePrecision>(precision, ignoreCase: true);
        var d = PartialDate.Parse(sortKey);
        return d with { Precision = p };
    }

    static JointAction ToAction(Row r, IEnumerable<Participant> participants) =>
        new(r.key, r.type, Date(r.start_date, r.start_precision), r.end_date is null ? null : Date(r.end_date, r.end_precision!),
            participants, r.value, r.currency, r.description, r.source) { Id = r.id };

    async Task<List<JointAction>> LoadAsync(DbConnection c, IEnumerable<Row> rows, DbTransaction? tx = null)
    {
        var list = rows.ToList();
        var byAction = new Dictionary<long, List<Participant>>();
        foreach (var chunk in list.Select(r => r.id).Chunk(500))
        {
            var ps = await c.QueryAsync<(long ActionId, long EnablerId, string Role)>(
                $"SELECT action_id, enabler_id, role FROM kernel_participants WHERE action_id IN ({string.Join(",", chunk)}) ORDER BY action_id, enabler_id", transaction: tx);
            foreach (var p in ps)
            {
                if (!byAction.TryGetValue(p.ActionId, out var l)) byAction[p.ActionId] = l = [];
                l.Add(new Participant(p.EnablerId, p.Role));
            }
        }
        return list.Select(r => ToAction(r, byAction.GetValueOrDefault(r.id) ?? [])).ToList();
    }

    public async Task<JointAction?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_joint_actions WHERE id = @id", new { id });
        return (await LoadAsync(c, rows)).SingleOrDefault();
    }

    public async Task<Page<JointAction>> SearchAsync(JointActionQuery q, CancellationToken ct = default)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q.Type)) { clauses.Add("type = @Type"); args.Add("Type", q.Type.Trim()); }
        if (q.FromYear is { } f) { clauses.Add("year >= @FromYear"); args.Add("FromYear", (long)f); }
        if (q.ToYear is { } t) { clauses.Add("year <= @ToYear"); args.Add("ToYear", (long)t); }
        if (q.EnablerId is { } e) { clauses.Add("id IN (SELECT action_id FROM kernel_participants WHERE enabler_id = @EnablerId)"); args.Add("EnablerId", e); }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            clauses.Add(@"(LOWER(description) LIKE @Pattern ESCAPE '\' OR LOWER(key) LIKE @Pattern ESCAPE '\')");
            args.Add("Pattern", "%" + EnablerStore.EscapeLike(q.Text.Trim().ToLowerInvariant()) + "%");
        }
        var where = clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM kernel_joint_actions{where}", args);
        args.Add("Skip", Math.Max(0, q.Skip));
        args.Add("Take", Math.Clamp(q.Take, 1, 1000));
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_joint_actions{where} ORDER BY start_date DESC, id DESC LIMIT @Take OFFSET @Skip", args);
        return new Page<JointAction>(await LoadAsync(c, rows), total, q.Skip, q.Take);
    }

    /// <summary>
    /// Every joint action started in the years <paramref name="fromYear"/>..<paramref name="toYear"/> (either open) and of
    /// one of <paramref name="types"/> (all when empty), with participants, oldest first: the input of network analyses,
    /// which need the whole window rather than a page.
    /// </summary>
    public async Task<IReadOnlyList<JointAction>> InWindowAsync(int? fromYear, int? toYear, IReadOnlyCollection<string>? types = null, CancellationToken ct = default)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (fromYear is { } f) { clauses.Add("year >= @FromYear"); args.Add("FromYear", (long)f); }
        if (toYear is { } t) { clauses.Add("year <= @ToYear"); args.Add("ToYear", (long)t); }
        var codes = (types ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim().ToLowerInvariant()).Distinct().ToArray();
        if (codes.Length > 0)
        {
            clauses.Add($"type IN ({string.Join(", ", codes.Select((_, i) => "@Type" + i))})");
            for (var i = 0; i < codes.Length; i++) args.Add("Type" + i, codes[i]);
        }
        var where = clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_joint_actions{where} ORDER BY start_date, id", args);
        return await LoadAsync(c, rows);
    }

    /// <summary>Joint actions of one enabler counted per year and type: the "over time" view of an enabler.</summary>
    public async Task<IReadOnlyList<(int Year, string Type, long Count)>> YearlyForEnablerAsync(long enablerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Year, string Type, long Count)>(
            "SELECT a.year, a.type, COUNT(*) FROM kernel_joint_actions a JOIN kernel_participants p ON p.action_id = a.id WHERE p.enabler_id = @enablerId GROUP BY a.year, a.type ORDER BY a.year",
            new { enablerId })).Select(r => ((int)r.Year, r.Type, r.Count)).ToList();
    }

    /// <summary>Every joint action in key order, streamed with its participants' keys (for export).</summary>
    public async IAsyncEnumerable<(JointAction Action, IReadOnlyDictionary<long, string> Keys)> AllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var keys = (await c.QueryAsync<(long Id, string Key)>("SELECT id, key FROM kernel_enablers")).ToDictionary(r => r.Id, r => r.Key);
        await using var pc = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync($"SELECT {Columns} FROM kernel_joint_actions ORDER BY id");
        await using var preader = await pc.ExecuteReaderAsync("SELECT action_id, enabler_id, role FROM kernel_participants ORDER BY action_id, enabler_id");
        var parse = reader.GetRowParser<Row>();
        var pending = preader.Read();
        while (await reader.ReadAsync(ct))
        {
            var r = parse(reader);
            var ps = new List<Participant>();
            while (pending && preader.GetInt64(0) < r.id) pending = preader.Read();
            while (pending && preader.GetInt64(0) == r.id)
            {
                ps.Add(new Participant(preader.GetInt64(1), preader.GetString(2)));
                pending = preader.Read();
            }
            yield return (ToAction(r, ps), keys);
        }
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_joint_actions");
    }

    public async Task<JointAction> AddAsync(JointAction a, string username, CancellationToken ct = default) =>
        (await ApplyAsync(new JointActionChanges(Add: [a]), username, ct)).Added[0];

    public async Task<JointAction> UpdateAsync(JointAction a, string username, CancellationToken ct = default)
    {
        await ApplyAsync(new JointActionChanges(Update: [a]), username, ct);
        return a;
    }

    public async Task<bool> DeleteAsync(long id, string username, CancellationToken ct = default) =>
        (await ApplyAsync(new JointActionChanges(Delete: [id]), username, ct)).Deleted == 1;

    /// <summary>Deletes, updates and adds joint actions in one transaction, in that order (so an added action may take a
    /// deleted one's key): all of them or, when one is refused (unknown type or participant, a key in use, an update of
    /// a missing action), none. Each is audited as its own create, update or delete. A delete of an id that no longer
    /// exists is skipped and not counted.</summary>
    public async Task<AppliedChanges> ApplyAsync(JointActionChanges changes, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var deleted = 0;
        foreach (var id in changes.Delete ?? [])
        {
            var key = await c.QuerySingleOrDefaultAsync<string>("SELECT key FROM kernel_joint_actions WHERE id = @id", new { id }, tx);
            if (key is null) continue;
            await c.ExecuteAsync("DELETE FROM kernel_joint_actions WHERE id = @id", new { id }, tx);
            await Audit.WriteAsync(c, tx, clock, username, "delete", "joint_action", key);
            deleted++;
        }
        foreach (var a in changes.Update ?? [])
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_joint_actions WHERE id = @Id", new { a.Id }, tx) == 0)
                throw new DomainException("not_found", $"Joint action {a.Id} does not exist.");
            await CheckAsync(c, tx, a);
            await WriteAsync(c, tx, a.Id, a, insert: false);
            await Audit.WriteAsync(c, tx, clock, username, "update", "joint_action", a.Key);
        }
        var added = new List<JointAction>();
        if (changes.Add is { Count: > 0 } adds)
        {
            await db.Dialect.LockAsync(c, tx, "kernel_joint_actions", ct);
            var id = await c.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM kernel_joint_actions", transaction: tx);
            foreach (var a in adds)
            {
                ct.ThrowIfCancellationRequested();
                await CheckAsync(c, tx, a);
                await WriteAsync(c, tx, ++id, a, insert: true);
                await Audit.WriteAsync(c, tx, clock, username, "create", "joint_action", a.Key);
                added.Add(a with { Id = id });
            }
            await db.Dialect.SyncIdentityAsync(c, tx, "kernel_joint_actions", ct);
        }
        await tx.CommitAsync(ct);
        return new AppliedChanges(added, changes.Update?.Count ?? 0, deleted);
    }

    public async Task<IReadOnlyList<JointActionType>> TypesAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(string Code, string En, string Zh)>("SELECT code, name_en, name_zh FROM kernel_action_types ORDER BY code"))
            .Select(r => new JointActionType(r.Code, r.En, r.Zh)).ToList();
    }

    public async Task AddTypeAsync(JointActionType type, string username, CancellationToken ct = default)
    {
        JointActionType.CheckCode(type.Code);
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync("INSERT INTO kernel_action_types (code, name_en, name_zh) VALUES (@Code, @NameEn, @NameZh) ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh", type, tx);
        await Audit.WriteAsync(c, tx, clock, username, "upsert", "action_type", type.Code);
        await tx.CommitAsync(ct);
    }

    async Task CheckAsync(DbConnection c, DbTransaction tx, JointAction a)
    {
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_action_types WHERE code = @Type", new { a.Type }, tx) == 0)
            throw new DomainException("unknown_action_type", $"Unknown joint-action type '{a.Type}'.", "type");
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_joint_actions WHERE key = @Key AND id <> @Id", new { a.Key, a.Id }, tx) > 0)
            throw new DomainException("duplicate_key", $"A joint action with key '{a.Key}' already exists.", "key");
        var ids = a.Participants.Select(p => p.EnablerId).ToArray();
        var found = (await c.QueryAsync<long>($"SELECT id FROM kernel_enablers WHERE id IN ({string.Join(",", ids)})", transaction: tx)).ToHashSet();
        var missing = ids.Where(i => !found.Contains(i)).ToArray();
        if (missing.Length > 0)
            throw new DomainException("unknown_participant", $"Participant(s) {string.Join(", ", missing)} are not enablers of this workspace.", "participants");
    }

    async Task WriteAsync(DbConnection c, DbTransaction tx, long id, JointAction a, bool insert)
    {
        var now = clock.GetUtcNow().ToString("O");
        var v = Values(id, a, now);
        var p = EnablerStore.Params(v);
        if (insert)
            await c.ExecuteAsync($"INSERT INTO kernel_joint_actions ({string.Join(", ", InsertColumns)}) VALUES ({string.Join(", ", InsertColumns.Select((_, i) => "@p" + i))})", p, tx);
        else
        {
            await c.ExecuteAsync($"UPDATE kernel_joint_actions SET {UpdateSet} WHERE id = @p0", p, tx);
            await c.ExecuteAsync("DELETE FROM kernel_participants WHERE action_id = @id", new { id }, tx);
        }
        foreach (var part in a.Participants)
            await c.ExecuteAsync("INSERT INTO kernel_participants (action_id, enabler_id, role) VALUES (@id, @EnablerId, @Role)", new { id, part.EnablerId, part.Role }, tx);
    }
}
