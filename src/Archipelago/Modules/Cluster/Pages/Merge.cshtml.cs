using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>Fold duplicate enablers into one. Candidates are found by name (default: the survivor's own first word).</summary>
[Authorize(Policy = Policies.EditRegistry)]
public sealed class MergeModel(EnablerStore store) : PageModel
{
    public Enabler Survivor { get; private set; } = null!;
    public IReadOnlyList<Enabler> Candidates { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } s) return NotFound();
        Survivor = s;
        Q ??= (s.NameEn ?? s.NameZh)!.Split(' ')[0];
        Candidates = (await store.SearchAsync(new EnablerQuery(Q, Take: 100), ct)).Items.Where(e => e.Id != id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long[] duplicates, CancellationToken ct)
    {
        try
        {
            await store.MergeAsync(id, duplicates, User.Username(), ct);
            return Redirect($"/cluster/enablers/{id}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            return await OnGetAsync(id, ct);
        }
    }
}
