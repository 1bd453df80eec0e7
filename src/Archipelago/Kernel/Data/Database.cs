using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Archipelago.Kernel.Data;

/// <summary>
/// Where a workspace lives: a SQLite file under a data directory (the default), or a PostgreSQL database when a
/// connection string is given (<c>--database</c> or <c>ARCHIPELAGO_DATABASE</c>). Every command that reads or writes a
/// workspace takes those two flags and builds one of these.
/// </summary>
public sealed class Database
{
    public SqlDialect Dialect { get; }
    public string ConnectionString { get; }

    /// <summary>Where the data is, for messages: the SQLite file path or the PostgreSQL host/database.</summary>
    public string Location { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    static Database() => SQLitePCL.Batteries_V2.Init();

    /// <summary>
    /// Puts SQLite in its multi-thread mode for this process: a connection no longer takes its own mutex on every call
    /// (every bind and step: ~50 a record in a patents import, whose writer is ~10% less busy without them;
    /// docs/benchmarks.md, fifteenth round). Safe only where no connection is ever used by two threads at once, which
    /// ADO.NET promises for the calls we make — except a statement a caller forgot to dispose, which the GC's finalizer
    /// thread may finalise while another thread uses its pooled connection. So only a process that runs one CLI command
    /// asks for it; the web server keeps SQLite's serialized default. Must run before the first connection opens; it
    /// returns false and changes nothing after that.
    /// </summary>
    public static bool UseSqliteMultiThreadMode() => SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD) == SQLitePCL.raw.SQLITE_OK;

    Database(SqlDialect dialect, string connectionString, string location, string? sqliteFile)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        Location = location;
        SqliteFile = sqliteFile;
    }

    public const string DefaultDataDirectory = "data";

    public static Database Sqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var file = Path.GetFullPath(Path.Combine(dataDirectory, "archipelago.db"));
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new Database(SqlDialect.Sqlite, cs, file, file);
    }

    /// <summary>The same workspace through connections of its own, closed when disposed instead of going back to the
    /// pool (SQLite; a PostgreSQL workspace is returned as it is).</summary>
    public Database Unpooled() => SqliteFile is null ? this
        : new Database(Dialect, new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString(), Location, SqliteFile);

    public static Database Postgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return new Database(SqlDialect.Postgres, connectionString, $"postgresql://{b.Host}:{b.Port}/{b.Database}", null);
    }

    /// <summary>The flags' rule: a connection string wins; otherwise SQLite under the data directory.</summary>
    public static Database From(string? dataDirectory, string? connectionString)
    {
        connectionString ??= Environment.GetEnvironmentVariable("ARCHIPELAGO_DATABASE");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
                connectionString = FromUri(connectionString);
            return Postgres(connectionString);
        }
        dataDirectory ??= Environment.GetEnvironmentVariable("ARCHIPELAGO_DATA") ?? DefaultDataDirectory;
        return Sqlite(dataDirectory);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var c = Dialect.Create(ConnectionString);
        await c.OpenAsync(ct);
        await Dialect.PrepareAsync(c, ct);
        return c;
    }

    /// <summary>Begins a write transaction. On SQLite it takes the write lock at once, so two writers never deadlock.</summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection c, CancellationToken ct = default) =>
        c is SqliteConnection s ? s.BeginTransaction(deferred: false) : await c.BeginTransactionAsync(ct);

    static string FromUri(string uri)
    {
        var u = new Uri(uri);
        var userInfo = u.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.IsDefaultPort || u.Port < 0 ? 5432 : u.Port,
            Database = u.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length > 1) b.Password = Uri.UnescapeDataString(userInfo[1]);
        return b.ToString();
    }
}
