using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Import;
using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Modules.Industry;

/// <summary>One observation as an API client sends it: numbers, or cells as text copied from a statistics table ("1,235.0", "１２３５", "12.4%").</summary>
public sealed record SeriesPoint(JsonElement Period, JsonElement Value);

/// <summary>
/// A two-column indicator table (<c>period,value</c>) read into an <see cref="IndicatorSeries"/>. Values go through
/// <see cref="TableValue.Parse"/> with the yearbook convention (decimal point, comma groups thousands), so full-width digits,
/// grouping, % and 万/亿 read as printed; an ambiguous cell ("1.235") is an error, never a guess. A missing mark ("—", empty)
/// is a gap. Periods are sorted; a repeated period is an error. Every bad cell is reported with its row and column.
/// A caller who knows the file's decimal mark names it (<see cref="DecimalMarkNamed"/>), and "172.800" then reads as 172.8.
/// </summary>
public static class SeriesTable
{
    /// <summary>Reads a CSV (or .xlsx/.json with the same columns). Throws <see cref="DomainException"/> <c>bad_series</c> listing every bad cell.</summary>
    public static async Task<IndicatorSeries> ReadAsync(FileInfo file, TableValueOptions? cells, CancellationToken ct)
    {
        if (!file.Exists) throw new DomainException("not_found", $"{file.FullName} does not exist.", "series");
        await using var stream = file.OpenRead();
        var rows = new List<SourceRow>();
        await foreach (var row in TabularFile.ReadAsync(stream, file.Name, TabularFile.FormatOf(file.Name), ct: ct)) rows.Add(row);
        if (rows.Count > 0 && (!rows[0].Cells.ContainsKey("period") || !rows[0].Cells.ContainsKey("value")))
            throw new DomainException("bad_series", $"{file.Name}, row 1: the header must name the columns 'period' and 'value' (found {string.Join(", ", rows[0].Cells.Keys.Select(k => $"'{k}'"))}).", "series");
        var (series, errors) = Parse(file.Name, Path.GetFileNameWithoutExtension(file.Name),
            rows.Select(r => (r.Number, Period(r["period"]), TableValue.Parse(r["value"], cells))).ToList());
        if (errors.Count > 0)
            throw new DomainException("bad_series", string.Join(Environment.NewLine, errors.Take(20).Select(e => e.ToString()))
                + (errors.Count > 20 ? $"{Environment.NewLine}… and {errors.Count - 20} more." : ""), "series");
        return series!;
    }

    /// <summary>Reads API points; row n is the n-th point (from 1).</summary>
    public static (IndicatorSeries? Series, IReadOnlyList<RowError> Errors) FromPoints(IReadOnlyList<SeriesPoint>? points, string name, TableValueOptions? cells)
    {
        var options = cells ?? TableValueOptions.Default;
        var rows = (points ?? []).Select((p, i) => (i + 1, Cell(p.Period, TableValueOptions.Default, period: true), Cell(p.Value, options))).ToList();
        return Parse("series", name, rows);
    }

    /// <summary>A period cell: a number as in a value cell, "2017年" allowed.</summary>
    static TableValue Period(string? text) => TableValue.Parse(text?.Trim().TrimEnd('年'));

    /// <summary>A JSON number is taken as it is (it has no decimal-mark question); a string is a table cell.</summary>
    static TableValue Cell(JsonElement e, TableValueOptions options, bool period = false) => e.ValueKind switch
    {
        JsonValueKind.Number => new TableValue(e.GetRawText(), TableValueKind.Number, e.GetDouble(), 1, null, e.GetDouble(), null),
        JsonValueKind.String => period ? Period(e.GetString()) : TableValue.Parse(e.GetString(), options),
        JsonValueKind.Undefined or JsonValueKind.Null => TableValue.Parse(null),
        _ => new TableValue(e.GetRawText(), TableValueKind.Invalid, null, 1, null, null, "Not a number or text."),
    };

    /// <summary>Cell options for a declared decimal mark: null (not declared: a lone '.' before three digits is ambiguous),
    /// "point" ('.' always marks decimals, ',' groups) or "comma" (',' marks decimals, '.' groups).</summary>
    public static TableValueOptions DecimalMarkNamed(string? mark) => mark?.Trim().ToLowerInvariant() switch
    {
        null or "" => TableValueOptions.Default,
        "point" => new TableValueOptions(DecimalMark.Point, TrustDecimalMark: true),
        "comma" => new TableValueOptions(DecimalMark.Comma, TrustDecimalMark: true),
        _ => throw new DomainException("usage", $"Unknown decimal mark '{mark}'; use point or comma.", "decimal_mark"),
    };

    static (IndicatorSeries?, IReadOnlyList<RowError>) Parse(string file, string name, IReadOnlyList<(int Number, TableValue Period, TableValue Value)> rows)
    {
        var errors = new List<RowError>();
        var points = new List<(int Row, double Period, double Value)>();
        foreach (var row in rows)
        {
            double? period = null, value = null;
            var p = row.Period;
            if (p.Kind == TableValueKind.Missing) errors.Add(new RowError(file, row.Number, "period", "The period is missing."));
            else if (p.Kind != TableValueKind.Number || p.Multiplier != 1) errors.Add(new RowError(file, row.Number, "period", $"'{p.Text}' is not a period (a year such as 2017). {p.Reason}".TrimEnd()));
            else period = p.Value;
            var v = row.Value;
            switch (v.Kind)
            {
                case TableValueKind.Missing: break;   // a gap
                case TableValueKind.Number: value = v.Value; break;
                case TableValueKind.Ambiguous:
                    errors.Add(new RowError(file, row.Number, "value", $"'{v.Text}' is ambiguous: {v.Reason?.Replace(" Set TrustDecimalMark to accept the declared mark.", "")} Declare the decimal mark (point or comma) if the file uses one throughout."));
                    break;
                default: errors.Add(new RowError(file, row.Number, "value", $"'{v.Text}' is not a number: {v.Reason}")); break;
            }
            if (period is { } t && value is { } x) points.Add((row.Number, t, x));
        }
        foreach (var g in points.GroupBy(x => x.Period).Where(g => g.Count() > 1))
            errors.Add(new RowError(file, g.Skip(1).First().Row, "period", $"Period {g.Key} appears in rows {string.Join(", ", g.Select(x => x.Row))}; give each period once."));
        if (errors.Count == 0 && points.Count == 0) errors.Add(new RowError(file, 1, null, "The series has no values."));
        if (errors.Count > 0) return (null, errors);
        return (new IndicatorSeries(name, "", points.OrderBy(x => x.Period).Select(x => new Observation(x.Period, x.Value))), errors);
    }
}
