using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

public sealed record Count(string Key, long Records);
public sealed record YearCount(int Year, long Records);
public sealed record LifeCycleYear(int Year, long Families, long Applicants);

/// <summary>The technology life-cycle reading (EPO-style maturity map: families against active applicants per year)
/// with the numbers it rests on.</summary>
public sealed record LifeCyclePhase(string Phase, IReadOnlyList<string> Evidence);

/// <summary>The landscape of the records a filter selects. Counts are of records (publications) unless named otherwise;
/// <see cref="ByYear"/> is always by publication year, <see cref="ByBasisYear"/> by the filter's date basis.</summary>
public sealed record LandscapeReport(
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("families")] long Families,
    [property: JsonPropertyName("applicants")] long Applicants,
    [property: JsonPropertyName("date_basis")] string DateBasis,
    [property: JsonPropertyName("by_year")] IReadOnlyDictionary<string, long> ByYear,
    [property: JsonPropertyName("by_basis_year")] IReadOnlyDictionary<string, long> ByBasisYear,
    [property: JsonPropertyName("top_applicants")] IReadOnlyDictionary<string, long> TopApplicants,
    [property: JsonPropertyName("top_subclasses")] IReadOnlyDictionary<string, long> TopSubclasses,
    [property: JsonPropertyName("subclass_titles")] IReadOnlyDictionary<string, string> SubclassTitles,
    [property: JsonPropertyName("technology_fields")] IReadOnlyDictionary<string, long> TechnologyFields,
    [property: JsonPropertyName("segments")] IReadOnlyDictionary<string, long> Segments,
    [property: JsonPropertyName("jurisdictions")] IReadOnlyDictionary<string, long> Jurisdictions,
    [property: JsonPropertyName("new_entrants")] IReadOnlyDictionary<string, long> NewEntrants,
    [property: JsonPropertyName("life_cycle")] IReadOnlyList<LifeCycleYear> LifeCycle,
    [property: JsonPropertyName("life_cycle_phase")] LifeCyclePhase Phase);

/// <summary>
/// Landscape counts (GUIDE §3): records, families, filings per year, top applicants (normalised names, top 20), IPC
/// subclass hotspots (top 20, records having at least one symbol in the subclass), WIPO technology fields, jurisdiction
/// mix, new entrants per year (applicants whose first record falls in that year) and the life cycle. Ties rank by name.
/// </summary>
public sealed class PatentLandscape(Database db)
{
    public const int Top = 20;

    public async Task<LandscapeReport> RunAsync(PatentFilter filter, CancellationToken ct = default)
    {
        if (filter with { Basis = DateBasis.Publication } != new PatentFilter())
        {
            if (!string.IsNullOrWhiteSpace(filter.Text)) await Search.SearchIndex.EnsureAsync(db, ct);
            await using var fc = await db.OpenAsync(ct);
            return await ComputeAsync(fc, null, filter);
        }
        var basis = filter.Basis.ToString().ToLowerInvariant();
        await using (var c = await db.OpenAsync(ct))
        {
            var json = await c.QuerySingleOrDefaultAsync<string>("SELECT report FROM patents_landscape_summary WHERE date_basis = @basis", new { basis });
            if (json is not null) return JsonSerializer.Deserialize<LandscapeReport>(json)!;
        }
        // Computed under the write lock, so an import or merge cannot commit in between and leave a stale report
        // stored (writers delete the row inside their own transaction).
        await using (var c = await db.OpenAsync(ct))
        {
            await using var tx = await Database.BeginWriteAsync(c, ct);
            var json = await c.QuerySingleOrDefaultAsync<string>("SELECT report FROM patents_landscape_summary WHERE date_basis = @basis", new { basis }, tx);
            if (json is not null) return JsonSerializer.Deserialize<LandscapeReport>(json)!;
            var report = await ComputeAsync(c, tx, filter);
            await c.ExecuteAsync("INSERT INTO patents_landscape_summary (date_basis, report, computed_at) VALUES (@basis, @report, @now)",
                new { basis, report = JsonSerializer.Serialize(report), now = DateTimeOffset.UtcNow.ToString("O") }, tx);
            await tx.CommitAsync(ct);
            return report;
        }
    }

    /// <summary>Forgets the stored unfiltered landscapes; called inside every write that changes what they count.</summary>
    public static Task InvalidateAsync(DbConnection c, DbTransaction? tx) => c.ExecuteAsync("DELETE FROM patents_landscape_summary", transaction: tx);

