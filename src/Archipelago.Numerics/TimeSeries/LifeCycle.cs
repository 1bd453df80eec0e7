namespace Archipelago.Numerics.TimeSeries;

/// <summary>Industry life-cycle stages (seed 000 §I, industry life-cycle theory: introduction, growth, maturity, decline).</summary>
public enum LifeCycleStage { Introduction, Growth, Maturity, Decline }

/// <summary>Why no stage was given. Codes are stable: too_few_points, flat_series, non_positive_values, no_convergence,
/// saturation_beyond_data, saturation_unidentified.</summary>
public sealed record LifeCycleRefusal(string Code, string Message);

/// <summary>One piece of evidence behind the verdict: a named quantity and what it shows.</summary>
public sealed record LifeCycleEvidence(string Name, double Value, string Statement);

/// <summary>Options for <see cref="LifeCycle.Assess"/>.</summary>
/// <param name="Cumulative">The series is cumulative (e.g. cumulative adoptions): Bass is fitted as well, and decline is judged on the period increments.</param>
/// <param name="BassOrigin">Bass launch time (N = 0 there); default: first period minus the smallest period step.</param>
/// <param name="MinimumPoints">Fewer observations are refused (3 parameters + at least 3 residual degrees of freedom).</param>
/// <param name="IntroductionShare">Below this share of saturation: introduction.</param>
/// <param name="MaturityShare">At or above this share: maturity.</param>
/// <param name="MaxSaturationMultiple">Refuse when the fitted saturation exceeds this multiple of the largest observation.</param>
/// <param name="MaxSaturationRelativeHalfWidth">Refuse when the Wald-t 95 % half-width of the saturation exceeds this fraction of it.</param>
/// <param name="ForecastPeriods">Periods to forecast with the chosen curve (delta-method intervals).</param>
public sealed record LifeCycleOptions(
    bool Cumulative = false,
    double? BassOrigin = null,
    int MinimumPoints = 6,
    double IntroductionShare = 0.10,
    double MaturityShare = 0.90,
    double MaxSaturationMultiple = 20,
    double MaxSaturationRelativeHalfWidth = 1.0,
    IReadOnlyList<double>? ForecastPeriods = null);

/// <summary>
/// The life-cycle verdict: candidate fits, the chosen curve (smallest AICc among admissible converged fits), stage and evidence —
/// or a refusal. <see cref="Cagr"/> is first-to-last compound growth (null when a value is not positive).
/// </summary>
public sealed record LifeCycleAssessment(
    IndicatorSeries Series,
    bool Cumulative,
    double? Cagr,
    IReadOnlyList<CurveFitAttempt> Candidates,
    CurveFit? Chosen,
    double? ShareOfSaturation,
    LifeCycleStage? Stage,
    IReadOnlyList<LifeCycleEvidence> Evidence,
    IReadOnlyList<CurveForecast> Forecasts,
    LifeCycleRefusal? Refusal);

