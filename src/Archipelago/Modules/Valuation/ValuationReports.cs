using System.Text.Json;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Numerics.Finance;

namespace Archipelago.Modules.Valuation;

/// <summary>One row of <see cref="RnpvReport"/>; property names are those of <see cref="ValuationJson"/> in snake_case.</summary>
public sealed record RnpvYearRow(int Index, int Year, string Phase, double PReach, double DevelopmentCost, double CommercialCost,
    double Revenue, double NetCf, double ExpectedCf, double DiscountFactor, double DiscountedExpectedCf);

/// <summary>rNPV of an asset with its year table: the same keys as <c>valuation rnpv --format json</c>, and what the
/// asset's linked patent did to its exclusivity end (<c>linked_patent</c>, null without one).</summary>
public sealed record RnpvReport(double Rnpv, double Npv, double Loa, IReadOnlyList<RnpvYearRow> Years, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PatentExclusivity? LinkedPatent = null)
{
    public static RnpvReport From(RnpvResult r) => new(r.Value, r.Npv, r.LikelihoodOfApproval, r.Years.Select(y => new RnpvYearRow(
        y.Index, y.Year, y.Phase, y.ProbabilityOfReaching, y.DevelopmentCost, y.CommercialCost, y.Revenue, y.NetCashFlow,
        y.ExpectedCashFlow, y.DiscountFactor, y.DiscountedExpectedCashFlow)).ToList());
}

/// <summary>Monte Carlo summary: the same keys as <c>valuation montecarlo --format json</c>.</summary>
public sealed record MonteCarloReport(int Paths, ulong Seed, double Mean, double StdDev, double StdError, double P5, double P10,
    double P50, double P90, double P95, double Min, double Max, double PPositive, double ExpectedLoss, double BaseCaseRnpv,
    IReadOnlyList<HistogramBin> Histogram, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PatentExclusivity? LinkedPatent = null)
{
    public static MonteCarloReport From(MonteCarloResult r) => new(r.Paths, r.Seed, r.Mean, r.StdDev, r.StdError, r.P5, r.P10, r.P50,
        r.P90, r.P95, r.Min, r.Max, r.ProbabilityPositive, r.ExpectedLoss, r.BaseCaseRnpv, r.Histogram);

    /// <summary>Phase outcomes by their CLI and API name: <c>bernoulli</c> (default) or <c>weighted</c>.</summary>
    public static PhaseOutcomes ParseOutcomes(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "bernoulli" => PhaseOutcomes.Bernoulli,
        "weighted" or "probability-weighted" => PhaseOutcomes.ProbabilityWeighted,
        _ => throw new ValuationInputException(ValuationErrorCodes.UnknownValue, "outcomes", $"expected \"bernoulli\" or \"weighted\", got \"{name}\""),
    };
}

/// <summary>The term solved for and the deal terms that reach the target licensor share.</summary>
/// <param name="Value">The upfront amount, or the factor every royalty rate or milestone amount was multiplied by.</param>
public sealed record DealSolution(string Term, double TargetShare, double Value, DealTerms Terms);

/// <summary>
/// A licence deal valued with rNPV conventions: what licensor and licensee each expect, their shares of the asset's
/// rNPV (null when the rNPV is 0), the headline biobucks, the risk-adjusted parts, and optionally a solved term.
/// </summary>
public sealed record DealReport(double AssetRnpv, double LicensorValue, double LicenseeValue, double? LicensorShare, double? LicenseeShare,
    double Biobucks, double Upfront, double RiskAdjustedDevelopmentMilestones, double RiskAdjustedSalesMilestones,
    double RiskAdjustedRoyalties, double RiskAdjustedCostShare, DealSolution? Solved, IReadOnlyList<DealYear> Years, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PatentExclusivity? LinkedPatent = null)
{
    public static readonly string[] Terms = ["royalty", "upfront", "milestones"];

    /// <summary>Values the case's deal, or first solves <paramref name="solve"/> for <paramref name="targetShare"/>.
    /// Errors carry JSON paths under <c>$.deal</c>, or <paramref name="targetField"/> for the target.</summary>
    public static DealReport For(ValuationCase c, string? solve, double? targetShare, string targetField)
    {
        var terms = c.Deal ?? throw new ValuationInputException(ValuationErrorCodes.Required, "$.deal", "the asset has no deal terms; add a \"deal\" object");
        try
        {
            DealSolution? solved = null;
            DealValuation v;
            if (solve is null)
                v = Deal.Value(c.Asset.Base, terms);
            else
            {
                var term = solve.Trim().ToLowerInvariant() switch
                {
                    "royalty" or "royalties" => DealTerm.RoyaltyScale,
                    "upfront" => DealTerm.Upfront,
                    "milestones" => DealTerm.MilestoneScale,
                    _ => throw new ValuationInputException(ValuationErrorCodes.UnknownValue, "solve", $"expected royalty, upfront or milestones, got \"{solve}\""),
                };
                if (targetShare is not double target)
                    throw new ValuationInputException(ValuationErrorCodes.Required, targetField, "give the licensor's target share of the rNPV, e.g. 0.2");
                if (!double.IsFinite(target) || target < 0 || target > 1)
                    throw new ValuationInputException(ValuationErrorCodes.ShareOutOfRange, targetField, $"share must be in [0, 1], got {target}");
                var (value, solvedTerms, valuation) = Deal.SolveForLicensorShare(c.Asset.Base, terms, term, target);
                solved = new DealSolution(solve.Trim().ToLowerInvariant(), target, value, solvedTerms);
                v = valuation;
            }
            double? Share(double x) => v.AssetRnpv == 0 ? null : x / v.AssetRnpv;
            return new DealReport(v.AssetRnpv, v.LicensorValue, v.LicenseeValue, Share(v.LicensorValue), Share(v.LicenseeValue), v.Biobucks,
                v.Upfront, v.RiskAdjustedDevelopmentMilestones, v.RiskAdjustedSalesMilestones, v.RiskAdjustedRoyalties, v.RiskAdjustedCostShare,
                solved, v.Years);
        }
        catch (ValuationInputException e) when (!e.Field.StartsWith('$') && e.Field != "solve" && e.Field != targetField)
        {
            if (e.Field == "targetLicensorShare") throw new ValuationInputException(e.Code, targetField, e.Detail);
            throw e.At("$.deal");
        }
    }
}

/// <summary>One-at-a-time sensitivity of rNPV to each uncertain input, largest swing first.</summary>
public sealed record TornadoReport(double BaseCaseRnpv, double LowQuantile, double HighQuantile, IReadOnlyList<TornadoBar> Bars, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PatentExclusivity? LinkedPatent = null)
{
    public static TornadoReport For(ValuationCase c, double low, double high) =>
        new(Rnpv.Calculate(c.Asset.Base).Value, low, high, Tornado.Calculate(c.Asset, low, high));
}

/// <summary>How valuation results are written as JSON by both the CLI and the API: snake_case keys, as in <see cref="ValuationJson"/>.</summary>
public static class ValuationReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
