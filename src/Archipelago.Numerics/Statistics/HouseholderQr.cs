namespace Archipelago.Numerics.Statistics;

/// <summary>
/// Householder QR of a column set in double-double arithmetic, entering columns in the given order and
/// refusing a column whose tolerance given the accepted ones, ‖(I − P)xⱼ‖² / ‖xⱼ‖², is below a threshold
/// (Golub &amp; Van Loan, Matrix Computations, 4th ed., §5.2.2 and §5.3.3; the tolerance rule is SPSS
/// REGRESSION's, SPSS Statistics Algorithms "REGRESSION: Tolerance").
/// The response column is carried along, so that its transformed tail gives the residual sum of squares.
/// </summary>
internal sealed class HouseholderQr
{
    /// <summary>Accepted column indices in order of entry.</summary>
    public List<int> Accepted { get; } = [];
    /// <summary>Rejected columns with the tolerance they had when tried (0 for a column of zeros).</summary>
    public List<(int Column, double Tolerance)> Rejected { get; } = [];
    /// <summary>Upper-triangular R (rank × rank) of the accepted columns, row-major jagged.</summary>
    public DoubleDouble[][] R { get; private set; } = [];
    /// <summary>First <c>rank</c> entries of Qᵀy.</summary>
    public DoubleDouble[] QtY { get; private set; } = [];
    /// <summary>Residual sum of squares ‖(I − P)y‖².</summary>
    public DoubleDouble ResidualSumOfSquares { get; private set; }
    /// <summary>Columns after all reflections (rows ≥ rank hold the residuals of rejected columns).</summary>
    public DoubleDouble[][] Columns { get; }
    public DoubleDouble[] Response { get; }
    public int Rank => Accepted.Count;

    /// <param name="columns">m-row columns, modified in place.</param>
    /// <param name="response">m-row response, modified in place.</param>
    /// <param name="columnSumsOfSquares">‖xⱼ‖² (centred when the model has a constant) used for the tolerance.</param>
    /// <param name="tolerance">Minimum tolerance for a column to enter.</param>
    public HouseholderQr(DoubleDouble[][] columns, DoubleDouble[] response, DoubleDouble[] columnSumsOfSquares, double tolerance)
    {
        Columns = columns;
        Response = response;
        var m = response.Length;
        var k = columns.Length;
        var rCols = new List<DoubleDouble[]>();
        var v = new DoubleDouble[m];
        for (var j = 0; j < k; j++)
        {
            var col = columns[j];
            var r = Accepted.Count;
            var ss = DoubleDouble.Zero;
            for (var i = r; i < m; i++) ss += col[i] * col[i];
            var total = columnSumsOfSquares[j];
            var tol = total.Hi > 0 ? (ss / total).ToDouble() : 0.0;
            if (total.Hi <= 0 || tol < tolerance || r >= m)
            {
                Rejected.Add((j, total.Hi > 0 ? tol : 0.0));
                continue;
            }
            var norm = DoubleDouble.Sqrt(ss);
            var alpha = col[r].Hi > 0 ? -norm : norm;
            // v = x[r..] − alpha·e₁ ; H = I − 2vvᵀ/(vᵀv), vᵀv = 2(‖x‖² − alpha·x_r)
            for (var i = r; i < m; i++) v[i] = col[i];
            v[r] = col[r] - alpha;
            var vtv = (ss - alpha * col[r]) * 2.0;
            for (var jj = j + 1; jj < k; jj++) Reflect(v, vtv, columns[jj], r, m);
            Reflect(v, vtv, response, r, m);
            col[r] = alpha;
            for (var i = r + 1; i < m; i++) col[i] = DoubleDouble.Zero;
            var rc = new DoubleDouble[r + 1];
            for (var i = 0; i <= r; i++) rc[i] = col[i];
            rCols.Add(rc);
            Accepted.Add(j);
        }
        var rank = Accepted.Count;
        R = new DoubleDouble[rank][];
        for (var i = 0; i < rank; i++)
        {
            R[i] = new DoubleDouble[rank];
            for (var j = i; j < rank; j++) R[i][j] = rCols[j][i];
        }
        QtY = response[..rank];
        var rss = DoubleDouble.Zero;
        for (var i = rank; i < m; i++) rss += response[i] * response[i];
        ResidualSumOfSquares = rss;
    }

    static void Reflect(DoubleDouble[] v, DoubleDouble vtv, DoubleDouble[] c, int r, int m)
    {
        var w = DoubleDouble.Zero;
        for (var i = r; i < m; i++) w += v[i] * c[i];
        if (w.Hi == 0) return;
        var f = (w * 2.0) / vtv;
        for (var i = r; i < m; i++) c[i] -= f * v[i];
    }

    /// <summary>R⁻¹ by back substitution (upper triangular).</summary>
    public DoubleDouble[][] InverseR()
    {
        var n = Rank;
        var inv = new DoubleDouble[n][];
        for (var i = 0; i < n; i++) inv[i] = new DoubleDouble[n];
        for (var j = 0; j < n; j++)
        {
            inv[j][j] = 1.0 / R[j][j];
            for (var i = j - 1; i >= 0; i--)
            {
                var s = DoubleDouble.Zero;
                for (var l = i + 1; l <= j; l++) s += R[i][l] * inv[l][j];
                inv[i][j] = -s / R[i][i];
            }
        }
        return inv;
    }
}
