using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Search;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>A record as a source reads it: its row (or document) in the file and, when the source numbered its
/// classification symbols as it parsed them (delimited files and workbooks), their numbers as
/// <see cref="SymbolIds.Of(PatentRecord)"/> gives them — IPC, then CPC; null when it did not.
/// When the import asked for the text as bytes (SQLite's writer binds UTF-8), a delimited source leaves the record's title,
/// abstract and claims null and gives them in <paramref name="Text"/> instead, with the joined symbols — valid only until
/// the next record is read.</summary>
public readonly record struct SourceRecord(int Row, PatentRecord Record, long[]? Symbols = null, RecordText? Text = null);

/// <summary>The title, abstract and claims of a delimited source's current row as UTF-8, as the file spells them (each
/// trimmed; null when the cell holds no value), and its IPC and CPC symbols joined as stored (<see cref="StagedRecord.Ipc"/>):
/// SQLite's writer takes these bytes, so no string is made of them and encoded again. A view into the source's buffers,
/// one per source and refilled for every row: read it before asking for the next record.</summary>
public sealed class RecordText
{
    public const int Title = 0, Abstract = 1, Claims = 2, Ipc = 3, Cpc = 4;
    CsvCells row = null!;
    readonly (int Cell, int Start, int Length)[] cells = new (int, int, int)[3]; // length -1: null
    readonly System.Buffers.ArrayBufferWriter<byte> ipc, cpc;

    internal RecordText(System.Buffers.ArrayBufferWriter<byte> ipc, System.Buffers.ArrayBufferWriter<byte> cpc) => (this.ipc, this.cpc) = (ipc, cpc);

    /// <summary>Points <paramref name="field"/> at <paramref name="text"/>, a part of cell <paramref name="cell"/> of
    /// <paramref name="of"/> (null when the cell holds no value).</summary>
    internal void Set(int field, CsvCells of, int cell, bool present, ReadOnlySpan<byte> text)
    {
        row = of;
        if (!present) { cells[field] = (cell, 0, -1); return; }
        of[cell].Overlaps(text, out var start);
        cells[field] = (cell, start, text.Length);
    }

    public bool IsNull(int field) => field < Ipc && cells[field].Length < 0;

    public ReadOnlySpan<byte> this[int field] => field switch
    {
        Ipc => ipc.WrittenSpan,
        Cpc => cpc.WrittenSpan,
        _ => IsNull(field) ? default : row[cells[field].Cell].Slice(cells[field].Start, cells[field].Length),
    };

    public string? Decode(int field) => IsNull(field) ? null : Utf8Text.Decode(this[field]);
}

/// <summary>An applicant of a record as stored: normalised name (after reviewed aliases), the name as written, and its kind.</summary>
public readonly record struct ApplicantLink(string Name, string Raw, string Kind);

/// <summary>A record ready to store: its applicants normalised and classified, the numbers of its classification
/// symbols (<see cref="SymbolIds.Of"/>: IPC, then CPC), and (SQLite) the text the word index takes where it differs
/// from the stored text (CJK characters set apart; null: as stored) and every text the writer binds, as UTF-8
/// (<see cref="Utf8"/>). The multi-valued fields joined for display are made when asked (PostgreSQL's staging rows):
/// SQLite's <see cref="SqliteText"/> writes the joined bytes without making the strings.</summary>
public sealed record StagedRecord(PatentRecord Record, IReadOnlyList<ApplicantLink> Links, long[] Symbols,
    string? IndexTitle, string? IndexAbstract, string? IndexClaims)
{
    /// <summary>What joins the parts of a multi-valued field as stored (and as a Lens export writes them).</summary>
    public const string Separator = ";;";

    public string Applicants => string.Join(Separator, Record.Applicants);
    public string Inventors => string.Join(Separator, Record.Inventors);
    public string Ipc => string.Join(Separator, Record.Ipc.Select(x => x.Code));
    public string Cpc => string.Join(Separator, Record.Cpc.Select(x => x.Code));

    public SqliteText? Utf8 { get; private set; }

    /// <summary>Encodes <see cref="Utf8"/> (on the reading thread: SQLite's writer is the import's bottleneck), with the
    /// source's text of the record when it gave it as bytes.</summary>
    internal void Encode(RecordText? text) => Utf8 = SqliteText.Of(this, text);
}

