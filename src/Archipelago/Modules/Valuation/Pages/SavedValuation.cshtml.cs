using Archipelago.Modules.Valuation.Features.Form;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Modules.Valuation.Features.Saved;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/saved/{id}</c>: one saved valuation at a version, with its stored results, its history and a
/// comparison of two versions. Read-only (saving happens on <c>/valuation</c>).</summary>
public sealed class SavedValuationModel(SavedValuationStore store) : PageModel
{
    public SavedValuation? Valuation { get; private set; }
    public ValuationVersion? Version { get; private set; }
    public ValuationView? View { get; private set; }
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public ValuationDiff? Diff { get; private set; }

    [BindProperty(SupportsGet = true)] public int? V { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    /// <summary>A one-shot price to set beside the stored deal (seed 003's 20 million asked at once).</summary>
    [BindProperty(SupportsGet = true)] public double? OneShot { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Valuation = await store.GetAsync(id, ct);
        if (Valuation is null || (Version = await store.GetVersionAsync(id, V, ct)) is null) return NotFound();
        var results = Version.Results;
        // Recomputed with the exclusivity end its linked patent gave when it was saved, as it was valued then.
        View = ValuationView.Compute(AssetJson.Parse(LinkedPatent.Apply(Version.AssetJson, results.Rnpv.LinkedPatent)), oneShotPrice: OneShot is >= 0 ? OneShot : null,
            storedDeal: results.Deal, storedMonteCarlo: results.MonteCarlo, storedTornado: results.Tornado);
        View = View with { Rnpv = View.Rnpv with { LinkedPatent = results.Rnpv.LinkedPatent } };
        Versions = await store.VersionsAsync(id, ct);
        if (Valuation.LatestVersion > 1)
        {
            var to = Math.Clamp(To ?? Valuation.LatestVersion, 1, Valuation.LatestVersion);
            var from = Math.Clamp(From ?? Math.Max(1, to - 1), 1, Valuation.LatestVersion);
            Diff = await store.DiffAsync(id, from, to, ct);
        }
        return Page();
    }
}
