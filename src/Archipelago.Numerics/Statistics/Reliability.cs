using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Archipelago.Numerics.Statistics;

/// <summary>How missing item responses are handled.</summary>
public enum MissingHandling
{
    /// <summary>Covariances from all cases observed on both items (R <c>cov(use = "pairwise")</c>; psych::alpha default).</summary>
    Pairwise,
    /// <summary>Only cases observed on every item (SPSS RELIABILITY).</summary>
    Listwise,
}

/// <summary>Options for <see cref="Reliability.Analyze"/>.</summary>
public sealed record ReliabilityOptions(
    MissingHandling Missing = MissingHandling.Pairwise,
    double ConfidenceLevel = 0.95,
    bool ComputeOmega = true);

/// <summary>Per-item statistics of a scale.</summary>
/// <param name="AlphaIfDeleted">Raw α of the remaining items.</param>
/// <param name="StdAlphaIfDeleted">Standardised α of the remaining items.</param>
/// <param name="CorrectedItemTotalR">r of the item with the sum of the other items, Σₗ≠ⱼCⱼₗ / √(Cⱼⱼ·ΣΣ₋ⱼC) (psych "r.drop", SPSS "Corrected Item-Total Correlation").</param>
/// <param name="OmegaIfDeleted">ω total of the remaining items (null when ω was not requested or fewer than 3 items remain).</param>
public sealed record ItemReliability(
    string Item, int N, double Mean, double StdDeviation,
    double AlphaIfDeleted, double StdAlphaIfDeleted, double CorrectedItemTotalR, double? OmegaIfDeleted, double? Loading);

/// <summary>Scale reliability: Cronbach's α (raw and standardised) with Feldt CI, McDonald's ω total, per-item table.</summary>
/// <param name="Alpha">α = k/(k−1)·(1 − tr C / ΣC) (Cronbach 1951).</param>
/// <param name="StdAlpha">k·r̄/(1 + (k−1)r̄), r̄ the mean off-diagonal of R = cov2cor(C).</param>
/// <param name="AlphaLower">Feldt (1965): 1 − (1 − α)·F₁₋γ/₂(n−1, (n−1)(k−1)), n = number of cases (psych::alpha.ci).</param>
/// <param name="AlphaUpper">1 − (1 − α)·F_γ/₂(n−1, (n−1)(k−1)).</param>
/// <param name="Omega">McDonald's ω total from a one-factor minres (ULS) solution on the pairwise correlation matrix R
/// (R <c>cor(use = "pairwise")</c>, as psych::omega uses): 1 − Σuⱼ² / ΣΣR (psych::omega(nfactors=1)$omega.tot).</param>
public sealed record ReliabilityResult(
    int Items, int Cases, double Alpha, double StdAlpha, double AverageR,
    double AlphaLower, double AlphaUpper, double? Omega,
    IReadOnlyList<ItemReliability> ItemStatistics, IReadOnlyList<Notice> Notices);

