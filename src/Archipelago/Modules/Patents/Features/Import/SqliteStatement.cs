using System.Runtime.InteropServices;
using Archipelago.Modules.Patents.Features.Search;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// A statement prepared on the raw handle, bound by position. The calls an import makes millions of times (binding,
/// stepping, resetting) go to e_sqlite3 directly with the statement's pointer: through SQLitePCL each also took and
/// released the SafeHandle (~3% of a 1,000,000-record import), and text bound from a pinned buffer
/// (<see cref="Text(int, nint, ValueTuple{int, int})"/>) is not copied by SQLite. The statement must not be used after
/// <see cref="Dispose"/>.
/// </summary>
sealed class SqliteStatement : IDisposable
{
    readonly sqlite3 handle;
    readonly sqlite3_stmt stmt;
    readonly nint ptr;

    public SqliteStatement(sqlite3 handle, string sql)
    {
        this.handle = handle;
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out stmt));
        ptr = stmt.DangerousGetHandle();
    }

    // SQLITE_STATIC: the caller keeps the bytes in place until the statement is run; SQLite takes no copy.
    static readonly nint Static = 0;

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    static extern int sqlite3_bind_text(nint stmt, int i, nint text, int length, nint destructor);
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    static extern int sqlite3_bind_int64(nint stmt, int i, long value);
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    static extern int sqlite3_bind_null(nint stmt, int i);
    // Stepping writes pages and may wait on the disk, and resetting a failed statement may roll it back: normal
    // transitions, so the GC can run meanwhile.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    static extern int sqlite3_step(nint stmt);
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    static extern int sqlite3_reset(nint stmt);

    public SqliteStatement Text(int i, string? value)
    {
        Check(handle, value is null ? raw.sqlite3_bind_null(stmt, i) : raw.sqlite3_bind_text(stmt, i, value));
        return this;
    }

    /// <summary>Binds the UTF-8 text at <paramref name="field"/> of a buffer pinned at <paramref name="at"/> (NULL when its
    /// length is -1), without a copy: the buffer must stay pinned until the statement has run.</summary>
    public SqliteStatement Text(int i, nint at, (int Start, int Length) field)
    {
        // A non-null pointer with length 0 is empty text.
        Check(handle, field.Length < 0 ? sqlite3_bind_null(ptr, i) : sqlite3_bind_text(ptr, i, at + field.Start, field.Length, Static));
        return this;
    }

    public SqliteStatement Int(int i, long? value)
    {
        Check(handle, value is { } v ? sqlite3_bind_int64(ptr, i, v) : sqlite3_bind_null(ptr, i));
        return this;
    }

    public bool Step()
    {
        var rc = sqlite3_step(ptr);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        sqlite3_reset(ptr);
        Check(handle, rc);
        return false;
    }

    public void Run()
    {
        Step();
        sqlite3_reset(ptr);
    }

    public void Reset() => sqlite3_reset(ptr);

    public long Int64(int column) => raw.sqlite3_column_int64(stmt, column);

    public string? TextAt(int column) =>
        raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(stmt, column).utf8_to_string();

    public void Dispose() => stmt.Dispose();

    static void Check(sqlite3 handle, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
    }
}

/// <summary>The word index's two statements on one handle (the workspace's own, or a <see cref="SeparateWordIndex"/>'s
/// scratch file): add a record's entry from its encoded text, or remove the entry it was added with.</summary>
sealed class WordIndexEntries(sqlite3 handle) : IDisposable
{
    readonly SqliteStatement index = new(handle, SearchIndex.InsertSql), unindex = new(handle, SearchIndex.DeleteSql);

    public void Add(long id, SqliteText t)
    {
        var pin = t.Pin();
        try
        {
            var at = pin.AddrOfPinnedObject();
            index.Int(1, id).Text(2, at, t.Fields[SqliteText.IndexTitle]).Text(3, at, t.Fields[SqliteText.IndexAbstract]).Text(4, at, t.Fields[SqliteText.IndexClaims]).Run();
        }
        finally { pin.Free(); }
    }

    /// <summary>Removes the entry of a record whose stored (unprepared) text this is.</summary>
    public void Remove(long id, string? title, string? @abstract, string? claims) =>
        unindex.Int(1, id).Text(2, SearchIndex.Prepare(title)).Text(3, SearchIndex.Prepare(@abstract)).Text(4, SearchIndex.Prepare(claims)).Run();

    public void Dispose()
    {
        index.Dispose();
        unindex.Dispose();
    }
}
