using System.Security.Claims;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Valuation.Features.Saved;

/// <summary>A saved valuation at one version: the asset JSON as entered and the results stored with it.</summary>
public sealed record SavedVersionDto(long Id, string Name, string Owner, int LatestVersion, int Version, string Author, string SavedAt,
    string? Note, string? TherapeuticArea, string? Modality, string? CurrentPhase, string? Currency, JsonElement Asset, SavedResults Results)
{
    public static SavedVersionDto From(SavedValuation s, ValuationVersion v)
    {
        using var doc = JsonDocument.Parse(v.AssetJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return new(s.Id, s.Name, s.Owner, s.LatestVersion, v.Version, v.Author, v.SavedAt, v.Note, v.TherapeuticArea, v.Modality, v.CurrentPhase,
            v.Currency, doc.RootElement.Clone(), v.Results);
    }
}

public sealed record SavedPageDto(IReadOnlyList<SavedValuation> Items, long Total, int Skip, int Take);

/// <summary>
/// Saved, versioned valuations under <c>/api/valuation/saved</c>. Reads: any signed-in account. Saving a valuation or a
/// new version: <see cref="Policies.Analyse"/> (a saved valuation is an analysis kept with its inputs, not a registry
/// record). Deleting: its owner or an administrator. The body of a save is the asset JSON itself, as for the
/// computations; a rejected asset is a 400 ProblemDetails whose <c>field</c> is its JSON path, and nothing is saved.
/// </summary>
public static class SavedValuationApi
{
    internal static readonly Type[] SnakeCased = [typeof(SavedVersionDto), typeof(SavedResults), typeof(SavedValuation), typeof(SavedPageDto),
        typeof(VersionSummary), typeof(ValuationDiff), typeof(InputChange), typeof(ScenarioColumn)];

    public static RouteGroupBuilder MapSavedValuations(this RouteGroupBuilder api)
    {
        api.MapGet("/saved", List).WithName("ListSavedValuations").WithSummary("Saved valuations, most recently changed first; q filters by name, owner or therapeutic area.")
            .Produces<SavedPageDto>();
        api.MapPost("/saved", Create).WithName("SaveValuation")
            .WithSummary("Save the asset in the body as a new named valuation (version 1); name defaults to the asset's name; 409 if the name is taken.")
            .Accepts<JsonElement>("application/json").Produces<SavedVersionDto>(201).ProducesProblem(400).RequireAuthorization(Policies.Analyse);
        api.MapGet("/saved/{id:long}", Get).WithName("GetSavedValuation").WithSummary("A saved valuation at its latest version (or ?version=N), with inputs and stored results.")
            .Produces<SavedVersionDto>();
        api.MapGet("/saved/{id:long}/versions", Versions).WithName("ListValuationVersions").WithSummary("Every version of a saved valuation: who saved it, when, why, and its rNPV.")
            .Produces<IReadOnlyList<VersionSummary>>();
        api.MapPost("/saved/{id:long}/versions", AddVersion).WithName("SaveValuationVersion")
            .WithSummary("Save the asset in the body as the next version of the valuation.")
            .Accepts<JsonElement>("application/json").Produces<SavedVersionDto>(201).ProducesProblem(400).RequireAuthorization(Policies.Analyse);
        api.MapGet("/saved/{id:long}/diff", Diff).WithName("DiffValuationVersions")
            .WithSummary("Compare two versions (default: the one before the latest with the latest): inputs changed and how rNPV, NPV and LOA moved.")
            .Produces<ValuationDiff>();
        api.MapGet("/saved/compare", Compare).WithName("CompareSavedValuations")
            .WithSummary("Scenarios side by side: saved valuations (ids=1&ids=2…, or names) at their latest versions — rNPV, NPV, LOA, Monte Carlo percentiles, deal split.")
            .Produces<IReadOnlyList<ScenarioColumn>>();
        api.MapDelete("/saved/{id:long}", Delete).WithName("DeleteSavedValuation").WithSummary("Delete a saved valuation and all its versions (its owner or an administrator).")
            .RequireAuthorization(Policies.Analyse);
        return api;
    }

    static JsonHttpResult<T> Json<T>(T value, int status = 200) => TypedResults.Json(value, ValuationReportJson.Options, statusCode: status);

    static async Task<JsonHttpResult<SavedPageDto>> List(SavedValuationStore store, string? q, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var page = await store.ListAsync(q, skip, take, ct);
        return Json(new SavedPageDto(page.Items, page.Total, page.Skip, page.Take));
    }

    static async Task<Results<JsonHttpResult<SavedVersionDto>, ProblemHttpResult>> Create(HttpRequest request, SavedValuationStore store, ClaimsPrincipal user,
        string? name = null, string? note = null, CancellationToken ct = default) =>
        await Save(request, async body =>
        {
            var v = await store.CreateAsync(name, body, user.Username(), note, ct);
            return SavedVersionDto.From((await store.GetAsync(v.ValuationId, ct))!, v);
        }, ct);

    static async Task<Results<JsonHttpResult<SavedVersionDto>, ProblemHttpResult>> AddVersion(long id, HttpRequest request, SavedValuationStore store,
        ClaimsPrincipal user, string? note = null, CancellationToken ct = default) =>
        await Save(request, async body =>
        {
            var v = await store.AddVersionAsync(id, body, user.Username(), note, ct);
            return SavedVersionDto.From((await store.GetAsync(id, ct))!, v);
        }, ct);

    static async Task<Results<JsonHttpResult<SavedVersionDto>, ProblemHttpResult>> Save(HttpRequest request, Func<string, Task<SavedVersionDto>> save, CancellationToken ct)
    {
        var body = await ValuationApi.ReadBodyAsync(request, ct);
        if (body is null) return ValuationApi.TooLarge();
        try
        {
            var dto = await save(body);
            request.HttpContext.Response.Headers.Location = $"/api/valuation/saved/{dto.Id}?version={dto.Version}";
            return Json(dto, 201);
        }
        catch (ValuationInputException e) { return ValuationApi.Problem(e); }
    }

    static async Task<Results<JsonHttpResult<SavedVersionDto>, NotFound>> Get(long id, SavedValuationStore store, int? version = null, CancellationToken ct = default)
    {
        if (await store.GetAsync(id, ct) is not { } s || await store.GetVersionAsync(id, version, ct) is not { } v) return TypedResults.NotFound();
        return Json(SavedVersionDto.From(s, v));
    }

    static async Task<Results<JsonHttpResult<IReadOnlyList<VersionSummary>>, NotFound>> Versions(long id, SavedValuationStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null) return TypedResults.NotFound();
        return Json(await store.VersionsAsync(id, ct));
    }

    static async Task<Results<JsonHttpResult<ValuationDiff>, NotFound>> Diff(long id, SavedValuationStore store, int? from = null, int? to = null, CancellationToken ct = default)
    {
        if (await store.GetAsync(id, ct) is not { } s) return TypedResults.NotFound();
        var t = to ?? s.LatestVersion;
        return Json(await store.DiffAsync(id, from ?? Math.Max(1, t - 1), t, ct));
    }

    static async Task<JsonHttpResult<IReadOnlyList<ScenarioColumn>>> Compare(SavedValuationStore store, string[] ids, CancellationToken ct) =>
        Json(await store.CompareAsync(ids, ct));

    static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(long id, SavedValuationStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } s) return TypedResults.NotFound();
        if (s.Owner != user.Username() && !user.IsInRole(Role.Administrator)) return TypedResults.Forbid();
        return await store.DeleteAsync(id, user.Username(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
