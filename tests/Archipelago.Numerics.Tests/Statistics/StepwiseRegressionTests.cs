using Archipelago.Numerics.Statistics;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// Stepwise selection against reference/stepwise_bfi_*.csv, produced by reference/stepwise_bfi.R
/// (R 4.2.2, add1/drop1 partial F tests and lm, see stepwise_bfi_R_version.txt).
/// </summary>
public sealed class StepwiseRegressionTests
{
    static readonly string[] Candidates =
        [.. new[] { "A", "C", "E", "N", "O" }.SelectMany(f => Enumerable.Range(1, 5).Select(i => f + i)), "gender", "education"];

    static void Close(double expected, double actual, double rel, string what)
    {
        var err = Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(err < rel, $"{what}: expected {expected:R}, got {actual:R} (rel {err:G3})");
    }

    [Fact]
    public void Bfi_age_stepwise_matches_R_partial_F_script()
    {
        var bfi = ReferenceCsv.Bfi();
        var result = StepwiseRegression.Select("age", bfi.Numbers("age"), Candidates,
            Candidates.Select(c => (IReadOnlyList<double>)bfi.Numbers(c)).ToArray());
        var steps = ReferenceCsv.Reference("stepwise_bfi_steps.csv");
        Assert.Equal(steps.Rows.Count, result.Steps.Count);
        var vars = steps.Strings("variable");
        var actions = steps.Strings("action");
        var r2 = steps.Numbers("r_squared");
        var adj = steps.Numbers("adj_r_squared");
        var f = steps.Numbers("f");
        var pf = steps.Numbers("p_f");
        var se = steps.Numbers("se_estimate");
        for (var s = 0; s < result.Steps.Count; s++)
        {
            var st = result.Steps[s];
            Assert.Equal(vars[s], actions[s] == "entered" ? st.Entered : st.Removed);
            Close(r2[s], st.Fit.RSquared, 1e-10, $"R² step {s + 1}");
            Close(adj[s], st.Fit.AdjustedRSquared, 1e-10, $"adj R² step {s + 1}");
            Close(f[s], st.Fit.F, 1e-10, $"F step {s + 1}");
            Close(pf[s], st.Fit.PValueF, 1e-8, $"p F step {s + 1}");
            Close(se[s], st.Fit.Summary.StdErrorOfEstimate, 1e-10, $"SE est step {s + 1}");
        }
        var coefs = ReferenceCsv.Reference("stepwise_bfi_coefficients.csv");
        var cm = coefs.Numbers("model"); var ct = coefs.Strings("term");
        var cb = coefs.Numbers("b"); var cse = coefs.Numbers("se"); var cbeta = coefs.Numbers("beta");
        var ctt = coefs.Numbers("t"); var cp = coefs.Numbers("p");
        for (var i = 0; i < cm.Length; i++)
        {
            var c = result.Steps[(int)cm[i] - 1].Fit[ct[i]];
            Close(cb[i], c.B, 1e-9, $"B {ct[i]} model {cm[i]}");
            Close(cse[i], c.StdError, 1e-9, $"SE {ct[i]}");
            Close(ctt[i], c.T, 1e-9, $"t {ct[i]}");
            Close(cp[i], c.P, 1e-7, $"p {ct[i]}");
            if (!double.IsNaN(cbeta[i])) Close(cbeta[i], c.Beta!.Value, 1e-9, $"Beta {ct[i]}");
        }
        var ex = ReferenceCsv.Reference("stepwise_bfi_excluded.csv");
        var em = ex.Numbers("model"); var ev = ex.Strings("variable");
        var eb = ex.Numbers("beta_in"); var et = ex.Numbers("t"); var ep = ex.Numbers("p");
        var epr = ex.Numbers("partial"); var etol = ex.Numbers("tolerance");
        for (var i = 0; i < em.Length; i++)
        {
            var e = result.Steps[(int)em[i] - 1].Excluded.Single(x => x.Variable == ev[i]);
            Close(eb[i], e.BetaIn, 1e-8, $"Beta In {ev[i]} model {em[i]}");
            Close(et[i], e.T, 1e-8, $"t in {ev[i]} model {em[i]}");
            Close(ep[i], e.P, 1e-6, $"p in {ev[i]} model {em[i]}");
            Close(epr[i], e.Partial, 1e-8, $"partial {ev[i]}");
            Close(etol[i], e.Tolerance, 1e-8, $"tolerance {ev[i]}");
        }
    }
}