/// <summary>
/// Estimates an industry's life-cycle stage from a level series (output value, revenue) or a cumulative series by fitting
/// S-curves (logistic, Gompertz; Bass too when cumulative) and reading the stage off the chosen curve and the data.
/// Rules, in order:
/// <list type="number">
/// <item>Refuse: fewer than <c>MinimumPoints</c> observations (too_few_points); max − min ≤ 1e-9·max|y| (flat_series).</item>
/// <item>Decline (from the data, no curve needed): the level — for a cumulative series the period increments — fell in each of the
/// last two steps and the latest is at least 5 % below its maximum. Fits are still attempted and reported.</item>
/// <item>Refuse: any value ≤ 0 (non_positive_values; S-curves here are positive); no family converged (no_convergence).</item>
/// <item>A converged fit is admissible when saturation ≤ <c>MaxSaturationMultiple</c> × max y and its Wald-t half-width ≤
/// <c>MaxSaturationRelativeHalfWidth</c> × saturation; none admissible → refuse (saturation_beyond_data / saturation_unidentified).</item>
/// <item>Choose the admissible fit with the smallest AICc. Share s = last observed value / saturation.</item>
/// <item>Introduction: s &lt; <c>IntroductionShare</c>. Growth: s &lt; <c>MaturityShare</c> (accelerating before the inflection,
/// decelerating after it). Maturity: s ≥ <c>MaturityShare</c>.</item>
/// </list>
/// </summary>
public static class LifeCycle
{
    public static LifeCycleAssessment Assess(IndicatorSeries series, LifeCycleOptions? options = null)
    {
        options ??= new LifeCycleOptions();
        var t = series.Periods;
        var y = series.Values;
        var n = y.Length;
        var evidence = new List<LifeCycleEvidence>();
        double? cagr = n >= 2 && y[0] > 0 && y[^1] > 0 ? Indicators.CompoundAnnualGrowth(series) : null;
        LifeCycleAssessment Refuse(string code, string message, IReadOnlyList<CurveFitAttempt>? candidates = null) =>
            new(series, options.Cumulative, cagr, candidates ?? [], null, null, null, evidence, [], new LifeCycleRefusal(code, $"{series.Name}: {message}"));

        if (n < options.MinimumPoints)
            return Refuse("too_few_points", $"{n} observation(s); at least {options.MinimumPoints} are needed to fit a three-parameter S-curve and judge it.");
        var scale = y.Max(Math.Abs);
        if (y.Max() - y.Min() <= 1e-9 * Math.Max(scale, double.Epsilon))
            return Refuse("flat_series", $"all {n} values are equal ({y[0]:G6}); a flat series has no growth curve.");

        // Decline from the data.
        var level = options.Cumulative ? y.Zip(y.Skip(1), (a, b) => b - a).ToArray() : y;
        var declining = level.Length >= 3 && level[^1] < level[^2] && level[^2] < level[^3] && level[^1] <= 0.95 * level.Max();
        if (declining)
            evidence.Add(new LifeCycleEvidence(options.Cumulative ? "latest_increment" : "latest_value", level[^1],
                $"The {(options.Cumulative ? "period increments" : "values")} fell in each of the last two periods to {level[^1]:G6}, {1 - level[^1] / level.Max():P1} below the peak {level.Max():G6}."));

        var candidates = new List<CurveFitAttempt>();
        if (y.Any(v => v <= 0))
        {
            if (declining) return new(series, options.Cumulative, cagr, candidates, null, null, LifeCycleStage.Decline, evidence, [], null);
            return Refuse("non_positive_values", "the series has zero or negative values; logistic, Gompertz and Bass curves are positive.");
        }

        var step = t.Zip(t.Skip(1), (a, b) => b - a).Min();
        var curves = new List<GrowthCurve> { new LogisticCurve(), new GompertzCurve() };
        if (options.Cumulative) curves.Add(new BassCurve(options.BassOrigin ?? t[0] - step));
        candidates.AddRange(curves.Select(c => CurveFitter.Fit(c, t, y)));
        var converged = candidates.Where(c => c.Converged).Select(c => c.Fit!).ToList();
        foreach (var c in candidates.Where(c => !c.Converged))
            evidence.Add(new LifeCycleEvidence("not_converged_" + c.Family.ToString().ToLowerInvariant(), double.NaN, c.FailureMessage ?? ""));

        if (converged.Count == 0)
        {
            if (declining) return new(series, options.Cumulative, cagr, candidates, null, null, LifeCycleStage.Decline, evidence, [], null);
            return Refuse("no_convergence", "no S-curve converged (" + string.Join("; ", candidates.Select(c => c.FailureMessage)) + ").", candidates);
        }

        var ymax = y.Max();
        string? Inadmissible(CurveFit f)
        {
            var k = f.Saturation;
            var hw = f.Parameters[f.Curve.SaturationIndex].WaldT.High - k;
            if (!(k > 0) || k > options.MaxSaturationMultiple * ymax)
                return $"saturation_beyond_data|{f.Family}: saturation {k:G6} is {k / ymax:G3} × the largest observation {ymax:G6} (limit {options.MaxSaturationMultiple}×); the data do not show where growth levels off.";
            if (!(hw <= options.MaxSaturationRelativeHalfWidth * k))
                return $"saturation_unidentified|{f.Family}: saturation {k:G6} ± {hw:G6} (95 % Wald-t); the data do not pin it down.";
            return null;
        }
        var admissible = new List<CurveFit>();
        foreach (var f in converged.OrderBy(f => f.Aicc))
        {
            var why = Inadmissible(f);
            if (why is null) admissible.Add(f);
            else evidence.Add(new LifeCycleEvidence("inadmissible_" + f.Family.ToString().ToLowerInvariant(), f.Saturation, why.Split('|')[1]));
        }
        var bestAicc = converged.Min(f => f.Aicc);
        foreach (var f in converged.OrderBy(f => f.Aicc))
            evidence.Add(new LifeCycleEvidence("aicc_" + f.Family.ToString().ToLowerInvariant(), f.Aicc, $"{f.Family}: AICc {f.Aicc:F3} (Δ {f.Aicc - bestAicc:F3}), residual SE {f.ResidualStandardError:G4}."));

        if (admissible.Count == 0)
        {
            if (declining) return new(series, options.Cumulative, cagr, candidates, null, null, LifeCycleStage.Decline, evidence, [], null);
            var why = Inadmissible(converged.OrderBy(f => f.Aicc).First())!.Split('|');
            return Refuse(why[0], why[1], candidates);
        }

        var chosen = admissible[0];
        var share = y[^1] / chosen.Saturation;
        evidence.Add(new LifeCycleEvidence("share_of_saturation", share,
            $"The latest value {y[^1]:G6} ({t[^1]}) is {share:P1} of the fitted saturation {chosen.Saturation:G6} ({chosen.Family})."));
        var beforeInflection = chosen.Inflection is { } inf && t[^1] < inf.Time;
        if (chosen.Inflection is { } ip)
            evidence.Add(new LifeCycleEvidence("inflection_time", ip.Time,
                $"Inflection at {ip.Time:G6} (± {ip.TimeStandardError:G3}), value {ip.Value:G6}; the latest period is {(beforeInflection ? "before" : "after")} it."));

        LifeCycleStage stage;
        if (declining) stage = LifeCycleStage.Decline;
        else if (share < options.IntroductionShare) stage = LifeCycleStage.Introduction;
        else if (share < options.MaturityShare) stage = LifeCycleStage.Growth;
        else stage = LifeCycleStage.Maturity;
        var forecasts = options.ForecastPeriods is { Count: > 0 } fp ? chosen.Forecast(fp) : [];
        return new LifeCycleAssessment(series, options.Cumulative, cagr, candidates, chosen, share, stage, evidence, forecasts, null);
    }
}
