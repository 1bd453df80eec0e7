using MathNet.Numerics.RootFinding;

namespace Archipelago.Numerics.Finance;

/// <summary>Development or regulatory milestone: <see cref="Amount"/> paid when the named phase succeeds
/// (the approval milestone is the success of the last phase, e.g. "Filing").</summary>
public sealed record DevelopmentMilestone
{
    public DevelopmentMilestone(string phase, double amount)
    {
        if (string.IsNullOrWhiteSpace(phase)) throw new ValuationInputException(ValuationErrorCodes.Required, "phase", "milestone phase is required");
        Phase = phase;
        Amount = Check.NonNegative(amount, "amount");
    }
    public string Phase { get; }
    public double Amount { get; }
}

/// <summary>Sales milestone: <see cref="Amount"/> paid once, in the first year annual sales reach <see cref="Threshold"/>.</summary>
public sealed record SalesMilestone
{
    public SalesMilestone(double threshold, double amount)
    {
        Threshold = Check.NonNegative(threshold, "threshold");
        Amount = Check.NonNegative(amount, "amount");
    }
    public double Threshold { get; }
    public double Amount { get; }
}

/// <summary>Royalty tier: <see cref="Rate"/> applies to the slice of annual net sales in [From, To)
/// (To null = no upper bound). Tiers are marginal, like tax brackets.</summary>
public sealed record RoyaltyTier
{
    public RoyaltyTier(double from, double? to, double rate)
    {
        From = Check.NonNegative(from, "from");
        if (to is double t && !(t > from))
            throw new ValuationInputException(ValuationErrorCodes.RoyaltyTierInvalid, "to", $"tier upper bound must exceed its lower bound, got [{from}, {t})");
        To = to;
        Rate = Check.Share(rate, "rate");
    }
    public double From { get; }
    public double? To { get; }
    public double Rate { get; }
}

/// <summary>
/// Licence deal terms between a licensor (owner of the asset) and a licensee (who develops and sells it).
/// All amounts in the asset's currency unit.
/// </summary>
/// <remarks>
/// Tier table rule: tiers sorted by <c>From</c>; the first starts at 0; each starts where the previous ends
/// (a gap or an overlap is rejected with <see cref="ValuationErrorCodes.RoyaltyTierGap"/> /
/// <see cref="ValuationErrorCodes.RoyaltyTierOverlap"/>); only the last may be open-ended.
/// <see cref="LicensorCostShare"/> is the share of remaining development cost the licensor bears.
/// </remarks>
public sealed record DealTerms
{
    public DealTerms(double upfront = 0, IReadOnlyList<DevelopmentMilestone>? developmentMilestones = null,
        IReadOnlyList<SalesMilestone>? salesMilestones = null, IReadOnlyList<RoyaltyTier>? royaltyTiers = null,
        double licensorCostShare = 0)
    {
        Upfront = Check.NonNegative(upfront, "upfront");
        DevelopmentMilestones = (developmentMilestones ?? []).ToArray();
        SalesMilestones = (salesMilestones ?? []).ToArray();
        RoyaltyTiers = (royaltyTiers ?? []).ToArray();
        LicensorCostShare = Check.Share(licensorCostShare, "licensorCostShare");
        for (var i = 0; i < RoyaltyTiers.Count; i++)
        {
            var tier = RoyaltyTiers[i];
            var field = $"royaltyTiers[{i}]";
            if (i == 0 && tier.From != 0)
                throw new ValuationInputException(ValuationErrorCodes.RoyaltyTierGap, field + ".from", $"the first tier must start at 0, got {tier.From}");
            if (i > 0)
            {
                var prev = RoyaltyTiers[i - 1];
                if (prev.To is not double end)
                    throw new ValuationInputException(ValuationErrorCodes.RoyaltyTierOverlap, field, "only the last tier may be open-ended (no 'to')");
                if (tier.From > end)
                    throw new ValuationInputException(ValuationErrorCodes.RoyaltyTierGap, field + ".from", $"gap: previous tier ends at {end}, this starts at {tier.From}");
                if (tier.From < end)
                    throw new ValuationInputException(ValuationErrorCodes.RoyaltyTierOverlap, field + ".from", $"overlap: previous tier ends at {end}, this starts at {tier.From}");
            }
        }
    }

