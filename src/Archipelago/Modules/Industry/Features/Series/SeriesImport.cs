using System.Data.Common;
using System.Globalization;
using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Import;
using Archipelago.Numerics.TimeSeries;
using Dapper;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>What an import did (or, in a dry run, would do). Nothing is stored when <see cref="ErrorCount"/> is above zero.</summary>
public sealed record SeriesImportOutcome(string File, string Layout, long Rows, long Figures, long Created, long Revised, long Unchanged, long Gaps,
    IReadOnlyList<string> NewIndicators, long ErrorCount, IReadOnlyList<RowError> Errors, IReadOnlyList<string> Warnings, bool Committed)
{
    public bool Ok => ErrorCount == 0;
}

/// <summary>
/// Imports indicator figures from CSV, XLSX or JSON, all or nothing per file. Two layouts, told apart by the header:
/// <b>long</b> — one figure per row, columns <c>indicator, region, [subsector], period, value</c>; <b>wide</b> — as statistics
/// yearbooks print them, one row per indicator/region/sub-sector and one column per period (<c>2010, 2011, …</c> or
/// <c>2017年</c>, <c>2017Q1</c>, <c>2017-03</c>). Optional columns: the citation <c>source_publication, source_table, source_page,
/// source_url</c> (<c>source</c> is read as the publication, as files before structured sources wrote it), <c>note</c>, and to create
/// an indicator on the way <c>unit</c> (required for that), <c>indicator_name, name_zh, currency, price_basis, frequency, definition,
/// measure</c>. In a wide table a row's citation covers every period of the row (a yearbook row comes from one table); the
/// caller may give a citation for the whole file, whose parts fill in what a row leaves empty.
/// A figure equal to the stored one (same value and citation) is unchanged; a different one adds a vintage, and the old stays.
/// Cells are read by <see cref="TableValue"/>: gaps (—, empty) are skipped, anything ambiguous or unreadable is a row error,
/// as is a percentage or a 万/亿 magnitude in an indicator whose unit would make it mean something else.
/// </summary>
public sealed class SeriesImport(Database db, TimeProvider clock)
{
    public const int MaxErrorsListed = 100;

    static readonly string[] IndicatorColumns = ["indicator", "indicator_code", "code"];
    static readonly string[] SubsectorColumns = ["subsector", "sub_sector", "sector"];
    static readonly string[] PeriodColumns = ["period", "year"];
    static readonly HashSet<string> Descriptive = ["indicator", "indicator_code", "code", "region", "subsector", "sub_sector", "sector", "source", "note",
        "source_publication", "source_table", "source_page", "source_url", "measure",
        "unit", "indicator_name", "name", "name_en", "name_zh", "currency", "price_basis", "frequency", "definition", "printed", "vintage", "recorded_at", "recorded_by"];
    static readonly HashSet<string> TotalWords = ["", "all", "total", "合计", "总计", "全行业"];
    // Units in which a 万/亿 written in the cell scales the number unambiguously (a count or a plain currency unit).
    static readonly HashSet<string> PlainUnits = ["count", "enterprises", "persons", "people", "patents", "yuan", "usd", "元", "个", "人", "家", "件", "项"];

    const string TwoRowHeader = "If the table's header spans two rows (a merged title cell such as 'Output value' above the years), keep a single header row: indicator, region, subsector, then one column per period.";

    sealed record Figure(int Row, string Column, string Indicator, string Region, string Subsector, Period Period, double Value, string Printed, Citation Source, string? Note);
    sealed record NewIndicator(int Row, Indicator Indicator);

