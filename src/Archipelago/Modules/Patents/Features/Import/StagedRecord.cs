using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Search;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>A record as a source reads it: its row (or document) in the file and, when the source numbered its
/// classification symbols as it parsed them (delimited files and workbooks), their numbers as
/// <see cref="SymbolIds.Of(PatentRecord)"/> gives them — IPC, then CPC; null when it did not.</summary>
public readonly record struct SourceRecord(int Row, PatentRecord Record, long[]? Symbols = null);

/// <summary>An applicant of a record as stored: normalised name (after reviewed aliases), the name as written, and its kind.</summary>
public readonly record struct ApplicantLink(string Name, string Raw, string Kind);

/// <summary>A record ready to store: the multi-valued fields joined for display, its applicants normalised and
/// classified, the numbers of its classification symbols (<see cref="SymbolIds.Of"/>: IPC, then CPC), and (SQLite) the
/// text as the word index takes it and every text the writer binds, as UTF-8.</summary>
public sealed record StagedRecord(PatentRecord Record, string Applicants, string Inventors, string Ipc, string Cpc,
    IReadOnlyList<ApplicantLink> Links, long[] Symbols, string? IndexTitle, string? IndexAbstract, string? IndexClaims)
{
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

    public StagedRecord Stage(PatentRecord r, long[] symbols, bool indexText)
    {
        var links = new List<ApplicantLink>(r.Applicants.Count);
        HashSet<string>? inventors = null;
        foreach (var raw in r.Applicants)
        {
            var (name, company) = Lookup(raw);
            if (name.Length == 0) continue;
            if (aliases.TryGetValue(name, out var canonical)) name = canonical;
            if (links.Exists(l => l.Name == name)) continue; // two spellings of one applicant on one record count once
            var kind = ApplicantName.LooksLikeUniversity(name) ? "university" : company ? "company"
                : (inventors ??= r.Inventors.Select(i => Lookup(i).Name).ToHashSet(StringComparer.Ordinal)).Contains(name) ? "individual" : "other";
            links.Add(new ApplicantLink(name, raw, kind));
        }
        var staged = new StagedRecord(r, string.Join(";;", r.Applicants), string.Join(";;", r.Inventors),
            string.Join(";;", r.Ipc.Select(x => x.Code)), string.Join(";;", r.Cpc.Select(x => x.Code)), links, symbols,
            indexText ? SearchIndex.Prepare(r.Title) : null, indexText ? SearchIndex.Prepare(r.Abstract) : null, indexText ? SearchIndex.Prepare(r.Claims) : null);
        // SQLite's writer is the import's bottleneck: the text it binds is encoded here, on the reading thread.
        return indexText ? staged with { Utf8 = SqliteText.Of(staged) } : staged;
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
