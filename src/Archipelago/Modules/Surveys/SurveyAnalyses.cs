using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Numerics.Statistics;

namespace Archipelago.Modules.Surveys;

public sealed record NoticeDto(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("variable")] string? Variable);

public sealed record CoefficientDto(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("B")] double? B,
    [property: JsonPropertyName("SE")] double? SE,
    [property: JsonPropertyName("Beta")] double? Beta,
    [property: JsonPropertyName("t")] double? T,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("ci_lower")] double? CiLower,
    [property: JsonPropertyName("ci_upper")] double? CiUpper,
    [property: JsonPropertyName("zero_order")] double? ZeroOrder,
    [property: JsonPropertyName("partial")] double? Partial,
    [property: JsonPropertyName("part")] double? Part,
    [property: JsonPropertyName("tolerance")] double? Tolerance,
    [property: JsonPropertyName("VIF")] double? Vif);

public sealed record AnovaRowDto(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("SS")] double? SS,
    [property: JsonPropertyName("df")] int Df,
    [property: JsonPropertyName("MS")] double? MS,
    [property: JsonPropertyName("F")] double? F,
    [property: JsonPropertyName("p")] double? P);

public sealed record StepDto(
    [property: JsonPropertyName("model")] int Model,
    [property: JsonPropertyName("entered")] string? Entered,
    [property: JsonPropertyName("removed")] string? Removed,
    [property: JsonPropertyName("variables")] IReadOnlyList<string> Variables,
    [property: JsonPropertyName("R2")] double? R2,
    [property: JsonPropertyName("adjR2")] double? AdjR2,
    [property: JsonPropertyName("R2_change")] double? R2Change,
    [property: JsonPropertyName("F_change")] double? FChange,
    [property: JsonPropertyName("df1")] int Df1,
    [property: JsonPropertyName("df2")] int Df2,
    [property: JsonPropertyName("p_change")] double? PChange);

public sealed record ExcludedDto(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("Beta_in")] double? BetaIn,
    [property: JsonPropertyName("t")] double? T,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("partial")] double? Partial,
    [property: JsonPropertyName("tolerance")] double? Tolerance,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>The final model of <c>stats regress</c> / <c>POST /api/surveys/regress</c> (keys as docs/cli-stats.md lists them).</summary>
public sealed record RegressionReport(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("dependent")] string Dependent,
    [property: JsonPropertyName("constant")] bool Constant,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("R")] double? R,
    [property: JsonPropertyName("R2")] double? R2,
    [property: JsonPropertyName("adjR2")] double? AdjR2,
    [property: JsonPropertyName("se_estimate")] double? SeEstimate,
    [property: JsonPropertyName("F")] double? F,
    [property: JsonPropertyName("p_F")] double? PF,
    [property: JsonPropertyName("durbin_watson")] double? DurbinWatson,
    [property: JsonPropertyName("anova")] IReadOnlyList<AnovaRowDto> Anova,
    [property: JsonPropertyName("coefficients")] IReadOnlyList<CoefficientDto> Coefficients,
    [property: JsonPropertyName("steps")] IReadOnlyList<StepDto> Steps,
    [property: JsonPropertyName("excluded")] IReadOnlyList<ExcludedDto> Excluded,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record ItemDto(
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("reversed")] bool Reversed,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("sd")] double? Sd,
    [property: JsonPropertyName("alpha_if_deleted")] double? AlphaIfDeleted,
    [property: JsonPropertyName("std_alpha_if_deleted")] double? StdAlphaIfDeleted,
    [property: JsonPropertyName("item_total_r")] double? ItemTotalR,
    [property: JsonPropertyName("omega_if_deleted")] double? OmegaIfDeleted);

/// <summary>The result of <c>stats reliability</c> / <c>POST /api/surveys/reliability</c>.</summary>
public sealed record ReliabilityReport(
    [property: JsonPropertyName("alpha")] double? Alpha,
    [property: JsonPropertyName("std_alpha")] double? StdAlpha,
    [property: JsonPropertyName("alpha_ci_lower")] double? AlphaCiLower,
    [property: JsonPropertyName("alpha_ci_upper")] double? AlphaCiUpper,
    [property: JsonPropertyName("average_r")] double? AverageR,
    [property: JsonPropertyName("omega")] double? Omega,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("missing")] string Missing,
    [property: JsonPropertyName("items")] IReadOnlyList<ItemDto> Items,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

