using System.Globalization;
using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>One point of a derived series: the period as stored, its time in years, the value, and the inputs it came from.</summary>
public sealed record DerivedPoint(string Period, double Time, double Value, IReadOnlyDictionary<string, double> Inputs);

/// <summary>A figure derived from stored series: what it is (<c>kind</c>, <c>formula</c>), its unit, the points, and notes on
/// periods left out (a period is derived only where every input has a figure).</summary>
public sealed record DerivedSeries(string Kind, string Name, string Formula, string Unit, IReadOnlyList<DerivedPoint> Points, IReadOnlyList<string> Notes);

/// <summary>What to derive. <c>kind</c>: <c>yoy</c>, <c>cagr</c> (over <c>from</c>–<c>to</c>, default first–last), <c>index</c>
/// (to <c>base</c>), <c>share</c> (each sub-sector of the region's total; with <c>of_region</c>, each region of that region),
/// <c>ratio</c> (÷ <c>per</c>, an indicator of the same region and sub-sector: margins, per capita, per employee, patent intensity),
/// <c>lq</c> (location quotient of the sub-sector in the region against <c>of_region</c>, the nation), <c>deflate</c> (by the price
/// index <c>per</c>, to <c>base</c>-period prices).</summary>
public sealed record DeriveRequest(string Kind, string Indicator, string Region, string? Subsector = null, string? Per = null,
    [property: JsonPropertyName("of_region")] string? OfRegion = null, string? Base = null, string? From = null, string? To = null);

/// <summary>
/// Analyses of stored series: a series as the numerics see it (latest vintage, time in years), its growth report and life
/// cycle, and the derived figures of issue 8 §2. The arithmetic is <see cref="Indicators"/>' (tested against the seeds' own
/// figures); this class only lines up the stored inputs period by period and says what it left out.
/// </summary>
public sealed class SeriesAnalysis(SeriesStore store)
{
    public static readonly IReadOnlyList<string> Kinds = ["yoy", "cagr", "index", "share", "ratio", "lq", "deflate"];

    /// <summary>The latest-vintage figures of a series. Throws <c>not_found</c> when the indicator or the series is not there.</summary>
    public async Task<(Indicator Indicator, IReadOnlyList<StoredObservation> Figures, IndicatorSeries Series)> LoadAsync(SeriesKey key, CancellationToken ct = default)
    {
        var indicator = await store.IndicatorAsync(key.Indicator, ct) ?? throw new DomainException("not_found", $"There is no indicator '{key.Indicator}'.", "indicator");
        var figures = await store.ObservationsAsync(key, false, ct);
        if (figures.Count == 0) throw new DomainException("not_found", $"There are no figures for {key}.", "region");
        return (indicator, figures, new IndicatorSeries($"{key.Indicator} {key.Region}{(key.Subsector.Length > 0 ? " " + key.Subsector : "")}", indicator.Unit,
            figures.Select(f => new Observation(f.Time, f.Value))));
    }

    public async Task<GrowthReport> GrowthAsync(SeriesKey key, CancellationToken ct = default) => GrowthReport.Of((await LoadAsync(key, ct)).Series);

    public async Task<LifeCycleReport> LifeCycleAsync(SeriesKey key, bool cumulative, int forecast, CancellationToken ct = default) =>
        LifeCycleReport.Assess((await LoadAsync(key, ct)).Series, cumulative, forecast);

