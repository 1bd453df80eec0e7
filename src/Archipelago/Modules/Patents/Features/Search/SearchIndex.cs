using System.Data.Common;
using System.Text;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Search;

/// <summary>
/// The SQLite word index of titles, abstracts and claims (migration 0005): FTS5 unicode61 splits Latin, Greek, Cyrillic…
/// text into words and folds case and diacritics; Chinese, Japanese and Korean, written without spaces, are indexed one
/// character per token — <see cref="Prepare"/> spaces them out at index time and <see cref="Query"/> turns a query word
/// into the phrase of its characters, so 抗体 matches 单克隆抗体 and nothing that merely contains 抗 and 体 apart.
/// A Latin query word matches words that start with it (<c>antibod</c> finds antibody and antibodies). PostgreSQL has
/// the same kind of index (migration 0015: a tsvector GIN index, 'simple' configuration) and <see cref="PostgresQuery"/>.
/// </summary>
public static class SearchIndex
{
    /// <summary>Ideographs and syllables that are written without spaces between words.</summary>
    public static bool IsCjk(char ch) => ch is >= '\u3040' and <= '\u30FF' // hiragana, katakana
        or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs and extension A
        or >= '\uAC00' and <= '\uD7AF' // Hangul syllables
        or >= '\uF900' and <= '\uFAFF' // compatibility ideographs
        or >= '\uD840' and <= '\uD87F'; // high surrogates of the supplementary ideograph planes (extension B onwards)

    /// <summary>The text as the index sees it: unchanged unless it holds CJK characters, which are set apart by spaces.</summary>
    public static string? Prepare(string? text)
    {
        if (text is null) return null;
        // Every CJK character lies above U+303F: a vectorised search skips the runs below it (all of a Latin text).
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAnyExceptInRange('\0', '\u303F');
            if (next < 0) { i = text.Length; break; }
            i += next;
            if (IsCjk(text[i])) break;
            i++;
        }
        if (i == text.Length) return text;
        var b = new StringBuilder(text.Length * 2);
        b.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (!IsCjk(ch)) { b.Append(ch); continue; }
            b.Append(' ').Append(ch);
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length) b.Append(text[++i]);
            b.Append(' ');
        }
        return b.ToString();
    }

    /// <summary>The FTS5 query for one lower-cased query word — a phrase whose last token may be a prefix — or null
    /// when the word has no letter or digit for the index to look up (the caller scans instead).</summary>
    public static string? Query(string word)
    {
        if (!word.Any(char.IsLetterOrDigit)) return null;
        return "\"" + Prepare(word)!.Replace("\"", "\"\"") + "\"*";
    }

    /// <summary>The PostgreSQL tsquery for one lower-cased query word — its words and CJK characters as a phrase, the last
    /// one a prefix, as <see cref="Query"/> on SQLite — or null when it has no letter or digit (the caller scans).
    /// Separators inside the word (hyphens, slashes, punctuation) split it, as the index function splits the text.</summary>
    public static string? PostgresQuery(string word)
    {
        var tokens = new List<string>();
        var b = new StringBuilder();
        foreach (var ch in Prepare(word)!)
        {
            if (char.IsLetterOrDigit(ch) || char.IsSurrogate(ch) || char.GetUnicodeCategory(ch) is System.Globalization.UnicodeCategory.NonSpacingMark) { b.Append(ch); continue; }
            if (b.Length > 0) { tokens.Add(b.ToString()); b.Clear(); }
        }
        if (b.Length > 0) tokens.Add(b.ToString());
        if (tokens.Count == 0) return null;
        return string.Join(" <-> ", tokens.Select(t => "'" + t + "'")) + ":*";
    }

    /// <summary>Indexes one record; the values must be the ones stored, so the entry can be deleted again.</summary>
    public const string InsertSql = "INSERT INTO patents_search (rowid, title, abstract, claims) VALUES (?1, ?2, ?3, ?4)";

    /// <summary>Removes a record's entry (a contentless index must be told the text it indexed).</summary>
    public const string DeleteSql = "INSERT INTO patents_search (patents_search, rowid, title, abstract, claims) VALUES ('delete', ?1, ?2, ?3, ?4)";

    /// <summary>Indexes every record when the index is marked stale (after migration 0005), inside the caller's write
    /// transaction. SQLite only.</summary>
    public static async Task RefreshAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_search_stale)", transaction: tx)) return;
        await c.ExecuteAsync("INSERT INTO patents_search (patents_search) VALUES ('delete-all')", transaction: tx);
        await using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO patents_search (rowid, title, abstract, claims) VALUES (@id, @title, @abstract, @claims)";
        var parameters = new[] { "@id", "@title", "@abstract", "@claims" }.Select(n =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = n;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        await using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT id, title, abstract, claims FROM patents_records";
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                parameters[0].Value = r.GetInt64(0);
                for (var i = 1; i < 4; i++) parameters[i].Value = r.IsDBNull(i) ? DBNull.Value : Prepare(r.GetString(i));
                await insert.ExecuteNonQueryAsync(ct);
            }
        await c.ExecuteAsync("DELETE FROM patents_search_stale", transaction: tx);
    }

    /// <summary>Brings a stale index up to date before a text query (a no-op on PostgreSQL and once done).</summary>
    public static async Task EnsureAsync(Database db, CancellationToken ct)
    {
        if (db.Dialect.Name != SqlDialect.Sqlite.Name) return;
        await using var c = await db.OpenAsync(ct);
        if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_search_stale)")) return;
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await RefreshAsync(c, tx, ct);
        await tx.CommitAsync(ct);
    }
}
