using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>One questionnaire: its public link, response accounting, a preview, and turning the valid responses into a
/// dataset of the studio (a case table the analyses take).</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class QuestionnaireModel(QuestionnaireStore questionnaires, SurveyStore datasets) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public StoredQuestionnaire? Questionnaire { get; private set; }
    public ResponseAccounting? Accounting { get; private set; }
    public string? ClosedBecause { get; private set; }
    public string? Error { get; private set; }
    public InvitationSummary? Invitations { get; private set; }
    public bool JustInvited { get; private set; }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        Questionnaire = await questionnaires.GetAsync(Id, ct);
        if (Questionnaire is null) return false;
        Accounting = await questionnaires.AccountAsync(Questionnaire, ct);
        ClosedBecause = await questionnaires.ClosedBecauseAsync(Questionnaire, ct);
        Invitations = await questionnaires.InvitationsAsync(Questionnaire, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Generates a batch of one-time links (the owner hands them out, one per respondent).</summary>
    public async Task<IActionResult> OnPostInviteAsync(int count, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try { await questionnaires.InviteAsync(Questionnaire!, count, ct); }
        catch (Kernel.DomainException e) { Error = e.Message; return Page(); }
        await LoadAsync(ct);
        JustInvited = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var q = Questionnaire!;
        if (Accounting!.Valid == 0) { Error = "There are no valid responses to analyse yet."; return Page(); }
        var csv = await questionnaires.CasesCsvAsync(q, ct);
        var file = $"questionnaire-{q.Id}.csv";
        var table = CaseTable.ParseCsv(csv, file);
        var a = Accounting;
        var description = $"Responses to “{q.Title}”: {a.Sent} sent, {a.Returned} returned, {a.Excluded} excluded, {a.Valid} valid" +
            (a.EffectiveRate is { } r ? $"; effective response rate {100 * r:F2}%." : ".");
        var ds = await datasets.SaveDatasetAsync(q.Title, file, csv, table, User.Username(), ct, description);
        return Redirect($"/surveys/datasets/{ds.Id}");
    }
}
