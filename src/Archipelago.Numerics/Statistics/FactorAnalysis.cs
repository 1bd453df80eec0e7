using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Archipelago.Numerics.Statistics;

public enum Extraction { PrincipalAxis, PrincipalComponents }

public enum Rotation { None, Varimax, Promax, Oblimin }

/// <summary>Kaiser–Meyer–Olkin measure of sampling adequacy, overall and per item.</summary>
public sealed record KmoResult(double Overall, IReadOnlyList<double> PerItem);

/// <summary>Bartlett's test that the correlation matrix is an identity.</summary>
public sealed record BartlettResult(double ChiSquare, int Df, double P);

/// <summary>
/// A factor solution: loadings (pattern matrix when oblique), communalities h², the factor correlations Φ (oblique
/// rotations only), the sum of squared loadings per factor (diag(Φ·ΛᵀΛ) when oblique) and the share of the total
/// variance it is, the eigenvalues of the correlation matrix and — for principal axis — of the reduced matrix.
/// </summary>
public sealed record FactorSolution(Extraction Extraction, Rotation Rotation, IReadOnlyList<string> Items, double[,] Loadings,
    double[] Communalities, double[,]? Phi, double[] SumOfSquares, double[] ProportionOfVariance, double[] Eigenvalues,
    double[]? ReducedEigenvalues, int Iterations, bool Converged, IReadOnlyList<Notice> Notices)
{
    public int Factors => Loadings.GetLength(1);
}

/// <summary>Horn's parallel analysis: observed eigenvalues against those of random normal data of the same size.</summary>
public sealed record ParallelAnalysisResult(double[] ComponentObserved, double[] ComponentSimulatedMean, double[] ComponentSimulatedQuantile,
    double[] FactorObserved, double[] FactorSimulatedMean, double[] FactorSimulatedQuantile, int SuggestedComponents, int SuggestedFactors,
    int Iterations, double Quantile);

/// <summary>
/// Exploratory factor analysis of a correlation matrix as R's psych package computes it, so that its numbers can be
/// compared with psych's: principal axis factoring is psych::fa(fm = "pa") — squared multiple correlations as initial
/// communalities, eigen-decomposition of the reduced matrix repeated until the sum of communalities changes by less
/// than <c>minErr</c> (0.001) or 50 iterations; principal components is psych::principal. Rotations: varimax is
/// stats::varimax (Kaiser-normalised, ε = 1e-5); promax (m = 4) is psych's Promax after Kaiser normalisation for
/// principal axis and stats::promax for components, as psych does; oblimin (γ = 0) is GPArotation's gradient projection
/// (ε = 1e-5, at most 1000 iterations). Factors are then ordered by the variance they account for and signed so each
/// column of loadings sums to a positive number.
/// </summary>
public static class FactorAnalysis
{
    /// <summary>KMO as psych::KMO: anti-image correlations from R⁻¹, MSA = Σr² / (Σr² + Σq²) over off-diagonal cells.</summary>
    public static KmoResult Kmo(Matrix<double> r)
    {
        var q = Inverse(r);
        var k = r.RowCount;
        double sr = 0, sq = 0;
        var per = new double[k];
        for (var j = 0; j < k; j++)
        {
            double cr = 0, cq = 0;
            for (var i = 0; i < k; i++)
            {
                if (i == j) continue;
                var a = q[i, j] / Math.Sqrt(q[i, i] * q[j, j]);
                cr += r[i, j] * r[i, j]; cq += a * a;
            }
            per[j] = cr / (cr + cq); sr += cr; sq += cq;
        }
        return new KmoResult(sr / (sr + sq), per);
    }

    /// <summary>Bartlett's sphericity test: χ² = −ln|R| · (n − 1 − (2p + 5)/6) on p(p − 1)/2 df (psych::cortest.bartlett).</summary>
    public static BartlettResult Bartlett(Matrix<double> r, int n)
    {
        var p = r.RowCount;
        var logDet = r.Cholesky() is var ch ? 2 * Enumerable.Range(0, p).Sum(i => Math.Log(ch.Factor[i, i])) : double.NaN;
        var chi = -logDet * (n - 1 - (2.0 * p + 5) / 6);
        var df = p * (p - 1) / 2;
        return new BartlettResult(chi, df, Probability.ChiSquareUpper(chi, df));
    }

    /// <summary>Correlation matrix with pairwise deletion (R's cor(use = "pairwise")), as psych::fa computes from raw data.</summary>
    public static Matrix<double> PairwiseCorrelations(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns)
    {
        var c = Correlation.Matrix(names, columns, CorrelationMethod.Pearson);
        return Matrix<double>.Build.DenseOfArray(c.R);
    }

