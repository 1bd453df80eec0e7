using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>The provider directory: listed profiles (operators: every profile, filterable by status — the moderation queue).</summary>
public sealed class ProvidersModel(ProfileStore profiles, EnablerStore enablers, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<ProviderListing> Items { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        Items = await profiles.ListAsync(actor, Empty(Category), Empty(Field), Q, actor.IsOperator ? Empty(Status) : null, ct);
    }

    static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
