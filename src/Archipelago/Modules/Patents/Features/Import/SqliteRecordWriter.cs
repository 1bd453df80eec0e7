using System.Runtime.InteropServices;
using Archipelago.Modules.Patents.Domain;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// Writes staged records straight into the workspace tables of SQLite, once each, inside the caller's transaction:
/// statements are prepared once on the raw handle and bound by position. A new publication is inserted; one already
/// stored (from an earlier import, or earlier in this file — the last row of a publication wins) is updated in place
/// and its applicant and classification links and word-index entry are replaced. <see cref="Created"/> and
/// <see cref="Updated"/> count publications: a publication seen twice in the file counts once. With a
/// <see cref="SeparateWordIndex"/> the word-index entries go to it (in the same order) instead of the workspace's index.
/// </summary>
public sealed class SqliteRecordWriter : IDisposable
{
    const string Columns = "publication_number, jurisdiction, kind, document_type, title, abstract, claims, application_number, " +
        "priority_date, application_date, publication_date, priority_year, application_year, publication_year, family_id, " +
        "applicants, inventors, ipc, cpc, source, imported_at, legal_status";

    readonly sqlite3 handle;
    readonly string now;
    readonly SeparateWordIndex? words;
    readonly SqliteStatement insert, update, find, dropApplicants, dropSymbols;
    // A record's link rows go in one statement each (most records have 1–2 applicants and up to a dozen symbols): one
    // statement per row spent more on starting statements and finding the insert position again than on the rows.
    readonly LinkRows applicantRows, symbolRows;
    // The import's source and time, bound once to the record statements (a binding holds until replaced): unmanaged
    // copies that stay put, so they are bound without a copy.
    readonly FixedUtf8 sourceText, nowText;
    // The workspace's own word index, written here unless a SeparateWordIndex takes the entries.
    readonly WordIndexEntries? entries;

    public long Created { get; private set; }
    public long Updated { get; private set; }

    public SqliteRecordWriter(System.Data.Common.DbConnection connection, string source, string now, SeparateWordIndex? words = null)
    {
        handle = ((SqliteConnection)connection).Handle!;
        (this.now, this.words) = (now, words);
        (sourceText, nowText) = (new FixedUtf8(source), new FixedUtf8(now));
        var values = string.Join(", ", Enumerable.Range(1, 22).Select(i => $"?{i}"));
        insert = new(handle, $"INSERT INTO patents_records ({Columns}) VALUES ({values}) ON CONFLICT (publication_number) DO NOTHING");
        update = new(handle, "UPDATE patents_records SET " +
            string.Join(", ", Columns.Split(", ").Skip(1).Select((c, i) => $"{c} = ?{i + 2}")) + " WHERE publication_number = ?1");
        foreach (var st in new[] { insert, update }) st.Text(20, sourceText.At, (0, sourceText.Length)).Text(21, nowText.At, (0, nowText.Length));
        find = new(handle, "SELECT id, imported_at, title, abstract, claims FROM patents_records WHERE publication_number = ?1");
        dropApplicants = new(handle, "DELETE FROM patents_record_applicants WHERE record_id = ?1");
        dropSymbols = new(handle, "DELETE FROM patents_record_symbols WHERE record_id = ?1");
        applicantRows = new(handle, "patents_record_applicants (record_id, position, applicant, raw_name)", 4);
        symbolRows = new(handle, "patents_record_symbols (record_id, symbol_id)", 2);
        entries = words is null ? new WordIndexEntries(handle) : null;
    }

