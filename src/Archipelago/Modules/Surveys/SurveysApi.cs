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
        return app;
    }

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
