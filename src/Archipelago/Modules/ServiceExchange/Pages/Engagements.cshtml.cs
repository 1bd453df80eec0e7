using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>The reader's engagements and their enabler's notifications (operators: every engagement).</summary>
[Authorize(Policy = ExchangePolicies.Participate)]
public sealed class EngagementsModel(EngagementStore engagements, EnablerStore enablers, Database db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Engagement Engagement, string NeedTitle)> Items { get; private set; } = [];
    public IReadOnlyList<Notifications.Notification> Notes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        Items = await engagements.ListAsync(actor, null, ct);
        if (actor.EnablerId is { } id) Notes = await Notifications.ForAsync(db, id, 20, ct);
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        if (actor.EnablerId is { } id) await Notifications.MarkReadAsync(db, id, clock, ct);
        return Redirect("/exchange/engagements");
    }
}
