namespace Archipelago.Numerics.TimeSeries;

/// <summary>The S-curve families fitted to industry series.</summary>
public enum CurveFamily { Logistic, Gompertz, Bass }

/// <summary>Point of fastest growth of a fitted curve, with delta-method standard errors.</summary>
public sealed record Inflection(double Time, double TimeStandardError, double Value, double ValueStandardError);

/// <summary>
/// A three-parameter growth curve y = f(t; θ). Implementations give the value, the analytic gradient ∂f/∂θ,
/// starting values from the data, the inflection point and the saturation level.
/// </summary>
public abstract class GrowthCurve
{
    public abstract CurveFamily Family { get; }
    public abstract IReadOnlyList<string> ParameterNames { get; }
    /// <summary>The curve's formula as text (for reports).</summary>
    public abstract string Formula { get; }
    public abstract double Value(double t, ReadOnlySpan<double> theta);
    public abstract void Gradient(double t, ReadOnlySpan<double> theta, Span<double> gradient);
    /// <summary>The saturation level (upper asymptote) and the index of the parameter that holds it.</summary>
    public abstract int SaturationIndex { get; }
    /// <summary>Inflection time and value with their gradients with respect to θ (for delta-method errors); null if none.</summary>
    public abstract (double Time, double[] TimeGradient, double Value, double[] ValueGradient)? InflectionPoint(ReadOnlySpan<double> theta);

    /// <summary>Time origin of the scaled fit: u = (t − centre) / scale.</summary>
    internal abstract double TimeCentre(IReadOnlyList<double> t);
    /// <summary>The same family in scaled time (Bass: origin 0).</summary>
    internal abstract GrowthCurve Scaled();
    /// <summary>Maps parameters fitted on u = (t − c)/s and y/ys back to original units.</summary>
    internal abstract double[] Unscale(ReadOnlySpan<double> scaled, double yScale, double centre, double scale);
    /// <summary>Candidate starting values in scaled units (y ≤ 1 in absolute value).</summary>
    internal abstract IEnumerable<double[]> StartingValues(double[] u, double[] y);

    internal static readonly double[] SaturationMultiples = [1.02, 1.1, 1.25, 1.5, 2, 3, 5, 10];

    /// <summary>Least-squares line z = a + b·x over the pairs where z is finite.</summary>
    internal static (double A, double B)? Line(double[] x, double[] z)
    {
        double sx = 0, sz = 0, sxx = 0, sxz = 0; var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(z[i])) continue;
            n++; sx += x[i]; sz += z[i]; sxx += x[i] * x[i]; sxz += x[i] * z[i];
        }
        if (n < 2) return null;
        var d = n * sxx - sx * sx;
        if (Math.Abs(d) < 1e-300) return null;
        var b = (n * sxz - sx * sz) / d;
        return ((sz - b * sx) / n, b);
    }
}

/// <summary>
/// Logistic (Verhulst–Pearl) curve y = K / (1 + exp(−r (t − t0))): saturation K, growth rate r, inflection at t0 where y = K/2.
/// Same curve as R's SSlogis(t, Asym = K, xmid = t0, scal = 1/r).
/// </summary>
public sealed class LogisticCurve : GrowthCurve
{
    public override CurveFamily Family => CurveFamily.Logistic;
    public override IReadOnlyList<string> ParameterNames { get; } = ["K", "r", "t0"];
    public override string Formula => "y = K / (1 + exp(-r (t - t0)))";
    public override int SaturationIndex => 0;

    public override double Value(double t, ReadOnlySpan<double> θ) => θ[0] / (1 + Math.Exp(-θ[1] * (t - θ[2])));

    public override void Gradient(double t, ReadOnlySpan<double> θ, Span<double> g)
    {
        var e = Math.Exp(-θ[1] * (t - θ[2]));
        var s = 1 / (1 + e);
        var ds = double.IsInfinity(e) ? 0 : e * s * s; // s(1 − s)
        g[0] = s;
        g[1] = θ[0] * ds * (t - θ[2]);
        g[2] = -θ[0] * ds * θ[1];
    }

    public override (double, double[], double, double[])? InflectionPoint(ReadOnlySpan<double> θ) =>
        (θ[2], [0, 0, 1], θ[0] / 2, [0.5, 0, 0]);

    internal override double TimeCentre(IReadOnlyList<double> t) => t.Average();
    internal override GrowthCurve Scaled() => this;
    internal override double[] Unscale(ReadOnlySpan<double> s, double ys, double c, double ts) => [s[0] * ys, s[1] / ts, c + ts * s[2]];

    /// <summary>For each trial saturation K' (a multiple of the largest value), logit(y/K') = r (u − t0) is a straight line.</summary>
    internal override IEnumerable<double[]> StartingValues(double[] u, double[] y)
    {
        foreach (var k in SaturationMultiples)
        {
            var z = y.Select(v => v > 0 && v < k ? Math.Log(v / (k - v)) : double.NaN).ToArray();
            if (Line(u, z) is not { } l || l.B == 0) continue;
            yield return [k, l.B, -l.A / l.B];
        }
    }
}

