using System.Security.Claims;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Intensity;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Archipelago.Modules.Patents.Features.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Archipelago.Modules.Patents;

/// <summary>Body of <c>POST /api/patents/applicants/merge</c>: the variant is from now on counted as the canonical name.</summary>
public sealed record MergeRequest(string Variant, string Canonical, string? Evidence = null);

/// <summary>Body of <c>POST /api/patents/applicants/enabler</c>: the applicant (any spelling; it is normalised) and the
/// enabler type (a registry type code; empty: the type suggested from the name).</summary>
public sealed record CreateEnablerRequest(string Applicant, string? Type = null);

/// <summary>Body of <c>POST /api/patents/searches</c>: a name and the search's words and filters.</summary>
public sealed record SaveSearchRequest(string Name, string? Q = null, string? Classification = null, string? Applicant = null,
    string? Jurisdiction = null, int? From = null, int? To = null, string? Date_basis = null, bool Cluster = false, string? Legal_status = null);

/// <summary>
/// The landscape filters of every patents endpoint that selects records, as query parameters (the words are the
/// endpoint's own: <c>text</c>, or <c>q</c> for search): classification, applicant, jurisdiction, from, to, date_basis
/// (priority|application|publication), cluster (true: records of cluster members only), legal_status.
/// </summary>
public sealed record FilterQuery(
    [property: FromQuery(Name = "classification")] string? Classification = null,
    [property: FromQuery(Name = "applicant")] string? Applicant = null,
    [property: FromQuery(Name = "jurisdiction")] string? Jurisdiction = null,
    [property: FromQuery(Name = "from")] int? From = null,
    [property: FromQuery(Name = "to")] int? To = null,
    [property: FromQuery(Name = "date_basis")] string? DateBasis = null,
    [property: FromQuery(Name = "cluster")] bool Cluster = false,
    [property: FromQuery(Name = "legal_status")] string? LegalStatus = null)
{
    public PatentFilter With(string? text) =>
        new(text, Classification, Applicant, Jurisdiction, From, To, PatentFilter.ParseBasis(DateBasis), Cluster, LegalStatus);
}

