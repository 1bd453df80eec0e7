using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Cli;

namespace Archipelago.Modules.Surveys;

/// <summary>CLI verbs of survey analysis: <c>stats regress|reliability|describe</c> on a CSV file (docs/cli-stats.md).</summary>
public static partial class SurveysCommands
{
    public static IEnumerable<Command> All() => [new Command("stats", "Statistics on a CSV of survey data: regression, reliability, descriptives, correlation, group comparisons, factor analysis, crosstabs.")
        { Regress(), Reliability(), Describe(), Correlate(), TTest(), Anova(), Nonparametric(), Efa(), Crosstab() }];

    /// <summary>The CSV to analyse. Named like the global workspace option on purpose (<c>--data FILE.csv</c> reads as
    /// the data of the analysis); on these verbs it takes precedence, and no workspace is opened.</summary>
    internal static Option<FileInfo> DataFile() => new("--data") { Description = "CSV file with a header row (UTF-8; comma, semicolon or tab; empty or NA = missing).", Required = true };

    internal static Option<string[]> Names(string name, string description, bool required = true) =>
        new(name) { Description = description + " Comma-separated, or the option repeated.", Required = required, AllowMultipleArgumentsPerToken = true };

    internal static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    static Command Regress()
    {
        var data = DataFile();
        var y = new Option<string>("--y") { Description = "The dependent variable.", Required = true };
        var x = Names("--x", "Predictors.");
        var method = new Option<string>("--method") { Description = "enter (all predictors), stepwise, forward or backward (SPSS PIN .05, POUT .10).", DefaultValueFactory = _ => "enter" };
        method.AcceptOnlyFromAmong(SurveyAnalyses.Methods);
        var noConstant = new Option<bool>("--no-constant") { Description = "Regression through the origin (method enter only)." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("regress", "Linear regression (OLS) with SPSS's coefficients, ANOVA, model summary and variable selection.") { data, y, x, method, noConstant, format };
        cmd.SetAction((r, ct) => Cli.Run(() =>
        {
            var table = CaseTable.ReadCsv(r.GetValue(data)!.FullName);
            var report = SurveyAnalyses.Regress(table, r.GetValue(y)!, Split(r.GetValue(x)), r.GetValue(method)!, !r.GetValue(noConstant));
            Console.Write(r.GetValue(format) == "json" ? Json(report) : StatsTables.Regression(report).ToString());
            return Task.FromResult(0);
        }));
        return cmd;
    }

    static Command Reliability()
    {
        var data = DataFile();
        var items = Names("--items", "Items of the scale.");
        var reverse = Names("--reverse", "Reverse-keyed items, recoded as min + max − x.", required: false);
        var min = new Option<double?>("--scale-min") { Description = "Lowest response option (needed with --reverse)." };
        var max = new Option<double?>("--scale-max") { Description = "Highest response option (needed with --reverse)." };
        var missing = new Option<string>("--missing") { Description = "pairwise (psych::alpha) or listwise (SPSS RELIABILITY).", DefaultValueFactory = _ => "pairwise" };
        missing.AcceptOnlyFromAmong("pairwise", "listwise");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("reliability", "Cronbach's alpha, standardised alpha and McDonald's omega of a scale, with item statistics.") { data, items, reverse, min, max, missing, format };
        cmd.SetAction((r, ct) => Cli.Run(() =>
        {
            var table = CaseTable.ReadCsv(r.GetValue(data)!.FullName);
            var report = SurveyAnalyses.Reliability(table, Split(r.GetValue(items)), Split(r.GetValue(reverse)), r.GetValue(min), r.GetValue(max), r.GetValue(missing)!);
            Console.Write(r.GetValue(format) == "json" ? Json(report) : StatsTables.Reliability(report).ToString());
            return Task.FromResult(0);
        }));
        return cmd;
    }

    static Command Describe()
    {
        var data = DataFile();
        var columns = Names("--columns", "Variables to describe.");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("describe", "Descriptive statistics (SPSS DESCRIPTIVES/EXAMINE): n, mean, SD, quartiles, skewness, kurtosis.") { data, columns, format };
        cmd.SetAction((r, ct) => Cli.Run(() =>
        {
            var table = CaseTable.ReadCsv(r.GetValue(data)!.FullName);
            var report = SurveyAnalyses.Describe(table, Split(r.GetValue(columns)));
            Console.Write(r.GetValue(format) == "json" ? Json(report) : StatsTables.Descriptives(report).ToString());
            return Task.FromResult(0);
        }));
        return cmd;
    }

    internal static string Json<T>(T report) => JsonSerializer.Serialize(report, JsonOut) + Environment.NewLine;

    static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Plain-text tables in the layout of SPSS output as theses report it (B, SE B, Beta, t, Sig; three decimals).</summary>
public static partial class StatsTables
{
    internal static string N(double? v, int decimals = 3) => v is { } d ? d.ToString("F" + decimals, CultureInfo.InvariantCulture) : "";

    internal static void Table(ResultDocument doc, string title, string[] header, IEnumerable<string[]> rows) =>
        doc.Tables.Add(new ResultTable(title, header, rows.ToList()));

    internal static void Notices(ResultDocument doc, IReadOnlyList<NoticeDto> notices) => doc.Notices.AddRange(notices);

    public static ResultDocument Regression(RegressionReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"Linear regression of {r.Dependent} — method {r.Method}{(r.Constant ? "" : ", through the origin")}, n = {r.N}").AppendLine();
        if (r.Steps.Count > 0)
            Table(sb, "Model sequence", ["Model", "Entered", "Removed", "R2", "R2 change", "F change", "df1", "df2", "Sig. F change"],
                r.Steps.Select(s => new[] { s.Model.ToString(CultureInfo.InvariantCulture), s.Entered ?? "", s.Removed ?? "", N(s.R2), N(s.R2Change), N(s.FChange),
                    s.Df1.ToString(CultureInfo.InvariantCulture), s.Df2.ToString(CultureInfo.InvariantCulture), N(s.PChange) }));
        if (r.Coefficients.Count > 0)
        {
            Table(sb, "Model summary", ["", "R", "R2", "Adjusted R2", "SE of estimate", "Durbin-Watson"],
                [["", N(r.R), N(r.R2), N(r.AdjR2), N(r.SeEstimate), N(r.DurbinWatson)]]);
            Table(sb, "ANOVA", ["Source", "Sum of squares", "df", "Mean square", "F", "Sig"],
                r.Anova.Select(a => new[] { a.Source, N(a.SS), a.Df.ToString(CultureInfo.InvariantCulture), N(a.MS), N(a.F), N(a.P) }));
            var rows = r.Coefficients.Select(c => new[] { c.Term, N(c.B), N(c.SE), N(c.Beta), N(c.T), N(c.P),
                    c.CiLower is null ? "" : $"[{N(c.CiLower)}, {N(c.CiUpper)}]", N(c.Tolerance), N(c.Vif) })
                .Append(["R2", "", "", N(r.R2), "", "", "", "", ""])
                .Append(["Adjusted R2", "", "", N(r.AdjR2), "", "", "", "", ""])
                .Append(["F", "", "", N(r.F), "", "", "", "", ""])
                .Append(["Sig.F", "", "", N(r.PF), "", "", "", "", ""]);
            Table(sb, $"Coefficients (dependent variable: {r.Dependent})", ["Variable", "B", "SE B", "Beta", "t", "Sig", "95% CI for B", "Tolerance", "VIF"], rows);
        }
        if (r.Excluded.Count > 0)
            Table(sb, "Excluded variables", ["Variable", "Beta In", "t", "Sig", "Partial", "Tolerance", "Reason"],
                r.Excluded.Select(e => new[] { e.Variable, N(e.BetaIn), N(e.T), N(e.P), N(e.Partial), N(e.Tolerance), e.Reason ?? "" }));
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Reliability(ReliabilityReport r)
    {
        var sb = new ResultDocument();
        sb.AppendLine($"Reliability of {string.Join(", ", r.Items.Select(i => i.Reversed ? i.Item + " (reversed)" : i.Item))}").AppendLine();
        Table(sb, "Scale", ["", "Value"],
        [
            ["Cronbach's alpha", N(r.Alpha)],
            ["95% CI (Feldt)", r.AlphaCiLower is null ? "" : $"[{N(r.AlphaCiLower)}, {N(r.AlphaCiUpper)}]"],
            ["Standardised alpha", N(r.StdAlpha)],
            ["McDonald's omega", N(r.Omega)],
            ["Average inter-item r", N(r.AverageR)],
            ["Cases", r.N.ToString(CultureInfo.InvariantCulture)],
            ["Items", r.K.ToString(CultureInfo.InvariantCulture)],
            ["Missing values", r.Missing],
        ]);
        Table(sb, "Item statistics", ["Item", "n", "Mean", "SD", "Item-total r", "Alpha if deleted", "Omega if deleted"],
            r.Items.Select(i => new[] { i.Reversed ? i.Item + " (R)" : i.Item, i.N.ToString(CultureInfo.InvariantCulture), N(i.Mean), N(i.Sd), N(i.ItemTotalR), N(i.AlphaIfDeleted), N(i.OmegaIfDeleted) }));
        Notices(sb, r.Notices);
        return sb;
    }

    public static ResultDocument Descriptives(DescriptivesReport r)
    {
        var sb = new ResultDocument();
        Table(sb, "Descriptive statistics", ["Variable", "N", "Missing", "Mean", "SD", "Min", "Q1", "Median", "Q3", "Max", "Skewness", "Kurtosis"],
            r.Variables.Select(v => new[] { v.Variable, v.N.ToString(CultureInfo.InvariantCulture), v.Missing.ToString(CultureInfo.InvariantCulture),
                N(v.Mean), N(v.Sd), N(v.Min), N(v.Q1), N(v.Median), N(v.Q3), N(v.Max), N(v.Skewness), N(v.Kurtosis) }));
        Notices(sb, r.Notices);
        return sb;
    }
}