public sealed record VariableSummaryDto(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("missing")] int Missing,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("se_mean")] double? SeMean,
    [property: JsonPropertyName("sd")] double? Sd,
    [property: JsonPropertyName("variance")] double? Variance,
    [property: JsonPropertyName("min")] double? Min,
    [property: JsonPropertyName("max")] double? Max,
    [property: JsonPropertyName("median")] double? Median,
    [property: JsonPropertyName("q1")] double? Q1,
    [property: JsonPropertyName("q3")] double? Q3,
    [property: JsonPropertyName("skewness")] double? Skewness,
    [property: JsonPropertyName("se_skewness")] double? SeSkewness,
    [property: JsonPropertyName("kurtosis")] double? Kurtosis,
    [property: JsonPropertyName("se_kurtosis")] double? SeKurtosis);

/// <summary>The result of <c>stats describe</c>.</summary>
public sealed record DescriptivesReport(
    [property: JsonPropertyName("variables")] IReadOnlyList<VariableSummaryDto> Variables,
    [property: JsonPropertyName("notices")] IReadOnlyList<NoticeDto> Notices);

/// <summary>
/// Runs the statistics library on a <see cref="CaseTable"/> and shapes the result for JSON and tables. A statistic the
/// library leaves undefined (NaN) is reported as null, and a notice names every such value, so no output carries a
/// number without meaning or a gap without a reason.
/// </summary>
public static partial class SurveyAnalyses
{
    public static readonly string[] Methods = ["enter", "stepwise", "forward", "backward"];

    public static RegressionReport Regress(CaseTable data, string y, IReadOnlyList<string> x, string method = "enter", bool constant = true)
    {
        method = method.ToLowerInvariant();
        if (!Methods.Contains(method)) throw new DomainException("usage", $"Unknown method '{method}'; use {string.Join(", ", Methods)}.", "method");
        if (x.Count == 0) throw new DomainException("usage", "Name at least one predictor (x).", "x");
        if (x.Contains(y)) throw new DomainException("usage", $"'{y}' is both the dependent variable and a predictor.", "x");
        if (!constant && method != "enter")
            throw new DomainException("usage", "Regression through the origin (no constant) is available with method enter only.", "constant");
        var yv = data.Numbers(y);
        var xv = x.Select(name => (IReadOnlyList<double>)data.Numbers(name)).ToArray();
        var undefined = new Undefined();
        return Statistics(() =>
        {
            if (method == "enter")
            {
                var fit = LinearRegression.Fit(y, yv, x, xv, new RegressionOptions(IncludeIntercept: constant));
                return Report(method, fit, [], fit.Excluded, fit.Notices, undefined);
            }
            var selection = StepwiseRegression.Select(y, yv, x, xv, Enum.Parse<SelectionMethod>(method, ignoreCase: true));
            var steps = selection.Steps.Select((s, i) => new StepDto(s.Model, s.Entered, s.Removed, s.Variables,
                undefined.Of(s.Fit.RSquared, $"R2 of model {s.Model}"), undefined.Of(s.Fit.AdjustedRSquared, $"adjusted R2 of model {s.Model}"),
                undefined.Of(s.RSquaredChange, $"R2 change of model {s.Model}"), undefined.Of(s.FChange, $"F change of model {s.Model}"),
                Math.Max(1, Math.Abs(s.Variables.Count - (i > 0 ? selection.Steps[i - 1].Variables.Count : 0))), s.Fit.Anova.Residual.Df,
                undefined.Of(s.PChange, $"p of F change of model {s.Model}"))).ToList();
            if (selection.Final is not { } final)
            {
                var notices = selection.Notices.Append(new Notice("no_variables_entered",
                    "No predictor met the entry criterion (p to enter ≤ .05): there is no model, so R2, F and the coefficients are empty.")).ToList();
                return new RegressionReport(method, y, true, selection.N, null, null, null, null, null, null, null, [], [], [], [], Dtos(notices, undefined));
            }
            return Report(method, final.Fit, steps, final.Excluded, selection.Notices.Concat(final.Fit.Notices).ToList(), undefined);
        });
    }

