using Archipelago.Numerics.Finance;

namespace Archipelago.Numerics.Tests.Finance;

public class MonteCarloTests
{
    static DrugAsset Asset(double taxRate = 0) => new(0.11,
        [new DevelopmentPhase("Pre-clinical", 1, 8, 0.65), new DevelopmentPhase("Phase I", 2, 30, 0.52),
         new DevelopmentPhase("Phase II", 2, 60, 0.289), new DevelopmentPhase("Phase III", 3, 180, 0.578),
         new DevelopmentPhase("Filing", 1, 5, 0.906)],
        new MarketModel(900, 5, 11, 0.6, UptakeCurve.SCurve, exclusivityEndYear: 2042, erosionRate: 0.3,
            costOfGoods: 0.05, salesAndMarketingShare: 0.1, taxRate: taxRate, launchCost: 40), startYear: 2026);

    [Fact]
    public void DegenerateDistributions_EqualDeterministicRnpv()
    {
        var asset = Asset(taxRate: 0.25);
        var inputs = new Dictionary<AssetInput, Distribution>
        {
            [AssetInput.PhaseCost(0)] = Distribution.Triangular(8, 8, 8),
            [AssetInput.PhaseCost(1)] = Distribution.Normal(30, 0),
            [AssetInput.PhaseCost(2)] = Distribution.Uniform(60, 60),
            [AssetInput.PhaseCost(3)] = Distribution.Pert(180, 180, 180),
            [AssetInput.PhaseCost(4)] = Distribution.Discrete([5], [1]),
            [AssetInput.PhaseProbability(1)] = Distribution.Fixed(0.52),
            [AssetInput.PeakSales] = Distribution.LogNormal(Math.Log(900), 0),
            [AssetInput.Margin] = Distribution.Fixed(0.6),
        };
        var u = new UncertainDrugAsset(asset, inputs, [new InputCorrelation(AssetInput.PhaseCost(1), AssetInput.PeakSales, 0.5)]);
        var expected = Rnpv.Calculate(asset).Value;
        Assert.Equal(expected, Rnpv.Calculate(u.Base).Value, Math.Abs(expected) * 1e-9);
        var r = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 1000, Seed: 7, PhaseOutcomes: PhaseOutcomes.ProbabilityWeighted, KeepPaths: true));
        Assert.All(r.PathValues!, v => Assert.Equal(expected, v, Math.Abs(expected) * 1e-9));
        Assert.Equal(expected, r.Mean, Math.Abs(expected) * 1e-9);
        Assert.Equal(expected, r.BaseCaseRnpv, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void BernoulliWithCertainOutcomes_EqualsNpv()
    {
        // Probabilities 1 everywhere: every path succeeds and equals the unadjusted NPV (= rNPV).
        var phases = Asset().Phases.Select(p => new DevelopmentPhase(p.Name, p.Years, p.Cost, 1.0)).ToArray();
        var asset = new DrugAsset(0.11, phases, Asset(0.25).Market, 2026);
        var r = MonteCarlo.Run(new UncertainDrugAsset(asset), new MonteCarloOptions(Paths: 500, Seed: 3));
        var npv = Rnpv.Calculate(asset).Npv;
        Assert.Equal(npv, r.Min, Math.Abs(npv) * 1e-9);
        Assert.Equal(npv, r.Max, Math.Abs(npv) * 1e-9);
    }

    static UncertainDrugAsset Stochastic() => new(Asset(taxRate: 0), new Dictionary<AssetInput, Distribution>
    {
        [AssetInput.PhaseCost(1)] = Distribution.Triangular(20, 28, 45),
        [AssetInput.PhaseCost(2)] = Distribution.Pert(40, 55, 100),
        [AssetInput.PhaseCost(3)] = Distribution.Normal(180, 30),
        [AssetInput.PhaseProbability(2)] = Distribution.Beta(28.9, 71.1),
        [AssetInput.PeakSales] = Distribution.LogNormalFromMeanSd(900, 350),
        [AssetInput.Margin] = Distribution.Uniform(0.5, 0.7),
        [AssetInput.LaunchCost] = Distribution.Discrete([20, 40, 80], [0.25, 0.5, 0.25]),
    });

    [Fact]
    public void Stochastic_MeanWithinThreeStandardErrorsOfAnalyticExpectation()
    {
        // With no tax the path value is linear in each input and the inputs are independent, so
        // E[NPV] = rNPV at the input means (Base). Normal cost: P(cost < 0) = Φ(−6), clamping is negligible.
        var u = Stochastic();
        var analytic = Rnpv.Calculate(u.Base).Value;
        var r = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 400_000, Seed: 2026));
        Assert.True(Math.Abs(r.Mean - analytic) < 3 * r.StdError, $"mean {r.Mean} vs analytic {analytic}, SE {r.StdError}");
        Assert.True(r.P5 < r.P50 && r.P50 <= r.P95);
        Assert.InRange(r.ProbabilityPositive, 0.0, 1.0);
        Assert.Equal(400_000, r.Histogram.Sum(b => b.Count));
        Assert.True(r.ExpectedLoss > 0);
        // P(positive) is at most the LOA-ish share of paths that reach market.
        Assert.True(r.ProbabilityPositive <= u.Base.LikelihoodOfApproval + 0.01);
    }

    [Fact]
    public void ProbabilityWeighted_MeanWithinThreeStandardErrors()
    {
        var u = Stochastic();
        var analytic = Rnpv.Calculate(u.Base).Value;
        var r = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 100_000, Seed: 11, PhaseOutcomes: PhaseOutcomes.ProbabilityWeighted));
        Assert.True(Math.Abs(r.Mean - analytic) < 3 * r.StdError, $"mean {r.Mean} vs analytic {analytic}, SE {r.StdError}");
    }

    [Fact]
    public void SameSeed_Identical_AnyThreadCount()
    {
        var u = Stochastic();
        var a = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 50_000, Seed: 42, KeepPaths: true));
        var b = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 50_000, Seed: 42, KeepPaths: true, MaxDegreeOfParallelism: 1));
        var c = MonteCarlo.Run(u, new MonteCarloOptions(Paths: 50_000, Seed: 43));
        Assert.Equal(a.PathValues, b.PathValues);
        Assert.Equal(a.Mean, b.Mean);
        Assert.Equal(a with { PathValues = null, Histogram = [] }, b with { PathValues = null, Histogram = [] });
        Assert.NotEqual(a.Mean, c.Mean);
    }

    [Fact]
    public void Distributions_SampleMeansMatchAnalyticMeans()
    {
        var dists = new Dictionary<AssetInput, Distribution>
        {
            [AssetInput.PhaseCost(0)] = Distribution.Triangular(1, 2, 6),
            [AssetInput.PhaseCost(1)] = Distribution.Pert(10, 20, 60),
            [AssetInput.PhaseCost(2)] = Distribution.Normal(50, 5),
            [AssetInput.PhaseCost(3)] = Distribution.LogNormal(4, 0.5),
            [AssetInput.PhaseProbability(0)] = Distribution.Beta(2, 5),
            [AssetInput.PhaseProbability(1)] = Distribution.Beta(0.5, 0.7),
            [AssetInput.PhaseCost(4)] = Distribution.Uniform(3, 9),
            [AssetInput.PeakSales] = Distribution.Discrete([100, 200, 400], [0.2, 0.5, 0.3]),
        };
        var u = new UncertainDrugAsset(Asset(), dists);
        var n = 200_000;
        var draws = MonteCarlo.SampleInputs(u, n, 5);
        foreach (var (input, d) in dists)
        {
            var x = draws[input.Key];
            var mean = x.Average();
            var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            Assert.True(Math.Abs(mean - d.Mean) < 4 * sd / Math.Sqrt(n), $"{input.Key} {d.Kind}: sample mean {mean} vs {d.Mean}");
            // Quantile and sampling agree on the median.
            Array.Sort(x);
            Assert.True(Math.Abs(MonteCarloResult.Percentile(x, 0.5) - d.Quantile(0.5)) < 0.02 * sd + 1e-9 || d.Kind == "discrete",
                $"{input.Key} {d.Kind}: median");
        }
    }

    [Fact]
    public void InverseNormalCdf_MatchesMathNet()
    {
        foreach (var p in new[] { 1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.77, 0.975, 0.999999 })
        {
            var exact = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
            Assert.Equal(exact, StandardNormal.InverseCdf(p), 1e-10 * Math.Max(1, Math.Abs(exact)));
            Assert.Equal(exact, StandardNormal.InverseCdfFast(p), 1.2e-9 * Math.Max(1, Math.Abs(exact)));
        }
    }

    [Fact]
    public void Copula_InducesRequestedCorrelation()
    {
        var inputs = new Dictionary<AssetInput, Distribution>
        {
            [AssetInput.PeakSales] = Distribution.Normal(900, 100),
            [AssetInput.Margin] = Distribution.Normal(0.6, 0.05),
            [AssetInput.PhaseCost(3)] = Distribution.Triangular(100, 180, 300),
        };
        var u = new UncertainDrugAsset(Asset(), inputs,
            [new InputCorrelation(AssetInput.PeakSales, AssetInput.Margin, 0.7), new InputCorrelation(AssetInput.PeakSales, AssetInput.PhaseCost(3), -0.3)]);
        var d = MonteCarlo.SampleInputs(u, 100_000, 9);
        Assert.Equal(0.7, MathNet.Numerics.Statistics.Correlation.Pearson(d["market.peakSales"], d["market.margin"]), 0.01);
        Assert.Equal(-0.3, MathNet.Numerics.Statistics.Correlation.Spearman(d["market.peakSales"], d["phases[3].cost"]), 0.02);
        Assert.Equal(900, d["market.peakSales"].Average(), 1.5);
    }

    [Fact]
    public void Copula_RejectsNonPositiveDefiniteMatrix()
    {
        var inputs = new Dictionary<AssetInput, Distribution>
        {
            [AssetInput.PeakSales] = Distribution.Normal(900, 100),
            [AssetInput.Margin] = Distribution.Normal(0.6, 0.05),
            [AssetInput.LaunchCost] = Distribution.Uniform(10, 50),
        };
        var e = Assert.Throws<ValuationInputException>(() => new UncertainDrugAsset(Asset(), inputs,
        [
            new InputCorrelation(AssetInput.PeakSales, AssetInput.Margin, 0.9),
            new InputCorrelation(AssetInput.Margin, AssetInput.LaunchCost, 0.9),
            new InputCorrelation(AssetInput.PeakSales, AssetInput.LaunchCost, -0.9),
        ]));
        Assert.Equal(ValuationErrorCodes.CorrelationNotPositiveDefinite, e.Code);
        Assert.Equal(ValuationErrorCodes.InvalidCorrelation, Assert.Throws<ValuationInputException>(() =>
            new UncertainDrugAsset(Asset(), inputs, [new InputCorrelation(AssetInput.PeakSales, AssetInput.PhaseCost(0), 0.2)])).Code);
        Assert.Equal(ValuationErrorCodes.UnknownPhase, Assert.Throws<ValuationInputException>(() =>
            new UncertainDrugAsset(Asset(), new Dictionary<AssetInput, Distribution> { [AssetInput.PhaseCost(9)] = Distribution.Fixed(1) })).Code);
    }

    [Fact]
    public void Tornado_OneAtATime_SortedBySwing()
    {
        var u = Stochastic();
        var bars = Tornado.Calculate(u);
        Assert.Equal(u.Inputs.Count, bars.Count);
        for (var i = 1; i < bars.Count; i++) Assert.True(bars[i - 1].Swing >= bars[i].Swing);
        var peak = bars.Single(b => b.Input == "market.peakSales");
        Assert.True(peak.RnpvAtHigh > peak.RnpvAtLow);
        Assert.Equal(Rnpv.Calculate(u.Base.With(AssetInput.PeakSales, peak.HighValue)).Value, peak.RnpvAtHigh, 1e-9);
        var cost = bars.Single(b => b.Input == "phases[3].cost");
        Assert.True(cost.RnpvAtHigh < cost.RnpvAtLow);
        Assert.Equal(u.Inputs[AssetInput.PhaseCost(3)].Quantile(0.1), cost.LowValue, 1e-9);
    }
}
