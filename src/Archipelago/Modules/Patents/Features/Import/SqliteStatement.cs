using Archipelago.Modules.Patents.Features.Search;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>A statement prepared on the raw handle, bound by position.</summary>
sealed class SqliteStatement(sqlite3 handle, string sql) : IDisposable
{
    readonly sqlite3_stmt stmt = Prepare(handle, sql);

    static sqlite3_stmt Prepare(sqlite3 handle, string sql)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var stmt));
        return stmt;
    }

    public SqliteStatement Text(int i, string? value)
    {
        Check(handle, value is null ? raw.sqlite3_bind_null(stmt, i) : raw.sqlite3_bind_text(stmt, i, value));
        return this;
    }

    /// <summary>Binds field <paramref name="f"/> of the encoded text (NULL when the field is null).</summary>
    public SqliteStatement Text(int i, SqliteText t, int f)
    {
        var (start, length) = t.Fields[f];
        // An empty span would bind NULL (its pointer is null), so empty text is bound as a string.
        Check(handle, length < 0 ? raw.sqlite3_bind_null(stmt, i) : length == 0 ? raw.sqlite3_bind_text(stmt, i, "")
            : raw.sqlite3_bind_text(stmt, i, t.Bytes.AsSpan(start, length)));
        return this;
    }

    public SqliteStatement Text(int i, byte[] value)
    {
        Check(handle, raw.sqlite3_bind_text(stmt, i, value.AsSpan()));
        return this;
    }

    public SqliteStatement Int(int i, long? value)
    {
        Check(handle, value is { } v ? raw.sqlite3_bind_int64(stmt, i, v) : raw.sqlite3_bind_null(stmt, i));
        return this;
    }

    /// <summary>Binds column <paramref name="column"/> of the row <paramref name="source"/> stands on, with its type.</summary>
    public SqliteStatement Value(int i, SqliteStatement source, int column)
    {
        var from = source.stmt;
        var type = raw.sqlite3_column_type(from, column);
        // Text and blobs are bound from their bytes; an empty one from a span would bind NULL (its pointer is null).
        var bytes = type is raw.SQLITE_TEXT or raw.SQLITE_BLOB ? raw.sqlite3_column_blob(from, column) : default;
        Check(handle, type switch
        {
            raw.SQLITE_INTEGER => raw.sqlite3_bind_int64(stmt, i, raw.sqlite3_column_int64(from, column)),
            raw.SQLITE_FLOAT => raw.sqlite3_bind_double(stmt, i, raw.sqlite3_column_double(from, column)),
            raw.SQLITE_TEXT => bytes.Length == 0 ? raw.sqlite3_bind_text(stmt, i, "") : raw.sqlite3_bind_text(stmt, i, bytes),
            raw.SQLITE_BLOB => bytes.Length == 0 ? raw.sqlite3_bind_zeroblob(stmt, i, 0) : raw.sqlite3_bind_blob(stmt, i, bytes),
            _ => raw.sqlite3_bind_null(stmt, i),
        });
        return this;
    }

    public bool Step()
    {
        var rc = raw.sqlite3_step(stmt);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        raw.sqlite3_reset(stmt);
        Check(handle, rc);
        return false;
    }

    public void Run()
    {
        Step();
        raw.sqlite3_reset(stmt);
    }

    public void Reset() => raw.sqlite3_reset(stmt);

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

    public void Add(long id, SqliteText t) =>
        index.Int(1, id).Text(2, t, SqliteText.IndexTitle).Text(3, t, SqliteText.IndexAbstract).Text(4, t, SqliteText.IndexClaims).Run();

    /// <summary>Removes the entry of a record whose stored (unprepared) text this is.</summary>
    public void Remove(long id, string? title, string? @abstract, string? claims) =>
        unindex.Int(1, id).Text(2, SearchIndex.Prepare(title)).Text(3, SearchIndex.Prepare(@abstract)).Text(4, SearchIndex.Prepare(claims)).Run();

    public void Dispose()
    {
        index.Dispose();
        unindex.Dispose();
    }
}
