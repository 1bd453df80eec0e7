using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;

namespace Archipelago.Modules.Surveys;

public enum OptionKind { Variable, Variables, Choice, Number, Flag, Text }

/// <summary>One option of an analysis: its name (the API's JSON field; the CLI flag is <c>--name</c> with _ as -),
/// the label of its form field, and what it accepts.</summary>
public sealed record AnalysisOption(string Name, string Label, OptionKind Kind, bool Required = false, string? Default = null, IReadOnlyList<string>? Choices = null);

/// <summary>
/// An analysis as the pages offer it: its options (from which the form is generated), how to run it on a case table
/// with the options as submitted, and how its result reads (<see cref="StatsTables"/>, the same tables the CLI prints).
/// The option names are those of the API and the CLI (a test holds them to that), so the three stay one analysis.
/// </summary>
public sealed record AnalysisDeclaration(string Name, string Title, string Summary, IReadOnlyList<AnalysisOption> Options,
    Func<CaseTable, OptionValues, object> Run, Func<object, ResultDocument> Present, Type ReportType);

/// <summary>Submitted option values (text, as a form posts them) with typed reading and messages naming the option.</summary>
public sealed class OptionValues(IReadOnlyDictionary<string, string?> values)
{
    public IReadOnlyDictionary<string, string?> Raw => values;

    public string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public string Required(string name) => Text(name) ?? throw new DomainException("usage", $"Choose a value for '{name}'.", name);

    public List<string> List(string name) =>
        (Text(name) ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public double? Number(string name) => Text(name) is not { } t ? null
        : double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new DomainException("not_a_number", $"'{t}' given for '{name}' is not a number.", name);

    public bool Flag(string name) => Text(name) is "true" or "on" or "1";
}

public static class AnalysisCatalogue
{
    static AnalysisDeclaration Declare<T>(string name, string title, string summary, AnalysisOption[] options, Func<CaseTable, OptionValues, T> run,
        Func<T, ResultDocument> present) where T : notnull =>
        new(name, title, summary, options, (t, o) => run(t, o), r => present((T)r), typeof(T));

    public static readonly IReadOnlyList<AnalysisDeclaration> All =
    [
        Declare("describe", "Descriptives", "n, mean, SD, quartiles, skewness and kurtosis per variable.",
            [new("columns", "Variables", OptionKind.Variables, true)],
            (t, o) => SurveyAnalyses.Describe(t, o.List("columns")), StatsTables.Descriptives),
        Declare("reliability", "Reliability", "Cronbach's α, standardised α and McDonald's ω with item statistics.",
            [new("items", "Items", OptionKind.Variables, true), new("reverse", "Reverse-keyed items", OptionKind.Variables),
             new("scale_min", "Lowest response option", OptionKind.Number), new("scale_max", "Highest response option", OptionKind.Number),
             new("missing", "Missing values", OptionKind.Choice, Default: "pairwise", Choices: ["pairwise", "listwise"])],
            (t, o) => SurveyAnalyses.Reliability(t, o.List("items"), o.List("reverse"), o.Number("scale_min"), o.Number("scale_max"), o.Text("missing") ?? "pairwise"),
            StatsTables.Reliability),
        Declare("corr", "Correlation", "Pearson or Spearman correlation matrix with p-values and n.",
            [new("variables", "Variables", OptionKind.Variables, true),
             new("method", "Coefficient", OptionKind.Choice, Default: "pearson", Choices: SurveyAnalyses.CorrelationMethods)],
            (t, o) => SurveyAnalyses.Correlate(t, o.List("variables"), o.Text("method") ?? "pearson"), StatsTables.Correlation),
        Declare("regress", "Linear regression", "OLS with SPSS's coefficients table; enter, stepwise, forward or backward selection.",
            [new("y", "Dependent variable", OptionKind.Variable, true), new("x", "Predictors", OptionKind.Variables, true),
             new("method", "Method", OptionKind.Choice, Default: "enter", Choices: SurveyAnalyses.Methods)],
            (t, o) => SurveyAnalyses.Regress(t, o.Required("y"), o.List("x"), o.Text("method") ?? "enter"), StatsTables.Regression),
        Declare("ttest", "t-test", "Independent samples (Student, Welch, Levene), paired or one-sample.",
            [new("kind", "Test", OptionKind.Choice, Default: "independent", Choices: SurveyAnalyses.TTestKinds),
             new("y", "Variable", OptionKind.Variable, true), new("group", "Grouping variable (independent)", OptionKind.Variable),
             new("levels", "Two groups to compare (independent)", OptionKind.Text), new("paired_with", "Second measurement (paired)", OptionKind.Variable),
             new("mu", "Test value (one-sample)", OptionKind.Number, Default: "0")],
            (t, o) => SurveyAnalyses.TTest(t, o.Text("kind") ?? "independent", o.Required("y"), o.Text("group"), o.List("levels"), o.Text("paired_with"), o.Number("mu") ?? 0),
            StatsTables.TTest),
        Declare("anova", "One-way ANOVA", "Group means with CIs, Levene's test, ANOVA table and Tukey HSD.",
            [new("y", "Dependent variable", OptionKind.Variable, true), new("group", "Factor", OptionKind.Variable, true),
             new("levels", "Groups to include", OptionKind.Text)],
            (t, o) => SurveyAnalyses.Anova(t, o.Required("y"), o.Required("group"), o.List("levels")), StatsTables.Anova),
        Declare("nonparam", "Rank tests", "Mann–Whitney U (two groups) or Kruskal–Wallis H.",
            [new("y", "Variable", OptionKind.Variable, true), new("group", "Grouping variable", OptionKind.Variable, true),
             new("levels", "Groups to include", OptionKind.Text)],
            (t, o) => SurveyAnalyses.Nonparametric(t, o.Required("y"), o.Required("group"), o.List("levels")), StatsTables.Nonparametric),
        Declare("efa", "Factor analysis", "KMO, Bartlett, scree with parallel analysis and rotated loadings.",
            [new("items", "Items", OptionKind.Variables, true), new("factors", "Number of factors (empty: parallel analysis)", OptionKind.Number),
             new("extraction", "Extraction", OptionKind.Choice, Default: "pa", Choices: SurveyAnalyses.Extractions),
             new("rotation", "Rotation", OptionKind.Choice, Default: "varimax", Choices: SurveyAnalyses.Rotations)],
            (t, o) => SurveyAnalyses.Efa(t, o.List("items"), o.Number("factors") is { } f ? (int)f : null, o.Text("extraction") ?? "pa", o.Text("rotation") ?? "varimax"),
            StatsTables.Efa),
        Declare("crosstab", "Crosstab", "Contingency table with Pearson's χ² test of independence.",
            [new("rows", "Row variable", OptionKind.Variable, true), new("columns_variable", "Column variable", OptionKind.Variable, true)],
            (t, o) => SurveyAnalyses.Crosstab(t, o.Required("rows"), o.Required("columns_variable")), StatsTables.Crosstab),
    ];

    public static AnalysisDeclaration? Find(string? name) => All.FirstOrDefault(a => a.Name == name);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
