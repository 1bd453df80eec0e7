using Archipelago.Modules.Valuation.Features.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/saved/compare?ids=1&amp;ids=2</c>: scenarios (saved valuations) side by side.</summary>
public sealed class SavedCompareModel(SavedValuationStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string[] Ids { get; set; } = [];
    public IReadOnlyList<ScenarioColumn> Columns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Columns = await store.CompareAsync(Ids, ct);
}