    public void Write(StagedRecord s)
    {
        var r = s.Record;
        var number = r.PublicationNumber;
        // Stage encodes every record bound for SQLite (a delimited source's text exists only as those bytes).
        var t = s.Utf8 ?? throw new InvalidOperationException($"{number} reached SQLite's writer without its encoded text.");
        var pin = t.Pin();
        try
        {
            var at = pin.AddrOfPinnedObject();
            Bind(insert, s, t, at);
            insert.Run();
            long id;
            if (raw.sqlite3_changes(handle) == 1) { id = raw.sqlite3_last_insert_rowid(handle); Created++; }
            else
            {
                find.Text(1, number);
                if (!find.Step()) throw new InvalidOperationException($"{number} conflicts on insert but is not stored.");
                id = find.Int64(0);
                var sameImport = find.TextAt(1) == now;
                string? title = find.TextAt(2), @abstract = find.TextAt(3), claims = find.TextAt(4);
                find.Reset();
                if (!sameImport) Updated++;
                Bind(update, s, t, at);
                update.Run();
                dropApplicants.Int(1, id).Run();
                dropSymbols.Int(1, id).Run();
                if (words is not null) words.Unindex(id, title, @abstract, claims);
                else entries!.Remove(id, title, @abstract, claims);
            }
            if (words is not null) words.Index(id, t);
            else entries!.Add(id, t);
            var f = SqliteText.Links;
            for (var first = 0; first < s.Links.Count; first += LinkRows.Most)
            {
                var n = Math.Min(LinkRows.Most, s.Links.Count - first);
                var st = applicantRows.For(n);
                for (var i = 0; i < n; i++, f += 2)
                    st.Int(4 * i + 1, id).Int(4 * i + 2, first + i + 1).Text(4 * i + 3, at, t.Fields[f]).Text(4 * i + 4, at, t.Fields[f + 1]);
                st.Run();
            }
            for (var first = 0; first < s.Symbols.Length; first += LinkRows.Most)
            {
                var n = Math.Min(LinkRows.Most, s.Symbols.Length - first);
                var st = symbolRows.For(n);
                for (var i = 0; i < n; i++) st.Int(2 * i + 1, id).Int(2 * i + 2, s.Symbols[first + i]);
                st.Run();
            }
        }
        finally { pin.Free(); }
    }

    /// <summary>Adds the applicants met to the applicant table (names already there keep their display name and kind).</summary>
    public void WriteApplicants(ApplicantsMet applicants)
    {
        using var add = new SqliteStatement(handle, "INSERT INTO patents_applicants (name, display_name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING");
        foreach (var (name, rawName, kind) in applicants.All) add.Text(1, name).Text(2, rawName).Text(3, kind).Run();
    }

    static void Bind(SqliteStatement st, StagedRecord s, SqliteText t, nint at)
    {
        var r = s.Record;
        for (var i = 0; i < SqliteText.RecordFields; i++) st.Text(SqliteText.Columns[i], at, t.Fields[i]);
        st.Int(12, r.PriorityDate?.Year).Int(13, r.ApplicationDate?.Year).Int(14, r.PublicationYear);
    }

    public void Dispose()
    {
        foreach (var st in new[] { insert, update, find, dropApplicants, dropSymbols }) st.Dispose();
        applicantRows.Dispose();
        symbolRows.Dispose();
        entries?.Dispose();
        // After the statements bound to them are finalised.
        foreach (var text in new[] { sourceText, nowText }) text.Dispose();
    }

    /// <summary>Inserts of 1 to <see cref="Most"/> rows into one link table, each prepared when first needed. OR FAIL: a
    /// failing row fails the import, which rolls back whole, so the statement needs no rollback of its own — with the
    /// default (ABORT) SQLite copied every page a many-row statement touched to a statement journal first (986,000
    /// writes for 300,000 records).</summary>
    sealed class LinkRows(sqlite3 handle, string table, int width) : IDisposable
    {
        public const int Most = 16;
        readonly SqliteStatement?[] byRows = new SqliteStatement?[Most + 1];

        public SqliteStatement For(int rows) => byRows[rows] ??= new SqliteStatement(handle, $"INSERT OR FAIL INTO {table} VALUES " +
            string.Join(", ", Enumerable.Range(0, rows).Select(row => "(" + string.Join(", ", Enumerable.Range(row * width + 1, width).Select(p => $"?{p}")) + ")")));

        public void Dispose()
        {
            foreach (var st in byRows) st?.Dispose();
        }
    }

    /// <summary>UTF-8 text in unmanaged memory, for bindings that outlive a pin.</summary>
    sealed class FixedUtf8 : IDisposable
    {
        public nint At { get; }
        public int Length { get; }

        public FixedUtf8(string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            (At, Length) = (Marshal.AllocHGlobal(Math.Max(1, bytes.Length)), bytes.Length);
            Marshal.Copy(bytes, 0, At, bytes.Length);
        }

        public void Dispose() => Marshal.FreeHGlobal(At);
    }
}

