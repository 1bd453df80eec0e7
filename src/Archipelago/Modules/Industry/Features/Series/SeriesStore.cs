using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>Reads and writes indicators, sub-sectors and observations. The figure shown for a period is its latest
/// vintage; older vintages stay (<see cref="ObservationsAsync"/> with <c>allVintages</c>).</summary>
public sealed class SeriesStore(Database db, TimeProvider clock)
{
    const string IndicatorColumns = "id AS Id, code AS Code, name_en AS NameEn, name_zh AS NameZh, unit AS Unit, currency AS Currency, price_basis AS PriceBasis, frequency AS Frequency, definition AS Definition, " +
        "source_publication AS SourcePublication, source_table AS SourceTable, source_page AS SourcePage, source_url AS SourceUrl, measure AS Measure";

    /// <summary>The observation columns as <see cref="ObservationRow"/> reads them, for an alias <c>o</c> of industry_observations.</summary>
    public const string ObservationColumns = "o.period AS Period, o.time AS Time, o.vintage AS Vintage, o.value AS Value, o.printed AS Printed, " +
        "o.source_publication AS SourcePublication, o.source_table AS SourceTable, o.source_page AS SourcePage, o.source_url AS SourceUrl, o.note AS Note, " +
        "o.imported_from AS ImportedFrom, o.recorded_at AS RecordedAt, o.recorded_by AS RecordedBy";

    /// <summary>The condition "this row is the latest vintage of its figure", for an alias <c>o</c> of industry_observations.</summary>
    public const string IsLatest = "o.vintage = (SELECT MAX(x.vintage) FROM industry_observations x WHERE x.indicator_id = o.indicator_id AND x.region = o.region AND x.subsector = o.subsector AND x.period = o.period)";

    public Database Database => db;

    public async Task<IReadOnlyList<Indicator>> IndicatorsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<IndicatorRow>($"SELECT {IndicatorColumns} FROM industry_indicators ORDER BY code")).Select(r => r.ToIndicator()).ToList();
    }

    public async Task<Indicator?> IndicatorAsync(string code, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<IndicatorRow>($"SELECT {IndicatorColumns} FROM industry_indicators WHERE code = @code", new { code }))?.ToIndicator();
    }

    /// <summary>Creates the indicator or replaces its description (by code). Changing the unit of an indicator that has figures
    /// is refused: the stored numbers would silently change meaning.</summary>
    public async Task<Indicator> SaveIndicatorAsync(Indicator indicator, CancellationToken ct = default)
    {
        indicator = indicator with { Source = indicator.Source.Normalised() };
        indicator.Validated();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var existing = (await c.QuerySingleOrDefaultAsync<IndicatorRow>($"SELECT {IndicatorColumns} FROM industry_indicators WHERE code = @Code", new { indicator.Code }, tx))?.ToIndicator();
        if (existing is not null && existing.Unit != indicator.Unit &&
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM industry_observations WHERE indicator_id = @Id", new { existing.Id }, tx) > 0)
            throw new DomainException("unit_change", $"Indicator '{indicator.Code}' has figures in '{existing.Unit}'; it cannot be switched to '{indicator.Unit}'. Create a new indicator or export, convert and re-import.", "unit");
        var id = await c.ExecuteScalarAsync<long>(existing is null
            ? InsertIndicator
            : "UPDATE industry_indicators SET name_en = @NameEn, name_zh = @NameZh, unit = @Unit, currency = @Currency, price_basis = @PriceBasis, frequency = @Frequency, definition = @Definition, " +
              "source_publication = @SourcePublication, source_table = @SourceTable, source_page = @SourcePage, source_url = @SourceUrl, measure = @Measure WHERE code = @Code RETURNING id",
            IndicatorParameters(indicator, clock.GetUtcNow().ToString("O")), tx);
        await tx.CommitAsync(ct);
        return indicator with { Id = id };
    }

    internal const string InsertIndicator = "INSERT INTO industry_indicators (code, name_en, name_zh, unit, currency, price_basis, frequency, definition, " +
        "source_publication, source_table, source_page, source_url, measure, created_at) VALUES (@Code, @NameEn, @NameZh, @Unit, @Currency, @PriceBasis, @Frequency, @Definition, " +
        "@SourcePublication, @SourceTable, @SourcePage, @SourceUrl, @Measure, @At) RETURNING id";

    internal static object IndicatorParameters(Indicator i, string at) => new
    {
        i.Code, i.NameEn, i.NameZh, i.Unit, i.Currency, i.PriceBasis, i.Frequency, i.Definition,
        SourcePublication = i.Source.Publication, SourceTable = i.Source.Table, SourcePage = i.Source.Page, SourceUrl = i.Source.Url, i.Measure, At = at,
    };

    public async Task<IReadOnlyList<Subsector>> SubsectorsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Subsector>("SELECT code AS Code, name_en AS NameEn, name_zh AS NameZh, position AS Position FROM industry_subsectors ORDER BY position, code")).ToList();
    }

    /// <summary>Adds a sub-sector or renames one (by code).</summary>
    public async Task SaveSubsectorAsync(Subsector s, CancellationToken ct = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(s.Code ?? "", "^[a-z][a-z0-9_]{0,63}$"))
            throw new DomainException("bad_subsector_code", $"'{s.Code}' is not a sub-sector code: use lower-case letters, digits and '_'.", "code");
        if (string.IsNullOrWhiteSpace(s.NameEn) || string.IsNullOrWhiteSpace(s.NameZh))
            throw new DomainException("missing_name", "A sub-sector needs an English and a Chinese name.", "name_en");
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO industry_subsectors (code, name_en, name_zh, position) VALUES (@Code, @NameEn, @NameZh, @Position) " +
            "ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh, position = excluded.position", s);
    }

    /// <summary>The stored series, optionally of one indicator and/or region: periods held, how many were revised, first and last.</summary>
    public async Task<IReadOnlyList<SeriesSummary>> SeriesAsync(string? indicator = null, string? region = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SeriesSummary>("""
            SELECT i.code AS Indicator, o.region AS Region, o.subsector AS Subsector, COUNT(DISTINCT o.period) AS Periods,
                   COUNT(DISTINCT CASE WHEN o.vintage > 1 THEN o.period END) AS Revised, MIN(o.period) AS FirstPeriod, MAX(o.period) AS LastPeriod
            FROM industry_observations o JOIN industry_indicators i ON i.id = o.indicator_id
            WHERE (@indicator IS NULL OR i.code = @indicator) AND (@region IS NULL OR o.region = @region)
            GROUP BY i.code, o.region, o.subsector ORDER BY i.code, o.region, o.subsector
            """, new { indicator, region })).ToList();
    }

    /// <summary>The figures of one series in time order: the latest vintage of each period, or every vintage (oldest first within a period).</summary>
    public async Task<IReadOnlyList<StoredObservation>> ObservationsAsync(SeriesKey key, bool allVintages = false, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ObservationRow>($"""
            SELECT {ObservationColumns}
            FROM industry_observations o JOIN industry_indicators i ON i.id = o.indicator_id
            WHERE i.code = @Indicator AND o.region = @Region AND o.subsector = @Subsector {(allVintages ? "" : "AND " + IsLatest)}
            ORDER BY o.time, o.vintage
            """, key)).Select(r => r.ToObservation()).ToList();
    }

    /// <summary>Latest figures of an indicator across regions and sub-sectors (for comparisons), optionally one sub-sector.</summary>
    public async Task<IReadOnlyList<LatestFigure>> LatestAsync(string indicator, string? subsector = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<LatestFigure>($"""
            SELECT o.region AS Region, o.subsector AS Subsector, o.period AS Period, o.time AS Time, o.value AS Value
            FROM industry_observations o JOIN industry_indicators i ON i.id = o.indicator_id
            WHERE i.code = @indicator AND (@subsector IS NULL OR o.subsector = @subsector) AND {IsLatest}
            ORDER BY o.region, o.subsector, o.time
            """, new { indicator, subsector })).ToList();
    }

    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>("SELECT DISTINCT region FROM industry_observations ORDER BY region")).ToList();
    }

    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM industry_indicators") == 0;
    }
}

