using Archipelago.Numerics.Statistics;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// Z-scored Euclidean peers against R 4.2.2's <c>dist(scale(x))</c>, including missing values (R standardises over present
/// values and scales a distance over fewer columns up by p / p_used). Expected values produced once with:
/// <code>
/// x &lt;- rbind(
///   Guangdong = c(4.53, 0.19, 6.55, 12.25, 0.16),  Jiangsu = c(5.00, 0.165, 6.66, 12.71, 0.11),
///   Shandong  = c(5.08, 0.14, 6.75, 12.85, 0.07),  Zhejiang = c(4.46, 0.17, 6.33, 12.21, NA),
///   Shanghai  = c(4.02, 0.18, 5.56, 11.46, 0.20),  Beijing = c(3.77, 0.20, 5.35, 11.29, 0.22),
///   Hubei     = c(NA, NA, 5.80, NA, 0.08))
/// z &lt;- scale(x); print(format(z, digits = 17)); print(format(as.matrix(dist(z)), digits = 17))
/// </code>
/// (columns: log output, growth, log enterprises, log employment, bio-products share).
/// </summary>
public sealed class SimilarityTests
{
    const double Nan = double.NaN;

    static readonly double[,] X =
    {
        { 4.53, 0.19, 6.55, 12.25, 0.16 }, { 5.00, 0.165, 6.66, 12.71, 0.11 }, { 5.08, 0.14, 6.75, 12.85, 0.07 },
        { 4.46, 0.17, 6.33, 12.21, Nan }, { 4.02, 0.18, 5.56, 11.46, 0.20 }, { 3.77, 0.20, 5.35, 11.29, 0.22 },
        { Nan, Nan, 5.80, Nan, 0.08 },
    };

    // R: as.matrix(dist(scale(x)))["Guangdong", ] and the distances of Zhejiang (row 4) and Hubei (row 7).
    static readonly double[] FromGuangdong = [0, 1.8482849119306486, 3.1315672534286612, 1.1585013553512644, 2.4877396402049734, 3.1683782373888580, 2.9032165513884212];
    const double ZhejiangHubei = 2.0935141163142053, ShanghaiBeijing = 1.2008466711997769;

    [Fact]
    public void Standardise_IsRsScale_OverPresentValues()
    {
        var z = Similarity.Standardise(X);
        Assert.Equal(0.102680621055603952, z[0, 0], 13);
        Assert.Equal(-1.621173996893956470, z[2, 1], 13);
        Assert.Equal(-0.605659067506280291, z[6, 2], 13);
        Assert.Equal(-0.953462589245592462, z[6, 4], 13);
        Assert.True(double.IsNaN(z[3, 4]) && double.IsNaN(z[6, 0]));
    }

    [Fact]
    public void Distance_IsRsDist_ScaledUpWhenColumnsAreMissing()
    {
        var z = Similarity.Standardise(X);
        for (var i = 1; i < 7; i++) Assert.Equal(FromGuangdong[i], Similarity.Distance(z, 0, i).Distance, 12);
        var zh = Similarity.Distance(z, 3, 6);
        Assert.Equal(ZhejiangHubei, zh.Distance, 12);
        Assert.Equal([2], zh.Used);                                   // only log enterprises is shared
        Assert.Equal(ShanghaiBeijing, Similarity.Distance(z, 4, 5).Distance, 12);
    }

    [Fact]
    public void Rank_NearestFirst_AndRefusesPairsBelowTheMinimum()
    {
        var r = Similarity.Rank(X, 0, minShared: 3);
        Assert.Equal([3, 1, 4, 2, 5], r.Ranked.Select(p => p.Row));   // Zhejiang, Jiangsu, Shanghai, Shandong, Beijing
        Assert.Equal(FromGuangdong[3], r.Ranked[0].Distance, 12);
        Assert.Equal([0, 1, 2, 3], r.Ranked[0].Used);                 // Zhejiang has no bio share
        var hubei = Assert.Single(r.TooFewShared);
        Assert.Equal((6, 2), (hubei.Row, hubei.Used.Count));
        Assert.Equal(7, Similarity.Rank(X, 0, minShared: 2).Ranked.Count + 1);
    }

    [Fact]
    public void ConstantColumn_CannotBeStandardised_AndIsLeftOut()
    {
        // R: scale(c(3, 3, 3)) is NaN throughout (0 / 0), and dist() then skips the column.
        var x = new double[,] { { 1, 3, 10 }, { 2, 3, 30 }, { 4, 3, 20 } };
        var z = Similarity.Standardise(x);
        Assert.True(double.IsNaN(z[0, 1]) && double.IsNaN(z[2, 1]));
        var d = Similarity.Distance(z, 0, 1);
        Assert.Equal([0, 2], d.Used);
        var expected = Math.Sqrt(((z[0, 0] - z[1, 0]) * (z[0, 0] - z[1, 0]) + (z[0, 2] - z[1, 2]) * (z[0, 2] - z[1, 2])) * 3 / 2);
        Assert.Equal(expected, d.Distance, 14);
    }
}
