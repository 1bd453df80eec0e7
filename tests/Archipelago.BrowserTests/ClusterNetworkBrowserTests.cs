using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Cluster.Features.Demo;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>
/// /cluster/network in Debian's Chromium on the demo workspace: the canvas graph loads from the JSON endpoint, the GET
/// filters narrow it, a search focuses on one enabler and its neighbourhood, and the whole network comes back.
/// Screenshots land in TestResults/screenshots.
/// </summary>
public sealed class ClusterNetworkBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        await new AccountStore(db, TimeProvider.System).CreateAsync("viewer", "Viewer", Role.Viewer, Password, null, "test");
    }

    /// <summary>Non-background pixels on the canvas: the graph was drawn, not just loaded.</summary>
    static Task<int> InkAsync(IPage page) => page.EvaluateAsync<int>("""
        () => { const c = document.querySelector('#network-graph canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }
        """);

    [Fact]
    public async Task DemoNetwork_LoadsFiltersAndFocusesOnAnEnabler()
    {
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 1000 } });
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(address + "/account/sign-in");
        await page.FillAsync("input[name=Username]", "viewer");
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("button[type=submit].primary");
        await ArrivedAsync(page, address + "/");

        await page.GotoAsync(address + "/cluster/network");
        await page.WaitForSelectorAsync("#network-graph[data-view=all]");
        var all = int.Parse((await page.GetAttributeAsync("#network-graph", "data-nodes"))!);
        Assert.True(all > 100, $"{all} nodes drawn");
        Assert.True(await InkAsync(page) > 1000);
        await page.Locator("#network-graph").ScreenshotAsync(new() { Path = Path.Combine(Shots, "network-all.png") });

        // Filters by GET form: only enterprises in the home region, forums left out.
        await page.SelectOptionAsync("form.filters select[name=enablerType]", "enterprise");
        await page.SelectOptionAsync("form.filters select[name=scope]", "local");
        await page.SelectOptionAsync("form.filters select[name=exclude]", "event");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("enablerType=enterprise") && u.Contains("exclude=event"), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("#network-graph[data-view=all]");
        var filtered = int.Parse((await page.GetAttributeAsync("#network-graph", "data-nodes"))!);
        Assert.InRange(filtered, 1, all - 1);
        Assert.Contains("enablerType=enterprise", await page.GetAttributeAsync("#network-graph", "data-src"));

        // Search and focus: the park company and its neighbours, on the unfiltered network.
        await page.GotoAsync(address + "/cluster/network?size=betweenness");
        await page.WaitForSelectorAsync("#network-graph[data-view=all]");
        await page.FillAsync("input[name=graph-search]", "Pearl Isle Bio Park");
        await page.ClickAsync("form.graph-search button[type=submit]");
        await page.WaitForSelectorAsync("#network-graph[data-view=focus]");
        Assert.Equal("E0001", await page.GetAttributeAsync("#network-graph", "data-focus"));
        var around = int.Parse((await page.GetAttributeAsync("#network-graph", "data-nodes"))!);
        Assert.InRange(around, 2, all - 1);
        Assert.Contains("Pearl Isle Bio Park", await page.TextContentAsync("#network-graph .graph-info"));
        await page.Locator("#network-graph").ScreenshotAsync(new() { Path = Path.Combine(Shots, "network-focus.png") });

        // Back to the whole network.
        await page.ClickAsync("button.graph-back");
        await page.WaitForSelectorAsync("#network-graph[data-view=all]");
        Assert.Equal(all.ToString(), await page.GetAttributeAsync("#network-graph", "data-nodes"));

        // Above the drawing limit (lowered here to 20 enablers) communities are drawn; a click opens one.
        await page.GotoAsync(address + "/cluster/network?limit=20");
        await page.WaitForSelectorAsync("#network-graph[data-view=groups]");
        Assert.Contains("communities shown", await page.TextContentAsync("#network-graph .graph-info"));
        Assert.True(await InkAsync(page) > 500);
        await page.Locator("#network-graph").ScreenshotAsync(new() { Path = Path.Combine(Shots, "network-groups.png") });
        var centre = await page.EvaluateAsync<double[]>("() => window.archipelagoNetwork.screenOfFirstGroup()");
        var canvas = (await page.Locator("#network-graph canvas").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(canvas.X + centre[0]), (float)(canvas.Y + centre[1]));
        await page.WaitForSelectorAsync("#network-graph[data-view=group]");
        Assert.InRange(int.Parse((await page.GetAttributeAsync("#network-graph", "data-nodes"))!), 1, 20);

        // A search that matches nothing says so and keeps the drawing.
        await page.FillAsync("input[name=graph-search]", "no such enabler zzz");
        await page.ClickAsync("form.graph-search button[type=submit]");
        await page.WaitForSelectorAsync("#network-graph[data-error=not_in_network]");
        Assert.Contains("No enabler matching", await page.TextContentAsync("#network-graph .graph-info"));
    }

    [Fact]
    public async Task WithoutJavaScript_TablesAndFocusWorkByGetForm()
    {
        var context = await browser.NewContextAsync(new() { Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(address + "/account/sign-in");
        await page.FillAsync("input[name=Username]", "viewer");
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("button[type=submit].primary");
        await ArrivedAsync(page, address + "/");
        await page.GotoAsync(address + "/cluster/network");
        Assert.True(await page.IsHiddenAsync("#network-graph"));
        await page.FillAsync("input[name=focus]", "Pearl Isle Bio Park");
        await page.ClickAsync("form[action='#graph'] button[type=submit]");
        await page.WaitForSelectorAsync("table.neighbourhood");
        Assert.Contains("Pearl Isle Bio Park", await page.TextContentAsync("#neighbourhood"));
        await context.DisposeAsync();
    }
}
