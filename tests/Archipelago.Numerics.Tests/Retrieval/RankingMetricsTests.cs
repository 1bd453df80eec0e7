using Archipelago.Numerics.Retrieval;

namespace Archipelago.Numerics.Tests.Retrieval;

/// <summary>
/// Ranking a..f against judgements b=2, d=1, g=3, h=1 (g, h never ranked). Expected values from plain Python
/// (/usr/bin/python3): dcg(r,k) = sum(rel[x]/log2(i+2) for i,x in enumerate(r[:k])), ideal = judged items by
/// relevance — P@3 = 1/3, NDCG@5 = NDCG@10 = 0.3259555723751726. By hand: DCG = 2/log2 3 + 1/log2 5 = 1.69253;
/// IDCG = 3 + 2/log2 3 + 1/2 + 1/log2 5 = 5.19253; ratio 0.32596.
/// </summary>
public class RankingMetricsTests
{
    static readonly string[] Ranked = ["a", "b", "c", "d", "e", "f"];
    static readonly Dictionary<string, double> Rel = new() { ["a"] = 0, ["b"] = 2, ["c"] = 0, ["d"] = 1, ["g"] = 3, ["h"] = 1 };

    [Fact]
    public void PrecisionAndNdcg_MatchHandComputation()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.PrecisionAtK(Ranked, Rel, 3), 12);
        Assert.Equal(2.0 / 5, RankingMetrics.PrecisionAtK(Ranked, Rel, 5), 12);
        Assert.Equal(0.3259555723751726, RankingMetrics.NdcgAtK(Ranked, Rel, 5), 12);
        Assert.Equal(0.3259555723751726, RankingMetrics.NdcgAtK(Ranked, Rel, 10), 12);
    }

    [Fact]
    public void IdealRanking_HasNdcgOne_AndNoRelevantItems_HasZero()
    {
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(["g", "b", "d", "h"], Rel, 10), 12);
        Assert.Equal(0, RankingMetrics.NdcgAtK(Ranked, new Dictionary<string, double> { ["a"] = 0 }, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.PrecisionAtK(Ranked, Rel, 0));
    }
}