/// <summary>Internal-consistency reliability (psych::alpha, psych::omega; SPSS RELIABILITY /MODEL=ALPHA).</summary>
public static class Reliability
{
    public static ReliabilityResult Analyze(IReadOnlyList<string> itemNames, IReadOnlyList<IReadOnlyList<double>> items,
        ReliabilityOptions? options = null)
    {
        options ??= new ReliabilityOptions();
        var k = items.Count;
        if (itemNames.Count != k) throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"{itemNames.Count} names for {k} items.");
        if (k < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, "Reliability needs at least two items.");
        var n = items[0].Count;
        for (var j = 0; j < k; j++)
        {
            if (items[j].Count != n)
                throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"Item '{itemNames[j]}' has {items[j].Count} values, expected {n}.", itemNames[j]);
            if (items[j].All(double.IsNaN))
                throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{itemNames[j]}' are missing.", itemNames[j]);
        }
        var notices = new List<Notice>();
        var data = items.Select(c => c as double[] ?? c.ToArray()).ToArray();
        if (options.Missing == MissingHandling.Listwise)
        {
            var rows = Enumerable.Range(0, n).Where(i => data.All(c => !double.IsNaN(c[i]))).ToArray();
            if (rows.Length < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, $"{rows.Length} complete case(s).");
            if (rows.Length < n) notices.Add(new Notice(NoticeCodes.MissingExcluded, $"{n - rows.Length} case(s) with missing values excluded listwise."));
            data = data.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
            n = rows.Length;
        }
        var (cov, pairwiseR, _) = Covariance.Pairwise(data);
        for (var j = 0; j < k; j++)
            if (!(cov[j, j] > 0))
                throw new StatisticsInputException(NoticeCodes.Constant, $"Item '{itemNames[j]}' has zero variance.", itemNames[j]);
        var corr = Covariance.ToCorrelation(cov);
        var all = Enumerable.Range(0, k).ToArray();
        var (alpha, stdAlpha, rbar) = Alphas(cov, corr, all);
        var gamma = 1 - options.ConfidenceLevel;
        double d1 = n - 1, d2 = (n - 1.0) * (k - 1);
        var lower = 1 - (1 - alpha) * FisherSnedecor.InvCDF(d1, d2, 1 - gamma / 2);
        var upper = 1 - (1 - alpha) * FisherSnedecor.InvCDF(d1, d2, gamma / 2);
        if (alpha < 0)
            notices.Add(new Notice(NoticeCodes.NegativeAverageCovariance, "α is negative: the average inter-item covariance is negative (reverse-keyed items?)."));

        double? omega = null;
        double[]? loadings = null;
        if (options.ComputeOmega && k >= 3)
        {
            try { (omega, loadings) = OmegaTotal(pairwiseR, all); }
            catch (StatisticsInputException e) when (e.Code == NoticeCodes.NotPositiveDefinite)
            {
                notices.Add(new Notice(e.Code, "ω not computed: " + e.Message));
            }
        }
        var perItem = new List<ItemReliability>(k);
        for (var j = 0; j < k; j++)
        {
            var rest = all.Where(i => i != j).ToArray();
            var (aj, sj, _) = k > 2 ? Alphas(cov, corr, rest) : (double.NaN, double.NaN, double.NaN);
            double vRest = 0, cj = 0;
            foreach (var a in rest) { cj += cov[j, a]; foreach (var b in rest) vRest += cov[a, b]; }
            var rDrop = cj / Math.Sqrt(cov[j, j] * vRest);
            double? omegaDrop = null;
            if (options.ComputeOmega && rest.Length >= 3)
                try { omegaDrop = OmegaTotal(pairwiseR, rest).Omega; }
                catch (StatisticsInputException e) when (e.Code == NoticeCodes.NotPositiveDefinite)
                {
                    notices.Add(new Notice(e.Code, $"ω if '{itemNames[j]}' is deleted not computed: the remaining items' correlation matrix is singular.", itemNames[j]));
                }
            var valid = data[j].Where(v => !double.IsNaN(v)).ToArray();
            perItem.Add(new ItemReliability(itemNames[j], valid.Length, valid.Average(), Math.Sqrt(cov[j, j]),
                aj, sj, rDrop, omegaDrop, loadings?[j]));
        }
        return new ReliabilityResult(k, n, alpha, stdAlpha, rbar, lower, upper, omega, perItem, notices);
    }

    static (double Alpha, double Std, double AverageR) Alphas(double[,] cov, double[,] corr, int[] idx)
    {
        var k = idx.Length;
        double tr = 0, sum = 0, rsum = 0;
        foreach (var a in idx)
        {
            tr += cov[a, a];
            foreach (var b in idx) { sum += cov[a, b]; rsum += corr[a, b]; }
        }
        var alpha = k / (k - 1.0) * (1 - tr / sum);
        var std = k / (k - 1.0) * (1 - k / rsum);
        var rbar = (rsum - k) / (k * (k - 1.0));
        return (alpha, std, rbar);
    }

    /// <summary>
    /// ω total = 1 − Σuⱼ²/ΣΣR with uⱼ² = 1 − λⱼ² from the one-factor minres (unweighted least squares) solution,
    /// found as the fixed point of iterated principal-axis factoring from squared multiple correlations
    /// (Harman 1976; the ULS stationary point psych::fa(fm = "minres") reaches by optimisation).
    /// </summary>
    internal static (double Omega, double[] Loadings) OmegaTotal(double[,] corr, int[] idx)
    {
        var k = idx.Length;
        var r = Matrix<double>.Build.Dense(k, k, (i, j) => corr[idx[i], idx[j]]);
        var loadings = FactorExtraction.PrincipalAxisOneFactor(r);
        double total = 0, u2 = 0;
        for (var i = 0; i < k; i++) { u2 += 1 - loadings[i] * loadings[i]; for (var j = 0; j < k; j++) total += r[i, j]; }
        var full = new double[corr.GetLength(0)];
        for (var i = 0; i < k; i++) full[idx[i]] = loadings[i];
        return (1 - u2 / total, full);
    }
}

/// <summary>Covariance and correlation matrices.</summary>
public static class Covariance
{
    /// <summary>
    /// Pairwise-complete sample covariances (R <c>cov(x, use = "pairwise")</c>): for each pair, means and the n−1 divisor
    /// from the cases observed on both variables; two-pass.
    /// </summary>
    public static double[,] PairwiseMatrix(IReadOnlyList<double[]> columns) => Pairwise(columns).Covariance;

    /// <summary>
    /// Pairwise-complete covariances and correlations (R <c>cov</c>/<c>cor(x, use = "pairwise")</c>): each correlation uses the
    /// means and standard deviations of the cases observed on both variables. Also returns the pairwise n.
    /// </summary>
    public static (double[,] Covariance, double[,] Correlation, int[,] N) Pairwise(IReadOnlyList<double[]> columns)
    {
        var k = columns.Count;
        var c = new double[k, k];
        var r = new double[k, k];
        var nn = new int[k, k];
        Parallel.For(0, k, a =>
        {
            for (var b = a; b < k; b++)
            {
                var x = columns[a]; var y = columns[b];
                double sx = 0, sy = 0; var m = 0;
                for (var i = 0; i < x.Length; i++)
                    if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { sx += x[i]; sy += y[i]; m++; }
                nn[a, b] = nn[b, a] = m;
                if (m < 2) { c[a, b] = c[b, a] = r[a, b] = r[b, a] = double.NaN; continue; }
                double mx = sx / m, my = sy / m, s = 0, sxx = 0, syy = 0;
                for (var i = 0; i < x.Length; i++)
                    if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
                    {
                        double dx = x[i] - mx, dy = y[i] - my;
                        s += dx * dy; sxx += dx * dx; syy += dy * dy;
                    }
                c[a, b] = c[b, a] = s / (m - 1);
                r[a, b] = r[b, a] = a == b ? 1 : s / Math.Sqrt(sxx * syy);
            }
        });
        return (c, r, nn);
    }

    /// <summary>R = D^{-1/2} C D^{-1/2} (R <c>cov2cor</c>).</summary>
    public static double[,] ToCorrelation(double[,] cov)
    {
        var k = cov.GetLength(0);
        var r = new double[k, k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
                r[a, b] = a == b ? 1 : cov[a, b] / Math.Sqrt(cov[a, a] * cov[b, b]);
        return r;
    }
}
