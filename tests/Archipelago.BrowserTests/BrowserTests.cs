using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Cluster.Features.Demo;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>
/// The pages as a person uses them, in Debian's Chromium driven by Playwright, against the real app on a loopback
/// port over the demo workspace. Screenshots land in TestResults/screenshots for a human look.
/// </summary>
public sealed class BrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var accounts = new AccountStore(db, TimeProvider.System);
        await accounts.CreateAsync("operator", "Operator", Role.Operator, Password, null, "test");
        await accounts.CreateAsync("viewer", "Viewer", Role.Viewer, Password, null, "test");
    }

    [Fact]
    public async Task SignIn_WrongPasswordIsRefused_RightOneOpensTheWorkspace()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(address + "/account/sign-in");
        await page.FillAsync("input[name=Username]", "operator");
        await page.FillAsync("input[name=Password]", "not-the-password");
        await page.ClickAsync("button[type=submit].primary");
        Assert.Contains("Wrong username or password", await page.InnerTextAsync("[role=alert]"));
        var signedIn = await SignedInAsync("operator");
        Assert.Contains("Pearl Isle Bio Park (demo)", await signedIn.InnerTextAsync("h1"));
        await signedIn.ScreenshotAsync(new() { Path = Path.Combine(Shots, "home.png") });
    }

    [Fact]
    public async Task Navigation_GroupsAModulesPagesInAMenu_ThatOpensAndLeadsThere()
    {
        var page = await SignedInAsync("operator");
        await page.GotoAsync(address + "/");
        var cluster = page.Locator("header nav details.menu", new() { HasText = "Cluster" });
        Assert.False(await cluster.Locator("a", new() { HasText = "Network" }).IsVisibleAsync());
        await cluster.Locator("summary").ClickAsync();
        await cluster.Locator("a", new() { HasText = "Network" }).ClickAsync();
        await ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/cluster/network"));
        // The section the page belongs to is marked in the bar.
        Assert.Contains("current", await page.Locator("header nav details.menu", new() { HasText = "Cluster" }).GetAttributeAsync("class"));
        await page.Locator("header nav details.menu", new() { HasText = "Cluster" }).Locator("summary").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "navigation-menu.png") });
    }

    [Fact]
    public async Task LanguageSwitch_ShowsChinese_AndBack()
    {
        var page = await SignedInAsync("viewer");
        await page.GotoAsync(address + "/cluster/enablers");
        await page.ClickAsync("#language-switch");
        await page.WaitForSelectorAsync("html[lang=zh-Hans]");
        Assert.Contains("参与主体", await page.InnerTextAsync("h1"));
        Assert.Contains("/cluster/enablers", page.Url);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "enablers-zh.png"), FullPage = false });
        await page.ClickAsync("#language-switch");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Enablers", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task SearchAndFilter_FindsByChineseNameAndType()
    {
        var page = await SignedInAsync("viewer");
        await page.GotoAsync(address + "/cluster/enablers");
        await page.FillAsync("input[name=q]", "珠岛");
        await page.SelectOptionAsync("select[name=type]", "cluster_promotion");
        await page.ClickAsync("form.filters button[type=submit]");
        var rows = await page.Locator("table.list tbody tr").AllInnerTextsAsync();
        Assert.Single(rows);
        Assert.Contains("Pearl Isle Bio Park Development", rows[0]);
    }

    [Fact]
    public async Task Import_WithABadRow_ShowsTheRowError_AndStoresNothing()
    {
        var page = await SignedInAsync("operator");
        var before = await new EnablerStore(db, TimeProvider.System).CountAsync();
        await page.GotoAsync(address + "/cluster/import");
        var csv = "key,type,name_en,country\nN1,enterprise,New One,CN\nN2,spaceship,Bad Type,CN\n";
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "new.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("button[name=Commit][value=true]");
        var result = await page.InnerTextAsync("#import-result");
        Assert.Contains("nothing was stored", result);
        Assert.Contains("spaceship", result);
        var errorRow = await page.Locator("table.errors tbody tr").First.InnerTextAsync();
        Assert.Contains("new.csv", errorRow);
        Assert.Contains("3", errorRow);
        Assert.Contains("type", errorRow);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "import-error.png"), FullPage = true });
        Assert.Equal(before, await new EnablerStore(db, TimeProvider.System).CountAsync());
    }

    [Fact]
    public async Task EditEnabler_SavesAndShowsTheNewName_ViewerCannotEdit()
    {
        var store = new EnablerStore(db, TimeProvider.System);
        var e = await store.AddAsync(new Enabler("EDIT1", EnablerType.Enterprise, "Before Name", null, null, new Region("Guangzhou", "Guangdong", "CN"), null, null, "test"), "test");
        var page = await SignedInAsync("operator");
        await page.GotoAsync($"{address}/cluster/enablers/edit/{e.Id}");
        await page.FillAsync("input[name='Form.NameEn']", "After Name");
        await page.FillAsync("input[name='Form.NameZh']", "改名之后");
        await page.ClickAsync("form.grid button[type=submit].primary");
        await ArrivedAsync(page, $"{address}/cluster/enablers/{e.Id}");
        Assert.Contains("After Name", await page.InnerTextAsync("h1"));
        Assert.Equal("改名之后", (await store.GetAsync(e.Id))!.NameZh);

        var viewer = await SignedInAsync("viewer");
        var response = await viewer.GotoAsync($"{address}/cluster/enablers/edit/{e.Id}");
        Assert.Contains("/account/denied", viewer.Url);
    }

    [Fact]
    public async Task EnablerPage_ShowsJointActionsOverTime()
    {
        var page = await SignedInAsync("viewer");
        var park = (await new EnablerStore(db, TimeProvider.System).GetByKeyAsync("E0001"))!;
        await page.GotoAsync($"{address}/cluster/enablers/{park.Id}");
        Assert.Contains("Pearl Isle Bio Park Development", await page.InnerTextAsync("h1"));
        // One bar (stacked by joint-action type) a year, 2011–2023: the chart's data download has a row per year.
        var csv = await page.Locator("figure.chart a[download$='.csv']").First.GetAttributeAsync("href");
        var rows = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(csv![(csv.IndexOf("base64,") + 7)..])).TrimStart('\uFEFF').TrimEnd('\n').Split('\n');
        Assert.Equal(13, rows.Length - 1);
        Assert.StartsWith("2011,", rows[1]);
        Assert.True(await page.Locator("figure.chart svg rect title").CountAsync() >= 13);
        Assert.True(await page.Locator("table.list tbody tr").CountAsync() > 10);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "enabler.png"), FullPage = true });
    }
}
