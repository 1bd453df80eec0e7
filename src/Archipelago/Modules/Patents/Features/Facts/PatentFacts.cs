using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Facts;

/// <summary>
/// What the Patents module tells other modules through the Kernel (<see cref="Kernel.Facts"/>):
/// <list type="bullet">
/// <item><see cref="FactMeasure.PatentExpiry"/> of a publication number, computed from the dates the record holds — the
/// term (20 years from filing, TRIPS art. 33; 10 for utility models; US designs 14/15 years from grant) with the basis
/// written out. The importers keep no legal status or stored expiry, so none can take precedence yet; term extensions
/// (SPC, PTE, PTA), lapses for unpaid fees and terminal disclaimers are not in the record and are not included.</item>
/// <item><see cref="FactMeasure.Patents"/> series per year: for the whole workspace families and records by priority
/// year and by publication year; for each biopharma segment and WIPO technology field that has records, families by
/// priority year and records by publication year. A family counts once, in the year of its earliest date among the
/// selected records; years without a filing between the first and the last are 0.</item>
/// </list>
/// </summary>
public sealed partial class PatentFacts : IFactSource
{
    const string Module = "patents";

    // ---- series -------------------------------------------------------------------------------------------------

    /// <summary>What is counted (families or records) and by which date.</summary>
    sealed record Count(string Local, bool Families, string YearColumn, string DateName)
    {
        public string Unit => Families ? "families" : "records";
        public string What => Families
            ? $"Patent families by earliest {DateName} year"
            : $"Patent records (publications) by {DateName} year";
    }

    static readonly Count FamiliesByPriority = new("families-priority", true, "priority_year", "priority");
    static readonly Count FamiliesByPublication = new("families-publication", true, "publication_year", "publication");
    static readonly Count RecordsByPriority = new("records-priority", false, "priority_year", "priority");
    static readonly Count RecordsByPublication = new("records-publication", false, "publication_year", "publication");
    static readonly Count[] Workspace = [FamiliesByPriority, RecordsByPublication, FamiliesByPublication, RecordsByPriority];
    static readonly Count[] PerCategory = [FamiliesByPriority, RecordsByPublication];

    /// <summary>A biopharma segment (patents_segments) or a WIPO technology field (patents_technology_fields).</summary>
    sealed record Category(string Kind, string Key, string Name, long Records)
    {
        public string Table => Kind == "segment" ? "patents_segments" : "patents_technology_fields";
        public string Column => Kind == "segment" ? "segment" : "field";
        public string Label => Kind == "segment" ? $"segment {Name}" : $"WIPO field {Key} {Name}";
    }

