using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>
/// The public questionnaire at <c>/s/{key}</c>: respondents need no account (seed 002's questionnaires were anonymous).
/// The unguessable key is the authorisation; the anti-forgery token stops other sites from posting answers. A plain
/// HTML form, so it works on a phone without JavaScript. <c>?t=</c> carries a one-time token (one completed response
/// per link), <c>?resume=</c> a code to continue a saved draft, <c>?lang=zh</c> the Chinese wording.
/// </summary>
[AllowAnonymous]
public sealed class RespondModel(QuestionnaireStore store) : PageModel
{
    [FromRoute] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = "resume")] public string? Resume { get; set; }
    [BindProperty(SupportsGet = true, Name = "lang")] public string? Lang { get; set; }
    public StoredQuestionnaire? Questionnaire { get; private set; }
    public string? ClosedBecause { get; private set; }
    public Dictionary<string, string?> Answers { get; } = [];
    public IReadOnlyList<Enabler> Enablers { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorItem { get; private set; }
    public bool Thanks { get; private set; }
    /// <summary>Set after "save and continue later": the code and link to come back with.</summary>
    public string? SavedCode { get; private set; }
    public bool Zh => Lang == "zh";

    /// <summary>The link back to this form with the given language, keeping the token and resume code.</summary>
    public string LinkWith(string? lang = null, string? resume = null)
    {
        var query = new List<string>();
        if (Token is not null && (resume ?? Resume) is null) query.Add("t=" + Uri.EscapeDataString(Token));
        if ((resume ?? Resume) is { } r) query.Add("resume=" + Uri.EscapeDataString(r));
        if ((lang ?? Lang) is { } l) query.Add("lang=" + l);
        return $"/s/{Key}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        Questionnaire = await store.ByKeyAsync(Key, ct);
        if (Questionnaire is null) return false;
        if (Lang is not ("en" or "zh")) Lang = null;
        if (Resume is { Length: > 0 } code)
        {
            if (await store.DraftAsync(Questionnaire, code.Trim(), ct) is { } draft)
            {
                Resume = draft.ResumeCode;
                Token = draft.Token;
                foreach (var (k, v) in draft.Answers) Answers[k] = v;
            }
            else { Error = "No saved answers match this resume code."; Resume = null; }
        }
        else Resume = null;
        ClosedBecause = await store.ClosedBecauseAsync(Questionnaire, ct);
        if (ClosedBecause is null && Token is { Length: > 0 } t) ClosedBecause = await store.TokenRefusedBecauseAsync(Questionnaire, t, ct);
        else if (Token is { Length: 0 }) Token = null;
        if (Questionnaire.Definition.Items.Any(i => i.Kind == ItemKind.Enabler)) Enablers = await store.EnablerChoicesAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? action, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var q = Questionnaire!;
        Error = null;
        foreach (var i in q.Definition.Items) Answers[i.Code] = Request.Form[i.Code].FirstOrDefault();
        try
        {
            if (action == "save") SavedCode = await store.SaveDraftAsync(q, Answers, Token, Resume, ct);
            else
            {
                await store.SubmitAsync(q, Answers, ct, Token, Resume);
                Thanks = true;
            }
        }
        catch (DomainException e) { Error = e.Message; ErrorItem = e.Field; ClosedBecause = e.Code is "closed" or "link_used" ? e.Message : null; }
        return Page();
    }
}
