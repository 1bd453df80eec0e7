using Archipelago.Numerics.Statistics;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// Second implementation checks (normal equations solved by Gauss–Jordan in System.Decimal, written here
/// independently of the library) and bad-input behaviour.
/// </summary>
public sealed class LinearRegressionTests
{
    /// <summary>Centred normal equations in decimal: returns b, (X'X)⁻¹, RSS, TSS, SS per column.</summary>
    static (decimal[] B, decimal[,] Inv, decimal Rss, decimal Tss, decimal[] Ss, decimal B0) DecimalOls(decimal[] y, decimal[][] x)
    {
        int n = y.Length, k = x.Length;
        var ym = y.Sum() / n;
        var xm = x.Select(c => c.Sum() / n).ToArray();
        var a = new decimal[k, 2 * k];
        var xty = new decimal[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                decimal s = 0;
                for (var r = 0; r < n; r++) s += (x[i][r] - xm[i]) * (x[j][r] - xm[j]);
                a[i, j] = s;
            }
            a[i, k + i] = 1;
            decimal sy = 0;
            for (var r = 0; r < n; r++) sy += (x[i][r] - xm[i]) * (y[r] - ym);
            xty[i] = sy;
        }
        var ss = Enumerable.Range(0, k).Select(i => a[i, i]).ToArray();
        for (var c = 0; c < k; c++)
        {
            var piv = Enumerable.Range(c, k - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var j = 0; j < 2 * k; j++) (a[c, j], a[piv, j]) = (a[piv, j], a[c, j]);
            var d = a[c, c];
            for (var j = 0; j < 2 * k; j++) a[c, j] /= d;
            for (var r = 0; r < k; r++)
            {
                if (r == c || a[r, c] == 0) continue;
                var f = a[r, c];
                for (var j = 0; j < 2 * k; j++) a[r, j] -= f * a[c, j];
            }
        }
        var inv = new decimal[k, k];
        for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) inv[i, j] = a[i, k + j];
        var b = new decimal[k];
        for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) b[i] += inv[i, j] * xty[j];
        decimal rss = 0, tss = 0;
        for (var r = 0; r < n; r++)
        {
            var e = y[r] - ym;
            tss += e * e;
            for (var i = 0; i < k; i++) e -= b[i] * (x[i][r] - xm[i]);
            rss += e * e;
        }
        var b0 = ym;
        for (var i = 0; i < k; i++) b0 -= b[i] * xm[i];
        return (b, inv, rss, tss, ss, b0);
    }

    static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300);

    [Fact]
    public void Longley_spss_statistics_match_decimal_normal_equations_and_subset_identities()
    {
        var d = NistLinearRegressionTests.Load("Longley.dat");
        var names = Enumerable.Range(1, 6).Select(j => "x" + j).ToArray();
        var fit = LinearRegression.Fit("y", d.Y, names, d.X.Select(c => (IReadOnlyList<decimal>)c).ToArray());
        var (b, inv, rss, tss, ss, b0) = DecimalOls(d.Y, d.X);
        int n = d.Y.Length, k = 6, df = n - k - 1;
        var r2 = 1 - (double)(rss / tss);
        Assert.True(Rel(fit.Coefficients[0].B, (double)b0) < 1e-12);
        for (var j = 0; j < k; j++)
        {
            var c = fit[names[j]];
            Assert.True(Rel(c.B, (double)b[j]) < 1e-12, names[j]);
            var se = Math.Sqrt((double)(rss / df * inv[j, j]));
            Assert.True(Rel(c.StdError, se) < 1e-12);
            Assert.True(Rel(c.Beta!.Value, (double)b[j] * Math.Sqrt((double)(ss[j] / tss))) < 1e-12);
            Assert.True(Rel(c.Vif!.Value, (double)(inv[j, j] * ss[j])) < 1e-12);
            // Part² = R² − R²₍₋ⱼ₎ ; partial² = (R² − R²₍₋ⱼ₎)/(1 − R²₍₋ⱼ₎)  (Cohen et al. 2003, §3.3)
            var sub = DecimalOls(d.Y, d.X.Where((_, i) => i != j).ToArray());
            var r2Without = 1 - (double)(sub.Rss / sub.Tss);
            Assert.True(Rel(c.Part!.Value * c.Part.Value, r2 - r2Without) < 1e-9);
            Assert.True(Rel(c.Partial!.Value * c.Partial.Value, (r2 - r2Without) / (1 - r2Without)) < 1e-9);
            Assert.Equal(Math.Sign((double)b[j]), Math.Sign(c.Part.Value));
            // t p-value against MathNet's Student t CDF
            var p = 2 * (1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, Math.Abs(c.T)));
            Assert.True(Math.Abs(c.P - p) < 1e-12);
        }
        Assert.True(Rel(fit.AdjustedRSquared, 1 - (1 - r2) * (n - 1) / df) < 1e-12);
        var residuals = fit.Residuals;
        double num = 0, den = 0;
        for (var i = 0; i < n; i++) { den += residuals[i] * residuals[i]; if (i > 0) num += Math.Pow(residuals[i] - residuals[i - 1], 2); }
        Assert.True(Rel(fit.Summary.DurbinWatson, num / den) < 1e-12);
        Assert.Equal(n - 1, fit.Anova.Total.Df);
    }

    [Fact]
    public void Blocked_path_for_large_data_agrees_with_exact_path()
    {
        var rng = new Random(20261121);
        int n = 30000, k = 12; // n(k+1)² > DirectCells → blocked double QR
        var x = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 10, 4)).ToArray()).ToArray();
        for (var i = 0; i < n; i++) x[1][i] = Math.Round(x[0][i] * 0.9 + x[1][i] * 0.1, 4); // correlated pair
        var y = Enumerable.Range(0, n).Select(i => Math.Round(1 + x.Select((c, j) => c[i] * (j - 5)).Sum() + rng.NextDouble() * 3, 4)).ToArray();
        var names = Enumerable.Range(0, k).Select(j => "v" + j).ToArray();
        var fast = LinearRegression.Fit("y", y, names, x);
        var exact = LinearRegression.Fit("y", y.Select(v => (decimal)v).ToArray(), names,
            x.Select(c => (IReadOnlyList<decimal>)c.Select(v => (decimal)v).ToArray()).ToArray());
        for (var j = 0; j <= k; j++)
        {
            Assert.True(Rel(fast.Coefficients[j].B, exact.Coefficients[j].B) < 1e-9);
            Assert.True(Rel(fast.Coefficients[j].StdError, exact.Coefficients[j].StdError) < 1e-9);
        }
        Assert.True(Rel(fast.RSquared, exact.RSquared) < 1e-12);
        Assert.True(Rel(fast.F, exact.F) < 1e-9);
        Assert.True(Rel(fast.Summary.DurbinWatson, exact.Summary.DurbinWatson) < 1e-9);
    }

    [Fact]
    public void Collinear_predictor_is_named_and_dropped_or_stops()
    {
        double[] a = [1, 2, 3, 4, 5, 6, 7], b = [2, 1, 4, 3, 6, 5, 8], y = [1, 3, 2, 5, 4, 7, 9];
        var sum = a.Zip(b, (u, v) => u + v).ToArray();
        var fit = LinearRegression.Fit("y", y, ["a", "b", "a_plus_b"], [a, b, sum]);
        Assert.Equal(3, fit.Coefficients.Count);
        var ex = Assert.Single(fit.Excluded);
        Assert.Equal("a_plus_b", ex.Variable);
        Assert.Equal(NoticeCodes.Collinear, ex.Reason);
        Assert.Contains(fit.Notices, n => n.Code == NoticeCodes.Collinear && n.Variable == "a_plus_b");
        var e = Assert.Throws<StatisticsInputException>(() => LinearRegression.Fit("y", y, ["a", "b", "a_plus_b"], [a, b, sum],
            new RegressionOptions(OnCollinearity: CollinearityAction.Stop)));
        Assert.Equal(NoticeCodes.Collinear, e.Code);
        Assert.Equal("a_plus_b", e.Variable);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void Constant_predictor_constant_dependent_too_few_cases_and_all_missing()
    {
        double[] a = [1, 2, 3, 4, 5], c = [3, 3, 3, 3, 3], y = [2, 4, 5, 4, 5];
        var fit = LinearRegression.Fit("y", y, ["a", "c"], [a, c]);
        Assert.Contains(fit.Notices, n => n.Code == NoticeCodes.Constant && n.Variable == "c");
        Assert.Equal("c", Assert.Single(fit.Excluded).Variable);

        var e1 = Assert.Throws<StatisticsInputException>(() => LinearRegression.Fit("c", c, ["a"], [a]));
        Assert.Equal((NoticeCodes.Constant, "c"), (e1.Code, e1.Variable));

        double[] b = [5, 1, 4, 2, 2];
        double[] d = [1, 7, 2, 9, 3];
        double[] f = [0, 1, 0, 1, 1];
        var e2 = Assert.Throws<StatisticsInputException>(() => LinearRegression.Fit("y", y, ["a", "b", "d", "f"], [a, b, d, f]));
        Assert.Equal(NoticeCodes.TooFewCases, e2.Code);

        double[] missing = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        var e3 = Assert.Throws<StatisticsInputException>(() => LinearRegression.Fit("y", y, ["a", "m"], [a, missing]));
        Assert.Equal((NoticeCodes.AllMissing, "m"), (e3.Code, e3.Variable));

        double[] someMissing = [1, double.NaN, 2, 4, 3];
        var withMissing = LinearRegression.Fit("y", y, ["s"], [someMissing]);
        Assert.Equal(4, withMissing.Summary.N);
        Assert.Contains(withMissing.Notices, n => n.Code == NoticeCodes.MissingExcluded);
    }
}
