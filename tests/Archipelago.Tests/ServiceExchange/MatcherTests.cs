using Archipelago.Kernel;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Numerics.Retrieval;

namespace Archipelago.Tests.ServiceExchange;

public class MatcherTests
{
    static readonly DateOnly Today = new(2027, 1, 1);

    static Need Need(string service = "patent_filing", string category = "agency") =>
        new(1, "PCT filing", "rnd", category, service, "biologics", null, null, null, new DateOnly(2027, 1, 31), null, "zh") { Id = 7 };

    static ProviderFacts Provider(long id, string[] services, string[] fields, int completed = 5, int ratings = 2, double ratingSum = 9, int distinct = 4, int repeat = 1, int active = 1) =>
        new(new ProviderProfile(id, null, services, fields, ["Guangdong"], ["en"], 10, 2, null, null, null, null, 60, 4, null), $"P{id}", "Guangdong", "CN",
            completed, ratings, ratingSum, distinct, repeat, active, SparseVector.Empty);

    /// <summary>Every part worked by hand (docs/exchange-matching.md has the formulas):
    /// category 1 (offers patent_filing); field 0.6 × 0.5 (biotechnology is the parent of biologics) + 0.4 × 0 (no text) = 0.3;
    /// region/language 0.6 × 1 (serves Guangdong) + 0.4 × 0 (no Chinese) = 0.6; capacity 0.5 × 3/4 + 0.5 × 30/60 = 0.625;
    /// trust 0.3 × (1 − e^−1) + 0.3 × ((9 + 10.5)/5 − 1)/4 + 0.15 × 1/4 + 0.25 × 1 = 0.6946361676;
    /// total 0.35 + 0.2 × 0.3 + 0.1 × 0.6 + 0.1 × 0.625 + 0.25 × 0.6946361676 = 0.7061590419.</summary>
    [Fact]
    public void Score_IsTheWeightedSumOfExplainedParts_ComputedByHand()
    {
        var network = new Network(new Dictionary<long, HashSet<long>> { [10] = [1], [1] = [10] });
        var m = Matcher.Score(new NeedFacts(Need(), "Client", "Guangdong", "CN", SparseVector.Empty), Provider(10, ["patent_filing"], ["biotechnology"]), network, MatchWeights.Default, Today);
        var parts = m.Components.ToDictionary(c => c.Name, c => c.Score);
        Assert.Equal(1, parts["category"], 10);
        Assert.Equal(0.3, parts["field"], 10);
        Assert.Equal(0.6, parts["region_language"], 10);
        Assert.Equal(0.625, parts["capacity"], 10);
        Assert.Equal(0.3 * (1 - Math.Exp(-1)) + 0.3 * 0.725 + 0.15 * 0.25 + 0.25, parts["trust"], 10);
        Assert.Equal(0.7061590419, m.Score, 9);
        Assert.Contains("have worked together", m.Components.Single(c => c.Name == "trust").Explanation);
        Assert.Equal(m.Score, m.Components.Sum(c => c.Contribution), 12);
    }

    [Fact]
    public void SharedPartners_GiveProximityBelowWorkingTogether()
    {
        var network = new Network(new Dictionary<long, HashSet<long>> { [10] = [100, 101], [1] = [100, 101, 102] });
        var (score, why) = network.Proximity(10, 1);
        Assert.Equal(0.4, score, 12); // 0.6 × 2/3
        Assert.Equal("2 shared partner(s)", why);
        Assert.Equal((0.0, "no joint actions of either in the network"), Network.Empty.Proximity(10, 1));
    }

    [Fact]
    public void Ranking_PutsTheRightServiceFirst_AndWeightsChangeIt()
    {
        var need = new NeedFacts(Need(), "Client", "Guangdong", "CN", SparseVector.Empty);
        var filer = Provider(10, ["patent_filing"], ["biologics"], completed: 0, ratings: 0, ratingSum: 0, distinct: 0, repeat: 0);
        var litigator = Provider(11, ["litigation"], ["biologics"], completed: 40, ratings: 20, ratingSum: 100, distinct: 20, repeat: 10);
        var analyst = Provider(12, ["retrieval"], ["biologics"], completed: 40, ratings: 20, ratingSum: 100, distinct: 20, repeat: 10);
        var ranked = Matcher.RankProviders(need, [analyst, litigator, filer], Network.Empty, MatchWeights.Default, Today, 10);
        Assert.Equal([10, 11, 12], ranked.Select(m => m.ProviderId));
        // An operator who cares only about trust gets the experienced providers first.
        var trustOnly = Matcher.RankProviders(need, [analyst, litigator, filer], Network.Empty, new MatchWeights(0, 0, 0, 0, 1), Today, 10);
        Assert.Equal(10, trustOnly[^1].ProviderId);
    }

    [Fact]
    public void Weights_OutOfRange_AreRefused()
    {
        Assert.Equal("bad_weight", Assert.Throws<DomainException>(() => new MatchWeights(-1, 0, 0, 0, 1).Checked()).Code);
        Assert.Equal("bad_weight", Assert.Throws<DomainException>(() => new MatchWeights(0, 0, 0, 0, 0).Checked()).Code);
        Assert.Equal(1.0, MatchWeights.Default.Sum, 12);
    }

    [Fact]
    public void FullProvider_AndPassedDeadline_ScoreNoCapacity()
    {
        var need = new Need(1, "Urgent", "rnd", "agency", null, "biologics", null, null, null, new DateOnly(2026, 12, 1), null) { Id = 3 };
        var full = Provider(10, ["patent_filing"], ["biologics"], active: 4);
        var m = Matcher.Score(new NeedFacts(need, "C", "Guangdong", "CN", SparseVector.Empty), full, Network.Empty, MatchWeights.Default, Today);
        Assert.Equal(0, m.Components.Single(c => c.Name == "capacity").Score);
    }
}
