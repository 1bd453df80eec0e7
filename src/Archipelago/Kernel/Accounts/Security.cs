using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Archipelago.Kernel.Accounts;

/// <summary>
/// Sign-in for people (cookie, with anti-forgery on every form) and for programs (personal access token as
/// <c>Authorization: Bearer arch_…</c>). Everything needs a signed-in account except sign-in itself, /health, the
/// OpenAPI document and static files; writes need the policy their endpoint names.
/// </summary>
public static class Security
{
    public const string TokenScheme = "Token";
    const string SmartScheme = "CookieOrToken";
    public const string SignInRateLimit = "sign-in";
    public const string EnablerClaim = "archipelago:enabler";

    public static IServiceCollection AddArchipelagoSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "archipelago.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                // The API answers 401/403 instead of redirecting to the sign-in page.
                o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TokenHandler>(TokenScheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.EditRegistry, p => p.RequireRole(Role.Administrator, Role.Operator))
            .AddPolicy(Policies.Analyse, p => p.RequireRole(Role.Administrator, Role.Operator, Role.Analyst))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Role.Administrator));

        services.AddAntiforgery(o => { o.HeaderName = "X-CSRF-TOKEN"; o.Cookie.Name = "archipelago.csrf"; o.Cookie.SameSite = SameSiteMode.Strict; });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Ten sign-in attempts a minute per client address.
            o.AddPolicy(SignInRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>API writes made with the sign-in cookie (a browser) must carry the anti-forgery header; token calls need not.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method)
            && ctx.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            var af = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await af.IsRequestValidAsync(ctx))
            {
                await Results.Problem(statusCode: 400, title: "Missing or invalid anti-forgery token",
                    detail: "Browser calls to the API that change data must send the X-CSRF-TOKEN header.", extensions: new Dictionary<string, object?> { ["code"] = "antiforgery" }).ExecuteAsync(ctx);
                return;
            }
        }
        await next();
    });

    public static ClaimsPrincipal Principal(Account a, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, a.Id.ToString()),
        new Claim(ClaimTypes.Name, a.Username),
        new Claim(ClaimTypes.GivenName, a.DisplayName),
        new Claim(ClaimTypes.Role, a.Role),
        .. a.EnablerId is { } e ? [new Claim(EnablerClaim, e.ToString())] : Array.Empty<Claim>(),
    ], scheme));

    public static string Username(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
    public static long UserId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0");

    /// <summary>Whether the user may edit this enabler: registry editors may edit any; a member only their own.</summary>
    public static bool MayEditEnabler(this ClaimsPrincipal user, long enablerId) =>
        user.IsInRole(Role.Administrator) || user.IsInRole(Role.Operator) ||
        (user.IsInRole(Role.Member) && user.FindFirstValue(EnablerClaim) == enablerId.ToString());

    public static bool MayEditRegistry(this ClaimsPrincipal user) => user.IsInRole(Role.Administrator) || user.IsInRole(Role.Operator);

    static Task Deny(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) { ctx.Response.StatusCode = status; return Task.CompletedTask; }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore accounts)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
            var account = await accounts.VerifyTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
            return account is null
                ? AuthenticateResult.Fail("Unknown, expired or revoked token.")
                : AuthenticateResult.Success(new AuthenticationTicket(Principal(account, TokenScheme), TokenScheme));
        }
    }
}
