using System.Security.Claims;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Patents;

/// <summary>Body of <c>POST /api/patents/applicants/merge</c>: the variant is from now on counted as the canonical name.</summary>
public sealed record MergeRequest(string Variant, string Canonical, string? Evidence = null);

/// <summary>The patents API under <c>/api/patents</c>: reads need a signed-in account; import and merges need
/// <see cref="Policies.EditRegistry"/>. Filters are the CLI's: text, classification, applicant, jurisdiction, from, to,
/// date_basis (priority|application|publication).</summary>
public static class PatentsApi
{
    public static IEndpointRouteBuilder MapPatentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patents").WithTags("Patents");
        api.MapGet("/landscape", Landscape).WithName("PatentLandscape")
            .WithSummary("Records, families, filings per year, top applicants and IPC subclasses, technology fields, jurisdictions, new entrants and the life-cycle phase with evidence, for a filter.");
        api.MapGet("/search", Search).WithName("SearchPatents")
            .WithSummary("Full-text search (English or Chinese) over title, abstract and claims, with the landscape filters, facets and highlighted snippets.");
        api.MapGet("/applicants/suggestions", Suggestions).WithName("PatentApplicantMergeSuggestions")
            .WithSummary("Proposed merges of applicant name variants, each with its rule and evidence (record counts, shared inventors).");
        api.MapPost("/applicants/merge", Merge).WithName("MergePatentApplicants")
            .WithSummary("Accept a merge: record the reviewed alias and move the variant's records to the canonical name.").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/import", Import).WithName("ImportPatents")
            .WithSummary("Import one patent export (Lens, PATENTSCOPE, WIPO landscape, Google Patents CSV, USPTO XML, or mapping:NAME), all-or-nothing.")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        return app;
    }

    static PatentFilter Filter(string? text, string? classification, string? applicant, string? jurisdiction, int? from, int? to, string? dateBasis) =>
        new(text, classification, applicant, jurisdiction, from, to, PatentFilter.ParseBasis(dateBasis));

    static async Task<Ok<LandscapeReport>> Landscape(PatentLandscape landscape, string? text, string? classification, string? applicant,
        string? jurisdiction, int? from, int? to, string? date_basis, CancellationToken ct) =>
        TypedResults.Ok(await landscape.RunAsync(Filter(text, classification, applicant, jurisdiction, from, to, date_basis), ct));

    static async Task<Ok<SearchResult>> Search(PatentSearch search, string? q, string? classification, string? applicant,
        string? jurisdiction, int? from, int? to, string? date_basis, int skip = 0, int take = 20, CancellationToken ct = default) =>
        TypedResults.Ok(await search.RunAsync(Filter(q, classification, applicant, jurisdiction, from, to, date_basis), skip, take, ct));

    static async Task<Ok<IReadOnlyList<MergeSuggestion>>> Suggestions(Kernel.Data.Database db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await new ApplicantMerges(db, clock).SuggestAsync(ct));

    static async Task<Ok<long>> Merge(MergeRequest request, Kernel.Data.Database db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await new ApplicantMerges(db, clock).MergeAsync(request.Variant ?? "", request.Canonical ?? "", request.Evidence ?? "api", user.Username(), ct));

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
