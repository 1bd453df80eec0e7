using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Peers;
using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>Peer regions by similarity: pick a region and the indicators of the profile; the nearest regions by z-scored
/// Euclidean distance, their indicators side by side, a chart of distances and one of the z-scored profiles.</summary>
public sealed class PeersModel(SeriesStore store, PeerRegions peers) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string[] Features { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public int Span { get; set; } = 5;
    [BindProperty(SupportsGet = true)] public int Top { get; set; } = 5;
    [BindProperty(SupportsGet = true)] public int? MinShared { get; set; }
    [BindProperty(SupportsGet = true)] public string? Exclude { get; set; }

    public IReadOnlyList<string> Regions { get; private set; } = [];
    /// <summary>The features offered: (code, description) — log level and growth of every yearly indicator (the level of a
    /// rate or ratio), and the share of each sub-sector that has figures.</summary>
    public IReadOnlyList<(string Code, string Label)> Offered { get; private set; } = [];
    public PeerReport? Report { get; private set; }
    public string? Error { get; private set; }

    static readonly string[] Defaults = ["log:output_value", "growth:output_value", "log:enterprises", "log:employment", "share:output_value:biopharmaceutical_products"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Regions = await store.RegionsAsync(ct);
        var indicators = (await store.IndicatorsAsync(ct)).Where(i => i.Frequency == "year").ToList();
        var series = await store.SeriesAsync(null, null, ct);
        var zh = Kernel.Localisation.Text.IsChinese;
        var offered = new List<(string, string)>();
        foreach (var i in indicators.Where(i => series.Any(s => s.Indicator == i.Code && s.Subsector.Length == 0)))
        {
            if (i.Unit is "fraction" or "ratio" or "%" or "index") offered.Add(($"level:{i.Code}", i.DisplayName(zh)));
            else
            {
                offered.Add(($"log:{i.Code}", $"ln {i.DisplayName(zh)}"));
                offered.Add(($"growth:{i.Code}", $"{i.DisplayName(zh)} · CAGR"));
            }
        }
        var subsectors = (await store.SubsectorsAsync(ct)).ToDictionary(s => s.Code, s => s.DisplayName(zh));
        foreach (var s in series.Where(s => s.Subsector.Length > 0 && indicators.Any(i => i.Code == s.Indicator && i.Unit is not ("fraction" or "ratio" or "%" or "index")))
                     .Select(s => (s.Indicator, s.Subsector)).Distinct())
            offered.Add(($"share:{s.Indicator}:{s.Subsector}", $"{indicators.First(i => i.Code == s.Indicator).DisplayName(zh)} · {subsectors.GetValueOrDefault(s.Subsector, s.Subsector)} %"));
        Offered = offered;
        if (Regions.Count == 0) return;
        var asked = Features.Length > 0;
        if (!asked) Features = Defaults.Where(d => offered.Any(o => o.Item1 == d)).ToArray();
        Region ??= Regions.Contains("Guangdong") ? "Guangdong" : Regions[0];
        if (Features.Length == 0) return;
        try
        {
            Report = await peers.RankAsync(new PeerRequest(Region, Features, Period, Span, Top, MinShared, PeersApi.Split(Exclude is null ? [] : [Exclude])), ct);
        }
        catch (DomainException e) { Error = e.Message; }
    }
}
