using System.Text.Json;
using Archipelago.Numerics.Finance;

namespace Archipelago.Numerics.Tests.Finance;

public class AssetJsonTests
{
    const string Minimal = """
        {"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": 30, "probability": 0.52},
          {"name": "Phase II", "years": 2, "cost": 60, "probability": 0.289}],
         "market": {"peakSales": 800, "yearsToPeak": 5, "yearsOnMarket": 12, "margin": 0.6}}
        """;

    [Fact]
    public void ParsesBriefExample_SameAsCode()
    {
        var c = AssetJson.Parse(Minimal);
        var code = new DrugAsset(0.1, [new("Phase I", 2, 30, 0.52), new("Phase II", 2, 60, 0.289)], new MarketModel(800, 5, 12, 0.6));
        Assert.Equal(Rnpv.Calculate(code).Value, Rnpv.Calculate(c.Asset.Base).Value);
        Assert.Empty(c.Asset.Inputs);
        Assert.Null(c.Deal);
        using var doc = JsonDocument.Parse(Minimal);
        Assert.Equal(Rnpv.Calculate(code).Value, Rnpv.Calculate(AssetJson.Parse(doc.RootElement).Asset.Base).Value);
    }

    [Fact]
    public void ParsesExampleFiles()
    {
        var uncertain = AssetJson.Parse(File.ReadAllText(DealTests.RepoFile("docs", "examples", "phase1-asset-uncertain.json")));
        Assert.Equal(7, uncertain.Asset.Inputs.Count);
        Assert.Equal(2, uncertain.Asset.Correlations.Count);
        Assert.Equal(DiscountTiming.MidYear, uncertain.Asset.Base.Timing);
        Assert.Equal((20 + 28 + 45) / 3.0, uncertain.Asset.Base.Phases[0].Cost, 12);
        Assert.Equal(0.289, uncertain.Asset.Base.Phases[1].Probability, 12);
        Assert.Equal(800, uncertain.Asset.Base.Market.PeakSales, 9);
        var r = MonteCarlo.Run(uncertain.Asset, new MonteCarloOptions(Paths: 20_000, Seed: 1));
        Assert.True(double.IsFinite(r.Mean));
        var plain = AssetJson.Parse(File.ReadAllText(DealTests.RepoFile("docs", "examples", "phase1-asset.json")));
        Assert.Equal(0.52 * 0.289 * 0.578 * 0.906, Rnpv.Calculate(plain.Asset.Base).LikelihoodOfApproval, 12);
    }

    [Theory]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": 30, "probability": 1.2}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].probability", ValuationErrorCodes.ProbabilityOutOfRange)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": "30", "probability": 0.5}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].cost", ValuationErrorCodes.WrongType)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": 30}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].probability", ValuationErrorCodes.Required)]
    [InlineData("""{"discountRate": -1.5, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.discountRate", ValuationErrorCodes.DiscountRateTooLow)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase II", "years": 1, "cost": 1, "probability": 0.5}, {"name": "Phase I", "years": 1, "cost": 1, "probability": 0.5}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[1].name", ValuationErrorCodes.PhasesOutOfOrder)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": -2, "cost": 1, "probability": 0.5}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].years", ValuationErrorCodes.NegativeDuration)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": {"dist": "triangular", "min": 10, "mode": 5, "max": 20}, "probability": 0.5}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].cost.mode", ValuationErrorCodes.InvalidDistribution)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": 3, "probability": {"dist": "gamma", "k": 2}}], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}}""",
        "$.phases[0].probability.dist", ValuationErrorCodes.UnknownValue)]
    [InlineData("""{"discountRate": 0.1, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5, "uptake": "exp"}}""",
        "$.market.uptake", ValuationErrorCodes.UnknownValue)]
    [InlineData("""{"discountRate": 0.1, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5, "taxrate": 0.2}}""",
        "$.market.taxrate", ValuationErrorCodes.UnknownValue)]
    [InlineData("""{"discountRate": 0.1, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5, "taxRate": 2}}""",
        "$.market.taxRate", ValuationErrorCodes.ShareOutOfRange)]
    [InlineData("""{"discountRate": 0.1, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}, "deal": {"royaltyTiers": [{"from": 0, "to": 100, "rate": 0.05}, {"from": 150, "rate": 0.1}]}}""",
        "$.deal.royaltyTiers[1].from", ValuationErrorCodes.RoyaltyTierGap)]
    [InlineData("""{"discountRate": 0.1, "phases": [{"name": "Phase I", "years": 2, "cost": {"dist": "normal", "mean": 5, "sd": 1}, "probability": 0.5}], "market": {"peakSales": {"dist": "normal", "mean": 5, "sd": 1}, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}, "correlations": [{"a": "market.peakSales", "b": "phases[0].cost", "rho": 1.5}]}""",
        "market.peakSales", ValuationErrorCodes.InvalidCorrelation)]
    [InlineData("""{"discountRate": 0.1, "phases": [], "market": {"peakSales": 1, "yearsToPeak": 1, "yearsOnMarket": 1, "margin": 0.5}, "correlations": [{"a": "market.sales", "b": "market.margin", "rho": 0.5}]}""",
        "$.correlations[0].a", ValuationErrorCodes.UnknownValue)]
    [InlineData("""{"discountRate": 0.1, "phases": [}""", "$", ValuationErrorCodes.InvalidJson)]
    public void BadField_ErrorNamesJsonPathAndCode(string json, string path, string code)
    {
        var e = Assert.Throws<ValuationInputException>(() => AssetJson.Parse(json));
        Assert.Equal(code, e.Code);
        Assert.EndsWith(path, e.Field);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void OutputJson_HasCliKeys()
    {
        var c = AssetJson.Parse(Minimal);
        using var rnpv = JsonDocument.Parse(ValuationJson.Write(Rnpv.Calculate(c.Asset.Base)));
        foreach (var k in new[] { "rnpv", "npv", "loa", "years" }) Assert.True(rnpv.RootElement.TryGetProperty(k, out _), k);
        Assert.Equal(16, rnpv.RootElement.GetProperty("years").GetArrayLength());
        using var mc = JsonDocument.Parse(ValuationJson.Write(MonteCarlo.Run(c.Asset, new MonteCarloOptions(1000, 5))));
        foreach (var k in new[] { "mean", "std_error", "p5", "p50", "p95", "p_positive" }) Assert.True(mc.RootElement.TryGetProperty(k, out _), k);
    }
}
