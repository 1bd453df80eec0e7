using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Search;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>A record as a source reads it: its row (or document) in the file and, when the source numbered its
/// classification symbols as it parsed them (delimited files and workbooks), their numbers as
/// <see cref="SymbolIds.Of(PatentRecord)"/> gives them — IPC, then CPC; null when it did not.
/// When the import asked for the text as bytes (SQLite's writer binds UTF-8), a delimited source leaves the record's title,
/// abstract and claims null and gives them in <paramref name="Text"/> instead, with the joined symbols.</summary>
public readonly record struct SourceRecord(int Row, PatentRecord Record, long[]? Symbols = null, RecordText? Text = null);

/// <summary>A record's title, abstract and claims as UTF-8, as a delimited file spells them (each trimmed; null when the
/// cell holds no value), and its IPC and CPC symbols joined as stored (<see cref="StagedRecord.Ipc"/>): SQLite's writer
/// binds these bytes, so no string is made of them and encoded again.</summary>
public sealed class RecordText
{
    public const int Title = 0, Abstract = 1, Claims = 2, Ipc = 3, Cpc = 4;
    readonly byte[] bytes;
    readonly (int Start, int Length)[] fields; // length -1: null

    public RecordText(byte[] bytes, (int Start, int Length) title, (int Start, int Length) @abstract, (int Start, int Length) claims,
        (int Start, int Length) ipc, (int Start, int Length) cpc) =>
        (this.bytes, fields) = (bytes, [title, @abstract, claims, ipc, cpc]);

    public bool IsNull(int field) => fields[field].Length < 0;
    public ReadOnlySpan<byte> this[int field] => IsNull(field) ? default : bytes.AsSpan(fields[field].Start, fields[field].Length);
    public string? Decode(int field) => IsNull(field) ? null : Utf8Text.Decode(this[field]);
}

/// <summary>An applicant of a record as stored: normalised name (after reviewed aliases), the name as written, and its kind.</summary>
public readonly record struct ApplicantLink(string Name, string Raw, string Kind);

/// <summary>A record ready to store: its applicants normalised and classified, the numbers of its classification
/// symbols (<see cref="SymbolIds.Of"/>: IPC, then CPC), and (SQLite) its title, abstract and claims as bytes when the
/// source gave them so (<see cref="Text"/>), the text the word index takes where it differs from the stored text (CJK
/// characters set apart; null: as stored), and every text the writer binds, as UTF-8. The multi-valued fields joined
/// for display are made when asked (PostgreSQL's staging rows): SQLite's <see cref="SqliteText"/> writes the joined
/// bytes without making the strings.</summary>
public sealed record StagedRecord(PatentRecord Record, IReadOnlyList<ApplicantLink> Links, long[] Symbols, RecordText? Text,
    string? IndexTitle, string? IndexAbstract, string? IndexClaims)
{
    /// <summary>What joins the parts of a multi-valued field as stored (and as a Lens export writes them).</summary>
    public const string Separator = ";;";

    public string Applicants => string.Join(Separator, Record.Applicants);
    public string Inventors => string.Join(Separator, Record.Inventors);
    public string Ipc => string.Join(Separator, Record.Ipc.Select(x => x.Code));
    public string Cpc => string.Join(Separator, Record.Cpc.Select(x => x.Code));

    public SqliteText? Utf8 { get; init; }
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
        var staged = indexText
            ? new StagedRecord(r, links, symbols, text, Indexed(r.Title, text, RecordText.Title), Indexed(r.Abstract, text, RecordText.Abstract),
                Indexed(r.Claims, text, RecordText.Claims))
            : new StagedRecord(r, links, symbols, text, null, null, null);
        // SQLite's writer is the import's bottleneck: the text it binds is encoded here, on the reading thread.
        return indexText ? staged with { Utf8 = SqliteText.Of(staged) } : staged;
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
