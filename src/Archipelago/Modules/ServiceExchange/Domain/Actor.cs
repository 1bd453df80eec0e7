using System.Security.Claims;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>
/// Who is acting on the exchange and for which enabler. A member account acts for the enabler it is bound to
/// (<see cref="Security.EnablerClaim"/>); <see cref="IsProvider"/> when that enabler is a professional service
/// provider. Operators and administrators moderate and may act for any enabler; other roles only read what is public.
/// </summary>
public sealed record Actor(string Username, long? EnablerId, bool IsOperator, bool IsProvider)
{
    public static Actor From(ClaimsPrincipal user, bool isProvider)
    {
        var claim = user.FindFirstValue(Security.EnablerClaim);
        long? enabler = user.IsInRole(Role.Member) && long.TryParse(claim, out var e) ? e : null;
        return new Actor(user.Username(), enabler, user.MayEditRegistry(), enabler is not null && isProvider);
    }

    /// <summary>The command line on the workspace's own files: an operator.</summary>
    public static Actor Cli(string username = "cli") => new(username, null, true, false);

    public bool ActsFor(long enablerId) => IsOperator || EnablerId == enablerId;
}
