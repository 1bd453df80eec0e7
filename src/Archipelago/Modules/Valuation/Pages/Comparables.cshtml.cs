using Archipelago.Kernel.Localisation;
using Archipelago.Modules.Valuation.Features.Deals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/comparables</c>: terms of deals like the asset's (stage at signing, area, modality) — medians
/// and ranges per currency — with a link that prefills a valuation's deal terms with the medians.</summary>
public sealed class ComparablesModel(DealStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Modality { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    public IReadOnlyList<DealRow> Deals { get; private set; } = [];
    public IReadOnlyList<ComparableTerms> Terms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Deals = await store.ListAsync(new DealQuery(Kind, Stage, Area, Modality), Text.IsChinese, ct);
        Terms = DealStore.Comparables(Deals);
    }

    /// <summary>The valuation form with the medians as deal terms: upfront, one flat royalty (the median of the deals'
    /// mid rates), the median milestone total and, where the deals break it down, the medians of its development,
    /// regulatory and sales parts — placed by <see cref="MilestonePlacement"/>.</summary>
    public static string PrefillLink(ComparableTerms c)
    {
        TermSummary? Term(string term) => c.Terms.FirstOrDefault(t => t.Term == term);
        double? Median(string term) => Term(term)?.Median;
        var royalty = (Median("royalty_low"), Median("royalty_high")) is (double lo, double hi) ? (lo + hi) / 2 : (double?)null;
        var q = new List<string>();
        void Add(string k, double? v) { if (v is { } x) q.Add($"{k}={x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"); }
        Add("upfront", Median("upfront"));
        Add("royalty", royalty);
        Add("milestones", Median("milestones"));
        Add("development", Median("development_milestones"));
        Add("regulatory", Median("regulatory_milestones"));
        Add("sales", Median("sales_milestones"));
        if (c.Currency is { } cur) q.Add("currency=" + Uri.EscapeDataString(cur + " million"));
        q.Add("comparables=" + c.Deals);
        return "/valuation?" + string.Join("&", q);
    }
}
