using MathNet.Numerics.LinearAlgebra;

namespace Archipelago.Numerics.Statistics;

/// <summary>Factor extraction from a correlation matrix.</summary>
public static class FactorExtraction
{
    /// <summary>
    /// One-factor iterated principal-axis factoring: start from squared multiple correlations hⱼ² = 1 − 1/[R⁻¹]ⱼⱼ,
    /// replace the diagonal of R by h², take λ = √θ₁·v₁ of the leading eigenpair, set h² = λ², repeat until
    /// max|Δh²| &lt; 1e-13 (at most 10,000 iterations). The fixed point is the ULS/minres solution.
    /// </summary>
    public static double[] PrincipalAxisOneFactor(Matrix<double> r)
    {
        var k = r.RowCount;
        var inv = r.Inverse();
        var h2 = Enumerable.Range(0, k).Select(i => 1 - 1 / inv[i, i]).ToArray();
        // A singular R (an item that is an exact linear function of others) has no squared multiple correlations.
        if (h2.Any(h => !double.IsFinite(h)))
            throw new StatisticsInputException(NoticeCodes.NotPositiveDefinite,
                "The item correlation matrix is singular (an item is a linear function of the others), so no factor solution exists.");
        var loadings = new double[k];
        for (var iter = 0; iter < 10000; iter++)
        {
            var m = r.Clone();
            for (var i = 0; i < k; i++) m[i, i] = h2[i];
            var evd = m.Evd(Symmetricity.Symmetric);
            var idx = evd.EigenValues.Real().MaximumIndex();
            var theta = evd.EigenValues[idx].Real;
            var v = evd.EigenVectors.Column(idx);
            if (v.Sum() < 0) v = -v;
            double change = 0;
            for (var i = 0; i < k; i++)
            {
                loadings[i] = Math.Sqrt(Math.Max(theta, 0)) * v[i];
                var nh = loadings[i] * loadings[i];
                change = Math.Max(change, Math.Abs(nh - h2[i]));
                h2[i] = nh;
            }
            if (change < 1e-13) break;
        }
        return loadings;
    }
}
