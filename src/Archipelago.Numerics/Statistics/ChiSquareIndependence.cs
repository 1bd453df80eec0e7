namespace Archipelago.Numerics.Statistics;

/// <summary>Pearson's χ² test of independence of a contingency table, with expected counts and standardised residuals.</summary>
/// <param name="CramersV">√(χ²/(n·(min(r, c) − 1))), from the uncorrected χ².</param>
/// <param name="SmallExpected">Cells with an expected count below 5 (the approximation is doubtful when they are more than 20%).</param>
public sealed record ChiSquareResult(double ChiSquare, int Df, double P, bool YatesCorrection, double[,] Observed, double[,] Expected,
    double[,] StdResiduals, double CramersV, int N, int SmallExpected);

/// <summary>
/// χ² = Σ(|O − E| − c)²/E with E = row total × column total / n on (r − 1)(c − 1) df, as R's <c>chisq.test</c>:
/// on a 2 × 2 table Yates' correction c = min(½, |O − E|) unless turned off; otherwise c = 0. Rows or columns
/// whose total is zero are rejected (their expected counts would be zero).
/// </summary>
public static class ChiSquareIndependence
{
    public static ChiSquareResult Test(double[,] observed, IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames, bool yates = true)
    {
        int r = observed.GetLength(0), c = observed.GetLength(1);
        if (r < 2 || c < 2) throw new StatisticsInputException(NoticeCodes.TooFewCases, $"A test of independence needs at least two rows and two columns; the table is {r} × {c}.");
        var rows = new double[r]; var cols = new double[c]; double n = 0;
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++)
            {
                if (observed[i, j] < 0 || double.IsNaN(observed[i, j])) throw new StatisticsInputException("negative_count", $"Cell ({rowNames[i]}, {columnNames[j]}) has the count {observed[i, j]}.");
                rows[i] += observed[i, j]; cols[j] += observed[i, j]; n += observed[i, j];
            }
        for (var i = 0; i < r; i++) if (rows[i] == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"Row '{rowNames[i]}' has no cases.", rowNames[i]);
        for (var j = 0; j < c; j++) if (cols[j] == 0) throw new StatisticsInputException(NoticeCodes.AllMissing, $"Column '{columnNames[j]}' has no cases.", columnNames[j]);
        var correct = yates && r == 2 && c == 2;
        var e = new double[r, c]; var res = new double[r, c];
        double x2 = 0, raw = 0; var small = 0;
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++)
            {
                e[i, j] = rows[i] * cols[j] / n;
                if (e[i, j] < 5) small++;
                var d = observed[i, j] - e[i, j];
                raw += d * d / e[i, j];
                var cd = correct ? Math.Abs(d) - Math.Min(0.5, Math.Abs(d)) : d;
                x2 += cd * cd / e[i, j];
                // Adjusted standardised residual (SPSS CROSSTABS, R chisq.test()$stdres).
                res[i, j] = d / Math.Sqrt(e[i, j] * (1 - rows[i] / n) * (1 - cols[j] / n));
            }
        var df = (r - 1) * (c - 1);
        return new ChiSquareResult(x2, df, Probability.ChiSquareUpper(x2, df), correct, observed, e, res,
            Math.Sqrt(raw / (n * (Math.Min(r, c) - 1))), (int)n, small);
    }
}
