namespace Archipelago.Numerics.TimeSeries;

/// <summary>Growth of an indicator between two periods.</summary>
/// <param name="From">Start period.</param>
/// <param name="To">End period.</param>
/// <param name="Rate">Growth as a fraction (0.0628 = 6.28 %).</param>
public sealed record PeriodGrowth(double From, double To, double Rate);

/// <summary>A value expressed relative to a base period (base = <c>BaseValue</c>, usually 100).</summary>
public sealed record IndexPoint(double Period, double Index);

/// <summary>One part's share of a total.</summary>
public sealed record Share(string Label, double Value, double Fraction);

/// <summary>
/// Indicator arithmetic used by industry statistics (statistical yearbooks, the seeds' sections IV–V).
/// Every method states its formula; rates are fractions, not percent.
/// </summary>
public static class Indicators
{
    /// <summary>
    /// Year-on-year growth g_t = x_t / x_{t-1} − 1, reported only where the previous period (t − 1) is present:
    /// across a gap there is no year-on-year figure (use <see cref="CompoundAnnualGrowth(IndicatorSeries,double,double)"/>).
    /// A zero previous value gives no rate (the ratio is undefined).
    /// </summary>
    public static IReadOnlyList<PeriodGrowth> YearOnYear(IndicatorSeries series, double step = 1)
    {
        var result = new List<PeriodGrowth>();
        var obs = series.Observations;
        for (var i = 1; i < obs.Count; i++)
        {
            if (Math.Abs(obs[i].Period - obs[i - 1].Period - step) > 1e-9) continue;
            if (obs[i - 1].Value == 0) continue;
            result.Add(new PeriodGrowth(obs[i - 1].Period, obs[i].Period, obs[i].Value / obs[i - 1].Value - 1));
        }
        return result;
    }

