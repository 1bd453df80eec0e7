using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Valuation.Features.Deals;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Modules.Valuation.Features.Pledge;
using Archipelago.Modules.Valuation.Features.Saved;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;

namespace Archipelago.Modules.Valuation;

/// <summary>
/// Valuation computations over HTTP: each takes the asset JSON of <c>docs/valuation-asset-schema.md</c> as the request
/// body and stores nothing, hence <see cref="Policies.Analyse"/>. Saved valuations (<c>/saved</c>) are analyses kept
/// with their inputs, so saving them needs <see cref="Policies.Analyse"/> too, while any signed-in account reads them. The body is read as text and parsed by
/// <see cref="AssetJson"/> so that a rejected input comes back as ProblemDetails whose <c>field</c> is its JSON path.
/// Results use the snake_case keys of the CLI's <c>--format json</c> (JsonHttpResult carries no OpenAPI metadata, hence Produces).
/// </summary>
public static class ValuationApi
{
    /// <summary>An asset file is a few kilobytes; anything much larger is a mistake or abuse.</summary>
    public const int MaxBodyChars = 1 << 20;

    /// <summary>Monte Carlo paths one request may ask for (100 000, the default, takes well under a second).</summary>
    public const int MaxPaths = 1_000_000;

    public static IEndpointRouteBuilder MapValuationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/valuation").WithTags("Valuation");
        var compute = api.MapGroup("").RequireAuthorization(Policies.Analyse);
        compute.MapPost("/rnpv", RnpvEndpoint).WithName("ValuateRnpv")
            .WithSummary("Risk-adjusted NPV of the asset in the body, with LOA, unadjusted NPV and the year-by-year table.").Accepts<JsonElement>("application/json")
            .Produces<RnpvReport>().ProducesProblem(400);
        compute.MapPost("/montecarlo", MonteCarloEndpoint).WithName("ValuateMonteCarlo")
            .WithSummary($"Monte Carlo NPV distribution (mean, std_error, percentiles, p_positive, histogram); paths ≤ {MaxPaths}, seed for reproducibility, outcomes=bernoulli|weighted.").Accepts<JsonElement>("application/json")
            .Produces<MonteCarloReport>().ProducesProblem(400);
        compute.MapPost("/deal", DealEndpoint).WithName("ValuateDeal")
            .WithSummary("Licensor and licensee values, shares and biobucks of the body's deal terms; solve=royalty|upfront|milestones with targetShare solves for that term.").Accepts<JsonElement>("application/json")
            .Produces<DealReport>().ProducesProblem(400);
        compute.MapPost("/tornado", TornadoEndpoint).WithName("ValuateTornado")
            .WithSummary("Sensitivity of rNPV to each uncertain input at its low and high quantile (default p10 and p90), largest swing first.").Accepts<JsonElement>("application/json")
            .Produces<TornadoReport>().ProducesProblem(400);
        api.MapSavedValuations();
        api.MapDeals();
        api.MapPledge();
        return app;
    }

    /// <summary>Types the valuation endpoints write with <see cref="ValuationReportJson.Options"/>.</summary>
    static readonly HashSet<Type> SnakeCased = [.. Features.Saved.SavedValuationApi.SnakeCased, typeof(RnpvReport), typeof(RnpvYearRow), typeof(MonteCarloReport), typeof(HistogramBin),
        typeof(DealReport), typeof(DealSolution), typeof(DealTerms), typeof(DevelopmentMilestone), typeof(SalesMilestone), typeof(RoyaltyTier),
        typeof(DealYear), typeof(TornadoReport), typeof(TornadoBar), typeof(PatentExclusivity)];

    /// <summary>The OpenAPI document describes schemas with the app's camelCase; the valuation results are snake_case.</summary>
    public static void DescribeSnakeCase(OpenApiOptions o) => o.AddSchemaTransformer((schema, context, _) =>
    {
        if (SnakeCased.Contains(context.JsonTypeInfo.Type) && schema.Properties is { Count: > 0 } properties)
        {
            foreach (var (name, property) in properties.ToList())
            {
                properties.Remove(name);
                properties[JsonNamingPolicy.SnakeCaseLower.ConvertName(name)] = property;
            }
            if (schema.Required is { Count: > 0 } required)
                schema.Required = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToHashSet();
        }
        return Task.CompletedTask;
    });

    static async Task<Results<JsonHttpResult<RnpvReport>, ProblemHttpResult>> RnpvEndpoint(HttpRequest request, Database db, Facts facts, CancellationToken ct) =>
        await Compute(request, db, facts, (c, patent) => RnpvReport.From(Rnpv.Calculate(c.Asset.Base)) with { LinkedPatent = patent }, ct);

    static async Task<Results<JsonHttpResult<MonteCarloReport>, ProblemHttpResult>> MonteCarloEndpoint(HttpRequest request, Database db, Facts facts,
        int paths = 100_000, ulong seed = 1, string? outcomes = null, CancellationToken ct = default)
    {
        if (paths > MaxPaths)
            return Problem(new ValuationInputException(ValuationErrorCodes.UnknownValue, "paths", $"at most {MaxPaths} paths per request, got {paths}; run more with the CLI"));
        return await Compute(request, db, facts, (c, patent) => MonteCarloReport.From(MonteCarlo.Run(c.Asset,
            new MonteCarloOptions(paths, seed, MonteCarloReport.ParseOutcomes(outcomes)))) with { LinkedPatent = patent }, ct);
    }

    static async Task<Results<JsonHttpResult<DealReport>, ProblemHttpResult>> DealEndpoint(HttpRequest request, Database db, Facts facts,
        string? solve = null, double? targetShare = null, CancellationToken ct = default) =>
        await Compute(request, db, facts, (c, patent) => DealReport.For(c, solve, targetShare, "targetShare") with { LinkedPatent = patent }, ct);

    static async Task<Results<JsonHttpResult<TornadoReport>, ProblemHttpResult>> TornadoEndpoint(HttpRequest request, Database db, Facts facts,
        double low = 0.10, double high = 0.90, CancellationToken ct = default) =>
        await Compute(request, db, facts, (c, patent) => TornadoReport.For(c, low, high) with { LinkedPatent = patent }, ct);

    /// <summary>Reads the body, takes the exclusivity end from its linked patent when it names one (and gives none
    /// itself), parses and computes; a rejected input is a 400 with its code and JSON path.</summary>
    static async Task<Results<JsonHttpResult<T>, ProblemHttpResult>> Compute<T>(HttpRequest request, Database db, Facts facts,
        Func<ValuationCase, PatentExclusivity?, T> compute, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return TooLarge();
        try
        {
            var (json, patent) = await LinkedPatent.ResolveAsync(body, db, facts, ct);
            return TypedResults.Json(compute(AssetJson.Parse(json), patent), ValuationReportJson.Options);
        }
        catch (ValuationInputException e) { return Problem(e); }
    }

    internal static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The asset JSON is larger than {MaxBodyChars} characters.", statusCode: 413, title: "Body too large",
            extensions: new Dictionary<string, object?> { ["code"] = "body_too_large", ["field"] = "$" });

    internal static ProblemHttpResult Problem(ValuationInputException e) => TypedResults.Problem(title: $"{e.Field}: {e.Detail}", statusCode: 400,
        extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["field"] = e.Field });

    /// <summary>The body as text, or null when it exceeds <see cref="MaxBodyChars"/>.</summary>
    internal static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyChars * 4L) return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[16384];
        int n;
        while ((n = await reader.ReadAsync(buffer, ct)) > 0)
        {
            text.Append(buffer, 0, n);
            if (text.Length > MaxBodyChars) return null;
        }
        return text.ToString();
    }
}