/// <summary>An indicator as stored (its citation in four columns).</summary>
sealed class IndicatorRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string? NameZh { get; init; }
    public string Unit { get; init; } = "";
    public string? Currency { get; init; }
    public string? PriceBasis { get; init; }
    public string Frequency { get; init; } = "";
    public string? Definition { get; init; }
    public string? SourcePublication { get; init; }
    public string? SourceTable { get; init; }
    public string? SourcePage { get; init; }
    public string? SourceUrl { get; init; }
    public string? Measure { get; init; }

    public Indicator ToIndicator() => new(Id, Code, NameEn, NameZh, Unit, Currency, PriceBasis, Frequency, Definition,
        new Citation(SourcePublication, SourceTable, SourcePage, SourceUrl), Measure);
}

/// <summary>An observation as stored (its citation in four columns); see <see cref="SeriesStore.ObservationColumns"/>.</summary>
sealed class ObservationRow
{
    public string Period { get; init; } = "";
    public double Time { get; init; }
    public long Vintage { get; init; }
    public double Value { get; init; }
    public string? Printed { get; init; }
    public string? SourcePublication { get; init; }
    public string? SourceTable { get; init; }
    public string? SourcePage { get; init; }
    public string? SourceUrl { get; init; }
    public string? Note { get; init; }
    public string? ImportedFrom { get; init; }
    public string RecordedAt { get; init; } = "";
    public string RecordedBy { get; init; } = "";

    public StoredObservation ToObservation() => new(Period, Time, Vintage, Value, Printed, new Citation(SourcePublication, SourceTable, SourcePage, SourceUrl),
        Note, ImportedFrom, RecordedAt, RecordedBy);
}

/// <summary>The shown (latest-vintage) figure of a region and sub-sector in a period.</summary>
public sealed record LatestFigure(string Region, string Subsector, string Period, double Time, double Value);
