using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>A stored analysis reopened: its options, version and data fingerprint, the result tables and a chart.</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class SurveyResultModel(SurveyStore store) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public StoredAnalysis? Stored { get; private set; }
    public SurveyDataset? Dataset { get; private set; }
    public AnalysisDeclaration? Analysis { get; private set; }
    public object? Report { get; private set; }
    public ResultDocument? Document { get; private set; }
    /// <summary>The analysed cases, for the charts drawn from the data (item distributions, residual plots).</summary>
    public CaseTable? Table { get; private set; }

    /// <summary>False when the dataset changed since (it cannot today — datasets are immutable — but the check is cheap).</summary>
    public bool SameData => Stored is not null && Dataset is not null && Stored.Fingerprint == Dataset.Fingerprint;

    /// <summary>The result tables as a file: <c>?handler=Tables&amp;format=csv|xlsx|html</c>.</summary>
    public async Task<IActionResult> OnGetTablesAsync(string? format, CancellationToken ct)
    {
        if (await OnGetAsync(ct) is NotFoundResult nf) return nf;
        var f = (format ?? "csv").ToLowerInvariant();
        if (!ResultExport.Formats.Contains(f)) return BadRequest();
        var (content, mediaType, fileName) = ResultExport.Write(Document!, Analysis!.Title, f, $"analysis-{Id}-{Stored!.Analysis}");
        return File(content, mediaType, fileName);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Stored = await store.AnalysisAsync(Id, ct);
        if (Stored is null) return NotFound();
        Analysis = AnalysisCatalogue.Find(Stored.Analysis);
        if (Analysis is null) return NotFound();
        var found = await store.DatasetAsync(Stored.DatasetId, ct);
        Dataset = found?.Dataset;
        Table = SameData ? found?.Table : null;
        Report = SurveyStore.Report(Stored, Analysis);
        Document = Analysis.Present(Report);
        return Page();
    }
}
