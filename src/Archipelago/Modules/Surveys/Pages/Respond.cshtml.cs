using Archipelago.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>
/// The public questionnaire at <c>/s/{key}</c>: respondents need no account (seed 002's questionnaires were anonymous).
/// The unguessable key is the authorisation; the anti-forgery token stops other sites from posting answers. A plain
/// HTML form, so it works on a phone without JavaScript.
/// </summary>
[AllowAnonymous]
public sealed class RespondModel(QuestionnaireStore store) : PageModel
{
    [FromRoute] public string Key { get; set; } = "";
    public StoredQuestionnaire? Questionnaire { get; private set; }
    public string? ClosedBecause { get; private set; }
    public Dictionary<string, string?> Answers { get; } = [];
    public string? Error { get; private set; }
    public string? ErrorItem { get; private set; }
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Questionnaire = await store.ByKeyAsync(Key, ct);
        if (Questionnaire is null) return NotFound();
        ClosedBecause = await store.ClosedBecauseAsync(Questionnaire, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Questionnaire = await store.ByKeyAsync(Key, ct);
        if (Questionnaire is null) return NotFound();
        foreach (var i in Questionnaire.Definition.Items) Answers[i.Code] = Request.Form[i.Code].FirstOrDefault();
        try
        {
            await store.SubmitAsync(Questionnaire, Answers, ct);
            Thanks = true;
        }
        catch (DomainException e) { Error = e.Message; ErrorItem = e.Field; ClosedBecause = e.Code == "closed" ? e.Message : null; }
        return Page();
    }
}
