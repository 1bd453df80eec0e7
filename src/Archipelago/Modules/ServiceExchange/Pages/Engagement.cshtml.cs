using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>The thread of one engagement, for its two parties and operators: steps, messages, files, rating, history.</summary>
[Authorize(Policy = ExchangePolicies.Participate)]
public sealed class EngagementModel(EngagementStore engagements, EnablerStore enablers) : PageModel
{
    public EngagementView View { get; private set; } = null!;
    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStepAsync(long id, string step, string? reason, decimal? fee, string? currency, CancellationToken ct) =>
        ActAsync(id, a => engagements.StepAsync(id, step, reason, fee, fee is null ? null : currency, a, ct), ct);

    public Task<IActionResult> OnPostRateAsync(long id, int score, string? comment, CancellationToken ct) =>
        ActAsync(id, a => engagements.RateAsync(id, new Rating(score, comment), a, ct), ct);

    public Task<IActionResult> OnPostMessageAsync(long id, string? body, CancellationToken ct) =>
        ActAsync(id, a => engagements.PostMessageAsync(id, body, a, ct), ct);

    public Task<IActionResult> OnPostAttachAsync(long id, IFormFile? file, CancellationToken ct) => ActAsync(id, async a =>
    {
        if (file is null) throw new DomainException("file_required", "Choose a file.", "file");
        if (file.Length > AttachmentType.MaxBytes) throw new DomainException("file_too_large", $"Attachments are limited to {AttachmentType.MaxBytes / 1024 / 1024} MB.", "file");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        await engagements.AttachAsync(id, file.FileName, ms.ToArray(), a, ct);
    }, ct);

    async Task<IActionResult> ActAsync(long id, Func<Actor, Task> action, CancellationToken ct)
    {
        try
        {
            await action(await ExchangeApi.ActorAsync(User, enablers, ct));
            return Redirect($"/exchange/engagements/{id}");
        }
        catch (DomainException ex) when (ex.Code == "not_found") { return NotFound(); }
        catch (DomainException ex)
        {
            Error = ex.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await engagements.GetAsync(id, await ExchangeApi.ActorAsync(User, enablers, ct), ct) is not { } v) return false;
        View = v;
        Names = (await enablers.GetManyAsync([v.Engagement.ClientId, v.Engagement.ProviderId], ct)).ToDictionary(e => e.Id, e => e.DisplayName(Archipelago.Kernel.Localisation.Text.IsChinese));
        return true;
    }
}
