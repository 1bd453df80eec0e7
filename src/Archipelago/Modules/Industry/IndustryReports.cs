using System.Text.Json.Serialization;
using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Modules.Industry;

/// <summary>One fitted parameter. <c>interval</c> is the 95 % Wald-t interval (estimate ± qt(0.975, df)·SE, what R's
/// summary.nls implies); <c>interval_normal</c> is R's confint.default (± qnorm(0.975)·SE). Profile intervals are not computed.</summary>
public sealed record ParameterReport(
    double Estimate,
    double Se,
    [property: JsonPropertyName("t_value")] double TValue,
    [property: JsonPropertyName("p_value")] double PValue,
    double[] Interval,
    [property: JsonPropertyName("interval_kind")] string IntervalKind,
    [property: JsonPropertyName("interval_normal")] double[] IntervalNormal,
    [property: JsonPropertyName("interval_normal_kind")] string IntervalNormalKind);

public sealed record InflectionReport(double Time, [property: JsonPropertyName("time_se")] double TimeSe, double Value, [property: JsonPropertyName("value_se")] double ValueSe);

/// <summary>A piece of evidence: the indicator, its value, the threshold it was judged against (null when none applies),
/// the rule in words, where it came from (<c>data</c> or <c>fit:family</c>) and the full statement.</summary>
public sealed record EvidenceReport(string Indicator, double? Value, double? Threshold, string? Rule, string Source, string Statement);

public sealed record CandidateReport(string Model, bool Converged, double? Aicc, [property: JsonPropertyName("residual_se")] double? ResidualSe,
    double? Saturation, [property: JsonPropertyName("failure_code")] string? FailureCode, [property: JsonPropertyName("failure_reason")] string? FailureReason);

/// <summary>A forecast with 95 % delta-method intervals: <c>confidence</c> for the curve, <c>prediction</c> for a new observation.</summary>
public sealed record ForecastReport(double Period, double Estimate, double Se, double[] Confidence, double[] Prediction);

public sealed record RefusalReport(string Code, string Message);

/// <summary>
/// The life-cycle verdict as the CLI prints it and the API returns it (keys in snake_case). Either <c>stage</c> is set, or
/// <c>refusal</c> is (the data cannot support a verdict); <c>cagr</c> is given whenever the first and last values are positive.
/// </summary>
public sealed record LifeCycleReport(
    string Series,
    int N,
    [property: JsonPropertyName("first_period")] double? FirstPeriod,
    [property: JsonPropertyName("last_period")] double? LastPeriod,
    bool Cumulative,
    double? Cagr,
    string? Model,
    string? Formula,
    [property: JsonPropertyName("interval_level")] double IntervalLevel,
    IReadOnlyDictionary<string, ParameterReport>? Parameters,
    InflectionReport? Inflection,
    double? Saturation,
    [property: JsonPropertyName("share_of_saturation")] double? ShareOfSaturation,
    string? Stage,
    IReadOnlyList<EvidenceReport> Evidence,
    IReadOnlyList<CandidateReport> Candidates,
    IReadOnlyList<ForecastReport> Forecasts,
    RefusalReport? Refusal)
{
    const string StageRule = "introduction < 0.1 ≤ growth < 0.9 ≤ maturity";

    /// <summary>Assesses <paramref name="series"/> and lays the outcome out. Forecasts run <paramref name="forecastPeriods"/>
    /// steps past the last period, one step being the smallest gap between observed periods.</summary>
    public static LifeCycleReport Assess(IndicatorSeries series, bool cumulative, int forecastPeriods)
    {
        var t = series.Periods;
        var step = t.Length >= 2 ? t.Zip(t.Skip(1), (a, b) => b - a).Min() : 1;
        var options = new LifeCycleOptions(Cumulative: cumulative,
            ForecastPeriods: t.Length == 0 ? null : Enumerable.Range(1, Math.Max(0, forecastPeriods)).Select(k => t[^1] + k * step).ToList());
        return From(LifeCycle.Assess(series, options), options);
    }

    public static LifeCycleReport From(LifeCycleAssessment a, LifeCycleOptions options)
    {
        var fit = a.Chosen;
        var family = fit is null ? null : Name(fit.Family);
        var s = a.Series;
        var level = a.Cumulative ? s.Values.Zip(s.Values.Skip(1), (x, y) => y - x).ToArray() : s.Values;
        EvidenceReport Evidence(LifeCycleEvidence e)
        {
            var value = Finite(e.Value);
            var fitOf = e.Name.Split('_')[^1];
            return e.Name switch
            {
                "latest_value" or "latest_increment" => new(e.Name, value, 0.95 * level.Max(), "fell in each of the last two periods and is at or below 95 % of the peak: decline", "data", e.Statement),
                "share_of_saturation" => new(e.Name, value, a.Stage == LifeCycleStage.Introduction ? options.IntroductionShare : options.MaturityShare, StageRule, "data, fit:" + family, e.Statement),
                "inflection_time" => new(e.Name, value, s.Periods[^1], "latest period before the inflection: accelerating growth; after it: decelerating", "fit:" + family, e.Statement),
                _ when e.Name.StartsWith("aicc_") => new(e.Name, value, null, "smallest AICc among admissible fits is chosen", "fit:" + fitOf, e.Statement),
                _ when e.Name.StartsWith("inadmissible_") => new(e.Name, value, null,
                    $"saturation ≤ {options.MaxSaturationMultiple}× the largest observation and its 95 % Wald-t half-width ≤ {options.MaxSaturationRelativeHalfWidth:P0} of it", "fit:" + fitOf, e.Statement),
                _ when e.Name.StartsWith("not_converged_") => new(e.Name, null, null, null, "fit:" + fitOf, e.Statement),
                _ => new(e.Name, value, null, null, "data", e.Statement),
            };
        }
        return new LifeCycleReport(
            s.Name, s.Count, s.Count > 0 ? s.Periods[0] : null, s.Count > 0 ? s.Periods[^1] : null, a.Cumulative, a.Cagr,
            family, fit?.Curve.Formula, 0.95,
            fit?.Parameters.ToDictionary(p => p.Name, p => new ParameterReport(p.Estimate, p.StandardError, p.TValue, p.PValue,
                [p.WaldT.Low, p.WaldT.High], "wald_t", [p.WaldNormal.Low, p.WaldNormal.High], "wald_normal")),
            fit?.Inflection is { } i ? new InflectionReport(i.Time, i.TimeStandardError, i.Value, i.ValueStandardError) : null,
            fit?.Saturation, a.ShareOfSaturation, a.Stage?.ToString().ToLowerInvariant(),
            a.Evidence.Select(Evidence).ToList(),
            a.Candidates.Select(c => new CandidateReport(Name(c.Family), c.Converged, c.Fit is { } f ? Finite(f.Aicc) : null, c.Fit?.ResidualStandardError,
                c.Fit?.Saturation, c.FailureCode, c.FailureMessage)).ToList(),
            a.Forecasts.Select(f => new ForecastReport(f.Time, f.Estimate, f.StandardError, [f.Confidence.Low, f.Confidence.High], [f.Prediction.Low, f.Prediction.High])).ToList(),
            a.Refusal is { } r ? new RefusalReport(r.Code, r.Message) : null);
    }

    static string Name(CurveFamily f) => f.ToString().ToLowerInvariant();

    internal static double? Finite(double x) => double.IsFinite(x) ? x : null;
}

