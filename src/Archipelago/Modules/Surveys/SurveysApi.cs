using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Surveys;

/// <summary>Body of <c>POST /api/surveys/regress</c>: variables as columns (null = missing), the model and the method.</summary>
public sealed record RegressRequest(
    Dictionary<string, double?[]>? Columns, string? Y, IReadOnlyList<string>? X, string? Method,
    [property: JsonPropertyName("constant")] bool? Constant);

/// <summary>Body of <c>POST /api/surveys/reliability</c>.</summary>
public sealed record ReliabilityRequest(
    Dictionary<string, double?[]>? Columns, IReadOnlyList<string>? Items, IReadOnlyList<string>? Reverse,
    [property: JsonPropertyName("scale_min")] double? ScaleMin,
    [property: JsonPropertyName("scale_max")] double? ScaleMax,
    string? Missing);

/// <summary>Body of <c>POST /api/surveys/corr</c>.</summary>
public sealed record CorrelateRequest(Dictionary<string, double?[]>? Columns, IReadOnlyList<string>? Variables, string? Method);

/// <summary>Body of <c>POST /api/surveys/ttest</c>: kind independent (y by group), paired (y with paired_with) or one-sample (y against mu).</summary>
public sealed record TTestRequest(
    Dictionary<string, double?[]>? Columns, string? Kind, string? Y, string? Group, IReadOnlyList<string>? Levels,
    [property: JsonPropertyName("paired_with")] string? PairedWith, double? Mu);

/// <summary>Body of <c>POST /api/surveys/anova</c> and <c>/nonparam</c>: y compared across the groups of group.</summary>
public sealed record GroupComparisonRequest(Dictionary<string, double?[]>? Columns, string? Y, string? Group, IReadOnlyList<string>? Levels, bool? Exact);

/// <summary>Body of <c>POST /api/surveys/efa</c>.</summary>
public sealed record EfaRequest(
    Dictionary<string, double?[]>? Columns, IReadOnlyList<string>? Items, int? Factors, string? Extraction, string? Rotation,
    [property: JsonPropertyName("parallel_iterations")] int? ParallelIterations, int? Seed);

/// <summary>Body of <c>POST /api/surveys/crosstab</c>.</summary>
public sealed record CrosstabRequest(Dictionary<string, double?[]>? Columns, string? Rows, [property: JsonPropertyName("columns_variable")] string? ColumnsVariable, bool? Yates);

