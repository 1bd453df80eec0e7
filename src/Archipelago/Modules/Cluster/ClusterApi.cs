using System.Security.Claims;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Cluster.Features.Export;
using Archipelago.Modules.Cluster.Features.Import;
using Archipelago.Modules.Cluster.Features.Network;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Archipelago.Modules.Cluster;

public sealed record RegionDto(string? City, string? Province, string? Country);

public sealed record EnablerDto(long Id, string Key, string Type, string? NameEn, string? NameZh, IReadOnlyList<string> Aliases,
    RegionDto Region, string? Segment, EnablerAttributes Attributes, string Source)
{
    public static EnablerDto From(Enabler e) => new(e.Id, e.Key, e.Type.Code, e.NameEn, e.NameZh, e.Aliases,
        new RegionDto(e.Region.City, e.Region.Province, e.Region.Country), e.Segment, e.Attributes, e.Source);
}

/// <summary>An enabler as a client sends it. The key may be left out on create (one is generated).</summary>
public sealed record EnablerInput(string? Key, string Type, string? NameEn, string? NameZh, IReadOnlyList<string>? Aliases,
    RegionDto? Region, string? Segment, EnablerAttributes? Attributes)
{
    public Enabler ToEnabler(string source, string? fallbackKey = null) => new(Key ?? fallbackKey ?? "E-" + Guid.NewGuid().ToString("N")[..12],
        EnablerType.Parse(Type), NameEn, NameZh, Aliases, new Region(Region?.City, Region?.Province, Region?.Country), Segment, Attributes, source);
}

public sealed record ParticipantDto(long EnablerId, string? EnablerKey, string Role);

public sealed record JointActionDto(long Id, string Key, string Type, string Start, string? End, IReadOnlyList<ParticipantDto> Participants,
    decimal? Value, string? Currency, string? Description, string Source)
{
    public static JointActionDto From(JointAction a, IReadOnlyDictionary<long, Enabler>? enablers = null) => new(a.Id, a.Key, a.Type, a.Start.ToString(),
        a.End?.ToString(), a.Participants.Select(p => new ParticipantDto(p.EnablerId, enablers?.GetValueOrDefault(p.EnablerId)?.Key, p.Role)).ToList(),
        a.Value, a.Currency, a.Description, a.Source);
}

public sealed record JointActionInput(string? Key, string Type, string Start, string? End, IReadOnlyList<ParticipantInput> Participants,
    decimal? Value, string? Currency, string? Description);

/// <summary>A participant by enabler id or key.</summary>
public sealed record ParticipantInput(long? EnablerId, string? EnablerKey, string? Role);

public sealed record MergeRequest(IReadOnlyList<long> Duplicates);

public sealed record PageDto<T>(IReadOnlyList<T> Items, long Total, int Skip, int Take);

