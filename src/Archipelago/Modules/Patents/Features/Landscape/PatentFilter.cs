using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Search;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>Which dates a year filter and the per-year series use: priority, application or publication (chosen explicitly).</summary>
public enum DateBasis { Priority, Application, Publication }

/// <summary>
/// The saved-query part of every landscape and search: full text (every word must occur in title, abstract or claims —
/// on SQLite as the start of a word or, in Chinese, Japanese and Korean, as a run of characters; see SearchIndex),
/// classification (IPC/CPC subclass such as <c>C12N</c>, main group <c>C12N 15/00</c> or symbol <c>C12N 15/11</c>),
/// applicant (matched on the normalised name), jurisdiction, a year range on the chosen date basis, cluster
/// membership (records with at least one applicant linked to an enabler of the cluster registry), and the legal status
/// the source states (ACTIVE, PENDING, EXPIRED…; case does not matter).
/// </summary>
public sealed record PatentFilter(string? Text = null, string? Classification = null, string? Applicant = null, string? Jurisdiction = null,
    int? FromYear = null, int? ToYear = null, DateBasis Basis = DateBasis.Publication, bool ClusterMembers = false, string? LegalStatus = null)
{
    public string YearColumn => Basis switch { DateBasis.Priority => "priority_year", DateBasis.Application => "application_year", _ => "publication_year" };

    public static DateBasis ParseBasis(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "publication" => DateBasis.Publication,
        "priority" => DateBasis.Priority,
        "application" => DateBasis.Application,
        var t => throw new DomainException("usage", $"Unknown date basis '{t}'; use priority, application or publication.", "date_basis"),
    };

    /// <summary>Words of the text query: split on spaces, lower-cased (a quoted phrase stays one word).</summary>
    public IReadOnlyList<string> Words()
    {
        if (string.IsNullOrWhiteSpace(Text)) return [];
        var words = new List<string>();
        var parts = Text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1) { if (parts[i].Trim().Length > 0) words.Add(parts[i].Trim().ToLowerInvariant()); }
            else words.AddRange(parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));
        }
        return words.Distinct().ToList();
    }

    internal const string TextExpression = "lower(coalesce(r.title, '') || ' ' || coalesce(r.abstract, '') || ' ' || coalesce(r.claims, ''))";

    /// <summary>The WHERE clause over <c>patents_records r</c> and its parameters.</summary>
    public (string Where, DynamicParameters Parameters) Sql(SqlDialect dialect)
    {
        if (FromYear is { } f && ToYear is { } t && f > t) throw new DomainException("bad_range", $"The year range {f}–{t} is empty.", "from");
        var w = new List<string>();
        var p = new DynamicParameters();
        var n = 0;
        foreach (var word in Words())
        {
            var name = $"@w{n++}";
            if (dialect.Name == SqlDialect.Sqlite.Name && SearchIndex.Query(word) is { } match)
            {
                // The word index (SearchIndex): words starting with the query word; CJK as the phrase of its characters.
                w.Add($"r.id IN (SELECT rowid FROM patents_search WHERE patents_search MATCH {name})");
                p.Add(name, match);
            }
            else if (dialect.Name == SqlDialect.Postgres.Name && SearchIndex.PostgresQuery(word) is { } query)
            {
                // The same kind of word index on PostgreSQL (migrations 0015, 0018); the query's lexemes are the index's own.
                w.Add($"r.words @@ CAST({name} AS tsquery)");
                p.Add(name, query);
            }
            else
            {
                w.Add(dialect.Name == SqlDialect.Sqlite.Name ? $"{TextExpression} LIKE {name} ESCAPE '\\'" : $"{TextExpression} LIKE {name}");
                p.Add(name, "%" + EscapeLike(word) + "%");
            }
        }
        if (!string.IsNullOrWhiteSpace(Classification))
        {
            var text = Classification.Trim();
            var code = IpcCode.Parse(text);
            if (code is null) throw new DomainException("bad_classification", $"'{text}' is not an IPC/CPC subclass, group or symbol (e.g. C12N, C12N 15/00, C12N 15/11).", "classification");
            // The symbols first (a few thousand rows), then the links naming one of them: read end to end, as no index
            // leads with the symbol (migrations 0020, 0022).
            var (column, value) = !code.HasGroup ? ("subclass", code.Subclass) : code.Subgroup == "00" ? ("main_group", code.Code) : ("code", code.Code);
            w.Add($"r.id IN (SELECT record_id FROM patents_record_symbols WHERE symbol_id IN (SELECT id FROM patents_symbols WHERE {column} = @cls))");
            p.Add("cls", value);
        }
        if (!string.IsNullOrWhiteSpace(Applicant))
        {
            w.Add("r.id IN (SELECT record_id FROM patents_record_applicants WHERE applicant = @applicant)");
            p.Add("applicant", ApplicantName.Normalise(Applicant));
        }
        if (ClusterMembers)
            w.Add("r.id IN (SELECT ra.record_id FROM patents_record_applicants ra JOIN patents_applicants pa ON pa.name = ra.applicant WHERE pa.enabler_id IS NOT NULL)");
        if (!string.IsNullOrWhiteSpace(Jurisdiction)) { w.Add("r.jurisdiction = @jurisdiction"); p.Add("jurisdiction", Jurisdiction.Trim().ToUpperInvariant()); }
        if (!string.IsNullOrWhiteSpace(LegalStatus)) { w.Add("r.legal_status = @legalStatus"); p.Add("legalStatus", LegalStatus.Trim().ToUpperInvariant()); }
        if (FromYear is not null) { w.Add($"r.{YearColumn} >= @fromYear"); p.Add("fromYear", (long)FromYear); }
        if (ToYear is not null) { w.Add($"r.{YearColumn} <= @toYear"); p.Add("toYear", (long)ToYear); }
        return (w.Count == 0 ? "1 = 1" : string.Join(" AND ", w), p);
    }

    static string EscapeLike(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var ch in s) { if (ch is '%' or '_' or '\\') b.Append('\\'); b.Append(ch); }
        return b.ToString();
    }
}
