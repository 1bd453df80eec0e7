using MathNet.Numerics;

namespace Archipelago.Numerics.Finance;

/// <summary>
/// A probability distribution of one uncertain valuation input. Every distribution gives its
/// <see cref="Mean"/> (used as the deterministic base value) and its <see cref="Quantile"/> (inverse CDF, used by
/// the Gaussian copula and the tornado). Construct through the factory methods, which validate parameters.
/// </summary>
public abstract record Distribution
{
    private protected Distribution() { }

    /// <summary>Expected value.</summary>
    public abstract double Mean { get; }

    /// <summary>Inverse CDF at u in (0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>Short name used in JSON: "fixed", "triangular", "pert", "normal", "lognormal", "beta", "uniform", "discrete".</summary>
    public abstract string Kind { get; }

    /// <summary>True when every draw equals <see cref="Mean"/>.</summary>
    public abstract bool IsDegenerate { get; }

    /// <summary>One independent draw. Default: inverse-CDF of one uniform; beta/PERT draw through gamma variates.</summary>
    internal virtual double Sample(ref Xoshiro256 rng) => Quantile(rng.NextOpenDouble());

    public static Distribution Fixed(double value) => new FixedDistribution(Check.Finite(value, "value"));

    public static Distribution Triangular(double min, double mode, double max)
    {
        Check.Finite(min, "min"); Check.Finite(mode, "mode"); Check.Finite(max, "max");
        if (!(min <= mode && mode <= max))
            throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "mode", $"triangular needs min <= mode <= max, got {min}, {mode}, {max}");
        return new TriangularDistribution(min, mode, max);
    }

    /// <summary>PERT: min + (max − min) × Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min)), λ = 4 by default.</summary>
    public static Distribution Pert(double min, double mode, double max, double lambda = 4)
    {
        Check.Finite(min, "min"); Check.Finite(mode, "mode"); Check.Finite(max, "max");
        if (!(min <= mode && mode <= max))
            throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "mode", $"PERT needs min <= mode <= max, got {min}, {mode}, {max}");
        if (!(lambda > 0)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "lambda", $"PERT lambda must be > 0, got {lambda}");
        if (min == max) return new FixedDistribution(min);
        var range = max - min;
        return new BetaDistribution(1 + lambda * (mode - min) / range, 1 + lambda * (max - mode) / range, min, max, "pert");
    }

    public static Distribution Normal(double mean, double sd)
    {
        Check.Finite(mean, "mean"); Check.Finite(sd, "sd");
        if (sd < 0) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "sd", $"sd must be >= 0, got {sd}");
        return new NormalDistribution(mean, sd);
    }

    /// <summary>Lognormal with log-space parameters: X = exp(mu + sigma Z).</summary>
    public static Distribution LogNormal(double mu, double sigma)
    {
        Check.Finite(mu, "mu"); Check.Finite(sigma, "sigma");
        if (sigma < 0) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "sigma", $"sigma must be >= 0, got {sigma}");
        return new LogNormalDistribution(mu, sigma);
    }

    /// <summary>Lognormal given the mean m and standard deviation s of X: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.</summary>
    public static Distribution LogNormalFromMeanSd(double mean, double sd)
    {
        if (!(mean > 0)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "mean", $"lognormal mean must be > 0, got {mean}");
        if (!(sd >= 0)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "sd", $"sd must be >= 0, got {sd}");
        var s2 = Math.Log(1 + sd * sd / (mean * mean));
        return new LogNormalDistribution(Math.Log(mean) - s2 / 2, Math.Sqrt(s2));
    }

    /// <summary>Beta(α, β) on [min, max] (default [0, 1]).</summary>
    public static Distribution Beta(double alpha, double beta, double min = 0, double max = 1)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "alpha", $"alpha must be > 0, got {alpha}");
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "beta", $"beta must be > 0, got {beta}");
        if (!(min <= max)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "max", $"beta needs min <= max, got {min}, {max}");
        return new BetaDistribution(alpha, beta, min, max, "beta");
    }

    public static Distribution Uniform(double min, double max)
    {
        Check.Finite(min, "min"); Check.Finite(max, "max");
        if (!(min <= max)) throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "max", $"uniform needs min <= max, got {min}, {max}");
        return new UniformDistribution(min, max);
    }

    /// <summary>Discrete: value i with probability i; probabilities must be ≥ 0 and sum to 1 (±1e-9).</summary>
    public static Distribution Discrete(IReadOnlyList<double> values, IReadOnlyList<double> probabilities)
    {
        if (values.Count == 0 || values.Count != probabilities.Count)
            throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "values", "discrete needs as many probabilities as values, at least one");
        for (var i = 0; i < values.Count; i++)
        {
            Check.Finite(values[i], $"values[{i}]");
            Check.Probability(probabilities[i], $"probabilities[{i}]");
        }
        var sum = probabilities.Sum();
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, "probabilities", $"discrete probabilities must sum to 1, got {sum}");
        return new DiscreteDistribution(values.ToArray(), probabilities.ToArray());
    }
}

public sealed record FixedDistribution(double Value) : Distribution
{
    public override double Mean => Value;
    public override string Kind => "fixed";
    public override bool IsDegenerate => true;
    public override double Quantile(double u) => Value;
    internal override double Sample(ref Xoshiro256 rng) => Value;
}

