using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Archipelago.Modules.Patents.Features.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Full-text search with the landscape filters, facets and highlighted snippets; the saved searches; export of
/// every record the search selects (CSV or XLSX).</summary>
public sealed class SearchModel(PatentSearch search, Database db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Applicant { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string Basis { get; set; } = "publication";
    [BindProperty(SupportsGet = true)] public bool Cluster { get; set; }
    [BindProperty(SupportsGet = true)] public string? LegalStatus { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public SearchResult? Result { get; private set; }
    public IReadOnlyList<SavedSearch> Saved { get; private set; } = [];
    public string? Error { get; private set; }

    public PatentFilter Filter() => new(Q, Classification, Applicant, Jurisdiction, From, To, PatentFilter.ParseBasis(Basis), Cluster, LegalStatus);

    public bool HasQuery => new[] { Q, Classification, Applicant, Jurisdiction, LegalStatus }.Any(s => !string.IsNullOrWhiteSpace(s)) || From is not null || To is not null || Cluster;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Saved = await new SavedSearches(db, clock).ListAsync(ct);
        if (!HasQuery) return;
        try { Result = await search.RunAsync(Filter(), Skip, 20, ct); }
        catch (DomainException e) { Error = e.Message; }
    }

    /// <summary>Every record the search selects, as a CSV or XLSX download.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        try
        {
            var f = PatentExport.CheckFormat(format ?? "csv");
            var filter = Filter();
            filter.Sql(db.Dialect);
            var body = new MemoryStream();
            await PatentExport.WriteAsync([new PatentExport(db).Records(filter)], f, body, ct);
            body.Position = 0;
            return File(body, PatentExport.ContentType(f), $"patent-search.{f}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Saved = await new SavedSearches(db, clock).ListAsync(ct);
            return Page();
        }
    }

    /// <summary>This search's query string (for the next page and the export links).</summary>
    public string Query => SearchesModel.Query(Filter());
}
