using System.Security.Claims;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Archipelago.Kernel.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Valuation.Features.Deals;

/// <summary>A deal as the API shows it.</summary>
public sealed record DealDto(long Id, string Key, string Kind, string Date, string FromEnabler, string FromName, string ToEnabler, string ToName,
    string? Asset, string Stage, string? TherapeuticArea, string? Modality, string? Territory, bool CrossBorder, string? Currency,
    double? Upfront, double? Milestones, double? RoyaltyLow, double? RoyaltyHigh, double? Equity, double? DisclosedTotal, double? UpfrontShare, string? Description,
    double? DevelopmentMilestones, double? RegulatoryMilestones, double? SalesMilestones)
{
    public static DealDto From(DealRow r) => new(r.Deal.ActionId, r.Deal.Key, r.Deal.Kind, r.Deal.Date.ToString(), r.FromKey, r.FromName, r.ToKey, r.ToName,
        r.Deal.Asset, r.Deal.Stage, r.Deal.TherapeuticArea, r.Deal.Modality, r.Deal.Territory, r.Deal.CrossBorder == true, r.Deal.Currency, r.Deal.Upfront,
        r.Deal.Milestones, r.Deal.RoyaltyLow, r.Deal.RoyaltyHigh, r.Deal.Equity, r.Deal.DisclosedTotal, r.Deal.UpfrontShare, r.Deal.Description,
        r.Deal.DevelopmentMilestones, r.Deal.RegulatoryMilestones, r.Deal.SalesMilestones);
}

/// <summary>A deal as a client sends it; enablers by key.</summary>
public sealed record DealInput(string? Key, string Kind, string Date, string FromEnabler, string ToEnabler, string? Asset, string Stage,
    string? TherapeuticArea, string? Modality, string? Territory, bool? CrossBorder, string? Currency, double? Upfront, double? Milestones,
    double? RoyaltyLow, double? RoyaltyHigh, double? Equity, double? DisclosedTotal, string? Description,
    double? DevelopmentMilestones = null, double? RegulatoryMilestones = null, double? SalesMilestones = null)
{
    /// <summary>A stored deal as input, to change some of its fields and write it back.</summary>
    public static DealInput From(DealRow r) => new(r.Deal.Key, r.Deal.Kind, r.Deal.Date.ToString(), r.FromKey, r.ToKey, r.Deal.Asset, r.Deal.Stage,
        r.Deal.TherapeuticArea, r.Deal.Modality, r.Deal.Territory, r.Deal.CrossBorder, r.Deal.Currency, r.Deal.Upfront, r.Deal.Milestones,
        r.Deal.RoyaltyLow, r.Deal.RoyaltyHigh, r.Deal.Equity, r.Deal.DisclosedTotal, r.Deal.Description,
        r.Deal.DevelopmentMilestones, r.Deal.RegulatoryMilestones, r.Deal.SalesMilestones);
}

/// <summary>The register's analyses: by year, by stage at signing and by modality.</summary>
public sealed record DealAnalysis(int Deals, IReadOnlyList<DealGroup> ByYear, IReadOnlyList<DealGroup> ByStage, IReadOnlyList<DealGroup> ByModality);

