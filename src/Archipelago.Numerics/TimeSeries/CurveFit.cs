using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Archipelago.Numerics.TimeSeries;

/// <summary>A two-sided interval.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>
/// One fitted parameter, laid out as R's <c>summary.nls</c> coefficient table plus two 95 % intervals:
/// <see cref="WaldT"/> = estimate ± qt(0.975, df)·SE, and <see cref="WaldNormal"/> = estimate ± qnorm(0.975)·SE, which is
/// what R's <c>confint.default</c> returns for an nls fit. (R's <c>confint(nls)</c> profiles the likelihood instead; not provided.)
/// </summary>
public sealed record CurveParameter(string Name, double Estimate, double StandardError, double TValue, double PValue, Interval WaldT, Interval WaldNormal);

/// <summary>A forecast (or fitted value) with delta-method standard error se = sqrt(gᵀ V g), g = ∂f/∂θ, V = σ²(JᵀJ)⁻¹;
/// confidence = ŷ ± qt(1 − α/2, df)·se, prediction = ŷ ± qt(1 − α/2, df)·sqrt(se² + σ²).</summary>
public sealed record CurveForecast(double Time, double Estimate, double StandardError, Interval Confidence, Interval Prediction);

/// <summary>
/// A converged nonlinear least-squares fit of a <see cref="GrowthCurve"/>, with R <c>nls</c> conventions:
/// σ̂ = sqrt(RSS/(n − p)) ("residual standard error"); V = σ̂² (JᵀJ)⁻¹ (<c>vcov</c>);
/// logLik = −n/2 (log 2π + 1 − log n + log RSS) with df = p + 1 (<c>logLik.nls</c>, unweighted);
/// AIC = −2 logLik + 2(p+1); BIC = −2 logLik + log(n)(p+1); AICc = AIC + 2k(k+1)/(n − k − 1), k = p + 1 (Hurvich &amp; Tsai 1989).
/// </summary>
public sealed record CurveFit(
    GrowthCurve Curve,
    IReadOnlyList<CurveParameter> Parameters,
    double[,] Covariance,
    int N,
    int DegreesOfFreedom,
    double ResidualSumOfSquares,
    double ResidualStandardError,
    double LogLikelihood,
    double Aic,
    double Bic,
    double Aicc,
    int Iterations,
    double RelativeOffset,
    Inflection? Inflection,
    double Saturation)
{
    public CurveFamily Family => Curve.Family;
    public double[] Estimates => Parameters.Select(p => p.Estimate).ToArray();

    /// <summary>Fitted value at <paramref name="t"/>.</summary>
    public double Predict(double t) => Curve.Value(t, Estimates);

    /// <summary>Delta-method forecasts at the given times (see <see cref="CurveForecast"/>).</summary>
    public IReadOnlyList<CurveForecast> Forecast(IEnumerable<double> times, double level = 0.95)
    {
        var θ = Estimates;
        var q = StudentT.InvCDF(0, 1, DegreesOfFreedom, 1 - (1 - level) / 2);
        var g = new double[θ.Length];
        var list = new List<CurveForecast>();
        foreach (var t in times)
        {
            Curve.Gradient(t, θ, g);
            var se = Math.Sqrt(Quadratic(g, Covariance));
            var y = Curve.Value(t, θ);
            var pse = Math.Sqrt(se * se + ResidualStandardError * ResidualStandardError);
            list.Add(new CurveForecast(t, y, se, new Interval(y - q * se, y + q * se), new Interval(y - q * pse, y + q * pse)));
        }
        return list;
    }

    internal static double Quadratic(double[] g, double[,] v)
    {
        double s = 0;
        for (var i = 0; i < g.Length; i++)
            for (var j = 0; j < g.Length; j++) s += g[i] * v[i, j] * g[j];
        return Math.Max(s, 0);
    }
}

/// <summary>Outcome of one fitting attempt: a fit, or a reason code and message.</summary>
public sealed record CurveFitAttempt(CurveFamily Family, CurveFit? Fit, string? FailureCode, string? FailureMessage)
{
    public bool Converged => Fit is not null;
}

/// <summary>
/// Levenberg–Marquardt nonlinear least squares (Marquardt 1963, diagonal scaling of JᵀJ) for growth curves.
/// The fit runs in scaled units — y/max|y| and u = (t − c)/s with s = span/10 — from several data-derived starting values
/// (linearised fits for logistic and Gompertz, a grid for Bass); the best converged run is mapped back to original units,
/// where the Jacobian, covariance and criteria are computed. Convergence: the Bates–Watts relative-offset criterion
/// (the one R's nls uses) below 1e-8 in the scaled fit and below 1e-6 when re-checked in original units, or an exact fit (RSS ≤ 1e-20 Σy²).
/// </summary>
public static class CurveFitter
{
    public const double ConvergenceTolerance = 1e-8;
    /// <summary>RSS ≤ ExactFit · Σy² counts as an exact fit (converged; the relative offset is then 0/0 and meaningless).
    /// R's nls refuses such artificial data; we accept them.</summary>
    public const double ExactFit = 1e-20;

