using System.Globalization;
using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Numerics.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Archipelago.Modules.Surveys;

public sealed record CorrelationRowDto(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("r")] IReadOnlyList<double?> R,
    [property: JsonPropertyName("p")] IReadOnlyList<double?> P,
    [property: JsonPropertyName("n")] IReadOnlyList<int> N);

/// <summary>The result of <c>stats corr</c> / <c>POST /api/surveys/corr</c>: one row per variable, columns in <see cref="Variables"/> order.</summary>
public sealed record CorrelationReport(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("variables")] IReadOnlyList<string> Variables,
    [property: JsonPropertyName("rows")] IReadOnlyList<CorrelationRowDto> Rows,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record GroupDto(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("sd")] double? Sd,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("ci_lower")] double? CiLower,
    [property: JsonPropertyName("ci_upper")] double? CiUpper,
    [property: JsonPropertyName("mean_rank")] double? MeanRank);

public sealed record TTestDto(
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("t")] double? T,
    [property: JsonPropertyName("df")] double? Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("difference")] double? Difference,
    [property: JsonPropertyName("se_difference")] double? SeDifference,
    [property: JsonPropertyName("ci_lower")] double? CiLower,
    [property: JsonPropertyName("ci_upper")] double? CiUpper,
    [property: JsonPropertyName("cohens_d")] double? CohensD);

public sealed record LeveneDto(
    [property: JsonPropertyName("center")] string Center,
    [property: JsonPropertyName("F")] double? F,
    [property: JsonPropertyName("df1")] int Df1,
    [property: JsonPropertyName("df2")] int Df2,
    [property: JsonPropertyName("p")] double? P);

/// <summary>The result of <c>stats ttest</c> / <c>POST /api/surveys/ttest</c>.</summary>
public sealed record TTestReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("groups")] IReadOnlyList<GroupDto> Groups,
    [property: JsonPropertyName("tests")] IReadOnlyList<TTestDto> Tests,
    [property: JsonPropertyName("levene")] IReadOnlyList<LeveneDto> Levene,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record TukeyDto(
    [property: JsonPropertyName("group_a")] string GroupA,
    [property: JsonPropertyName("group_b")] string GroupB,
    [property: JsonPropertyName("difference")] double? Difference,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("ci_lower")] double? CiLower,
    [property: JsonPropertyName("ci_upper")] double? CiUpper,
    [property: JsonPropertyName("p")] double? P);

/// <summary>The result of <c>stats anova</c> / <c>POST /api/surveys/anova</c>: SPSS ONEWAY with Tukey HSD.</summary>
public sealed record OneWayAnovaReport(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("factor")] string Factor,
    [property: JsonPropertyName("groups")] IReadOnlyList<GroupDto> Groups,
    [property: JsonPropertyName("anova")] IReadOnlyList<AnovaRowDto> Anova,
    [property: JsonPropertyName("eta2")] double? Eta2,
    [property: JsonPropertyName("levene")] IReadOnlyList<LeveneDto> Levene,
    [property: JsonPropertyName("tukey")] IReadOnlyList<TukeyDto> Tukey,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

/// <summary>The result of <c>stats nonparam</c> / <c>POST /api/surveys/nonparam</c>: Mann–Whitney U for two groups, Kruskal–Wallis H for more.</summary>
public sealed record NonparametricReport(
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("factor")] string Factor,
    [property: JsonPropertyName("groups")] IReadOnlyList<GroupDto> Groups,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("z")] double? Z,
    [property: JsonPropertyName("df")] int? Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("exact")] bool Exact,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record LoadingRowDto(
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("loadings")] IReadOnlyList<double> Loadings,
    [property: JsonPropertyName("h2")] double H2,
    [property: JsonPropertyName("u2")] double U2,
    [property: JsonPropertyName("kmo")] double? Kmo);

