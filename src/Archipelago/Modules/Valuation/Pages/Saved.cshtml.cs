using Archipelago.Kernel.Data;
using Archipelago.Modules.Valuation.Features.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/saved</c>: the workspace's saved valuations, newest change first. Any signed-in account reads.</summary>
public sealed class SavedModel(SavedValuationStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    /// <summary>The name of the valuation just deleted, to say so.</summary>
    [BindProperty(SupportsGet = true)] public string? Deleted { get; set; }
    public Page<SavedValuation> Result { get; private set; } = new([], 0, 0, 50);

    public async Task OnGetAsync(CancellationToken ct) => Result = await store.ListAsync(Q, Math.Max(0, Skip), 50, ct);

    public string PageLink(int skip) => Url.Page(null, new { Q, Skip = Math.Max(0, skip) })!;
}
