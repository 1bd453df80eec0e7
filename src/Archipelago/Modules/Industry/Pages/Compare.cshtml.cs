using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>Regions side by side for one indicator and sub-sector: their series on one chart, the latest common period as
/// bars, and the figures as a region × period table.</summary>
public sealed class CompareModel(SeriesStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subsector { get; set; }

    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public IReadOnlyList<Subsector> Subsectors { get; private set; } = [];
    public Indicator? Info { get; private set; }
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public IReadOnlyList<(string Period, double Time)> Periods { get; private set; } = [];
    public IReadOnlyDictionary<(string Region, string Period), double> Figures { get; private set; } = new Dictionary<(string, string), double>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Indicators = await store.IndicatorsAsync(ct);
        Subsectors = await store.SubsectorsAsync(ct);
        Indicator ??= Indicators.FirstOrDefault(i => i.Code == "output_value")?.Code ?? Indicators.FirstOrDefault()?.Code;
        Info = Indicators.FirstOrDefault(i => i.Code == Indicator);
        if (Info is null) return;
        var latest = await store.LatestAsync(Info.Code, Subsector ?? Features.Series.Subsector.Total, ct);
        Regions = latest.Select(l => l.Region).Distinct().ToList();
        Periods = latest.Select(l => (l.Period, l.Time)).Distinct().OrderBy(p => p.Time).ToList();
        Figures = latest.ToDictionary(l => (l.Region, l.Period), l => l.Value);
    }

    /// <summary>The last period every region has a figure for, if any.</summary>
    public string? CommonPeriod => Periods.Select(p => p.Period).LastOrDefault(p => Regions.All(r => Figures.ContainsKey((r, p))));
}
