using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Numerics.Tests.TimeSeries;

/// <summary>
/// Life-cycle verdicts. Expected model choices, saturation levels and shares come from R's nls fits
/// (reference/growth_curves.csv); the stage then follows the documented rules in <see cref="LifeCycle"/>.
/// </summary>
public class LifeCycleTests
{
    static void Rel(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative tolerance 1e-6)");

    static IndicatorSeries Series(string name, (double[] T, double[] Y) d) => IndicatorSeries.From(name, "u", d.T, d.Y);

    [Fact]
    public void Assess_Seed000OutputValue_RefusesTooFewPoints()
    {
        // Seed 000 prints only the 2010 and 2017 output values (the yearly values are in Fig. 2, an image).
        var figures = SeedFigure.Load("seed000_figures.csv").Where(f => f.Series == "output_value");
        var s = new IndicatorSeries("output_value", "bn yuan", figures.Select(f => new Observation(f.Year, f.Value)));
        var a = LifeCycle.Assess(s);
        Assert.Equal("too_few_points", a.Refusal!.Code);
        Assert.Null(a.Stage);
        Assert.Equal(0.1670, Math.Round(a.Cagr!.Value, 4));   // CAGR still reported (seed §IV ¶2: 16.70 %)
    }

    [Fact]
    public void Assess_UsPop_ChoosesByAiccAndReadsGrowth()
    {
        var a = LifeCycle.Assess(Series("uspop", CurveFitterTests.Dataset("uspop")), new LifeCycleOptions(ForecastPeriods: [1980, 2000]));
        Assert.Null(a.Refusal);
        // R: AICc logistic 115.673, Gompertz 103.591 → Gompertz.
        var expected = RReference.Get("uspop_gompertz", "aicc") < RReference.Get("uspop_logistic", "aicc") ? CurveFamily.Gompertz : CurveFamily.Logistic;
        Assert.Equal(expected, a.Chosen!.Family);
        var k = RReference.Get("uspop_gompertz", "estimate", "K");
        Rel(203.2 / k, a.ShareOfSaturation!.Value);   // 23.6 % of saturation
        Assert.Equal(LifeCycleStage.Growth, a.Stage);
        Rel(RReference.Get("uspop_gompertz", "fc_fit", "1980"), a.Forecasts[0].Estimate);
        Rel(RReference.Get("uspop_gompertz", "estimate", "t0"), a.Chosen.Inflection!.Time);
        Assert.Contains(a.Evidence, e => e.Name == "share_of_saturation");
    }

    [Fact]
    public void Assess_UsPopWithGaps_FitsOnYears()
    {
        var a = LifeCycle.Assess(Series("uspop", CurveFitterTests.Dataset("uspopgap")));
        Assert.Equal(CurveFamily.Gompertz, a.Chosen!.Family);   // R AICc 84.05 (Gompertz) < 95.81 (logistic)
        Rel(RReference.Get("uspopgap_gompertz", "estimate", "K"), a.Chosen.Saturation);
    }

    [Fact]
    public void Assess_Orange1_GrowthDecelerating()
    {
        // R: AICc Gompertz 70.142 < logistic 70.477; K = 172.13; last circumference 145 → 84.2 % < 90 % → growth, after the inflection.
        var a = LifeCycle.Assess(Series("orange1", CurveFitterTests.Dataset("orange1")));
        Assert.Equal(CurveFamily.Gompertz, a.Chosen!.Family);
        Rel(145 / RReference.Get("orange1_gompertz", "estimate", "K"), a.ShareOfSaturation!.Value);
        Assert.Equal(LifeCycleStage.Growth, a.Stage);
        Assert.Contains(a.Evidence, e => e.Name == "inflection_time" && e.Statement.Contains("after"));
    }

    [Fact]
    public void Assess_CumulativeSales_BassChosen_DeclineFromIncrements()
    {
        // Annual sales peaked in 1984 (10,950) and fell four years running to 5,890 (rpubs.com/chengjun/bass_model data).
        var a = LifeCycle.Assess(Series("sales", CurveFitterTests.Dataset("sales")), new LifeCycleOptions(Cumulative: true));
        Assert.Equal(3, a.Candidates.Count);
        Assert.Equal(CurveFamily.Bass, a.Chosen!.Family);   // R AICc: Bass 167.68 < logistic 170.59 < Gompertz 175.40
        Rel(RReference.Get("sales_bass", "estimate", "m"), a.Chosen.Saturation);
        Assert.Equal(LifeCycleStage.Decline, a.Stage);
        Assert.Contains(a.Evidence, e => e.Name == "latest_increment" && e.Value == 5890);
    }

