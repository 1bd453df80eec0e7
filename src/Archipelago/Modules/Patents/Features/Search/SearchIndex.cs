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

    /// <summary>False when UTF-8 text surely holds no CJK character (<see cref="Prepare"/> would leave it unchanged): every
    /// one lies above U+303F, and is written with a first byte of 0xE3 or more.</summary>
    public static bool MayHoldCjk(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyInRange((byte)0xE3, (byte)0xFF) >= 0;

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

    /// <summary>The PostgreSQL tsquery for one lower-cased query word — its <see cref="Words"/> as a phrase, the last one a
    /// prefix, as <see cref="Query"/> on SQLite — or null when it has no word to look up, or one too long for the index
    /// (the caller scans). The index holds the same lexemes (<see cref="WordVector"/>), so the query is cast to tsquery
    /// as it stands rather than parsed again by PostgreSQL.</summary>
    public static string? PostgresQuery(string word)
    {
        var tokens = new List<string>();
        foreach (var w in Words(word))
        {
            if (System.Text.Encoding.UTF8.GetByteCount(w) >= WordVector.MaxLexemeBytes) return null;
            tokens.Add("'" + w.Replace("\\", "\\\\").Replace("'", "''") + "'");
        }
        return tokens.Count == 0 ? null : string.Join(" <-> ", tokens) + ":*";
    }

    /// <summary>
    /// The words of a text in order, as PostgreSQL's word index keeps them (<see cref="WordVector"/>) and its queries
    /// look them up: runs of letters, digits and combining marks, lower-cased, with Latin, Greek and Cyrillic diacritics
    /// removed (é → e, as SQLite's unicode61 remove_diacritics 2 does); every other character separates words
    /// (hyphens, slashes, full stops, @, apostrophes, spaces, symbols); each Chinese, Japanese or Korean character
    /// (<see cref="IsCjk(int)"/>) is a word of its own.
    /// </summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var s = text.AsSpan();
        for (var i = 0; NextWord(s, ref i, out var start, out var length);)
            if (Lexeme(s.Slice(start, length)) is { Length: > 0 } w) words.Add(w);
        return words;
    }

    /// <summary>Chinese, Japanese and Korean scripts, written without spaces between words (the ranges of <see cref="IsCjk(char)"/>).</summary>
    public static bool IsCjk(int codePoint) => codePoint is >= 0x3040 and <= 0x30FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
        or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    static bool IsWordPart(Rune r) => Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.UppercaseLetter
        or System.Globalization.UnicodeCategory.LowercaseLetter or System.Globalization.UnicodeCategory.TitlecaseLetter
        or System.Globalization.UnicodeCategory.ModifierLetter or System.Globalization.UnicodeCategory.OtherLetter
        or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.NonSpacingMark
        or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>Finds the next word of <paramref name="s"/> from <paramref name="i"/> on (its raw characters, not yet
    /// lower-cased) and moves <paramref name="i"/> past it.</summary>
    internal static bool NextWord(ReadOnlySpan<char> s, ref int i, out int start, out int length)
    {
        start = length = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(c)) break;
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(s[i..], out var r, out var n) != System.Buffers.OperationStatus.Done) { i++; continue; }
            if (IsCjk(r.Value)) { start = i; length = n; i += n; return true; }
            if (IsWordPart(r)) break;
            i += n;
        }
        if (i >= s.Length) return false;
        start = i;
        while (i < s.Length)
        {
            var c = s[i];
            if (c < 0x80)
            {
                if (!char.IsAsciiLetterOrDigit(c)) break;
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(s[i..], out var r, out var n) != System.Buffers.OperationStatus.Done || IsCjk(r.Value) || !IsWordPart(r)) break;
            i += n;
        }
        length = i - start;
        return true;
    }

    /// <summary>A word as the index keeps it: lower case, diacritics of Latin, Greek and Cyrillic letters removed
    /// (empty when the word was only such marks).</summary>
    internal static string Lexeme(ReadOnlySpan<char> raw)
    {
        var ascii = true;
        foreach (var c in raw) if (c >= 0x80) { ascii = false; break; }
        if (ascii) return string.Create(raw.Length, raw, static (d, r) => System.Text.Ascii.ToLower(r, d, out _));
        // A CJK character stays as written: decomposition would turn a compatibility ideograph into another character.
        if (Rune.DecodeFromUtf16(raw, out var first, out var n) == System.Buffers.OperationStatus.Done && n == raw.Length && IsCjk(first.Value))
            return raw.ToString();
        var lower = raw.ToString().ToLowerInvariant();
        var d = lower.Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(d.Length);
        foreach (var c in d) if (c is < '\u0300' or > '\u036F') b.Append(c);
        return b.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Indexes one record; the values must be the ones stored, so the entry can be deleted again.</summary>
    public const string InsertSql = "INSERT INTO patents_search (rowid, title, abstract, claims) VALUES (?1, ?2, ?3, ?4)";

    /// <summary>Removes a record's entry (a contentless index must be told the text it indexed).</summary>
    public const string DeleteSql = "INSERT INTO patents_search (patents_search, rowid, title, abstract, claims) VALUES ('delete', ?1, ?2, ?3, ?4)";

    /// <summary>Indexes every record when the index is marked stale (SQLite after migration 0005, PostgreSQL after
    /// 0018), inside the caller's write transaction.</summary>
    public static async Task RefreshAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        // PostgreSQL: one refresh at a time; a second caller waits here and then finds nothing stale.
        if (c is Npgsql.NpgsqlConnection) await c.ExecuteAsync("LOCK TABLE patents_search_stale IN SHARE ROW EXCLUSIVE MODE", transaction: tx);
        if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_search_stale)", transaction: tx)) return;
        if (c is Npgsql.NpgsqlConnection npg) await RefreshPostgresAsync(npg, tx, ct);
        else await RefreshSqliteAsync(c, tx, ct);
        await c.ExecuteAsync("DELETE FROM patents_search_stale", transaction: tx);
    }

    static async Task RefreshSqliteAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
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
    }

    /// <summary>PostgreSQL: the word vectors of every record again, a batch of records at a time (a connection reads
    /// or copies, not both at once).</summary>
    static async Task RefreshPostgresAsync(Npgsql.NpgsqlConnection c, DbTransaction tx, CancellationToken ct)
    {
        await c.ExecuteAsync("CREATE TEMP TABLE patents_words_again (id BIGINT NOT NULL, words tsvector NOT NULL) ON COMMIT DROP", transaction: tx);
        var words = new WordVector();
        long last = 0;
        while (true)
        {
            var batch = (await c.QueryAsync<(long Id, string? Title, string? Abstract, string? Claims)>(
                "SELECT id, title, abstract, claims FROM patents_records WHERE id > @last ORDER BY id LIMIT 10000", new { last }, tx)).ToList();
            if (batch.Count == 0) break;
            await using (var copy = await c.BeginBinaryImportAsync("COPY patents_words_again (id, words) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var r in batch)
                {
                    words.Clear();
                    words.Add(r.Title);
                    words.Add(r.Abstract);
                    words.Add(r.Claims);
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(words.Binary(), NpgsqlTypes.NpgsqlDbType.Bytea, ct);
                }
                await copy.CompleteAsync(ct);
            }
            last = batch[^1].Id;
        }
        await c.ExecuteAsync("UPDATE patents_records r SET words = w.words FROM patents_words_again w WHERE r.id = w.id", transaction: tx, commandTimeout: 0);
    }

    /// <summary>Brings a stale index up to date before a text query (a no-op once done).</summary>
    public static async Task EnsureAsync(Database db, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_search_stale)")) return;
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await RefreshAsync(c, tx, ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>
/// The words of one record as PostgreSQL's word index stores them (migration 0018): the tsvector of title, abstract and
/// claims, computed by the importer with <see cref="SearchIndex.Words"/>' rules, so queries (<see cref="SearchIndex.PostgresQuery"/>)
/// and the index cannot disagree, and the server only receives it — parsing the text there cost most of a PostgreSQL
/// import. Written in tsvector's binary COPY format (PostgreSQL's tsvectorrecv): the number of lexemes, then per
/// lexeme in byte order its UTF-8 text, a zero byte, the number of positions and the positions, big-endian.
/// PostgreSQL's limits hold for any text, as to_tsvector keeps them: words of 2047 bytes or more are left out (and take
/// no position), positions past 16383 count as 16383, a lexeme keeps its first 255 positions, and a record's lexemes
/// stop (in byte order) before the vector would pass 1 MB. One instance per thread, reused record after record.
/// </summary>
public sealed class WordVector
{
    /// <summary>PostgreSQL's MAXSTRLEN: no lexeme is this long (to_tsvector skips such words).</summary>
    public const int MaxLexemeBytes = 2047;
    const int LastPosition = 16383; // MAXENTRYPOS - 1
    const int MaxPositions = 255; // MAXNUMPOS - 1, as to_tsvector keeps
    const int MaxBytes = (1 << 20) - 1; // MAXSTRPOS

    sealed class Entry(string text)
    {
        public readonly string Text = text;
        public readonly byte[] Utf8 = Encoding.UTF8.GetBytes(text);
        // The first 8 bytes, big-endian: most lexemes are told apart by one integer comparison. A lexeme has no zero
        // byte, so the padding of a shorter one sorts it first, as the byte comparison does.
        public readonly ulong Prefix = PrefixOf(text);
        public int Record = -1;
        public ushort[] Positions = new ushort[2];
        public int Count;
    }

    static ulong PrefixOf(string text)
    {
        Span<byte> first = stackalloc byte[8];
        first.Clear();
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(8, bytes.Length)).CopyTo(first);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(first);
    }

    // A struct comparer, so the sort of each record's lexemes is specialised for it (the sort is a good part of the cost).
    readonly struct ByteOrder : IComparer<Entry>
    {
        public int Compare(Entry? a, Entry? b) =>
            a!.Prefix != b!.Prefix ? a.Prefix.CompareTo(b.Prefix) : a.Utf8.AsSpan().SequenceCompareTo(b.Utf8);
    }

    // The spellings met are looked up by span for every word of every record: a plain FNV-1a hash of the characters
    // is several times cheaper than the randomised string hash, and the table is bounded (an import's own text).
    sealed class Spelling : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly Spelling Comparer = new();
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
        public int GetHashCode(string s) => GetHashCode(s.AsSpan());
        public bool Equals(ReadOnlySpan<char> span, string other) => span.SequenceEqual(other);
        public string Create(ReadOnlySpan<char> span) => span.ToString();
        public int GetHashCode(ReadOnlySpan<char> span)
        {
            var h = 2166136261u;
            foreach (var c in span) h = (h ^ c) * 16777619u;
            return (int)h;
        }
    }

    // Raw spelling → entry, and lexeme → entry (two spellings of one lexeme share it); bounded, cleared between records.
    readonly Dictionary<string, Entry> spellings = new(Spelling.Comparer);
    readonly Dictionary<string, Entry> lexemes = new(StringComparer.Ordinal);
    readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> spelled;
    Entry[] used = new Entry[64];
    int count, record, position;
    byte[] buffer = new byte[4096];

    public WordVector() => spelled = spellings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Starts the next record's vector.</summary>
    public void Clear()
    {
        record++;
        count = 0;
        position = 0;
        if (spellings.Count > 500_000) { spellings.Clear(); lexemes.Clear(); }
    }

    /// <summary>Adds the words of one more text of the record (title, abstract, claims in turn; positions go on).</summary>
    public void Add(string? text)
    {
        if (text is null) return;
        var s = text.AsSpan();
        for (var i = 0; SearchIndex.NextWord(s, ref i, out var start, out var length);)
        {
            var raw = s.Slice(start, length);
            if (!spelled.TryGetValue(raw, out var e))
            {
                var lexeme = SearchIndex.Lexeme(raw);
                if (!lexemes.TryGetValue(lexeme, out e)) lexemes[lexeme] = e = new Entry(lexeme);
                spellings[raw.ToString()] = e;
            }
            if (e.Utf8.Length is 0 or >= MaxLexemeBytes) continue;
            var p = (ushort)Math.Min(++position, LastPosition);
            if (e.Record != record)
            {
                e.Record = record;
                e.Count = 0;
                if (count == used.Length) Array.Resize(ref used, count * 2);
                used[count++] = e;
            }
            if (e.Count == MaxPositions || e.Count > 0 && e.Positions[e.Count - 1] == p) continue;
            if (e.Count == e.Positions.Length) Array.Resize(ref e.Positions, e.Count * 2);
            e.Positions[e.Count++] = p;
        }
    }

    /// <summary>The record's vector in tsvector's binary format (valid until the next <see cref="Clear"/>).</summary>
    public ArraySegment<byte> Binary()
    {
        used.AsSpan(0, count).Sort(new ByteOrder());
        int kept = 0, size = 4, budget = 0;
        for (; kept < count; kept++)
        {
            var e = used[kept];
            budget += e.Utf8.Length + 1 + 4 * (e.Count + 1); // as PostgreSQL counts it, with room for alignment
            if (budget > MaxBytes) break;
            size += e.Utf8.Length + 3 + 2 * e.Count;
        }
        if (buffer.Length < size) buffer = new byte[Math.Max(size, buffer.Length * 2)];
        var span = buffer.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(span, kept);
        var at = 4;
        for (var i = 0; i < kept; i++)
        {
            var e = used[i];
            e.Utf8.CopyTo(span[at..]);
            at += e.Utf8.Length;
            span[at++] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)e.Count);
            at += 2;
            for (var j = 0; j < e.Count; j++, at += 2) System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(span[at..], e.Positions[j]);
        }
        return new ArraySegment<byte>(buffer, 0, at);
    }

    /// <summary>The record's vector in tsvector's text form (<c>'lexeme':1,5 'other':2</c>; quotes and backslashes
    /// doubled), as PostgreSQL prints it.</summary>
    public override string ToString()
    {
        var bytes = Binary();
        var b = new StringBuilder();
        var kept = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes);
        for (var i = 0; i < kept; i++)
        {
            var e = used[i];
            if (i > 0) b.Append(' ');
            b.Append('\'').Append(e.Text.Replace("\\", "\\\\").Replace("'", "''")).Append('\'');
            for (var j = 0; j < e.Count; j++) b.Append(j == 0 ? ':' : ',').Append(e.Positions[j]);
        }
        return b.ToString();
    }
}
