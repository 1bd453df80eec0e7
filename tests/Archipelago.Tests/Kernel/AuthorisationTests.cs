using System.Net;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Archipelago.Tests.Kernel;

/// <summary>Every endpoint the app maps, tried by an anonymous caller and by a viewer: neither may change anything.</summary>
public class AuthorisationTests
{
    static readonly string[] Unsafe = ["POST", "PUT", "DELETE", "PATCH"];

    /// <summary>Account self-service that changes no workspace data: signing in and out, the language, one's own tokens.</summary>
    static readonly string[] SelfService = ["/account/sign-in", "/account/sign-out", "/culture", "/account/tokens"];

    static IEnumerable<(string Method, string Path, bool AnalystMay)> WriteEndpoints(WebApplication app)
    {
        foreach (var ds in app.Services.GetServices<EndpointDataSource>())
        foreach (var e in ds.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p2 => p2.Name switch { "kind" => "enablers", _ => "1" },
                _ => "",
            }))));
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null)
                methods = ["POST"]; // pages answer every verb; POST is their write
            // Endpoints that compute without changing the workspace are open to analysts (policy "analyse").
            var analystMay = e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Policies.Analyse);
            foreach (var m in methods ?? ["POST"])
                if (Unsafe.Contains(m)) yield return (m, path, analystMay);
        }
    }

    [Fact]
    public async Task EveryWriteEndpoint_RefusesAnonymousAndViewer_AndNothingChanges()
    {
        await using var app = await TestApp.StartAsync();
        var operatorClient = await app.ClientAsync(Role.Operator);
        (await operatorClient.PostAsJsonAsync("/api/cluster/enablers", new { key = "E1", type = "enterprise", nameEn = "One" })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync("/api/cluster/enablers", new { key = "E2", type = "enterprise", nameEn = "Two" })).EnsureSuccessStatusCode();
        var anonymous = await app.ClientAsync(null);
        var viewer = await app.ClientAsync(Role.Viewer);
        var analyst = await app.ClientAsync(Role.Analyst);
        var endpoints = WriteEndpoints(app.App).Distinct().ToList();
        Assert.Contains(("POST", "/api/cluster/enablers", false), endpoints);
        Assert.Contains(("POST", "/cluster/import", false), endpoints);
        var store = new EnablerStore(app.Db, TimeProvider.System);

        foreach (var (method, path, analystMay) in endpoints.Where(e => !SelfService.Contains(e.Path)))
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("viewer", viewer), ("analyst", analyst) })
            {
                if (who == "analyst" && analystMay) continue;
                // Each endpoint gets a body it would accept (JSON for the API, a file upload for imports and pages), so
                // a refusal comes from authorisation and not from the media type.
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = path.StartsWith("/api/") && !path.Contains("/import/") && !path.EndsWith("/import")
                        ? JsonContent.Create(new { key = "E9", type = "enterprise", nameEn = "Nine", start = "2020", participants = Array.Empty<object>(), duplicates = new[] { 2 } })
                        : new MultipartFormDataContent { { new StringContent("key,type,name_en\nE9,enterprise,Nine\n"), "file", "x.csv" }, { new StringContent("true"), "Commit" } },
                };
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                // 401/403, a redirect to sign-in or "denied", or 400 from anti-forgery (which a cross-site form cannot pass) — never success.
                var refused = path.StartsWith("/api/")
                    ? status == (who == "anonymous" ? 401 : 403)
                    : status is 400 or 403 || (status == 302 && (location.Contains("/account/sign-in") || location.Contains("/account/denied")));
                Assert.True(refused, $"{who} {method} {path} answered {status} {location}");
            }
        }
        Assert.Equal(2, await store.CountAsync());
        Assert.NotNull(await store.GetByKeyAsync("E1"));
    }

    [Fact]
    public async Task Viewer_CanRead_ButApiWritesAre403()
    {
        await using var app = await TestApp.StartAsync();
        var viewer = await app.ClientAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/cluster/enablers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/cluster/enablers", new { type = "enterprise", nameEn = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientAsync(null)).GetAsync("/api/cluster/enablers")).StatusCode);
    }

    [Fact]
    public async Task Member_MayEditOwnEnablerOnly()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsync(Role.Operator);
        var own = await (await op.PostAsJsonAsync("/api/cluster/enablers", new { key = "E1", type = "enterprise", nameEn = "Own" })).Content.ReadFromJsonAsync<Archipelago.Modules.Cluster.EnablerDto>();
        var other = await (await op.PostAsJsonAsync("/api/cluster/enablers", new { key = "E2", type = "enterprise", nameEn = "Other" })).Content.ReadFromJsonAsync<Archipelago.Modules.Cluster.EnablerDto>();
        var accounts = new AccountStore(app.Db, TimeProvider.System);
        var m = await accounts.CreateAsync("member1", "Member", Role.Member, TestApp.Password, own!.Id, "test");
        var client = await app.ClientAsync(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await accounts.CreateTokenAsync(m.Id, "t", null));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/cluster/enablers/{own.Id}", new { type = "enterprise", nameEn = "Own, renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/cluster/enablers/{other!.Id}", new { type = "enterprise", nameEn = "Hijacked" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/cluster/enablers/{own.Id}")).StatusCode);
        Assert.Equal("Other", (await new EnablerStore(app.Db, TimeProvider.System).GetAsync(other.Id))!.NameEn);
    }

    [Fact]
    public async Task SignIn_IsRateLimited()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.ClientAsync(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await client.PostAsync("/account/sign-in", new FormUrlEncodedContent([new("Username", "admin"), new("Password", "wrong")]))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task RevokedOrUnknownToken_IsUnauthorised()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.ClientAsync(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "arch_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cluster/enablers")).StatusCode);
    }
}
