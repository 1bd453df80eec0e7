namespace Archipelago.Numerics.Statistics;

/// <summary>Variable-selection method of SPSS REGRESSION /METHOD.</summary>
public enum SelectionMethod { Enter, Stepwise, Forward, Backward }

/// <summary>SPSS REGRESSION /CRITERIA: PIN(.05) POUT(.10) TOLERANCE(.0001), MAXSTEPS = 2 × candidates.</summary>
public sealed record SelectionCriteria(
    double ProbabilityToEnter = 0.05,
    double ProbabilityToRemove = 0.10,
    double Tolerance = 1e-4,
    int? MaxSteps = null);

/// <summary>One model in the sequence: what changed, its full OLS fit and the excluded-variables table.</summary>
/// <param name="Model">1-based model number (SPSS "Model").</param>
/// <param name="Entered">Variable entered at this step, if any.</param>
/// <param name="Removed">Variable removed at this step, if any.</param>
/// <param name="RSquaredChange">R² of this model minus that of the previous one.</param>
/// <param name="FChange">F for the change: ΔR²·df₂ / ((1 − R²)·|Δp|) (SPSS "F Change").</param>
/// <param name="PChange">Upper-tail p of <paramref name="FChange"/>.</param>
public sealed record SelectionStep(
    int Model, string? Entered, string? Removed, IReadOnlyList<string> Variables,
    RegressionResult Fit, IReadOnlyList<ExcludedVariable> Excluded,
    double RSquaredChange, double FChange, double PChange);

/// <summary>Result of a variable-selection run: every model and the last one.</summary>
public sealed record SelectionResult(
    SelectionMethod Method, SelectionCriteria Criteria, int N,
    IReadOnlyList<SelectionStep> Steps, IReadOnlyList<Notice> Notices)
{
    /// <summary>Final model (null when no variable met the entry criterion).</summary>
    public SelectionStep? Final => Steps.Count > 0 ? Steps[^1] : null;
}

/// <summary>
/// SPSS REGRESSION variable selection (SPSS Statistics Algorithms, "REGRESSION: Methods for variable entry and removal").
/// Works on the correlation matrix of the listwise-complete cases with the sweep operator (Goodnight 1979).
/// For a variable j outside the model (swept matrix A, y last): tolerance Tⱼ = aⱼⱼ, partial r = aⱼy/√(aⱼⱼa_yy),
/// Beta In = aⱼy/aⱼⱼ, F-to-enter = r²(df_res − 1)/(1 − r²) on (1, df_res − 1).
/// For j inside: F-to-remove = βⱼ²/(aⱼⱼ·a_yy/df_res) on (1, df_res), df_res = n − p − 1.
/// Stepwise: first remove the in-model variable with the largest p if p &gt; POUT; otherwise enter the candidate with the
/// smallest p (largest F; ties go to the earlier variable in the list) if p ≤ PIN and its tolerance ≥ TOL; stop otherwise or
/// after MAXSTEPS. Forward: entry only. Backward: all variables entered (in list order, tolerance permitting), then removal only.
/// </summary>
public static class StepwiseRegression
{
    public static SelectionResult Select(
        string dependent, IReadOnlyList<double> y,
        IReadOnlyList<string> candidateNames, IReadOnlyList<IReadOnlyList<double>> candidates,
        SelectionMethod method = SelectionMethod.Stepwise, SelectionCriteria? criteria = null)
    {
        criteria ??= new SelectionCriteria();
        var k = candidates.Count;
        if (candidateNames.Count != k)
            throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"{candidateNames.Count} names for {k} candidates.");
        if (k == 0) throw new StatisticsInputException(NoticeCodes.NoPredictors, "No candidate predictors.");
        for (var j = 0; j < k; j++)
            if (candidates[j].Count != y.Count)
                throw new StatisticsInputException(NoticeCodes.LengthMismatch,
                    $"Predictor '{candidateNames[j]}' has {candidates[j].Count} values, '{dependent}' has {y.Count}.", candidateNames[j]);

