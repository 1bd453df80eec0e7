using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Archipelago.Kernel.Data;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place. Repository SQL is written in the subset both
/// share (including <c>RETURNING</c>, <c>ON CONFLICT</c> and <c>LIMIT/OFFSET</c>); migrations use tokens this class
/// translates; bulk loading and backup are done each database's own fast way.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();

    public abstract string Name { get; }

    /// <summary>Replaces the migration tokens <c>{{id}}</c>, <c>{{int}}</c>, <c>{{real}}</c>, <c>{{decimal}}</c> and
    /// <c>{{without_rowid}}</c> (SQLite's clustered table for composite keys; nothing on PostgreSQL).</summary>
    public abstract string Translate(string sql);

    public abstract DbConnection Create(string connectionString);

    /// <summary>Per-connection settings (SQLite: foreign keys on, WAL, busy timeout).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Begins the write transaction of a bulk load whose references the caller checks itself under the write lock.
    /// Per-row foreign-key checks would dominate such a load, so they are suspended for it: SQLite turns them off
    /// for the connection (they come back on at its next open); PostgreSQL drops the foreign keys of
    /// <paramref name="tables"/> inside the transaction and <see cref="BulkLoad.RestoreChecksAsync"/> adds them back (and rebuilds the secondary indexes it dropped),
    /// validating every row in one pass — if that fails, the transaction rolls back with them. While the load runs,
    /// PostgreSQL readers of those tables wait (the ALTER TABLE lock).
    /// PostgreSQL also sets aside the primary and unique keys of the tables in <paramref name="keysWhenEmpty"/> (some of
    /// <paramref name="tables"/>) when all of those are empty (<see cref="BulkLoad.KeysSetAside"/>): the caller then
    /// keeps their rows unique itself and calls <see cref="BulkLoad.RestoreKeysAsync"/> before anything that relies on
    /// a key (<c>ON CONFLICT</c>). SQLite keeps its keys (a WITHOUT ROWID table's key is the table).
    /// </summary>
    public virtual async Task<BulkLoad> BeginBulkLoadAsync(DbConnection c, IReadOnlyList<string> tables, IReadOnlyList<string> keysWhenEmpty, CancellationToken ct) =>
        new(await Database.BeginWriteAsync(c, ct), null, _ => Task.CompletedTask);

    /// <summary>
    /// The enabler search: a case-insensitive substring match of <paramref name="text"/> (lower-cased and LIKE-escaped
    /// in the parameter as <c>%…%</c>) against <c>kernel_enablers.search_text</c>, through the trigram index
    /// (migration 0003) where the database can use it.
    /// </summary>
    public abstract string MatchesEnablerSearch(string parameter, string text);

    /// <summary>Takes the table's write lock for the transaction so ids can be allotted in bulk.</summary>
    public abstract Task LockAsync(DbConnection c, DbTransaction tx, string table, CancellationToken ct);

    /// <summary>After inserting explicit ids, moves the identity on past them (PostgreSQL; SQLite needs nothing).</summary>
    public virtual Task SyncIdentityAsync(DbConnection c, DbTransaction tx, string table, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Inserts many rows in the open transaction, the fastest way the database offers.</summary>
    public abstract Task BulkInsertAsync(DbConnection c, DbTransaction tx, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, CancellationToken ct);

    sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";

        public override string Translate(string sql) => sql
            .Replace("{{id}}", "INTEGER PRIMARY KEY")
            .Replace("{{int}}", "INTEGER")
            .Replace("{{real}}", "REAL")
            .Replace("{{decimal}}", "NUMERIC")
            .Replace("{{without_rowid}}", "WITHOUT ROWID");

        public override DbConnection Create(string cs) => new SqliteConnection(cs);

        public override async Task PrepareAsync(DbConnection c, CancellationToken ct)
        {
            await using var cmd = c.CreateCommand();
            // A 64 MB page cache keeps bulk imports from spilling index pages to the WAL over and over. A new workspace
            // gets 32 KB pages (SQLite's default is 4 KB; the size is fixed when the first table is made, so the pragma
            // does nothing to an existing file): a bulk import then makes an eighth of the write calls and B-tree splits
            // — a 200,000-record patent import 10.9 → 9.1 s, its system time halved (docs/benchmarks.md) — while a
            // one-row change writes 32 KB pages to the WAL instead of 4 KB ones.
            cmd.CommandText = "PRAGMA page_size = 32768; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536;";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async Task<BulkLoad> BeginBulkLoadAsync(DbConnection c, IReadOnlyList<string> tables, IReadOnlyList<string> keysWhenEmpty, CancellationToken ct)
        {
            await using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "PRAGMA foreign_keys = OFF";
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return new BulkLoad(await Database.BeginWriteAsync(c, ct), null, _ => Task.CompletedTask);
        }

        // The FTS5 trigram index answers LIKE for three or more characters; it has no ESCAPE, so text with LIKE's own
        // wildcards (and shorter text) scans the table instead.
        public override string MatchesEnablerSearch(string parameter, string text) =>
            text.Length >= 3 && !text.Contains('%') && !text.Contains('_') && !text.Contains('\\')
                ? $"id IN (SELECT rowid FROM kernel_enablers_search WHERE search_text LIKE {parameter})"
                : $"search_text LIKE {parameter} ESCAPE '\\'";

        // SQLite has one writer; a write transaction holds the lock already (callers begin with BEGIN IMMEDIATE semantics).
        public override Task LockAsync(DbConnection c, DbTransaction tx, string table, CancellationToken ct) => Task.CompletedTask;

        // Microsoft.Data.Sqlite looks every parameter up by name on every execution; for millions of rows the
        // statement is prepared once on the raw handle and bound by position instead (same connection, same transaction).
        public override Task BulkInsertAsync(DbConnection c, DbTransaction tx, string table, IReadOnlyList<string> columns,
            IEnumerable<object?[]> rows, CancellationToken ct)
        {
            var handle = ((SqliteConnection)c).Handle!;
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var stmt));
            using (stmt)
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    for (var i = 0; i < row.Length; i++)
                    {
                        var rc = row[i] switch
                        {
                            null => raw.sqlite3_bind_null(stmt, i + 1),
                            long l => raw.sqlite3_bind_int64(stmt, i + 1, l),
                            int n => raw.sqlite3_bind_int64(stmt, i + 1, n),
                            double d => raw.sqlite3_bind_double(stmt, i + 1, d),
                            decimal m => raw.sqlite3_bind_text(stmt, i + 1, m.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                            string t => raw.sqlite3_bind_text(stmt, i + 1, t),
                            var v => throw new InvalidOperationException($"No SQLite binding for {v.GetType()}."),
                        };
                        Check(handle, rc);
                    }
                    var step = raw.sqlite3_step(stmt);
                    if (step != raw.SQLITE_DONE) Check(handle, step);
                    raw.sqlite3_reset(stmt);
                }
            }
            return Task.CompletedTask;
        }

        static void Check(sqlite3 handle, int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
                throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
        }
    }

    sealed class PostgresDialect : SqlDialect
    {
        public override string Name => "postgresql";

        public override string Translate(string sql) => sql
            .Replace("{{id}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
            .Replace("{{int}}", "BIGINT")
            .Replace("{{real}}", "DOUBLE PRECISION")
            .Replace("{{decimal}}", "NUMERIC")
            .Replace("{{without_rowid}}", "");

        public override DbConnection Create(string cs) => new NpgsqlConnection(cs);

        // Backslash is PostgreSQL's default LIKE escape; an explicit ESCAPE clause would keep the trigram index unused.
        public override string MatchesEnablerSearch(string parameter, string text) => $"search_text LIKE {parameter}";

        public override async Task<BulkLoad> BeginBulkLoadAsync(DbConnection c, IReadOnlyList<string> tables, IReadOnlyList<string> keysWhenEmpty, CancellationToken ct)
        {
            var tx = await c.BeginTransactionAsync(ct);
            // Locked first, so no other writer adds a row between the emptiness check and the load.
            if (keysWhenEmpty.Count > 0) await ExecuteAsync(c, tx, $"LOCK TABLE {string.Join(", ", tables)} IN ACCESS EXCLUSIVE MODE", ct);
            var foreignKeys = await ConstraintsAsync(c, tx, tables, "k.contype = 'f'", ct);
            // Secondary (non-unique) indexes are rebuilt once at the end: one sort beats millions of B-tree inserts.
            var indexes = new List<(string Name, string Definition)>();
            foreach (var table in tables)
            {
                await using var find = c.CreateCommand();
                find.Transaction = tx;
                find.CommandText = $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '{table}' AND indexdef NOT LIKE 'CREATE UNIQUE%'";
                await using var r = await find.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) indexes.Add((r.GetString(0), r.GetString(1)));
            }
            await AlterAsync(c, tx, foreignKeys, add: false, ct);
            foreach (var index in indexes) await ExecuteAsync(c, tx, $"DROP INDEX {index.Name}", ct);
            // Into empty tables the caller's choice of keys go too: kept during a COPY, every row is inserted into each
            // key's B-tree (a text key at random places); built afterwards, each is one sort on the parallel workers —
            // but after the load, when nothing else runs beside it (docs/benchmarks.md, "Ninth round"). Keys another
            // table's foreign key relies on stay.
            var unique = keysWhenEmpty.Count > 0 && await IsEmptyAsync(c, tx, keysWhenEmpty, ct)
                // Primary and unique keys that no foreign key depends on.
                ? await ConstraintsAsync(c, tx, keysWhenEmpty,
                    "k.contype IN ('p', 'u') AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)", ct)
                : [];
            await AlterAsync(c, tx, unique, add: false, ct);
            return new BulkLoad(tx,
                unique.Count == 0 ? null : token => AlterAsync(c, tx, unique, add: true, token),
                async token =>
                {
                    foreach (var index in indexes) await ExecuteAsync(c, tx, index.Definition, token);
                    await AlterAsync(c, tx, foreignKeys, add: true, token);
                });
        }

        /// <summary>The constraints of the tables that <paramref name="condition"/> (on <c>pg_constraint k</c>) picks.</summary>
        static async Task<List<(string Table, string Name, string Definition)>> ConstraintsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<string> tables,
            string condition, CancellationToken ct)
        {
            var found = new List<(string Table, string Name, string Definition)>();
            foreach (var table in tables)
            {
                await using var find = c.CreateCommand();
                find.Transaction = tx;
                find.CommandText = $"SELECT k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.conrelid = '{table}'::regclass AND {condition}";
                await using var r = await find.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) found.Add((table, r.GetString(0), r.GetString(1)));
            }
            return found;
        }

        /// <summary>Drops the constraints, or adds them back as they were defined: one ALTER TABLE per table.</summary>
        static async Task AlterAsync(DbConnection c, DbTransaction tx, List<(string Table, string Name, string Definition)> constraints, bool add, CancellationToken ct)
        {
            foreach (var group in constraints.GroupBy(k => k.Table))
                await ExecuteAsync(c, tx, $"ALTER TABLE {group.Key} " +
                    string.Join(", ", group.Select(k => add ? $"ADD CONSTRAINT {k.Name} {k.Definition}" : $"DROP CONSTRAINT {k.Name}")), ct);
        }

        static async Task<bool> IsEmptyAsync(DbConnection c, DbTransaction tx, IReadOnlyList<string> tables, CancellationToken ct)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT " + string.Join(" AND ", tables.Select(t => $"NOT EXISTS (SELECT 1 FROM {t})"));
            return (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }

        static async Task ExecuteAsync(DbConnection c, DbTransaction tx, string sql, CancellationToken ct)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async Task LockAsync(DbConnection c, DbTransaction tx, string table, CancellationToken ct)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async Task SyncIdentityAsync(DbConnection c, DbTransaction tx, string table, CancellationToken ct)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1), (SELECT COUNT(*) > 0 FROM {table}))";
            await cmd.ExecuteScalarAsync(ct);
        }

        // Synchronous writes: millions of values each awaited cost more than the COPY itself.
        public override Task BulkInsertAsync(DbConnection c, DbTransaction tx, string table, IReadOnlyList<string> columns,
            IEnumerable<object?[]> rows, CancellationToken ct)
        {
            var npg = (NpgsqlConnection)c;
            using var writer = npg.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                writer.StartRow();
                foreach (var v in row)
                {
                    switch (v)
                    {
                        case null: writer.WriteNull(); break;
                        case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
                        case int i: writer.Write((long)i, NpgsqlDbType.Bigint); break;
                        case decimal d: writer.Write(d, NpgsqlDbType.Numeric); break;
                        case double f: writer.Write(f, NpgsqlDbType.Double); break;
                        case string s: writer.Write(s, NpgsqlDbType.Text); break;
                        default: throw new InvalidOperationException($"No COPY mapping for {v.GetType()}.");
                    }
                }
            }
            writer.Complete();
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The transaction of a bulk load, and how to bring back what was suspended for it: <see cref="RestoreChecksAsync"/>
/// before committing; <see cref="RestoreKeysAsync"/> earlier, for a load that finds it needs its keys after all.
/// </summary>
public sealed class BulkLoad(DbTransaction transaction, Func<CancellationToken, Task>? restoreKeys, Func<CancellationToken, Task> restoreChecks)
{
    Func<CancellationToken, Task>? restoreKeys = restoreKeys;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>Whether the tables' primary and unique keys are set aside: until <see cref="RestoreKeysAsync"/>, the
    /// database neither enforces them nor can use them (no <c>ON CONFLICT</c>).</summary>
    public bool KeysSetAside => restoreKeys is not null;

    /// <summary>Builds the keys set aside for the load (once; nothing to do when none were), failing — and so rolling the
    /// load back — if the rows broke one.</summary>
    public async Task RestoreKeysAsync(CancellationToken ct)
    {
        if (restoreKeys is not { } restore) return;
        restoreKeys = null;
        await restore(ct);
    }

    /// <summary>Brings back the keys, then the indexes and foreign keys, checking every row once.</summary>
    public async Task RestoreChecksAsync(CancellationToken ct)
    {
        await RestoreKeysAsync(ct);
        await restoreChecks(ct);
    }
}
