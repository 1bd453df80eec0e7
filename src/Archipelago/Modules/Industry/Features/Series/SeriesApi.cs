using System.Security.Claims;
using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>A stored series with its growth arithmetic.</summary>
public sealed record SeriesDto(Indicator Indicator, SeriesKey Series, IReadOnlyList<StoredObservation> Figures, GrowthReport Growth);

/// <summary>An indicator as a client sends it (the code is in the route).
/// <c>source</c> is the indicator's citation (publication, table, page, url); <c>measure</c> declares it to other modules
/// (<c>employment</c>: persons employed, offered through the kernel's facts).</summary>
public sealed record IndicatorInput(string NameEn, string? NameZh, string Unit, string? Currency, string? PriceBasis, string? Frequency, string? Definition,
    Citation? Source, string? Measure = null);

public sealed record SubsectorInput(string NameEn, string NameZh, long Position = 99);

/// <summary>The workspace's indicator series under <c>/api/industry</c>: reads for any signed-in account, writes (indicators,
/// sub-sectors, imports) for <see cref="Policies.EditRegistry"/>. The analyses of a stored series (growth, derived figures,
/// life cycle) are reads.</summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("Industry series");
        api.MapGet("/indicators", Indicators).WithName("ListIndustryIndicators").WithSummary("The indicators: code, names, unit, currency, price basis, frequency, definition, source.");
        api.MapPut("/indicators/{code}", SaveIndicator).WithName("SaveIndustryIndicator").WithSummary("Create an indicator or replace its description (its unit cannot change once it has figures).")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/subsectors", Subsectors).WithName("ListIndustrySubsectors").WithSummary("The industry's sub-sectors (seed 000's eight by default).");
        api.MapPut("/subsectors/{code}", SaveSubsector).WithName("SaveIndustrySubsector").WithSummary("Add or rename a sub-sector.").RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/series", ListSeries).WithName("ListIndustrySeries").WithSummary("The stored series (indicator × region × sub-sector) with their span and how many figures were revised.");
        api.MapGet("/series/{indicator}", GetSeries).WithName("GetIndustrySeries")
            .WithSummary("One series' figures (latest vintage, or every vintage with vintages=true) with growth on the previous year, CAGR, index and suspected unit slips.");
        api.MapGet("/series/{indicator}/derive/{kind}", Derive).WithName("DeriveIndustryFigures")
            .WithSummary("Derived figures of a stored series: yoy, cagr (from, to), index (base), share (subsector or of_region), ratio (per), lq (of_region), deflate (per, base).");
        api.MapGet("/series/{indicator}/lifecycle", Lifecycle).WithName("AssessStoredIndustryLifeCycle")
            .WithSummary("The life-cycle stage of a stored series: logistic, Gompertz (Bass when cumulative) fits chosen by AICc, with the evidence — or a refusal.");
        api.MapGet("/lifecycle/facts", FactCatalogue).WithName("IndustryLifeCycleFactCatalogue")
            .WithSummary("The series other modules offer for a life-cycle fit (measure 'patents', e.g. patents per priority year from the Patents module): id, measure, label, unit.");
        api.MapGet("/lifecycle/fact", FactLifecycle).WithName("AssessFactLifeCycle")
            .WithSummary("The life-cycle stage of another module's series (id from /lifecycle/facts), summed into a running total (fit=cumulative, default) or as a level (fit=level), with the module, series and source it came from.");
        api.MapPost("/import/series", Import).WithName("ImportIndustrySeries")
            .WithSummary("Import figures from a CSV, XLSX or JSON file (multipart field 'file'), wide or long; dryRun=true checks and stores nothing; all or nothing; a changed figure adds a vintage; source_publication, source_table, source_page, source_url cite the whole file where a row does not.")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        api.MapGet("/series/export", Export).WithName("ExportIndustrySeries").WithSummary("Stored figures as a long CSV in the import's columns (vintages=true: every vintage).");
        api.MapGet("/value-chain", ValueChain).WithName("IndustryValueChain")
            .WithSummary("The registry's enablers and joint actions per value-chain segment (discovery, development, manufacturing, sales/brand, services) for the smile curve.");
        return app;
    }

    static async Task<Ok<ValueChain.ValueChainReport>> ValueChain(ValueChain.ValueChainMap map, CancellationToken ct) => TypedResults.Ok(await map.BuildAsync(ct));

    static async Task<Ok<IReadOnlyList<Indicator>>> Indicators(SeriesStore store, CancellationToken ct) => TypedResults.Ok(await store.IndicatorsAsync(ct));

    static async Task<Ok<Indicator>> SaveIndicator(string code, IndicatorInput input, SeriesStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.SaveIndicatorAsync(new Indicator(0, code, input.NameEn, input.NameZh, input.Unit, input.Currency, input.PriceBasis,
            input.Frequency ?? "year", input.Definition, input.Source ?? Citation.None, string.IsNullOrWhiteSpace(input.Measure) ? null : input.Measure.Trim()), ct));

    static async Task<Ok<IReadOnlyList<Subsector>>> Subsectors(SeriesStore store, CancellationToken ct) => TypedResults.Ok(await store.SubsectorsAsync(ct));

    static async Task<NoContent> SaveSubsector(string code, SubsectorInput input, SeriesStore store, CancellationToken ct)
    {
        await store.SaveSubsectorAsync(new Subsector(code, input.NameEn, input.NameZh, input.Position), ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<IReadOnlyList<SeriesSummary>>> ListSeries(SeriesStore store, string? indicator, string? region, CancellationToken ct) =>
        TypedResults.Ok(await store.SeriesAsync(indicator, region, ct));

    static async Task<Ok<SeriesDto>> GetSeries(string indicator, SeriesStore store, SeriesAnalysis analysis, string region = "China", string? subsector = null,
        bool vintages = false, CancellationToken ct = default)
    {
        var key = new SeriesKey(indicator, region, subsector ?? Subsector.Total);
        var (ind, latest, series) = await analysis.LoadAsync(key, ct);
        return TypedResults.Ok(new SeriesDto(ind, key, vintages ? await store.ObservationsAsync(key, true, ct) : latest, GrowthReport.Of(series)));
    }

    static async Task<Ok<DerivedSeries>> Derive(string indicator, string kind, SeriesAnalysis analysis, string region = "China", string? subsector = null,
        string? per = null, [FromQuery(Name = "of_region")] string? ofRegion = null, [FromQuery(Name = "base")] string? basePeriod = null,
        string? from = null, string? to = null, CancellationToken ct = default) =>
        TypedResults.Ok(await analysis.DeriveAsync(new DeriveRequest(kind, indicator, region, subsector, per, ofRegion, basePeriod, from, to), ct));

    static async Task<Results<Ok<LifeCycleReport>, ProblemHttpResult>> Lifecycle(string indicator, SeriesAnalysis analysis, string region = "China",
        string? subsector = null, bool cumulative = false, int forecast = 0, CancellationToken ct = default)
    {
        if (forecast is < 0 or > 100)
            return TypedResults.Problem(statusCode: 400, title: "forecast takes 0 to 100 periods.", extensions: new Dictionary<string, object?> { ["code"] = "bad_forecast", ["field"] = "forecast" });
        return TypedResults.Ok(await analysis.LifeCycleAsync(new SeriesKey(indicator, region, subsector ?? Subsector.Total), cumulative, forecast, ct));
    }

    static async Task<Ok<IReadOnlyList<FactSeriesInfo>>> FactCatalogue(Kernel.Facts facts, SeriesStore store, CancellationToken ct) =>
        TypedResults.Ok(await Facts.FactLifeCycle.CatalogueAsync(facts, store.Database, ct));

    static async Task<Results<Ok<Facts.FactLifeCycleReport>, ProblemHttpResult>> FactLifecycle(Kernel.Facts facts, SeriesStore store, string id, string fit = "cumulative",
        int forecast = 0, CancellationToken ct = default)
    {
        if (forecast is < 0 or > 100)
            return TypedResults.Problem(statusCode: 400, title: "forecast takes 0 to 100 periods.", extensions: new Dictionary<string, object?> { ["code"] = "bad_forecast", ["field"] = "forecast" });
        if (fit is not ("cumulative" or "level"))
            return TypedResults.Problem(statusCode: 400, title: "fit is cumulative or level.", extensions: new Dictionary<string, object?> { ["code"] = "bad_fit", ["field"] = "fit" });
        return TypedResults.Ok(await Facts.FactLifeCycle.AssessAsync(facts, store.Database, id, fit == "cumulative", forecast, ct));
    }

    static async Task<Results<Ok<SeriesImportOutcome>, UnprocessableEntity<SeriesImportOutcome>, ProblemHttpResult>> Import(IFormFile file, SeriesImport import,
        ClaimsPrincipal user, bool dryRun = false, [FromQuery(Name = "decimal_mark")] string? decimalMark = null, string? encoding = null,
        [FromQuery(Name = "source_publication")] string? sourcePublication = null, [FromQuery(Name = "source_table")] string? sourceTable = null,
        [FromQuery(Name = "source_page")] string? sourcePage = null, [FromQuery(Name = "source_url")] string? sourceUrl = null, CancellationToken ct = default)
    {
        if (file.Length > Limits.MaxUploadBytes)
            return TypedResults.Problem($"{file.FileName} is {file.Length / 1048576} MB; uploads take at most {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago industry import FILE.",
                statusCode: 413, title: "File too large", extensions: new Dictionary<string, object?> { ["code"] = "file_too_large" });
        if (decimalMark is not (null or "point" or "comma"))
            return TypedResults.Problem(statusCode: 400, title: "decimal_mark is point or comma.", extensions: new Dictionary<string, object?> { ["code"] = "bad_decimal_mark", ["field"] = "decimal_mark" });
        await using var stream = file.OpenReadStream();
        var outcome = await import.RunAsync(stream, file.FileName, !dryRun, user.Username(), SeriesTable.DecimalMarkNamed(decimalMark),
            encoding is null ? null : TabularFile.EncodingNamed(encoding), source: new Citation(sourcePublication, sourceTable, sourcePage, sourceUrl), ct: ct);
        return outcome.Ok ? TypedResults.Ok(outcome) : TypedResults.UnprocessableEntity(outcome);
    }

    static async Task Export(HttpContext http, SeriesExport export, string? indicator, string? region, bool vintages = false, CancellationToken ct = default)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{indicator ?? "industry"}-series.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await export.WriteCsvAsync(writer, indicator, region, vintages, ct);
    }
}