/// <summary>
/// Gompertz curve y = K exp(−exp(−r (t − t0))): saturation K, rate r, inflection at t0 where y = K/e ≈ 0.368 K.
/// Equivalent to R's SSgompertz(t, Asym = K, b2 = exp(r t0), b3 = exp(−r)).
/// </summary>
public sealed class GompertzCurve : GrowthCurve
{
    public override CurveFamily Family => CurveFamily.Gompertz;
    public override IReadOnlyList<string> ParameterNames { get; } = ["K", "r", "t0"];
    public override string Formula => "y = K exp(-exp(-r (t - t0)))";
    public override int SaturationIndex => 0;

    public override double Value(double t, ReadOnlySpan<double> θ) => θ[0] * Math.Exp(-Math.Exp(-θ[1] * (t - θ[2])));

    public override void Gradient(double t, ReadOnlySpan<double> θ, Span<double> g)
    {
        var e = Math.Exp(-θ[1] * (t - θ[2]));
        var f = Math.Exp(-e);
        g[0] = f;
        var common = double.IsInfinity(e) ? 0 : θ[0] * f * e;
        g[1] = common * (t - θ[2]);
        g[2] = -common * θ[1];
    }

    public override (double, double[], double, double[])? InflectionPoint(ReadOnlySpan<double> θ) =>
        (θ[2], [0, 0, 1], θ[0] / Math.E, [1 / Math.E, 0, 0]);

    internal override double TimeCentre(IReadOnlyList<double> t) => t.Average();
    internal override GrowthCurve Scaled() => this;
    internal override double[] Unscale(ReadOnlySpan<double> s, double ys, double c, double ts) => [s[0] * ys, s[1] / ts, c + ts * s[2]];

    /// <summary>For each trial K', ln(−ln(y/K')) = −r u + r t0 is a straight line.</summary>
    internal override IEnumerable<double[]> StartingValues(double[] u, double[] y)
    {
        foreach (var k in SaturationMultiples)
        {
            var z = y.Select(v => v > 0 && v < k ? Math.Log(-Math.Log(v / k)) : double.NaN).ToArray();
            if (Line(u, z) is not { } l || l.B == 0) continue;
            var r = -l.B;
            yield return [k, r, l.A / r];
        }
    }
}

/// <summary>
/// Bass (1969) diffusion, cumulative adoptions N(t) = m (1 − e^{−(p+q)s}) / (1 + (q/p) e^{−(p+q)s}) with s = t − origin:
/// market potential m, innovation coefficient p, imitation coefficient q (Bass, Management Science 15(5):215–227, 1969).
/// Adoptions per period peak at s* = ln(q/p)/(p+q) where N = m (q − p)/(2q) (only when q &gt; p).
/// </summary>
public sealed class BassCurve(double origin) : GrowthCurve
{
    /// <summary>The launch time: N(origin) = 0.</summary>
    public double Origin { get; } = origin;
    public override CurveFamily Family => CurveFamily.Bass;
    public override IReadOnlyList<string> ParameterNames { get; } = ["m", "p", "q"];
    public override string Formula => $"y = m (1 - exp(-(p+q)(t - {Origin}))) / (1 + (q/p) exp(-(p+q)(t - {Origin})))";
    public override int SaturationIndex => 0;

    public override double Value(double t, ReadOnlySpan<double> θ)
    {
        var (m, p, q) = (θ[0], θ[1], θ[2]);
        var e = Math.Exp(-(p + q) * (t - Origin));
        return m * (1 - e) / (1 + q / p * e);
    }

    public override void Gradient(double t, ReadOnlySpan<double> θ, Span<double> g)
    {
        var (m, p, q) = (θ[0], θ[1], θ[2]);
        var s = t - Origin;
        var e = Math.Exp(-(p + q) * s);
        var d = 1 + q / p * e;
        var F = (1 - e) / d;
        g[0] = F;
        // ∂e/∂p = ∂e/∂q = −s e;  ∂d/∂p = −q e/p² − (q/p) s e;  ∂d/∂q = e/p − (q/p) s e
        var de = -s * e;
        var dFdp = (-de * d - (1 - e) * (-q * e / (p * p) + q / p * de)) / (d * d);
        var dFdq = (-de * d - (1 - e) * (e / p + q / p * de)) / (d * d);
        g[1] = m * dFdp;
        g[2] = m * dFdq;
    }

    public override (double, double[], double, double[])? InflectionPoint(ReadOnlySpan<double> θ)
    {
        var (m, p, q) = (θ[0], θ[1], θ[2]);
        if (!(q > p) || !(p > 0)) return null;
        var sum = p + q;
        var l = Math.Log(q / p);
        var ts = Origin + l / sum;
        double[] tg = [0, -1 / (p * sum) - l / (sum * sum), 1 / (q * sum) - l / (sum * sum)];
        var v = m * (q - p) / (2 * q);
        double[] vg = [(q - p) / (2 * q), -m / (2 * q), m * p / (2 * q * q)];
        return (ts, tg, v, vg);
    }

    internal override double TimeCentre(IReadOnlyList<double> t) => Origin;
    internal override GrowthCurve Scaled() => new BassCurve(0);
    internal override double[] Unscale(ReadOnlySpan<double> s, double ys, double c, double ts) => [s[0] * ys, s[1] / ts, s[2] / ts];

    /// <summary>A grid over m' (multiples of the largest value), p' and q' in scaled time.</summary>
    internal override IEnumerable<double[]> StartingValues(double[] u, double[] y)
    {
        foreach (var m in SaturationMultiples)
            foreach (var p in new[] { 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3 })
                foreach (var q in new[] { 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2 })
                    yield return [m, p, q];
    }
}
