using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Series;
using Archipelago.Numerics.TimeSeries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>The life-cycle stage of a stored series: the chosen S-curve over the data with its forecast band, the stage
/// and the evidence for it, every candidate fit — or the refusal and its reason.</summary>
public sealed class LifecycleModel(SeriesStore store, SeriesAnalysis analysis) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public string Region { get; set; } = "China";
    [BindProperty(SupportsGet = true)] public string? Subsector { get; set; }
    [BindProperty(SupportsGet = true)] public bool Cumulative { get; set; }
    [BindProperty(SupportsGet = true)] public int Forecast { get; set; } = 5;
    /// <summary>The series picked in the form, as <c>indicator|region|subsector</c> (links use the three parameters).</summary>
    [BindProperty(SupportsGet = true)] public string? Pick { get; set; }

    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public Indicator? Info { get; private set; }
    public IReadOnlyList<StoredObservation> Figures { get; private set; } = [];
    public LifeCycleReport? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Series = await store.SeriesAsync(null, null, ct);
        if (Pick?.Split('|') is [var indicator, var region, var subsector]) (Indicator, Region, Subsector) = (indicator, region, subsector);
        if (string.IsNullOrEmpty(Indicator)) return;
        Forecast = Math.Clamp(Forecast, 0, 30);
        var key = new SeriesKey(Indicator, Region, Subsector ?? Features.Series.Subsector.Total);
        try
        {
            (Info, Figures, var series) = await analysis.LoadAsync(key, ct);
            Report = LifeCycleReport.Assess(series, Cumulative, Forecast);
        }
        catch (DomainException e) { Error = e.Message; }
    }

    /// <summary>The chosen curve's value at <paramref name="t"/>, for drawing it; null for Bass (drawn through its forecasts only).</summary>
    public double? Fitted(double t)
    {
        if (Report?.Parameters is not { } p) return null;
        GrowthCurve? curve = Report.Model switch { "logistic" => new LogisticCurve(), "gompertz" => new GompertzCurve(), _ => null };
        if (curve is null) return null;
        var theta = curve.ParameterNames.Select(n => p[n].Estimate).ToArray();
        return curve.Value(t, theta);
    }
}
