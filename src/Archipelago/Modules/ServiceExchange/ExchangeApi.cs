using System.Security.Claims;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Web;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Features;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Archipelago.Modules.ServiceExchange;

/// <summary>Policies of the exchange: taking part (posting needs, keeping a profile, engaging) needs a member,
/// operator or administrator account; which enabler one may act for is checked by the stores.</summary>
public static class ExchangePolicies
{
    public const string Participate = "exchange.participate";
}

public sealed record ProfileInput(IReadOnlyList<string>? Categories, IReadOnlyList<string>? Services, IReadOnlyList<string>? TechnologyFields,
    IReadOnlyList<string>? Regions, IReadOnlyList<string>? Languages, int TeamSize, int PatentAgents, IReadOnlyList<string>? Credentials,
    decimal? FeeMin, decimal? FeeMax, string? Currency, int TurnaroundDays, int Capacity, string? Description)
{
    public ProviderProfile ToProfile(long enablerId) => new(enablerId, Categories, Services ?? [], TechnologyFields, Regions, Languages, TeamSize,
        PatentAgents, Credentials, FeeMin, FeeMax, Currency, TurnaroundDays, Capacity, Description);
}

public sealed record ProfileDto(long EnablerId, string Name, string? Province, IReadOnlyList<string> Categories, IReadOnlyList<string> Services,
    IReadOnlyList<string> TechnologyFields, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages, int TeamSize, int PatentAgents,
    IReadOnlyList<string> Credentials, decimal? FeeMin, decimal? FeeMax, string? Currency, int TurnaroundDays, int Capacity, string Description,
    string Status, DateTimeOffset? RefreshedAt, string? ReviewNote)
{
    public static ProfileDto From(ProviderListing l, DateTimeOffset now)
    {
        var p = l.Profile;
        return new(p.EnablerId, l.Enabler.DisplayName(false), l.Enabler.Region.Province, p.Categories, p.Services, p.TechnologyFields, p.Regions,
            p.Languages, p.TeamSize, p.PatentAgents, p.Credentials, p.FeeMin, p.FeeMax, p.Currency, p.TurnaroundDays, p.Capacity, p.Description,
            p.StatusAt(now), p.RefreshedAt, p.ReviewNote);
    }
}

public sealed record NeedInput(long EnablerId, string? Title, string? DemandArea, string? Category, string? Service, string? TechnologyField,
    string? Description, decimal? Budget, string? Currency, DateOnly? Deadline, string? Confidentiality, string? Language, string? Phase,
    IReadOnlyList<long>? Invite)
{
    public Need ToNeed() => new(EnablerId, Title, DemandArea, Category, Service, TechnologyField, Description, Budget, Currency, Deadline, Confidentiality, Language, Phase);
}

/// <summary>A need as its reader may see it; <c>description</c> is null and <c>redacted</c> true when withheld.</summary>
public sealed record NeedDto(long Id, long EnablerId, string Poster, string Title, string DemandArea, string Category, string? Service,
    string TechnologyField, string? Description, bool Redacted, decimal? Budget, string? Currency, DateOnly? Deadline, string Confidentiality,
    string Language, string? Phase, string Status, DateTimeOffset CreatedAt, IReadOnlyList<long> Invited)
{
    public static NeedDto From(NeedView v)
    {
        var n = v.Need;
        return new(n.Id, n.EnablerId, v.Poster.DisplayName(false), n.Title, n.DemandArea, n.Category, n.Service, n.TechnologyField,
            v.Redacted ? null : n.Description, v.Redacted, n.Budget, n.Currency, n.Deadline, n.Confidentiality, n.Language, n.Phase, n.Status, n.CreatedAt, v.Invited);
    }
}

public sealed record InviteInput(long ProviderId);
public sealed record StatusInput(string Status, string? Reason);
public sealed record ReviewInput(bool Approve, string? Note);
public sealed record EngagementInput(long NeedId, long ProviderId, string? Message, decimal? Fee, string? Currency);
public sealed record StepInput(string Step, string? Reason, decimal? Fee, string? Currency);
public sealed record RatingInput(int Score, string? Comment);
public sealed record MessageInput(string? Body);
public sealed record ModerationInput(bool Hidden, string? Reason);

public sealed record MatchDto(long ProviderId, string Provider, long NeedId, string? NeedTitle, double Score, IReadOnlyList<ScoreComponent> Components);

