namespace Archipelago.Numerics.Retrieval;

/// <summary>
/// Quality of a ranking against graded relevance judgements (information retrieval; Järvelin &amp; Kekäläinen 2002).
/// Items not judged count as relevance 0.
/// </summary>
public static class RankingMetrics
{
    /// <summary>The share of the first <paramref name="k"/> ranked items that are relevant (relevance &gt; 0); a
    /// ranking shorter than k counts the missing places as not relevant.</summary>
    public static double PrecisionAtK<T>(IReadOnlyList<T> ranked, IReadOnlyDictionary<T, double> relevance, int k) where T : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return ranked.Take(k).Count(x => relevance.GetValueOrDefault(x) > 0) / (double)k;
    }

    /// <summary>Discounted cumulative gain at k with linear gain: Σ_{i=1..k} rel_i / log2(i + 1) (scikit-learn's
    /// <c>dcg_score</c> without ties).</summary>
    public static double DcgAtK<T>(IReadOnlyList<T> ranked, IReadOnlyDictionary<T, double> relevance, int k) where T : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double s = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++) s += relevance.GetValueOrDefault(ranked[i]) / Math.Log2(i + 2);
        return s;
    }

    /// <summary>DCG@k divided by the DCG@k of the ideal ordering of all judged items; 0 when nothing is relevant.</summary>
    public static double NdcgAtK<T>(IReadOnlyList<T> ranked, IReadOnlyDictionary<T, double> relevance, int k) where T : notnull
    {
        var ideal = relevance.OrderByDescending(p => p.Value).Select(p => p.Key).ToList();
        var idcg = DcgAtK(ideal, relevance, k);
        return idcg <= 0 ? 0 : DcgAtK(ranked, relevance, k) / idcg;
    }
}