public sealed record TriangularDistribution(double Min, double Mode, double Max) : Distribution
{
    public override double Mean => (Min + Mode + Max) / 3;
    public override string Kind => "triangular";
    public override bool IsDegenerate => Min == Max;
    public override double Quantile(double u)
    {
        if (Min == Max) return Min;
        var range = Max - Min;
        var f = (Mode - Min) / range;
        return u < f ? Min + Math.Sqrt(u * range * (Mode - Min)) : Max - Math.Sqrt((1 - u) * range * (Max - Mode));
    }
}

public sealed record NormalDistribution(double Mu, double Sd) : Distribution
{
    public override double Mean => Mu;
    public override string Kind => "normal";
    public override bool IsDegenerate => Sd == 0;
    public override double Quantile(double u) => Sd == 0 ? Mu : Mu + Sd * StandardNormal.InverseCdf(u);
    internal override double Sample(ref Xoshiro256 rng) => Sd == 0 ? Mu : Mu + Sd * rng.NextStandardNormal();
}

public sealed record LogNormalDistribution(double Mu, double Sigma) : Distribution
{
    public override double Mean => Math.Exp(Mu + Sigma * Sigma / 2);
    public override string Kind => "lognormal";
    public override bool IsDegenerate => Sigma == 0;
    public override double Quantile(double u) => Sigma == 0 ? Mean : Math.Exp(Mu + Sigma * StandardNormal.InverseCdf(u));
    internal override double Sample(ref Xoshiro256 rng) => Sigma == 0 ? Mean : Math.Exp(Mu + Sigma * rng.NextStandardNormal());
}

public sealed record BetaDistribution(double Alpha, double BetaShape, double Min, double Max, string Name) : Distribution
{
    public override double Mean => Min + (Max - Min) * Alpha / (Alpha + BetaShape);
    public override string Kind => Name;
    public override bool IsDegenerate => Min == Max;
    public override double Quantile(double u) =>
        Min == Max ? Min : Min + (Max - Min) * MathNet.Numerics.Distributions.Beta.InvCDF(Alpha, BetaShape, u);
    internal override double Sample(ref Xoshiro256 rng)
    {
        if (Min == Max) return Min;
        var x = rng.NextGamma(Alpha);
        var y = rng.NextGamma(BetaShape);
        return Min + (Max - Min) * (x / (x + y));
    }
}

public sealed record UniformDistribution(double Min, double Max) : Distribution
{
    public override double Mean => (Min + Max) / 2;
    public override string Kind => "uniform";
    public override bool IsDegenerate => Min == Max;
    public override double Quantile(double u) => Min == Max ? Min : Min + (Max - Min) * u;
}

public sealed record DiscreteDistribution(double[] Values, double[] Probabilities) : Distribution
{
    public override double Mean
    {
        get { double m = 0; for (var i = 0; i < Values.Length; i++) m += Values[i] * Probabilities[i]; return m; }
    }
    public override string Kind => "discrete";
    public override bool IsDegenerate => Values.Distinct().Count() == 1 || Probabilities.Count(p => p > 0) == 1;
    public override double Quantile(double u)
    {
        double c = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            c += Probabilities[i];
            if (u <= c && Probabilities[i] > 0) return Values[i];
        }
        for (var i = Values.Length - 1; i >= 0; i--) if (Probabilities[i] > 0) return Values[i];
        return Values[^1];
    }
}

/// <summary>Standard normal CDF and inverse CDF.</summary>
public static class StandardNormal
{
    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x * 0.70710678118654752440);

    /// <summary>
    /// Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9) refined by one Halley step
    /// on erfc, giving near double precision.
    /// </summary>
    public static double InverseCdf(double p)
    {
        var x = InverseCdfFast(p);
        var e = 0.5 * SpecialFunctions.Erfc(-x * 0.70710678118654752440) - p;
        var u = e * 2.50662827463100050242 * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /// <summary>Acklam's approximation alone (relative error &lt; 1.2e-9); used for sampling speed.</summary>
    public static double InverseCdfFast(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
            a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
        const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
            b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
        const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
            c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
        const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
            d4 = 3.754408661907416e+00;
        const double low = 0.02425, high = 1 - low;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        if (p <= high)
        {
            var q = p - 0.5;
            var r = q * q;
            return (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
    }
}

/// <summary>
/// xoshiro256** generator (Blackman and Vigna), state seeded by SplitMix64. A struct so per-thread streams
/// live on the stack; <see cref="ForStream"/> derives independent streams from one seed deterministically.
/// </summary>
public struct Xoshiro256
{
    ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm); _s1 = SplitMix64(ref sm); _s2 = SplitMix64(ref sm); _s3 = SplitMix64(ref sm);
    }

    /// <summary>Stream number <paramref name="stream"/> of <paramref name="seed"/>: seeds SplitMix64 with a mix of both.</summary>
    public static Xoshiro256 ForStream(ulong seed, ulong stream)
    {
        var sm = seed ^ 0x9E3779B97F4A7C15UL * (stream + 1);
        return new Xoshiro256(SplitMix64(ref sm) ^ stream);
    }

    static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in the open interval (0, 1): ((x &gt;&gt; 11) + 0.5) / 2^53.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);

    public double NextStandardNormal() => StandardNormal.InverseCdfFast(NextOpenDouble());

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000); shape &lt; 1 via the U^(1/shape) boost.</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
            return NextGamma(shape + 1) * Math.Pow(NextOpenDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = NextStandardNormal(); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            var u = NextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }
}
