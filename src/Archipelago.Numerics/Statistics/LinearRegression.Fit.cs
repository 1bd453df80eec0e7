namespace Archipelago.Numerics.Statistics;

/// <summary>
/// Ordinary least squares with the output of SPSS REGRESSION (SPSS Statistics Algorithms, "REGRESSION").
/// The data are centred (when there is a constant) and factorised by Householder QR in double-double
/// arithmetic, so that the NIST StRD linear-regression problems, Filip included, are reproduced to the
/// certified digits; large problems are first compressed to their R factor by a blocked double-precision
/// Householder QR (<see cref="BlockedQr"/>) and then finished the same way.
/// Formulas (n cases, p predictors in the model, c = 1 with a constant, df_res = n − p − c):
/// b = R⁻¹Qᵀy; s² = RSS/df_res; Cov(b) = s²R⁻¹R⁻ᵀ; b₀ = ȳ − Σbⱼx̄ⱼ, Var(b₀) = s²(1/n + ‖R⁻ᵀx̄‖²);
/// R² = 1 − RSS/TSS (TSS centred with a constant, uncentred through the origin);
/// adj R² = 1 − (1 − R²)(n − c)/df_res; F = (SSR/p)/(RSS/df_res); Durbin–Watson d = Σ(eᵢ − eᵢ₋₁)²/Σeᵢ².
/// </summary>
public static class LinearRegression
{
    public const string ConstantTerm = "(Constant)";

    /// <summary>Problems with n·(p+1)² above this are compressed by the double-precision blocked QR first.</summary>
    internal const long DirectCells = 2_000_000;

    /// <summary>
    /// Fits y on the predictors. Cases with a missing value (NaN) in y or any predictor are dropped (listwise).
    /// </summary>
    /// <exception cref="StatisticsInputException">
    /// Length mismatch, no complete cases (<c>all_missing</c>), constant dependent (<c>constant</c>),
    /// not more cases than parameters (<c>too_few_cases</c>), or a collinear/constant predictor when
    /// <see cref="RegressionOptions.OnCollinearity"/> is <see cref="CollinearityAction.Stop"/>.
    /// </exception>
    public static RegressionResult Fit(
        string dependent, IReadOnlyList<double> y,
        IReadOnlyList<string> predictorNames, IReadOnlyList<IReadOnlyList<double>> predictors,
        RegressionOptions? options = null)
    {
        options ??= new RegressionOptions();
        Validate(dependent, y.Count, predictorNames, predictors.Select(p => p.Count).ToArray(), options);
        var notices = new List<Notice>();
        var rows = CompleteRows(dependent, y, predictorNames, predictors, notices);
        var k = predictors.Count;
        if ((long)rows.Length * (k + 1) * (k + 1) <= DirectCells)
        {
            var rawY = rows.Select(r => (DoubleDouble)y[r]).ToArray();
            var rawX = predictors.Select(x => rows.Select(r => (DoubleDouble)x[r]).ToArray()).ToArray();
            return FitExact(dependent, rawY, predictorNames, rawX, options, notices);
        }
        return FitLarge(dependent, y, predictorNames, predictors, rows, options, notices);
    }

    /// <summary>
    /// Fits y on the predictors given as exact decimals (converted to double-double, ~31 significant digits),
    /// for data whose decimal digits matter (e.g. NIST Filip: x¹⁰ formed exactly). No missing values.
    /// </summary>
    public static RegressionResult Fit(
        string dependent, IReadOnlyList<decimal> y,
        IReadOnlyList<string> predictorNames, IReadOnlyList<IReadOnlyList<decimal>> predictors,
        RegressionOptions? options = null)
    {
        options ??= new RegressionOptions();
        Validate(dependent, y.Count, predictorNames, predictors.Select(p => p.Count).ToArray(), options);
        if (y.Count == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"'{dependent}' has no values.", dependent);
        var rawY = y.Select(ToDoubleDouble).ToArray();
        var rawX = predictors.Select(x => x.Select(ToDoubleDouble).ToArray()).ToArray();
        return FitExact(dependent, rawY, predictorNames, rawX, options, []);
    }