        // Listwise deletion over the dependent and all candidates (SPSS /MISSING LISTWISE).
        var notices = new List<Notice>();
        var rows = Enumerable.Range(0, y.Count).Where(i => !double.IsNaN(y[i]) && candidates.All(c => !double.IsNaN(c[i]))).ToArray();
        if (rows.Length == 0)
        {
            for (var j = 0; j < k; j++)
                if (candidates[j].All(double.IsNaN))
                    throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{candidateNames[j]}' are missing.", candidateNames[j]);
            throw new StatisticsInputException(NoticeCodes.AllMissing, "No case has complete data on all variables.", dependent);
        }
        if (rows.Length < y.Count)
            notices.Add(new Notice(NoticeCodes.MissingExcluded, $"{y.Count - rows.Length} case(s) with missing values excluded listwise."));
        var n = rows.Length;
        var yy = rows.Select(i => y[i]).ToArray();
        var xx = candidates.Select(c => (IReadOnlyList<double>)rows.Select(i => c[i]).ToArray()).ToArray();

        var corr = CorrelationOfCompressed(yy, xx, candidateNames, dependent, notices, out var constant);
        var p1 = k + 1;
        var maxSteps = criteria.MaxSteps ?? 2 * k;
        var inModel = new List<int>();
        var steps = new List<SelectionStep>();
        double previousR2 = 0;

        void Record(string? entered, string? removed)
        {
            var a = Swept(corr, p1, inModel);
            var fit = LinearRegression.Fit(dependent, yy, inModel.Select(j => candidateNames[j]).ToArray(),
                inModel.Select(j => xx[j]).ToArray(), new RegressionOptions(Tolerance: 0));
            var excluded = new List<ExcludedVariable>();
            var dfRes = n - inModel.Count - 1;
            for (var j = 0; j < k; j++)
            {
                if (inModel.Contains(j)) continue;
                if (constant[j])
                {
                    excluded.Add(new ExcludedVariable(candidateNames[j], double.NaN, double.NaN, double.NaN, double.NaN, 0, NoticeCodes.Constant));
                    continue;
                }
                var (betaIn, partial, tol, f, pr) = EnterStatistics(a, p1, j, dfRes);
                var t = Math.Sign(partial) * Math.Sqrt(f);
                excluded.Add(new ExcludedVariable(candidateNames[j], betaIn, t, pr, partial, tol,
                    tol < criteria.Tolerance ? NoticeCodes.Collinear : null));
            }
            var r2 = fit.RSquared;
            var dp = Math.Max(1, Math.Abs(inModel.Count - (steps.Count > 0 ? steps[^1].Variables.Count : 0)));
            var fChange = (r2 - previousR2) * fit.Anova.Residual.Df / ((1 - r2) * dp);
            if (removed is not null) fChange = -fChange;
            var pChange = Probability.FisherUpper(Math.Abs(fChange), dp, fit.Anova.Residual.Df);
            steps.Add(new SelectionStep(steps.Count + 1, entered, removed, inModel.Select(j => candidateNames[j]).ToArray(),
                fit, excluded, r2 - previousR2, Math.Abs(fChange), pChange));
            previousR2 = r2;
        }

        if (method is SelectionMethod.Enter or SelectionMethod.Backward)
        {
            for (var j = 0; j < k; j++)
            {
                if (constant[j]) continue;
                var a = Swept(corr, p1, inModel);
                if (a[j * p1 + j] < criteria.Tolerance)
                {
                    notices.Add(new Notice(NoticeCodes.Collinear, $"Predictor '{candidateNames[j]}' has tolerance {a[j * p1 + j]:G3} < {criteria.Tolerance:G3} and was not entered.", candidateNames[j]));
                    continue;
                }
                inModel.Add(j);
            }
            if (n - inModel.Count - 1 <= 0)
                throw new StatisticsInputException(NoticeCodes.TooFewCases, $"{n} complete cases for {inModel.Count + 1} parameters.");
            Record(null, null);
            if (method == SelectionMethod.Enter)
                return new SelectionResult(method, criteria, n, steps, notices);
        }

