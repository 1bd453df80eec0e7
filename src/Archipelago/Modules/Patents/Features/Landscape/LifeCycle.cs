using System.Globalization;

namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>
/// Reads the technology life-cycle phase off the maturity map (patent families against the number of active applicants,
/// year by year; Haupt, Kloyer &amp; Lange 2007; EPO patent landscape practice). The last complete window of up to five
/// years is compared with the window before it: both families and applicants rising → growth (emergence while both are
/// still small: under 10 families a year); families rising with applicants flat or falling → maturity (consolidation);
/// both falling → saturation/decline. The most recent year is left out when it is less than half of the year before
/// (publication lag: recent filings are not yet published). Fewer than four years of data → "undetermined".
/// </summary>
public static class LifeCycle
{
    /// <summary>Whether the most recent year is left out for publication lag: fewer than half the families of the year before.</summary>
    static bool Lagging(IReadOnlyList<LifeCycleYear> series) => series.Count >= 2 && series[^1].Families * 2 < series[^2].Families;

    /// <summary>The years growth compares (<see cref="GrowthWindow"/>): the last three up to the last complete year (the
    /// one <see cref="Assess"/> ends at), against the three before; null when the data does not reach back six years.</summary>
    public static GrowthWindow? Window(IReadOnlyList<LifeCycleYear> years)
    {
        if (years.Count == 0) return null;
        var last = Lagging(years) ? years[^2].Year : years[^1].Year;
        return years[0].Year <= last - 5 ? new GrowthWindow(last - 5, last - 3, last - 2, last) : null;
    }

    /// <summary>The change of each series' records per year from the window's earlier years to its recent ones, as a
    /// fraction (0.5: half as many again); null for a series with no records in the earlier years (new). Empty without
    /// a window.</summary>
    public static IReadOnlyDictionary<string, double?> Growth(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> trends, GrowthWindow? window)
    {
        var growth = new Dictionary<string, double?>();
        if (window is not { } w) return growth;
        foreach (var (key, trend) in trends)
        {
            long Sum(int from, int to)
            {
                long n = 0;
                for (var y = from; y <= to; y++) n += trend.GetValueOrDefault(y.ToString(CultureInfo.InvariantCulture));
                return n;
            }
            var (before, recent) = (Sum(w.BeforeFrom, w.BeforeTo), Sum(w.RecentFrom, w.RecentTo));
            growth[key] = before == 0 ? null : (double)(recent - before) / before;
        }
        return growth;
    }

    /// <summary>A growth as tables show it: +35%, −20%, "new" (no records in the earlier years; through
    /// <paramref name="t"/>, the reader's language); empty when the name has none (no window).</summary>
    public static string GrowthText(IReadOnlyDictionary<string, double?> growth, string key, Func<string, string> t) =>
        !growth.TryGetValue(key, out var g) ? "" : g is { } v ? v.ToString("+0%;−0%;0%", CultureInfo.InvariantCulture) : t("new");

    public static LifeCyclePhase Assess(IReadOnlyList<LifeCycleYear> years, DateBasis basis)
    {
        var evidence = new List<string>();
        var series = years.ToList();
        if (Lagging(series))
        {
            evidence.Add($"{series[^1].Year} left out: {series[^1].Families} families against {series[^2].Families} the year before (publication lag on the {basis.ToString().ToLowerInvariant()} basis).");
            series.RemoveAt(series.Count - 1);
        }
        if (series.Count < 4) return new LifeCyclePhase("undetermined", [.. evidence, $"only {series.Count} year(s) with data; at least 4 are needed."]);
        var w = Math.Min(5, series.Count / 2);
        var recent = series.TakeLast(w).ToList();
        var before = series.SkipLast(w).TakeLast(w).ToList();
        double F(IEnumerable<LifeCycleYear> s) => s.Average(x => x.Families);
        double A(IEnumerable<LifeCycleYear> s) => s.Average(x => x.Applicants);
        var (f0, f1, a0, a1) = (F(before), F(recent), A(before), A(recent));
        string Span(List<LifeCycleYear> s) => $"{s[0].Year}–{s[^1].Year}";
        evidence.Add(string.Create(CultureInfo.InvariantCulture, $"families per year: {f0:F1} in {Span(before)}, {f1:F1} in {Span(recent)} ({Change(f0, f1)})."));
        evidence.Add(string.Create(CultureInfo.InvariantCulture, $"active applicants per year: {a0:F1} in {Span(before)}, {a1:F1} in {Span(recent)} ({Change(a0, a1)})."));
        const double flat = 0.10;
        var fr = Rel(f0, f1);
        var ar = Rel(a0, a1);
        var phase = (fr > flat, fr < -flat, ar > flat, ar < -flat) switch
        {
            (true, _, true, _) => f1 < 10 ? "emergence" : "growth",   // more families from more applicants
            (true, _, false, _) => "maturity",                         // more families from the same or fewer applicants
            (false, false, true, _) => "growth",                       // steady output, new entrants arriving
            (_, true, _, true) => "saturation/decline",                // both falling
            (_, true, _, _) => "saturation/decline",                   // output falling
            _ => "maturity",                                           // both steady, or applicants leaving
        };
        return new LifeCyclePhase(phase, evidence);
    }

    static double Rel(double a, double b) => a == 0 ? (b > 0 ? 1 : 0) : (b - a) / a;

    static string Change(double a, double b) => a == 0 ? "new" : string.Create(CultureInfo.InvariantCulture, $"{Rel(a, b):+0%;-0%;0%}");
}
