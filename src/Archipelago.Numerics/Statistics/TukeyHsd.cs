using MathNet.Numerics;
using MathNet.Numerics.Integration;
using MathNet.Numerics.RootFinding;

namespace Archipelago.Numerics.Statistics;

/// <summary>One pairwise comparison: mean of <see cref="GroupB"/> minus mean of <see cref="GroupA"/> (R's "B-A" row).</summary>
public sealed record TukeyComparison(string GroupA, string GroupB, double Difference, double StdError, double Lower, double Upper, double P);

/// <summary>One-way ANOVA with Tukey's honestly significant differences (Tukey–Kramer for unequal n).</summary>
public sealed record TukeyResult(OneWayAnovaResult Anova, double ConfidenceLevel, double CriticalQ, IReadOnlyList<TukeyComparison> Comparisons);

/// <summary>
/// Tukey HSD as R's <c>TukeyHSD(aov(...))</c>: for groups i &lt; j, diff = ȳⱼ − ȳᵢ, q = |diff| / √(MSₑ/2 · (1/nᵢ + 1/nⱼ)),
/// p = P(Q<sub>k, N−k</sub> &gt; q) and the interval diff ∓ q<sub>1−α; k, N−k</sub> · √(MSₑ/2 · (1/nᵢ + 1/nⱼ)).
/// </summary>
public static class TukeyHsd
{
    public static TukeyResult Compute(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> groups, double confidence = 0.95)
    {
        var anova = OneWayAnova.Compute(names, groups);
        int k = anova.Groups.Count, df = anova.Within.Df;
        var mse = anova.Within.MeanSquare!.Value;
        var qCrit = StudentizedRange.Quantile(confidence, k, df);
        var list = new List<TukeyComparison>();
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
            {
                var a = anova.Groups[i]; var b = anova.Groups[j];
                var diff = b.Mean - a.Mean;
                var se = Math.Sqrt(mse / 2 * (1.0 / a.N + 1.0 / b.N));
                list.Add(new TukeyComparison(a.Group, b.Group, diff, se * Math.Sqrt(2), diff - qCrit * se, diff + qCrit * se,
                    se > 0 ? StudentizedRange.UpperTail(Math.Abs(diff) / se, k, df) : double.NaN));
            }
        // R orders the rows by the first group of the lower triangle's columns: 2-1, 3-1, …, k-1, 3-2, …
        return new TukeyResult(anova, confidence, qCrit, list);
    }
}

/// <summary>
/// The studentized range distribution of the range of k independent standard normals divided by an independent
/// √(χ²_ν/ν). P(Q ≤ q) = ∫₀^∞ f_ν(s) W(qs) ds with W(w) = k ∫ φ(z) [Φ(z) − Φ(z − w)]^(k−1) dz, both integrals by
/// composite Gauss–Legendre quadrature (the integrands are smooth; bounds where they are below 1e-17).
/// </summary>
public static class StudentizedRange
{
    static readonly GaussLegendreRule Rule = new(-1, 1, 32);

    public static double UpperTail(double q, int k, double df)
    {
        if (k < 2 || df < 1) throw new StatisticsInputException("usage", $"The studentized range needs k ≥ 2 groups and df ≥ 1 (got k = {k}, df = {df}).");
        if (q <= 0) return 1;
        if (double.IsPositiveInfinity(q)) return 0;
        return Math.Max(0, 1 - Cdf(q, k, df));
    }

    public static double Cdf(double q, int k, double df)
    {
        if (df > 25000) return RangeCdf(q, k);
        // Density of s = √(χ²_ν/ν): ν^(ν/2) s^(ν−1) e^(−νs²/2) / (Γ(ν/2) 2^(ν/2−1)), in logs.
        var logC = df / 2 * Math.Log(df) - SpecialFunctions.GammaLn(df / 2) - (df / 2 - 1) * Math.Log(2);
        var mode = Math.Sqrt(Math.Max(df - 1, 0) / df);
        var width = 9 / Math.Sqrt(df);
        double lo = Math.Max(0, mode - width), hi = mode + width;
        return Composite(s => s <= 0 ? 0 : Math.Exp(logC + (df - 1) * Math.Log(s) - df * s * s / 2) * RangeCdf(q * s, k), lo, hi, 12);
    }

    /// <summary>W(w): P(range of k standard normals ≤ w).</summary>
    static double RangeCdf(double w, int k)
    {
        if (w <= 0) return 0;
        var v = k * Composite(z =>
        {
            var d = Normal(z) - Normal(z - w);
            return d <= 0 ? 0 : Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * Math.Pow(d, k - 1);
        }, -8.5, 8.5 + w, 12);
        return Math.Min(1, v);
    }

    static double Normal(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    static double Composite(Func<double, double> f, double a, double b, int pieces)
    {
        double sum = 0, h = (b - a) / pieces;
        for (var p = 0; p < pieces; p++)
        {
            double lo = a + p * h, mid = lo + h / 2;
            for (var i = 0; i < Rule.Order; i++) sum += Rule.GetWeight(i) * h / 2 * f(mid + h / 2 * Rule.GetAbscissa(i));
        }
        return sum;
    }

    /// <summary>The q with P(Q ≤ q) = p (R's qtukey), by Brent's method on the CDF.</summary>
    public static double Quantile(double p, int k, double df)
    {
        if (p is <= 0 or >= 1) throw new StatisticsInputException("usage", $"Probability {p} is not between 0 and 1.");
        double hi = 10;
        while (Cdf(hi, k, df) < p) hi *= 2;
        return Brent.FindRoot(q => Cdf(q, k, df) - p, 0, hi, 1e-12, 200);
    }
}
