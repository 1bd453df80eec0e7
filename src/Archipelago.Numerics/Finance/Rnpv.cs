namespace Archipelago.Numerics.Finance;

/// <summary>One row of the rNPV year table.</summary>
/// <param name="Index">Table year t, 0-based.</param>
/// <param name="Year">Calendar year = start year + t.</param>
/// <param name="Phase">Phase under way that year, or "Market" after approval.</param>
/// <param name="ProbabilityOfReaching">Probability that the asset is still alive that year: the product of
/// the probabilities of all phases before the current one (LOA on market).</param>
/// <param name="DevelopmentCost">Phase cost booked that year (cost / phase years), as a positive number.</param>
/// <param name="CommercialCost">Launch cost, COGS, S&amp;M, the part of sales outside the margin, and tax, positive.</param>
/// <param name="Revenue">Sales that year (zero before approval).</param>
/// <param name="NetCashFlow">Revenue − development cost − commercial cost, if the year is reached.</param>
/// <param name="ExpectedCashFlow">ProbabilityOfReaching × NetCashFlow.</param>
/// <param name="DiscountFactor">(1 + r)^−(t + 1), or ^−(t + 0.5) with mid-year discounting.</param>
/// <param name="DiscountedExpectedCashFlow">ExpectedCashFlow × DiscountFactor; these sum to the rNPV.</param>
public sealed record RnpvYear(
    int Index, int Year, string Phase, double ProbabilityOfReaching,
    double DevelopmentCost, double CommercialCost, double Revenue, double NetCashFlow,
    double ExpectedCashFlow, double DiscountFactor, double DiscountedExpectedCashFlow)
{
    /// <summary>Development plus commercial cost.</summary>
    public double Costs => DevelopmentCost + CommercialCost;
}

/// <summary>Result of <see cref="Rnpv.Calculate"/>.</summary>
/// <param name="Value">Risk-adjusted NPV: Σ_t DF_t × P(reach year t) × CF_t.</param>
/// <param name="Npv">Unadjusted NPV assuming every phase succeeds: Σ_t DF_t × CF_t.</param>
/// <param name="LikelihoodOfApproval">LOA: product of the phase probabilities.</param>
/// <param name="Years">The year table.</param>
public sealed record RnpvResult(double Value, double Npv, double LikelihoodOfApproval, IReadOnlyList<RnpvYear> Years);

/// <summary>
/// Risk-adjusted net present value (rNPV) of a drug asset.
/// </summary>
/// <remarks>
/// Conventions (all stated so they can be checked by hand):
/// <list type="number">
/// <item>Table year t = 0, 1, … ; calendar year = start year + t. Phases follow one another in the given order,
/// phase i occupying its <c>Years</c> consecutive table years; market years follow the last phase.</item>
/// <item>A phase's cost is spread evenly over its years and is incurred only if the phase is reached;
/// the probability of reaching phase i is the product of the probabilities of phases 0..i−1.</item>
/// <item>Revenue arises only after approval (after the last phase), with probability LOA = product of all
/// phase probabilities. Market cash flows follow <see cref="MarketModel"/>.</item>
/// <item>Cash flows are discounted at the end of the year they fall in, (1 + r)^−(t + 1), unless
/// <see cref="DiscountTiming.MidYear"/> is chosen, (1 + r)^−(t + 0.5). Values are as of the start of table year 0.</item>
/// </list>
/// </remarks>
public static class Rnpv
{
    public static RnpvResult Calculate(DrugAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var rows = new List<RnpvYear>(asset.HorizonYears);
        double rnpv = 0, npv = 0, reach = 1;
        var t = 0;
        foreach (var phase in asset.Phases)
        {
            for (var y = 0; y < phase.Years; y++, t++)
            {
                var cost = phase.Cost / phase.Years;
                var df = asset.DiscountFactor(t);
                var cf = -cost;
                var ecf = reach * cf;
                rows.Add(new RnpvYear(t, asset.StartYear + t, phase.Name, reach, cost, 0, 0, cf, ecf, df, ecf * df));
                rnpv += ecf * df;
                npv += cf * df;
            }
            reach *= phase.Probability;
        }
        var m = asset.Market;
        for (var k = 1; k <= m.YearsOnMarket; k++, t++)
        {
            var sales = m.PeakSales * m.UptakeFactor(k) * m.ErosionFactor(asset.StartYear + t);
            var cf = MarketCashFlow(sales, m.NetMargin, k == 1 ? m.LaunchCost : 0, m.TaxRate);
            var df = asset.DiscountFactor(t);
            var ecf = reach * cf;
            rows.Add(new RnpvYear(t, asset.StartYear + t, "Market", reach, 0, sales - cf, sales, cf, ecf, df, ecf * df));
            rnpv += ecf * df;
            npv += cf * df;
        }
        return new RnpvResult(rnpv, npv, asset.LikelihoodOfApproval, rows);
    }

    /// <summary>After-tax market cash flow: profit = sales × netMargin − launch; minus taxRate × max(0, profit).</summary>
    internal static double MarketCashFlow(double sales, double netMargin, double launchCost, double taxRate)
    {
        var profit = sales * netMargin - launchCost;
        return profit > 0 ? profit - taxRate * profit : profit;
    }
}