    [Fact]
    public void Assess_ExactLogisticEarly_Introduction()
    {
        // Exact logistic K = 1000, r = 0.5, last point at 8 % of K (t0 = 2019 + ln(11.5)/0.5): share 0.08 → introduction.
        var t0 = 2019 + Math.Log(1 / 0.08 - 1) / 0.5;
        var years = Enumerable.Range(2010, 10).Select(i => (double)i).ToArray();
        var s = IndicatorSeries.From("x", "u", years, years.Select(t => 1000 / (1 + Math.Exp(-0.5 * (t - t0)))).ToArray());
        var a = LifeCycle.Assess(s);
        Assert.Null(a.Refusal);
        Assert.Equal(CurveFamily.Logistic, a.Chosen!.Family);
        Rel(1000, a.Chosen.Saturation);
        Rel(0.08, a.ShareOfSaturation!.Value);
        Assert.Equal(LifeCycleStage.Introduction, a.Stage);
    }

    [Fact]
    public void Assess_ExactLogisticLate_Maturity()
    {
        var years = Enumerable.Range(2000, 12).Select(i => (double)i).ToArray();
        var s = IndicatorSeries.From("x", "u", years, years.Select(t => 500 / (1 + Math.Exp(-0.8 * (t - 2005)))).ToArray());
        var a = LifeCycle.Assess(s);
        Assert.Equal(LifeCycleStage.Maturity, a.Stage);   // 2011: 1/(1+e^-4.8) = 99.2 % of 500
    }

    [Fact]
    public void Assess_Constant_RefusesFlat()
    {
        var s = IndicatorSeries.From("x", "u", [2010, 2011, 2012, 2013, 2014, 2015, 2016], [5, 5, 5, 5, 5, 5, 5]);
        Assert.Equal("flat_series", LifeCycle.Assess(s).Refusal!.Code);
    }

    [Fact]
    public void Assess_NegativeValues_Refuses()
    {
        var s = IndicatorSeries.From("x", "u", [2010, 2011, 2012, 2013, 2014, 2015, 2016], [-3, -1, 1, 3, 5, 6, 7]);
        var a = LifeCycle.Assess(s);
        Assert.Equal("non_positive_values", a.Refusal!.Code);
        Assert.Null(a.Cagr);
    }

    [Fact]
    public void Assess_PureExponential_RefusesSaturation()
    {
        // 10 % a year with no sign of levelling off: any saturation is an extrapolation.
        var years = Enumerable.Range(2010, 8).Select(i => (double)i).ToArray();
        var s = IndicatorSeries.From("x", "u", years, years.Select(t => 100 * Math.Pow(1.1, t - 2010)).ToArray());
        var a = LifeCycle.Assess(s);
        Assert.Null(a.Stage);
        // The logistic and Gompertz least-squares optima run off to K → ∞: no convergence.
        Assert.Equal("no_convergence", a.Refusal!.Code);
    }

    [Fact]
    public void Assess_ExactLogisticFarFromSaturation_RefusesSaturationBeyondData()
    {
        // Exact logistic K = 1000, last point at 2 % of K: the fit recovers K, but K is 50 × the data's maximum (limit 20 ×).
        var t0 = 2019 + Math.Log(1 / 0.02 - 1) / 0.5;
        var years = Enumerable.Range(2010, 10).Select(i => (double)i).ToArray();
        var s = IndicatorSeries.From("x", "u", years, years.Select(t => 1000 / (1 + Math.Exp(-0.5 * (t - t0)))).ToArray());
        var a = LifeCycle.Assess(s);
        Assert.Equal("saturation_beyond_data", a.Refusal!.Code);
        Assert.Contains("50", a.Refusal.Message);
        Assert.Null(a.Stage);
    }

    [Fact]
    public void Assess_FallingLevels_Decline()
    {
        var s = IndicatorSeries.From("x", "u", [2010, 2011, 2012, 2013, 2014, 2015, 2016], [10, 30, 60, 80, 90, 85, 70]);
        var a = LifeCycle.Assess(s);
        Assert.Equal(LifeCycleStage.Decline, a.Stage);
        Assert.Null(a.Refusal);
    }

    [Fact]
    public void Assess_FivePoints_RefusesTooFew()
    {
        var s = IndicatorSeries.From("x", "u", [2010, 2011, 2012, 2013, 2014], [1, 2, 4, 7, 9]);
        Assert.Equal("too_few_points", LifeCycle.Assess(s).Refusal!.Code);
    }
}
