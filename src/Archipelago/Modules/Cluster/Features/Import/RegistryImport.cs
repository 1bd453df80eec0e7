using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Dapper;

namespace Archipelago.Modules.Cluster.Features.Import;

public enum RegistryKind { Enablers, Actions }

/// <summary>One row of the plan a dry run shows: its row, key and what committing would do (create, update, unchanged).</summary>
public sealed record PlannedRow(int Row, string Key, string Change, string Summary);

/// <summary>What an import did or would do. <see cref="Committed"/> is true only when every row was valid and stored.</summary>
public sealed record ImportOutcome(string File, RegistryKind Kind, long Rows, long Created, long Updated, long Unchanged,
    long ErrorCount, IReadOnlyList<RowError> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<PlannedRow> Preview, bool Committed)
{
    public bool Ok => ErrorCount == 0;
}

/// <summary>The columns of the registry's import files, in template order (docs/import-format.md describes each).</summary>
public static class RegistryColumns
{
    public static readonly IReadOnlyList<string> Enablers =
        ["key", "type", "name_en", "name_zh", "aliases", "city", "province", "country", "segment", .. EnablerAttributes.Columns];

    public static readonly IReadOnlyList<string> Actions =
        ["key", "type", "start", "end", "participants", "value", "currency", "description"];

    public static IReadOnlyList<string> For(RegistryKind kind) => kind == RegistryKind.Enablers ? Enablers : Actions;
}

/// <summary>
/// Imports enablers or joint actions from one file, all-or-nothing. Every row is checked; any error — a bad cell, a
/// duplicate row, a participant that is not an enabler — means nothing from the file is stored, and every error is
/// reported with file, row and column. Rows are matched to stored records by key (enablers without a key: by exact
/// name), so importing the same file twice changes nothing. A dry run reports the same plan without writing.
/// Writing streams in batches inside one transaction, so memory stays flat for files of millions of rows.
/// </summary>
public sealed class RegistryImport(Database db, TimeProvider clock)
{
    const int Batch = 5000;
    const int MaxListedErrors = 1000;
    const int MaxPreview = 200;

    public async Task<ImportOutcome> RunAsync(RegistryKind kind, Stream stream, string fileName, bool commit, string username,
        Encoding? encoding = null, Action<double>? progress = null, CancellationToken ct = default)
    {
        var file = Path.GetFileName(fileName);
        var format = TabularFile.FormatOf(fileName);
        await using var c = await db.OpenAsync(ct);
        // Every reference (participant, type) is checked below under the write lock, so the database need not check
        // each row again; it checks them all once before the commit.
        var load = commit ? await db.Dialect.BeginBulkLoadAsync(c, ["kernel_participants", "kernel_joint_actions"], keysWhenEmpty: [], ct) : null;
        await using var tx = load?.Transaction;
        var run = new Run(file, kind, commit ? tx : null);
        var rows = TabularFile.ReadAsync(stream, fileName, format, encoding, progress, ct);
        if (kind == RegistryKind.Enablers) await EnablersAsync(c, run, rows, username, ct);
        else await ActionsAsync(c, run, rows, ct);

        var ok = run.ErrorCount == 0;
        if (tx is not null)
        {
            if (ok && run.Rows > 0)
            {
                await Audit.WriteAsync(c, tx, clock, username, "import", kind.ToString().ToLowerInvariant(), file,
                    $"{run.Created} created, {run.Updated} updated, {run.Unchanged} unchanged");
                await load!.RestoreChecksAsync(ct);
                await tx.CommitAsync(ct);
                EnablerStore.Changed();
            }
            else await tx.RollbackAsync(ct);
        }
        if (run.Rows == 0 && run.ErrorCount == 0) run.Warnings.Add($"{file} has a header but no data rows; nothing to import.");
        return new ImportOutcome(file, kind, run.Rows, run.Created, run.Updated, run.Unchanged, run.ErrorCount, run.Errors,
            run.Warnings, run.Preview, commit && ok && run.Rows > 0);
    }

