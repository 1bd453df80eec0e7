using System.CommandLine;
using System.Globalization;
using System.Text;
using Archipelago.Kernel.Cli;

namespace Archipelago.Modules.Surveys;

public static partial class SurveysCommands
{
    /// <summary>One verb: read the CSV, run the analysis, print JSON or the table.</summary>
    static Command Verb<T>(string name, string description, Option[] options, Func<ParseResult, CaseTable, T> analysis, Func<T, ResultDocument> table)
    {
        var data = DataFile();
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command(name, description) { data };
        foreach (var o in options) cmd.Options.Add(o);
        cmd.Options.Add(format);
        cmd.SetAction((r, ct) => Cli.Run(() =>
        {
            var report = analysis(r, CaseTable.ReadCsv(r.GetValue(data)!.FullName));
            Console.Write(r.GetValue(format) == "json" ? Json(report) : table(report).ToString());
            return Task.FromResult(0);
        }));
        return cmd;
    }

    static Option<string> One(string name, string description, bool required = true) => new(name) { Description = description, Required = required };

    static Command Correlate()
    {
        var vars = Names("--variables", "Variables to correlate.");
        var method = new Option<string>("--method") { Description = "pearson or spearman.", DefaultValueFactory = _ => "pearson" };
        method.AcceptOnlyFromAmong(SurveyAnalyses.CorrelationMethods);
        return Verb("corr", "Pearson or Spearman correlation matrix with p-values and pairwise n.", [vars, method],
            (r, t) => SurveyAnalyses.Correlate(t, Split(r.GetValue(vars)), r.GetValue(method)!), StatsTables.Correlation);
    }

    static Command TTest()
    {
        var kind = new Option<string>("--kind") { Description = "independent (Student and Welch, with Levene), paired or one-sample.", DefaultValueFactory = _ => "independent" };
        kind.AcceptOnlyFromAmong(SurveyAnalyses.TTestKinds);
        var y = One("--y", "The variable tested.");
        var group = One("--group", "Grouping variable (independent).", false);
        var levels = Names("--levels", "The two values of the grouping variable to compare (default: its two values).", false);
        var paired = One("--paired-with", "The second measurement (paired).", false);
        var mu = new Option<double>("--mu") { Description = "Test value (one-sample).", DefaultValueFactory = _ => 0 };
        return Verb("ttest", "t-tests: independent samples (Student, Welch, Levene), paired, one-sample.", [kind, y, group, levels, paired, mu],
            (r, t) => SurveyAnalyses.TTest(t, r.GetValue(kind)!, r.GetValue(y)!, r.GetValue(group), Split(r.GetValue(levels)), r.GetValue(paired), r.GetValue(mu)),
            StatsTables.TTest);
    }

    static Command Anova()
    {
        var y = One("--y", "The dependent variable.");
        var group = One("--group", "The factor (grouping variable).");
        var levels = Names("--levels", "Groups to include, in this order (default: all, in order of appearance).", false);
        return Verb("anova", "One-way ANOVA with group means and 95% CIs, Levene's test and Tukey HSD.", [y, group, levels],
            (r, t) => SurveyAnalyses.Anova(t, r.GetValue(y)!, r.GetValue(group)!, Split(r.GetValue(levels))), StatsTables.Anova);
    }

    static Command Nonparametric()
    {
        var y = One("--y", "The variable compared.");
        var group = One("--group", "The grouping variable.");
        var levels = Names("--levels", "Groups to include (default: all).", false);
        var normal = new Option<bool>("--normal") { Description = "Always the normal approximation (no exact Mann–Whitney p)." };
        return Verb("nonparam", "Mann–Whitney U (two groups) or Kruskal–Wallis H (more), as R's wilcox.test / kruskal.test.", [y, group, levels, normal],
            (r, t) => SurveyAnalyses.Nonparametric(t, r.GetValue(y)!, r.GetValue(group)!, Split(r.GetValue(levels)), !r.GetValue(normal)), StatsTables.Nonparametric);
    }

