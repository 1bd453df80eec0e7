using Archipelago.Numerics.Finance;

namespace Archipelago.Numerics.Tests.Finance;

public class IpPledgeTests
{
    /// <summary>
    /// Granted compound patent on a marketed drug: certainty 2 + 1.5 (12 y) + 1 + 0.5 = 5;
    /// contribution 2 + 2 × 0.9 + 1 = 4.8; revenue 5 × min(1, 150 / 100) = 5;
    /// weighted 0.4 × 5 + 0.3 × 4.8 + 0.3 × 5 = 4.94 → strong, LTV 40–50 %.
    /// </summary>
    [Fact]
    public void StrongCollateral_ByHand()
    {
        var s = IpPledge.Score(new IpPledgeEvidence(true, 12, true, false, false, 4, true, 0.9, true, 150, 300, 1));
        Assert.Equal(5, s.Certainty, 12);
        Assert.Equal(4.8, s.Contribution, 12);
        Assert.Equal(5, s.RevenuePotential, 12);
        Assert.Equal(4.94, s.Weighted, 12);
        Assert.Equal((0.40, 0.50), (s.LoanToValueLow, s.LoanToValueHigh));
        Assert.Empty(s.Reasons);
    }

    /// <summary>
    /// Seed 003-like early asset: pending application (0.5), 19 years (1.5), clear owner (1), 2 claims → certainty 3;
    /// covers the lead candidate, formulation-level share 0.5, easy to design around → 2 + 1 = 3;
    /// revenue E = LOA 0.0472 × peak 600 = 28.3 → 5 × 0.283 = 1.416; weighted 1.2 + 0.9 + 0.425 = 2.525 → fair, 10–25 %.
    /// </summary>
    [Fact]
    public void EarlyAsset_ByHand()
    {
        var s = IpPledge.Score(new IpPledgeEvidence(false, 19, true, false, false, 2, true, 0.5, false, 0, 600, 0.0472));
        Assert.Equal(3, s.Certainty, 12);
        Assert.Equal(3, s.Contribution, 12);
        Assert.Equal(5 * 0.0472 * 600 / 100, s.RevenuePotential, 12);
        Assert.Equal(0.4 * 3 + 0.3 * 3 + 0.3 * 1.416, s.Weighted, 12);
        Assert.Equal("fair", s.Band);
        Assert.Contains("application not yet granted", s.Reasons);
    }

    [Fact]
    public void KnockOut_WhenRightsAreContestedAndEncumbered()
    {
        var s = IpPledge.Score(new IpPledgeEvidence(true, 3, false, true, true, 1, true, 0.9, true, 500, 0, 1));
        Assert.Equal(0, s.Certainty);
        Assert.Equal((0.0, 0.0), (s.LoanToValueLow, s.LoanToValueHigh));
        Assert.StartsWith("knock-out", s.Band);
    }

    [Fact]
    public void RejectsWeightsNotSummingToOne()
    {
        var e = Assert.Throws<ValuationInputException>(() =>
            IpPledge.Score(new IpPledgeEvidence(true, 10, true, false, false, 3, true, 1, true, 100, 0, 1), new IpPledgeRule(0.5, 0.5, 0.5)));
        Assert.Equal(ValuationErrorCodes.ShareOutOfRange, e.Code);
    }
}