/// <summary>The exchange's JSON API under <c>/api/exchange</c>. Reads need a signed-in account and show only what the
/// caller may see (what it may not see is not found); writes need <see cref="ExchangePolicies.Participate"/> and the
/// right to act for the enabler concerned; moderation needs <see cref="Policies.EditRegistry"/>.</summary>
public static class ExchangeApi
{
    public static IEndpointRouteBuilder MapExchangeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exchange").WithTags("IP service exchange");
        const string P = ExchangePolicies.Participate;

        api.MapGet("/taxonomy", () => TypedResults.Ok(new { Taxonomy.Categories, Taxonomy.DemandAreas, Taxonomy.TechnologyFields, Taxonomy.Languages, Taxonomy.ExpectedMatrix, Confidentiality = Confidentiality.All, Phases = Phase.All }))
            .WithName("GetExchangeTaxonomy").WithSummary("Service categories and services, demand areas, the expected demand × service matrix (seed 001), technology fields, languages.");

        api.MapGet("/providers", ListProviders).WithName("ListProviders").WithSummary("The provider directory (listed profiles; operators see all, members their own).");
        api.MapGet("/providers/{enablerId:long}", GetProvider).WithName("GetProvider").WithSummary("One provider profile.");
        api.MapPut("/providers/{enablerId:long}", SaveProvider).WithName("SaveProvider").WithSummary("Create or replace a provider's profile (its members or operators).").RequireAuthorization(P);
        api.MapPost("/providers/{enablerId:long}/submit", (long enablerId, ProfileStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) => Do(async () => await s.SubmitAsync(enablerId, await ActorAsync(u, e, ct), ct)))
            .WithName("SubmitProvider").WithSummary("Ask an operator to review the profile.").RequireAuthorization(P);
        api.MapPost("/providers/{enablerId:long}/refresh", (long enablerId, ProfileStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) => Do(async () => await s.RefreshAsync(enablerId, await ActorAsync(u, e, ct), ct)))
            .WithName("RefreshProvider").WithSummary("Confirm the profile is current: listed for another year.").RequireAuthorization(P);
        api.MapPost("/providers/{enablerId:long}/review", (long enablerId, ReviewInput input, ProfileStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
                Do(async () => await s.ReviewAsync(enablerId, input.Approve, input.Note, await ActorAsync(u, e, ct), ct)))
            .WithName("ReviewProvider").WithSummary("Approve (public) or send back (draft, with a note) a profile.").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/import/providers", ImportProviders).WithName("ImportProviders")
            .WithSummary("Import a provider directory from CSV or XLSX (multipart field 'file'; the CLI's columns); dryRun=true checks every row and stores nothing; all or nothing; publish=true lists the profiles at once (operators).")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        api.MapGet("/providers/{enablerId:long}/matches", NeedsForProvider).WithName("MatchNeedsForProvider").WithSummary("The open needs that best fit a provider, each score explained.");

        api.MapGet("/needs", ListNeeds).WithName("ListNeeds").WithSummary("Needs the caller may see.");
        api.MapGet("/needs/{id:long}", GetNeed).WithName("GetNeed").WithSummary("One need (its description withheld from providers not invited to a confidential need).");
        api.MapPost("/needs", PostNeed).WithName("PostNeed").WithSummary("Post a need for the caller's enabler (operators: any enabler).").RequireAuthorization(P);
        api.MapPost("/needs/{id:long}/invitations", (long id, InviteInput input, NeedStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
                Do(async () => await s.InviteAsync(id, input.ProviderId, await ActorAsync(u, e, ct), ct)))
            .WithName("InviteProvider").WithSummary("Invite a provider to a need.").RequireAuthorization(P);
        api.MapPost("/needs/{id:long}/status", (long id, StatusInput input, NeedStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
                Do(async () => await s.SetStatusAsync(id, input.Status, input.Reason, await ActorAsync(u, e, ct), ct)))
            .WithName("SetNeedStatus").WithSummary("Close or reopen a need (poster); take it down (hidden) or back up (operators).").RequireAuthorization(P);
        api.MapGet("/needs/{id:long}/matches", ProvidersForNeed).WithName("MatchProvidersForNeed").WithSummary("The providers that best fit a need, each score explained (poster and operators).");
        api.MapGet("/needs/{id:long}/partners", Partners).WithName("SuggestPartners").WithSummary("Partners for the need's phase (seed 002): institutes, CROs or leading enterprises.");

        api.MapGet("/engagements", ListEngagements).WithName("ListEngagements").WithSummary("The caller's engagements (operators: all).");
        api.MapGet("/engagements/{id:long}", GetEngagement).WithName("GetEngagement").WithSummary("One engagement with its history, messages, files and rating (its parties and operators).");
        api.MapPost("/engagements", OpenEngagement).WithName("OpenEngagement").WithSummary("Request a provider for a need (poster), or propose on a need (provider).").RequireAuthorization(P);
        api.MapPost("/engagements/{id:long}/steps", Step).WithName("StepEngagement").WithSummary("propose, accept, start, deliver, decline or cancel (with a reason).").RequireAuthorization(P);
        api.MapPost("/engagements/{id:long}/rating", Rate).WithName("RateEngagement").WithSummary("The client rates a delivered engagement, once (score 1–5).").RequireAuthorization(P);
        api.MapPost("/engagements/{id:long}/rating/moderation", (long id, ModerationInput input, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
                Do(async () => await s.ModerateRatingAsync(id, input.Hidden, input.Reason, await ActorAsync(u, e, ct), ct)))
            .WithName("ModerateRating").WithSummary("Hide or show a rating (operators).").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/engagements/{id:long}/messages", PostMessage).WithName("PostEngagementMessage").WithSummary("Add a message to the thread.").RequireAuthorization(P);
        api.MapPost("/engagements/{id:long}/attachments", Attach).WithName("AttachToEngagement")
            .WithSummary("Attach a file (multipart field 'file'; ≤ 10 MB; PDF, PNG, JPEG, docx/xlsx/pptx, txt/csv/md — checked by content).")
            .RequireAuthorization(P).DisableAntiforgery();
        api.MapGet("/engagements/{id:long}/attachments/{attachmentId:long}", Download).WithName("DownloadAttachment").WithSummary("Download a file, always as an attachment.");

        api.MapGet("/notifications", Notes).WithName("ListExchangeNotifications").WithSummary("The notifications of the caller's enabler.");
        api.MapPost("/notifications/read", MarkRead).WithName("MarkExchangeNotificationsRead").WithSummary("Mark the enabler's notifications read.").RequireAuthorization(P);
        api.MapGet("/market", Market).WithName("GetExchangeMarket").WithSummary("Needs × supply × completed engagements by demand area and service category, unmet needs, response times (operators).")
            .RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/weights", async (Matchmaker m, CancellationToken ct) => TypedResults.Ok(await m.WeightsAsync(ct))).WithName("GetMatchWeights").WithSummary("The matching weights in use.");
        api.MapPut("/weights", async Task<Ok<MatchWeights>> (MatchWeights w, Matchmaker m, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
            {
                await m.SetWeightsAsync(w, await ActorAsync(u, e, ct), ct);
                return TypedResults.Ok(await m.WeightsAsync(ct));
            }).WithName("SetMatchWeights").WithSummary("Change the matching weights (operators).").RequireAuthorization(Policies.EditRegistry);
        return app;
    }

    /// <summary>The acting user, with whether their enabler is a provider.</summary>
    public static async Task<Actor> ActorAsync(ClaimsPrincipal user, EnablerStore enablers, CancellationToken ct)
    {
        var a = Actor.From(user, false);
        if (a.EnablerId is { } id && await enablers.GetAsync(id, ct) is { } e && e.Type == EnablerType.ServiceProvider) a = a with { IsProvider = true };
        return a;
    }

    static async Task<NoContent> Do(Func<Task> action)
    {
        await action();
        return TypedResults.NoContent();
    }

    static async Task<Ok<IReadOnlyList<ProfileDto>>> ListProviders(ProfileStore s, EnablerStore e, ClaimsPrincipal u, TimeProvider clock,
        string? category, string? field, string? q, string? status, CancellationToken ct)
    {
        var list = await s.ListAsync(await ActorAsync(u, e, ct), category, field, q, status, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<ProfileDto>>(list.Select(l => ProfileDto.From(l, now)).ToList());
    }

    static async Task<Results<Ok<ProfileDto>, NotFound>> GetProvider(long enablerId, ProfileStore s, EnablerStore e, ClaimsPrincipal u, TimeProvider clock, CancellationToken ct) =>
        await s.GetAsync(enablerId, await ActorAsync(u, e, ct), ct) is { } l ? TypedResults.Ok(ProfileDto.From(l, clock.GetUtcNow())) : TypedResults.NotFound();

    static async Task<Ok<ProfileDto>> SaveProvider(long enablerId, ProfileInput input, ProfileStore s, EnablerStore e, ClaimsPrincipal u, TimeProvider clock, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        await s.SaveAsync(input.ToProfile(enablerId), actor, ct);
        return TypedResults.Ok(ProfileDto.From((await s.GetAsync(enablerId, actor, ct))!, clock.GetUtcNow()));
    }

    static async Task<Ok<PageDto<NeedDto>>> ListNeeds(NeedStore s, EnablerStore e, ClaimsPrincipal u, string? demandArea, string? category, string? field,
        string? status, long? enablerId, string? q, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var page = await s.ListAsync(await ActorAsync(u, e, ct), new NeedStore.NeedFilter(demandArea, category, field, status, enablerId, q, skip, take), ct);
        return TypedResults.Ok(new PageDto<NeedDto>(page.Items.Select(NeedDto.From).ToList(), page.Total, page.Skip, page.Take));
    }

    static async Task<Results<Ok<NeedDto>, NotFound>> GetNeed(long id, NeedStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
        await s.GetAsync(id, await ActorAsync(u, e, ct), ct) is { } v ? TypedResults.Ok(NeedDto.From(v)) : TypedResults.NotFound();

    static async Task<Created<NeedDto>> PostNeed(NeedInput input, NeedStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        var need = await s.PostAsync(input.ToNeed(), input.Invite, actor, ct);
        return TypedResults.Created($"/api/exchange/needs/{need.Id}", NeedDto.From((await s.GetAsync(need.Id, actor, ct))!));
    }

    static async Task<Ok<IReadOnlyList<MatchDto>>> ProvidersForNeed(long id, Matchmaker m, EnablerStore e, ClaimsPrincipal u, int take = 20, CancellationToken ct = default)
    {
        var (need, matches, names) = await m.ProvidersForNeedAsync(id, await ActorAsync(u, e, ct), take, ct);
        return TypedResults.Ok<IReadOnlyList<MatchDto>>(matches.Select(x => new MatchDto(x.ProviderId, names.GetValueOrDefault(x.ProviderId)?.DisplayName(false) ?? "",
            x.NeedId, need.Title, x.Score, x.Components)).ToList());
    }

    static async Task<Ok<IReadOnlyList<MatchDto>>> NeedsForProvider(long enablerId, Matchmaker m, EnablerStore e, ClaimsPrincipal u, int take = 20, CancellationToken ct = default)
    {
        var (matches, needs, names) = await m.NeedsForProviderAsync(enablerId, await ActorAsync(u, e, ct), take, ct);
        return TypedResults.Ok<IReadOnlyList<MatchDto>>(matches.Select(x => new MatchDto(x.ProviderId, names.GetValueOrDefault(x.ProviderId)?.DisplayName(false) ?? "",
            x.NeedId, needs.GetValueOrDefault(x.NeedId)?.Title, x.Score, x.Components)).ToList());
    }

    static async Task<Ok<IReadOnlyList<PartnerSuggestion>>> Partners(long id, Matchmaker m, EnablerStore e, ClaimsPrincipal u, int take = 5, CancellationToken ct = default) =>
        TypedResults.Ok(await m.PartnersAsync(id, await ActorAsync(u, e, ct), take, ct));

    public sealed record EngagementSummary(long Id, long NeedId, string NeedTitle, long ClientId, long ProviderId, string State, DateTimeOffset UpdatedAt);

    static async Task<Ok<IReadOnlyList<EngagementSummary>>> ListEngagements(EngagementStore s, EnablerStore e, ClaimsPrincipal u, string? state, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<EngagementSummary>>((await s.ListAsync(await ActorAsync(u, e, ct), state, ct))
            .Select(x => new EngagementSummary(x.Engagement.Id, x.Engagement.NeedId, x.NeedTitle, x.Engagement.ClientId, x.Engagement.ProviderId, x.Engagement.State, x.Engagement.UpdatedAt)).ToList());

    static async Task<Results<Ok<EngagementView>, NotFound>> GetEngagement(long id, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
        await s.GetAsync(id, await ActorAsync(u, e, ct), ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound();

    static async Task<Created<Engagement>> OpenEngagement(EngagementInput input, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct)
    {
        var x = await s.OpenAsync(input.NeedId, input.ProviderId, input.Message, input.Fee, input.Currency, await ActorAsync(u, e, ct), ct);
        return TypedResults.Created($"/api/exchange/engagements/{x.Id}", x);
    }

    static async Task<Ok<Engagement>> Step(long id, StepInput input, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
        TypedResults.Ok(await s.StepAsync(id, input.Step, input.Reason, input.Fee, input.Currency, await ActorAsync(u, e, ct), ct));

    static async Task<NoContent> Rate(long id, RatingInput input, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        await s.RateAsync(id, new Rating(input.Score, input.Comment), actor, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<Storage.Message>> PostMessage(long id, MessageInput input, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct) =>
        TypedResults.Ok(await s.PostMessageAsync(id, input.Body, await ActorAsync(u, e, ct), ct));

    // The form is read by hand, not bound as IFormFile: a bound form makes routing answer 415 to other bodies before
    // authorisation runs, and a caller who may not attach should hear 401/403 whatever they send.
    static async Task<Ok<AttachmentInfo>> Attach(long id, HttpRequest request, EngagementStore s, EnablerStore e, ClaimsPrincipal u, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        if (!request.HasFormContentType) throw new DomainException("file_required", "Send the file as multipart/form-data in the field 'file'.", "file");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new DomainException("file_required", "Send the file as multipart/form-data in the field 'file'.", "file");
        if (file.Length > AttachmentType.MaxBytes)
            throw new DomainException("file_too_large", $"'{AttachmentType.SafeName(file.FileName)}' is {file.Length / 1024} KB; attachments are limited to {AttachmentType.MaxBytes / 1024 / 1024} MB.", "file");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return TypedResults.Ok(await s.AttachAsync(id, file.FileName, ms.ToArray(), actor, ct));
    }

    // Read by hand like Attach: anyone not allowed hears 401/403 whatever the body.
    static async Task<Results<Ok<ProviderImport.Outcome>, UnprocessableEntity<ProviderImport.Outcome>>> ImportProviders(HttpRequest request, ProviderImport import,
        EnablerStore e, ClaimsPrincipal u, bool dryRun = false, bool publish = false, CancellationToken ct = default)
    {
        var actor = await ActorAsync(u, e, ct);
        if (!request.HasFormContentType) throw new DomainException("file_required", "Send the directory as multipart/form-data in the field 'file'.", "file");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new DomainException("file_required", "Send the directory as multipart/form-data in the field 'file'.", "file");
        if (file.Length > Limits.MaxUploadBytes)
            throw new DomainException("file_too_large", $"{file.FileName} is {file.Length / 1048576} MB; uploads take at most {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago exchange providers import FILE.", "file");
        await using var stream = file.OpenReadStream();
        var outcome = await import.ImportAsync(stream, file.FileName, publish, actor, ct: ct, dryRun: dryRun);
        return outcome.Ok ? TypedResults.Ok(outcome) : TypedResults.UnprocessableEntity(outcome);
    }

    static async Task<Results<FileContentHttpResult, NotFound>> Download(long id, long attachmentId, EngagementStore s, EnablerStore e, ClaimsPrincipal u, HttpContext http, CancellationToken ct)
    {
        if (await s.DownloadAsync(id, attachmentId, await ActorAsync(u, e, ct), ct) is not { } f) return TypedResults.NotFound();
        // Never rendered by the browser: a download, with the sniffed type, no sniffing by the browser, and a sandbox.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }

    static async Task<Ok<IReadOnlyList<Notifications.Notification>>> Notes(Database db, EnablerStore e, ClaimsPrincipal u, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        return TypedResults.Ok(actor.EnablerId is { } id ? await Notifications.ForAsync(db, id, 50, ct) : []);
    }

    static async Task<NoContent> MarkRead(Database db, EnablerStore e, ClaimsPrincipal u, TimeProvider clock, CancellationToken ct)
    {
        var actor = await ActorAsync(u, e, ct);
        if (actor.EnablerId is { } id) await Notifications.MarkReadAsync(db, id, clock, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<MarketView>> Market(Database db, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(await MarketView.BuildAsync(db, clock, ct));
}

public sealed record PageDto<T>(IReadOnlyList<T> Items, long Total, int Skip, int Take);
