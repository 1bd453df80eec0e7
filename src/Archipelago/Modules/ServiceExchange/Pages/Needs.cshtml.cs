using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>The needs the reader may see (their own, public ones, and — for providers — those open to providers or to them).</summary>
public sealed class NeedsModel(NeedStore needs, EnablerStore enablers) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public Page<NeedView> Page { get; private set; } = null!;
    public bool MayPost { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        MayPost = actor.IsOperator || actor.EnablerId is not null;
        Page = await needs.ListAsync(actor, new NeedStore.NeedFilter(Blank(Area), Blank(Category), null, null, null, Q, Math.Max(0, Skip), 50), ct);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
