using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Kernel.Web.Pages;

[Authorize(Policy = Policies.Administer)]
public sealed class UsersModel(AccountStore accounts, EnablerStore enablers) : PageModel
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(string username, string? displayName, string role, string? enablerKey, string password, CancellationToken ct)
    {
        try
        {
            long? enablerId = null;
            if (!string.IsNullOrWhiteSpace(enablerKey))
                enablerId = (await enablers.GetByKeyAsync(enablerKey.Trim(), ct))?.Id ?? throw new DomainException("not_found", $"No enabler with key '{enablerKey}'.", "enabler");
            var a = await accounts.CreateAsync(username, displayName ?? "", role, password, enablerId, User.Username(), ct);
            Message = $"Created {a.Role} '{a.Username}'.";
        }
        catch (DomainException e) { Message = e.Message; Failed = true; }
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }
}
