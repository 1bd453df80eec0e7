using Archipelago.Numerics.Statistics;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// Correlation, t-tests, Levene, ANOVA + Tukey HSD, rank tests, χ², KMO, Bartlett and EFA on psych::bfi against
/// reference/inference_bfi.csv, produced once by reference/inference_bfi.R (R 4.2.2, psych 2.2.9, car 3.1.1,
/// GPArotation 2022.10.2; see inference_bfi_R_version.txt):
/// <c>Rscript inference_bfi.R /work/shared/data/survey-psych-bfi/bfi.csv /work/shared/data/nist-strd-anova/SiRstvt.dat</c>.
/// </summary>
public sealed class InferenceTests(ITestOutputHelper output)
{
    static readonly Lazy<Dictionary<string, double>> Reference = new(() =>
    {
        var csv = ReferenceCsv.Reference("inference_bfi.csv");
        var names = csv.Strings("name"); var values = csv.Numbers("value");
        return names.Select((n, i) => (n, values[i])).ToDictionary(t => t.n, t => t.Item2);
    });

    static double R(string name) => Reference.Value[name];

    static void Close(double expected, double actual, double relative, string what)
    {
        var tol = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }

    static readonly ReferenceCsv Bfi = ReferenceCsv.Bfi();
    static readonly string[] Items = "ACENO".SelectMany(c => Enumerable.Range(1, 5).Select(i => $"{c}{i}")).ToArray();

    static (string[] Names, IReadOnlyList<double>[] Groups) GroupBy(string y, string by)
    {
        var yv = Bfi.Numbers(y); var g = Bfi.Numbers(by);
        var levels = g.Where(v => !double.IsNaN(v)).Distinct().OrderBy(v => v).ToArray();
        return (levels.Select(l => l.ToString()).ToArray(),
            levels.Select(l => (IReadOnlyList<double>)yv.Where((_, i) => g[i] == l).ToArray()).ToArray());
    }

    [Theory]
    [InlineData(CorrelationMethod.Pearson, "pearson")]
    [InlineData(CorrelationMethod.Spearman, "spearman")]
    public void Correlation_matrix_r_p_and_n_equal_psych_corr_test(CorrelationMethod method, string name)
    {
        string[] vars = ["A1", "A2", "A3", "gender", "education", "age"];
        var m = Correlation.Matrix(vars, vars.Select(v => (IReadOnlyList<double>)Bfi.Numbers(v)).ToArray(), method);
        for (var i = 0; i < vars.Length; i++)
            for (var j = 0; j < vars.Length; j++)
            {
                Close(R($"corr.{name}.r[{i + 1};{j + 1}]"), m.R[i, j], 1e-12, $"r {vars[i]},{vars[j]}");
                Assert.Equal(R($"corr.{name}.n[{i + 1};{j + 1}]"), m.N[i, j]);
                if (i != j) Close(R($"corr.{name}.p[{i + 1};{j + 1}]"), m.P[i, j], 1e-9, $"p {vars[i]},{vars[j]}");
            }
    }

    [Fact]
    public void Correlation_of_a_constant_variable_is_refused_naming_it()
    {
        var e = Assert.Throws<StatisticsInputException>(() => Correlation.Matrix(["a", "b"], [[1, 2, 3], [4, 4, 4]], CorrelationMethod.Pearson));
        Assert.Equal("b", e.Variable);
        Assert.Equal(NoticeCodes.Constant, e.Code);
    }

    [Fact]
    public void T_tests_equal_R_t_test()
    {
        void Check(TTestResult t, string key)
        {
            Close(R($"t.{key}.t"), t.T, 1e-10, key + " t"); Close(R($"t.{key}.df"), t.Df, 1e-10, key + " df");
            Close(R($"t.{key}.p"), t.P, 1e-9, key + " p");
            Close(R($"t.{key}.ci[1]"), t.CiLower, 1e-9, key + " ci"); Close(R($"t.{key}.ci[2]"), t.CiUpper, 1e-9, key + " ci");
        }
        Check(TTests.OneSample("A1", Bfi.Numbers("A1"), 3), "one");
        Check(TTests.Paired("A1", Bfi.Numbers("A1"), "A2", Bfi.Numbers("A2")), "paired");
        var (_, g) = GroupBy("age", "gender");
        Check(TTests.Independent("1", g[0], "2", g[1], equalVariances: true), "student");
        Check(TTests.Independent("1", g[0], "2", g[1], equalVariances: false), "welch");
    }

