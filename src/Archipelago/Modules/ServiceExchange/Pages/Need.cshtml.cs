using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>
/// One need, as the reader may see it. The poster (and operators) see the ranked providers with every score explained
/// and request one; a provider who may read the need in full sends a proposal; the poster closes it, operators take
/// it down. Text is shown as typed and always HTML-encoded.
/// </summary>
public sealed class NeedModel(NeedStore needs, EngagementStore engagements, EnablerStore enablers, Matchmaker matchmaker) : PageModel
{
    public NeedView View { get; private set; } = null!;
    public bool IsPoster { get; private set; }
    public bool MayBid { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Match> Matches { get; private set; } = [];
    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();
    public IReadOnlyList<PartnerSuggestion> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(long id, long providerId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!User.MayEditEnabler(View.Need.EnablerId)) return Forbid();
        return await ActAsync(id, async a => Redirect($"/exchange/engagements/{(await engagements.OpenAsync(id, providerId, null, null, null, a, ct)).Id}"), ct);
    }

    public async Task<IActionResult> OnPostBidAsync(long id, string? message, decimal? fee, string? currency, CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        if (actor.EnablerId is not { } me || !User.MayEditEnabler(me)) return Forbid();
        return await ActAsync(id, async a => Redirect($"/exchange/engagements/{(await engagements.OpenAsync(id, me, message, fee, fee is null ? null : currency, a, ct)).Id}"), ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, string status, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!User.MayEditEnabler(View.Need.EnablerId)) return Forbid();
        return await ActAsync(id, async a => { await needs.SetStatusAsync(id, status, reason, a, ct); return Redirect($"/exchange/needs/{id}"); }, ct);
    }

    async Task<IActionResult> ActAsync(long id, Func<Actor, Task<IActionResult>> action, CancellationToken ct)
    {
        try { return await action(await ExchangeApi.ActorAsync(User, enablers, ct)); }
        catch (DomainException ex) when (ex.Code == "forbidden") { return Forbid(); }
        catch (DomainException ex)
        {
            Error = ex.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        if (await needs.GetAsync(id, actor, ct) is not { } v) return false;
        View = v;
        IsPoster = actor.ActsFor(v.Need.EnablerId);
        MayBid = actor.IsProvider && !v.Redacted && !IsPoster && v.Need.Status == NeedStatus.Open;
        // One call for both lists: the need was read and authorised above, and the index and weights come in one query.
        var (matches, names, partners) = await matchmaker.ForNeedPageAsync(v, actor, 10, 5, ct);
        Matches = matches;
        Names = matches.ToDictionary(m => m.ProviderId, m => names.GetValueOrDefault(m.ProviderId)?.DisplayName(Archipelago.Kernel.Localisation.Text.IsChinese) ?? "");
        Partners = partners;
        return true;
    }
}
