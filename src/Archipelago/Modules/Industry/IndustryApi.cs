using System.Text.Json.Serialization;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Import;
using Archipelago.Numerics.TimeSeries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Industry;

/// <summary>Body of <c>POST /api/industry/lifecycle</c>. <c>forecast</c>: periods to forecast past the last one;
/// <c>decimal_mark</c>: point or comma when text cells use one throughout (see <see cref="SeriesTable.DecimalMarkNamed"/>).</summary>
public sealed record LifeCycleRequest(IReadOnlyList<SeriesPoint>? Series, bool Cumulative = false, int Forecast = 0, string? Name = null,
    [property: JsonPropertyName("decimal_mark")] string? DecimalMark = null);

/// <summary>Body of <c>POST /api/industry/growth</c>.</summary>
public sealed record GrowthRequest(IReadOnlyList<SeriesPoint>? Series, string? Name = null,
    [property: JsonPropertyName("decimal_mark")] string? DecimalMark = null);

/// <summary>Industry computations over a series the client sends; nothing is read from or stored in the workspace, so they
/// need <see cref="Policies.Analyse"/> rather than a registry policy. A refusal to judge the life cycle is a 200 answer with
/// <c>refusal</c> set; only unreadable input is a 400 ProblemDetails listing every bad cell.</summary>
public static class IndustryApi
{
    public static IEndpointRouteBuilder MapIndustryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("Industry analysis").RequireAuthorization(Policies.Analyse);
        api.MapPost("/lifecycle", Lifecycle).WithName("AssessIndustryLifeCycle")
            .WithSummary("Fit logistic and Gompertz (Bass when cumulative) curves to a series, choose by AICc, and give the life-cycle stage with evidence — or a refusal with its reason.");
        api.MapPost("/growth", Growth).WithName("IndustryGrowth")
            .WithSummary("Year-on-year growth, CAGR, index to the first period, and suspected unit slips (亿 vs billion) of a series.");
        return app;
    }

    static Results<Ok<LifeCycleReport>, ProblemHttpResult> Lifecycle(LifeCycleRequest request)
    {
        if (request.Forecast is < 0 or > 100) return Problem("bad_forecast", "forecast takes 0 to 100 periods.", "forecast", []);
        if (request.DecimalMark is not (null or "point" or "comma")) return Problem("bad_decimal_mark", "decimal_mark is point or comma.", "decimal_mark", []);
        var (series, errors) = SeriesTable.FromPoints(request.Series, request.Name ?? "series", SeriesTable.DecimalMarkNamed(request.DecimalMark));
        if (series is null) return Invalid(errors);
        return TypedResults.Ok(LifeCycleReport.Assess(series, request.Cumulative, request.Forecast));
    }

    static Results<Ok<GrowthReport>, ProblemHttpResult> Growth(GrowthRequest request)
    {
        if (request.DecimalMark is not (null or "point" or "comma")) return Problem("bad_decimal_mark", "decimal_mark is point or comma.", "decimal_mark", []);
        var (series, errors) = SeriesTable.FromPoints(request.Series, request.Name ?? "series", SeriesTable.DecimalMarkNamed(request.DecimalMark));
        return series is null ? Invalid(errors) : TypedResults.Ok(GrowthReport.Of(series));
    }

    static ProblemHttpResult Invalid(IReadOnlyList<RowError> errors) =>
        Problem("bad_series", errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} cells of the series cannot be read; see errors.", "series", errors);

    static ProblemHttpResult Problem(string code, string title, string field, IReadOnlyList<RowError> errors) =>
        TypedResults.Problem(statusCode: 400, title: title, extensions: new Dictionary<string, object?>
        {
            ["code"] = code,
            ["field"] = field,
            ["errors"] = errors.Select(e => new { row = e.Row, column = e.Column, reason = e.Reason, message = e.ToString() }).ToList(),
        });
}
