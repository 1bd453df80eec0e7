using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Valuation.Features.Saved;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary>
/// <c>/valuation/saved/{id}/delete</c>: deleting a saved valuation deletes it with all its versions — a version is a
/// step in one valuation's history, so removing one would leave the comparisons of the others misleading. The page
/// asks first (what goes: name, versions, last rNPV) and deletes on the POST. Its owner or an administrator only, as
/// in the API; saving valuations is an analysis, hence <see cref="Policies.Analyse"/>.
/// </summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class SavedDeleteModel(SavedValuationStore store) : PageModel
{
    public SavedValuation? Valuation { get; private set; }

    bool MayDelete(SavedValuation s) => s.Owner == User.Username() || User.IsInRole(Role.Administrator);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if ((Valuation = await store.GetAsync(id, ct)) is null) return NotFound();
        return MayDelete(Valuation) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if ((Valuation = await store.GetAsync(id, ct)) is null) return NotFound();
        if (!MayDelete(Valuation)) return Forbid();
        await store.DeleteAsync(id, User.Username(), ct);
        return Redirect($"/valuation/saved?deleted={Uri.EscapeDataString(Valuation.Name)}");
    }
}
