using System.Globalization;
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
    readonly string source, now;
    readonly SeparateWordIndex? words;
    readonly SqliteStatement insert, update, find, dropApplicants, dropClasses, addApplicant, addClass;
    // The workspace's own word index, written here unless a SeparateWordIndex takes the entries.
    readonly WordIndexEntries? entries;

    public long Created { get; private set; }
    public long Updated { get; private set; }

    public SqliteRecordWriter(System.Data.Common.DbConnection connection, string source, string now, SeparateWordIndex? words = null)
    {
        handle = ((SqliteConnection)connection).Handle!;
        (this.source, this.now, this.words) = (source, now, words);
        var values = string.Join(", ", Enumerable.Range(1, 22).Select(i => $"?{i}"));
        insert = new(handle, $"INSERT INTO patents_records ({Columns}) VALUES ({values}) ON CONFLICT (publication_number) DO NOTHING");
        update = new(handle, "UPDATE patents_records SET " +
            string.Join(", ", Columns.Split(", ").Skip(1).Select((c, i) => $"{c} = ?{i + 2}")) + " WHERE publication_number = ?1");
        find = new(handle, "SELECT id, imported_at, title, abstract, claims FROM patents_records WHERE publication_number = ?1");
        dropApplicants = new(handle, "DELETE FROM patents_record_applicants WHERE record_id = ?1");
        dropClasses = new(handle, "DELETE FROM patents_record_classes WHERE record_id = ?1");
        addApplicant = new(handle, "INSERT INTO patents_record_applicants (record_id, position, applicant, raw_name) VALUES (?1, ?2, ?3, ?4)");
        addClass = new(handle, "INSERT INTO patents_record_classes (record_id, scheme, code, subclass, main_group) VALUES (?1, ?2, ?3, ?4, ?5)");
        entries = words is null ? new WordIndexEntries(handle) : null;
    }

    public void Write(StagedRecord s)
    {
        var r = s.Record;
        var number = r.PublicationNumber;
        var t = s.Utf8 ?? SqliteText.Of(s);
        Bind(insert, s, t);
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
            Bind(update, s, t);
            update.Run();
            dropApplicants.Int(1, id).Run();
            dropClasses.Int(1, id).Run();
            if (words is not null) words.Unindex(id, title, @abstract, claims);
            else entries!.Remove(id, title, @abstract, claims);
        }
        if (words is not null) words.Index(id, t);
        else entries!.Add(id, t);
        var f = SqliteText.Links;
        for (var i = 0; i < s.Links.Count; i++, f += 2)
            addApplicant.Int(1, id).Int(2, i + 1).Text(3, t, f).Text(4, t, f + 1).Run();
        foreach (var _ in r.Ipc) { addClass.Int(1, id).Text(2, Ipc).Text(3, t, f).Text(4, t, f + 1).Text(5, t, f + 2).Run(); f += 3; }
        foreach (var _ in r.Cpc) { addClass.Int(1, id).Text(2, Cpc).Text(3, t, f).Text(4, t, f + 1).Text(5, t, f + 2).Run(); f += 3; }
    }

    static readonly byte[] Ipc = "ipc"u8.ToArray(), Cpc = "cpc"u8.ToArray();

    /// <summary>Adds the applicants met to the applicant table (names already there keep their display name and kind).</summary>
    public void WriteApplicants(ApplicantsMet applicants)
    {
        using var add = new SqliteStatement(handle, "INSERT INTO patents_applicants (name, display_name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING");
        foreach (var (name, rawName, kind) in applicants.All) add.Text(1, name).Text(2, rawName).Text(3, kind).Run();
    }

    void Bind(SqliteStatement st, StagedRecord s, SqliteText t)
    {
        var r = s.Record;
        for (var i = 0; i < SqliteText.RecordFields; i++) st.Text(SqliteText.Columns[i], t, i);
        st.Int(12, r.PriorityDate?.Year).Int(13, r.ApplicationDate?.Year).Int(14, r.PublicationYear).Text(20, source).Text(21, now).Text(22, r.LegalStatus);
    }

    public void Dispose()
    {
        foreach (var st in new[] { insert, update, find, dropApplicants, dropClasses, addApplicant, addClass }) st.Dispose();
        entries?.Dispose();
    }
}

/// <summary>
/// The text of a staged record as SQLite's writer binds it, as UTF-8 in one array: the record's columns, the word
/// index's text, then two fields per applicant link (name, as written) and three per classification symbol (code,
/// subclass, main group; IPC first, then CPC). Made on the reading thread, so the writing thread only copies bytes.
/// </summary>
public sealed class SqliteText
{
    /// <summary>The statement parameter of each record field, in field order (12–14 are the years, 20–21 the import's own, 22 the legal status).</summary>
    internal static readonly int[] Columns = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19];
    internal const int RecordFields = 16, IndexTitle = 16, IndexAbstract = 17, IndexClaims = 18, Links = 19;
    const int Title = 4; // title, abstract and claims are fields 4–6, in the index fields' order

    internal byte[] Bytes { get; }
    /// <summary>Start and length of each field in <see cref="Bytes"/>; length -1 for null.</summary>
    internal (int Start, int Length)[] Fields { get; }

    SqliteText(byte[] bytes, (int, int)[] fields) => (Bytes, Fields) = (bytes, fields);

    public static SqliteText Of(StagedRecord s)
    {
        var r = s.Record;
        var texts = new List<string?>(Links + 2 * s.Links.Count + 3 * (r.Ipc.Count + r.Cpc.Count))
        {
            r.PublicationNumber, r.Jurisdiction, r.Kind, r.DocumentType, r.Title, r.Abstract, r.Claims, r.ApplicationNumber,
            Iso(r.PriorityDate), Iso(r.ApplicationDate), Iso(r.PublicationDate), r.FamilyId, s.Applicants, s.Inventors, s.Ipc, s.Cpc,
            s.IndexTitle, s.IndexAbstract, s.IndexClaims,
        };
        foreach (var link in s.Links) { texts.Add(link.Name); texts.Add(link.Raw); }
        foreach (var code in r.Ipc) { texts.Add(code.Code); texts.Add(code.Subclass); texts.Add(code.MainGroupCode); }
        foreach (var code in r.Cpc) { texts.Add(code.Code); texts.Add(code.Subclass); texts.Add(code.MainGroupCode); }
        // Text without CJK characters is indexed as stored: the index fields then share the record's bytes.
        bool Shared(int i) => i is >= IndexTitle and <= IndexClaims && ReferenceEquals(texts[i], texts[i - IndexTitle + Title]);
        var size = 0;
        for (var i = 0; i < texts.Count; i++)
            if (texts[i] is { } text && !Shared(i)) size += System.Text.Encoding.UTF8.GetByteCount(text);
        var bytes = new byte[size];
        var fields = new (int, int)[texts.Count];
        var at = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is not { } text) fields[i] = (0, -1);
            else if (Shared(i)) fields[i] = fields[i - IndexTitle + Title];
            else
            {
                var n = System.Text.Encoding.UTF8.GetBytes(text, bytes.AsSpan(at));
                fields[i] = (at, n);
                at += n;
            }
        }
        return new SqliteText(bytes, fields);
    }

    static string? Iso(DateOnly? d) => d is { } v ? PatentDate.Iso(v) : null;
}