    [Fact]
    public void Levene_mean_and_median_equal_car_leveneTest()
    {
        foreach (var (key, y, by) in new[] { ("levene", "age", "gender"), ("levene3", "A1", "education") })
        {
            var (names, groups) = GroupBy(y, by);
            foreach (var (c, cn) in new[] { (LeveneCenter.Mean, "mean"), (LeveneCenter.Median, "median") })
            {
                var l = TTests.Levene(names, groups, c);
                Close(R($"{key}.{cn}.F"), l.F, 1e-10, $"{key} {cn} F");
                Close(R($"{key}.{cn}.p"), l.P, 1e-9, $"{key} {cn} p");
            }
        }
    }

    [Fact]
    public void Studentized_range_tail_equals_R_ptukey()
    {
        Close(R("ptukey.3.5.10"), StudentizedRange.UpperTail(3.5, 5, 10), 1e-8, "ptukey(3.5, 5, 10)");
        Close(R("ptukey.2.2.1000"), StudentizedRange.UpperTail(2, 2, 1000), 1e-8, "ptukey(2, 2, 1000)");
        Close(R("ptukey.6.20.30"), StudentizedRange.UpperTail(6, 20, 30), 1e-8, "ptukey(6, 20, 30)");
        // Exact case: k = 2, df → ∞ is the range of two normals, P(|Z₁ − Z₂| > q) = 2(1 − Φ(q/√2)) = erfc(q/2).
        Close(MathNet.Numerics.SpecialFunctions.Erfc(1.5 / 2), StudentizedRange.UpperTail(1.5, 2, 1e6), 1e-9, "k = 2, df = ∞");
    }

