namespace Archipelago.Numerics.TimeSeries;

/// <summary>
/// A suspected unit slip: a growth or ratio that is implausible as it stands but plausible after rescaling by a power of ten
/// (typically 亿元 = 100 million yuan printed as "billion yuan", a factor of 10).
/// </summary>
/// <param name="Subject">What was checked (series name and periods, or the ratio's name).</param>
/// <param name="Observed">The observed growth multiple over the span, or the observed ratio.</param>
/// <param name="PowerOfTen">k such that Observed / 10^k is plausible; the later (or numerator) value is probably 10^k too large.</param>
/// <param name="Corrected">Observed / 10^k.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record ScaleJump(string Subject, double Observed, int PowerOfTen, double Corrected, string Message);

/// <summary>
/// Pure consistency checks for figures transcribed from statistics tables and papers.
/// Seed 000 (section IV) prints main business revenue as "25,537.1 billion yuan" (2015) and "29,826 billion yuan" (2017)
/// next to "2 trillion" (2013) and a profit of "351.97 billion yuan": the revenue figures are in 100 million yuan (亿元),
/// a factor of 10 off. These checks find such slips without knowing the answer.
/// </summary>
public static class UnitScaleCheck
{
    /// <summary>
    /// Checks each pair of successive observations (gaps allowed). With span Δ = t_j − t_i and multiple R = x_j / x_i,
    /// the growth is implausible when |log10 R| &gt; Δ · log10(1 + g_max) (faster than <paramref name="maxAnnualGrowth"/> per period,
    /// or the matching fall). With k = round(log10 R) ≠ 0, the pair is flagged when |log10 R − k| ≤ Δ · log10(1 + g_max), i.e.
    /// R / 10^k is plausible. Pairs with a non-positive value are skipped (no multiple).
    /// </summary>
    public static IReadOnlyList<ScaleJump> Series(IndicatorSeries series, double maxAnnualGrowth = 0.5)
    {
        if (!(maxAnnualGrowth > 0)) throw new ArgumentOutOfRangeException(nameof(maxAnnualGrowth));
        var flags = new List<ScaleJump>();
        var obs = series.Observations;
        for (var i = 1; i < obs.Count; i++)
        {
            var (a, b) = (obs[i - 1], obs[i]);
            if (!(a.Value > 0) || !(b.Value > 0)) continue;
            var span = b.Period - a.Period;
            var bound = span * Math.Log10(1 + maxAnnualGrowth);
            var logR = Math.Log10(b.Value / a.Value);
            if (Math.Abs(logR) <= bound) continue;
            var k = (int)Math.Round(logR);
            if (k == 0 || Math.Abs(logR - k) > bound) continue;
            var r = b.Value / a.Value;
            var corrected = r / Math.Pow(10, k);
            flags.Add(new ScaleJump($"{series.Name} {a.Period}→{b.Period}", r, k, corrected,
                $"{series.Name}: {a.Value:G6} ({a.Period}) → {b.Value:G6} ({b.Period}) is ×{r:G4} in {span:G} period(s), " +
                $"beyond {maxAnnualGrowth:P0} a period; ×{corrected:G4} after dividing {b.Period} by 10^{k}. Check the unit (e.g. 亿 vs billion)."));
        }
        return flags;
    }

    /// <summary>
    /// Checks a ratio (margin, revenue/output, share) against a plausible band [low, high]. Flagged when the ratio
    /// lies outside the band but ratio / 10^k lies inside it for some k ≠ 0 with |k| ≤ 4 (smallest |k| reported).
    /// Returns null when the ratio is plausible or no power of ten explains it.
    /// </summary>
    public static ScaleJump? Ratio(string name, double numerator, double denominator, double low, double high)
    {
        if (!(low > 0) || !(high > low)) throw new ArgumentOutOfRangeException(nameof(low), "Need 0 < low < high.");
        if (denominator == 0) return null;
        var ratio = numerator / denominator;
        if (ratio >= low && ratio <= high) return null;
        foreach (var k in new[] { 1, -1, 2, -2, 3, -3, 4, -4 })
        {
            var c = ratio / Math.Pow(10, k);
            if (c >= low && c <= high)
                return new ScaleJump(name, ratio, k, c,
                    $"{name} = {numerator:G6} / {denominator:G6} = {ratio:G4}, outside [{low:G4}, {high:G4}]; {c:G4} after dividing the numerator by 10^{k}. Check the units.");
        }
        return null;
    }

    /// <summary>
    /// Compares a stated growth rate with the one implied by two printed values: implied = x_t / x_s − 1 (over
    /// one period) versus stated. Flagged like <see cref="Ratio"/> when (1 + implied) / (1 + stated) is a power of ten
    /// within a factor of (1 + tolerance).
    /// </summary>
    public static ScaleJump? StatedGrowth(string name, double previous, double current, double statedRate, double tolerance = 0.05)
    {
        if (!(previous > 0) || !(current > 0)) return null;
        var q = current / previous / (1 + statedRate);
        var k = (int)Math.Round(Math.Log10(q));
        if (k == 0) return null;
        var c = q / Math.Pow(10, k);
        if (Math.Abs(Math.Log(c)) > Math.Log(1 + tolerance)) return null;
        return new ScaleJump(name, current / previous, k, current / previous / Math.Pow(10, k),
            $"{name}: {previous:G6} → {current:G6} implies {current / previous - 1:P2}, stated {statedRate:P2}; off by 10^{k}. Check the units.");
    }
}
