namespace Archipelago.Numerics.Statistics;

/// <summary>One-way analysis of variance table with R² and residual SD (NIST StRD ANOVA layout; SPSS ONEWAY).</summary>
public sealed record OneWayAnovaResult(
    AnovaRow Between, AnovaRow Within, AnovaRow Total,
    double RSquared, double ResidualStdDeviation,
    IReadOnlyList<GroupSummary> Groups)
{
    public double F => Between.F ?? double.NaN;
    public double P => Between.P ?? double.NaN;
}

/// <summary>n, mean and SD of one group.</summary>
public sealed record GroupSummary(string Group, int N, double Mean, double StdDeviation);

/// <summary>
/// One-way ANOVA with group means and sums of squares in double-double arithmetic (two-pass, centred):
/// SS_between = Σ nᵢ(ȳᵢ − ȳ)², SS_within = ΣΣ(yᵢⱼ − ȳᵢ)², F = (SS_b/(g−1)) / (SS_w/(N−g)),
/// R² = SS_b/(SS_b + SS_w), residual SD = √MS_w (NIST StRD ANOVA; SPSS Algorithms "ONEWAY").
/// Missing values (NaN) are dropped.
/// </summary>
public static class OneWayAnova
{
    public static OneWayAnovaResult Compute(IReadOnlyList<string> groupNames, IReadOnlyList<IReadOnlyList<double>> groups)
        => Compute(groupNames, groups.Select(g => g.Where(v => !double.IsNaN(v)).Select(v => (DoubleDouble)v).ToArray()).ToArray());

    /// <summary>Same from exact decimal data (NIST SmLs07–09 need the digits a double cannot hold).</summary>
    public static OneWayAnovaResult Compute(IReadOnlyList<string> groupNames, IReadOnlyList<IReadOnlyList<decimal>> groups)
        => Compute(groupNames, groups.Select(g => g.Select(LinearRegression.ToDoubleDouble).ToArray()).ToArray());

    static OneWayAnovaResult Compute(IReadOnlyList<string> names, DoubleDouble[][] groups)
    {
        if (names.Count != groups.Length)
            throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"{names.Count} names for {groups.Length} groups.");
        for (var g = 0; g < groups.Length; g++)
            if (groups[g].Length == 0)
                throw new StatisticsInputException(NoticeCodes.AllMissing, $"Group '{names[g]}' has no valid values.", names[g]);
        if (groups.Length < 2)
            throw new StatisticsInputException(NoticeCodes.TooFewCases, "One-way ANOVA needs at least two groups.");
        var n = groups.Sum(g => g.Length);
        var k = groups.Length;
        if (n - k <= 0)
            throw new StatisticsInputException(NoticeCodes.TooFewCases, $"{n} cases in {k} groups leave no within-group degrees of freedom.");
        var all = groups.SelectMany(g => g).ToArray();
        var grand = TwoPassMean(all);
        DoubleDouble ssb = DoubleDouble.Zero, ssw = DoubleDouble.Zero;
        var summaries = new List<GroupSummary>();
        for (var g = 0; g < k; g++)
        {
            var m = TwoPassMean(groups[g]);
            var d = m - grand;
            ssb += d * d * (double)groups[g].Length;
            var s = DoubleDouble.Zero;
            foreach (var v in groups[g]) { var e = v - m; s += e * e; }
            ssw += s;
            summaries.Add(new GroupSummary(names[g], groups[g].Length, m.ToDouble(),
                groups[g].Length > 1 ? DoubleDouble.Sqrt(s / (double)(groups[g].Length - 1)).ToDouble() : double.NaN));
        }
        var msb = ssb / (double)(k - 1);
        var msw = ssw / (double)(n - k);
        var f = msw.Hi > 0 ? (msb / msw).ToDouble() : double.PositiveInfinity;
        var p = Probability.FisherUpper(f, k - 1, n - k);
        var tss = ssb + ssw;
        return new OneWayAnovaResult(
            new AnovaRow("Between Groups", ssb.ToDouble(), k - 1, msb.ToDouble(), f, p),
            new AnovaRow("Within Groups", ssw.ToDouble(), n - k, msw.ToDouble(), null, null),
            new AnovaRow("Total", tss.ToDouble(), n - 1, null, null, null),
            tss.Hi > 0 ? (ssb / tss).ToDouble() : double.NaN, DoubleDouble.Sqrt(msw).ToDouble(), summaries);
    }

    static DoubleDouble TwoPassMean(DoubleDouble[] x)
    {
        var s = DoubleDouble.Zero;
        foreach (var v in x) s += v;
        var m = s / (double)x.Length;
        var c = DoubleDouble.Zero;
        foreach (var v in x) c += v - m;
        return m + c / (double)x.Length;
    }
}
