namespace Archipelago.Numerics.Finance;

/// <summary>
/// Evidence about a patent (family) offered as loan collateral. Seed 001 §3.3: lenders weigh the certainty of
/// the rights, the IP's contribution to product competitiveness, and the revenue potential of the secured
/// technology or product. Revenues in one currency unit, the same as <see cref="IpPledgeRule.ReferenceRevenue"/>.
/// </summary>
/// <param name="Granted">Granted patent (false: application still pending).</param>
/// <param name="RemainingTermYears">Years of protection left.</param>
/// <param name="OwnershipClear">Sole, recorded owner; no ownership dispute or co-owner veto.</param>
/// <param name="Encumbered">Already pledged, or exclusively licensed so the lender could not sell it freely.</param>
/// <param name="ChallengePending">Invalidation request or infringement suit pending against the right.</param>
/// <param name="IndependentClaims">Number of independent claims.</param>
/// <param name="CoversProduct">Covers a marketed product or the lead clinical candidate.</param>
/// <param name="ShareOfProductValue">Share (0–1) of the product's value attributable to this IP (core compound 0.8–1, formulation 0.3, process 0.1–0.2 as rough guides).</param>
/// <param name="HardToDesignAround">Competitors cannot reach the same product without it.</param>
/// <param name="CurrentAnnualRevenue">Annual revenue of products covered today (0 if none on market).</param>
/// <param name="PeakSalesForecast">Forecast peak annual sales of the covered product (0 if none).</param>
/// <param name="LikelihoodOfApproval">Probability the covered product reaches market (1 if marketed; LOA from <see cref="Rnpv"/> otherwise).</param>
public sealed record IpPledgeEvidence(
    bool Granted, double RemainingTermYears, bool OwnershipClear, bool Encumbered, bool ChallengePending, int IndependentClaims,
    bool CoversProduct, double ShareOfProductValue, bool HardToDesignAround,
    double CurrentAnnualRevenue, double PeakSalesForecast, double LikelihoodOfApproval);

/// <summary>Weights of the three aspects (must be ≥ 0 and sum to 1) and the revenue reference level.</summary>
/// <param name="ReferenceRevenue">Expected annual revenue that earns the full 5 revenue points (e.g. 100 for CNY 100 million).</param>
public sealed record IpPledgeRule(double CertaintyWeight = 0.4, double ContributionWeight = 0.3, double RevenueWeight = 0.3, double ReferenceRevenue = 100);

/// <summary>Scores (each 0–5), the weighted score (0–5) and the suggested loan-to-value range (fractions of the appraised value).</summary>
public sealed record IpPledgeScore(double Certainty, double Contribution, double RevenuePotential, double Weighted,
    double LoanToValueLow, double LoanToValueHigh, string Band, IReadOnlyList<string> Reasons);

/// <summary>
/// IP pledge (collateral) score. A small, written house rule for ranking collateral and suggesting a loan-to-value
/// range; the points and bands below are assumptions to calibrate with lenders, not a regulation or a market survey.
/// </summary>
/// <remarks>
/// <para><b>Certainty of the rights</b> (0–5): granted 2 (pending application 0.5); remaining term ≥ 10 years 1.5,
/// ≥ 5 years 1, &gt; 0 years 0.5; clear ownership 1; ≥ 3 independent claims 0.5; minus 2 if a challenge is pending,
/// minus 2 if encumbered; clamped to [0, 5].</para>
/// <para><b>Contribution to product competitiveness</b> (0–5): covers a marketed product or lead candidate 2;
/// 2 × share of product value attributable; hard to design around 1.</para>
/// <para><b>Revenue potential</b> (0–5): expected annual revenue E = max(current revenue, LOA × peak sales forecast);
/// score = 5 × min(1, E / reference revenue).</para>
/// <para><b>Weighted score</b> = Σ weight × aspect score (default weights 0.4 / 0.3 / 0.3).</para>
/// <para><b>Loan-to-value rule</b> (fraction of the appraised value, e.g. the rNPV): any aspect below 1 is a knock-out,
/// 0 %; otherwise weighted &lt; 2: 0–10 %; 2–3: 10–25 %; 3–4: 25–40 %; ≥ 4: 40–50 %.</para>
/// </remarks>
public static class IpPledge
{
    public static IpPledgeScore Score(IpPledgeEvidence e, IpPledgeRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        rule ??= new IpPledgeRule();
        Check.NonNegative(rule.CertaintyWeight, "certaintyWeight");
        Check.NonNegative(rule.ContributionWeight, "contributionWeight");
        Check.NonNegative(rule.RevenueWeight, "revenueWeight");
        var sum = rule.CertaintyWeight + rule.ContributionWeight + rule.RevenueWeight;
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ValuationInputException(ValuationErrorCodes.ShareOutOfRange, "weights", $"aspect weights must sum to 1, got {sum}");
        if (!(rule.ReferenceRevenue > 0))
            throw new ValuationInputException(ValuationErrorCodes.NegativeAmount, "referenceRevenue", $"reference revenue must be > 0, got {rule.ReferenceRevenue}");
        Check.NonNegative(e.RemainingTermYears, "remainingTermYears");
        Check.Share(e.ShareOfProductValue, "shareOfProductValue");
        Check.NonNegative(e.CurrentAnnualRevenue, "currentAnnualRevenue");
        Check.NonNegative(e.PeakSalesForecast, "peakSalesForecast");
        Check.Probability(e.LikelihoodOfApproval, "likelihoodOfApproval");

        var reasons = new List<string>();
        double certainty = e.Granted ? 2 : 0.5;
        certainty += e.RemainingTermYears >= 10 ? 1.5 : e.RemainingTermYears >= 5 ? 1 : e.RemainingTermYears > 0 ? 0.5 : 0;
        if (e.OwnershipClear) certainty += 1; else reasons.Add("ownership not clear");
        if (e.IndependentClaims >= 3) certainty += 0.5;
        if (e.ChallengePending) { certainty -= 2; reasons.Add("invalidation or infringement challenge pending"); }
        if (e.Encumbered) { certainty -= 2; reasons.Add("already pledged or exclusively licensed"); }
        if (!e.Granted) reasons.Add("application not yet granted");
        certainty = Math.Clamp(certainty, 0, 5);

        var contribution = (e.CoversProduct ? 2 : 0) + 2 * e.ShareOfProductValue + (e.HardToDesignAround ? 1 : 0);
        if (!e.CoversProduct) reasons.Add("does not cover a marketed product or lead candidate");

        var expected = Math.Max(e.CurrentAnnualRevenue, e.LikelihoodOfApproval * e.PeakSalesForecast);
        var revenue = 5 * Math.Min(1, expected / rule.ReferenceRevenue);
        if (expected == 0) reasons.Add("no revenue evidence");

        var weighted = rule.CertaintyWeight * certainty + rule.ContributionWeight * contribution + rule.RevenueWeight * revenue;
        (double lo, double hi, string band) = (certainty < 1 || contribution < 1 || revenue < 1)
            ? (0.0, 0.0, "knock-out: an aspect scores below 1")
            : weighted < 2 ? (0.0, 0.10, "weak")
            : weighted < 3 ? (0.10, 0.25, "fair")
            : weighted < 4 ? (0.25, 0.40, "good")
            : (0.40, 0.50, "strong");
        return new IpPledgeScore(certainty, contribution, revenue, weighted, lo, hi, band, reasons);
    }
}
