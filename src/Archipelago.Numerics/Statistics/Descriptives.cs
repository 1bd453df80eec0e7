namespace Archipelago.Numerics.Statistics;

/// <summary>
/// SPSS DESCRIPTIVES / FREQUENCIES / EXAMINE summary of one variable.
/// </summary>
/// <param name="Skewness">G₁ = n·M₃ / ((n−1)(n−2)s³), Mᵣ = Σ(x − x̄)ʳ (SPSS Algorithms, "DESCRIPTIVES: Moments").</param>
/// <param name="SkewnessStdError">√(6n(n−1) / ((n−2)(n+1)(n+3))).</param>
/// <param name="Kurtosis">G₂ = [n(n+1)M₄ − 3M₂²(n−1)] / [(n−1)(n−2)(n−3)s⁴] (excess kurtosis).</param>
/// <param name="KurtosisStdError">√(4(n²−1)·SE_skew² / ((n−3)(n+5))).</param>
/// <param name="Median">50th percentile by SPSS's default HAVERAGE definition.</param>
/// <param name="Q1">25th percentile, HAVERAGE: position (n+1)p, linear between order statistics.</param>
/// <param name="Q3">75th percentile, HAVERAGE.</param>
/// <param name="Lag1Autocorrelation">NIST StRD: r(1) = Σᵢ₌₁ⁿ⁻¹(yᵢ − ȳ)(yᵢ₊₁ − ȳ) / Σᵢ₌₁ⁿ(yᵢ − ȳ)².</param>
public sealed record DescriptiveStatistics(
    string Variable, int N, int Missing, double Mean, double StdErrorOfMean, double StdDeviation, double Variance,
    double Skewness, double SkewnessStdError, double Kurtosis, double KurtosisStdError,
    double Minimum, double Maximum, double Range, double Sum,
    double Median, double Q1, double Q3, double Lag1Autocorrelation);

/// <summary>One value of a frequency table (SPSS FREQUENCIES).</summary>
public sealed record FrequencyRow(double Value, int Count, double Percent, double ValidPercent, double CumulativePercent);

/// <summary>Frequency table with the count of missing (NaN) cases.</summary>
public sealed record FrequencyTable(string Variable, int Valid, int Missing, IReadOnlyList<FrequencyRow> Rows);

/// <summary>
/// Univariate summaries. Central moments are accumulated in double-double arithmetic after a double-double
/// mean (two-pass), so that the NIST StRD univariate problems (NumAcc1–4) keep their certified digits.
/// Missing values are NaN and are excluded.
/// </summary>
public static class Descriptives
{
    public static DescriptiveStatistics Describe(string variable, IReadOnlyList<double> values)
    {
        var valid = values.Where(v => !double.IsNaN(v)).ToArray();
        if (valid.Length == 0)
            throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{variable}' are missing.", variable);
        return Describe(variable, valid.Select(v => (DoubleDouble)v).ToArray(), values.Count - valid.Length);
    }

    /// <summary>Same, from exact decimal data (no representation error before the double-double arithmetic).</summary>
    public static DescriptiveStatistics Describe(string variable, IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
            throw new StatisticsInputException(NoticeCodes.AllMissing, $"'{variable}' has no values.", variable);
        return Describe(variable, values.Select(LinearRegression.ToDoubleDouble).ToArray(), 0);
    }

    static DescriptiveStatistics Describe(string variable, DoubleDouble[] x, int missing)
    {
        var n = x.Length;
        var sum = DoubleDouble.Zero;
        foreach (var v in x) sum += v;
        var mean = sum / (double)n;
        var corr = DoubleDouble.Zero;
        foreach (var v in x) corr += v - mean;
        mean += corr / (double)n;
        DoubleDouble m2 = DoubleDouble.Zero, m3 = DoubleDouble.Zero, m4 = DoubleDouble.Zero, lag = DoubleDouble.Zero;
        for (var i = 0; i < n; i++)
        {
            var d = x[i] - mean;
            var d2 = d * d;
            m2 += d2; m3 += d2 * d; m4 += d2 * d2;
            if (i + 1 < n) lag += d * (x[i + 1] - mean);
        }
        var variance = n > 1 ? (m2 / (double)(n - 1)).ToDouble() : double.NaN;
        var sd = n > 1 ? DoubleDouble.Sqrt(m2 / (double)(n - 1)).ToDouble() : double.NaN;
        double skew = double.NaN, seSkew = double.NaN, kurt = double.NaN, seKurt = double.NaN;
        double nd = n;
        if (n > 2 && m2.Hi > 0)
        {
            var s2 = m2 / (nd - 1);
            var s3 = s2 * DoubleDouble.Sqrt(s2);
            skew = (m3 * nd / (s3 * ((nd - 1) * (nd - 2)))).ToDouble();
            seSkew = Math.Sqrt(6 * nd * (nd - 1) / ((nd - 2) * (nd + 1) * (nd + 3)));
            if (n > 3)
            {
                var num = m4 * (nd * (nd + 1)) - m2 * m2 * (3 * (nd - 1));
                kurt = (num / (s2 * s2 * ((nd - 1) * (nd - 2) * (nd - 3)))).ToDouble();
                seKurt = Math.Sqrt(4 * (nd * nd - 1) * seSkew * seSkew / ((nd - 3) * (nd + 5)));
            }
        }
        var sorted = x.Select(v => v.ToDouble()).Order().ToArray();
        var lag1 = m2.Hi > 0 ? (lag / m2).ToDouble() : double.NaN;
        return new DescriptiveStatistics(variable, n, missing, mean.ToDouble(), sd / Math.Sqrt(n), sd, variance,
            skew, seSkew, kurt, seKurt, sorted[0], sorted[^1], sorted[^1] - sorted[0], sum.ToDouble(),
            Percentile(sorted, 0.5), Percentile(sorted, 0.25), Percentile(sorted, 0.75), lag1);
    }

    /// <summary>
    /// SPSS HAVERAGE percentile: w = (n+1)p, k = ⌊w⌋, g = w − k; x₍ₖ₎ + g(x₍ₖ₊₁₎ − x₍ₖ₎), clamped to the sample
    /// (SPSS Algorithms, "EXAMINE/FREQUENCIES: Percentiles, HAVERAGE").
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var n = sorted.Count;
        var w = (n + 1) * p;
        var k = (int)Math.Floor(w);
        var g = w - k;
        if (k < 1) return sorted[0];
        if (k >= n) return sorted[n - 1];
        return sorted[k - 1] + g * (sorted[k] - sorted[k - 1]);
    }

    /// <summary>SPSS FREQUENCIES table: values ascending, percent of all cases, valid percent, cumulative valid percent.</summary>
    public static FrequencyTable Frequencies(string variable, IReadOnlyList<double> values)
    {
        var valid = values.Where(v => !double.IsNaN(v)).ToArray();
        var total = values.Count;
        var rows = new List<FrequencyRow>();
        var cum = 0;
        foreach (var g in valid.GroupBy(v => v).OrderBy(g => g.Key))
        {
            var c = g.Count();
            cum += c;
            rows.Add(new FrequencyRow(g.Key, c, 100.0 * c / total, 100.0 * c / valid.Length, 100.0 * cum / valid.Length));
        }
        return new FrequencyTable(variable, valid.Length, total - valid.Length, rows);
    }
}