public sealed record EigenRowDto(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("eigenvalue")] double Eigenvalue,
    [property: JsonPropertyName("percent")] double Percent,
    [property: JsonPropertyName("cumulative")] double Cumulative,
    [property: JsonPropertyName("parallel_mean")] double? ParallelMean,
    [property: JsonPropertyName("parallel_95")] double? Parallel95);

/// <summary>The result of <c>stats efa</c> / <c>POST /api/surveys/efa</c>.</summary>
public sealed record EfaReport(
    [property: JsonPropertyName("extraction")] string Extraction,
    [property: JsonPropertyName("rotation")] string Rotation,
    [property: JsonPropertyName("factors")] int Factors,
    [property: JsonPropertyName("factors_from")] string FactorsFrom,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("kmo")] double? Kmo,
    [property: JsonPropertyName("bartlett_chi2")] double? BartlettChi2,
    [property: JsonPropertyName("bartlett_df")] int BartlettDf,
    [property: JsonPropertyName("bartlett_p")] double? BartlettP,
    [property: JsonPropertyName("eigenvalues")] IReadOnlyList<EigenRowDto> Eigenvalues,
    [property: JsonPropertyName("parallel_suggests")] int ParallelSuggests,
    [property: JsonPropertyName("loadings")] IReadOnlyList<LoadingRowDto> Loadings,
    [property: JsonPropertyName("ss_loadings")] IReadOnlyList<double> SsLoadings,
    [property: JsonPropertyName("proportion_var")] IReadOnlyList<double> ProportionVar,
    [property: JsonPropertyName("phi")] IReadOnlyList<IReadOnlyList<double>>? Phi,
    [property: JsonPropertyName("iterations")] int Iterations,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record CrosstabRowDto(
    [property: JsonPropertyName("row")] string Row,
    [property: JsonPropertyName("observed")] IReadOnlyList<double> Observed,
    [property: JsonPropertyName("expected")] IReadOnlyList<double> Expected,
    [property: JsonPropertyName("std_residual")] IReadOnlyList<double> StdResidual);

