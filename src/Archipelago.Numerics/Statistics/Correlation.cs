namespace Archipelago.Numerics.Statistics;

public enum CorrelationMethod { Pearson, Spearman }

/// <summary>A correlation matrix with, per pair, the number of cases both variables have and the two-sided p.</summary>
public sealed record CorrelationMatrix(CorrelationMethod Method, IReadOnlyList<string> Variables, double[,] R, int[,] N, double[,] P);

/// <summary>
/// Pearson and Spearman correlation matrices with pairwise deletion, as R's <c>cor(use = "pairwise")</c> and
/// <c>psych::corr.test</c>: each pair uses the cases where both are present (Spearman ranks them within those cases,
/// ties sharing the average rank), and p = 2·P(T<sub>n−2</sub> &gt; |r|√(n−2)/√(1−r²)) — the t approximation psych
/// and SPSS use for both coefficients.
/// </summary>
public static class Correlation
{
    public static CorrelationMatrix Matrix(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns, CorrelationMethod method)
    {
        var k = columns.Count;
        if (names.Count != k) throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"{names.Count} names for {k} variables.");
        if (k < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, "A correlation matrix needs at least two variables.");
        var n = columns[0].Count;
        for (var j = 0; j < k; j++)
        {
            if (columns[j].Count != n) throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"'{names[j]}' has {columns[j].Count} values, not {n}.", names[j]);
            if (columns[j].All(double.IsNaN)) throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{names[j]}' are missing.", names[j]);
            var first = columns[j].First(v => !double.IsNaN(v));
            if (columns[j].All(v => double.IsNaN(v) || v == first))
                throw new StatisticsInputException(NoticeCodes.Constant, $"'{names[j]}' is constant ({first}), so it has no correlation with anything.", names[j]);
        }
        var r = new double[k, k]; var cases = new int[k, k]; var p = new double[k, k];
        // Columns without missing values are ranked (Spearman) and standardised once, so a pair of them costs one dot
        // product; a pair with a missing value in either is computed on its own complete cases.
        var complete = columns.Select(c => !c.Any(double.IsNaN)).ToArray();
        var unit = new double[k][];
        for (var j = 0; j < k; j++)
            if (complete[j]) unit[j] = Standardise(method == CorrelationMethod.Spearman ? Ranks.Average(columns[j]) : columns[j].ToArray());
        System.Threading.Tasks.Parallel.For(0, k, a =>
        {
            for (var b = a; b < k; b++)
            {
                double rr; int m;
                if (complete[a] && complete[b])
                {
                    m = n;
                    rr = a == b ? 1 : Math.Clamp(Dot(unit[a], unit[b]), -1, 1);
                }
                else
                {
                    var (x, y) = Complete(columns[a], columns[b]);
                    if (method == CorrelationMethod.Spearman) { x = Ranks.Average(x); y = Ranks.Average(y); }
                    rr = a == b && x.Length > 1 ? 1 : Pearson(x, y);
                    m = x.Length;
                }
                r[a, b] = r[b, a] = rr;
                cases[a, b] = cases[b, a] = m;
                p[a, b] = p[b, a] = a == b ? 0 : PValue(rr, m);
            }
        });
        return new CorrelationMatrix(method, names.ToArray(), r, cases, p);
    }

    /// <summary>Pearson correlations of columns without missing values (simulated data): standardised copies and one
    /// dot product per pair, pairs in parallel.</summary>
    internal static double[,] OfCompleteColumns(double[][] columns)
    {
        var k = columns.Length;
        var unit = columns.Select(c => Standardise(c.ToArray())).ToArray();
        var r = new double[k, k];
        System.Threading.Tasks.Parallel.For(0, k, a =>
        {
            r[a, a] = 1;
            for (var b = a + 1; b < k; b++) r[a, b] = r[b, a] = Math.Clamp(Dot(unit[a], unit[b]), -1, 1);
        });
        return r;
    }

    /// <summary>(x − x̄)/‖x − x̄‖, so that the Pearson r of two such vectors is their dot product.</summary>
    static double[] Standardise(double[] x)
    {
        var m = x.Average();
        var ss = 0.0;
        for (var i = 0; i < x.Length; i++) { x[i] -= m; ss += x[i] * x[i]; }
        var norm = Math.Sqrt(ss);
        for (var i = 0; i < x.Length; i++) x[i] /= norm;
        return x;
    }

    static double Dot(double[] x, double[] y)
    {
        var vx = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x);
        var vy = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y);
        var acc = System.Numerics.Vector<double>.Zero;
        for (var i = 0; i < vx.Length; i++) acc += vx[i] * vy[i];
        var s = System.Numerics.Vector.Sum(acc);
        for (var i = vx.Length * System.Numerics.Vector<double>.Count; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>Two-sided p of r on n cases: t = r√(n−2)/√(1−r²) on n − 2 df.</summary>
    public static double PValue(double r, int n)
    {
        if (n < 3 || double.IsNaN(r)) return double.NaN;
        if (Math.Abs(r) >= 1) return 0;
        return Probability.StudentTwoSided(r * Math.Sqrt((n - 2) / (1 - r * r)), n - 2);
    }

    /// <summary>Pearson r by centred two-pass sums; NaN when either variable has no spread.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++) { var dx = x[i] - mx; var dy = y[i] - my; sxy += dx * dy; sxx += dx * dx; syy += dy * dy; }
        return sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : double.NaN;
    }

    internal static (double[] X, double[] Y) Complete(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var xs = new List<double>(x.Count); var ys = new List<double>(x.Count);
        for (var i = 0; i < x.Count; i++)
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        return (xs.ToArray(), ys.ToArray());
    }
}

/// <summary>Ranks with ties given their average rank (R's <c>rank(ties.method = "average")</c>).</summary>
public static class Ranks
{
    public static double[] Average(IReadOnlyList<double> x) => Average(x, out _);

    /// <param name="tieCorrection">Σ(t³ − t) over groups of t tied values, for the tie corrections of rank tests.</param>
    public static double[] Average(IReadOnlyList<double> x, out double tieCorrection)
    {
        var order = Enumerable.Range(0, x.Count).OrderBy(i => x[i]).ToArray();
        var ranks = new double[x.Count];
        tieCorrection = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && x[order[j + 1]] == x[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var m = i; m <= j; m++) ranks[order[m]] = rank;
            double t = j - i + 1;
            tieCorrection += t * t * t - t;
            i = j + 1;
        }
        return ranks;
    }
}
