using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>Browse, search and filter the registry's enablers, with a count per type for the current filters.</summary>
public sealed class EnablersModel(EnablerStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? Segment { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public int Take => 50;
    public Page<Enabler> Result { get; private set; } = new([], 0, 0, 50);
    public IReadOnlyDictionary<string, long> Facets { get; private set; } = new Dictionary<string, long>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = new EnablerQuery(Q, Type, Country, Province, City, Segment, Math.Max(0, Skip), Take);
        Result = await store.SearchAsync(q, ct);
        Facets = await store.CountByTypeAsync(q, ct);
    }

    public string PageLink(int skip) => Url.Page(null, new { Q, Type, Country, Province, City, Segment, Skip = Math.Max(0, skip) })!;
}