/// <summary>
/// Normalises the applicants of the records of one import (docs/patents.md, rule set of <see cref="ApplicantName"/>):
/// a name is normalised, replaced by its reviewed alias, counted once per record however many spellings it has there,
/// and classed as university, company (a legal form in the raw name), individual (also an inventor of the record) or
/// other. Each distinct spelling is normalised once per import.
/// </summary>
public sealed class ApplicantNormaliser(IReadOnlyDictionary<string, string> aliases)
{
    readonly Dictionary<string, (string Name, bool Company)> seen = new(StringComparer.Ordinal);

    (string Name, bool Company) Lookup(string raw)
    {
        if (seen.TryGetValue(raw, out var v)) return v;
        if (seen.Count >= 200_000) seen.Clear(); // bounded: memory stays flat on files of only distinct names
        return seen[raw] = (ApplicantName.Normalise(raw), ApplicantName.LooksLikeCompany(raw));
    }

    /// <summary>The record staged with its applicants' links; with <paramref name="indexText"/> (SQLite) also its word-index
    /// text and the bytes the writer binds, taking title, abstract, claims and joined symbols from <paramref name="text"/>
    /// when the source gave them as bytes.</summary>
    public StagedRecord Stage(PatentRecord r, long[] symbols, bool indexText, RecordText? text = null)
    {
        var links = new List<ApplicantLink>(r.Applicants.Count);
        foreach (var raw in r.Applicants)
        {
            var (name, company) = Lookup(raw);
            if (name.Length == 0) continue;
            if (aliases.TryGetValue(name, out var canonical)) name = canonical;
            if (Holds(links, name)) continue; // two spellings of one applicant on one record count once
            var kind = ApplicantName.LooksLikeUniversity(name) ? "university" : company ? "company" : IsInventor(r, name) ? "individual" : "other";
            links.Add(new ApplicantLink(name, raw, kind));
        }
        if (!indexText) return new StagedRecord(r, links, symbols, null, null, null);
        var staged = new StagedRecord(r, links, symbols, Indexed(r.Title, text, RecordText.Title), Indexed(r.Abstract, text, RecordText.Abstract),
            Indexed(r.Claims, text, RecordText.Claims));
        staged.Encode(text);
        return staged;
    }

    /// <summary>The text the word index takes where it differs from the stored text; null where it is the same.</summary>
    static string? Indexed(string? stored, RecordText? text, int field)
    {
        if (text is not null)
        {
            if (!SearchIndex.MayHoldCjk(text[field])) return null;
            stored = text.Decode(field);
        }
        return SearchIndex.Prepare(stored) is var prepared && !ReferenceEquals(prepared, stored) ? prepared : null;
    }

    static bool Holds(List<ApplicantLink> links, string name)
    {
        foreach (var l in links)
            if (l.Name == name) return true;
        return false;
    }

    // A record names a few inventors: compared one by one, not through a set made per record.
    bool IsInventor(PatentRecord r, string name)
    {
        foreach (var inventor in r.Inventors)
            if (Lookup(inventor).Name == name) return true;
        return false;
    }
}

/// <summary>
/// The applicants met in one import, each with the spelling that names it and its kind: the first spelling in ordinal
/// order and the highest kind win, as the staging merge of PostgreSQL computes them (MIN(raw_name), MAX(kind)).
/// </summary>
public sealed class ApplicantsMet
{
    readonly Dictionary<string, (string Raw, string Kind)> names = new(StringComparer.Ordinal);

    public void Add(ApplicantLink link)
    {
        if (!names.TryGetValue(link.Name, out var known)) names[link.Name] = (link.Raw, link.Kind);
        else if (string.CompareOrdinal(link.Raw, known.Raw) < 0 || string.CompareOrdinal(link.Kind, known.Kind) > 0)
            names[link.Name] = (string.CompareOrdinal(link.Raw, known.Raw) < 0 ? link.Raw : known.Raw,
                string.CompareOrdinal(link.Kind, known.Kind) > 0 ? link.Kind : known.Kind);
    }

    public IEnumerable<(string Name, string Raw, string Kind)> All => names.Select(n => (n.Key, n.Value.Raw, n.Value.Kind));
}