/// <summary>The patents API under <c>/api/patents</c>: reads need a signed-in account; import and merges need
/// <see cref="Policies.EditRegistry"/>. Filters are the CLI's (<see cref="FilterQuery"/>).</summary>
public static class PatentsApi
{
    public static IEndpointRouteBuilder MapPatentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patents").WithTags("Patents");
        api.MapGet("/landscape", Landscape).WithName("PatentLandscape")
            .WithSummary("Records, families, filings per year, top applicants and IPC subclasses, technology fields, jurisdictions, legal statuses, new entrants and the life-cycle phase with evidence, for a filter.");
        api.MapGet("/search", Search).WithName("SearchPatents")
            .WithSummary("Full-text search (English or Chinese) over title, abstract and claims, with the landscape filters, facets and highlighted snippets.");
        api.MapGet("/applicants/suggestions", Suggestions).WithName("PatentApplicantMergeSuggestions")
            .WithSummary("Proposed merges of applicant name variants, each with its rule and evidence (record counts, shared inventors).");
        api.MapPost("/applicants/merge", Merge).WithName("MergePatentApplicants")
            .WithSummary("Accept a merge: record the reviewed alias and move the variant's records to the canonical name.").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/import", Import).WithName("ImportPatents")
            .WithSummary("Import one patent export (Lens, PATENTSCOPE, WIPO landscape, Google Patents CSV, USPTO XML, PatentsView tables in one .zip, or mapping:NAME; plain, .gz or .zip), all-or-nothing.")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        api.MapGet("/imports", Imports).WithName("PatentImports")
            .WithSummary("The workspace's committed imports, newest first: when, by whom, which file, what it did (?take=, default 20).");
        api.MapGet("/search/export", ExportSearch).WithName("ExportPatentSearch")
            .WithSummary("Every record a search selects (not one page), as csv or xlsx (?format=).");
        api.MapGet("/landscape/export", ExportLandscape).WithName("ExportPatentLandscape")
            .WithSummary("The landscape's tables (per year, top applicants, IPC hotspots, fields, jurisdictions, new entrants, life cycle), one xlsx sheet each.");
        api.MapGet("/landscape/co-applicants", ExportCoApplicants).WithName("ExportPatentCoApplicants")
            .WithSummary("The whole co-applicant network of the selected records as a CSV edge list (source,target,weight = records naming both), for archipelago network metrics --edges FILE --weight weight or Gephi.");
        api.MapGet("/searches", ListSearches).WithName("ListSavedPatentSearches")
            .WithSummary("The workspace's saved searches: name, words and filters.");
        api.MapPost("/searches", SaveSearch).WithName("SavePatentSearch")
            .WithSummary("Save (or replace) a search under a name.").RequireAuthorization(Policies.Analyse);
        api.MapGet("/searches/{name}", RunSaved).WithName("RunSavedPatentSearch")
            .WithSummary("Run a saved search: hits, facets and snippets; ?format=csv|xlsx exports every record it selects.");
        api.MapGet("/searches/{name}/landscape", SavedLandscape).WithName("SavedPatentSearchLandscape")
            .WithSummary("The landscape dashboard's data for a saved search; ?format=xlsx gives its tables as a workbook.");
        api.MapDelete("/searches/{name}", DeleteSearch).WithName("DeleteSavedPatentSearch")
            .WithSummary("Delete a saved search.").RequireAuthorization(Policies.Analyse);
        api.MapGet("/applicants/unlinked", Unlinked).WithName("UnlinkedPatentApplicants")
            .WithSummary("Applicants not linked to a registry enabler, most records first, each with the enabler type its name suggests.");
        api.MapPost("/applicants/enabler", CreateEnabler).WithName("CreateEnablerFromPatentApplicant")
            .WithSummary("Create a registry enabler from an applicant (type chosen, or suggested from the name), link them, and write the co-patent joint actions this makes possible.")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/applicants/link", Link).WithName("LinkPatentApplicants")
            .WithSummary("Link applicants to registry enablers with the same normalised name and write co-applications between linked enablers as co-patent joint actions.")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/mappings", Mappings).WithName("PatentColumnMappings")
            .WithSummary("Saved column mappings for generic CSV/XLSX files, by name (import with format=mapping:NAME).");
        api.MapPut("/mappings/{name}", SaveMapping).WithName("SavePatentColumnMapping")
            .WithSummary("Save (or replace) a column mapping: a JSON object naming columns (publicationNumber required; title, applicants, ipc, publicationDate…, separator).")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/intensity", Intensity).WithName("PatentIntensity")
            .WithSummary("Patents per 10,000 employees against the national average and seed 000's verdict; employees entered (employees=) or from another module's employment series (employment_series=, year=); patents entered or counted with the filters.");
        api.MapGet("/intensity/employment-series", EmploymentSeries).WithName("PatentIntensityEmploymentSeries")
            .WithSummary("Employment series other modules offer (the industry monitor), for the intensity's employment_series.");
        return app;
    }

    static async Task<Ok<IReadOnlyDictionary<string, ColumnMapping>>> Mappings(Kernel.Data.Database db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await new MappingStore(db, clock).AllAsync(ct));

    static async Task<Ok<ColumnMapping>> SaveMapping(string name, ColumnMapping mapping, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var checkedMapping = ColumnMapping.FromJson(mapping.ToJson(), $"mapping '{name}'");
        await new MappingStore(db, clock).SaveAsync(name, checkedMapping, user.Username(), ct);
        return TypedResults.Ok(checkedMapping);
    }

    static async Task<Ok<IReadOnlyList<UnlinkedApplicant>>> Unlinked(Kernel.Data.Database db, TimeProvider clock, string? text, int take = 50, CancellationToken ct = default) =>
        TypedResults.Ok(await new ApplicantEnablers(db, clock).UnlinkedAsync(text, take, ct));

    static async Task<Created<EnablerCreated>> CreateEnabler(CreateEnablerRequest request, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await new ApplicantEnablers(db, clock).CreateAsync(request.Applicant ?? "", request.Type, user.Username(), ct);
        return TypedResults.Created($"/api/enablers/{created.EnablerId}", created);
    }

    static async Task<Ok<LinkOutcome>> Link(Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await new CoPatents(db, clock).LinkAsync(user.Username(), ct));

    static async Task<Ok<IReadOnlyList<Kernel.FactSeriesInfo>>> EmploymentSeries(Kernel.Facts facts, Kernel.Data.Database db, CancellationToken ct) =>
        TypedResults.Ok(await new EmploymentFacts(facts, db).CatalogueAsync(ct));

    static async Task<Ok<Domain.PatentIntensity>> Intensity(Kernel.Facts facts, Kernel.Data.Database db, PatentLandscape landscape, double national_density,
        double? employees, string? employment_series, int? year, long? patents, long? grants, double? national_grant_average,
        string? text, [AsParameters] FilterQuery filter, CancellationToken ct)
    {
        EmploymentFigure staff;
        if (!string.IsNullOrWhiteSpace(employment_series))
            staff = await new EmploymentFacts(facts, db).ValueAsync(employment_series,
                year ?? throw new Kernel.DomainException("year_required", "Name the year of the employment series (year=).", "year"), ct);
        else staff = new EmploymentFigure(employees ?? throw new Kernel.DomainException("employees_required", "Give employees= or an employment_series= with its year=.", "employees"), "entered");
        var (count, source) = patents is { } p ? (p, "entered")
            : ((await landscape.RunAsync(filter.With(text), ct)).Records, "records in the workspace matching the filters");
        return TypedResults.Ok(Domain.PatentIntensity.Compute(count, staff.Employees, national_density, grants, national_grant_average, source, staff.Source));
    }

    static PushStreamHttpResult Download(IReadOnlyList<ExportTable> tables, string format, string name) =>
        TypedResults.Stream(s => PatentExport.WriteAsync(tables, format, s), PatentExport.ContentType(format), $"{name}.{format}");

    static string FileName(string name) => new string(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray()).Trim('-') is { Length: > 0 } f ? f : "patents";

    static PushStreamHttpResult ExportRecords(Kernel.Data.Database db, PatentFilter filter, string? format, string name)
    {
        var f = PatentExport.CheckFormat(format ?? "csv");
        filter.Sql(db.Dialect); // a bad filter is refused before the download starts
        return Download([new PatentExport(db).Records(filter)], f, name);
    }

    static PushStreamHttpResult ExportLandscapeOf(Kernel.Data.Database db, LandscapeReport report, PatentFilter filter, string name) =>
        Download(PatentExport.Landscape(report, filter), "xlsx", name);

    static PushStreamHttpResult ExportSearch(Kernel.Data.Database db, string? q, [AsParameters] FilterQuery filter, string? format = "csv") =>
        ExportRecords(db, filter.With(q), format, "patent-search");

    static async Task<PushStreamHttpResult> ExportLandscape(Kernel.Data.Database db, PatentLandscape landscape, string? text, [AsParameters] FilterQuery query,
        CancellationToken ct)
    {
        var filter = query.With(text);
        return ExportLandscapeOf(db, await landscape.RunAsync(filter, ct), filter, "patent-landscape");
    }

    static async Task<PushStreamHttpResult> ExportCoApplicants(PatentLandscape landscape, string? text, [AsParameters] FilterQuery query, CancellationToken ct) =>
        Download([PatentExport.EdgeList(await landscape.CoApplicationsAsync(query.With(text), ct))], "csv", "patent-co-applicants");

    static async Task<Ok<IReadOnlyList<SavedSearch>>> ListSearches(Kernel.Data.Database db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await new SavedSearches(db, clock).ListAsync(ct));

    static async Task<Created<SavedSearch>> SaveSearch(SaveSearchRequest request, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var saved = await new SavedSearches(db, clock).SaveAsync(request.Name,
            new PatentFilter(request.Q, request.Classification, request.Applicant, request.Jurisdiction, request.From, request.To,
                PatentFilter.ParseBasis(request.Date_basis), request.Cluster, request.Legal_status), user.Username(), ct);
        return TypedResults.Created($"/api/patents/searches/{Uri.EscapeDataString(saved.Name)}", saved);
    }

    static async Task<Results<Ok<SearchResult>, PushStreamHttpResult>> RunSaved(string name, Kernel.Data.Database db, TimeProvider clock, PatentSearch search,
        string? format = null, int skip = 0, int take = 20, CancellationToken ct = default)
    {
        var saved = await new SavedSearches(db, clock).RequireAsync(name, ct);
        if (format is not null && format != "json") return ExportRecords(db, saved.Filter, format, FileName(saved.Name));
        return TypedResults.Ok(await search.RunAsync(saved.Filter, skip, take, ct));
    }

    static async Task<Results<Ok<LandscapeReport>, PushStreamHttpResult>> SavedLandscape(string name, Kernel.Data.Database db, TimeProvider clock,
        PatentLandscape landscape, string? format = null, CancellationToken ct = default)
    {
        var saved = await new SavedSearches(db, clock).RequireAsync(name, ct);
        var report = await landscape.RunAsync(saved.Filter, ct);
        if (format is null or "json") return TypedResults.Ok(report);
        if (PatentExport.CheckFormat(format) != "xlsx") throw new Kernel.DomainException("bad_format", "The landscape's tables export as xlsx (its charts as SVG, PNG or CSV on the page).", "format");
        return ExportLandscapeOf(db, report, saved.Filter, FileName(saved.Name) + "-landscape");
    }

    static async Task<Results<NoContent, NotFound>> DeleteSearch(string name, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await new SavedSearches(db, clock).DeleteAsync(name, user.Username(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Ok<LandscapeReport>> Landscape(PatentLandscape landscape, string? text, [AsParameters] FilterQuery filter, CancellationToken ct) =>
        TypedResults.Ok(await landscape.RunAsync(filter.With(text), ct));

    static async Task<Ok<SearchResult>> Search(PatentSearch search, string? q, [AsParameters] FilterQuery filter, int skip = 0, int take = 20,
        CancellationToken ct = default) =>
        TypedResults.Ok(await search.RunAsync(filter.With(q), skip, take, ct));

    static async Task<Ok<IReadOnlyList<MergeSuggestion>>> Suggestions(Kernel.Data.Database db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await new ApplicantMerges(db, clock).SuggestAsync(ct));

    static async Task<Ok<long>> Merge(MergeRequest request, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await new ApplicantMerges(db, clock).MergeAsync(request.Variant ?? "", request.Canonical ?? "", request.Evidence ?? "api", user.Username(), ct));

    static async Task<Ok<IReadOnlyList<ImportedFile>>> Imports(Kernel.Data.Database db, int? take = null, CancellationToken ct = default) =>
        TypedResults.Ok(await new ImportHistory(db).RecentAsync(take ?? 20, ct));

    static async Task<Results<Ok<ImportResult>, UnprocessableEntity<ImportResult>, ProblemHttpResult>> Import(IFormFile file, PatentImport import,
        ClaimsPrincipal user, string? format = null, CancellationToken ct = default)
    {
        if (file.Length > Limits.MaxUploadBytes)
            return TypedResults.Problem($"{file.FileName} is {file.Length / 1048576} MB; uploads take at most {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago patents import FILE.",
                statusCode: 413, title: "File too large", extensions: new Dictionary<string, object?> { ["code"] = "file_too_large" });
        var result = await import.RunAsync(file, format ?? "auto", user.Username(), ct);
        return result.Committed || result.ErrorCount == 0 ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }
}