/// <summary>The result of <c>stats crosstab</c> / <c>POST /api/surveys/crosstab</c>.</summary>
public sealed record CrosstabReport(
    [property: JsonPropertyName("rows_variable")] string RowsVariable,
    [property: JsonPropertyName("columns_variable")] string ColumnsVariable,
    [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns,
    [property: JsonPropertyName("table")] IReadOnlyList<CrosstabRowDto> Table,
    [property: JsonPropertyName("chi2")] double? Chi2,
    [property: JsonPropertyName("df")] int Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("yates")] bool Yates,
    [property: JsonPropertyName("cramers_v")] double? CramersV,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public static partial class SurveyAnalyses
{
    public static readonly string[] CorrelationMethods = ["pearson", "spearman"];
    public static readonly string[] TTestKinds = ["independent", "paired", "one-sample"];
    public static readonly string[] Extractions = ["pa", "pc"];
    public static readonly string[] Rotations = ["none", "varimax", "promax", "oblimin"];

    public static CorrelationReport Correlate(CaseTable data, IReadOnlyList<string> variables, string method = "pearson")
    {
        method = method.ToLowerInvariant();
        if (!CorrelationMethods.Contains(method)) throw new DomainException("usage", $"Unknown method '{method}'; use pearson or spearman.", "method");
        if (variables.Count < 2) throw new DomainException("usage", "Name at least two variables.", "variables");
        var columns = variables.Select(v => (IReadOnlyList<double>)data.Numbers(v)).ToArray();
        var u = new Undefined();
        return Statistics(() =>
        {
            var m = Correlation.Matrix(variables, columns, method == "pearson" ? CorrelationMethod.Pearson : CorrelationMethod.Spearman);
            var rows = variables.Select((v, i) => new CorrelationRowDto(v,
                variables.Select((w, j) => u.Of(m.R[i, j], $"r of {v} and {w}")).ToList(),
                variables.Select((w, j) => i == j ? null : u.Of(m.P[i, j], $"p of {v} and {w} (fewer than 3 pairs)")).ToList(),
                variables.Select((_, j) => m.N[i, j]).ToList())).ToList();
            return new CorrelationReport(method, variables.ToList(), rows, Dtos([], u));
        });
    }

    /// <summary>Cases split by the text of a grouping column (codes or labels), groups in natural order
    /// (numeric codes in numeric order) unless <paramref name="levels"/> names them (and then only those are used).</summary>
    static (List<string> Names, List<IReadOnlyList<double>> Groups) Split(CaseTable data, string y, string by, IReadOnlyList<string>? levels)
    {
        if (y == by) throw new DomainException("usage", $"'{y}' is both the dependent variable and the grouping variable.", "group");
        var values = data.Numbers(y);
        var labels = data.Labels(by);
        var names = levels is { Count: > 0 } ? levels.ToList() : labels.Where(l => l is not null).Distinct().Select(l => l!).OrderBy(l => l, NaturalOrder).ToList();
        if (levels is { Count: > 0 } && levels.FirstOrDefault(l => !labels.Contains(l)) is { } absent)
            throw new DomainException("unknown_level", $"Grouping variable '{by}' has no value '{absent}'. Values: {string.Join(", ", labels.Where(l => l != null).Distinct().Take(20))}.", by);
        var groups = names.Select(n => (IReadOnlyList<double>)values.Where((_, i) => labels[i] == n && !double.IsNaN(values[i])).ToArray()).ToList();
        return (names, groups);
    }

    static GroupDto Group(string name, IReadOnlyList<double> v, Undefined u, double? meanRank = null)
    {
        var x = v.Where(d => !double.IsNaN(d)).ToArray();
        var m = x.Length > 0 ? x.Average() : double.NaN;
        var sd = x.Length > 1 ? Math.Sqrt(x.Sum(d => (d - m) * (d - m)) / (x.Length - 1)) : double.NaN;
        var se = sd / Math.Sqrt(x.Length);
        var q = x.Length > 1 ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, x.Length - 1, 0.975) : double.NaN;
        return new GroupDto(name, x.Length, u.Of(m, $"mean of {name}"), u.Of(sd, $"sd of {name} (n < 2)"), u.Of(se, $"SE of {name} (n < 2)"),
            u.Of(m - q * se, $"CI of {name} (n < 2)"), u.Of(m + q * se, $"CI of {name} (n < 2)"), meanRank);
    }

    public static TTestReport TTest(CaseTable data, string kind, string y, string? group = null, IReadOnlyList<string>? levels = null,
        string? pairedWith = null, double mu = 0)
    {
        kind = kind.ToLowerInvariant();
        if (!TTestKinds.Contains(kind)) throw new DomainException("usage", $"Unknown t-test '{kind}'; use {string.Join(", ", TTestKinds)}.", "kind");
        var u = new Undefined();
        TTestDto Dto(TTestResult t) => new(t.Test, u.Of(t.T, "t"), u.Of(t.Df, "df"), u.Of(t.P, "p"), u.Of(t.Estimate, "difference"), u.Of(t.StdError, "SE"),
            u.Of(t.CiLower, "CI lower"), u.Of(t.CiUpper, "CI upper"), u.Of(t.CohensD, "Cohen's d"));
        switch (kind)
        {
            case "one-sample":
            {
                var v = data.Numbers(y);
                return Statistics(() => new TTestReport(kind, y, [Group(y, v, u)], [Dto(TTests.OneSample(y, v, mu))], [], Dtos([], u)));
            }
            case "paired":
            {
                if (pairedWith is null) throw new DomainException("usage", "A paired t-test needs the second variable (paired_with / --paired-with).", "paired_with");
                var a = data.Numbers(y); var b = data.Numbers(pairedWith);
                return Statistics(() =>
                {
                    var t = TTests.Paired(y, a, pairedWith, b);
                    var complete = Enumerable.Range(0, a.Length).Where(i => !double.IsNaN(a[i]) && !double.IsNaN(b[i])).ToArray();
                    var notices = complete.Length < a.Length ? [new Notice(NoticeCodes.MissingExcluded, $"{a.Length - complete.Length} cases without both values were left out.")] : new List<Notice>();
                    return new TTestReport(kind, y, [Group(y, complete.Select(i => a[i]).ToArray(), u), Group(pairedWith, complete.Select(i => b[i]).ToArray(), u)],
                        [Dto(t)], [], Dtos(notices, u));
                });
            }
            default:
            {
                if (group is null) throw new DomainException("usage", "An independent-samples t-test needs the grouping variable (group / --group).", "group");
                var (names, groups) = Split(data, y, group, levels);
                if (names.Count != 2)
                    throw new DomainException("not_two_groups", $"Grouping variable '{group}' has {names.Count} values ({string.Join(", ", names.Take(10))}); name the two to compare with levels / --levels, or use anova.", group);
                return Statistics(() =>
                {
                    var tests = new[] { true, false }.Select(eq => Dto(TTests.Independent(names[0], groups[0], names[1], groups[1], eq))).ToList();
                    var levene = new[] { LeveneCenter.Mean, LeveneCenter.Median }.Select(c => TTests.Levene(names, groups, c))
                        .Select(l => new LeveneDto(l.Center, u.Of(l.F, "Levene F"), l.Df1, l.Df2, u.Of(l.P, "Levene p"))).ToList();
                    return new TTestReport(kind, y, names.Select((n, i) => Group(n, groups[i], u)).ToList(), tests, levene, Dtos([], u));
                });
            }
        }
    }

    public static OneWayAnovaReport Anova(CaseTable data, string y, string factor, IReadOnlyList<string>? levels = null)
    {
        var (names, groups) = Split(data, y, factor, levels);
        var u = new Undefined();
        return Statistics(() =>
        {
            var t = TukeyHsd.Compute(names, groups);
            var a = t.Anova;
            var rows = new[] { a.Between, a.Within, a.Total }.Select(r => new AnovaRowDto(r.Source, u.Of(r.SumOfSquares, $"SS {r.Source}"), r.Df,
                u.Of(r.MeanSquare, $"MS {r.Source}"), u.Of(r.F, $"F {r.Source}"), u.Of(r.P, $"p {r.Source}"))).ToList();
            var levene = new[] { LeveneCenter.Mean, LeveneCenter.Median }.Select(c => TTests.Levene(names, groups, c))
                .Select(l => new LeveneDto(l.Center, u.Of(l.F, "Levene F (all groups constant)"), l.Df1, l.Df2, u.Of(l.P, "Levene p"))).ToList();
            var tukey = t.Comparisons.Select(c => new TukeyDto(c.GroupA, c.GroupB, c.Difference, u.Of(c.StdError, "Tukey SE"), u.Of(c.Lower, "Tukey CI"), u.Of(c.Upper, "Tukey CI"),
                u.Of(c.P, $"Tukey p of {c.GroupB} − {c.GroupA}"))).ToList();
            return new OneWayAnovaReport(y, factor, names.Select((n, i) => Group(n, groups[i], u)).ToList(), rows, u.Of(a.RSquared, "eta squared"), levene, tukey, Dtos([], u));
        });
    }

    public static NonparametricReport Nonparametric(CaseTable data, string y, string factor, IReadOnlyList<string>? levels = null, bool exactIfPossible = true)
    {
        var (names, groups) = Split(data, y, factor, levels);
        var u = new Undefined();
        return Statistics(() =>
        {
            if (names.Count == 2)
            {
                var m = RankTests.MannWhitney(names[0], groups[0], names[1], groups[1], exactIfPossible ? MannWhitneyMethod.Auto : MannWhitneyMethod.Normal);
                return new NonparametricReport("mann-whitney", y, factor, [Group(names[0], groups[0], u, m.MeanRankA), Group(names[1], groups[1], u, m.MeanRankB)],
                    m.W, m.Z, null, u.Of(m.P, "p"), m.Exact, Dtos([], u));
            }
            var k = RankTests.KruskalWallis(names, groups);
            return new NonparametricReport("kruskal-wallis", y, factor, names.Select((n, i) => Group(n, groups[i], u, k.Groups[i].MeanRank)).ToList(),
                u.Of(k.H, "H"), null, k.Df, u.Of(k.P, "p"), false, Dtos([], u));
        });
    }

    /// <param name="factors">Number of factors; null = as many as parallel analysis suggests (at least one).</param>
    public static EfaReport Efa(CaseTable data, IReadOnlyList<string> items, int? factors = null, string extraction = "pa", string rotation = "varimax",
        int parallelIterations = 20, int seed = 42)
    {
        extraction = extraction.ToLowerInvariant(); rotation = rotation.ToLowerInvariant();
        if (!Extractions.Contains(extraction)) throw new DomainException("usage", $"Unknown extraction '{extraction}'; use pa (principal axis) or pc (principal components).", "extraction");
        if (!Rotations.Contains(rotation)) throw new DomainException("usage", $"Unknown rotation '{rotation}'; use {string.Join(", ", Rotations)}.", "rotation");
        if (items.Count < 3) throw new DomainException("usage", "Name at least three items.", "items");
        if (factors is < 1) throw new DomainException("usage", $"The number of factors must be at least 1; it is {factors}.", "factors");
        if (factors > items.Count) throw new DomainException("usage", $"{factors} factors cannot be extracted from {items.Count} items.", "factors");
        var columns = items.Select(i => (IReadOnlyList<double>)data.Numbers(i)).ToArray();
        var n = columns[0].Count;
        return Statistics(() =>
        {
            var r = FactorAnalysis.PairwiseCorrelations(items, columns);
            var kmo = FactorAnalysis.Kmo(r);
            var bartlett = FactorAnalysis.Bartlett(r, n);
            var parallel = FactorAnalysis.Parallel(r, n, parallelIterations, new Random(seed));
            var ext = extraction == "pa" ? Extraction.PrincipalAxis : Extraction.PrincipalComponents;
            var suggested = ext == Extraction.PrincipalAxis ? parallel.SuggestedFactors : parallel.SuggestedComponents;
            var k = factors ?? Math.Max(1, suggested);
            var f = FactorAnalysis.Fit(items, r, k, ext, Enum.Parse<Rotation>(rotation, ignoreCase: true));
            var u = new Undefined();
            double cum = 0;
            var eigen = f.Eigenvalues.Select((e, i) => new EigenRowDto(i + 1, e, 100 * e / items.Count, cum += 100 * e / items.Count,
                ext == Extraction.PrincipalAxis ? parallel.FactorSimulatedMean[i] : parallel.ComponentSimulatedMean[i],
                ext == Extraction.PrincipalAxis ? parallel.FactorSimulatedQuantile[i] : parallel.ComponentSimulatedQuantile[i])).ToList();
            // For principal axis the scree and parallel criterion use the SMC-reduced eigenvalues, as psych::fa.parallel does.
            if (ext == Extraction.PrincipalAxis)
            {
                cum = 0;
                eigen = parallel.FactorObserved.Select((e, i) => eigen[i] with { Eigenvalue = e, Percent = 100 * e / items.Count, Cumulative = cum += 100 * e / items.Count }).ToList();
            }
            var loadings = items.Select((it, i) => new LoadingRowDto(it, Enumerable.Range(0, k).Select(j => f.Loadings[i, j]).ToList(),
                f.Communalities[i], 1 - f.Communalities[i], u.Of(kmo.PerItem[i], $"KMO of {it}"))).ToList();
            var phi = f.Phi is { } ph ? Enumerable.Range(0, k).Select(a => (IReadOnlyList<double>)Enumerable.Range(0, k).Select(b => ph[a, b]).ToList()).ToList() : null;
            var notices = f.Notices.ToList();
            if (kmo.Overall < 0.6) notices.Add(new Notice("low_kmo", $"KMO is {kmo.Overall:F2}, below .60: these items share too little variance for a factor analysis to be meaningful."));
            if (columns.Any(c => c.Any(double.IsNaN))) notices.Add(new Notice(NoticeCodes.MissingExcluded, "Missing values: correlations use pairwise-complete cases (as psych::fa); Bartlett's n is the number of rows."));
            return new EfaReport(extraction, k > 1 ? rotation : "none", k, factors is null ? "parallel analysis" : "requested", n, u.Of(kmo.Overall, "KMO"),
                u.Of(bartlett.ChiSquare, "Bartlett chi2"), bartlett.Df, u.Of(bartlett.P, "Bartlett p"), eigen, suggested, loadings, f.SumOfSquares, f.ProportionOfVariance,
                phi, f.Iterations, Dtos(notices, u));
        });
    }

    public static CrosstabReport Crosstab(CaseTable data, string rows, string columns, bool yates = true)
    {
        if (rows == columns) throw new DomainException("usage", $"'{rows}' is both the row and the column variable.", "columns");
        var a = data.Labels(rows); var b = data.Labels(columns);
        var ra = a.Where(v => v != null).Distinct().Select(v => v!).OrderBy(v => v, NaturalOrder).ToList();
        var cb = b.Where(v => v != null).Distinct().Select(v => v!).OrderBy(v => v, NaturalOrder).ToList();
        if (ra.Count < 2) throw new DomainException("too_few_categories", $"'{rows}' has {ra.Count} distinct value(s); a crosstab needs at least two.", rows);
        if (cb.Count < 2) throw new DomainException("too_few_categories", $"'{columns}' has {cb.Count} distinct value(s); a crosstab needs at least two.", columns);
        if (ra.Count * cb.Count > 10000) throw new DomainException("too_many_categories", $"'{rows}' × '{columns}' would have {ra.Count * cb.Count} cells: are these categorical variables?", rows);
        var table = new double[ra.Count, cb.Count];
        var dropped = 0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] is { } x && b[i] is { } y) table[ra.IndexOf(x), cb.IndexOf(y)]++; else dropped++;
        var u = new Undefined();
        return Statistics(() =>
        {
            var c = ChiSquareIndependence.Test(table, ra, cb, yates);
            var body = ra.Select((r, i) => new CrosstabRowDto(r, Enumerable.Range(0, cb.Count).Select(j => c.Observed[i, j]).ToList(),
                Enumerable.Range(0, cb.Count).Select(j => c.Expected[i, j]).ToList(), Enumerable.Range(0, cb.Count).Select(j => c.StdResiduals[i, j]).ToList())).ToList();
            var notices = new List<Notice>();
            if (dropped > 0) notices.Add(new Notice(NoticeCodes.MissingExcluded, $"{dropped} cases missing either variable were left out."));
            if (c.SmallExpected > 0)
                notices.Add(new Notice("small_expected", $"{c.SmallExpected} of {ra.Count * cb.Count} cells have an expected count below 5{(c.SmallExpected * 5 > ra.Count * cb.Count ? ": more than 20%, so the χ² approximation is doubtful" : "")}."));
            return new CrosstabReport(rows, columns, cb, body, u.Of(c.ChiSquare, "chi2"), c.Df, u.Of(c.P, "p"), c.YatesCorrection, u.Of(c.CramersV, "Cramér's V"), c.N, Dtos(notices, u));
        });
    }

    /// <summary>Numeric codes in numeric order (2 before 10), other labels alphabetically after them.</summary>
    static readonly Comparer<string> NaturalOrder = Comparer<string>.Create((x, y) =>
    {
        var nx = double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx);
        var ny = double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy);
        return nx && ny ? dx.CompareTo(dy) : nx ? -1 : ny ? 1 : string.CompareOrdinal(x, y);
    });
}
