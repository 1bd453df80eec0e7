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
    public static LifeCyclePhase Assess(IReadOnlyList<LifeCycleYear> years, DateBasis basis)
    {
        var evidence = new List<string>();
        var series = years.ToList();
        if (series.Count >= 2 && series[^1].Families * 2 < series[^2].Families)
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