    public async Task<DerivedSeries> DeriveAsync(DeriveRequest r, CancellationToken ct = default)
    {
        var kind = r.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!Kinds.Contains(kind)) throw new DomainException("bad_kind", $"'{r.Kind}' is not a derivation; use one of {string.Join(", ", Kinds)}.", "kind");
        var key = new SeriesKey(r.Indicator, r.Region, r.Subsector ?? Subsector.Total);
        var (indicator, figures, series) = await LoadAsync(key, ct);
        var notes = new List<string>();
        switch (kind)
        {
            case "yoy":
            {
                var byTime = figures.ToDictionary(f => f.Time);
                var points = Indicators.YearOnYear(series).Select(g => new DerivedPoint(byTime[g.To].Period, g.To, g.Rate,
                    new Dictionary<string, double> { [byTime[g.From].Period] = byTime[g.From].Value, [byTime[g.To].Period] = byTime[g.To].Value })).ToList();
                if (points.Count < figures.Count - 1) notes.Add("No growth across gaps between periods.");
                return new DerivedSeries(kind, $"{indicator.NameEn}, growth on the previous year", "x_t / x_(t-1) − 1", "fraction", points, notes);
            }
            case "cagr":
            {
                var from = Figure(figures, r.From, key, "from") ?? figures[0];
                var to = Figure(figures, r.To, key, "to") ?? figures[^1];
                if (!(to.Time > from.Time)) throw new DomainException("bad_span", $"The span must run forward in time ({from.Period} → {to.Period}).", "to");
                if (!(from.Value > 0 && to.Value > 0)) throw new DomainException("non_positive", $"A compound growth rate needs positive values at both ends ({from.Value:G6}, {to.Value:G6}).", "from");
                var rate = Indicators.CompoundAnnualGrowth(from.Value, to.Value, to.Time - from.Time);
                return new DerivedSeries(kind, $"{indicator.NameEn}, compound annual growth {from.Period}–{to.Period}", "(x_to / x_from)^(1 / years) − 1", "fraction",
                    [new DerivedPoint(to.Period, to.Time, rate, new Dictionary<string, double> { [from.Period] = from.Value, [to.Period] = to.Value, ["years"] = to.Time - from.Time, ["multiple"] = to.Value / from.Value })], notes);
            }
            case "index":
            {
                var b = Figure(figures, r.Base, key, "base") ?? figures[0];
                if (b.Value == 0) throw new DomainException("zero_base", $"The base period {b.Period} is zero.", "base");
                return new DerivedSeries(kind, $"{indicator.NameEn}, index {b.Period} = 100", "100 · x_t / x_base", "index",
                    figures.Select(f => new DerivedPoint(f.Period, f.Time, 100 * f.Value / b.Value, new Dictionary<string, double> { ["value"] = f.Value, ["base"] = b.Value })).ToList(), notes);
            }
            case "ratio":
            {
                if (string.IsNullOrWhiteSpace(r.Per)) throw new DomainException("missing_per", "A ratio needs the denominator indicator ('per').", "per");
                var (perIndicator, perFigures, _) = await LoadAsync(key with { Indicator = r.Per }, ct);
                var points = Pair(figures, perFigures, notes, perIndicator.Code, (x, n) => n == 0 ? null : x / n);
                return new DerivedSeries(kind, $"{indicator.NameEn} per {perIndicator.NameEn}", $"{indicator.Code} / {perIndicator.Code}", $"{indicator.Unit} / {perIndicator.Unit}", points, notes);
            }
            case "deflate":
            {
                if (string.IsNullOrWhiteSpace(r.Per)) throw new DomainException("missing_per", "Deflating needs the price index indicator ('per').", "per");
                var (priceIndicator, prices, _) = await LoadAsync(key with { Indicator = r.Per }, ct);
                var b = Figure(prices, r.Base, key with { Indicator = r.Per }, "base") ?? throw new DomainException("missing_base", "Deflating needs the base period ('base').", "base");
                var points = Pair(figures, prices, notes, priceIndicator.Code, (x, p) => p > 0 ? x * b.Value / p : null);
                return new DerivedSeries(kind, $"{indicator.NameEn} at {b.Period} prices", $"{indicator.Code} · P_{b.Period} / P_t ({priceIndicator.Code})", indicator.Unit, points, notes);
            }
            case "share":
            {
                var latest = await store.LatestAsync(indicator.Code, null, ct);
                var points = new List<DerivedPoint>();
                if (r.OfRegion is { } whole)
                {
                    // The region's share of a larger region (a province in the nation), for the same sub-sector.
                    var totals = latest.Where(l => l.Region == whole && l.Subsector == key.Subsector).ToDictionary(l => l.Period);
                    foreach (var f in figures)
                        if (totals.TryGetValue(f.Period, out var t) && t.Value > 0)
                            points.Add(new DerivedPoint(f.Period, f.Time, f.Value / t.Value, new Dictionary<string, double> { [key.Region] = f.Value, [whole] = t.Value }));
                        else notes.Add($"{f.Period}: no positive figure for {whole}.");
                    return new DerivedSeries(kind, $"{indicator.NameEn}, {key.Region}'s share of {whole}", $"x_{key.Region} / x_{whole}", "fraction", points, notes);
                }
                if (key.Subsector.Length == 0) throw new DomainException("missing_subsector", "A sub-sector's share of the industry needs a sub-sector (or give of_region for a region's share).", "subsector");
                var industry = latest.Where(l => l.Region == key.Region && l.Subsector == Subsector.Total).ToDictionary(l => l.Period);
                var parts = latest.Where(l => l.Region == key.Region && l.Subsector.Length > 0).GroupBy(l => l.Period).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
                foreach (var f in figures)
                {
                    if (industry.TryGetValue(f.Period, out var t) && t.Value > 0)
                    {
                        points.Add(new DerivedPoint(f.Period, f.Time, f.Value / t.Value, new Dictionary<string, double> { [key.Subsector] = f.Value, ["industry"] = t.Value }));
                        // Sub-sectors that add up to more than the whole mean mixed units or double counting.
                        if (parts.TryGetValue(f.Period, out var sum) && sum > t.Value * 1.001)
                            notes.Add($"{f.Period}: the sub-sectors add up to {sum:G6}, more than the industry total {t.Value:G6} — check units and definitions.");
                    }
                    else notes.Add($"{f.Period}: no positive industry total.");
                }
                return new DerivedSeries(kind, $"{indicator.NameEn}, {key.Subsector}'s share of the industry in {key.Region}", $"x_{key.Subsector} / x_industry", "fraction", points, notes);
            }
            default: // lq
            {
                if (key.Subsector.Length == 0) throw new DomainException("missing_subsector", "A location quotient is of a sub-sector ('subsector').", "subsector");
                if (string.IsNullOrWhiteSpace(r.OfRegion)) throw new DomainException("missing_of_region", "A location quotient compares the region with the nation ('of_region').", "of_region");
                var latest = (await store.LatestAsync(indicator.Code, null, ct)).ToDictionary(l => (l.Region, l.Subsector, l.Period));
                var points = new List<DerivedPoint>();
                foreach (var f in figures)
                {
                    if (latest.TryGetValue((key.Region, Subsector.Total, f.Period), out var rt) && latest.TryGetValue((r.OfRegion, key.Subsector, f.Period), out var ni)
                        && latest.TryGetValue((r.OfRegion, Subsector.Total, f.Period), out var nt) && rt.Value > 0 && ni.Value > 0 && nt.Value > 0)
                        points.Add(new DerivedPoint(f.Period, f.Time, Indicators.LocationQuotient(f.Value, rt.Value, ni.Value, nt.Value), new Dictionary<string, double>
                            { ["region_subsector"] = f.Value, ["region_total"] = rt.Value, ["nation_subsector"] = ni.Value, ["nation_total"] = nt.Value }));
                    else notes.Add($"{f.Period}: the region's industry total and the nation's sub-sector and total figures are all needed (and positive).");
                }
                return new DerivedSeries(kind, $"Location quotient of {key.Subsector} in {key.Region} against {r.OfRegion} ({indicator.NameEn})",
                    "(e_ir / e_r) / (E_i / E)", "ratio", points, notes);
            }
        }
    }

    static StoredObservation? Figure(IReadOnlyList<StoredObservation> figures, string? period, SeriesKey key, string field)
    {
        if (string.IsNullOrWhiteSpace(period)) return null;
        var p = Period.TryParse(period) ?? throw new DomainException("bad_period", $"'{period}' is not a period.", field);
        return figures.FirstOrDefault(f => f.Period == p.Text) ?? throw new DomainException("missing_period", $"{key} has no figure for {p.Text}.", field);
    }

    static List<DerivedPoint> Pair(IReadOnlyList<StoredObservation> xs, IReadOnlyList<StoredObservation> ys, List<string> notes, string other, Func<double, double, double?> f)
    {
        var byPeriod = ys.ToDictionary(y => y.Period);
        var points = new List<DerivedPoint>();
        foreach (var x in xs)
        {
            if (!byPeriod.TryGetValue(x.Period, out var y)) { notes.Add($"{x.Period}: no figure of {other}."); continue; }
            if (f(x.Value, y.Value) is not { } v) { notes.Add($"{x.Period}: {other} is {y.Value.ToString("G6", CultureInfo.InvariantCulture)}, no ratio."); continue; }
            points.Add(new DerivedPoint(x.Period, x.Time, v, new Dictionary<string, double> { ["numerator"] = x.Value, [other] = y.Value }));
        }
        return points;
    }
}