/// <summary>
/// The deals register under <c>/api/valuation/deals</c>. Deals are registry records (joint actions between enablers),
/// so writing them needs <see cref="Policies.EditRegistry"/>, like the cluster registry; any signed-in account reads.
/// </summary>
public static class DealsApi
{
    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder api)
    {
        api.MapGet("/deals", List).WithName("ListDeals").WithSummary("Deals of the register, newest first; filter by kind, stage at signing, therapeutic area, modality, years, cross-border and text.");
        api.MapPost("/deals", Create).WithName("CreateDeal").WithSummary("Record a deal: a joint action between two enablers (by key) with its terms.").RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/deals/{id:long}", Get).WithName("GetDeal").WithSummary("One deal of the register by its joint action's id.");
        api.MapPut("/deals/{id:long}", Update).WithName("UpdateDeal")
            .WithSummary("Rewrite a deal: its joint action (key, kind, date, parties, disclosed total) and its terms; the fields of a new deal, the key kept when none is sent.")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapDelete("/deals/{id:long}", Delete).WithName("DeleteDeal")
            .WithSummary("Delete a deal: its joint action (through the kernel's joint-action store), participants and terms.").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/deals/import", Import).WithName("ImportDeals")
            .WithSummary("Import deals from CSV, XLSX or JSON (multipart field 'file'); every row and field error is reported and nothing is stored unless all rows are good; dryRun=true only checks.")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        api.MapGet("/deals/export", Export).WithName("ExportDeals").WithSummary("The deals as CSV in the import columns (same filters as the list).");
        api.MapGet("/deals/analysis", Analysis).WithName("AnalyseDeals").WithSummary("Deals by year, by stage at signing and by modality: count, disclosed value per currency, median upfront share.");
        api.MapGet("/deals/comparables", Comparables).WithName("ComparableDeals")
            .WithSummary("Terms of comparable deals (stage at signing, therapeutic area, modality): median, minimum and maximum of each, per currency.");
        return api;
    }

    static DealQuery Query(string? kind, string? stage, string? area, string? modality, int? fromYear, int? toYear, bool? crossBorder, string? q) =>
        new(kind, stage, area, modality, fromYear, toYear, crossBorder, q);

    static async Task<Ok<IReadOnlyList<DealDto>>> List(DealStore store, string? kind, string? stage, string? area, string? modality, int? fromYear, int? toYear,
        bool? crossBorder, string? q, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<DealDto>>((await store.ListAsync(Query(kind, stage, area, modality, fromYear, toYear, crossBorder, q), Text.IsChinese, ct)).Select(DealDto.From).ToList());

    /// <summary>The deal a client's input describes (enablers by key); <paramref name="key"/> when the input names none.</summary>
    public static async Task<RegisteredDeal> ToDealAsync(DealInput input, string key, EnablerStore enablers, CancellationToken ct)
    {
        async Task<long> Id(string? enabler, string field) => (string.IsNullOrWhiteSpace(enabler) ? null : (await enablers.GetByKeyAsync(enabler.Trim(), ct))?.Id)
            ?? throw new DomainException("unknown_participant", $"No enabler with key '{enabler}'.", field);
        return new RegisteredDeal(string.IsNullOrWhiteSpace(input.Key) ? key : input.Key, input.Kind, PartialDate.Parse(input.Date, "date"),
            await Id(input.FromEnabler, "fromEnabler"), await Id(input.ToEnabler, "toEnabler"), input.Asset, input.Stage, input.TherapeuticArea, input.Modality,
            input.Territory, input.CrossBorder, input.Currency, input.Upfront, input.Milestones, input.RoyaltyLow, input.RoyaltyHigh, input.Equity, input.DisclosedTotal, input.Description,
            input.DevelopmentMilestones, input.RegulatoryMilestones, input.SalesMilestones);
    }

    static async Task<Results<Ok<DealDto>, NotFound>> Get(long id, DealStore store, CancellationToken ct) =>
        await store.GetAsync(id, Text.IsChinese, ct) is { } row ? TypedResults.Ok(DealDto.From(row)) : TypedResults.NotFound();

    static async Task<Results<Ok<DealDto>, NotFound>> Update(long id, DealInput input, DealStore store, EnablerStore enablers, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await store.GetAsync(id, false, ct) is not { } existing) return TypedResults.NotFound();
        await store.UpdateAsync(id, await ToDealAsync(input, existing.Deal.Key, enablers, ct), user.Username(), ct);
        return TypedResults.Ok(DealDto.From((await store.GetAsync(id, Text.IsChinese, ct))!));
    }

    static async Task<Results<NoContent, NotFound>> Delete(long id, DealStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.DeleteAsync(id, user.Username(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Created<DealDto>> Create(DealInput input, DealStore store, EnablerStore enablers, ClaimsPrincipal user, CancellationToken ct)
    {
        var deal = await ToDealAsync(input, "D-" + Guid.NewGuid().ToString("N")[..12], enablers, ct);
        var stored = await store.AddAsync(deal, user.Username(), $"api:{user.Username()}", ct);
        var row = (await store.ListAsync(new DealQuery(Text: stored.Key), Text.IsChinese, ct)).First(r => r.Deal.ActionId == stored.ActionId);
        return TypedResults.Created($"/api/cluster/actions/{stored.ActionId}", DealDto.From(row));
    }

    /// <summary>The form is read by hand (no IFormFile parameter) so that routing does not answer 415 before
    /// authorisation answers 401/403 to a caller who may not import.</summary>
    static async Task<Results<Ok<DealImportOutcome>, UnprocessableEntity<DealImportOutcome>, ProblemHttpResult>> Import(HttpRequest request, DealStore store,
        ClaimsPrincipal user, bool dryRun = false, CancellationToken ct = default)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem("Send the file as multipart/form-data in the field 'file'.", statusCode: 415, extensions: new Dictionary<string, object?> { ["code"] = "unsupported_media_type", ["field"] = "file" });
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
            return TypedResults.Problem("No file in the field 'file'.", statusCode: 400, extensions: new Dictionary<string, object?> { ["code"] = "required", ["field"] = "file" });
        if (file.Length > Limits.MaxUploadBytes)
            return TypedResults.Problem($"{file.FileName} is too large; import it with the CLI.", statusCode: 413, extensions: new Dictionary<string, object?> { ["code"] = "file_too_large" });
        await using var stream = file.OpenReadStream();
        var outcome = await store.ImportAsync(stream, file.FileName, !dryRun, user.Username(), ct);
        return outcome.Ok ? TypedResults.Ok(outcome) : TypedResults.UnprocessableEntity(outcome);
    }

    static async Task<IResult> Export(DealStore store, string? kind, string? stage, string? area, string? modality, int? fromYear, int? toYear, bool? crossBorder, string? q, CancellationToken ct) =>
        Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(
            await store.ExportCsvAsync(Query(kind, stage, area, modality, fromYear, toYear, crossBorder, q), ct))).ToArray(), "text/csv", "deals.csv");

    static async Task<Ok<DealAnalysis>> Analysis(DealStore store, string? kind, bool? crossBorder, int? fromYear, int? toYear, CancellationToken ct)
    {
        var deals = await store.ListAsync(new DealQuery(Kind: kind, FromYear: fromYear, ToYear: toYear, CrossBorder: crossBorder), Text.IsChinese, ct);
        return TypedResults.Ok(Analyse(deals));
    }

    public static DealAnalysis Analyse(IReadOnlyList<DealRow> deals) => new(deals.Count,
        DealStore.Analyse(deals, d => d.Date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        DealStore.Analyse(deals, d => d.Stage),
        DealStore.Analyse(deals, d => d.Modality ?? "(not given)"));

    static async Task<Ok<IReadOnlyList<ComparableTerms>>> Comparables(DealStore store, string? stage, string? area, string? modality, string? kind, CancellationToken ct) =>
        TypedResults.Ok(DealStore.Comparables(await store.ListAsync(new DealQuery(Kind: kind, Stage: stage, Area: area, Modality: modality), Text.IsChinese, ct)));
}