    public static FactorSolution Fit(IReadOnlyList<string> items, Matrix<double> r, int factors, Extraction extraction, Rotation rotation,
        double minErr = 0.001, int maxIterations = 50)
    {
        var p = r.RowCount;
        if (factors < 1 || factors > p) throw new StatisticsInputException("usage", $"The number of factors must be between 1 and the number of items ({p}); it is {factors}.");
        var notices = new List<Notice>();
        var values = SortedEigen(r).Values;
        Matrix<double> loadings;
        double[]? reduced = null;
        int iterations = 0; var converged = true;
        if (extraction == Extraction.PrincipalComponents)
        {
            var (vals, vecs) = SortedEigen(r);
            loadings = Take(vecs, vals, factors);
        }
        else
        {
            var inv = Inverse(r);
            var m = r.Clone();
            for (var i = 0; i < p; i++) m[i, i] = 1 - 1 / inv[i, i];
            var comm = m.Diagonal().Sum();
            var err = comm;
            (double[] Values, Matrix<double> Vectors) e = default;
            loadings = null!;
            while (err > minErr)
            {
                e = SortedEigen(m);
                loadings = Take(e.Vectors, e.Values, factors);
                var h2 = Enumerable.Range(0, p).Select(i => loadings.Row(i).DotProduct(loadings.Row(i))).ToArray();
                var comm1 = h2.Sum();
                for (var i = 0; i < p; i++) m[i, i] = h2[i];
                err = Math.Abs(comm - comm1);
                comm = comm1;
                iterations++;
                if (double.IsNaN(err)) throw new StatisticsInputException(NoticeCodes.NotPositiveDefinite, "The reduced correlation matrix has negative eigenvalues among those extracted: fewer factors, or principal components, are needed.");
                if (iterations >= maxIterations && err > minErr) { converged = false; break; }
            }
            reduced = e.Values;
            if (!converged) notices.Add(new Notice("not_converged", $"Principal axis factoring stopped after {maxIterations} iterations without the communalities settling (change {err:G3})."));
        }
        SignColumns(loadings, null);
        var communalities = Enumerable.Range(0, p).Select(i => loadings.Row(i).DotProduct(loadings.Row(i))).ToArray();
        if (communalities.Any(h => h > 1))
            notices.Add(new Notice("heywood", "An item has a communality above 1 (a Heywood case): the solution is improper; try fewer factors."));
        Matrix<double>? phi = null;
        if (factors > 1)
        {
            switch (rotation)
            {
                case Rotation.Varimax: loadings = Varimax(loadings).Loadings; break;
                case Rotation.Promax:
                    (loadings, phi) = extraction == Extraction.PrincipalAxis ? KaiserPromax(loadings) : Promax(loadings);
                    break;
                case Rotation.Oblimin:
                    var ob = Oblimin(loadings);
                    (loadings, phi) = (ob.Loadings, ob.Phi);
                    if (!ob.Converged) notices.Add(new Notice("not_converged", "The oblimin rotation did not converge in 1000 iterations."));
                    break;
            }
            SignColumns(loadings, phi);
            var ss = phi is null ? loadings.PointwisePower(2).ColumnSums().ToArray()
                : (phi * loadings.TransposeThisAndMultiply(loadings)).Diagonal().ToArray();
            var order = Enumerable.Range(0, factors).OrderByDescending(j => ss[j]).ToArray();
            loadings = Matrix<double>.Build.Dense(p, factors, (i, j) => loadings[i, order[j]]);
            if (phi is { } ph) phi = Matrix<double>.Build.Dense(factors, factors, (i, j) => ph[order[i], order[j]]);
        }
        var sumsq = phi is null ? loadings.PointwisePower(2).ColumnSums().ToArray() : (phi * loadings.TransposeThisAndMultiply(loadings)).Diagonal().ToArray();
        return new FactorSolution(extraction, factors > 1 ? rotation : Rotation.None, items.ToArray(), loadings.ToArray(), communalities, phi?.ToArray(),
            sumsq, sumsq.Select(s => s / p).ToArray(), values, reduced, iterations, converged, notices);
    }