    async Task<LandscapeReport> ComputeAsync(DbConnection c, DbTransaction? tx, PatentFilter filter)
    {
        var (where, p) = filter.Sql(db.Dialect);
        var year = filter.YearColumn;
        // Without a filter every record is selected: the link tables are read whole instead of through IN (…).
        var sel = $"SELECT r.publication_number FROM patents_records r WHERE {where}";
        string Member(string column) => where == "1 = 1" ? "1 = 1" : $"{column} IN ({sel})";
        var member = Member("publication_number");
        var totals = await c.QuerySingleAsync<(long Records, long Families)>($"SELECT COUNT(*), COUNT(DISTINCT r.family_id) FROM patents_records r WHERE {where}", p, tx);
        var applicants = await c.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT applicant) FROM patents_record_applicants WHERE {member}", p, tx);
        var byYear = await Map(c, tx, $"SELECT CAST(r.publication_year AS TEXT), COUNT(*) FROM patents_records r WHERE {where} AND r.publication_year IS NOT NULL GROUP BY r.publication_year ORDER BY r.publication_year", p);
        var byBasis = await Map(c, tx, $"SELECT CAST(r.{year} AS TEXT), COUNT(*) FROM patents_records r WHERE {where} AND r.{year} IS NOT NULL GROUP BY r.{year} ORDER BY r.{year}", p);
        var topApplicants = await Map(c, tx, $"""
            SELECT applicant, COUNT(DISTINCT publication_number) AS n FROM patents_record_applicants WHERE {member}
            GROUP BY applicant ORDER BY n DESC, applicant LIMIT {Top}
            """, p);
        var topSubclasses = await Map(c, tx, $"""
            SELECT subclass, COUNT(DISTINCT publication_number) AS n FROM patents_record_classes WHERE scheme = 'ipc' AND {member}
            GROUP BY subclass ORDER BY n DESC, subclass LIMIT {Top}
            """, p);
        var titles = topSubclasses.Count == 0 ? new Dictionary<string, string>() :
            // Subclass symbols are parsed ([A-HY]nn[A-Z]), so they are safe to inline; list parameters differ between the drivers.
            (await c.QueryAsync<(string Subclass, string Title)>($"SELECT subclass, title FROM patents_ipc_subclasses WHERE subclass IN ({string.Join(", ", topSubclasses.Keys.Select(k => $"'{k}'"))})", transaction: tx))
            .ToDictionary(t => t.Subclass, t => t.Title);
        var jurisdictions = await Map(c, tx, $"SELECT r.jurisdiction, COUNT(*) AS n FROM patents_records r WHERE {where} GROUP BY r.jurisdiction ORDER BY n DESC, r.jurisdiction", p);
        var fields = await ConcordanceAsync(c, tx, "patents_technology_fields", "field", Member("k.publication_number"), p);
        var segments = await ConcordanceAsync(c, tx, "patents_segments", "segment", Member("k.publication_number"), p);
        var entrants = await Map(c, tx, $"""
            SELECT CAST(first_year AS TEXT), COUNT(*) FROM (
                SELECT a.applicant, MIN(r.{year}) AS first_year FROM patents_record_applicants a JOIN patents_records r ON r.publication_number = a.publication_number
                WHERE {where} AND r.{year} IS NOT NULL GROUP BY a.applicant) f
            GROUP BY first_year ORDER BY first_year
            """, p);
        var families = (await c.QueryAsync<(long Year, long N)>($"SELECT r.{year}, COUNT(DISTINCT r.family_id) FROM patents_records r WHERE {where} AND r.{year} IS NOT NULL GROUP BY r.{year}", p, tx))
            .ToDictionary(x => (int)x.Year, x => x.N);
        var active = (await c.QueryAsync<(long Year, long N)>($"""
            SELECT r.{year}, COUNT(DISTINCT a.applicant) FROM patents_record_applicants a JOIN patents_records r ON r.publication_number = a.publication_number
            WHERE {where} AND r.{year} IS NOT NULL GROUP BY r.{year}
            """, p, tx)).ToDictionary(x => (int)x.Year, x => x.N);
        var lifeCycle = families.Keys.Union(active.Keys).Order().Select(y => new LifeCycleYear(y, families.GetValueOrDefault(y), active.GetValueOrDefault(y))).ToList();
        return new LandscapeReport(totals.Records, totals.Families, applicants, filter.Basis.ToString().ToLowerInvariant(), byYear, byBasis,
            topApplicants, topSubclasses, titles, fields, segments, jurisdictions, entrants, lifeCycle, LifeCycle.Assess(lifeCycle, filter.Basis));
    }

    static async Task<IReadOnlyDictionary<string, long>> Map(DbConnection c, DbTransaction? tx, string sql, object p)
    {
        var d = new Dictionary<string, long>(); // insertion order is the query's order
        foreach (var (k, n) in await c.QueryAsync<(string, long)>(sql, p, tx)) d[k] = n;
        return d;
    }

    /// <summary>Records per category of a concordance (WIPO technology fields, biopharma segments): an IPC symbol takes
    /// the category of its main-group pattern (<c>A61K 8/</c>) when there is one, else of its subclass pattern
    /// (<c>A61K</c>); a record counts once per category. (main_group is stored as <c>A61K 8/00</c>, so its pattern is
    /// the symbol without the final two characters.)</summary>
    static Task<IReadOnlyDictionary<string, long>> ConcordanceAsync(DbConnection c, DbTransaction? tx, string table, string column, string member, object p) =>
        Map(c, tx, $"""
            SELECT category, COUNT(DISTINCT publication_number) AS n FROM (
                SELECT k.publication_number, COALESCE(g.{column}, s.{column}) AS category
                FROM patents_record_classes k
                LEFT JOIN {table} g ON g.pattern = substr(k.main_group, 1, length(k.main_group) - 2)
                LEFT JOIN {table} s ON s.pattern = k.subclass
                WHERE k.scheme = 'ipc' AND {member}) x
            WHERE category IS NOT NULL GROUP BY category ORDER BY n DESC, category
            """, p);
}