/// <summary>
/// The text of a staged record as SQLite's writer binds it, as UTF-8 in one array: the record's columns, the word
/// index's text, then two fields per applicant link (name, as written). Made on the reading thread, so the writing
/// thread only binds bytes.
/// </summary>
public sealed class SqliteText
{
    /// <summary>The statement parameter of each record field, in field order (12–14 are the years, 20–21 the import's own).</summary>
    internal static readonly int[] Columns = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22];
    internal const int RecordFields = 17, IndexTitle = 17, IndexAbstract = 18, IndexClaims = 19, Links = 20;
    const int Title = 4; // title, abstract and claims are fields 4–6, in the index fields' order

    internal byte[] Bytes { get; }
    /// <summary>Start and length of each field in <see cref="Bytes"/>; length -1 for null.</summary>
    internal (int Start, int Length)[] Fields { get; }

    SqliteText(byte[] bytes, (int, int)[] fields) => (Bytes, Fields) = (bytes, fields);

    /// <summary>Pins <see cref="Bytes"/> for bindings that take no copy; freed once the statements bound from it have run.</summary>
    internal GCHandle Pin() => GCHandle.Alloc(Bytes, GCHandleType.Pinned);

    // The reading thread's buffer: a record's text is encoded into it in one pass, then copied out at its exact size.
    [ThreadStatic] static byte[]? scratch;

    /// <summary>The record's text; its title, abstract, claims and joined symbols from <paramref name="text"/> when the
    /// source gave them as bytes.</summary>
    public static SqliteText Of(StagedRecord s, RecordText? text)
    {
        var r = s.Record;
        var fields = new (int Start, int Length)[Links + 2 * s.Links.Count];
        var buffer = scratch ??= new byte[1 << 14];
        var at = 0;
        Put(0, r.PublicationNumber); Put(1, r.Jurisdiction); Put(2, r.Kind); Put(3, r.DocumentType);
        if (text is null) { Put(Title, r.Title); Put(Title + 1, r.Abstract); Put(Title + 2, r.Claims); }
        else { Bytes(Title, RecordText.Title); Bytes(Title + 1, RecordText.Abstract); Bytes(Title + 2, RecordText.Claims); }
        Put(7, r.ApplicationNumber);
        Date(8, r.PriorityDate); Date(9, r.ApplicationDate); Date(10, r.PublicationDate); Put(11, r.FamilyId);
        Join(12, r.Applicants, name => name); Join(13, r.Inventors, name => name);
        if (text is null) { Join(14, r.Ipc, code => code.Code); Join(15, r.Cpc, code => code.Code); }
        else { Bytes(14, RecordText.Ipc); Bytes(15, RecordText.Cpc); }
        Put(16, r.LegalStatus);
        // Text without CJK characters is indexed as stored: the index fields then share the record's bytes.
        Index(IndexTitle, s.IndexTitle); Index(IndexAbstract, s.IndexAbstract); Index(IndexClaims, s.IndexClaims);
        for (var i = 0; i < s.Links.Count; i++) { Put(Links + 2 * i, s.Links[i].Name); Put(Links + 2 * i + 1, s.Links[i].Raw); }
        return new SqliteText(buffer.AsSpan(0, at).ToArray(), fields);

        void Put(int field, string? text)
        {
            if (text is null) { fields[field] = (0, -1); return; }
            var start = at;
            Append(text);
            fields[field] = (start, at - start);
        }

        void Bytes(int field, int part)
        {
            if (text!.IsNull(part)) { fields[field] = (0, -1); return; }
            var bytes = text[part];
            Room(bytes.Length);
            bytes.CopyTo(buffer.AsSpan(at));
            fields[field] = (at, bytes.Length);
            at += bytes.Length;
        }

        void Append(string text)
        {
            Room(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
            at += System.Text.Encoding.UTF8.GetBytes(text, buffer.AsSpan(at));
        }

        // As PatentDate.Iso, written as bytes.
        void Date(int field, DateOnly? date)
        {
            if (date is not { } d) { fields[field] = (0, -1); return; }
            Room(16);
            d.TryFormat(buffer.AsSpan(at), out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            fields[field] = (at, n);
            at += n;
        }

        void Room(int most)
        {
            if (at + most <= buffer.Length) return;
            Array.Resize(ref buffer, Math.Max(2 * buffer.Length, at + most));
            scratch = buffer;
        }

        // As the joins of StagedRecord: parts separated by StagedRecord.Separator, "" for none.
        void Join<T>(int field, IReadOnlyList<T> parts, Func<T, string> spelling)
        {
            var start = at;
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0) Append(StagedRecord.Separator);
                Append(spelling(parts[i]));
            }
            fields[field] = (start, at - start);
        }

        void Index(int field, string? prepared)
        {
            if (prepared is null) fields[field] = fields[field - IndexTitle + Title];
            else Put(field, prepared);
        }
    }
}