/// <summary>The cluster registry's JSON API: a table of contents of its routes. Reads need a signed-in account (cookie
/// or token); writes need <see cref="Policies.EditRegistry"/>, except that a member may update their own enabler.</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cluster").WithTags("Cluster registry");

        api.MapGet("/enablers", ListEnablers).WithName("ListEnablers").WithSummary("Search and filter enablers (name in Chinese or English, alias, key; type, region, segment).");
        api.MapGet("/enablers/{id:long}", GetEnabler).WithName("GetEnabler").WithSummary("One enabler.");
        api.MapGet("/enablers/{id:long}/actions", EnablerActions).WithName("GetEnablerActions").WithSummary("An enabler's joint actions, newest first, and their count per year and type.");
        api.MapPost("/enablers", CreateEnabler).WithName("CreateEnabler").WithSummary("Create an enabler.").RequireAuthorization(Policies.EditRegistry);
        api.MapPut("/enablers/{id:long}", UpdateEnabler).WithName("UpdateEnabler").WithSummary("Replace an enabler's facts (operators; members for their own enabler).");
        api.MapDelete("/enablers/{id:long}", DeleteEnabler).WithName("DeleteEnabler").WithSummary("Delete an enabler and the joint actions left with fewer than two participants.").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/enablers/{id:long}/merge", MergeEnablers).WithName("MergeEnablers").WithSummary("Fold duplicates into this enabler: joint actions move, names become aliases.").RequireAuthorization(Policies.EditRegistry);

        api.MapGet("/actions", ListActions).WithName("ListJointActions").WithSummary("Search joint actions by type, years, participant and text.");
        api.MapGet("/actions/{id:long}", GetAction).WithName("GetJointAction").WithSummary("One joint action with its participants.");
        api.MapPost("/actions", CreateAction).WithName("CreateJointAction").WithSummary("Create a joint action of two or more enablers.").RequireAuthorization(Policies.EditRegistry);
        api.MapPut("/actions/{id:long}", UpdateAction).WithName("UpdateJointAction").WithSummary("Replace a joint action.").RequireAuthorization(Policies.EditRegistry);
        api.MapDelete("/actions/{id:long}", DeleteAction).WithName("DeleteJointAction").WithSummary("Delete a joint action.").RequireAuthorization(Policies.EditRegistry);
        api.MapGet("/action-types", ListActionTypes).WithName("ListJointActionTypes").WithSummary("The joint-action types of this workspace.");
        api.MapPost("/action-types", AddActionType).WithName("AddJointActionType").WithSummary("Add or rename a joint-action type.").RequireAuthorization(Policies.EditRegistry);

        api.MapPost("/import/{kind}", Import).WithName("ImportRegistry").WithSummary("Import enablers or actions from a CSV, XLSX or JSON file (multipart field 'file'); dryRun=true reports the plan and every row error without storing; a commit is all-or-nothing.")
            .RequireAuthorization(Policies.EditRegistry).DisableAntiforgery();
        api.MapGet("/export/{kind}", Export).WithName("ExportRegistry").WithSummary("Export enablers or actions as csv, xlsx or json in the import template's columns.");
        api.MapNetworkApi();
        api.MapGet("/templates/{kind}", Template).WithName("GetImportTemplate").WithSummary("The import template for enablers or actions, with two example rows.");
        return app;
    }

    static async Task<Ok<PageDto<EnablerDto>>> ListEnablers(EnablerStore store, string? q, string? type, string? country, string? province,
        string? city, string? segment, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var page = await store.SearchAsync(new EnablerQuery(q, type, country, province, city, segment, skip, take), ct);
        return TypedResults.Ok(new PageDto<EnablerDto>(page.Items.Select(EnablerDto.From).ToList(), page.Total, page.Skip, page.Take));
    }

    static async Task<Results<Ok<EnablerDto>, NotFound>> GetEnabler(long id, EnablerStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } e ? TypedResults.Ok(EnablerDto.From(e)) : TypedResults.NotFound();

    public sealed record EnablerActionsDto(IReadOnlyList<JointActionDto> Actions, long Total, IReadOnlyList<YearCount> PerYear);
    public sealed record YearCount(int Year, string Type, long Count);

    static async Task<Results<Ok<EnablerActionsDto>, NotFound>> EnablerActions(long id, EnablerStore enablers, JointActionStore actions,
        int skip = 0, int take = 50, CancellationToken ct = default)
    {
        if (await enablers.GetAsync(id, ct) is null) return TypedResults.NotFound();
        var page = await actions.SearchAsync(new JointActionQuery(EnablerId: id, Skip: skip, Take: take), ct);
        var names = await ParticipantsOf(page.Items, enablers, ct);
        var yearly = await actions.YearlyForEnablerAsync(id, ct);
        return TypedResults.Ok(new EnablerActionsDto(page.Items.Select(a => JointActionDto.From(a, names)).ToList(), page.Total,
            yearly.Select(y => new YearCount(y.Year, y.Type, y.Count)).ToList()));
    }

    static async Task<Created<EnablerDto>> CreateEnabler(EnablerInput input, EnablerStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var e = await store.AddAsync(input.ToEnabler($"api:{user.Username()}"), user.Username(), ct);
        return TypedResults.Created($"/api/cluster/enablers/{e.Id}", EnablerDto.From(e));
    }

    static async Task<Results<Ok<EnablerDto>, NotFound, ForbidHttpResult>> UpdateEnabler(long id, EnablerInput input, EnablerStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.MayEditEnabler(id)) return TypedResults.Forbid();
        if (await store.GetAsync(id, ct) is not { } old) return TypedResults.NotFound();
        var e = input.ToEnabler(old.Source, old.Key) with { Id = id };
        return TypedResults.Ok(EnablerDto.From(await store.UpdateAsync(e, user.Username(), ct)));
    }

    static async Task<Results<NoContent, NotFound>> DeleteEnabler(long id, EnablerStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.DeleteAsync(id, user.Username(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Ok<EnablerDto>> MergeEnablers(long id, MergeRequest request, EnablerStore store, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(EnablerDto.From(await store.MergeAsync(id, request.Duplicates, user.Username(), ct)));

    static async Task<Ok<PageDto<JointActionDto>>> ListActions(JointActionStore actions, EnablerStore enablers, string? type, int? fromYear, int? toYear,
        long? enablerId, string? q, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var page = await actions.SearchAsync(new JointActionQuery(type, fromYear, toYear, enablerId, q, skip, take), ct);
        var names = await ParticipantsOf(page.Items, enablers, ct);
        return TypedResults.Ok(new PageDto<JointActionDto>(page.Items.Select(a => JointActionDto.From(a, names)).ToList(), page.Total, page.Skip, page.Take));
    }

    static async Task<Results<Ok<JointActionDto>, NotFound>> GetAction(long id, JointActionStore actions, EnablerStore enablers, CancellationToken ct)
    {
        if (await actions.GetAsync(id, ct) is not { } a) return TypedResults.NotFound();
        return TypedResults.Ok(JointActionDto.From(a, await ParticipantsOf([a], enablers, ct)));
    }

    static async Task<Created<JointActionDto>> CreateAction(JointActionInput input, JointActionStore actions, EnablerStore enablers, ClaimsPrincipal user, CancellationToken ct)
    {
        var a = await actions.AddAsync(await ToActionAsync(input, enablers, $"api:{user.Username()}", null, ct), user.Username(), ct);
        return TypedResults.Created($"/api/cluster/actions/{a.Id}", JointActionDto.From(a, await ParticipantsOf([a], enablers, ct)));
    }

    static async Task<Results<Ok<JointActionDto>, NotFound>> UpdateAction(long id, JointActionInput input, JointActionStore actions, EnablerStore enablers, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await actions.GetAsync(id, ct) is not { } old) return TypedResults.NotFound();
        var a = await actions.UpdateAsync((await ToActionAsync(input, enablers, old.Source, old.Key, ct)) with { Id = id }, user.Username(), ct);
        return TypedResults.Ok(JointActionDto.From(a, await ParticipantsOf([a], enablers, ct)));
    }

    static async Task<Results<NoContent, NotFound>> DeleteAction(long id, JointActionStore actions, ClaimsPrincipal user, CancellationToken ct) =>
        await actions.DeleteAsync(id, user.Username(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Ok<IReadOnlyList<JointActionType>>> ListActionTypes(JointActionStore actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.TypesAsync(ct));

    static async Task<Ok<JointActionType>> AddActionType(JointActionType type, JointActionStore actions, ClaimsPrincipal user, CancellationToken ct)
    {
        await actions.AddTypeAsync(type, user.Username(), ct);
        return TypedResults.Ok(type);
    }

    static async Task<Results<Ok<ImportOutcome>, UnprocessableEntity<ImportOutcome>, ProblemHttpResult>> Import(string kind, IFormFile file, RegistryImport import,
        ClaimsPrincipal user, bool dryRun = false, string? encoding = null, CancellationToken ct = default)
    {
        if (file.Length > Limits.MaxUploadBytes)
            return TypedResults.Problem($"{file.FileName} is {file.Length / 1048576} MB; uploads take at most {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago {kind} import FILE.",
                statusCode: 413, title: "File too large", extensions: new Dictionary<string, object?> { ["code"] = "file_too_large" });
        await using var stream = file.OpenReadStream();
        var outcome = await import.RunAsync(ParseKind(kind), stream, file.FileName, !dryRun, user.Username(),
            encoding is null ? null : TabularFile.EncodingNamed(encoding), ct: ct);
        return outcome.Ok ? TypedResults.Ok(outcome) : TypedResults.UnprocessableEntity(outcome);
    }

    static async Task Export(string kind, HttpContext http, RegistryExport export, string? format, CancellationToken ct)
    {
        var k = ParseKind(kind);
        var f = RegistryExport.CheckFormat(format);
        http.Response.ContentType = RegistryExport.ContentType(f);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{k.ToString().ToLowerInvariant()}.{f}\"";
        await export.WriteAsync(k, f, http.Response.Body, ct: ct);
    }

    static async Task Template(string kind, HttpContext http, string? format, CancellationToken ct)
    {
        var k = ParseKind(kind);
        var f = RegistryExport.CheckFormat(format);
        http.Response.ContentType = RegistryExport.ContentType(f);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{k.ToString().ToLowerInvariant()}-template.{f}\"";
        await RegistryExport.TemplateAsync(k, f, http.Response.Body, ct);
    }

    public static RegistryKind ParseKind(string kind) => kind.ToLowerInvariant() switch
    {
        "enablers" => RegistryKind.Enablers,
        "actions" or "joint-actions" => RegistryKind.Actions,
        _ => throw new DomainException("not_found", $"Unknown registry '{kind}'; use enablers or actions."),
    };

    internal static async Task<IReadOnlyDictionary<long, Enabler>> ParticipantsOf(IEnumerable<JointAction> actions, EnablerStore enablers, CancellationToken ct) =>
        (await enablers.GetManyAsync(actions.SelectMany(a => a.Participants.Select(p => p.EnablerId)), ct)).ToDictionary(e => e.Id);

    static async Task<JointAction> ToActionAsync(JointActionInput input, EnablerStore enablers, string source, string? key, CancellationToken ct)
    {
        var participants = new List<Participant>();
        foreach (var p in input.Participants ?? [])
        {
            var id = p.EnablerId ?? (p.EnablerKey is { } k ? (await enablers.GetByKeyAsync(k, ct))?.Id : null)
                ?? throw new DomainException("unknown_participant", $"Participant '{p.EnablerKey ?? p.EnablerId?.ToString()}' is not an enabler of this workspace.", "participants");
            participants.Add(new Participant(id, Participant.CheckRole(p.Role)));
        }
        return new JointAction(input.Key ?? key ?? "A-" + Guid.NewGuid().ToString("N")[..12], input.Type, PartialDate.Parse(input.Start, "start"),
            string.IsNullOrWhiteSpace(input.End) ? null : PartialDate.Parse(input.End, "end"), participants, input.Value, input.Currency, input.Description, source);
    }
}
