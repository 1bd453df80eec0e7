using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Cluster.Features.Demo;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>The valuation desk in Chromium over the demo workspace (cluster and valuation demo data).</summary>
public sealed class ValuationBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        await new Archipelago.Modules.Valuation.ValuationModule().SeedDemoAsync(db, CancellationToken.None);
        await new AccountStore(db, TimeProvider.System).CreateAsync("analyst", "Analyst", Role.Analyst, Password, null, "test");
    }

    [Fact]
    public async Task Analyst_ValuesTheExample_SavesIt_AndSeesItAmongTheSavedValuations()
    {
        var page = await SignedInAsync("analyst");

        await page.GotoAsync(address + "/valuation");
        // The example is issue 6's minimal asset with the 2011–2020 all-indication rates: rNPV 26.89 (hand table in ValuationCliTests).
        await page.ClickAsync("button[formaction*='handler=Calculate'], button:has-text('Value the asset')");
        await page.WaitForSelectorAsync("#results");
        Assert.Equal("26.89", (await page.InnerTextAsync(".card .big")).Trim());
        Assert.True(await page.Locator("figure.chart svg").CountAsync() >= 1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "valuation.png"), FullPage = true });

        await page.FillAsync("input[name='Form.Name']", "Browser asset");
        await page.ClickAsync("button:has-text('Save as a new version')");
        await ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/valuation/saved/\\d+$"));
        Assert.Contains("Browser asset", await page.InnerTextAsync("h1"));

        await page.GotoAsync(address + "/valuation/deals");
        Assert.Contains("Charles Point Therapeutics", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "deals.png"), FullPage = true });
    }
}
