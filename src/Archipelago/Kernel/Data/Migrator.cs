using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Archipelago.Kernel.Data;

/// <summary>One versioned SQL script of a module: <c>Migrations/NNNN_name.sql</c>, or a per-dialect pair
/// <c>NNNN_name.sqlite.sql</c> / <c>NNNN_name.postgresql.sql</c> where the two databases differ.</summary>
public sealed record Migration(string Module, int Version, string Name, string Sql);

/// <summary>
/// Applies each module's migrations in order, each in its own transaction, and records them in
/// <c>kernel_schema_versions</c>. A database that has a migration this binary does not know was written by a newer
/// Archipelago and is refused rather than silently used.
/// </summary>
public sealed partial class Migrator(Database db)
{
    [GeneratedRegex(@"^Archipelago\.(?:Kernel\.Data|Modules\.(?<module>\w+))\.Migrations\.(?<version>\d{4})_(?<name>[\w]+?)(?:\.(?<dialect>sqlite|postgresql))?\.sql$")]
    private static partial Regex ResourceName();

    /// <summary>Every migration the binary carries, for the given dialect, ordered kernel first then by module and version.</summary>
    public static IReadOnlyList<Migration> Known(SqlDialect dialect)
    {
        var asm = typeof(Migrator).Assembly;
        var list = new List<Migration>();
        foreach (var name in asm.GetManifestResourceNames())
        {
            var m = ResourceName().Match(name);
            if (!m.Success) continue;
            if (m.Groups["dialect"].Success && m.Groups["dialect"].Value != dialect.Name) continue;
            var module = m.Groups["module"].Success ? m.Groups["module"].Value.ToLowerInvariant() : "kernel";
            using var reader = new StreamReader(asm.GetManifestResourceStream(name)!);
            list.Add(new Migration(module, int.Parse(m.Groups["version"].Value), m.Groups["name"].Value, dialect.Translate(reader.ReadToEnd())));
        }
        return list.OrderBy(m => m.Module == "kernel" ? 0 : 1).ThenBy(m => m.Module).ThenBy(m => m.Version).ToList();
    }

    public sealed record Status(string Module, int Applied, int Known);

    public async Task<IReadOnlyList<Status>> StatusAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await EnsureTableAsync(c);
        var applied = (await c.QueryAsync<(string Module, long Version)>("SELECT module, CAST(MAX(version) AS BIGINT) FROM kernel_schema_versions GROUP BY module"))
            .ToDictionary(r => r.Module, r => (int)r.Version);
        var known = Known(db.Dialect).GroupBy(m => m.Module).ToDictionary(g => g.Key, g => g.Max(m => m.Version));
        return known.Keys.Union(applied.Keys).Order()
            .Select(k => new Status(k, applied.GetValueOrDefault(k), known.GetValueOrDefault(k))).ToList();
    }

    /// <summary>Applies what is pending; returns the migrations applied. Throws <see cref="DomainException"/> code
    /// <c>database_newer</c> when the database is ahead of the binary.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken ct = default)
    {
        var status = await StatusAsync(ct);
        var ahead = status.Where(s => s.Applied > s.Known).ToList();
        if (ahead.Count > 0)
            throw new DomainException("database_newer",
                $"The database at {db.Location} was written by a newer Archipelago ({string.Join(", ", ahead.Select(a => $"{a.Module} migration {a.Applied:D4}, this binary knows up to {a.Known:D4}"))}). " +
                "Run a newer archipelago, or restore a backup made by this version.");
        var applied = status.ToDictionary(s => s.Module, s => s.Applied);
        var done = new List<Migration>();
        await using var c = await db.OpenAsync(ct);
        foreach (var m in Known(db.Dialect).Where(m => m.Version > applied.GetValueOrDefault(m.Module)))
        {
            await using var tx = await Database.BeginWriteAsync(c, ct);
            await c.ExecuteAsync(m.Sql, transaction: tx);
            await c.ExecuteAsync("INSERT INTO kernel_schema_versions (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @At)",
                new { m.Module, m.Version, m.Name, At = DateTimeOffset.UtcNow.ToString("O") }, tx);
            await tx.CommitAsync(ct);
            done.Add(m);
        }
        return done;
    }

    static Task EnsureTableAsync(DbConnection c) => c.ExecuteAsync(
        "CREATE TABLE IF NOT EXISTS kernel_schema_versions (module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))");
}
