using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>Side by side for one indicator: regions (for one sub-sector or the whole industry) or the sub-sectors of one
/// region — their series on one chart, the latest period they all have as bars, and the figures as a table.</summary>
public sealed class CompareModel(SeriesStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subsector { get; set; }
    /// <summary><c>region</c> (default): regions side by side; <c>subsector</c>: the sub-sectors of <see cref="Region"/>.</summary>
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "region";
    [BindProperty(SupportsGet = true)] public string Region { get; set; } = "China";

    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public IReadOnlyList<Subsector> Subsectors { get; private set; } = [];
    public IReadOnlyList<string> AllRegions { get; private set; } = [];
    public Indicator? Info { get; private set; }
    /// <summary>What is compared: (label, region, sub-sector) of each line.</summary>
    public IReadOnlyList<(string Label, string Region, string Subsector)> Groups { get; private set; } = [];
    public IReadOnlyList<(string Period, double Time)> Periods { get; private set; } = [];
    public IReadOnlyDictionary<(string Label, string Period), double> Figures { get; private set; } = new Dictionary<(string, string), double>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Indicators = await store.IndicatorsAsync(ct);
        Subsectors = await store.SubsectorsAsync(ct);
        AllRegions = await store.RegionsAsync(ct);
        Indicator ??= Indicators.FirstOrDefault(i => i.Code == "output_value")?.Code ?? Indicators.FirstOrDefault()?.Code;
        Info = Indicators.FirstOrDefault(i => i.Code == Indicator);
        if (Info is null) return;
        var zh = Kernel.Localisation.Text.IsChinese;
        var names = Subsectors.ToDictionary(s => s.Code, s => s.DisplayName(zh));
        var bySubsector = By == "subsector";
        var latest = bySubsector
            ? (await store.LatestAsync(Info.Code, null, ct)).Where(l => l.Region == Region && l.Subsector.Length > 0).ToList()
            : await store.LatestAsync(Info.Code, Subsector ?? Features.Series.Subsector.Total, ct);
        string Label(LatestFigure l) => bySubsector ? names.GetValueOrDefault(l.Subsector, l.Subsector) : l.Region;
        Groups = latest.Select(l => (Label(l), l.Region, l.Subsector)).Distinct().ToList();
        Periods = latest.Select(l => (l.Period, l.Time)).Distinct().OrderBy(p => p.Time).ToList();
        Figures = latest.ToDictionary(l => (Label(l), l.Period), l => l.Value);
    }

    /// <summary>The last period every line has a figure for, if any.</summary>
    public string? CommonPeriod => Periods.Select(p => p.Period).LastOrDefault(p => Groups.All(g => Figures.ContainsKey((g.Label, p))));
}
