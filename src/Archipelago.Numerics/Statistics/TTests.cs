namespace Archipelago.Numerics.Statistics;

/// <summary>
/// A t-test: the statistic, its degrees of freedom (fractional for Welch), the two-sided p, the estimated mean or
/// mean difference with its standard error and confidence interval, and Cohen's d (difference / SD: the SD of the
/// sample or of the differences, the pooled SD for two groups).
/// </summary>
public sealed record TTestResult(string Test, double T, double Df, double P, double Estimate, double StdError,
    double CiLower, double CiUpper, double ConfidenceLevel, double CohensD, IReadOnlyList<GroupSummary> Groups);

/// <summary>Levene's test of equal variances: one-way ANOVA F of |y − centre of its group| (car::leveneTest).</summary>
public sealed record LeveneResult(string Center, double F, int Df1, int Df2, double P);

public enum LeveneCenter { Mean, Median }

/// <summary>
/// Student's and Welch's t-tests as R's <c>t.test</c> computes them (two-sided; missing values dropped, pairs with
/// a missing member dropped in the paired test), and Levene's test as <c>car::leveneTest</c> (centre median by
/// default — the Brown–Forsythe variant — or mean, the original and SPSS's).
/// </summary>
public static class TTests
{
    public static TTestResult OneSample(string name, IReadOnlyList<double> values, double mu = 0, double confidence = 0.95)
    {
        var x = Valid(name, values, 2);
        var (m, sd) = MeanSd(x);
        if (sd == 0) throw new StatisticsInputException(NoticeCodes.Constant, $"'{name}' is constant ({m}): the t statistic is not defined.", name);
        var se = sd / Math.Sqrt(x.Length);
        return Result("one-sample", (m - mu) / se, x.Length - 1, m, se, mu, confidence, (m - mu) / sd, [new GroupSummary(name, x.Length, m, sd)]);
    }

    public static TTestResult Paired(string first, IReadOnlyList<double> a, string second, IReadOnlyList<double> b, double confidence = 0.95)
    {
        if (a.Count != b.Count) throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"'{first}' has {a.Count} values and '{second}' {b.Count}.");
        var (x, y) = Correlation.Complete(a, b);
        if (x.Length < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, $"'{first}' and '{second}' have fewer than two complete pairs.", first);
        var d = x.Zip(y, (u, v) => u - v).ToArray();
        var (m, sd) = MeanSd(d);
        if (sd == 0) throw new StatisticsInputException(NoticeCodes.Constant, $"The differences {first} − {second} are constant ({m}): the t statistic is not defined.", first);
        var se = sd / Math.Sqrt(d.Length);
        var (mx, sx) = MeanSd(x); var (my, sy) = MeanSd(y);
        return Result("paired", m / se, d.Length - 1, m, se, 0, confidence, m / sd,
            [new GroupSummary(first, x.Length, mx, sx), new GroupSummary(second, y.Length, my, sy)]);
    }

    /// <summary>Independent samples: Student (pooled variance) when <paramref name="equalVariances"/>, else Welch.</summary>
    public static TTestResult Independent(string nameA, IReadOnlyList<double> a, string nameB, IReadOnlyList<double> b, bool equalVariances, double confidence = 0.95)
    {
        var x = Valid(nameA, a, 1); var y = Valid(nameB, b, 1);
        if (x.Length + y.Length < 3) throw new StatisticsInputException(NoticeCodes.TooFewCases, $"Groups '{nameA}' and '{nameB}' have {x.Length + y.Length} cases together; at least 3 are needed.", nameA);
        var (mx, sx) = MeanSd(x); var (my, sy) = MeanSd(y);
        double nx = x.Length, ny = y.Length;
        var vx = nx > 1 ? sx * sx : 0; var vy = ny > 1 ? sy * sy : 0;
        double se, df;
        var pooled = Math.Sqrt(((nx - 1) * vx + (ny - 1) * vy) / (nx + ny - 2));
        if (equalVariances)
        {
            df = nx + ny - 2;
            se = pooled * Math.Sqrt(1 / nx + 1 / ny);
        }
        else
        {
            if (nx < 2 || ny < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, "Welch's test needs at least two cases in each group.", nx < 2 ? nameA : nameB);
            var ex = vx / nx; var ey = vy / ny;
            se = Math.Sqrt(ex + ey);
            df = (ex + ey) * (ex + ey) / (ex * ex / (nx - 1) + ey * ey / (ny - 1));
        }
        if (se == 0) throw new StatisticsInputException(NoticeCodes.Constant, $"Both groups are constant: the t statistic is not defined.", nameA);
        var diff = mx - my;
        return Result(equalVariances ? "Student" : "Welch", diff / se, df, diff, se, 0, confidence, diff / pooled,
            [new GroupSummary(nameA, x.Length, mx, nx > 1 ? sx : double.NaN), new GroupSummary(nameB, y.Length, my, ny > 1 ? sy : double.NaN)]);
    }

    /// <summary>Levene's test over any number of groups: the one-way ANOVA F of |yᵢⱼ − centreᵢ|.</summary>
    public static LeveneResult Levene(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> groups, LeveneCenter center = LeveneCenter.Median)
    {
        var deviations = groups.Select((g, i) =>
        {
            var v = g.Where(x => !double.IsNaN(x)).ToArray();
            if (v.Length == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"Group '{names[i]}' has no valid values.", names[i]);
            var c = center == LeveneCenter.Mean ? v.Average() : Median(v);
            return (IReadOnlyList<double>)v.Select(x => Math.Abs(x - c)).ToArray();
        }).ToArray();
        var a = OneWayAnova.Compute(names, deviations);
        return new LeveneResult(center == LeveneCenter.Mean ? "mean" : "median", a.F, a.Between.Df, a.Within.Df, a.P);
    }

    internal static double Median(double[] v)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    static TTestResult Result(string test, double t, double df, double estimate, double se, double mu, double confidence, double d, IReadOnlyList<GroupSummary> groups)
    {
        if (confidence is <= 0 or >= 1) throw new StatisticsInputException("usage", $"Confidence level {confidence} is not between 0 and 1.");
        var q = Probability.StudentQuantile(1 - (1 - confidence) / 2, df);
        return new TTestResult(test, t, df, Probability.StudentTwoSided(t, df), estimate, se, estimate - q * se, estimate + q * se, confidence, d, groups);
    }

    static double[] Valid(string name, IReadOnlyList<double> values, int min)
    {
        var x = values.Where(v => !double.IsNaN(v)).ToArray();
        if (x.Length == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{name}' are missing.", name);
        if (x.Length < min) throw new StatisticsInputException(NoticeCodes.TooFewCases, $"'{name}' has {x.Length} valid values; at least {min} are needed.", name);
        return x;
    }

    internal static (double Mean, double Sd) MeanSd(IReadOnlyList<double> x)
    {
        var m = x.Average();
        if (x.Count < 2) return (m, double.NaN);
        var ss = x.Sum(v => (v - m) * (v - m));
        return (m, Math.Sqrt(ss / (x.Count - 1)));
    }
}
