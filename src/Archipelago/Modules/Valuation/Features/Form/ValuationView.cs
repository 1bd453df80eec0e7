using Archipelago.Numerics.Finance;

namespace Archipelago.Modules.Valuation.Features.Form;

/// <summary>One phase of the rNPV waterfall: the phase's expected, discounted cost; the last row is the market.</summary>
/// <param name="Contribution">Sum of the phase's (or the market's) discounted expected cash flows; the rows add up to the rNPV.</param>
public sealed record WaterfallRow(string Phase, int Years, double ProbabilityOfReaching, double? ProbabilityOfSuccess, double Cost, double Contribution);

/// <summary>A branch of the decision tree: the asset stops in <see cref="Phase"/> (or is approved) with this probability,
/// and that path's NPV (not risk-adjusted). Σ probability × NPV over the branches is the rNPV.</summary>
public sealed record TreeBranch(string Phase, bool Approved, double Probability, double PhaseProbability, double PathNpv);

/// <summary>Everything <c>/valuation</c> and a saved valuation's page show for one asset.</summary>
public sealed record ValuationView(ValuationCase Case, RnpvReport Rnpv, IReadOnlyList<WaterfallRow> Waterfall, IReadOnlyList<TreeBranch> Tree,
    DealReport? Deal, DealReport? OneShot, MonteCarloReport? MonteCarlo, TornadoReport? Tornado)
{
    /// <summary>Values the case. Monte Carlo and the tornado run only when some input is uncertain; the one-shot
    /// comparison only when a price is given: the whole price as upfront, nothing else.</summary>
    public static ValuationView Compute(ValuationCase c, int paths = 20_000, ulong seed = 1, double? oneShotPrice = null,
        string? solve = null, double? targetShare = null, DealReport? storedDeal = null, MonteCarloReport? storedMonteCarlo = null, TornadoReport? storedTornado = null)
    {
        var asset = c.Asset.Base;
        var rnpv = Numerics.Finance.Rnpv.Calculate(asset);
        var report = RnpvReport.From(rnpv);
        var uncertain = c.Asset.Inputs.Count > 0;
        var deal = storedDeal ?? (c.Deal is null ? null : DealReport.For(c, string.IsNullOrWhiteSpace(solve) ? null : solve, targetShare, "targetShare"));
        DealReport? oneShot = null;
        if (oneShotPrice is { } price)
            oneShot = DealReport.For(c with { Deal = new DealTerms(price) }, null, null, "targetShare");
        var mc = storedMonteCarlo ?? (uncertain ? MonteCarloReport.From(Numerics.Finance.MonteCarlo.Run(c.Asset, new MonteCarloOptions(paths, seed))) : null);
        var tornado = storedTornado ?? (uncertain ? TornadoReport.For(c, 0.10, 0.90) : null);
        return new ValuationView(c, report, WaterfallOf(asset, rnpv), TreeOf(asset, rnpv), deal, oneShot, mc, tornado);
    }

    static IReadOnlyList<WaterfallRow> WaterfallOf(DrugAsset asset, RnpvResult r)
    {
        var rows = new List<WaterfallRow>();
        var t = 0;
        foreach (var p in asset.Phases)
        {
            var years = r.Years.Skip(t).Take(p.Years).ToList();
            var reach = years.Count > 0 ? years[0].ProbabilityOfReaching : rows.Count == 0 ? 1 : rows[^1].ProbabilityOfReaching * (rows[^1].ProbabilityOfSuccess ?? 1);
            rows.Add(new WaterfallRow(p.Name, p.Years, reach, p.Probability, p.Cost, years.Sum(y => y.DiscountedExpectedCashFlow)));
            t += p.Years;
        }
        var market = r.Years.Skip(t).ToList();
        rows.Add(new WaterfallRow("Market", market.Count, r.LikelihoodOfApproval, null, market.Sum(y => y.CommercialCost), market.Sum(y => y.DiscountedExpectedCashFlow)));
        return rows;
    }

    /// <summary>Failing in phase i costs the discounted spending of phases 0..i; approval earns the unadjusted NPV.</summary>
    static IReadOnlyList<TreeBranch> TreeOf(DrugAsset asset, RnpvResult r)
    {
        var branches = new List<TreeBranch>();
        double reach = 1, spent = 0;
        var t = 0;
        foreach (var p in asset.Phases)
        {
            for (var y = 0; y < p.Years; y++, t++) spent += r.Years[t].NetCashFlow * r.Years[t].DiscountFactor;
            branches.Add(new TreeBranch(p.Name, false, reach * (1 - p.Probability), p.Probability, spent));
            reach *= p.Probability;
        }
        branches.Add(new TreeBranch("Market", true, reach, 1, r.Npv));
        return branches;
    }
}