    [Theory]
    [InlineData("tukey")]
    [InlineData("nist.tukey")]
    public void Tukey_hsd_equals_R_TukeyHSD(string key)
    {
        string[] names; IReadOnlyList<double>[] groups;
        if (key == "tukey") (names, groups) = GroupBy("A1", "education");
        else
        {
            // NIST StRD SiRstvt: data lines 61–65, one column per instrument.
            var rows = File.ReadAllLines(SharedData.Path("nist-strd-anova", "SiRstvt.dat"))[60..65]
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ReferenceCsv.Num).ToArray()).ToArray();
            names = Enumerable.Range(1, 5).Select(i => i.ToString()).ToArray();
            groups = Enumerable.Range(0, 5).Select(j => (IReadOnlyList<double>)rows.Select(r => r[j]).ToArray()).ToArray();
        }
        var t = TukeyHsd.Compute(names, groups);
        if (key == "tukey") { Close(R("anova.F"), t.Anova.F, 1e-10, "F"); Close(R("anova.p"), t.Anova.P, 1e-9, "p"); }
        for (var i = 0; i < t.Comparisons.Count; i++)
        {
            var c = t.Comparisons[i];
            Close(R($"{key}.diff[{i + 1}]"), c.Difference, 1e-10, $"diff {c.GroupB}-{c.GroupA}");
            Close(R($"{key}.lwr[{i + 1}]"), c.Lower, 1e-8, $"lwr {c.GroupB}-{c.GroupA}");
            Close(R($"{key}.upr[{i + 1}]"), c.Upper, 1e-8, $"upr {c.GroupB}-{c.GroupA}");
            Close(R($"{key}.p[{i + 1}]"), c.P, 1e-7, $"p {c.GroupB}-{c.GroupA}");
        }
    }

    [Fact]
    public void Mann_whitney_exact_and_normal_equal_R_wilcox_test()
    {
        double[] x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], y = [1.15, 0.88, 0.90, 0.74, 1.21];
        var e = RankTests.MannWhitney("x", x, "y", y);
        Assert.True(e.Exact);
        Assert.Equal(R("mw.exact.W"), e.W);
        Close(R("mw.exact.p"), e.P, 1e-12, "exact p");
        var (_, g) = GroupBy("A1", "gender");
        var n = RankTests.MannWhitney("1", g[0], "2", g[1]);
        Assert.False(n.Exact);
        Assert.Equal(R("mw.bfi.W"), n.W);
        Close(R("mw.bfi.p"), n.P, 1e-9 * R("mw.bfi.p"), "normal p");
        Close(R("mw.bfi.nocorrect.p"), RankTests.MannWhitney("1", g[0], "2", g[1], continuityCorrection: false).P, 1e-9 * R("mw.bfi.p"), "uncorrected p");
    }

    [Fact]
    public void Exact_u_distribution_counts_sum_to_binomial_coefficient()
    {
        // Σ frequencies = C(m+n, m); m = 3, n = 2: U = 0..6 with counts 1,1,2,2,2,1,1 (enumerated by hand).
        Assert.Equal([1, 1, 2, 2, 2, 1, 1], RankTests.UDistribution(3, 2));
        Assert.Equal(184756, RankTests.UDistribution(10, 10).Sum());
    }

    [Fact]
    public void Kruskal_wallis_equals_R_kruskal_test()
    {
        var (names, groups) = GroupBy("A1", "education");
        var k = RankTests.KruskalWallis(names, groups);
        Close(R("kw.H"), k.H, 1e-10, "H"); Assert.Equal(R("kw.df"), k.Df); Close(R("kw.p"), k.P, 1e-9 * R("kw.p"), "p");
    }

    static double[,] Table(double[] a, double[] b)
    {
        var ra = a.Where(v => !double.IsNaN(v)).Distinct().OrderBy(v => v).ToList();
        var rb = b.Where(v => !double.IsNaN(v)).Distinct().OrderBy(v => v).ToList();
        var t = new double[ra.Count, rb.Count];
        for (var i = 0; i < a.Length; i++) if (!double.IsNaN(a[i]) && !double.IsNaN(b[i])) t[ra.IndexOf(a[i]), rb.IndexOf(b[i])]++;
        return t;
    }

    [Fact]
    public void Chi_square_equals_R_chisq_test_with_and_without_yates()
    {
        var t = Table(Bfi.Numbers("gender"), Bfi.Numbers("education"));
        var c = ChiSquareIndependence.Test(t, ["1", "2"], ["1", "2", "3", "4", "5"]);
        Close(R("chisq.X2"), c.ChiSquare, 1e-11, "X2"); Assert.Equal(R("chisq.df"), c.Df); Close(R("chisq.p"), c.P, 1e-9, "p");
        var t22 = Table(Bfi.Numbers("gender"), Bfi.Numbers("A1").Select(v => double.IsNaN(v) ? v : v > 3 ? 1 : 0).ToArray());
        var y = ChiSquareIndependence.Test(t22, ["1", "2"], ["no", "yes"]);
        Assert.True(y.YatesCorrection);
        Close(R("chisq22.X2"), y.ChiSquare, 1e-11, "Yates X2"); Close(R("chisq22.p"), y.P, 1e-9 * R("chisq22.p"), "Yates p");
        Close(R("chisq22.nocorrect.X2"), ChiSquareIndependence.Test(t22, ["1", "2"], ["no", "yes"], yates: false).ChiSquare, 1e-11, "X2");
    }

    static Matrix<double> BfiR() => FactorAnalysis.PairwiseCorrelations(Items, Items.Select(i => (IReadOnlyList<double>)Bfi.Numbers(i)).ToArray());

    [Fact]
    public void Kmo_and_bartlett_equal_psych()
    {
        var r = BfiR();
        var k = FactorAnalysis.Kmo(r);
        Close(R("kmo.msa"), k.Overall, 1e-12, "MSA");
        for (var i = 0; i < Items.Length; i++) Close(R($"kmo.item[{i + 1}]"), k.PerItem[i], 1e-12, "MSA " + Items[i]);
        var b = FactorAnalysis.Bartlett(r, Bfi.Rows.Count);
        Close(R("bartlett.chisq"), b.ChiSquare, 1e-11, "chi2"); Assert.Equal(R("bartlett.df"), b.Df);
    }

    /// <summary>Reorders and re-signs our factors to best match R's columns (|congruence|), then compares cell by cell.</summary>
    static double LoadingsDifference(double[,] ours, Func<int, int, double> theirs, out int[] map, out int[] sign)
    {
        int p = ours.GetLength(0), k = ours.GetLength(1);
        map = new int[k]; sign = new int[k];
        var used = new bool[k];
        double worst = 0;
        for (var j = 0; j < k; j++)
        {
            var best = -1; double bestDot = -1;
            for (var c = 0; c < k; c++)
            {
                if (used[c]) continue;
                double dot = 0;
                for (var i = 0; i < p; i++) dot += ours[i, c] * theirs(i, j);
                if (Math.Abs(dot) > bestDot) { bestDot = Math.Abs(dot); best = c; }
            }
            used[best] = true; map[j] = best;
            double sdot = 0;
            for (var i = 0; i < p; i++) sdot += ours[i, best] * theirs(i, j);
            sign[j] = sdot < 0 ? -1 : 1;
            for (var i = 0; i < p; i++) worst = Math.Max(worst, Math.Abs(sign[j] * ours[i, best] - theirs(i, j)));
        }
        return worst;
    }

    [Theory]
    [InlineData(Extraction.PrincipalAxis, Rotation.None, 1e-8)]
    [InlineData(Extraction.PrincipalAxis, Rotation.Varimax, 1e-8)]
    [InlineData(Extraction.PrincipalAxis, Rotation.Promax, 1e-8)]
    [InlineData(Extraction.PrincipalAxis, Rotation.Oblimin, 1e-4)]
    [InlineData(Extraction.PrincipalComponents, Rotation.None, 1e-10)]
    [InlineData(Extraction.PrincipalComponents, Rotation.Varimax, 1e-8)]
    [InlineData(Extraction.PrincipalComponents, Rotation.Promax, 1e-8)]
    [InlineData(Extraction.PrincipalComponents, Rotation.Oblimin, 1e-4)]
    public void Efa_five_factors_on_bfi_match_psych_up_to_order_and_sign(Extraction extraction, Rotation rotation, double tolerance)
    {
        // Oblimin: GPArotation stops at a gradient norm below 1e-5, so agreement is to about that order, not to rounding.
        var key = $"efa.{(extraction == Extraction.PrincipalAxis ? "pa" : "pc")}.{rotation.ToString().ToLowerInvariant()}";
        var f = FactorAnalysis.Fit(Items, BfiR(), 5, extraction, rotation);
        var worst = LoadingsDifference(f.Loadings, (i, j) => R($"{key}.loadings[{i + 1};{j + 1}]"), out var map, out var sign);
        output.WriteLine($"{key}: max |Δ loading| = {worst:E2}; order {string.Join(",", map)}; iterations {f.Iterations}");
        Assert.True(worst <= tolerance, $"{key}: max |Δ loading| {worst:E3}");
        for (var i = 0; i < Items.Length; i++) Close(R($"{key}.h2[{i + 1}]"), f.Communalities[i], 1e-8, "h2 " + Items[i]);
        if (f.Phi is { } phi && extraction == Extraction.PrincipalAxis)
            for (var a = 0; a < 5; a++)
                for (var b = 0; b < 5; b++)
                    Close(R($"{key}.phi[{a + 1};{b + 1}]"), sign[a] * sign[b] * phi[map[a], map[b]], tolerance * 10, $"phi {a},{b}");
        for (var i = 0; i < Items.Length; i++) Close(R($"efa.values[{i + 1}]"), f.Eigenvalues[i], 1e-10, "eigenvalue");
        if (extraction == Extraction.PrincipalAxis && rotation == Rotation.None)
            for (var i = 0; i < Items.Length; i++) Close(R($"efa.pa.reduced_values[{i + 1}]"), f.ReducedEigenvalues![i], 1e-8, "reduced eigenvalue");
    }

    [Fact]
    public void Parallel_analysis_agrees_with_psych_fa_parallel()
    {
        var r = BfiR();
        var pa = FactorAnalysis.Parallel(r, Bfi.Rows.Count, 100, new Random(42));
        for (var i = 0; i < Items.Length; i++)
        {
            Close(R($"parallel.pc.observed[{i + 1}]"), pa.ComponentObserved[i], 1e-10, "observed PC eigenvalue");
            Close(R($"parallel.fa.observed[{i + 1}]"), pa.FactorObserved[i], 1e-10, "observed FA eigenvalue");
            // Simulated: two independent random samples of 100 replications; their means differ by a few thousandths.
            Assert.InRange(pa.ComponentSimulatedMean[i] - R($"parallel.pc.sim[{i + 1}]"), -0.01, 0.01);
            Assert.InRange(pa.FactorSimulatedMean[i] - R($"parallel.fa.sim[{i + 1}]"), -0.01, 0.01);
        }
        output.WriteLine($"suggested: {pa.SuggestedFactors} factors, {pa.SuggestedComponents} components");
        Assert.Equal(R("parallel.ncomp"), pa.SuggestedComponents);
        Assert.Equal(R("parallel.nfact"), pa.SuggestedFactors);
    }
}
