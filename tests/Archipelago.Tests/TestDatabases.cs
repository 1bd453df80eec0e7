using Archipelago.Kernel.Data;
using Dapper;
using Npgsql;

namespace Archipelago.Tests;

/// <summary>
/// A fresh, empty workspace database per test on either SQLite (a temporary directory) or PostgreSQL (a new database
/// on the server named by <c>ARCHIPELAGO_TEST_POSTGRES</c>, which <c>scripts/test.sh</c> starts on loopback).
/// PostgreSQL tests fail — they do not skip — when that server is missing.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    public static TheoryData<string> Both => new() { Sqlite, Postgres };

    /// <summary>A fresh workspace with <paramref name="module"/> migrated only up to <paramref name="version"/> (every
    /// other module fully), as an older release left it: for tests of a later migration on existing data.</summary>
    public static async Task<Database> CreateAtAsync(string dialect, string module, int version)
    {
        var db = await CreateAsync(dialect, migrate: false);
        await using var c = await db.OpenAsync();
        await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS kernel_schema_versions (module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))");
        foreach (var m in Migrator.Known(db.Dialect).Where(m => m.Module != module || m.Version <= version))
        {
            await c.ExecuteAsync(m.Sql);
            await c.ExecuteAsync("INSERT INTO kernel_schema_versions (module, version, name, applied_at) VALUES (@Module, @Version, @Name, 'x')", new { m.Module, m.Version, m.Name });
        }
        return db;
    }

    public static async Task<Database> CreateAsync(string dialect, bool migrate = true)
    {
        Database db;
        if (dialect == Sqlite)
            db = Database.Sqlite(Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N")));
        else
        {
            var server = Environment.GetEnvironmentVariable("ARCHIPELAGO_TEST_POSTGRES")
                ?? throw new InvalidOperationException("ARCHIPELAGO_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
            var name = "t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString()))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            // Each test database has its own connection pool; idle connections are let go after seconds, not Npgsql's
            // five minutes, or the pools of a few hundred test databases run the server out of connections mid-suite.
            db = Database.Postgres(new NpgsqlConnectionStringBuilder(server)
            {
                Database = name, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2,
            }.ToString());
        }
        if (migrate) await new Migrator(db).MigrateAsync();
        return db;
    }
}