    /// <summary>stats::varimax: SVD updates of the rotation until Σ singular values grows by less than a factor 1 + ε.</summary>
    public static (Matrix<double> Loadings, Matrix<double> Rotation) Varimax(Matrix<double> a, bool normalize = true, double eps = 1e-5)
    {
        int p = a.RowCount, nc = a.ColumnCount;
        var x = a.Clone();
        var sc = new double[p];
        if (normalize)
            for (var i = 0; i < p; i++) { sc[i] = Math.Sqrt(x.Row(i).DotProduct(x.Row(i))); x.SetRow(i, x.Row(i) / sc[i]); }
        var tt = Matrix<double>.Build.DenseIdentity(nc);
        double d = 0;
        for (var it = 0; it < 1000; it++)
        {
            var z = x * tt;
            var z2 = z.PointwisePower(2);
            var colMeans = z2.ColumnSums() / p;
            var inner = z.PointwisePower(3) - z * Matrix<double>.Build.DenseOfDiagonalVector(colMeans);
            var b = x.TransposeThisAndMultiply(inner);
            var svd = b.Svd(true);
            tt = svd.U * svd.VT;
            var dpast = d;
            d = svd.S.Sum();
            if (d < dpast * (1 + eps)) break;
        }
        var result = x * tt;
        if (normalize) for (var i = 0; i < p; i++) result.SetRow(i, result.Row(i) * sc[i]);
        return (result, tt);
    }

    /// <summary>Promax (m = 4) after varimax: target Q = L∘|L|³, U = least squares (L, Q) with columns rescaled so
    /// diag((UᵀU)⁻¹) = 1; Φ = U⁻¹U⁻ᵀ of the whole rotation (stats::promax, psych::Promax).</summary>
    public static (Matrix<double> Loadings, Matrix<double> Phi) Promax(Matrix<double> a, int m = 4)
    {
        var (x, rot) = Varimax(a);
        var q = x.Map(v => v * Math.Pow(Math.Abs(v), m - 1));
        var u = x.QR().Solve(q);
        var d = (u.TransposeThisAndMultiply(u)).Inverse().Diagonal();
        u = u * Matrix<double>.Build.DenseOfDiagonalVector(d.PointwiseSqrt());
        var z = x * u;
        var ui = (rot * u).Inverse();
        return (z, ui * ui.Transpose());
    }

