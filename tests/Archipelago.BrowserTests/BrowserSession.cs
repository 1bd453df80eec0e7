using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Microsoft.Playwright;

// One browser test class at a time: each starts the app and a Chromium. With all classes at once on a 2-core machine an
// exchange test sometimes waited past Playwright's 120 s for a page after a form post (2 full runs in about 8); alone,
// and with only the patents class beside it, it never did.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Archipelago.BrowserTests;

/// <summary>
/// The real app on a loopback port over a fresh SQLite workspace, and Debian's Chromium driven by Playwright. Each test
/// class fills the workspace (<see cref="SeedAsync"/>) before the app starts. Screenshots go to <see cref="Shots"/>
/// for a human look.
/// </summary>
public abstract class BrowserSession : IAsyncLifetime
{
    protected const string Password = "correct-horse-battery";
    protected static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    protected Database db = null!;
    protected string address = null!;
    protected IBrowser browser = null!;
    WebApplication app = null!;
    IPlaywright playwright = null!;

    /// <summary>Demo data and accounts for the tests of this class, written before the app starts.</summary>
    protected abstract Task SeedAsync(Database db);

    public async Task InitializeAsync()
    {
        db = Database.Sqlite(Path.Combine(Path.GetTempPath(), "archipelago-browser", Guid.NewGuid().ToString("N")));
        await new Migrator(db).MigrateAsync();
        await SeedAsync(db);
        app = WebHost.Build(db, ["--urls", "http://127.0.0.1:0"], Program.Modules(), jsonLogs: false);
        await app.StartAsync();
        address = WebHost.Addresses(app).First();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Shots);
    }

    /// <summary>A new page with its own cookies. The wait is generous because CI's two cores may be busy; the tests check
    /// behaviour, not speed.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", AcceptDownloads = true });
        page.SetDefaultTimeout(120_000);
        return page;
    }

    /// <summary>A page signed in as <paramref name="username"/> through the sign-in form, as a person does.</summary>
    protected async Task<IPage> SignedInAsync(string username)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(address + "/");
        Assert.Contains("/account/sign-in", page.Url);
        await page.FillAsync("input[name=Username]", username);
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("button[type=submit].primary");
        await ArrivedAsync(page, address + "/");
        return page;
    }

    // Playwright's load event for a page reached by a form post's redirect was missed now and then on CI (a 120 s hang
    // while "networkidle" had fired: after sign-in and after posting a need). So the navigation is awaited only to its
    // commit, and the load by polling document.readyState in the new document, which cannot be missed.

    /// <summary>Waits until <paramref name="page"/> has navigated to <paramref name="url"/> and that document has loaded.</summary>
    protected static async Task ArrivedAsync(IPage page, string url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await LoadedAsync(page);
    }

    /// <inheritdoc cref="ArrivedAsync(IPage, string)"/>
    protected static async Task ArrivedAsync(IPage page, System.Text.RegularExpressions.Regex url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await LoadedAsync(page);
    }

    static Task LoadedAsync(IPage page) => page.WaitForFunctionAsync("document.readyState === 'complete'");

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