    /// <summary>
    /// Compound annual growth rate CAGR = (x_end / x_start)^(1 / years) − 1, with <paramref name="years"/> the number
    /// of periods elapsed (2017 − 2010 = 7 for seed 000's 1,235 → 3,641.2 bn yuan, giving 16.70 %).
    /// Both values must be positive (a compound rate between values of different sign does not exist).
    /// </summary>
    public static double CompoundAnnualGrowth(double start, double end, double years)
    {
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), years, "The span must be positive.");
        if (!(start > 0) || !(end > 0))
            throw new ArgumentOutOfRangeException(nameof(start), $"CAGR needs positive values; got {start} and {end}.");
        return Math.Pow(end / start, 1 / years) - 1;
    }

    /// <summary>CAGR between two observed periods of a series; the span is <c>to − from</c> (gaps in between are irrelevant).</summary>
    public static double CompoundAnnualGrowth(IndicatorSeries series, double from, double to)
    {
        var a = series.ValueAt(from) ?? throw new ArgumentException($"Series '{series.Name}' has no value for {from}.");
        var b = series.ValueAt(to) ?? throw new ArgumentException($"Series '{series.Name}' has no value for {to}.");
        return CompoundAnnualGrowth(a, b, to - from);
    }

    /// <summary>CAGR from the first to the last observation.</summary>
    public static double CompoundAnnualGrowth(IndicatorSeries series)
    {
        if (series.Count < 2) throw new ArgumentException($"Series '{series.Name}' needs two observations for a CAGR.");
        return CompoundAnnualGrowth(series, series.Observations[0].Period, series.Observations[^1].Period);
    }

    /// <summary>Growth multiple x_end / x_start (seed 003: 1,271.6 / 315.6 = 4.03 "times").</summary>
    public static double Multiple(double start, double end)
    {
        if (start == 0) throw new ArgumentOutOfRangeException(nameof(start), "The starting value is zero.");
        return end / start;
    }

    /// <summary>Value after compounding: x_start · (1 + rate)^years.</summary>
    public static double Compound(double start, double rate, double years) => start * Math.Pow(1 + rate, years);

    /// <summary>The previous period's value implied by a value and its stated growth: x_{t−1} = x_t / (1 + g).</summary>
    public static double PreviousFromGrowth(double current, double rate)
    {
        if (rate <= -1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A growth of −100 % or less has no previous value.");
        return current / (1 + rate);
    }

    /// <summary>Index to a base period: I_t = base · x_t / x_base (base = 100 by default). The base period must be observed and nonzero.</summary>
    public static IReadOnlyList<IndexPoint> IndexToBase(IndicatorSeries series, double basePeriod, double baseValue = 100)
    {
        var b = series.ValueAt(basePeriod) ?? throw new ArgumentException($"Series '{series.Name}' has no value for base period {basePeriod}.");
        if (b == 0) throw new ArgumentException($"Series '{series.Name}' is zero in base period {basePeriod}.");
        return series.Observations.Select(o => new IndexPoint(o.Period, baseValue * o.Value / b)).ToArray();
    }

    /// <summary>Shares of a total: s_i = x_i / Σ x. Parts must be non-negative and the total positive.</summary>
    public static IReadOnlyList<Share> SharesOfTotal(IEnumerable<(string Label, double Value)> parts)
    {
        var list = parts.ToArray();
        if (list.Any(p => p.Value < 0 || !double.IsFinite(p.Value)))
            throw new ArgumentException("Shares of a total need finite non-negative parts.");
        var total = list.Sum(p => p.Value);
        if (!(total > 0)) throw new ArgumentException("The total is zero.");
        return list.Select(p => new Share(p.Label, p.Value, p.Value / total)).ToArray();
    }

    /// <summary>Margin = profit / revenue (e.g. profit before tax over main business revenue). Both in the same unit.</summary>
    public static double Margin(double profit, double revenue)
    {
        if (revenue == 0) throw new ArgumentOutOfRangeException(nameof(revenue), "Revenue is zero.");
        return profit / revenue;
    }

    /// <summary>Gross profit rate = (revenue − cost of sales) / revenue.</summary>
    public static double GrossProfitRate(double revenue, double costOfSales) => Margin(revenue - costOfSales, revenue);

    /// <summary>Per-unit intensity x / n (per capita, per employee, per enterprise). n must be positive.</summary>
    public static double PerUnit(double value, double count)
    {
        if (!(count > 0)) throw new ArgumentOutOfRangeException(nameof(count), count, "The denominator must be positive.");
        return value / count;
    }

    /// <summary>
    /// Location quotient LQ = (e_ir / e_r) / (E_i / E): the industry's share of the region's total over its share of the
    /// nation's total (Isard 1960; Miller &amp; Blair, Input–Output Analysis, 2nd ed., §8.2). LQ &gt; 1: the region is specialised.
    /// </summary>
    public static double LocationQuotient(double regionIndustry, double regionTotal, double nationIndustry, double nationTotal)
    {
        if (!(regionTotal > 0) || !(nationTotal > 0) || !(nationIndustry > 0))
            throw new ArgumentOutOfRangeException(nameof(nationIndustry), "Totals and the national industry value must be positive.");
        return regionIndustry / regionTotal / (nationIndustry / nationTotal);
    }

    /// <summary>
    /// Deflates a nominal series by a price index: real_t = nominal_t · P_base / P_t (values in base-period prices).
    /// Every period of the nominal series must have a price; the base period must be in the price index.
    /// </summary>
    public static IndicatorSeries Deflate(IndicatorSeries nominal, IndicatorSeries priceIndex, double basePeriod)
    {
        var pBase = priceIndex.ValueAt(basePeriod) ?? throw new ArgumentException($"Price index '{priceIndex.Name}' has no value for base period {basePeriod}.");
        var real = nominal.Observations.Select(o =>
        {
            var p = priceIndex.ValueAt(o.Period) ?? throw new ArgumentException($"Price index '{priceIndex.Name}' has no value for {o.Period}.");
            if (!(p > 0)) throw new ArgumentException($"Price index '{priceIndex.Name}' is not positive in {o.Period}.");
            return new Observation(o.Period, o.Value * pBase / p);
        });
        return new IndicatorSeries(nominal.Name + " (real, " + basePeriod + " prices)", nominal.Unit, real);
    }
}
