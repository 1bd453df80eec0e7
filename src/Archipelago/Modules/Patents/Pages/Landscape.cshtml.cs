using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>The landscape dashboard for a filter (the filter lives in the query string, so a landscape is a link to save),
/// or for a saved search (<c>?Saved=NAME</c>); its tables download as one XLSX workbook.</summary>
public sealed class LandscapeModel(PatentLandscape landscape, Database db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Applicant { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string Basis { get; set; } = "publication";
    /// <summary>A saved search whose filter the dashboard shows (it fills the filter fields).</summary>
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    public LandscapeReport? Report { get; private set; }
    public string? Error { get; private set; }
    public bool Computing { get; private set; }

    [BindProperty(SupportsGet = true)] public bool Cluster { get; set; }
    [BindProperty(SupportsGet = true)] public string? LegalStatus { get; set; }
    public PatentFilter Filter() => new(Text, Classification, Applicant, Jurisdiction, From, To, PatentFilter.ParseBasis(Basis), Cluster, LegalStatus);

    async Task LoadSavedAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Saved)) return;
        var f = (await new SavedSearches(db, clock).RequireAsync(Saved, ct)).Filter;
        (Text, Classification, Applicant, Jurisdiction, From, To, Basis, Cluster, LegalStatus) =
            (f.Text, f.Classification, f.Applicant, f.Jurisdiction, f.FromYear, f.ToYear, f.Basis.ToString().ToLowerInvariant(), f.ClusterMembers, f.LegalStatus);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadSavedAsync(ct);
            Report = await landscape.RunAsync(Filter(), TimeSpan.FromSeconds(2), ct);
            // The first landscape after a change builds the records' column store (seconds at a million records): the
            // page says so and asks the browser to come back, instead of holding the request.
            if (Report is null) { Computing = true; Response.Headers["Refresh"] = "2"; }
        }
        catch (DomainException e) { Error = e.Message; }
    }

    /// <summary>The landscape's tables, one sheet each, as an XLSX download.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        try
        {
            await LoadSavedAsync(ct);
            var filter = Filter();
            var body = new MemoryStream();
            await PatentExport.WriteAsync(PatentExport.Landscape(await landscape.RunAsync(filter, ct), filter), "xlsx", body, ct);
            body.Position = 0;
            return File(body, PatentExport.ContentType("xlsx"), "patent-landscape.xlsx");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    /// <summary>The whole co-applicant network of the filter's records as a CSV edge list (source,target,weight).</summary>
    public async Task<IActionResult> OnGetCoApplicantsAsync(CancellationToken ct)
    {
        try
        {
            await LoadSavedAsync(ct);
            var body = new MemoryStream();
            await PatentExport.WriteAsync([PatentExport.EdgeList(await landscape.CoApplicationsAsync(Filter(), ct))], "csv", body, ct);
            body.Position = 0;
            return File(body, PatentExport.ContentType("csv"), "patent-co-applicants.csv");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    /// <summary>Ranked names against years as a heat map's cells: every year from the first to the last any of them has.</summary>
    public static (List<string> Rows, List<string> Years, double[,] Values) ByYear(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> trends)
    {
        var years = trends.Values.SelectMany(t => t.Keys).Select(int.Parse).ToList();
        var columns = years.Count == 0 ? [] : Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rows = trends.Keys.ToList();
        var values = new double[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++) values[r, c] = trends[rows[r]].GetValueOrDefault(columns[c]);
        return (rows, columns, values);
    }

    /// <summary>This dashboard's query string.</summary>
    public string Query => string.IsNullOrWhiteSpace(Saved) ? SearchesModel.Query(Filter(), "Text") : $"Saved={Uri.EscapeDataString(Saved)}";
}
