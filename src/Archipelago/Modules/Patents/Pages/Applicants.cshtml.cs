using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Applicants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Review merge suggestions with their evidence and accept them into the alias table; link applicants to the
/// registry — by name, or by creating an enabler of a chosen type (registry editors: each handler checks, as Razor
/// Pages do not apply [Authorize] to a handler alone).</summary>
public sealed class ApplicantsModel(Database db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MergeSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<UnlinkedApplicant> Unlinked { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Find { get; set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    async Task LoadAsync(CancellationToken ct)
    {
        Suggestions = await new ApplicantMerges(db, clock).SuggestAsync(ct);
        Unlinked = await new ApplicantEnablers(db, clock).UnlinkedAsync(Find, 30, ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string variant, string canonical, string? evidence, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        try
        {
            var moved = await new ApplicantMerges(db, clock).MergeAsync(variant, canonical, evidence ?? "", User.Username(), ct);
            Message = $"{variant} → {canonical}: {moved}";
        }
        catch (DomainException e) { Error = e.Message; }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Creates a registry enabler of the chosen type for an applicant and links them.</summary>
    public async Task<IActionResult> OnPostCreateEnablerAsync(string applicant, string? type, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        try
        {
            var made = await new ApplicantEnablers(db, clock).CreateAsync(applicant, type, User.Username(), ct);
            Message = $"{made.Applicant} → {made.EnablerKey} ({made.Type}); {made.Links.JointActionsText}";
        }
        catch (DomainException e) { Error = e.Message; }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Links applicants to enablers with the same normalised name and writes the co-patent joint actions.</summary>
    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        var o = await new CoPatents(db, clock).LinkAsync(User.Username(), ct);
        Message = $"{o.Linked} linked; {o.JointActionsText}";
        await LoadAsync(ct);
        return Page();
    }
}