    static RegressionReport Report(string method, RegressionResult fit, IReadOnlyList<StepDto> steps, IReadOnlyList<ExcludedVariable> excluded,
        IReadOnlyList<Notice> notices, Undefined u)
    {
        var s = fit.Summary;
        var anova = new[] { fit.Anova.Regression, fit.Anova.Residual, fit.Anova.Total }
            .Select(r => new AnovaRowDto(r.Source, u.Of(r.SumOfSquares, $"SS {r.Source}"), r.Df, u.Of(r.MeanSquare, $"MS {r.Source}"),
                u.Of(r.F, $"F {r.Source}"), u.Of(r.P, $"p {r.Source}"))).ToList();
        var coefficients = fit.Coefficients.Select(c => new CoefficientDto(c.Term, u.Of(c.B, $"B of {c.Term}"), u.Of(c.StdError, $"SE of {c.Term}"),
            u.Of(c.Beta, $"Beta of {c.Term}"), u.Of(c.T, $"t of {c.Term}"), u.Of(c.P, $"p of {c.Term}"),
            u.Of(c.LowerBound, $"CI lower bound of {c.Term}"), u.Of(c.UpperBound, $"CI upper bound of {c.Term}"),
            u.Of(c.ZeroOrder, $"zero-order r of {c.Term}"), u.Of(c.Partial, $"partial r of {c.Term}"), u.Of(c.Part, $"part r of {c.Term}"),
            u.Of(c.Tolerance, $"tolerance of {c.Term}"), u.Of(c.Vif, $"VIF of {c.Term}"))).ToList();
        var excludedDtos = excluded.Select(e =>
        {
            var why = e.Reason is { } r ? $" ({r})" : "";
            return new ExcludedDto(e.Variable, u.Of(e.BetaIn, $"Beta In of {e.Variable}{why}"), u.Of(e.T, $"t of excluded {e.Variable}{why}"),
                u.Of(e.P, $"p of excluded {e.Variable}{why}"), u.Of(e.Partial, $"partial r of excluded {e.Variable}{why}"),
                u.Of(e.Tolerance, $"tolerance of excluded {e.Variable}{why}"), e.Reason);
        }).ToList();
        return new RegressionReport(method, fit.Dependent, fit.IncludesIntercept, s.N, u.Of(s.R, "R"), u.Of(s.RSquared, "R2"),
            u.Of(s.AdjustedRSquared, "adjusted R2"), u.Of(s.StdErrorOfEstimate, "standard error of the estimate"),
            u.Of(fit.F, "F"), u.Of(fit.PValueF, "p of F"), u.Of(s.DurbinWatson, "Durbin–Watson"),
            anova, coefficients, steps, excludedDtos, Dtos(notices, u));
    }

    /// <summary>
    /// Cronbach's α and McDonald's ω of the items; reverse-keyed items are recoded first as min + max − x (so 1..5 becomes
    /// 5..1), which needs the scale's end points.
    /// </summary>
    public static ReliabilityReport Reliability(CaseTable data, IReadOnlyList<string> items, IReadOnlyList<string>? reverse = null,
        double? scaleMin = null, double? scaleMax = null, string missing = "pairwise")
    {
        reverse ??= [];
        if (items.Count < 2) throw new DomainException("usage", "Name at least two items.", "items");
        if (reverse.FirstOrDefault(r => !items.Contains(r)) is { } stray)
            throw new DomainException("usage", $"Reversed item '{stray}' is not one of the items.", "reverse");
        if (reverse.Count > 0 && (scaleMin is null || scaleMax is null))
            throw new DomainException("usage", "Reversing items needs the scale's end points: give --scale-min and --scale-max (e.g. 1 and 5).", "scale_min");
        if (scaleMin >= scaleMax) throw new DomainException("usage", $"Scale minimum {scaleMin} is not below the maximum {scaleMax}.", "scale_min");
        var handling = missing.ToLowerInvariant() switch
        {
            "pairwise" => MissingHandling.Pairwise,
            "listwise" => MissingHandling.Listwise,
            _ => throw new DomainException("usage", $"Unknown missing-value handling '{missing}'; use pairwise or listwise.", "missing"),
        };
        var columns = items.Select(name =>
        {
            var v = data.Numbers(name);
            if (!reverse.Contains(name)) return (IReadOnlyList<double>)v;
            foreach (var x in v)
                if (x < scaleMin || x > scaleMax)
                    throw new DomainException("out_of_scale", $"Item '{name}' has the value {x}, outside the scale {scaleMin}–{scaleMax}, and cannot be reversed.", name);
            return v.Select(x => scaleMin!.Value + scaleMax!.Value - x).ToArray();
        }).ToArray();
        var u = new Undefined();
        return Statistics(() =>
        {
            var r = Numerics.Statistics.Reliability.Analyze(items, columns, new ReliabilityOptions(handling));
            var twoItems = r.Items == 2; // α if deleted would be the α of one item: the notice below says so
            var perItem = r.ItemStatistics.Select(i => new ItemDto(i.Item, reverse.Contains(i.Item), i.N, u.Of(i.Mean, $"mean of {i.Item}"),
                u.Of(i.StdDeviation, $"sd of {i.Item}"), twoItems ? null : u.Of(i.AlphaIfDeleted, $"alpha if {i.Item} deleted"),
                twoItems ? null : u.Of(i.StdAlphaIfDeleted, $"standardised alpha if {i.Item} deleted"), u.Of(i.CorrectedItemTotalR, $"item-total r of {i.Item}"),
                i.OmegaIfDeleted)).ToList();
            var notices = r.Notices.ToList();
            if (r.Items < 3) notices.Add(new Notice("omega_not_computed", "ω needs at least three items: it and ω if deleted are empty."));
            else if (r.Items == 3 && r.Omega is not null) notices.Add(new Notice("omega_if_deleted_not_computed", "ω if an item is deleted needs three remaining items: it is empty."));
            if (r.Items == 2) notices.Add(new Notice("alpha_if_deleted_not_computed", "With two items, α if an item is deleted is not defined: it is empty."));
            return new ReliabilityReport(u.Of(r.Alpha, "alpha"), u.Of(r.StdAlpha, "standardised alpha"), u.Of(r.AlphaLower, "alpha CI lower bound"),
                u.Of(r.AlphaUpper, "alpha CI upper bound"), u.Of(r.AverageR, "average inter-item r"), r.Omega, r.Cases, r.Items,
                handling.ToString().ToLowerInvariant(), perItem, Dtos(notices, u));
        });
    }

