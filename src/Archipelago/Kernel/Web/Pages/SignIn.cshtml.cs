using Archipelago.Kernel.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Archipelago.Kernel.Web.Pages;

/// <summary>Cookie sign-in with a local account; rate-limited per client address.</summary>
[EnableRateLimiting(Security.SignInRateLimit)]
public sealed class SignInModel(AccountStore accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password) ? null : await accounts.VerifyPasswordAsync(Username, Password, ct);
        if (account is null)
        {
            Error = "Wrong username or password.";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Security.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
