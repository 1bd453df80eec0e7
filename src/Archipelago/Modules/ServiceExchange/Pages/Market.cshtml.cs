using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>The operators' market view (seed 001 §3, §5.3) and the matching weights.</summary>
[Authorize(Policy = Policies.EditRegistry)]
public sealed class MarketModel(Database db, TimeProvider clock, Matchmaker matchmaker, EnablerStore enablers) : PageModel
{
    public MarketView View { get; private set; } = null!;
    public MatchWeights Weights { get; private set; } = MatchWeights.Default;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await MarketView.BuildAsync(db, clock, ct);
        Weights = await matchmaker.WeightsAsync(ct);
    }

    public async Task<IActionResult> OnPostWeightsAsync(double category, double field, double regionLanguage, double capacity, double trust, CancellationToken ct)
    {
        try
        {
            await matchmaker.SetWeightsAsync(new MatchWeights(category, field, regionLanguage, capacity, trust), await ExchangeApi.ActorAsync(User, enablers, ct), ct);
            return Redirect("/exchange/market");
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }

    public double[,] Matrix(Func<MarketCell, long> value)
    {
        var m = new double[Taxonomy.DemandAreas.Count, Taxonomy.Categories.Count];
        for (var i = 0; i < Taxonomy.DemandAreas.Count; i++)
            for (var j = 0; j < Taxonomy.Categories.Count; j++)
                m[i, j] = value(View.Cells.Single(c => c.DemandArea == Taxonomy.DemandAreas[i].Code && c.Category == Taxonomy.Categories[j].Code));
        return m;
    }

    /// <summary>Observed share of an area's needs in a category minus the expected share (even over seed 001's categories for the area); blank for areas without needs.</summary>
    public double[,] Departure()
    {
        var needs = Matrix(c => c.Needs);
        var m = new double[needs.GetLength(0), needs.GetLength(1)];
        for (var i = 0; i < needs.GetLength(0); i++)
        {
            var total = Enumerable.Range(0, needs.GetLength(1)).Sum(j => needs[i, j]);
            var expected = Taxonomy.ExpectedMatrix[Taxonomy.DemandAreas[i].Code];
            for (var j = 0; j < needs.GetLength(1); j++)
                m[i, j] = total == 0 ? double.NaN : needs[i, j] / total - (expected.Contains(Taxonomy.Categories[j].Code) ? 1.0 / expected.Count : 0);
        }
        return m;
    }
}
