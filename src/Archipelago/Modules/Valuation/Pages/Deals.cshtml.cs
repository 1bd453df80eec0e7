using Archipelago.Kernel.Localisation;
using Archipelago.Modules.Valuation.Features.Deals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/deals</c>: the deals register with filters and its analyses by year, stage and modality.</summary>
public sealed class DealsModel(DealStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Modality { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool? CrossBorder { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<DealRow> Deals { get; private set; } = [];
    public DealAnalysis? Analysis { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Deals = await store.ListAsync(new DealQuery(Kind, Stage, Area, Modality, From, To, CrossBorder, Q), Text.IsChinese, ct);
        Analysis = DealsApi.Analyse(Deals);
    }

    public string Query => Request.QueryString.Value ?? "";
}