        for (var step = 0; step < maxSteps; step++)
        {
            var a = Swept(corr, p1, inModel);
            var dfRes = n - inModel.Count - 1;
            if (method is SelectionMethod.Stepwise or SelectionMethod.Backward && inModel.Count > 0)
            {
                int worst = -1; double worstP = -1, worstF = double.PositiveInfinity;
                var ayy = a[k * p1 + k];
                foreach (var j in inModel)
                {
                    var beta = a[j * p1 + k];
                    var f = beta * beta / (a[j * p1 + j] * ayy / dfRes);
                    var pr = Probability.FisherUpper(f, 1, dfRes);
                    if (pr > worstP || (pr == worstP && f < worstF)) { worst = j; worstP = pr; worstF = f; }
                }
                if (worstP > criteria.ProbabilityToRemove)
                {
                    inModel.Remove(worst);
                    Record(null, candidateNames[worst]);
                    continue;
                }
            }
            if (method == SelectionMethod.Backward) break;
            int best = -1; double bestP = 2, bestF = -1;
            if (dfRes - 1 > 0)
                for (var j = 0; j < k; j++)
                {
                    if (inModel.Contains(j) || constant[j]) continue;
                    var (_, _, tol, f, pr) = EnterStatistics(a, p1, j, dfRes);
                    if (tol < criteria.Tolerance) continue;
                    if (pr < bestP || (pr == bestP && f > bestF)) { best = j; bestP = pr; bestF = f; }
                }
            if (best < 0 || bestP > criteria.ProbabilityToEnter) break;
            inModel.Add(best);
            Record(candidateNames[best], null);
        }
        return new SelectionResult(method, criteria, n, steps, notices);
    }

    static (double BetaIn, double Partial, double Tolerance, double F, double P) EnterStatistics(double[] a, int p1, int j, int dfRes)
    {
        var y = p1 - 1;
        var ajj = a[j * p1 + j];
        var ajy = a[j * p1 + y];
        var ayy = a[y * p1 + y];
        if (ajj <= 0) return (double.NaN, double.NaN, 0, 0, 1);
        var partial = ajy / Math.Sqrt(ajj * ayy);
        var df = dfRes - 1;
        var f = partial * partial * df / (1 - partial * partial);
        return (ajy / ajj, partial, ajj, f, Probability.FisherUpper(f, 1, df));
    }

    /// <summary>
    /// Goodnight's (1979) SWEEP of a symmetric matrix on the given pivots, on a copy: for pivot k,
    /// d = a_kk; row k /= d; for i ≠ k: a_i· −= a_ik·a_k·, a_ik = −a_ik/d; a_kk = 1/d.
    /// </summary>
    internal static double[] Swept(double[] corr, int p1, List<int> pivots)
    {
        var a = (double[])corr.Clone();
        foreach (var k in pivots)
        {
            var d = a[k * p1 + k];
            for (var j = 0; j < p1; j++) a[k * p1 + j] /= d;
            for (var i = 0; i < p1; i++)
            {
                if (i == k) continue;
                var b = a[i * p1 + k];
                if (b == 0) continue;
                for (var j = 0; j < p1; j++) a[i * p1 + j] -= b * a[k * p1 + j];
                a[i * p1 + k] = -b / d;
            }
            a[k * p1 + k] = 1 / d;
        }
        return a;
    }

    /// <summary>Correlation matrix of [X y] from the R factor of the centred data (RᵀR = centred cross-products).</summary>
    static double[] CorrelationOfCompressed(double[] y, IReadOnlyList<double>[] xs, IReadOnlyList<string> names, string dependent,
        List<Notice> notices, out bool[] constant)
    {
        var k = xs.Length;
        var p1 = k + 1;
        var rows = Enumerable.Range(0, y.Length).ToArray();
        var means = xs.Select(x => LinearRegression.Mean(x, rows, false).ToDouble()).ToArray();
        var r = BlockedQr.Compress(y, xs, rows, LinearRegression.Mean(y, rows, false).ToDouble(), means);
        var cp = new double[p1 * p1];
        for (var i = 0; i < p1; i++)
            for (var j = i; j < p1; j++)
            {
                double s = 0;
                for (var l = 0; l <= i; l++) s += r[l, i] * r[l, j];
                cp[i * p1 + j] = cp[j * p1 + i] = s;
            }
        if (cp[k * p1 + k] <= 0)
            throw new StatisticsInputException(NoticeCodes.Constant, $"The dependent variable '{dependent}' is constant.", dependent);
        constant = new bool[k];
        var sd = new double[p1];
        for (var i = 0; i < p1; i++) sd[i] = Math.Sqrt(cp[i * p1 + i]);
        for (var j = 0; j < k; j++)
            if (sd[j] == 0)
            {
                constant[j] = true;
                notices.Add(new Notice(NoticeCodes.Constant, $"Predictor '{names[j]}' is constant and cannot enter.", names[j]));
            }
        var corr = new double[p1 * p1];
        for (var i = 0; i < p1; i++)
            for (var j = 0; j < p1; j++)
                corr[i * p1 + j] = sd[i] > 0 && sd[j] > 0 ? cp[i * p1 + j] / (sd[i] * sd[j]) : (i == j ? 1 : 0);
        return corr;
    }
}
