using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Series;
using Archipelago.Numerics.TimeSeries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>The life-cycle stage of a stored series, or of a series another module offers (patents per year from the
/// Patents module, through the kernel's facts): the chosen S-curve over the data with its forecast band, the stage and the
/// evidence for it, every candidate fit — or the refusal and its reason — and, for another module's series, where it came from.</summary>
public sealed class LifecycleModel(SeriesStore store, SeriesAnalysis analysis, Kernel.Facts facts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public string Region { get; set; } = "China";
    [BindProperty(SupportsGet = true)] public string? Subsector { get; set; }
    [BindProperty(SupportsGet = true)] public bool Cumulative { get; set; }
    [BindProperty(SupportsGet = true)] public int Forecast { get; set; } = 5;
    /// <summary>The series picked in the form, as <c>indicator|region|subsector</c> (links use the three parameters), or
    /// <c>fact:</c> and another module's series id.</summary>
    [BindProperty(SupportsGet = true)] public string? Pick { get; set; }
    /// <summary>Another module's series (its fact id), e.g. patents per priority year.</summary>
    [BindProperty(SupportsGet = true)] public string? Fact { get; set; }
    /// <summary>For another module's series: <c>cumulative</c> (default; sum the yearly counts into a running total) or <c>level</c>.</summary>
    [BindProperty(SupportsGet = true)] public string Fit { get; set; } = "cumulative";

    public const string FactPrefix = "fact:";
    public IReadOnlyList<FactSeriesInfo> Offered { get; private set; } = [];
    public Features.Facts.FactOrigin? Origin { get; private set; }
    public IReadOnlyList<string> Preparation { get; private set; } = [];
    /// <summary>The points fitted, (time in years, value) — a stored series' latest figures or the prepared fact series.</summary>
    public IReadOnlyList<(double Time, double Value)> Observed { get; private set; } = [];

    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public Indicator? Info { get; private set; }
    public IReadOnlyList<StoredObservation> Figures { get; private set; } = [];
    public LifeCycleReport? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Series = await store.SeriesAsync(null, null, ct);
        Offered = await Features.Facts.FactLifeCycle.CatalogueAsync(facts, store.Database, ct);
        Forecast = Math.Clamp(Forecast, 0, 30);
        if (Pick is { } pick && pick.StartsWith(FactPrefix, StringComparison.Ordinal)) Fact = pick[FactPrefix.Length..];
        else if (Pick?.Split('|') is [var indicator, var region, var subsector]) (Indicator, Region, Subsector, Fact) = (indicator, region, subsector, null);
        if (!string.IsNullOrEmpty(Fact))
        {
            try
            {
                var r = await Features.Facts.FactLifeCycle.AssessAsync(facts, store.Database, Fact, Fit != "level", Forecast, ct);
                (Report, Origin, Preparation, Cumulative) = (r.Report, r.Origin, r.Preparation, r.Origin.Cumulated);
                Observed = r.Report.N == 0 ? [] : Features.Facts.FactLifeCycle.Prepare((await facts.SeriesAsync(store.Database, Fact, ct))!, Origin.Cumulated)
                    .Series.Observations.Select(o => (o.Period, o.Value)).ToList();
            }
            catch (DomainException e) { Error = e.Message; }
            return;
        }
        if (string.IsNullOrEmpty(Indicator)) return;
        var key = new SeriesKey(Indicator, Region, Subsector ?? Features.Series.Subsector.Total);
        try
        {
            (Info, Figures, var series) = await analysis.LoadAsync(key, ct);
            Report = LifeCycleReport.Assess(series, Cumulative, Forecast);
            Observed = Figures.Select(f => (f.Time, f.Value)).ToList();
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
