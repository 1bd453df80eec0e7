using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Numerics.Tests.TimeSeries;

/// <summary>
/// Growth-curve fits compared with R's nls (reference/growth_curves.R, R version in reference/growth_curves.csv).
/// Tolerance 1e-6 relative for parameters, standard errors, t and p values, vcov, intervals, criteria and forecasts (R ran with nls tol ≤ 1e-7, see nls_finTol).
/// </summary>
public class CurveFitterTests
{
    const double Rel = 1e-6;

    static void Close(double expected, double actual, double rel, string what)
    {
        var tol = rel * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R} (R), got {actual:R}, |diff| {Math.Abs(expected - actual):G3} > {tol:G3}");
    }

    public static (double[] T, double[] Y) Dataset(string name) => name switch
    {
        // datasets::uspop (R), US census population in millions, 1790–1970 by decade.
        "uspop" => (Enumerable.Range(0, 19).Select(i => 1790.0 + 10 * i).ToArray(),
            [3.93, 5.31, 7.24, 9.64, 12.9, 17.1, 23.2, 31.4, 39.8, 50.2, 62.9, 76, 92, 105.7, 122.8, 131.7, 151.3, 179.3, 203.2]),
        // uspop without the 1850, 1900 and 1940 censuses (gaps).
        "uspopgap" => Drop(Dataset("uspop"), 1850, 1900, 1940),
        // datasets::DNase, Run 1 (R): t = log(conc), y = density; concentrations 0.04882812 … 12.5 in duplicate.
        "dnase1" => (new[] { 0.04882812, 0.04882812, 0.1953125, 0.1953125, 0.390625, 0.390625, 0.78125, 0.78125, 1.5625, 1.5625, 3.125, 3.125, 6.25, 6.25, 12.5, 12.5 }
                .Select(c => Math.Log(c)).ToArray(),
            [0.017, 0.018, 0.121, 0.124, 0.206, 0.215, 0.377, 0.374, 0.614, 0.609, 1.019, 1.001, 1.334, 1.364, 1.730, 1.710]),
        // datasets::Orange, Tree 1 (R): age (days), circumference (mm).
        "orange1" => ([118, 484, 664, 1004, 1231, 1372, 1582], [30, 58, 87, 115, 120, 142, 145]),
        // Cumulated annual sales 1979–1988, worked example in C. Wang, "Bass diffusion model", rpubs.com/chengjun/bass_model.
        "sales" => (Enumerable.Range(1979, 10).Select(i => (double)i).ToArray(),
            Cumulate([840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890])),
        _ => throw new ArgumentException(name),
    };

    static (double[], double[]) Drop((double[] T, double[] Y) d, params double[] years)
    {
        var keep = d.T.Select((t, i) => (t, i)).Where(x => !years.Contains(x.t)).Select(x => x.i).ToArray();
        return (keep.Select(i => d.T[i]).ToArray(), keep.Select(i => d.Y[i]).ToArray());
    }

    static double[] Cumulate(double[] x) { var s = 0.0; return x.Select(v => s += v).ToArray(); }

    static GrowthCurve Curve(string model) => model switch
    {
        "logistic" => new LogisticCurve(),
        "gompertz" => new GompertzCurve(),
        "bass" => new BassCurve(1978),
        _ => throw new ArgumentException(model),
    };

    [Theory]
    [InlineData("uspop", "logistic")]
    [InlineData("uspop", "gompertz")]
    [InlineData("dnase1", "logistic")]
    [InlineData("dnase1", "gompertz")]
    [InlineData("orange1", "logistic")]
    [InlineData("orange1", "gompertz")]
    [InlineData("uspopgap", "logistic")]
    [InlineData("uspopgap", "gompertz")]
    [InlineData("sales", "bass")]
    [InlineData("sales", "logistic")]
    [InlineData("sales", "gompertz")]
    public void Fit_MatchesRNls(string dataset, string model)
    {
        var c = dataset + "_" + model;
        var (t, y) = Dataset(dataset);
        var attempt = CurveFitter.Fit(Curve(model), t, y);
        Assert.True(attempt.Converged, attempt.FailureMessage);
        var fit = attempt.Fit!;
        Assert.Equal((int)RReference.Get(c, "n"), fit.N);
        Assert.Equal((int)RReference.Get(c, "df"), fit.DegreesOfFreedom);
        foreach (var p in fit.Parameters)
        {
            Close(RReference.Get(c, "estimate", p.Name), p.Estimate, Rel, $"{c} {p.Name} estimate");
            Close(RReference.Get(c, "se", p.Name), p.StandardError, Rel, $"{c} {p.Name} SE");
            Close(RReference.Get(c, "t", p.Name), p.TValue, Rel, $"{c} {p.Name} t");
            Close(RReference.Get(c, "p", p.Name), p.PValue, 1e-6, $"{c} {p.Name} p");
            Close(RReference.Get(c, "wald_t_low", p.Name), p.WaldT.Low, Rel, $"{c} {p.Name} Wald-t low");
            Close(RReference.Get(c, "wald_t_high", p.Name), p.WaldT.High, Rel, $"{c} {p.Name} Wald-t high");
            Close(RReference.Get(c, "wald_normal_low", p.Name), p.WaldNormal.Low, Rel, $"{c} {p.Name} confint.default low");
            Close(RReference.Get(c, "wald_normal_high", p.Name), p.WaldNormal.High, Rel, $"{c} {p.Name} confint.default high");
        }
        Close(RReference.Get(c, "sigma"), fit.ResidualStandardError, Rel, c + " sigma");
        Close(RReference.Get(c, "rss"), fit.ResidualSumOfSquares, Rel, c + " RSS");
        Close(RReference.Get(c, "loglik"), fit.LogLikelihood, Rel, c + " logLik");
        Close(RReference.Get(c, "aic"), fit.Aic, Rel, c + " AIC");
        Close(RReference.Get(c, "bic"), fit.Bic, Rel, c + " BIC");
        Close(RReference.Get(c, "aicc"), fit.Aicc, Rel, c + " AICc");
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Close(RReference.Get(c, "vcov", fit.Parameters[i].Name + ":" + fit.Parameters[j].Name), fit.Covariance[i, j], Rel, $"{c} vcov[{i},{j}]");
        var times = RReference.ForecastTimes(c).ToArray();
        foreach (var f in fit.Forecast(times))
        {
            var nm = f.Time.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            Close(RReference.Get(c, "fc_fit", nm), f.Estimate, Rel, $"{c} forecast {nm}");
            Close(RReference.Get(c, "fc_se", nm), f.StandardError, Rel, $"{c} forecast se {nm}");
            Close(RReference.Get(c, "fc_conf_low", nm), f.Confidence.Low, Rel, $"{c} conf low {nm}");
            Close(RReference.Get(c, "fc_conf_high", nm), f.Confidence.High, Rel, $"{c} conf high {nm}");
            Close(RReference.Get(c, "fc_pred_low", nm), f.Prediction.Low, Rel, $"{c} pred low {nm}");
            Close(RReference.Get(c, "fc_pred_high", nm), f.Prediction.High, Rel, $"{c} pred high {nm}");
        }
    }

    [Fact]
    public void Reference_RecordsRVersion() => Assert.StartsWith("R version", RReference.RVersion);
}