    public double Upfront { get; }
    public IReadOnlyList<DevelopmentMilestone> DevelopmentMilestones { get; }
    public IReadOnlyList<SalesMilestone> SalesMilestones { get; }
    public IReadOnlyList<RoyaltyTier> RoyaltyTiers { get; }
    public double LicensorCostShare { get; }

    /// <summary>Royalty on one year's net sales: Σ rate_i × (sales within tier i). Above a closed last tier nothing is due.</summary>
    public double Royalty(double sales)
    {
        double r = 0;
        foreach (var t in RoyaltyTiers)
        {
            if (sales <= t.From) break;
            r += t.Rate * (Math.Min(sales, t.To ?? double.PositiveInfinity) - t.From);
        }
        return r;
    }

    /// <summary>Headline "biobucks": upfront + every milestone, undiscounted and not risk-adjusted (royalties excluded).</summary>
    public double Biobucks => Upfront + DevelopmentMilestones.Sum(m => m.Amount) + SalesMilestones.Sum(m => m.Amount);

    /// <summary>Copy with every royalty rate multiplied by <paramref name="scale"/>; an empty tier table becomes one flat tier at rate = scale.</summary>
    public DealTerms WithRoyaltyScale(double scale) => new(Upfront, DevelopmentMilestones, SalesMilestones,
        RoyaltyTiers.Count == 0 ? [new RoyaltyTier(0, null, scale)] : RoyaltyTiers.Select(t => new RoyaltyTier(t.From, t.To, t.Rate * scale)).ToArray(),
        LicensorCostShare);

    /// <summary>Copy with every development and sales milestone amount multiplied by <paramref name="scale"/>.</summary>
    public DealTerms WithMilestoneScale(double scale) => new(Upfront,
        DevelopmentMilestones.Select(m => new DevelopmentMilestone(m.Phase, m.Amount * scale)).ToArray(),
        SalesMilestones.Select(m => new SalesMilestone(m.Threshold, m.Amount * scale)).ToArray(), RoyaltyTiers, LicensorCostShare);

    public DealTerms WithUpfront(double upfront) => new(upfront, DevelopmentMilestones, SalesMilestones, RoyaltyTiers, LicensorCostShare);
}

/// <summary>One year of the deal table: the licensor's receipts if the year is reached, and their risk-adjusted PV.</summary>
public sealed record DealYear(int Index, int Year, double ProbabilityOfReaching, double DevelopmentMilestones,
    double SalesMilestones, double Royalty, double CostShare, double LicensorExpectedDiscounted, double LicenseeExpectedDiscounted);

/// <summary>Risk-adjusted split of an asset's rNPV between licensor and licensee under <see cref="DealTerms"/>.</summary>
/// <param name="AssetRnpv">rNPV of the asset (<see cref="Rnpv"/>).</param>
/// <param name="LicensorValue">Upfront + risk-adjusted PV of milestones and royalties − PV of the licensor's cost share.</param>
/// <param name="LicenseeValue">Risk-adjusted PV of asset cash flows net of every deal transfer, − upfront.</param>
/// <param name="LicensorShare">LicensorValue / AssetRnpv (NaN if the rNPV is 0).</param>
/// <param name="Biobucks">Headline total: upfront + all milestones, undiscounted, unrisked.</param>
public sealed record DealValuation(double AssetRnpv, double LicensorValue, double LicenseeValue, double LicensorShare,
    double Biobucks, double Upfront, double RiskAdjustedDevelopmentMilestones, double RiskAdjustedSalesMilestones,
    double RiskAdjustedRoyalties, double RiskAdjustedCostShare, IReadOnlyList<DealYear> Years);