    static Command Efa()
    {
        var items = Names("--items", "Items to factor.");
        var factors = new Option<int?>("--factors") { Description = "Number of factors (default: as parallel analysis suggests)." };
        var extraction = new Option<string>("--extraction") { Description = "pa (principal axis, psych::fa) or pc (principal components, psych::principal).", DefaultValueFactory = _ => "pa" };
        extraction.AcceptOnlyFromAmong(SurveyAnalyses.Extractions);
        var rotation = new Option<string>("--rotation") { Description = "none, varimax, promax or oblimin.", DefaultValueFactory = _ => "varimax" };
        rotation.AcceptOnlyFromAmong(SurveyAnalyses.Rotations);
        var iterations = new Option<int>("--parallel-iterations") { Description = "Random samples for parallel analysis.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the parallel analysis' random numbers.", DefaultValueFactory = _ => 42 };
        return Verb("efa", "Exploratory factor analysis: KMO, Bartlett, eigenvalues with parallel analysis, rotated loadings.", [items, factors, extraction, rotation, iterations, seed],
            (r, t) => SurveyAnalyses.Efa(t, Split(r.GetValue(items)), r.GetValue(factors), r.GetValue(extraction)!, r.GetValue(rotation)!, r.GetValue(iterations), r.GetValue(seed)),
            StatsTables.Efa);
    }

    static Command Crosstab()
    {
        var rows = One("--rows", "Row variable.");
        var columns = One("--columns", "Column variable.");
        var noYates = new Option<bool>("--no-yates") { Description = "No continuity correction on a 2 × 2 table." };
        return Verb("crosstab", "Contingency table with expected counts and Pearson's χ² test of independence.", [rows, columns, noYates],
            (r, t) => SurveyAnalyses.Crosstab(t, r.GetValue(rows)!, r.GetValue(columns)!, !r.GetValue(noYates)), StatsTables.Crosstab);
    }
}

public static partial class StatsTables
{
    static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>APA style: p below .001 as "< .001".</summary>
    internal static string P(double? p) => p is null ? "" : p < 0.001 ? "< .001" : N(p);

    public static ResultDocument Correlation(CorrelationReport r)
    {
        var sb = new ResultDocument();
        var head = r.Variables.Prepend("").ToArray();
        Table(sb, $"{(r.Method == "pearson" ? "Pearson" : "Spearman")} correlations", head, r.Rows.Select(row => row.R.Select(v => N(v)).Prepend(row.Variable).ToArray()));
        Table(sb, "Sig. (2-tailed)", head, r.Rows.Select(row => row.P.Select(P).Prepend(row.Variable).ToArray()));
        Table(sb, "N", head, r.Rows.Select(row => row.N.Select(I).Prepend(row.Variable).ToArray()));
        Notices(sb, r.Notices);
        return sb;
    }

    static void Groups(ResultDocument sb, string title, IReadOnlyList<GroupDto> groups) =>
        Table(sb, title, ["Group", "N", "Mean", "SD", "SE", "95% CI", "Mean rank"], groups.Select(g => new[] { g.Group, I(g.N), N(g.Mean), N(g.Sd), N(g.Se),
            g.CiLower is null ? "" : $"[{N(g.CiLower)}, {N(g.CiUpper)}]", N(g.MeanRank, 2) }));

    static void Levene(ResultDocument sb, IReadOnlyList<LeveneDto> l)
    {
        if (l.Count > 0) Table(sb, "Levene's test of equal variances", ["Centre", "F", "df1", "df2", "Sig"], l.Select(x => new[] { x.Center, N(x.F), I(x.Df1), I(x.Df2), P(x.P) }));
    }

