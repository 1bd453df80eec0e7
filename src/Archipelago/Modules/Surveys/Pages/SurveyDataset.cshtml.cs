using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>One dataset: its variables, the form of the chosen analysis (generated from its declaration), and the
/// analyses already stored. Running an analysis stores it and opens its result.</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class SurveyDatasetModel(SurveyStore store) : PageModel
{
    [FromRoute] public long Id { get; set; }
    [FromQuery(Name = "analysis")] public string? AnalysisName { get; set; }
    public SurveyDataset? Dataset { get; private set; }
    public AnalysisDeclaration? Analysis { get; private set; }
    public IReadOnlyList<StoredAnalysis> Stored { get; private set; } = [];
    public Dictionary<string, string?> Values { get; } = [];
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        Dataset = (await store.DatasetAsync(Id, ct))?.Dataset;
        if (Dataset is null) return false;
        Analysis = AnalysisCatalogue.Find(AnalysisName);
        Stored = await store.AnalysesAsync(Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        foreach (var o in Analysis?.Options ?? []) Values[o.Name] = o.Default;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Analysis is null) return BadRequest();
        foreach (var o in Analysis.Options)
        {
            var submitted = Request.Form[o.Name];
            Values[o.Name] = o.Kind == OptionKind.Variables ? string.Join(",", submitted.Where(v => !string.IsNullOrEmpty(v))) : submitted.FirstOrDefault();
        }
        try
        {
            var saved = await store.RunAsync(Id, Analysis, Values, User.Username(), ct);
            return Redirect($"/surveys/analyses/{saved.Id}");
        }
        catch (DomainException e) { Error = e.Message; ErrorField = e.Field; }
        return Page();
    }
}