public sealed record GrowthStep(double From, double To, double Rate);

public sealed record IndexReport(double Period, double Index);

/// <summary>A suspected unit slip: the step <c>subject</c> grew ×<c>observed</c>, plausible only after dividing by 10^<c>power_of_ten</c>.</summary>
public sealed record ScaleFlag(string Subject, double Observed, [property: JsonPropertyName("power_of_ten")] int PowerOfTen, double Corrected, string Message);

/// <summary>
/// Growth arithmetic of one series: the parsed observations, year-on-year growth (only between consecutive periods —
/// across a gap there is none), CAGR from first to last period, the index to the first period (= 100) and the unit-slip
/// flags of <see cref="UnitScaleCheck.Series"/> (a step faster than 50 % a period that becomes plausible after a power of ten).
/// </summary>
public sealed record GrowthReport(
    string Series,
    int N,
    IReadOnlyList<Observation> Observations,
    [property: JsonPropertyName("year_on_year")] IReadOnlyList<GrowthStep> YearOnYear,
    double? Cagr,
    [property: JsonPropertyName("cagr_years")] double? CagrYears,
    double? Multiple,
    [property: JsonPropertyName("index_base")] double? IndexBase,
    IReadOnlyList<IndexReport> Index,
    [property: JsonPropertyName("scale_flags")] IReadOnlyList<ScaleFlag> ScaleFlags,
    IReadOnlyList<string> Notes)
{
    public const double MaxAnnualGrowth = 0.5;

    public static GrowthReport Of(IndicatorSeries s)
    {
        var notes = new List<string>();
        var o = s.Observations;
        double? cagr = null, years = null, multiple = null;
        if (o.Count < 2) notes.Add("One observation: no growth to compute.");
        else
        {
            years = o[^1].Period - o[0].Period;
            if (o[0].Value > 0 && o[^1].Value > 0) cagr = Indicators.CompoundAnnualGrowth(s);
            else notes.Add($"No CAGR: the first ({o[0].Value:G6}) and last ({o[^1].Value:G6}) values must both be positive.");
            if (o[0].Value != 0) multiple = o[^1].Value / o[0].Value;
        }
        var gaps = o.Zip(o.Skip(1), (a, b) => (a, b)).Where(p => Math.Abs(p.b.Period - p.a.Period - 1) > 1e-9).Select(p => $"{p.a.Period}→{p.b.Period}").ToList();
        if (gaps.Count > 0) notes.Add($"No year-on-year growth across gaps: {string.Join(", ", gaps)}.");
        IReadOnlyList<IndexReport> index = [];
        double? basePeriod = null;
        if (o.Count > 0 && o[0].Value != 0)
        {
            basePeriod = o[0].Period;
            index = Indicators.IndexToBase(s, o[0].Period).Select(p => new IndexReport(p.Period, p.Index)).ToList();
        }
        else if (o.Count > 0) notes.Add("No index: the first value is zero.");
        var flags = UnitScaleCheck.Series(s, MaxAnnualGrowth).Select(f => new ScaleFlag(f.Subject, f.Observed, f.PowerOfTen, f.Corrected, f.Message)).ToList();
        if (flags.Count > 0 && cagr is not null)
            notes.Add("The CAGR, multiple and index are computed from the values as given; they span a suspected unit slip and mean little until the units are checked.");
        return new GrowthReport(s.Name, o.Count, o, Indicators.YearOnYear(s).Select(g => new GrowthStep(g.From, g.To, g.Rate)).ToList(),
            cagr, years, multiple, basePeriod, index, flags, notes);
    }
}
