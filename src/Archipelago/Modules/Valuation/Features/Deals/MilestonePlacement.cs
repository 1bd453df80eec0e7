namespace Archipelago.Modules.Valuation.Features.Deals;

/// <summary>Milestones placed in a valuation's deal terms: development milestones at the successful end of a named
/// phase, sales milestones at an annual-sales threshold; <see cref="FromParts"/> says which rule placed them.</summary>
public sealed record PlacedMilestones(IReadOnlyList<(string Phase, double Amount)> Development, IReadOnlyList<(double Threshold, double Amount)> Sales, bool FromParts);

/// <summary>
/// Where the milestones of comparable deals go in an asset's deal terms (docs/valuation-deals.md):
/// <list type="bullet">
/// <item>When the deals break them down — development, regulatory and sales milestones — each part where it is paid:
/// development milestones on the successful end of each phase ahead but the last, regulatory milestones on the last
/// (filing / approval), sales milestones once, in the first year annual sales reach half the asset's peak sales.</item>
/// <item>When the deals give only a total, it is spread over the successful end of every phase ahead, and no sales
/// milestone is assumed.</item>
/// </list>
/// A spread over phases escalates: the k-th of n phases gets k / (1 + 2 + … + n) of the amount, so the last is the
/// largest — deal milestones grow with the value each phase de-risks (an approval milestone is typically the largest).
/// </summary>
public static class MilestonePlacement
{
    /// <summary>Share of peak sales at which the sales milestones are paid.</summary>
    public const double SalesThresholdShareOfPeak = 0.5;

    public static PlacedMilestones Place(IReadOnlyList<string> phasesAhead, double? total, double? development, double? regulatory, double? sales, double? peakSales)
    {
        if (phasesAhead.Count == 0 && sales is null) return new([], [], false);
        if ((development ?? regulatory ?? sales) is null)
            return new(total is { } t && phasesAhead.Count > 0 ? Escalating(phasesAhead, t) : [], [], false);
        var dev = new List<(string, double)>();
        if (development is { } d && phasesAhead.Count > 0)
            dev.AddRange(Escalating(phasesAhead.Count > 1 ? phasesAhead.Take(phasesAhead.Count - 1).ToList() : phasesAhead, d));
        if (regulatory is { } r && phasesAhead.Count > 0)
        {
            var i = dev.FindIndex(x => x.Item1 == phasesAhead[^1]);
            if (i >= 0) dev[i] = (dev[i].Item1, Math.Round(dev[i].Item2 + r, 6)); else dev.Add((phasesAhead[^1], r));
        }
        var salesRows = sales is { } s && peakSales is { } peak && peak > 0 ? new List<(double, double)> { (Math.Round(peak * SalesThresholdShareOfPeak, 6), s) } : [];
        return new(dev, salesRows, true);
    }

    /// <summary>The k-th of n phases gets k / (n (n + 1) / 2) of <paramref name="amount"/> (rounded to 6 decimals).</summary>
    public static IReadOnlyList<(string Phase, double Amount)> Escalating(IReadOnlyList<string> phases, double amount)
    {
        var n = phases.Count;
        var sum = n * (n + 1) / 2.0;
        return phases.Select((p, k) => (p, Math.Round(amount * (k + 1) / sum, 6))).ToList();
    }
}
