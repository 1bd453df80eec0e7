using Archipelago.Kernel.Data;
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