    /// <summary>psych::kaiser(rotate = "Promax"): rows scaled to unit length, Promax, rows scaled back.</summary>
    static (Matrix<double> Loadings, Matrix<double> Phi) KaiserPromax(Matrix<double> a)
    {
        var h = Enumerable.Range(0, a.RowCount).Select(i => Math.Sqrt(a.Row(i).DotProduct(a.Row(i)))).ToArray();
        var w = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (i, j) => a[i, j] / h[i]);
        var (l, phi) = Promax(w);
        return (Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (i, j) => l[i, j] * h[i]), phi);
    }

    /// <summary>Direct oblimin (γ = 0, quartimin) by Bernaards and Jennrich's gradient projection, GPArotation::GPFoblq
    /// step for step: criterion f = ¼ Σ (L∘L)·(L∘L)N with N = 1 − I, L = A·T⁻ᵀ, columns of T kept at unit length.</summary>
    public static (Matrix<double> Loadings, Matrix<double> Phi, bool Converged) Oblimin(Matrix<double> a, double eps = 1e-5, int maxIterations = 1000)
    {
        var k = a.ColumnCount;
        var notDiag = Matrix<double>.Build.Dense(k, k, (i, j) => i == j ? 0 : 1);
        (double F, Matrix<double> Gq) Criterion(Matrix<double> l)
        {
            var l2 = l.PointwisePower(2);
            var x = l2 * notDiag;
            return (l2.PointwiseMultiply(x).Enumerate().Sum() / 4, l.PointwiseMultiply(x));
        }
        var t = Matrix<double>.Build.DenseIdentity(k);
        var al = 1.0;
        var lm = a * t.Inverse().Transpose();
        var (f, gq) = Criterion(lm);
        var g = -(lm.Transpose() * gq * t.Inverse()).Transpose();
        var converged = false;
        for (var iter = 0; iter <= maxIterations; iter++)
        {
            var colDots = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, k).Select(j => t.Column(j).DotProduct(g.Column(j))).ToArray());
            var gp = g - t * colDots;
            var s = Math.Sqrt(gp.PointwisePower(2).Enumerate().Sum());
            if (s < eps) { converged = true; break; }
            al *= 2;
            Matrix<double> tt = t; (double F, Matrix<double> Gq) vt = (f, gq);
            for (var i = 0; i <= 10; i++)
            {
                var x = t - al * gp;
                var v = Enumerable.Range(0, k).Select(j => 1 / Math.Sqrt(x.Column(j).DotProduct(x.Column(j)))).ToArray();
                tt = x * Matrix<double>.Build.DenseOfDiagonalArray(v);
                lm = a * tt.Inverse().Transpose();
                vt = Criterion(lm);
                if (f - vt.F > 0.5 * s * s * al) break;
                al /= 2;
            }
            t = tt;
            f = vt.F;
            g = -(lm.Transpose() * vt.Gq * tt.Inverse()).Transpose();
        }
        return (lm, t.TransposeThisAndMultiply(t), converged);
    }

    /// <summary>
    /// Parallel analysis as psych::fa.parallel with simulated data (SMC = TRUE): eigenvalues of the correlation matrix
    /// (components) and of the matrix with squared multiple correlations on the diagonal (factors), against the mean and
    /// the <paramref name="quantile"/> of those of <paramref name="iterations"/> samples of n × p independent normals.
    /// The suggested number is how many leading observed eigenvalues exceed the simulated quantile.
    /// </summary>
    public static ParallelAnalysisResult Parallel(Matrix<double> r, int n, int iterations, Random random, double quantile = 0.95)
    {
        var p = r.RowCount;
        var pcObs = SortedEigen(r).Values;
        var faObs = SortedEigen(WithSmc(r)).Values;
        var pcSim = new double[iterations][]; var faSim = new double[iterations][];
        var columns = new double[p][];
        for (var j = 0; j < p; j++) columns[j] = new double[n];
        for (var it = 0; it < iterations; it++)
        {
            foreach (var col in columns) for (var i = 0; i < n; i++) col[i] = Normal.Sample(random, 0, 1);
            var c = Matrix<double>.Build.DenseOfArray(Correlation.OfCompleteColumns(columns));
            pcSim[it] = SortedEigen(c).Values;
            faSim[it] = SortedEigen(WithSmc(c)).Values;
        }
        double[] Mean(double[][] s) => Enumerable.Range(0, p).Select(j => s.Average(v => v[j])).ToArray();
        double[] Q(double[][] s) => Enumerable.Range(0, p).Select(j => Quantile7(s.Select(v => v[j]).ToArray(), quantile)).ToArray();
        int Count(double[] obs, double[] sim) { var c = 0; while (c < obs.Length && obs[c] > sim[c]) c++; return c; }
        var pcQ = Q(pcSim); var faQ = Q(faSim);
        return new ParallelAnalysisResult(pcObs, Mean(pcSim), pcQ, faObs, Mean(faSim), faQ, Count(pcObs, pcQ), Count(faObs, faQ), iterations, quantile);
    }

    /// <summary>R's default quantile (type 7): linear between order statistics at position (n − 1)q.</summary>
    static double Quantile7(double[] v, double q)
    {
        var s = v.OrderBy(x => x).ToArray();
        var h = (s.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        return lo + 1 < s.Length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
    }

    static Matrix<double> WithSmc(Matrix<double> r)
    {
        var inv = Inverse(r);
        var m = r.Clone();
        for (var i = 0; i < r.RowCount; i++) m[i, i] = 1 - 1 / inv[i, i];
        return m;
    }

    static Matrix<double> Inverse(Matrix<double> r)
    {
        var inv = r.Inverse();
        if (inv.Enumerate().Any(v => !double.IsFinite(v)) || r.Determinant() <= 0)
            throw new StatisticsInputException(NoticeCodes.NotPositiveDefinite,
                "The correlation matrix is singular (an item is a linear function of others, or pairwise deletion made it inconsistent): drop an item.");
        return inv;
    }

    /// <summary>Eigenvalues in decreasing order with their vectors (MathNet returns them increasing).</summary>
    static (double[] Values, Matrix<double> Vectors) SortedEigen(Matrix<double> m)
    {
        var evd = m.Evd(Symmetricity.Symmetric);
        var n = m.RowCount;
        var values = Enumerable.Range(0, n).Select(i => evd.EigenValues[n - 1 - i].Real).ToArray();
        var vectors = Matrix<double>.Build.Dense(n, n, (i, j) => evd.EigenVectors[i, n - 1 - j]);
        return (values, vectors);
    }

    static Matrix<double> Take(Matrix<double> vectors, double[] values, int factors) =>
        Matrix<double>.Build.Dense(vectors.RowCount, factors, (i, j) => vectors[i, j] * Math.Sqrt(values[j]));

    static void SignColumns(Matrix<double> l, Matrix<double>? phi)
    {
        for (var j = 0; j < l.ColumnCount; j++)
        {
            if (l.Column(j).Sum() >= 0) continue;
            l.SetColumn(j, -l.Column(j));
            if (phi is null) continue;
            phi.SetColumn(j, -phi.Column(j)); phi.SetRow(j, -phi.Row(j));
        }
    }
}