    public async Task<SeriesImportOutcome> RunAsync(Stream stream, string fileName, bool commit, string user, TableValueOptions? cells = null,
        System.Text.Encoding? encoding = null, Action<double>? progress = null, Citation? source = null, CancellationToken ct = default)
    {
        var fileSource = (source ?? Citation.None).Normalised();
        if (fileSource.Problem() is { } urlProblem)
            return new SeriesImportOutcome(Path.GetFileName(fileName), "unknown", 0, 0, 0, 0, 0, 0, [], 1, [new RowError(Path.GetFileName(fileName), 1, "source_url", urlProblem)], [], false);
        var file = Path.GetFileName(fileName);
        // A workbook's (or JSON's) numbers reach us written with '.' as the decimal mark, so "1.235" there is 1.235, not a
        // question; a CSV's cells are text as typed, and stay subject to the ambiguity rule unless the caller declares a mark.
        if (TabularFile.FormatOf(file) is TabularFormat.Xlsx or TabularFormat.Json && (cells is null || cells == TableValueOptions.Default))
            cells = new TableValueOptions(DecimalMark.Point, TrustDecimalMark: true);
        var store = new SeriesStore(db, clock);
        var indicators = (await store.IndicatorsAsync(ct)).ToDictionary(i => i.Code);
        var subsectors = await store.SubsectorsAsync(ct);
        var created = new Dictionary<string, NewIndicator>();
        var errors = new List<RowError>();
        var warnings = new List<string>();
        var figures = new List<Figure>();
        long rows = 0, gaps = 0;
        string? layout = null;
        List<(string Column, Period Period)> periodColumns = [];
        try
        {
            await foreach (var row in TabularFile.ReadAsync(stream, file, TabularFile.FormatOf(file), encoding, p => progress?.Invoke(p * 0.8), ct))
            {
                rows++;
                if (layout is null)
                {
                    (layout, periodColumns) = Layout(file, row.Cells.Keys.ToList());
                    if (layout == "wide" && periodColumns.Select(p => p.Period.Frequency).Distinct().Count() > 1)
                        throw new ImportFileException(file, "the period columns mix years, quarters and months; put each frequency in its own file.", 1);
                }
                var indicatorCode = First(row, IndicatorColumns);
                var region = row["region"];
                var subsectorText = First(row, SubsectorColumns);
                var before = errors.Count;
                if (indicatorCode is null) errors.Add(new RowError(file, row.Number, "indicator", "The indicator code is missing."));
                if (region is null) errors.Add(new RowError(file, row.Number, "region", "The region is missing (e.g. China, Guangdong)."));
                var subsector = Subsector(subsectorText, subsectors);
                if (subsector is null)
                    errors.Add(new RowError(file, row.Number, "subsector", $"'{subsectorText}' is not a sub-sector; use a code or name of: {string.Join(", ", subsectors.Select(s => s.Code))} (or leave empty for the whole industry)."));
                var citation = CitationOf(file, row, fileSource, errors);
                Indicator? indicator = null;
                if (indicatorCode is not null)
                    indicator = IndicatorOf(file, row, indicatorCode.ToLowerInvariant(), citation, indicators, created, errors);
                var cellsOfRow = layout == "long"
                    ? [(PeriodColumns.First(row.Cells.ContainsKey), First(row, PeriodColumns), Period.TryParse(First(row, PeriodColumns)), row["value"])]
                    : periodColumns.Select(p => (p.Column, (string?)p.Column, (Period?)p.Period, row[p.Column])).ToList();
                foreach (var (column, periodText, period, text) in cellsOfRow)
                {
                    if (period is null)
                    {
                        errors.Add(new RowError(file, row.Number, column, periodText is null ? "The period is missing." : $"'{periodText}' is not a period: write a year (2017), quarter (2017Q1) or month (2017-03)."));
                        continue;
                    }
                    var value = TableValue.Parse(text, cells);
                    if (value.Kind == TableValueKind.Missing) { gaps++; continue; }
                    if (value.Kind == TableValueKind.Ambiguous)
                    {
                        errors.Add(new RowError(file, row.Number, layout == "long" ? "value" : column, $"'{value.Text}' is ambiguous: {value.Reason?.Replace(" Set TrustDecimalMark to accept the declared mark.", "")} Declare the decimal mark (point or comma) if the file uses one throughout."));
                        continue;
                    }
                    if (value.Kind != TableValueKind.Number)
                    {
                        errors.Add(new RowError(file, row.Number, layout == "long" ? "value" : column, $"'{value.Text}' is not a number: {value.Reason}"));
                        continue;
                    }
                    if (indicator is null || subsector is null || region is null || errors.Count > before) continue;
                    if (period.Frequency != indicator.Frequency)
                    {
                        errors.Add(new RowError(file, row.Number, column, $"'{periodText}' is a {period.Frequency}, but indicator '{indicator.Code}' is reported by {indicator.Frequency}."));
                        continue;
                    }
                    if (Scaled(value, indicator) is not { } scaled)
                    {
                        errors.Add(new RowError(file, row.Number, layout == "long" ? "value" : column,
                            $"'{value.Text}' carries its own scale ({(value.Multiplier < 1 ? "a percentage" : $"×{value.Multiplier:G}")}) but indicator '{indicator.Code}' is in '{indicator.Unit}'; write the figure in '{indicator.Unit}' (which reading was meant is not clear)."));
                        continue;
                    }
                    figures.Add(new Figure(row.Number, column, indicator.Code, region.Trim(), subsector, period, scaled, value.Text.Trim(), citation, row["note"]));
                }
            }
        }
        catch (ImportFileException e)
        {
            // The exception's message already names file and row; keep only the reason.
            var prefix = e.Row is null ? $"{e.File}: " : $"{e.File}, row {e.Row}: ";
            var reason = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            if (reason.Contains("fields but the header has", StringComparison.Ordinal) || reason.Contains("is empty", StringComparison.Ordinal))
                reason += " " + TwoRowHeader;
            errors.Add(new RowError(e.File, e.Row ?? 1, null, reason));
        }
        if (layout is null && errors.Count == 0) errors.Add(new RowError(file, 1, null, "The file has a header but no rows."));
        foreach (var g in figures.GroupBy(f => (f.Indicator, f.Region, f.Subsector, f.Period.Text)).Where(g => g.Count() > 1))
            errors.Add(new RowError(file, g.Skip(1).First().Row, g.Skip(1).First().Column,
                $"{g.Key.Indicator} / {g.Key.Region}{(g.Key.Subsector.Length > 0 ? " / " + g.Key.Subsector : "")} / {g.Key.Text} is given more than once (rows {string.Join(", ", g.Select(f => f.Row))})."));

        var errorCount = errors.Count;
        var listed = errors.OrderBy(e => e.Row).Take(MaxErrorsListed).ToList();
        if (errorCount > 0)
            return new SeriesImportOutcome(file, layout ?? "unknown", rows, figures.Count, 0, 0, 0, gaps, created.Keys.Order().ToList(), errorCount, listed, warnings, false);

        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await db.Dialect.LockAsync(c, tx, "industry_observations", ct);
        var now = clock.GetUtcNow().ToString("O");
        foreach (var n in created.Values)
        {
            var id = await c.ExecuteScalarAsync<long>(SeriesStore.InsertIndicator, SeriesStore.IndicatorParameters(n.Indicator, now), tx);
            indicators[n.Indicator.Code] = n.Indicator with { Id = id };
        }
        var latest = await LatestAsync(c, tx, figures.Select(f => indicators[f.Indicator].Id).Distinct().ToList());
        long added = 0, revised = 0, unchanged = 0;
        var inserts = new List<object?[]>();
        foreach (var f in figures)
        {
            var id = indicators[f.Indicator].Id;
            if (latest.TryGetValue((id, f.Region, f.Subsector, f.Period.Text), out var old))
            {
                if (Same(old.Value, f.Value) && old.Source == f.Source) { unchanged++; continue; }
                revised++;
                inserts.Add(Row(id, f, old.Vintage + 1));
            }
            else
            {
                added++;
                inserts.Add(Row(id, f, 1));
            }
        }
        object?[] Row(long id, Figure f, long vintage) =>
            [id, f.Region, f.Subsector, f.Period.Text, f.Period.Time, vintage, f.Value, f.Printed, f.Source.Publication, f.Source.Table, f.Source.Page, f.Source.Url, f.Note, file, now, user];
        await db.Dialect.BulkInsertAsync(c, tx, "industry_observations",
            ["indicator_id", "region", "subsector", "period", "time", "vintage", "value", "printed", "source_publication", "source_table", "source_page", "source_url", "note", "imported_from", "recorded_at", "recorded_by"], inserts, ct);
        if (commit)
        {
            await Audit.WriteAsync(c, tx, clock, user, "industry.import", "industry_observations", file,
                $"{added} new, {revised} revised, {unchanged} unchanged figures; {created.Count} new indicators");
            await tx.CommitAsync(ct);
        }
        else await tx.RollbackAsync(ct);
        progress?.Invoke(1);
        return new SeriesImportOutcome(file, layout!, rows, figures.Count, added, revised, unchanged, gaps, created.Keys.Order().ToList(), 0, [], warnings, commit);
    }

