namespace Archipelago.Numerics.Statistics;

public enum MannWhitneyMethod { Auto, Exact, Normal }

/// <summary>Mann–Whitney U (R's W: the rank sum of the first group minus n₁(n₁+1)/2), its z when approximated, two-sided p.</summary>
public sealed record MannWhitneyResult(double W, double? Z, double P, bool Exact, bool ContinuityCorrection, double MeanRankA, double MeanRankB, int NA, int NB);

/// <summary>Kruskal–Wallis H corrected for ties, on k − 1 df, with each group's mean rank.</summary>
public sealed record KruskalWallisResult(double H, int Df, double P, IReadOnlyList<(string Group, int N, double MeanRank)> Groups);

/// <summary>
/// Rank tests as R's <c>wilcox.test</c> (two-sample, two-sided) and <c>kruskal.test</c> compute them. Mann–Whitney is
/// exact (the null distribution of W counted, Gaussian binomial coefficients) when both groups have fewer than 50
/// cases and there are no ties; otherwise normal with the tie-corrected variance and, by default, a continuity
/// correction of ½ towards the mean.
/// </summary>
public static class RankTests
{
    public static MannWhitneyResult MannWhitney(string nameA, IReadOnlyList<double> a, string nameB, IReadOnlyList<double> b,
        MannWhitneyMethod method = MannWhitneyMethod.Auto, bool continuityCorrection = true)
    {
        var x = a.Where(v => !double.IsNaN(v)).ToArray(); var y = b.Where(v => !double.IsNaN(v)).ToArray();
        if (x.Length == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"Group '{nameA}' has no valid values.", nameA);
        if (y.Length == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"Group '{nameB}' has no valid values.", nameB);
        var ranks = Ranks.Average(x.Concat(y).ToArray(), out var ties);
        int nx = x.Length, ny = y.Length, n = nx + ny;
        var rx = ranks.Take(nx).Sum();
        var w = rx - nx * (nx + 1) / 2.0;
        var meanA = rx / nx; var meanB = (ranks.Sum() - rx) / ny;
        var exact = method == MannWhitneyMethod.Exact || (method == MannWhitneyMethod.Auto && nx < 50 && ny < 50 && ties == 0);
        if (exact && ties > 0) throw new StatisticsInputException("ties", "The exact Mann–Whitney distribution assumes no ties; these data have ties: use the normal approximation.", nameA);
        if (exact)
        {
            var counts = UDistribution(nx, ny);
            var total = counts.Sum();
            var k = (int)Math.Round(w);
            double lower = 0, upper = 0;
            for (var u = 0; u < counts.Length; u++) { if (u <= k) lower += counts[u]; if (u >= k) upper += counts[u]; }
            var p = Math.Min(1, 2 * Math.Min(lower, upper) / total);
            return new MannWhitneyResult(w, null, p, true, false, meanA, meanB, nx, ny);
        }
        var z = w - nx * (double)ny / 2;
        var sigma = Math.Sqrt(nx * (double)ny / 12 * (n + 1 - ties / ((double)n * (n - 1))));
        if (sigma == 0) throw new StatisticsInputException(NoticeCodes.Constant, "All values are equal: the rank test is not defined.", nameA);
        var correction = continuityCorrection ? Math.Sign(z) * 0.5 : 0;
        z = (z - correction) / sigma;
        return new MannWhitneyResult(w, z, Probability.NormalTwoSided(z), false, continuityCorrection, meanA, meanB, nx, ny);
    }

    /// <summary>Frequencies of U = 0..m·n under H₀: coefficients of the Gaussian binomial [m+n choose m]_q =
    /// ∏ᵢ₌₁..ₘ (1 − q^(n+i)) / (1 − q^i), each division by (1 − q^i) exact as a running sum.</summary>
    public static double[] UDistribution(int m, int n)
    {
        var c = new double[m * n + 1];
        c[0] = 1;
        for (var i = 1; i <= m; i++)
        {
            for (var u = c.Length - 1; u >= n + i; u--) c[u] -= c[u - n - i];
            for (var u = i; u < c.Length; u++) c[u] += c[u - i];
        }
        return c;
    }

    public static KruskalWallisResult KruskalWallis(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> groups)
    {
        if (groups.Count < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, "Kruskal–Wallis needs at least two groups.");
        var valid = groups.Select((g, i) =>
        {
            var v = g.Where(x => !double.IsNaN(x)).ToArray();
            return v.Length > 0 ? v : throw new StatisticsInputException(NoticeCodes.AllMissing, $"Group '{names[i]}' has no valid values.", names[i]);
        }).ToArray();
        var all = valid.SelectMany(v => v).ToArray();
        double n = all.Length;
        var ranks = Ranks.Average(all, out var ties);
        if (ties == n * n * n - n) throw new StatisticsInputException(NoticeCodes.Constant, "All values are equal: the rank test is not defined.");
        double sum = 0; var at = 0;
        var summaries = new List<(string, int, double)>();
        for (var g = 0; g < valid.Length; g++)
        {
            var r = ranks.Skip(at).Take(valid[g].Length).Sum();
            at += valid[g].Length;
            sum += r * r / valid[g].Length;
            summaries.Add((names[g], valid[g].Length, r / valid[g].Length));
        }
        var h = (12 / (n * (n + 1)) * sum - 3 * (n + 1)) / (1 - ties / (n * n * n - n));
        return new KruskalWallisResult(h, groups.Count - 1, Probability.ChiSquareUpper(h, groups.Count - 1), summaries);
    }
}
