using Archipelago.Kernel;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Full-text search with the landscape filters, facets and highlighted snippets.</summary>
public sealed class SearchModel(PatentSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public SearchResult? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(Classification)) return;
        try { Result = await search.RunAsync(new PatentFilter(Q, Classification, null, Jurisdiction), Skip, 20, ct); }
        catch (DomainException e) { Error = e.Message; }
    }
}
