using System.Globalization;
using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry.Features.Series;
using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Modules.Industry.Features.Facts;

/// <summary>Where a fitted series came from: the module that offered it, its id, label, measure, unit and source, and whether
/// its values were summed into a running total before the fit.</summary>
public sealed record FactOrigin(string Module, string Id, string Label, string Measure, string Unit, string Source, bool Cumulated);

/// <summary>The life cycle of another module's series: where it came from, the assessment, and notes on how the values
/// were prepared (gaps in a running total).</summary>
public sealed record FactLifeCycleReport(FactOrigin Origin, LifeCycleReport Report, [property: JsonPropertyName("preparation")] IReadOnlyList<string> Preparation);

/// <summary>
/// Life cycle of a series another module offers through the kernel (<see cref="Kernel.Facts"/>) — above all patents per
/// priority or filing year from the Patents module, which is a count per year: by default it is summed into a running total
/// and fitted as a cumulative series (Bass as well as logistic and Gompertz; decline judged on the yearly counts), the way a
/// technology's cumulative patenting traces its S-curve. With <c>cumulate: false</c> the values are fitted as a level.
/// A year missing from the offered series is not invented: the note says the running total carries through it (as zero);
/// periods before the first count (a running total of zero) are left out, and the note says so.
/// </summary>
public static class FactLifeCycle
{
    /// <summary>The series other modules offer for a life-cycle fit (measure <see cref="FactMeasure.Patents"/>).</summary>
    public static Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Kernel.Facts facts, Database db, CancellationToken ct) =>
        facts.CatalogueAsync(db, FactMeasure.Patents, ct);

    public static async Task<FactLifeCycleReport> AssessAsync(Kernel.Facts facts, Database db, string id, bool cumulate, int forecast, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new DomainException("missing_fact", "Name the series (its id from the catalogue, e.g. patents:…).", "fact");
        var s = await facts.SeriesAsync(db, id, ct) ?? throw new DomainException("not_found", $"No module offers a series '{id}' (deleted since, or a mistyped id).", "fact");
        var (series, notes) = Prepare(s, cumulate);
        var origin = new FactOrigin(id.Split(':', 2)[0], s.Info.Id, s.Info.Label, s.Info.Measure, s.Info.Unit, s.Source, cumulate);
        return new FactLifeCycleReport(origin, LifeCycleReport.Assess(series, cumulate, forecast), notes);
    }

    /// <summary>The offered points as a series in time order, summed into a running total when <paramref name="cumulate"/>.</summary>
    public static (IndicatorSeries Series, IReadOnlyList<string> Notes) Prepare(FactSeries s, bool cumulate)
    {
        var points = new List<(Period Period, double Value)>();
        foreach (var p in s.Points)
        {
            var period = Period.TryParse(p.Period) ?? throw new DomainException("bad_period", $"{s.Info.Id}: '{p.Period}' is not a period the industry monitor reads.", "fact");
            points.Add((period, p.Value));
        }
        points = points.OrderBy(p => p.Period.Time).ToList();
        if (points.Select(p => p.Period.Text).Distinct().Count() < points.Count)
            throw new DomainException("bad_series", $"{s.Info.Id} gives a period twice.", "fact");
        var notes = new List<string>();
        if (cumulate)
        {
            if (points.Any(p => p.Value < 0)) throw new DomainException("bad_series", $"{s.Info.Id} has negative counts; a running total of them means nothing.", "fact");
            if (points.Count > 0 && points.All(p => p.Period.Frequency == "year"))
            {
                var years = points.Select(p => (int)p.Period.Time).ToHashSet();
                var missing = Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).Where(y => !years.Contains(y)).ToList();
                if (missing.Count > 0)
                    notes.Add($"No figure for {string.Join(", ", missing.Select(y => y.ToString(CultureInfo.InvariantCulture)))} in the offered series; the running total carries through unchanged there (those years count as zero) and they are not plotted.");
            }
            var total = 0.0;
            points = points.Select(p => (p.Period, total += p.Value)).ToList();
            // Before the first count the running total is zero, which no S-curve takes: the curve starts with the first one.
            var leading = points.TakeWhile(p => p.Value == 0).Count();
            if (leading > 0 && leading < points.Count)
            {
                notes.Add($"The running total is zero before {points[leading].Period.Text}; the fit starts there ({leading} earlier periods without any left out).");
                points = points.Skip(leading).ToList();
            }
            notes.Add($"Fitted to the running total of {s.Info.Label} ({points.Count} periods, {total.ToString("G6", CultureInfo.InvariantCulture)} in all).");
        }
        return (new IndicatorSeries(s.Info.Label, s.Info.Unit, points.Select(p => new Observation(p.Period.Time, p.Value))), notes);
    }
}
