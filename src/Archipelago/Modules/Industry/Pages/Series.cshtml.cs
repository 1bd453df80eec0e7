using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>One series: the figures as a chart and a table with growth, every earlier vintage, the unit-slip check, and a
/// form for derived figures (CAGR over a span, index, shares, ratios, location quotients, deflation).</summary>
public sealed class SeriesModel(SeriesStore store, SeriesAnalysis analysis) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Indicator { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Region { get; set; } = "China";
    [BindProperty(SupportsGet = true)] public string? Subsector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Per { get; set; }
    [BindProperty(SupportsGet = true)] public string? OfRegion { get; set; }
    [BindProperty(SupportsGet = true)] public string? Base { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public Indicator Info { get; private set; } = null!;
    public IReadOnlyList<StoredObservation> Latest { get; private set; } = [];
    public IReadOnlyList<StoredObservation> Superseded { get; private set; } = [];
    public GrowthReport Growth { get; private set; } = null!;
    /// <summary>Unit-slip flags of the figures as first published (vintage 1), when they differ from the latest: a slip a
    /// later vintage corrected stays visible.</summary>
    public IReadOnlyList<ScaleFlag> FirstPublishedFlags { get; private set; } = [];
    public DerivedSeries? Derived { get; private set; }
    public string? DeriveError { get; private set; }
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public string? SubsectorName { get; private set; }

    public SeriesKey Key => new(Indicator, Region, Subsector ?? Features.Series.Subsector.Total);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try { (Info, Latest, _) = await analysis.LoadAsync(Key, ct); }
        catch (DomainException e) when (e.Code == "not_found") { return NotFound(); }
        Superseded = (await store.ObservationsAsync(Key, true, ct)).Where(o => !Latest.Any(l => l.Period == o.Period && l.Vintage == o.Vintage)).ToList();
        Growth = await analysis.GrowthAsync(Key, ct);
        if (Superseded.Count > 0)
        {
            var first = (await store.ObservationsAsync(Key, true, ct)).GroupBy(o => o.Period).Select(g => g.First()).ToList();
            FirstPublishedFlags = GrowthReport.Of(new Numerics.TimeSeries.IndicatorSeries(Key.ToString(), Info.Unit,
                first.Select(o => new Numerics.TimeSeries.Observation(o.Time, o.Value)))).ScaleFlags;
        }
        Indicators = await store.IndicatorsAsync(ct);
        Regions = await store.RegionsAsync(ct);
        var zh = Kernel.Localisation.Text.IsChinese;
        SubsectorName = Key.Subsector.Length == 0 ? null : (await store.SubsectorsAsync(ct)).FirstOrDefault(s => s.Code == Key.Subsector)?.DisplayName(zh) ?? Key.Subsector;
        if (!string.IsNullOrEmpty(Kind))
        {
            try { Derived = await analysis.DeriveAsync(new DeriveRequest(Kind, Indicator, Region, Subsector, Per, OfRegion, Base, From, To), ct); }
            catch (DomainException e) { DeriveError = e.Message; }
        }
        return Page();
    }

    public string Link(string page) => $"{page}?indicator={Uri.EscapeDataString(Indicator)}&region={Uri.EscapeDataString(Region)}&subsector={Uri.EscapeDataString(Subsector ?? "")}";
}