    /// <summary>Equal as stored figures: the same double, or within 1e-12 relative (a value that went through text and back).</summary>
    static bool Same(double a, double b) => a == b || Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));

    static async Task<Dictionary<(long, string, string, string), (double Value, Citation Source, long Vintage)>> LatestAsync(DbConnection c, DbTransaction tx, IReadOnlyList<long> ids)
    {
        var result = new Dictionary<(long, string, string, string), (double, Citation, long)>();
        foreach (var id in ids)
        {
            var rows = await c.QueryAsync<(long IndicatorId, string Region, string Subsector, string Period, double Value, string? Publication, string? Table, string? Page, string? Url, long Vintage)>(
                $"SELECT o.indicator_id, o.region, o.subsector, o.period, o.value, o.source_publication, o.source_table, o.source_page, o.source_url, o.vintage FROM industry_observations o WHERE o.indicator_id = @id AND {SeriesStore.IsLatest}", new { id }, tx);
            foreach (var r in rows) result[(r.IndicatorId, r.Region, r.Subsector, r.Period)] = (r.Value, new Citation(r.Publication, r.Table, r.Page, r.Url), r.Vintage);
        }
        return result;
    }

    /// <summary>The value in the indicator's unit. A percentage is a fraction (or percentage points when the unit is '%');
    /// a 万/亿 magnitude scales a count or plain currency unit only. Null: the cell's own scale contradicts the unit.</summary>
    static double? Scaled(TableValue v, Indicator indicator)
    {
        if (v.Multiplier == 1) return v.Value;
        var unit = indicator.Unit.Trim().ToLowerInvariant();
        if (v.Multiplier < 1) return unit switch { "fraction" or "ratio" => v.Value, "%" or "percent" => v.Number * (v.Multiplier / 0.01), _ => null };
        return PlainUnits.Contains(unit) ? v.Value : null;
    }

    static (string Layout, List<(string Column, Period Period)> Periods) Layout(string file, IReadOnlyList<string> header)
    {
        var periods = header.Where(h => !Descriptive.Contains(h)).Select(h => (Column: h, Period: Period.TryParse(h))).ToList();
        var hasLong = PeriodColumns.Any(header.Contains) && header.Contains("value");
        var wide = periods.Where(p => p.Period is not null).Select(p => (p.Column, p.Period!)).ToList();
        if (!IndicatorColumns.Any(header.Contains))
            throw new ImportFileException(file, "the header must have an 'indicator' column (the indicator's code).", 1);
        if (hasLong && wide.Count == 0) return ("long", []);
        if (wide.Count > 0 && !hasLong)
        {
            var stray = periods.Where(p => p.Period is null && p.Column != "value" && !PeriodColumns.Contains(p.Column)).Select(p => p.Column).ToList();
            if (stray.Count > 0)
                throw new ImportFileException(file, $"in a wide table every column other than {string.Join(", ", Descriptive.Take(10))}… must be a period; '{string.Join("', '", stray)}' is not (merged or repeated header cells?).", 1);
            return ("wide", wide);
        }
        if (hasLong)
            throw new ImportFileException(file, $"the header has both 'period'/'value' columns (long layout) and period columns ({string.Join(", ", wide.Select(w => w.Item1))}); use one layout.", 1);
        throw new ImportFileException(file, "the header has neither 'period' and 'value' columns (long layout) nor period columns such as 2017 or 2017Q1 (wide layout). " + TwoRowHeader, 1);
    }

    static string? First(SourceRow row, string[] columns) => columns.Select(c => row[c]).FirstOrDefault(v => v is not null);

    /// <summary>A sub-sector by code, English or Chinese name; empty, "all", "total", "合计" is the whole industry. Null: unknown.</summary>
    static string? Subsector(string? text, IReadOnlyList<Subsector> subsectors)
    {
        var t = (text ?? "").Trim();
        if (TotalWords.Contains(t.ToLowerInvariant())) return Series.Subsector.Total;
        return subsectors.FirstOrDefault(s => s.Code.Equals(t, StringComparison.OrdinalIgnoreCase) || s.NameEn.Equals(t, StringComparison.OrdinalIgnoreCase) || s.NameZh == t)?.Code;
    }

    /// <summary>The row's citation: its own source columns (<c>source</c> is the publication of files written before structured
    /// sources), each part the file's where the row has none. An unreadable URL or a <c>source</c> that contradicts
    /// <c>source_publication</c> is a row error.</summary>
    static Citation CitationOf(string file, SourceRow row, Citation fileSource, List<RowError> errors)
    {
        string? legacy = row["source"]?.Trim(), publication = row["source_publication"]?.Trim();
        if (legacy is { Length: > 0 } && publication is { Length: > 0 } && legacy != publication)
            errors.Add(new RowError(file, row.Number, "source", $"'source' ('{legacy}') and 'source_publication' ('{publication}') disagree; 'source' is the publication of older files, give one of them."));
        var citation = new Citation(publication is { Length: > 0 } ? publication : legacy, row["source_table"], row["source_page"], row["source_url"]).Normalised().Or(fileSource);
        if (citation.Problem() is { } problem) errors.Add(new RowError(file, row.Number, "source_url", problem));
        return citation;
    }

    /// <summary>The row's indicator: a stored one (its unit and measure must agree with unit and measure columns), one this
    /// file creates, or an error.</summary>
    static Indicator? IndicatorOf(string file, SourceRow row, string code, Citation citation, Dictionary<string, Indicator> stored, Dictionary<string, NewIndicator> created, List<RowError> errors)
    {
        var unit = row["unit"];
        var measure = row["measure"]?.Trim().ToLowerInvariant();
        if (stored.TryGetValue(code, out var known) || created.TryGetValue(code, out var fresh) && (known = fresh.Indicator) is not null)
        {
            if (unit is not null && !unit.Equals(known.Unit, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new RowError(file, row.Number, "unit", $"Indicator '{code}' is in '{known.Unit}'{(created.ContainsKey(code) ? $" (row {created[code].Row})" : "")}, this row says '{unit}'. Mixed units are not converted: convert the figures or use another indicator."));
                return null;
            }
            if (measure is { Length: > 0 } && measure != known.Measure)
            {
                errors.Add(new RowError(file, row.Number, "measure", $"Indicator '{code}' is declared as measure '{known.Measure ?? "none"}', this row says '{measure}'. Change an indicator's measure through its description (PUT /api/industry/indicators/{code}), not in an import."));
                return null;
            }
            return known;
        }
        if (unit is null)
        {
            errors.Add(new RowError(file, row.Number, "indicator", $"There is no indicator '{code}'. Create it first, or give 'unit' (and 'indicator_name') columns to create it with this import."));
            return null;
        }
        var periodText = row["period"] ?? row["year"];
        var frequency = row["frequency"]?.ToLowerInvariant() ?? (periodText is not null ? Period.TryParse(periodText)?.Frequency : null) ?? "year";
        var indicator = new Indicator(0, code, row["indicator_name"] ?? row["name_en"] ?? row["name"] ?? code, row["name_zh"], unit, row["currency"], row["price_basis"],
            frequency, row["definition"], citation.Problem() is null ? citation : citation with { Url = null }, measure is { Length: > 0 } ? measure : null);
        try { indicator.Validated(); }
        catch (DomainException e)
        {
            errors.Add(new RowError(file, row.Number, e.Field ?? "indicator", e.Message));
            return null;
        }
        created[code] = new NewIndicator(row.Number, indicator);
        return indicator;
    }
}