    sealed class Run(string file, RegistryKind kind, DbTransaction? tx)
    {
        public readonly string File = file;
        public readonly DbTransaction? Tx = tx;
        public readonly List<RowError> Errors = [];
        public readonly List<string> Warnings = [];
        public readonly List<PlannedRow> Preview = [];
        public long Rows, Created, Updated, Unchanged, ErrorCount;
        bool columnsChecked;

        public bool Writing => Tx is not null && ErrorCount == 0;

        public void Error(int row, string? column, string reason)
        {
            ErrorCount++;
            if (Errors.Count < MaxListedErrors) Errors.Add(new RowError(File, row, column, reason));
        }

        public void Plan(int row, string key, string change, string summary)
        {
            switch (change) { case "create": Created++; break; case "update": Updated++; break; default: Unchanged++; break; }
            if (Preview.Count < MaxPreview) Preview.Add(new PlannedRow(row, key, change, summary));
        }

        /// <summary>Checks the header once: required columns present; unknown columns reported (they are ignored).</summary>
        public bool CheckColumns(SourceRow row, params string[] required)
        {
            if (columnsChecked) return true;
            columnsChecked = true;
            var known = RegistryColumns.For(kind);
            var unknown = row.Cells.Keys.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0) Warnings.Add($"{File}: column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} are not part of the template and were ignored.");
            var missing = required.Where(r => !row.Cells.ContainsKey(r)).ToList();
            if (missing.Count == 0) return true;
            Error(1, missing[0], $"the header has no '{string.Join("', '", missing)}' column; download the template to see the columns.");
            return false;
        }
    }

    // ---- enablers ----------------------------------------------------------------------------------------------

    async Task EnablersAsync(DbConnection c, Run run, IAsyncEnumerable<SourceRow> rows, string username, CancellationToken ct)
    {
        var existing = new Dictionary<string, Enabler>(StringComparer.Ordinal);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in await c.QueryAsync<EnablerStore.Row>($"SELECT {EnablerStore.Columns} FROM kernel_enablers", transaction: run.Tx))
        {
            var e = EnablerStore.ToEnabler(r);
            existing[e.Key] = e;
            foreach (var n in new[] { e.NameEn, e.NameZh }.OfType<string>()) byName.TryAdd(n, e.Key);
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var creates = new List<object?[]>(Batch);
        var now = clock.GetUtcNow().ToString("O");
        var source = $"import:{run.File}";

        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!run.CheckColumns(row, "type")) break;
            run.Rows++;
            Enabler e;
            try
            {
                var key = row["key"];
                if (key is null)
                {
                    var name = row["name_en"] ?? row["name_zh"];
                    key = name is not null && byName.TryGetValue(name, out var k) ? k : GeneratedKey("E-", row["type"], row["name_en"], row["name_zh"]);
                }
                var type = EnablerType.TryParse(row["type"], out var t) ? t
                    : throw new DomainException("unknown_enabler_type", row["type"] is null ? "the type is missing." : $"unknown type '{row["type"]}'; use one of: {string.Join(", ", EnablerType.All.Select(a => a.Code))}.", "type");
                var attributes = EnablerAttributes.Empty;
                foreach (var col in EnablerAttributes.Columns) attributes = attributes.With(col, row[col]);
                e = new Enabler(key, type, row["name_en"], row["name_zh"], Split(row["aliases"]), new Region(row["city"], row["province"], row["country"]),
                    row["segment"], attributes, source);
            }
            catch (DomainException ex) { run.Error(row.Number, ex.Field, ex.Message); continue; }

            if (seen.TryGetValue(e.Key, out var first)) { run.Error(row.Number, "key", $"duplicate of row {first} (same key '{e.Key}')."); continue; }
            seen[e.Key] = row.Number;

            if (!existing.TryGetValue(e.Key, out var old))
            {
                run.Plan(row.Number, e.Key, "create", e.DisplayName(false));
                if (run.Writing)
                {
                    creates.Add(EnablerStore.Values(e, now));
                    if (creates.Count >= Batch) await FlushEnablersAsync(c, run, creates, ct);
                }
            }
            else if (old.SameFacts(e)) run.Plan(row.Number, e.Key, "unchanged", e.DisplayName(false));
            else
            {
                run.Plan(row.Number, e.Key, "update", Difference(old, e));
                if (run.Writing)
                {
                    var v = EnablerStore.Values(e, now);
                    await c.ExecuteAsync($"UPDATE kernel_enablers SET {EnablerStore.UpdateSet} WHERE key = @p0", EnablerStore.Params(v), run.Tx);
                }
            }
        }
        if (run.Writing) await FlushEnablersAsync(c, run, creates, ct);
    }

    async Task FlushEnablersAsync(DbConnection c, Run run, List<object?[]> creates, CancellationToken ct)
    {
        if (creates.Count == 0) return;
        await db.Dialect.BulkInsertAsync(c, run.Tx!, "kernel_enablers", EnablerStore.InsertColumns, creates, ct);
        creates.Clear();
    }

    static string Difference(Enabler old, Enabler e)
    {
        var changes = new List<string>();
        if (old.Type != e.Type) changes.Add($"type {old.Type.Code} → {e.Type.Code}");
        if (old.NameEn != e.NameEn) changes.Add($"name_en '{old.NameEn}' → '{e.NameEn}'");
        if (old.NameZh != e.NameZh) changes.Add($"name_zh '{old.NameZh}' → '{e.NameZh}'");
        if (!old.Aliases.SequenceEqual(e.Aliases)) changes.Add("aliases");
        if (old.Region != e.Region) changes.Add($"region '{old.Region}' → '{e.Region}'");
        if (old.Segment != e.Segment) changes.Add($"segment {old.Segment ?? "—"} → {e.Segment ?? "—"}");
        if (!old.Attributes.Equals(e.Attributes)) changes.Add("attributes");
        return string.Join("; ", changes);
    }

    // ---- joint actions -----------------------------------------------------------------------------------------

    async Task ActionsAsync(DbConnection c, Run run, IAsyncEnumerable<SourceRow> rows, CancellationToken ct)
    {
        var enablers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, key) in await c.QueryAsync<(long, string)>("SELECT id, key FROM kernel_enablers", transaction: run.Tx)) enablers[key] = id;
        var types = (await c.QueryAsync<string>("SELECT code FROM kernel_action_types", transaction: run.Tx)).ToHashSet();
        var existing = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await c.ExecuteReaderAsync("SELECT key, id FROM kernel_joint_actions", transaction: run.Tx))
            while (await reader.ReadAsync(ct)) existing[reader.GetString(0)] = reader.GetInt64(1);

        long nextId = 0;
        if (run.Tx is not null)
        {
            await db.Dialect.LockAsync(c, run.Tx, "kernel_joint_actions", ct);
            nextId = await c.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM kernel_joint_actions", transaction: run.Tx);
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var actionRows = new List<object?[]>(Batch);
        var participantRows = new List<object?[]>(Batch * 3);
        var now = clock.GetUtcNow().ToString("O");
        var source = $"import:{run.File}";

        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!run.CheckColumns(row, "type", "start", "participants")) break;
            run.Rows++;
            JointAction a;
            try
            {
                var type = JointActionType.CheckCode(row["type"] ?? throw new DomainException("type_required", "the type is missing.", "type"));
                if (!types.Contains(type))
                    throw new DomainException("unknown_action_type", $"unknown joint-action type '{type}'; use one of: {string.Join(", ", types.Order())} (or add it first).", "type");
                var start = PartialDate.Parse(row["start"] ?? throw new DomainException("date_required", "the start date is missing.", "start"), "start");
                var end = row["end"] is { } endText ? PartialDate.Parse(endText, "end") : (PartialDate?)null;
                var participants = Participants(row["participants"], enablers);
                var value = row["value"] is { } vt
                    ? decimal.TryParse(vt.Replace(",", ""), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
                        : throw new DomainException("bad_value", $"'{vt}' is not a number.", "value")
                    : (decimal?)null;
                var key = row["key"] ?? GeneratedKey("A-", type, start.ToString(), string.Join(",", participants.Select(p => p.Key).Order()), row["description"]);
                a = new JointAction(key, type, start, end, participants.Select(p => p.Participant), value, row["currency"], row["description"], source);
            }
            catch (DomainException ex) { run.Error(row.Number, ex.Field, ex.Message); continue; }

            if (seen.TryGetValue(a.Key, out var first)) { run.Error(row.Number, "key", $"duplicate of row {first} (same key '{a.Key}')."); continue; }
            seen[a.Key] = row.Number;

            var summary = $"{a.Type} {a.Start}, {a.Participants.Count} participants";
            if (!existing.TryGetValue(a.Key, out var existingId))
            {
                run.Plan(row.Number, a.Key, "create", summary);
                if (!run.Writing) continue;
                var id = ++nextId;
                actionRows.Add(JointActionStore.Values(id, a, now));
                foreach (var p in a.Participants) participantRows.Add([id, p.EnablerId, p.Role]);
                if (actionRows.Count >= Batch) await FlushActionsAsync(c, run, actionRows, participantRows, ct);
            }
            else
            {
                run.Plan(row.Number, a.Key, "update", summary);
                if (!run.Writing) continue;
                var v = JointActionStore.Values(existingId, a, now);
                await c.ExecuteAsync($"UPDATE kernel_joint_actions SET {JointActionStore.UpdateSet} WHERE id = @p0", EnablerStore.Params(v), run.Tx);
                await c.ExecuteAsync("DELETE FROM kernel_participants WHERE action_id = @existingId", new { existingId }, run.Tx);
                foreach (var p in a.Participants) participantRows.Add([existingId, p.EnablerId, p.Role]);
            }
        }
        if (run.Writing)
        {
            await FlushActionsAsync(c, run, actionRows, participantRows, ct);
            await db.Dialect.SyncIdentityAsync(c, run.Tx!, "kernel_joint_actions", ct);
        }
    }

    async Task FlushActionsAsync(DbConnection c, Run run, List<object?[]> actions, List<object?[]> participants, CancellationToken ct)
    {
        if (actions.Count > 0) await db.Dialect.BulkInsertAsync(c, run.Tx!, "kernel_joint_actions", JointActionStore.InsertColumns, actions, ct);
        if (participants.Count > 0) await db.Dialect.BulkInsertAsync(c, run.Tx!, "kernel_participants", ["action_id", "enabler_id", "role"], participants, ct);
        actions.Clear();
        participants.Clear();
    }

    /// <summary>Parses <c>KEY:role; KEY2:role</c> (role optional; ';', '|' or newline between participants).</summary>
    internal static List<(string Key, Participant Participant)> Participants(string? text, IReadOnlyDictionary<string, long> enablers)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("too_few_participants", "no participants; write enabler keys as KEY:role; KEY2:role.", "participants");
        var list = new List<(string, Participant)>();
        foreach (var part in text.Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            var key = (colon < 0 ? part : part[..colon]).Trim();
            var role = Participant.CheckRole(colon < 0 ? null : part[(colon + 1)..]);
            if (!enablers.TryGetValue(key, out var id))
                throw new DomainException("unknown_participant", $"'{key}' is not the key of an enabler in this workspace (import the enablers first).", "participants");
            list.Add((key, new Participant(id, role)));
        }
        return list;
    }

    static IEnumerable<string> Split(string? text) =>
        text?.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>A stable key for a keyless row, from its identifying content, so re-imports match instead of duplicating.</summary>
    static string GeneratedKey(string prefix, params string?[] parts) =>
        prefix + Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts.Select(p => p?.Trim().ToLowerInvariant())))))[..12].ToLowerInvariant();
}