    public static ResultDocument TTest(TTestReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"{r.Kind} t-test of {r.Variable}").AppendLine();
        Groups(sb, "Group statistics", r.Groups);
        Levene(sb, r.Levene);
        Table(sb, "t-test", ["Test", "t", "df", "Sig (2-tailed)", "Difference", "SE", "95% CI", "Cohen's d"], r.Tests.Select(t => new[] { t.Test, N(t.T), N(t.Df, 2), P(t.P),
            N(t.Difference), N(t.SeDifference), t.CiLower is null ? "" : $"[{N(t.CiLower)}, {N(t.CiUpper)}]", N(t.CohensD) }));
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Anova(OneWayAnovaReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"One-way ANOVA of {r.Variable} by {r.Factor}").AppendLine();
        Groups(sb, "Descriptives", r.Groups);
        Levene(sb, r.Levene);
        Table(sb, $"ANOVA (η² = {N(r.Eta2)})", ["Source", "Sum of squares", "df", "Mean square", "F", "Sig"],
            r.Anova.Select(a => new[] { a.Source, N(a.SS), I(a.Df), N(a.MS), N(a.F), P(a.P) }));
        Table(sb, "Tukey HSD", ["Comparison", "Difference", "SE", "95% CI", "Sig"], r.Tukey.Select(t => new[] { $"{t.GroupB} − {t.GroupA}", N(t.Difference), N(t.Se),
            $"[{N(t.CiLower)}, {N(t.CiUpper)}]", P(t.P) }));
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Nonparametric(NonparametricReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"{(r.Test == "mann-whitney" ? "Mann–Whitney U" : "Kruskal–Wallis H")} test of {r.Variable} by {r.Factor}").AppendLine();
        Groups(sb, "Ranks", r.Groups);
        Table(sb, "Test", ["", "Value"], r.Test == "mann-whitney"
            ? [["W (U of the first group)", N(r.Statistic, 1)], ["Z", N(r.Z)], [r.Exact ? "Exact Sig (2-tailed)" : "Asymp. Sig (2-tailed)", P(r.P)]]
            : [["H", N(r.Statistic)], ["df", r.Df is { } d ? I(d) : ""], ["Asymp. Sig", P(r.P)]]);
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Efa(EfaReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"Factor analysis — {(r.Extraction == "pa" ? "principal axis factoring" : "principal components")}, rotation {r.Rotation}, {r.Factors} factor(s) ({r.FactorsFrom}), n = {r.N}").AppendLine();
        Table(sb, "KMO and Bartlett's test", ["", "Value"], [["Kaiser-Meyer-Olkin", N(r.Kmo)], ["Bartlett's χ²", N(r.BartlettChi2, 2)], ["df", I(r.BartlettDf)], ["Sig", P(r.BartlettP)]]);
        Table(sb, $"Eigenvalues and parallel analysis (suggests {r.ParallelSuggests})", ["", "Eigenvalue", "% of variance", "Cumulative %", "Random mean", "Random 95th"],
            r.Eigenvalues.Select(e => new[] { I(e.Number), N(e.Eigenvalue), N(e.Percent, 2), N(e.Cumulative, 2), N(e.ParallelMean), N(e.Parallel95) }));
        var head = Enumerable.Range(1, r.Factors).Select(j => $"F{j}").Prepend("Item").Append("h2").Append("u2").Append("KMO").ToArray();
        Table(sb, r.Phi is null ? "Loadings" : "Pattern matrix", head, r.Loadings.Select(l => l.Loadings.Select(v => N(v)).Prepend(l.Item).Append(N(l.H2)).Append(N(l.U2)).Append(N(l.Kmo)).ToArray())
            .Append(r.SsLoadings.Select(v => N(v)).Prepend("SS loadings").Append("").Append("").Append("").ToArray())
            .Append(r.ProportionVar.Select(v => N(v)).Prepend("Proportion").Append("").Append("").Append("").ToArray()));
        if (r.Phi is { } phi)
            Table(sb, "Factor correlations", Enumerable.Range(1, r.Factors).Select(j => $"F{j}").Prepend("").ToArray(),
                phi.Select((row, i) => row.Select(v => N(v)).Prepend($"F{i + 1}").ToArray()));
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Crosstab(CrosstabReport r)
    {
        var sb = new ResultDocument();
        Table(sb, $"{r.RowsVariable} × {r.ColumnsVariable} (count / expected)", r.Columns.Prepend("").ToArray(),
            r.Table.Select(row => row.Observed.Select((o, j) => $"{o:0} / {N(row.Expected[j], 1)}").Prepend(row.Row).ToArray()));
        Table(sb, "Chi-square test", ["", "Value"], [[r.Yates ? "Pearson χ² (Yates)" : "Pearson χ²", N(r.Chi2)], ["df", I(r.Df)], ["Asymp. Sig (2-sided)", P(r.P)],
            ["Cramér's V", N(r.CramersV)], ["N", I(r.N)]]);
        Notices(sb, r.Notices);
        return sb;
    }
}