/// <summary>Which deal term <see cref="Deal.SolveForLicensorShare"/> adjusts.</summary>
public enum DealTerm { Upfront, RoyaltyScale, MilestoneScale }

/// <summary>
/// Values a licence deal on a drug asset with the rNPV conventions: a development milestone is paid at the end of
/// its phase (discount factor of the phase's last year; the upfront at signing, factor 1) with probability
/// P(reach phase) × P(phase succeeds); royalties and sales milestones are paid in the sales year with probability LOA;
/// the licensor's cost share is paid with the phase cost. Tax is computed on the asset as a whole (see
/// <see cref="MarketModel"/>); deal transfers split the after-tax cash flow, so licensor + licensee = asset rNPV.
/// </summary>
public static class Deal
{
    public static DealValuation Value(DrugAsset asset, DealTerms terms)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(terms);
        var table = Rnpv.Calculate(asset);
        var n = table.Years.Count;
        var devMs = new double[n];
        var salesMs = new double[n];
        var royalty = new double[n];
        var costShare = new double[n];
        double devMsAtStart = 0; // milestones of zero-year gates before year 0

        for (var m = 0; m < terms.DevelopmentMilestones.Count; m++)
        {
            var ms = terms.DevelopmentMilestones[m];
            var index = FindPhase(asset, ms.Phase);
            if (index < 0)
                throw new ValuationInputException(ValuationErrorCodes.UnknownPhase, $"developmentMilestones[{m}].phase",
                    $"no phase named '{ms.Phase}'; phases are {string.Join(", ", asset.Phases.Select(p => p.Name))}");
            var end = asset.Phases.Take(index + 1).Sum(p => p.Years) - 1;
            if (end < 0) devMsAtStart += ms.Amount * asset.Phases.Take(index + 1).Aggregate(1.0, (a, p) => a * p.Probability);
            else devMs[end] += ms.Amount;
        }
        var paid = new bool[terms.SalesMilestones.Count];
        double licensor = terms.Upfront, licensee = -terms.Upfront;
        double pvDev = devMsAtStart, pvSales = 0, pvRoyalty = 0, pvCost = 0;
        licensor += devMsAtStart; licensee -= devMsAtStart;
        var rows = new List<DealYear>(n);
        var phaseEnd = new int[asset.Phases.Count];
        for (int i = 0, e = -1; i < asset.Phases.Count; i++) { e += asset.Phases[i].Years; phaseEnd[i] = e; }

