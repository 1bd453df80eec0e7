using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>Questionnaires: the list and the builder (a text definition, prefilled with seed 002's study as a template).</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class QuestionnairesModel(QuestionnaireStore store) : PageModel
{
    [BindProperty] public string Title { get; set; } = "Factors of biopharmaceutical industrialisation (seed 002)";
    [BindProperty] public string Definition { get; set; } = QuestionnaireDefinition.Seed002Template();
    [BindProperty] public long Sent { get; set; }
    [BindProperty] public long? Quota { get; set; }
    [BindProperty] public string? ClosesAt { get; set; }
    public IReadOnlyList<StoredQuestionnaire> List { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => List = await store.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var q = await store.CreateAsync(Title, Definition, Sent, Quota, ClosesAt, User.Username(), ct);
            return Redirect($"/surveys/questionnaires/{q.Id}");
        }
        catch (DomainException e) { Error = e.Message; }
        List = await store.ListAsync(ct);
        return Page();
    }
}
