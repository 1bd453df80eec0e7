using System.Globalization;
using System.Text.RegularExpressions;
using Archipelago.Kernel;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>What is measured: a code (e.g. <c>output_value</c>), names, the unit the figures are stored in, currency and
/// price basis where they apply (current or constant prices), frequency (year, quarter, month), definition, source, and the
/// <see cref="Measure"/> it is offered to other modules as (<see cref="FactMeasure.Employment"/> for persons employed), which
/// the user sets: an indicator is never taken for employment because of its name or unit.</summary>
public sealed record Indicator(long Id, string Code, string NameEn, string? NameZh, string Unit, string? Currency, string? PriceBasis,
    string Frequency, string? Definition, Citation Source, string? Measure = null)
{
    public static readonly IReadOnlyList<string> Frequencies = ["year", "quarter", "month"];

    /// <summary>The kernel measures an industry indicator may be declared as.</summary>
    public static readonly IReadOnlyList<string> Measures = [FactMeasure.Employment];

    public string DisplayName(bool chinese) => chinese && NameZh is { Length: > 0 } zh ? zh : NameEn;

    /// <summary>Checks the rules: a code of lower-case letters, digits and '_'; a name; a unit; a known frequency.</summary>
    public Indicator Validated()
    {
        if (!Regex.IsMatch(Code ?? "", "^[a-z][a-z0-9_]{0,63}$"))
            throw new DomainException("bad_indicator_code", $"'{Code}' is not an indicator code: use lower-case letters, digits and '_' (e.g. output_value).", "code");
        if (string.IsNullOrWhiteSpace(NameEn)) throw new DomainException("missing_name", "An indicator needs a name.", "name_en");
        if (string.IsNullOrWhiteSpace(Unit)) throw new DomainException("missing_unit", "An indicator needs a unit (e.g. 'bn yuan', 'count').", "unit");
        if (!Frequencies.Contains(Frequency)) throw new DomainException("bad_frequency", $"Frequency is year, quarter or month, not '{Frequency}'.", "frequency");
        if (Measure is not null && !Measures.Contains(Measure))
            throw new DomainException("bad_measure", $"'{Measure}' is not a measure an indicator can be declared as; use {string.Join(", ", Measures)} or none.", "measure");
        Source.Validated();
        return this;
    }
}

/// <summary>A sub-sector of the industry; seed 000's eight are there from the start. The empty code is the whole industry.</summary>
public sealed record Subsector(string Code, string NameEn, string NameZh, long Position)
{
    public const string Total = "";
    public string DisplayName(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>One stored figure: the value of an indicator for a region, sub-sector and period, in one vintage.</summary>
public sealed record StoredObservation(string Period, double Time, long Vintage, double Value, string? Printed, Citation Source, string? Note,
    string? ImportedFrom, string RecordedAt, string RecordedBy);

/// <summary>Which series: an indicator for a region and sub-sector (<see cref="Subsector.Total"/> for the whole industry).</summary>
public sealed record SeriesKey(string Indicator, string Region, string Subsector)
{
    public override string ToString() => $"{Indicator} / {Region}{(Subsector.Length > 0 ? " / " + Subsector : "")}";
}

/// <summary>A series key with how much it holds.</summary>
/// <remarks>Settable properties rather than a constructor: SQLite types aggregate columns only when there are rows.</remarks>
public sealed record SeriesSummary
{
    public string Indicator { get; init; } = "";
    public string Region { get; init; } = "";
    public string Subsector { get; init; } = "";
    public long Periods { get; init; }
    public long Revised { get; init; }
    public string FirstPeriod { get; init; } = "";
    public string LastPeriod { get; init; } = "";
}

/// <summary>
/// A reporting period as statistics print it: a year (<c>2017</c>, <c>2017年</c>), a quarter (<c>2017Q1</c>, <c>2017-Q1</c>,
/// <c>2017年第1季度</c>) or a month (<c>2017-03</c>, <c>2017M03</c>, <c>2017年3月</c>); full-width digits are read.
/// Stored as <see cref="Text"/> (<c>2017</c>, <c>2017-Q1</c>, <c>2017-03</c>, which sort in time order within a frequency)
/// and <see cref="Time"/> in years (2017, 2017.0, 2017.25 for Q2, 2017 + 2/12 for March) for curve fits.
/// </summary>
public sealed partial record Period(string Text, double Time, string Frequency)
{
    [GeneratedRegex(@"^(?<y>\d{4})(年)?$")] private static partial Regex Year();
    [GeneratedRegex(@"^(?<y>\d{4})(年)?\s*[-/ ]?\s*(Q|第)(?<q>[1-4])(季度?)?$", RegexOptions.IgnoreCase)] private static partial Regex Quarter();
    [GeneratedRegex(@"^(?<y>\d{4})(年|\s*[-/.]\s*|M)(?<m>\d{1,2})(月)?$", RegexOptions.IgnoreCase)] private static partial Regex Month();

    public static Period? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = new string(text.Trim().Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray());
        if (t.EndsWith(".0", StringComparison.Ordinal)) t = t[..^2];   // a year a spreadsheet stored as a number
        if (Year().Match(t) is { Success: true } y) return new Period(y.Groups["y"].Value, int.Parse(y.Groups["y"].Value, CultureInfo.InvariantCulture), "year");
        if (Quarter().Match(t) is { Success: true } q)
        {
            int year = int.Parse(q.Groups["y"].Value, CultureInfo.InvariantCulture), n = int.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture);
            return new Period($"{year}-Q{n}", year + (n - 1) / 4.0, "quarter");
        }
        if (Month().Match(t) is { Success: true } m && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var month)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            return new Period($"{year}-{month:D2}", year + (month - 1) / 12.0, "month");
        }
        return null;
    }
}