    /// <summary>Decimal → double-double: the 96-bit integer significand exactly, divided by 10^scale (exact in double-double).</summary>
    internal static DoubleDouble ToDoubleDouble(decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        var mantissa = (DoubleDouble)((uint)bits[2] * 18446744073709551616.0)
                       + (uint)bits[1] * 4294967296.0 + (double)(uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        DoubleDouble pow = 1.0;
        for (var i = 0; i < scale; i++) pow *= 10.0;
        var v = scale == 0 ? mantissa : mantissa / pow;
        return bits[3] < 0 ? -v : v;
    }

    static void Validate(string dependent, int n, IReadOnlyList<string> names, int[] counts, RegressionOptions options)
    {
        var k = counts.Length;
        if (names.Count != k)
            throw new StatisticsInputException(NoticeCodes.LengthMismatch, $"{names.Count} names for {k} predictors.");
        for (var j = 0; j < k; j++)
            if (counts[j] != n)
                throw new StatisticsInputException(NoticeCodes.LengthMismatch,
                    $"Predictor '{names[j]}' has {counts[j]} values, '{dependent}' has {n}.", names[j]);
        if (k == 0 && !options.IncludeIntercept)
            throw new StatisticsInputException(NoticeCodes.NoPredictors, "A model without constant needs at least one predictor.");
    }

    static DoubleDouble MeanOf(DoubleDouble[] x)
    {
        var s = DoubleDouble.Zero;
        foreach (var v in x) s += v;
        var m = s / (double)x.Length;
        var d = DoubleDouble.Zero;
        foreach (var v in x) d += v - m;
        return m + d / (double)x.Length;
    }

    static RegressionResult FitExact(string dependent, DoubleDouble[] rawY, IReadOnlyList<string> predictorNames,
        DoubleDouble[][] rawX, RegressionOptions options, List<Notice> notices)
    {
        var n = rawY.Length;
        var k = rawX.Length;
        var yMean = options.IncludeIntercept ? MeanOf(rawY) : DoubleDouble.Zero;
        var xMean = rawX.Select(x => options.IncludeIntercept ? MeanOf(x) : DoubleDouble.Zero).ToArray();
        var cols = new DoubleDouble[k][];
        for (var j = 0; j < k; j++)
        {
            var dst = cols[j] = new DoubleDouble[n];
            for (var i = 0; i < n; i++) dst[i] = rawX[j][i] - xMean[j];
        }
        var yCol = new DoubleDouble[n];
        for (var i = 0; i < n; i++) yCol[i] = rawY[i] - yMean;
        return Finish(dependent, predictorNames, options, notices, n, yMean, xMean, cols, yCol, (b, accepted, b0, fitted, resid) =>
        {
            for (var r = 0; r < n; r++)
            {
                var f = options.IncludeIntercept ? yMean : DoubleDouble.Zero;
                for (var i = 0; i < accepted.Count; i++)
                {
                    var j = accepted[i];
                    f += b[i] * (rawX[j][r] - xMean[j]);
                }
                fitted[r] = f.ToDouble();
                resid[r] = (rawY[r] - f).ToDouble();
            }
        });
    }

    static RegressionResult FitLarge(string dependent, IReadOnlyList<double> y, IReadOnlyList<string> predictorNames,
        IReadOnlyList<IReadOnlyList<double>> predictors, int[] rows, RegressionOptions options, List<Notice> notices)
    {
        var n = rows.Length;
        var k = predictors.Count;
        var yArr = y as double[] ?? y.ToArray();
        var xArr = predictors.Select(x => x as double[] ?? x.ToArray()).ToArray();
        var yMean = options.IncludeIntercept ? Mean(yArr, rows, false) : DoubleDouble.Zero;
        var xMean = new DoubleDouble[k];
        var meansD = new double[k];
        if (options.IncludeIntercept)
            Parallel.For(0, k, j => { xMean[j] = Mean(xArr[j], rows, false); meansD[j] = xMean[j].ToDouble(); });
        var compressed = BlockedQr.Compress(yArr, xArr, rows, yMean.ToDouble(), meansD);
        var cols = new DoubleDouble[k][];
        for (var j = 0; j < k; j++)
        {
            cols[j] = new DoubleDouble[k + 1];
            for (var i = 0; i <= k; i++) cols[j][i] = compressed[i, j];
        }
        var yCol = new DoubleDouble[k + 1];
        for (var i = 0; i <= k; i++) yCol[i] = compressed[i, k];
        var identity = rows.Length == yArr.Length;
        return Finish(dependent, predictorNames, options, notices, n, yMean, xMean, cols, yCol, (b, accepted, b0, fitted, resid) =>
        {
            // fitted = b₀ + Σ bⱼxⱼ, accumulated column by column
            if (identity)
            {
                Array.Fill(fitted, b0);
                for (var i = 0; i < accepted.Count; i++)
                {
                    var bj = b[i].ToDouble();
                    var x = xArr[accepted[i]];
                    for (var r = 0; r < n; r++) fitted[r] += bj * x[r];
                }
                for (var r = 0; r < n; r++) resid[r] = yArr[r] - fitted[r];
            }
            else
            {
                for (var r = 0; r < n; r++)
                {
                    var f = b0;
                    for (var i = 0; i < accepted.Count; i++) f += b[i].ToDouble() * xArr[accepted[i]][rows[r]];
                    fitted[r] = f;
                    resid[r] = yArr[rows[r]] - f;
                }
            }
        });
    }

    delegate void ResidualPass(DoubleDouble[] b, List<int> accepted, double intercept, double[] fitted, double[] resid);

    static RegressionResult Finish(string dependent, IReadOnlyList<string> predictorNames, RegressionOptions options,
        List<Notice> notices, int n, DoubleDouble yMean, DoubleDouble[] xMean, DoubleDouble[][] cols, DoubleDouble[] yCol,
        ResidualPass residualPass)
    {
        var k = cols.Length;
        var c = options.IncludeIntercept ? 1 : 0;
        var ss = new DoubleDouble[k];
        var sxy = new DoubleDouble[k];
        var tss = DoubleDouble.Zero;
        for (var i = 0; i < yCol.Length; i++) tss += yCol[i] * yCol[i];
        for (var j = 0; j < k; j++)
        {
            DoubleDouble s = DoubleDouble.Zero, sy = DoubleDouble.Zero;
            var col = cols[j];
            for (var i = 0; i < col.Length; i++) { s += col[i] * col[i]; sy += col[i] * yCol[i]; }
            ss[j] = s; sxy[j] = sy;
        }
        if (tss.Hi <= 0)
            throw new StatisticsInputException(NoticeCodes.Constant, $"The dependent variable '{dependent}' is constant.", dependent);

        var qr = new HouseholderQr(cols, yCol, ss, options.Tolerance);
        var excluded = new List<ExcludedVariable>();
        foreach (var (col, tol) in qr.Rejected)
        {
            var name = predictorNames[col];
            var code = ss[col].Hi <= 0 ? NoticeCodes.Constant : NoticeCodes.Collinear;
            var message = code == NoticeCodes.Constant
                ? $"Predictor '{name}' is constant and was left out of the model."
                : $"Predictor '{name}' is collinear with the predictors before it (tolerance {tol:G3} < {options.Tolerance:G3}) and was left out of the model.";
            if (options.OnCollinearity == CollinearityAction.Stop)
                throw new StatisticsInputException(code, message, name);
            notices.Add(new Notice(code, message, name));
        }

        var p = qr.Rank;
        var dfRes = n - p - c;
        if (dfRes <= 0)
            throw new StatisticsInputException(NoticeCodes.TooFewCases,
                $"{n} complete cases for {p + c} parameters: the residual degrees of freedom would be {dfRes}.");

        var rss = qr.ResidualSumOfSquares;
        var rinv = qr.InverseR();
        var b = new DoubleDouble[p];
        for (var i = 0; i < p; i++)
        {
            var s = DoubleDouble.Zero;
            for (var l = i; l < p; l++) s += rinv[i][l] * qr.QtY[l];
            b[i] = s;
        }
        var s2 = rss / (double)dfRes;
        var sigma = DoubleDouble.Sqrt(s2).ToDouble();
        var rSquared = (1.0 - rss / tss).ToDouble();
        var ssr = tss - rss;
        var ssrD = ssr.ToDouble();
        var fStat = ((ssr / (double)Math.Max(p, 1)) / s2).ToDouble();
        var pF = p > 0 ? Probability.FisherUpper(fStat, p, dfRes) : double.NaN;
        var adj = 1.0 - (1.0 - rSquared) * (n - c) / dfRes;
        var tCrit = Probability.StudentQuantile(0.5 + options.ConfidenceLevel / 2, dfRes);

        var coefficients = new List<RegressionCoefficient>(p + 1);
        var yScale = DoubleDouble.Sqrt(tss).ToDouble();
        if (options.IncludeIntercept)
        {
            var b0 = yMean;
            for (var i = 0; i < p; i++) b0 -= b[i] * xMean[qr.Accepted[i]];
            // ‖R⁻ᵀx̄‖²
            var q = DoubleDouble.Zero;
            for (var l = 0; l < p; l++)
            {
                var s = DoubleDouble.Zero;
                for (var i = 0; i <= l; i++) s += rinv[i][l] * xMean[qr.Accepted[i]];
                q += s * s;
            }
            var se0 = DoubleDouble.Sqrt(s2 * (1.0 / (DoubleDouble)n + q)).ToDouble();
            var b0d = b0.ToDouble();
            var t0 = b0d / se0;
            coefficients.Add(new RegressionCoefficient(ConstantTerm, b0d, se0, null, t0, Probability.StudentTwoSided(t0, dfRes),
                b0d - tCrit * se0, b0d + tCrit * se0, null, null, null, null, null));
        }
        for (var i = 0; i < p; i++)
        {
            var j = qr.Accepted[i];
            var rowSs = DoubleDouble.Zero;
            for (var l = i; l < p; l++) rowSs += rinv[i][l] * rinv[i][l];
            var se = (DoubleDouble.Sqrt(rowSs) * sigma).ToDouble();
            var bd = b[i].ToDouble();
            var t = bd / se;
            var xScale = DoubleDouble.Sqrt(ss[j]).ToDouble();
            var vif = (rowSs * ss[j]).ToDouble();
            var zero = (sxy[j] / (DoubleDouble.Sqrt(ss[j]) * DoubleDouble.Sqrt(tss))).ToDouble();
            coefficients.Add(new RegressionCoefficient(predictorNames[j], bd, se, bd * xScale / yScale, t,
                Probability.StudentTwoSided(t, dfRes), bd - tCrit * se, bd + tCrit * se,
                zero, t / Math.Sqrt(t * t + dfRes), t * Math.Sqrt((1 - rSquared) / dfRes), 1.0 / vif, vif));
        }

        // Excluded (collinear/constant) predictors: statistics they would have on entering next.
        var eyTail = qr.Response;
        var eySs = rss;
        foreach (var (col, _) in qr.Rejected)
        {
            var x = qr.Columns[col];
            DoubleDouble exx = DoubleDouble.Zero, exy = DoubleDouble.Zero;
            for (var i = p; i < x.Length; i++) { exx += x[i] * x[i]; exy += x[i] * eyTail[i]; }
            var tol = ss[col].Hi > 0 ? (exx / ss[col]).ToDouble() : 0.0;
            double partial = double.NaN, betaIn = double.NaN, tIn = double.NaN, pIn = double.NaN;
            if (exx.Hi > 0 && tol > 0)
            {
                partial = (exy / (DoubleDouble.Sqrt(exx) * DoubleDouble.Sqrt(eySs))).ToDouble();
                betaIn = (exy / exx).ToDouble() * DoubleDouble.Sqrt(ss[col]).ToDouble() / yScale;
                var dfIn = dfRes - 1;
                if (dfIn > 0)
                {
                    tIn = partial * Math.Sqrt(dfIn / (1 - partial * partial));
                    pIn = Probability.StudentTwoSided(tIn, dfIn);
                }
            }
            excluded.Add(new ExcludedVariable(predictorNames[col], betaIn, tIn, pIn, partial, tol,
                ss[col].Hi <= 0 ? NoticeCodes.Constant : NoticeCodes.Collinear));
        }

        var fitted = new double[n];
        var resid = new double[n];
        residualPass(b, qr.Accepted, options.IncludeIntercept ? coefficients[0].B : 0.0, fitted, resid);
        var dw = DurbinWatson(resid);

        var summary = new RegressionModelSummary(n, Math.Sqrt(Math.Max(rSquared, 0)), rSquared, adj, sigma, dw);
        var msr = p > 0 ? ssrD / p : double.NaN;
        var anova = new RegressionAnova(
            new AnovaRow("Regression", ssrD, p, msr, p > 0 ? fStat : null, p > 0 ? pF : null),
            new AnovaRow("Residual", rss.ToDouble(), dfRes, s2.ToDouble(), null, null),
            new AnovaRow("Total", tss.ToDouble(), n - c, null, null, null));
        return new RegressionResult(dependent, options.IncludeIntercept, summary, anova, coefficients, excluded, resid, fitted, notices);
    }

    /// <summary>Durbin–Watson d = Σᵢ₌₂ⁿ(eᵢ − eᵢ₋₁)² / Σᵢ₌₁ⁿ eᵢ² (Durbin &amp; Watson 1950; SPSS REGRESSION /RESIDUALS DURBIN).</summary>
    public static double DurbinWatson(IReadOnlyList<double> residuals)
    {
        double num = 0, den = 0;
        for (var i = 0; i < residuals.Count; i++)
        {
            den += residuals[i] * residuals[i];
            if (i > 0) { var d = residuals[i] - residuals[i - 1]; num += d * d; }
        }
        return num / den;
    }

    static int[] CompleteRows(string dependent, IReadOnlyList<double> y, IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyList<double>> xs, List<Notice> notices)
    {
        var keep = new List<int>(y.Count);
        for (var i = 0; i < y.Count; i++)
        {
            if (double.IsNaN(y[i])) continue;
            var ok = true;
            for (var j = 0; j < xs.Count && ok; j++) ok = !double.IsNaN(xs[j][i]);
            if (ok) keep.Add(i);
        }
        if (keep.Count == 0)
        {
            // Name the variable responsible when one column is entirely missing.
            if (y.All(double.IsNaN))
                throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{dependent}' are missing.", dependent);
            for (var j = 0; j < xs.Count; j++)
                if (xs[j].All(double.IsNaN))
                    throw new StatisticsInputException(NoticeCodes.AllMissing, $"All values of '{names[j]}' are missing.", names[j]);
            throw new StatisticsInputException(NoticeCodes.AllMissing, "No case has complete data on all variables.");
        }
        if (keep.Count < y.Count)
            notices.Add(new Notice(NoticeCodes.MissingExcluded, $"{y.Count - keep.Count} case(s) with missing values excluded listwise."));
        return keep.ToArray();
    }

    /// <summary>Two-pass mean: Σx/n, then corrected by Σ(x − m)/n (Chan, Golub &amp; LeVeque 1983); double-double when <paramref name="exact"/>.</summary>
    internal static DoubleDouble Mean(IReadOnlyList<double> x, int[] rows, bool exact)
    {
        if (!exact)
        {
            var arr = x as double[] ?? x.ToArray();
            var identity = rows.Length == arr.Length;
            double sum = 0, comp = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var v = arr[identity ? i : rows[i]];
                var t = sum + v;
                comp += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum; // Neumaier
                sum = t;
            }
            var mean = (sum + comp) / rows.Length;
            double corr = 0;
            for (var i = 0; i < rows.Length; i++) corr += arr[identity ? i : rows[i]] - mean;
            return (DoubleDouble)mean + corr / rows.Length;
        }
        var s = DoubleDouble.Zero;
        foreach (var r in rows) s += x[r];
        var m = s / (double)rows.Length;
        var d = DoubleDouble.Zero;
        foreach (var r in rows) d += (DoubleDouble)x[r] - m;
        return m + d / (double)rows.Length;
    }
}