/// <summary>Survey statistics over JSON: the same analyses and the same result shape as <c>archipelago stats</c>. They
/// compute and store nothing, so analysts may run them (<see cref="Policies.Analyse"/>).</summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/surveys").WithTags("Survey statistics").RequireAuthorization(Policies.Analyse);
        api.MapPost("/regress", Regress).WithName("SurveyRegression")
            .WithSummary("Linear regression (enter, stepwise, forward, backward) with coefficients, ANOVA, model sequence and excluded variables.");
        api.MapPost("/reliability", Reliability).WithName("SurveyReliability")
            .WithSummary("Cronbach's alpha, standardised alpha and McDonald's omega of a scale, with per-item statistics.");
        api.MapPost("/corr", Correlate).WithName("SurveyCorrelation")
            .WithSummary("Pearson or Spearman correlation matrix with two-sided p-values and pairwise n.");
        api.MapPost("/ttest", TTest).WithName("SurveyTTest")
            .WithSummary("Independent-samples (Student and Welch, with Levene), paired or one-sample t-test.");
        api.MapPost("/anova", Anova).WithName("SurveyOneWayAnova")
            .WithSummary("One-way ANOVA with group means and CIs, Levene's test and Tukey HSD.");
        api.MapPost("/nonparam", Nonparametric).WithName("SurveyRankTest")
            .WithSummary("Mann–Whitney U for two groups or Kruskal–Wallis H for more.");
        api.MapPost("/efa", Efa).WithName("SurveyFactorAnalysis")
            .WithSummary("Exploratory factor analysis: KMO, Bartlett, eigenvalues with parallel analysis, rotated loadings.");
        api.MapPost("/crosstab", Crosstab).WithName("SurveyCrosstab")
            .WithSummary("Contingency table with expected counts and Pearson's chi-square test of independence.");
        api.MapGet("/analyses/{id:long}/tables", Tables).WithName("SurveyAnalysisTables")
            .WithSummary("A stored analysis' result tables as CSV, XLSX or a standalone HTML page (format=csv|xlsx|html).");
        return app;
    }

    static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Tables(long id, string? format, SurveyStore store, CancellationToken ct)
    {
        var f = (format ?? "csv").ToLowerInvariant();
        if (!ResultExport.Formats.Contains(f))
            return TypedResults.Problem($"Unknown format '{format}'; use csv, xlsx or html.", statusCode: 400, title: "Unknown format",
                extensions: new Dictionary<string, object?> { ["code"] = "usage", ["field"] = "format" });
        if (await store.AnalysisAsync(id, ct) is not { } stored || AnalysisCatalogue.Find(stored.Analysis) is not { } analysis) return TypedResults.NotFound();
        var (content, mediaType, fileName) = ResultExport.Write(analysis.Present(SurveyStore.Report(stored, analysis)), analysis.Title, f, $"analysis-{id}-{stored.Analysis}");
        return TypedResults.File(content, mediaType, fileName);
    }

    static string Required(string? value, string field, string what) =>
        value ?? throw new DomainException("usage", $"Name {what} ({field}).", field);

    static Results<Ok<CorrelationReport>, ProblemHttpResult> Correlate(CorrelateRequest request) => Answer(() =>
        SurveyAnalyses.Correlate(CaseTable.FromColumns(request.Columns), request.Variables ?? [], request.Method ?? "pearson"));

    static Results<Ok<TTestReport>, ProblemHttpResult> TTest(TTestRequest request) => Answer(() =>
        SurveyAnalyses.TTest(CaseTable.FromColumns(request.Columns), request.Kind ?? "independent", Required(request.Y, "y", "the variable tested"),
            request.Group, request.Levels, request.PairedWith, request.Mu ?? 0));

    static Results<Ok<OneWayAnovaReport>, ProblemHttpResult> Anova(GroupComparisonRequest request) => Answer(() =>
        SurveyAnalyses.Anova(CaseTable.FromColumns(request.Columns), Required(request.Y, "y", "the dependent variable"),
            Required(request.Group, "group", "the grouping variable"), request.Levels));

    static Results<Ok<NonparametricReport>, ProblemHttpResult> Nonparametric(GroupComparisonRequest request) => Answer(() =>
        SurveyAnalyses.Nonparametric(CaseTable.FromColumns(request.Columns), Required(request.Y, "y", "the variable compared"),
            Required(request.Group, "group", "the grouping variable"), request.Levels, request.Exact ?? true));

    static Results<Ok<EfaReport>, ProblemHttpResult> Efa(EfaRequest request) => Answer(() =>
    {
        if (request.ParallelIterations is < 1 or > 1000)
            throw new DomainException("usage", $"parallel_iterations must be between 1 and 1000; it is {request.ParallelIterations}.", "parallel_iterations");
        return SurveyAnalyses.Efa(CaseTable.FromColumns(request.Columns), request.Items ?? [], request.Factors, request.Extraction ?? "pa",
            request.Rotation ?? "varimax", request.ParallelIterations ?? 20, request.Seed ?? 42);
    });

    static Results<Ok<CrosstabReport>, ProblemHttpResult> Crosstab(CrosstabRequest request) => Answer(() =>
        SurveyAnalyses.Crosstab(CaseTable.FromColumns(request.Columns), Required(request.Rows, "rows", "the row variable"),
            Required(request.ColumnsVariable, "columns_variable", "the column variable"), request.Yates ?? true));

    static Results<Ok<RegressionReport>, ProblemHttpResult> Regress(RegressRequest request) => Answer(() =>
        SurveyAnalyses.Regress(CaseTable.FromColumns(request.Columns),
            request.Y ?? throw new DomainException("usage", "Name the dependent variable (y).", "y"),
            request.X ?? [], request.Method ?? "enter", request.Constant ?? true));

    static Results<Ok<ReliabilityReport>, ProblemHttpResult> Reliability(ReliabilityRequest request) => Answer(() =>
        SurveyAnalyses.Reliability(CaseTable.FromColumns(request.Columns), request.Items ?? [], request.Reverse,
            request.ScaleMin, request.ScaleMax, request.Missing ?? "pairwise"));

    /// <summary>Data the analysis cannot use is the caller's to fix: 400 with the stable code and the variable it concerns.</summary>
    static Results<Ok<T>, ProblemHttpResult> Answer<T>(Func<T> analysis)
    {
        try { return TypedResults.Ok(analysis()); }
        catch (DomainException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400, title: "The data cannot be analysed as asked",
                extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["field"] = e.Field });
        }
    }
}
