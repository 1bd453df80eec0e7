using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>One provider profile; its members submit and refresh it, operators approve or send it back; its members
/// also see the open needs that fit it best.</summary>
public sealed class ProviderModel(ProfileStore profiles, EnablerStore enablers, Matchmaker matchmaker, TimeProvider clock) : PageModel
{
    public ProviderListing Listing { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Match> Matches { get; private set; } = [];
    public IReadOnlyDictionary<long, string> NeedTitles { get; private set; } = new Dictionary<long, string>();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) =>
        User.MayEditEnabler(id) ? ActAsync(id, a => profiles.SubmitAsync(id, a, ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostRefreshAsync(long id, CancellationToken ct) =>
        User.MayEditEnabler(id) ? ActAsync(id, a => profiles.RefreshAsync(id, a, ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostReviewAsync(long id, bool approve, string? note, CancellationToken ct) =>
        User.MayEditRegistry() ? ActAsync(id, a => profiles.ReviewAsync(id, approve, note, a, ct), ct) : Task.FromResult<IActionResult>(Forbid());

    async Task<IActionResult> ActAsync(long id, Func<Domain.Actor, Task> action, CancellationToken ct)
    {
        try
        {
            await action(await ExchangeApi.ActorAsync(User, enablers, ct));
            return Redirect($"/exchange/providers/{id}");
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        if (await profiles.GetAsync(id, actor, ct) is not { } l) return false;
        Listing = l;
        MayEdit = actor.ActsFor(id);
        if (MayEdit && l.Profile.IsListedAt(Now))
        {
            var (matches, needs, _) = await matchmaker.NeedsForProviderAsync(id, actor, 10, ct);
            Matches = matches;
            NeedTitles = needs.ToDictionary(n => n.Key, n => n.Value.Title);
        }
        return true;
    }
}