    public static DescriptivesReport Describe(CaseTable data, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0) throw new DomainException("usage", "Name at least one column.", "columns");
        var values = columns.Select(data.Numbers).ToArray();
        var u = new Undefined();
        return Statistics(() =>
        {
            var rows = columns.Select((c, j) =>
            {
                var d = Descriptives.Describe(c, values[j]);
                return new VariableSummaryDto(c, d.N, d.Missing, u.Of(d.Mean, $"mean of {c}"), u.Of(d.StdErrorOfMean, $"SE mean of {c} (n < 2)"),
                    u.Of(d.StdDeviation, $"sd of {c} (n < 2)"), u.Of(d.Variance, $"variance of {c} (n < 2)"), d.Minimum, d.Maximum, d.Median, d.Q1, d.Q3,
                    u.Of(d.Skewness, $"skewness of {c} (needs n > 2 and variance > 0)"), u.Of(d.SkewnessStdError, $"SE skewness of {c} (needs n > 2 and variance > 0)"),
                    u.Of(d.Kurtosis, $"kurtosis of {c} (needs n > 3 and variance > 0)"), u.Of(d.KurtosisStdError, $"SE kurtosis of {c} (needs n > 3 and variance > 0)"));
            }).ToList();
            return new DescriptivesReport(rows, Dtos([], u));
        });
    }

    /// <summary>Input the library cannot analyse becomes a domain error with its stable code and the variable it names.</summary>
    internal static T Statistics<T>(Func<T> run)
    {
        try { return run(); }
        catch (StatisticsInputException e)
        {
            // ArgumentException appends " (Parameter 'x')"; the message names the variable already.
            var message = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "") : e.Message;
            throw new DomainException(e.Code, message, e.Variable);
        }
    }

    internal static IReadOnlyList<NoticeDto> Dtos(IEnumerable<Notice> notices, Undefined u)
    {
        var list = notices.Select(n => new NoticeDto(n.Code, n.Message, n.Variable)).ToList();
        if (u.Names.Count > 0)
            list.Add(new NoticeDto("undefined", "Not defined for these data, so given as null: " + string.Join("; ", u.Names) + ".", null));
        return list;
    }

    /// <summary>Collects the statistics that came out NaN or infinite, to name them in one notice.</summary>
    internal sealed class Undefined
    {
        public List<string> Names { get; } = [];

        public double? Of(double? value, string what)
        {
            if (value is null) return null;
            if (double.IsFinite(value.Value)) return value;
            Names.Add(what);
            return null;
        }
    }
}
