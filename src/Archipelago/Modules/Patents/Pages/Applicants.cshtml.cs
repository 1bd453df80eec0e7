using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Applicants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Review merge suggestions with their evidence and accept them into the alias table (registry editors).</summary>
public sealed class ApplicantsModel(Database db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MergeSuggestion> Suggestions { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Suggestions = await new ApplicantMerges(db, clock).SuggestAsync(ct);

    [Authorize(Policy = Policies.EditRegistry)]
    public async Task<IActionResult> OnPostAsync(string variant, string canonical, string? evidence, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        try
        {
            var moved = await new ApplicantMerges(db, clock).MergeAsync(variant, canonical, evidence ?? "", User.Username(), ct);
            Message = $"{variant} → {canonical}: {moved}";
        }
        catch (DomainException e) { Error = e.Message; }
        Suggestions = await new ApplicantMerges(db, clock).SuggestAsync(ct);
        return Page();
    }
}