        for (var t = 0; t < n; t++)
        {
            var y = table.Years[t];
            var sales = y.Revenue;
            if (sales > 0)
            {
                royalty[t] = terms.Royalty(sales);
                for (var k = 0; k < paid.Length; k++)
                    if (!paid[k] && sales >= terms.SalesMilestones[k].Threshold)
                    { paid[k] = true; salesMs[t] += terms.SalesMilestones[k].Amount; }
            }
            costShare[t] = terms.LicensorCostShare * y.DevelopmentCost;
            // A development milestone falls due at the end of a phase, only if that phase succeeds.
            var pMs = y.ProbabilityOfReaching;
            for (var i = 0; i < phaseEnd.Length; i++) if (phaseEnd[i] == t) pMs *= asset.Phases[i].Probability;
            var df = y.DiscountFactor;
            var p = y.ProbabilityOfReaching;
            var lDev = pMs * devMs[t] * df;
            var lSales = p * salesMs[t] * df;
            var lRoy = p * royalty[t] * df;
            var lCost = p * costShare[t] * df;
            var toLicensor = lDev + lSales + lRoy - lCost;
            // Licensee: asset cash flow less everything paid to the licensor, plus the cost share it is relieved of.
            var toLicensee = df * (p * (y.NetCashFlow - royalty[t] - salesMs[t] + costShare[t]) - pMs * devMs[t]);
            pvDev += lDev; pvSales += lSales; pvRoyalty += lRoy; pvCost += lCost;
            licensor += toLicensor; licensee += toLicensee;
            rows.Add(new DealYear(t, y.Year, p, devMs[t], salesMs[t], royalty[t], costShare[t], toLicensor, toLicensee));
        }
        var share = table.Value == 0 ? double.NaN : licensor / table.Value;
        return new DealValuation(table.Value, licensor, licensee, share, terms.Biobucks, terms.Upfront, pvDev, pvSales, pvRoyalty, pvCost, rows);
    }

    static int FindPhase(DrugAsset asset, string name)
    {
        for (var i = 0; i < asset.Phases.Count; i++)
            if (string.Equals(asset.Phases[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        var rank = DevelopmentPhase.StandardRank(name);
        if (rank is null) return -1;
        for (var i = 0; i < asset.Phases.Count; i++)
            if (DevelopmentPhase.StandardRank(asset.Phases[i].Name) == rank) return i;
        return -1;
    }

    /// <summary>
    /// Finds the value of one term (upfront amount, royalty scale factor, or milestone scale factor) at which the
    /// licensor's risk-adjusted value is <paramref name="targetLicensorShare"/> × asset rNPV, by Brent's method on
    /// [<paramref name="lower"/>, <paramref name="upper"/>] (defaults: upfront [0, 2·|rNPV|]; royalty scale
    /// [0, 1 / highest tier rate] (flat rate [0, 1] with no tiers); milestone scale [0, 1000]). Throws
    /// <see cref="ValuationErrorCodes.NoSolution"/> when the rNPV is not positive or the target is not bracketed.
    /// </summary>
    public static (double Value, DealTerms Terms, DealValuation Valuation) SolveForLicensorShare(
        DrugAsset asset, DealTerms terms, DealTerm term, double targetLicensorShare, double? lower = null, double? upper = null)
    {
        Check.Finite(targetLicensorShare, "targetLicensorShare");
        var rnpv = Rnpv.Calculate(asset).Value;
        if (!(rnpv > 0))
            throw new ValuationInputException(ValuationErrorCodes.NoSolution, "targetLicensorShare", $"asset rNPV is {rnpv:F4}; a share of a non-positive value is not meaningful");
        DealTerms Apply(double x) => term switch
        {
            DealTerm.Upfront => terms.WithUpfront(x),
            DealTerm.RoyaltyScale => terms.WithRoyaltyScale(x),
            _ => terms.WithMilestoneScale(x),
        };
        var maxRate = terms.RoyaltyTiers.Count == 0 ? 1.0 : terms.RoyaltyTiers.Max(t => t.Rate);
        var lo = lower ?? 0;
        var hi = upper ?? term switch
        {
            DealTerm.Upfront => 2 * Math.Abs(rnpv),
            DealTerm.RoyaltyScale => maxRate > 0 ? 1 / maxRate : 1,
            _ => 1000,
        };
        double F(double x) => Value(asset, Apply(x)).LicensorValue - targetLicensorShare * rnpv;
        double flo = F(lo), fhi = F(hi);
        if (Math.Sign(flo) == Math.Sign(fhi) && flo != 0 && fhi != 0)
            throw new ValuationInputException(ValuationErrorCodes.NoSolution, "targetLicensorShare",
                $"licensor share {targetLicensorShare:P1} not reachable by varying {term} in [{lo}, {hi}] (shares {(flo / rnpv + targetLicensorShare):P1} to {(fhi / rnpv + targetLicensorShare):P1})");
        var x = flo == 0 ? lo : fhi == 0 ? hi : Brent.FindRoot(F, lo, hi, 1e-12 * Math.Max(1, Math.Abs(rnpv)), 200);
        var solved = Apply(x);
        return (x, solved, Value(asset, solved));
    }
}
