using Archipelago.Kernel;
using Archipelago.Modules.Patents.Features.Landscape;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>The landscape dashboard for a filter (the filter lives in the query string, so a landscape is a link to save).</summary>
public sealed class LandscapeModel(PatentLandscape landscape) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Applicant { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string Basis { get; set; } = "publication";
    public LandscapeReport? Report { get; private set; }
    public string? Error { get; private set; }

    public PatentFilter Filter() => new(Text, Classification, Applicant, Jurisdiction, From, To, PatentFilter.ParseBasis(Basis));

    public async Task OnGetAsync(CancellationToken ct)
    {
        try { Report = await landscape.RunAsync(Filter(), ct); }
        catch (DomainException e) { Error = e.Message; }
    }
}