    public async Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct)
    {
        if (measure is not null && measure != FactMeasure.Patents) return [];
        await using var c = await db.OpenAsync(ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records") == 0) return [];
        var list = Workspace.Select(k => Info(k, null)).ToList();
        foreach (var category in await CategoriesAsync(c, "segment", ct).ConfigureAwait(false))
            list.AddRange(PerCategory.Select(k => Info(k, category)));
        foreach (var category in await CategoriesAsync(c, "field", ct).ConfigureAwait(false))
            list.AddRange(PerCategory.Select(k => Info(k, category)));
        return list;
    }

    public async Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct)
    {
        // patents:<count> | patents:segment:<slug>:<count> | patents:field:<number>:<count>
        var parts = id.Split(':');
        if (parts.Length is not (2 or 4) || !string.Equals(parts[0], Module, StringComparison.OrdinalIgnoreCase)) return null;
        var count = (parts.Length == 2 ? Workspace : PerCategory).FirstOrDefault(k => k.Local == parts[^1]);
        if (count is null) return null;
        await using var c = await db.OpenAsync(ct);
        Category? category = null;
        if (parts.Length == 4)
        {
            if (parts[1] is not ("segment" or "field")) return null;
            category = (await CategoriesAsync(c, parts[1], ct)).FirstOrDefault(x => x.Key == parts[2]);
            if (category is null) return null;
        }
        var member = category is null ? "1 = 1" : $"r.id IN ({MembersSql(category)})";
        var p = new { name = category?.Name };
        var sql = count.Families
            ? $"""
              SELECT y, COUNT(*) FROM (
                  SELECT r.family_id, MIN(r.{count.YearColumn}) AS y FROM patents_records r
                  WHERE {member} AND r.{count.YearColumn} IS NOT NULL GROUP BY r.family_id) f
              GROUP BY y ORDER BY y
              """
            : $"SELECT r.{count.YearColumn}, COUNT(*) FROM patents_records r WHERE {member} AND r.{count.YearColumn} IS NOT NULL GROUP BY r.{count.YearColumn} ORDER BY r.{count.YearColumn}";
        var byYear = (await c.QueryAsync<(long Year, long N)>(sql, p)).ToDictionary(x => (int)x.Year, x => x.N);
        var (selected, undated) = await c.QuerySingleAsync<(long, long)>(
            $"SELECT COUNT(*), COUNT(*) - COUNT(r.{count.YearColumn}) FROM patents_records r WHERE {member}", p);
        var points = new List<FactPoint>();
        if (byYear.Count > 0)
            for (var y = byYear.Keys.Min(); y <= byYear.Keys.Max(); y++)
                points.Add(new FactPoint(y.ToString(CultureInfo.InvariantCulture), byYear.GetValueOrDefault(y)));
        var rule = count.Families
            ? $"a family (the source's family key) counts once, in the earliest {count.DateName} year of its records"
            : "each publication counts once";
        var scope = category is null ? "all patent records in this workspace" : $"the records with an IPC symbol in {category.Label} (concordance of the Patents module)";
        var source = $"Patents module: {scope} ({selected} records); {rule}; {undated} records without a {count.DateName} date are not counted.";
        return new FactSeries(Info(count, category), points, source);
    }

    static FactSeriesInfo Info(Count count, Category? category) => category is null
        ? new($"{Module}:{count.Local}", FactMeasure.Patents, $"{count.What} — all records", count.Unit)
        : new($"{Module}:{category.Kind}:{category.Key}:{count.Local}", FactMeasure.Patents, $"{count.What} — {category.Label}", count.Unit, SubSector: category.Name);

    /// <summary>The record ids in one category: an IPC symbol takes the category of its main-group pattern
    /// (<c>A61K 31/</c>) when there is one, else of its subclass pattern (<c>A61K</c>) — the Patents landscape's rule
    /// (main_group is stored as <c>A61K 31/00</c>, so its pattern is the symbol without the last two characters).</summary>
    static string MembersSql(Category category) => $"""
        SELECT k.record_id FROM patents_record_classes k
        LEFT JOIN {category.Table} g ON g.pattern = substr(k.main_group, 1, length(k.main_group) - 2)
        LEFT JOIN {category.Table} s ON s.pattern = k.subclass
        WHERE k.scheme = 'ipc' AND COALESCE(g.{category.Column}, s.{category.Column}) = @name
        """;

    /// <summary>The categories that have records, most records first.</summary>
    static async Task<IReadOnlyList<Category>> CategoriesAsync(DbConnection c, string kind, CancellationToken ct)
    {
        var (table, column) = kind == "segment" ? ("patents_segments", "segment") : ("patents_technology_fields", "field");
        var rows = await c.QueryAsync<(string Name, long N)>(new CommandDefinition($"""
            SELECT category, COUNT(DISTINCT record_id) AS n FROM (
                SELECT k.record_id, COALESCE(g.{column}, s.{column}) AS category
                FROM patents_record_classes k
                LEFT JOIN {table} g ON g.pattern = substr(k.main_group, 1, length(k.main_group) - 2)
                LEFT JOIN {table} s ON s.pattern = k.subclass
                WHERE k.scheme = 'ipc') x
            WHERE category IS NOT NULL GROUP BY category ORDER BY n DESC, category
            """, cancellationToken: ct));
        if (kind == "segment") return rows.Select(r => new Category(kind, Slug(r.Name), r.Name, r.N)).ToList();
        var numbers = (await c.QueryAsync<(string Field, long Number)>("SELECT DISTINCT field, field_number FROM patents_technology_fields"))
            .ToDictionary(f => f.Field, f => f.Number);
        return rows.Select(r => new Category(kind, numbers[r.Name].ToString(CultureInfo.InvariantCulture), r.Name, r.N)).ToList();
    }

    /// <summary>A segment name as an id part: lower case, every run of other characters one '-'.</summary>
    static string Slug(string name)
    {
        var b = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
            if (char.IsLetterOrDigit(ch)) b.Append(ch);
            else if (b.Length > 0 && b[^1] != '-') b.Append('-');
        return b.ToString().TrimEnd('-');
    }

    // ---- expiry -------------------------------------------------------------------------------------------------

    sealed record Held(string PublicationNumber, string Jurisdiction, string? Kind, string? DocumentType,
        string? PriorityDate, string? ApplicationDate, string? PublicationDate);

    [GeneratedRegex(@"^(.*\d)([A-Z]\d?)$")]
    private static partial Regex WithKind();

    [GeneratedRegex(@"^[A-Z]\d?$")]
    private static partial Regex KindCode();

    public async Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct)
    {
        if (measure != FactMeasure.PatentExpiry || string.IsNullOrWhiteSpace(key)) return null;
        var typed = PatentRecord.NormaliseNumber(key);
        // "EP1234567", "ep 1234567 b1" and "EP1234567A1" all name the same publication number; the records of one
        // number differ only in their kind code (A1 application, B1 grant).
        var number = WithKind().Match(typed) is { Success: true } m ? m.Groups[1].Value : typed;
        if (number.Length < 3) return null;
        await using var c = await db.OpenAsync(ct);
        // A range on the unique index instead of LIKE (which neither database answers from it by default): kind codes
        // are one capital letter and at most one digit, so every candidate sorts between number+"A" and number+"Z9".
        var held = (await c.QueryAsync<Held>(new CommandDefinition("""
            SELECT publication_number AS PublicationNumber, jurisdiction AS Jurisdiction, kind AS Kind, document_type AS DocumentType,
                   priority_date AS PriorityDate, application_date AS ApplicationDate, publication_date AS PublicationDate
            FROM patents_records WHERE publication_number = @number OR (publication_number >= @low AND publication_number <= @high)
            """, new { number, low = number + "A", high = number + "Z9" }, cancellationToken: ct)))
            .Where(h => h.PublicationNumber == number || KindCode().IsMatch(h.PublicationNumber[number.Length..]))
            .ToList();
        if (held.Count == 0) return null;
        // A grant decides the term over its own application; otherwise the number as typed, else the latest publication.
        var record = held.Where(IsGrant).OrderByDescending(h => h.PublicationDate, StringComparer.Ordinal).FirstOrDefault()
            ?? held.FirstOrDefault(h => h.PublicationNumber == typed)
            ?? held.OrderByDescending(h => h.PublicationDate, StringComparer.Ordinal).First();
        return Expiry(record) is { } e ? new FactDate(FactMeasure.PatentExpiry, record.PublicationNumber, e.Date, e.Basis, Module) : null;
    }

    static string KindOf(Held h) => (h.Kind ?? (WithKind().Match(h.PublicationNumber) is { Success: true } m ? m.Groups[2].Value : "")).ToUpperInvariant();

    /// <summary>A granted patent: the source says so, or its kind code does (B/C/E; US patents granted before 2001
    /// carry kind A, as the US published no applications until then — those carry A1/A2).</summary>
    static bool IsGrant(Held h) =>
        h.DocumentType?.Contains("grant", StringComparison.OrdinalIgnoreCase) == true
        || (h.Jurisdiction != "WO" && KindOf(h) is ['B' or 'C' or 'E', ..])
        || (h.Jurisdiction == "US" && KindOf(h) == "A");

    static DateOnly? Day(string? iso) => DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    static string Iso(DateOnly d) => PatentDate.Iso(d);

    const string NotIncluded = "term extensions (SPC, PTE, PTA) and lapses for unpaid fees not included";

    /// <summary>The end of the term the record's dates give, and how; null when the record holds no date to start from.</summary>
    static (DateOnly Date, string Basis)? Expiry(Held h)
    {
        var filed = Day(h.ApplicationDate);
        var priority = Day(h.PriorityDate);
        var published = Day(h.PublicationDate);
        var kind = KindOf(h);
        var grant = IsGrant(h);
        var n = h.PublicationNumber;

        if (h.Jurisdiction == "US" && kind.StartsWith('S') && published is { } issued)
        {
            // Design patents run from grant: 15 years when filed on or after 2015-05-13, 14 before (35 U.S.C. 173).
            var years = filed is { } f && f >= new DateOnly(2015, 5, 13) ? 15 : 14;
            return (issued.AddYears(years), $"{n}: US design patent granted {Iso(issued)} + {years} years (35 U.S.C. 173)");
        }
        var utility = kind is ['U' or 'Y', ..] && h.Jurisdiction is "CN" or "DE" or "JP" or "KR" or "TW" or "AT" or "ES";
        var term = utility ? 10 : 20;
        var law = utility ? "utility-model term" : "TRIPS art. 33";
        var what = h.Jurisdiction == "WO" ? "PCT application, for national patents granted from it"
            : utility ? "utility model" : grant ? "granted" : "pending application, if granted";
        var filedWord = h.Jurisdiction == "WO" ? "international filing" : "filed";
        (DateOnly Date, string Basis)? result;
        if (filed is { } filing)
        {
            var end = filing.AddYears(term);
            var basis = $"{n} {what}: {filedWord} {Iso(filing)} + {term} years ({law})";
            if (h.Jurisdiction == "US" && grant && filing < new DateOnly(1995, 6, 8) && published is { } g && g.AddYears(17) > end)
            {
                end = g.AddYears(17);
                basis = $"{n} granted {Iso(g)} + 17 years, longer than filed {Iso(filing)} + 20 years (35 U.S.C. 154(c), filed before 1995-06-08)";
            }
            if (priority is { } p && p.AddMonths(12) < filing)
                basis += $"; it claims priority from {Iso(p)}, more than 12 months before its filing: if it is a continuation or divisional, " +
                         $"the term runs from the parent's filing and may end as early as {Iso(p.AddYears(term))}";
            result = (end, basis);
        }
        else if (priority is { } p)
            result = (p.AddYears(term), $"{n} {what}: earliest priority {Iso(p)} + {term} years ({law}); the record has no filing date, which follows the priority by at most 12 months, so the term may end up to a year later");
        else return null;
        return (result.Value.Date, $"{result.Value.Basis}; {NotIncluded}");
    }
}
