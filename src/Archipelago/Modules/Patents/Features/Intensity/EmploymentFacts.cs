using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Patents.Features.Intensity;

/// <summary>An employment figure for one year and where it came from (shown beside the intensity).</summary>
public sealed record EmploymentFigure(double Employees, string Source);

/// <summary>
/// Employment for patent intensity taken from other modules (the industry monitor) through the kernel's
/// <see cref="Kernel.Facts"/>: the series of measure <see cref="FactMeasure.Employment"/> on offer, and one series' value for a
/// year. A yearly point ("2019") is used as it is; a year given only in quarters or months ("2019Q1", "2019-03") is the
/// mean of its points, and the source says so.
/// </summary>
public sealed class EmploymentFacts(Kernel.Facts facts, Database db)
{
    public Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(CancellationToken ct = default) => facts.CatalogueAsync(db, FactMeasure.Employment, ct);

    public async Task<EmploymentFigure> ValueAsync(string seriesId, int year, CancellationToken ct = default)
    {
        var series = await facts.SeriesAsync(db, seriesId.Trim(), ct)
            ?? throw new DomainException("not_found", $"No employment series '{seriesId}'; list them with archipelago patents intensity --list-employment.", "employment_series");
        if (series.Info.Measure != FactMeasure.Employment)
            throw new DomainException("not_employment", $"Series '{seriesId}' ({series.Info.Label}) measures {series.Info.Measure}, not employment.", "employment_series");
        var y = year.ToString(CultureInfo.InvariantCulture);
        var label = $"{series.Info.Label} ({series.Info.Id}; {series.Source})";
        if (series.Points.FirstOrDefault(p => p.Period == y) is { } exact) return new EmploymentFigure(exact.Value, $"{label}, {y}");
        var within = series.Points.Where(p => p.Period.Length > 4 && p.Period.StartsWith(y, StringComparison.Ordinal) && !char.IsDigit(p.Period[4])).ToList();
        if (within.Count > 0)
            return new EmploymentFigure(within.Average(p => p.Value), $"{label}, mean of {within.Count} periods of {y} ({string.Join(", ", within.Select(p => p.Period))})");
        throw new DomainException("no_value", $"{series.Info.Label} has no value for {y}; it covers {string.Join(", ", series.Points.Select(p => p.Period).Take(12))}.", "year");
    }
}
