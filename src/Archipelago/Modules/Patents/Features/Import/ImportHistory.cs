using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>One committed import: when (ISO 8601, UTC), by whom, which file, and what it did ("130 created, 0 updated (lens)").</summary>
public sealed record ImportedFile(string At, string Username, string File, string Result);

/// <summary>
/// What the workspace's patent records came from: its imports, newest first, read from the audit row each import writes
/// in its own transaction. An import that failed or was cancelled stored nothing, and is not listed.
/// </summary>
public sealed class ImportHistory(Database db)
{
    public async Task<IReadOnlyList<ImportedFile>> RecentAsync(int take = 20, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // The table's own columns, not expressions of them: with no rows, SQLite gives an expression no type (a BLOB).
        var rows = await c.QueryAsync<(string At, string Username, string? File, string? Result)>(new CommandDefinition("""
            SELECT at, username, entity_key, detail FROM kernel_audit WHERE entity = 'patents' AND action = 'import' ORDER BY id DESC LIMIT @take
            """, new { take = Math.Clamp(take, 1, 1000) }, cancellationToken: ct));
        return rows.Select(r => new ImportedFile(r.At, r.Username, r.File ?? "", r.Result ?? "")).ToList();
    }
}
