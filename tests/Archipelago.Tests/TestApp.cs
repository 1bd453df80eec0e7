using System.Net.Http.Headers;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;

namespace Archipelago.Tests;

/// <summary>The real application started on a loopback port over a fresh workspace, with accounts for each role.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public WebApplication App { get; }
    public Database Db { get; }
    public Uri Address { get; }
    public const string Password = "correct-horse-battery";

    TestApp(WebApplication app, Database db, Uri address) { App = app; Db = db; Address = address; }

    public static async Task<TestApp> StartAsync(string dialect = TestDatabases.Sqlite)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var app = WebHost.Build(db, ["--urls", "http://127.0.0.1:0"], Program.Modules(), jsonLogs: false);
        await app.StartAsync();
        var address = new Uri(WebHost.Addresses(app).First());
        var accounts = new AccountStore(db, TimeProvider.System);
        foreach (var role in Role.All.Where(r => r != Role.Member))
            await accounts.CreateAsync(role, role, role, Password, null, "test");
        return new TestApp(app, db, address);
    }

    /// <summary>An API client authenticated with a fresh personal access token of the account named after the role.</summary>
    public async Task<HttpClient> ClientAsync(string? role)
    {
        // Redirects are not followed, so a refusal (302 to the sign-in page) is seen as such.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        if (role is null) return client;
        var accounts = new AccountStore(Db, TimeProvider.System);
        var account = await accounts.FindAsync(role) ?? throw new InvalidOperationException($"no account {role}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await accounts.CreateTokenAsync(account.Id, "test", null));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
