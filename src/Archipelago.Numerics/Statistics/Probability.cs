using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Archipelago.Numerics.Statistics;

/// <summary>
/// Tail probabilities written through the regularised incomplete beta function so that small p-values
/// keep their relative accuracy (no 1 − CDF cancellation).
/// </summary>
internal static class Probability
{
    /// <summary>Two-sided p for Student t with <paramref name="df"/> degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double StudentTwoSided(double t, double df)
    {
        if (double.IsNaN(t) || df <= 0) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        return SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
    }

    /// <summary>Upper tail of F(d1, d2): I_{d2/(d2+d1·F)}(d2/2, d1/2).</summary>
    public static double FisherUpper(double f, double d1, double d2)
    {
        if (double.IsNaN(f) || d1 <= 0 || d2 <= 0) return double.NaN;
        if (double.IsPositiveInfinity(f)) return 0;
        if (f <= 0) return 1;
        return SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
    }

    /// <summary>Upper tail of χ²(df): Q(df/2, x/2).</summary>
    public static double ChiSquareUpper(double x, double df)
    {
        if (x <= 0) return 1;
        return SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
    }

    /// <summary>Two-sided p for a standard normal deviate: erfc(|z|/√2).</summary>
    public static double NormalTwoSided(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Quantile of Student t.</summary>
    public static double StudentQuantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);
}