    /// <summary>Fits <paramref name="curve"/> to (t, y). Times may repeat and need not be equally spaced.</summary>
    public static CurveFitAttempt Fit(GrowthCurve curve, IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        if (t.Count != y.Count) throw new ArgumentException("t and y differ in length.");
        var n = t.Count;
        const int p = 3;
        if (n <= p) return Fail(curve, "too_few_points", $"{n} points cannot identify {p} parameters with a residual error.");
        if (t.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v))) return Fail(curve, "not_finite", "Times and values must be finite.");
        var yScale = y.Max(Math.Abs);
        if (yScale == 0) return Fail(curve, "flat_series", "All values are zero.");
        var span = t.Max() - t.Min();
        if (span <= 0) return Fail(curve, "no_time_spread", "All observations are at the same time.");
        var ts = span / 10;
        var centre = curve.TimeCentre(t);
        var scaled = curve.Scaled();
        var u = t.Select(v => (v - centre) / ts).ToArray();
        var ys = y.Select(v => v / yScale).ToArray();

        var starts = curve.StartingValues(u, ys)
            .Select(s => (Start: s, Rss: Rss(scaled, u, ys, s)))
            .Where(c => double.IsFinite(c.Rss))
            .OrderBy(c => c.Rss)
            .Take(6)
            .ToList();
        if (starts.Count == 0) return Fail(curve, "no_start", "No starting value gives a finite curve for these data.");

        (double[] Theta, double Rss, int Iterations)? best = null;
        foreach (var (start, _) in starts)
        {
            var run = LevenbergMarquardt(scaled, u, ys, start);
            if (run is { } r && (best is null || r.Rss < best.Value.Rss)) best = r;
        }
        if (best is not { } b) return Fail(curve, "no_convergence", "Levenberg–Marquardt did not converge from any data-derived starting value.");

        var θ = curve.Unscale(b.Theta, yScale, centre, ts);
        return Summarise(curve, t, y, θ, b.Iterations);
    }

    static CurveFitAttempt Fail(GrowthCurve c, string code, string message) => new(c.Family, null, code, $"{c.Family}: {message}");

    static double Rss(GrowthCurve c, IReadOnlyList<double> t, IReadOnlyList<double> y, double[] θ)
    {
        double s = 0;
        for (var i = 0; i < t.Count; i++)
        {
            var r = y[i] - c.Value(t[i], θ);
            s += r * r;
        }
        return double.IsFinite(s) ? s : double.PositiveInfinity;
    }

    /// <summary>Jacobian J (n × p) and residuals r = y − f.</summary>
    static (Matrix<double> J, Vector<double> R) Linearise(GrowthCurve c, IReadOnlyList<double> t, IReadOnlyList<double> y, double[] θ)
    {
        var J = Matrix<double>.Build.Dense(t.Count, θ.Length);
        var R = Vector<double>.Build.Dense(t.Count);
        var g = new double[θ.Length];
        for (var i = 0; i < t.Count; i++)
        {
            c.Gradient(t[i], θ, g);
            for (var j = 0; j < θ.Length; j++) J[i, j] = g[j];
            R[i] = y[i] - c.Value(t[i], θ);
        }
        return (J, R);
    }

    /// <summary>
    /// Bates–Watts relative offset sqrt((‖QᵀR‖²/p) / ((‖R‖² − ‖QᵀR‖²)/(n − p))), Q from the QR decomposition of J;
    /// 0 for an exact fit.
    /// </summary>
    static double RelativeOffset(Matrix<double> J, Vector<double> R)
    {
        var qr = J.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var qtr = qr.Q.TransposeThisAndMultiply(R);
        var proj = qtr.DotProduct(qtr);
        var rss = R.DotProduct(R);
        var rest = rss - proj;
        if (rss == 0) return 0;
        if (rest <= 0) return double.PositiveInfinity;
        return Math.Sqrt(proj / J.ColumnCount / (rest / (J.RowCount - J.ColumnCount)));
    }

    static (double[] Theta, double Rss, int Iterations)? LevenbergMarquardt(GrowthCurve c, double[] u, double[] y, double[] start)
    {
        var θ = (double[])start.Clone();
        var rss = Rss(c, u, y, θ);
        if (!double.IsFinite(rss)) return null;
        var λ = 1e-3;
        var yss = y.Sum(v => v * v);
        for (var iter = 1; iter <= 1000; iter++)
        {
            var (J, R) = Linearise(c, u, y, θ);
            if (rss <= ExactFit * yss) return (θ, rss, iter);
            if (RelativeOffset(J, R) < 1e-10) return (θ, rss, iter);
            var A = J.TransposeThisAndMultiply(J);
            var g = J.TransposeThisAndMultiply(R);
            var improved = false;
            while (λ < 1e16)
            {
                var M = A.Clone();
                for (var j = 0; j < θ.Length; j++) M[j, j] += λ * Math.Max(A[j, j], 1e-12);
                Vector<double> δ;
                try { δ = M.Cholesky().Solve(g); }
                catch (ArgumentException) { λ *= 10; continue; }
                var trial = θ.Select((v, j) => v + δ[j]).ToArray();
                var trialRss = Rss(c, u, y, trial);
                if (trialRss < rss)
                {
                    var small = Math.Abs(rss - trialRss) <= 1e-15 * rss;
                    θ = trial; rss = trialRss; λ = Math.Max(λ / 10, 1e-12); improved = true;
                    if (small)
                    {
                        var (J2, R2) = Linearise(c, u, y, θ);
                        if (RelativeOffset(J2, R2) < ConvergenceTolerance) return (θ, rss, iter);
                    }
                    break;
                }
                λ *= 10;
            }
            if (!improved)
            {
                // No step reduces the RSS: accept only if already at the optimum to the required tolerance.
                return RelativeOffset(J, R) < ConvergenceTolerance ? (θ, rss, iter) : null;
            }
        }
        return null;
    }

    static CurveFitAttempt Summarise(GrowthCurve curve, IReadOnlyList<double> t, IReadOnlyList<double> y, double[] θ, int iterations)
    {
        var n = t.Count;
        var p = θ.Length;
        var df = n - p;
        var (J, R) = Linearise(curve, t, y, θ);
        var rss = R.DotProduct(R);
        if (!double.IsFinite(rss)) return Fail(curve, "no_convergence", "The fitted curve is not finite at the data.");
        var exact = rss <= ExactFit * y.Sum(v => v * v);
        var offset = exact ? 0 : RelativeOffset(J, R);
        if (!(offset < 1e-6))
            return Fail(curve, "no_convergence", $"Relative offset {offset:G3} at the solution (R's nls would not stop).");
        var qr = J.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var Rm = qr.R;
        for (var j = 0; j < p; j++)
            if (Math.Abs(Rm[j, j]) <= 1e-12 * Math.Abs(Rm[0, 0]))
                return Fail(curve, "singular_gradient", "Singular gradient at the solution: the parameters are not identified by these data.");
        var Rinv = Rm.Inverse();
        var sigma2 = rss / df;
        var cov = (Rinv * Rinv.Transpose()) * sigma2;
        var covArr = cov.ToArray();
        var sigma = Math.Sqrt(sigma2);
        var qt = StudentT.InvCDF(0, 1, df, 0.975);
        var qn = Normal.InvCDF(0, 1, 0.975);
        var pars = new List<CurveParameter>();
        for (var j = 0; j < p; j++)
        {
            var se = Math.Sqrt(covArr[j, j]);
            var tv = θ[j] / se;
            var pv = 2 * StudentT.CDF(0, 1, df, -Math.Abs(tv));
            pars.Add(new CurveParameter(curve.ParameterNames[j], θ[j], se, tv, pv,
                new Interval(θ[j] - qt * se, θ[j] + qt * se), new Interval(θ[j] - qn * se, θ[j] + qn * se)));
        }
        var logLik = -n / 2.0 * (Math.Log(2 * Math.PI) + 1 - Math.Log(n) + Math.Log(rss));
        var k = p + 1;
        var aic = -2 * logLik + 2 * k;
        var bic = -2 * logLik + Math.Log(n) * k;
        var aicc = n - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (n - k - 1) : double.PositiveInfinity;
        Inflection? inflection = null;
        if (curve.InflectionPoint(θ) is { } ip)
            inflection = new Inflection(ip.Time, Math.Sqrt(CurveFit.Quadratic(ip.TimeGradient, covArr)), ip.Value, Math.Sqrt(CurveFit.Quadratic(ip.ValueGradient, covArr)));
        var fit = new CurveFit(curve, pars, covArr, n, df, rss, sigma, logLik, aic, bic, aicc, iterations, offset, inflection, θ[curve.SaturationIndex]);
        return new CurveFitAttempt(curve.Family, fit, null, null);
    }
}
