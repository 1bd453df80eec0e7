namespace Archipelago.Numerics.Statistics;

/// <summary>One candidate's distance to the target: the row, the distance, and the columns (indicators) both had.</summary>
public sealed record PeerDistance(int Row, double Distance, IReadOnlyList<int> Used);

/// <summary>The candidates ranked nearest first, and those left out because they share fewer than the minimum of
/// indicators with the target (no distance is given for them rather than one resting on one or two numbers).</summary>
public sealed record PeerRanking(IReadOnlyList<PeerDistance> Ranked, IReadOnlyList<PeerDistance> TooFewShared, int MinShared);

/// <summary>
/// Peers by similarity, as cluster-mapping tools rank "similar regions": each indicator (column) is standardised across
/// the units (rows) to z-scores, then units are compared by Euclidean distance between their z-score profiles.
/// <para>Why z-scored Euclidean and not cosine: z-scoring puts indicators of different units (bn yuan, persons, growth
/// rates, shares) on one scale so that none dominates by its unit; Euclidean distance then counts differences in level —
/// a region twice another's size on every indicator is not its peer, whereas cosine similarity would call two profiles
/// pointing the same way identical whatever their size. It is also exactly R's <c>dist(scale(x))</c>, so it can be checked
/// independently.</para>
/// <para>Missing values (NaN) are handled as R does: <see cref="Standardise"/> uses each column's mean and sample standard
/// deviation over its present values (R's <c>scale</c>); a column that is constant or has fewer than two values cannot be
/// standardised and becomes missing throughout. <see cref="Distance"/> uses the columns both rows have and scales the sum
/// of squares up by p / p_used (R's <c>dist</c>), so distances over fewer columns stay comparable. <see cref="Rank"/>
/// refuses a distance below a minimum number of shared columns.</para>
/// </summary>
public static class Similarity
{
    /// <summary>Column z-scores (x − mean) / sd with the sample (n − 1) standard deviation over present values; NaN stays NaN.</summary>
    public static double[,] Standardise(double[,] x)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var z = new double[n, p];
        for (var j = 0; j < p; j++)
        {
            var present = Enumerable.Range(0, n).Select(i => x[i, j]).Where(v => !double.IsNaN(v)).ToArray();
            var mean = present.Length > 0 ? present.Average() : double.NaN;
            var sd = present.Length > 1 ? Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1)) : double.NaN;
            for (var i = 0; i < n; i++) z[i, j] = sd > 0 ? (x[i, j] - mean) / sd : double.NaN;
        }
        return z;
    }

    /// <summary>Euclidean distance between rows <paramref name="a"/> and <paramref name="b"/> of <paramref name="z"/> over the
    /// columns both have, × √(p / p_used) as R's <c>dist</c>; NaN when they share none.</summary>
    public static PeerDistance Distance(double[,] z, int a, int b)
    {
        var p = z.GetLength(1);
        var used = new List<int>();
        var sum = 0.0;
        for (var j = 0; j < p; j++)
        {
            if (double.IsNaN(z[a, j]) || double.IsNaN(z[b, j])) continue;
            used.Add(j);
            sum += (z[a, j] - z[b, j]) * (z[a, j] - z[b, j]);
        }
        return new PeerDistance(b, used.Count == 0 ? double.NaN : Math.Sqrt(sum * p / used.Count), used);
    }

    /// <summary>Standardises <paramref name="x"/> and ranks every other row by its distance to <paramref name="target"/>,
    /// nearest first (ties by row). Rows sharing fewer than <paramref name="minShared"/> standardisable columns with the
    /// target are not ranked but listed.</summary>
    public static PeerRanking Rank(double[,] x, int target, int minShared)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        if (target < 0 || target >= n) throw new ArgumentOutOfRangeException(nameof(target), $"Row {target} is not among the {n} rows.");
        if (minShared < 1 || minShared > p) throw new ArgumentOutOfRangeException(nameof(minShared), $"The minimum of shared columns must be 1 to {p}.");
        var z = Standardise(x);
        var all = Enumerable.Range(0, n).Where(i => i != target).Select(i => Distance(z, target, i)).ToList();
        return new PeerRanking(
            all.Where(d => d.Used.Count >= minShared).OrderBy(d => d.Distance).ThenBy(d => d.Row).ToList(),
            all.Where(d => d.Used.Count < minShared).ToList(), minShared);
    }
}
