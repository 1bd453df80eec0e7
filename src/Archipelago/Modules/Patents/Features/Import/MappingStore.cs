using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>Saved column mappings for generic patent files, by name (letters, digits, '-', '_').</summary>
public sealed class MappingStore(Database db, TimeProvider clock)
{
    public async Task SaveAsync(string name, ColumnMapping mapping, string username, CancellationToken ct = default)
    {
        if (name.Length is 0 or > 40 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw new DomainException("bad_name", $"Mapping name '{name}' must be 1–40 letters, digits, '-' or '_'.", "name");
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO patents_column_mappings (name, mapping, saved_by, saved_at) VALUES (@name, @json, @username, @now)
            ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at
            """, new { name = name.ToLowerInvariant(), json = mapping.ToJson(), username, now = clock.GetUtcNow().ToString("O") });
    }

    /// <summary>Every saved mapping by name.</summary>
    public async Task<IReadOnlyDictionary<string, ColumnMapping>> AllAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(string Name, string Json)>("SELECT name, mapping FROM patents_column_mappings ORDER BY name"))
            .ToDictionary(r => r.Name, r => ColumnMapping.FromJson(r.Json, $"mapping '{r.Name}'"));
    }

    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>("SELECT name FROM patents_column_mappings ORDER BY name")).ToList();
    }
}
