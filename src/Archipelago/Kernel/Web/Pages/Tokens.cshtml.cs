using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Kernel.Web.Pages;

/// <summary>Each account manages its own tokens; a token carries the account's role, no more.</summary>
public sealed class TokensModel(AccountStore accounts) : PageModel
{
    public IReadOnlyList<TokenInfo> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await accounts.TokensAsync(User.UserId(), ct);

    public async Task<IActionResult> OnPostCreateAsync(string name, CancellationToken ct)
    {
        NewToken = await accounts.CreateTokenAsync(User.UserId(), name, null, ct);
        Tokens = await accounts.TokensAsync(User.UserId(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        await accounts.RevokeTokenAsync(User.UserId(), id, ct);
        return RedirectToPage();
    }
}
