using Archipelago.Numerics.Statistics;
using Xunit.Abstractions;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// bfi scale reliability against /work/shared/data/survey-psych-bfi/bfi_reference_cronbach_alpha_psych.csv (psych 2.2.9)
/// and reference/reliability_bfi_*.csv (reference/reliability_bfi.R: psych::alpha, psych::omega(nfactors = 1)$omega.tot).
/// </summary>
public sealed class ReliabilityTests(ITestOutputHelper output)
{
    static readonly Dictionary<string, string[]> Scales = new()
    {
        ["agree"] = ["-A1", "A2", "A3", "A4", "A5"], ["conscientious"] = ["C1", "C2", "C3", "-C4", "-C5"],
        ["extraversion"] = ["-E1", "-E2", "E3", "E4", "E5"], ["neuroticism"] = ["N1", "N2", "N3", "N4", "N5"],
        ["openness"] = ["O1", "-O2", "O3", "O4", "-O5"],
    };

    static ReliabilityResult Run(ReferenceCsv bfi, string scale, MissingHandling missing = MissingHandling.Pairwise)
    {
        var keys = Scales[scale];
        var names = keys.Select(k => k.TrimStart('-')).ToArray();
        var items = keys.Select(k => (IReadOnlyList<double>)(k.StartsWith('-')
            ? bfi.Numbers(k[1..]).Select(v => 7 - v).ToArray() : bfi.Numbers(k))).ToArray();
        return Reliability.Analyze(names, items, new ReliabilityOptions(Missing: missing));
    }

    [Fact]
    public void Alpha_per_scale_equals_shared_psych_reference()
    {
        var bfi = ReferenceCsv.Bfi();
        var r = ReferenceCsv.Read(SharedData.Path("survey-psych-bfi", "bfi_reference_cronbach_alpha_psych.csv"));
        var scales = r.Strings("scale");
        var raw = r.Numbers("raw_alpha_pairwise"); var std = r.Numbers("std_alpha_pairwise"); var lw = r.Numbers("raw_alpha_listwise");
        for (var i = 0; i < scales.Length; i++)
        {
            var res = Run(bfi, scales[i]);
            Assert.Equal(raw[i], res.Alpha, 13);
            Assert.Equal(std[i], res.StdAlpha, 13);
            Assert.Equal(lw[i], Run(bfi, scales[i], MissingHandling.Listwise).Alpha, 13);
        }
    }

    [Fact]
    public void Item_statistics_feldt_ci_and_omega_match_psych()
    {
        var bfi = ReferenceCsv.Bfi();
        var s = ReferenceCsv.Reference("reliability_bfi_scales.csv");
        var it = ReferenceCsv.Reference("reliability_bfi_items.csv");
        var scales = s.Strings("scale");
        var lo = s.Numbers("feldt_lower"); var hi = s.Numbers("feldt_upper"); var om = s.Numbers("omega_tot"); var ar = s.Numbers("average_r");
        var iScale = it.Strings("scale"); var iItem = it.Strings("item");
        var ad = it.Numbers("alpha_if_deleted"); var sd = it.Numbers("std_alpha_if_deleted");
        var rd = it.Numbers("r_drop"); var od = it.Numbers("omega_if_deleted");
        double worstOmega = 0;
        for (var i = 0; i < scales.Length; i++)
        {
            var res = Run(bfi, scales[i]);
            Assert.Equal(lo[i], res.AlphaLower, 10);
            Assert.Equal(hi[i], res.AlphaUpper, 10);
            Assert.Equal(ar[i], res.AverageR, 12);
            worstOmega = Math.Max(worstOmega, Math.Abs(om[i] - res.Omega!.Value));
            for (var j = 0; j < iItem.Length; j++)
            {
                if (iScale[j] != scales[i]) continue;
                var item = res.ItemStatistics.Single(x => x.Item == iItem[j]);
                Assert.Equal(ad[j], item.AlphaIfDeleted, 12);
                Assert.Equal(sd[j], item.StdAlphaIfDeleted, 12);
                Assert.Equal(rd[j], item.CorrectedItemTotalR, 12);
                worstOmega = Math.Max(worstOmega, Math.Abs(od[j] - item.OmegaIfDeleted!.Value));
            }
        }
        output.WriteLine($"largest |ω − psych ω| = {worstOmega:G3}");
        // psych reaches the minres solution by optim() (default tolerances); agreement to 1e-5 is the claim.
        Assert.True(worstOmega < 1e-5, $"omega differs from psych by {worstOmega:G3}");
    }

    [Fact]
    public void Constant_and_all_missing_items_are_named()
    {
        double[] a = [1, 2, 3, 4], b = [2, 2, 2, 2], c = [double.NaN, double.NaN, double.NaN, double.NaN];
        var e1 = Assert.Throws<StatisticsInputException>(() => Reliability.Analyze(["a", "b"], [a, b]));
        Assert.Equal((NoticeCodes.Constant, "b"), (e1.Code, e1.Variable));
        var e2 = Assert.Throws<StatisticsInputException>(() => Reliability.Analyze(["a", "c"], [a, c]));
        Assert.Equal((NoticeCodes.AllMissing, "c"), (e2.Code, e2.Variable));
    }

    [Fact]
    public void Singular_item_correlations_leave_omega_out_with_a_notice()
    {
        double[] q1 = [1, 2, 3, 4, 5, 2, 3, 4];
        double[] q2 = [2, 2, 3, 5, 4, 1, 3, 5];
        double[] q4 = [1, 3, 3, 4, 5, 2, 2, 4];
        var r = Reliability.Analyze(["q1", "q2", "copy", "q4"], [q1, q2, q1.ToArray(), q4]);
        Assert.Null(r.Omega);
        Assert.Contains(r.Notices, n => n.Code == NoticeCodes.NotPositiveDefinite);
        Assert.NotNull(r.ItemStatistics[0].OmegaIfDeleted); // without one of the twins the rest is fine
        Assert.True(r.Alpha > 0.8);
    }
}
