using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Industry.Features.Demo;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>The industry monitor in Chromium: an operator checks and imports a yearbook table, opens the series and the
/// life-cycle verdict on the demo data. Screenshots land in TestResults/screenshots.</summary>
public sealed class IndustryBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        await DemoIndustry.SeedAsync(db, CancellationToken.None);
        await new AccountStore(db, TimeProvider.System).CreateAsync("operator", "Operator", Role.Operator, Password, null, "test");
    }

    [Fact]
    public async Task Operator_ImportsAYearbookTable_ThenReadsSeriesAndLifeCycle()
    {
        var page = await SignedInAsync("operator");

        var file = Path.Combine(Path.GetTempPath(), $"yearbook-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "indicator,indicator_name,unit,region,2016年,2017年\nenterprises_gd,Enterprises,count,Guangdong,\"1,020\",１１０２\nbad_row,Bad,count,Guangdong,1.235,\n");
        await page.GotoAsync(address + "/industry/import");
        await page.SetInputFilesAsync("input[name=Upload]", file);
        await page.ClickAsync("button[value=true]");
        var result = await page.TextContentAsync("#import-result");
        Assert.Contains("not imported", result);
        Assert.Contains("'1.235' is ambiguous", result);

        await File.WriteAllTextAsync(file, "indicator,indicator_name,unit,region,2016年,2017年\nenterprises_gd,Enterprises,count,Guangdong,\"1,020\",１１０２\n");
        await page.SetInputFilesAsync("input[name=Upload]", file);
        await page.ClickAsync("button[value=true]");
        Assert.Contains("2 new", await page.TextContentAsync("#import-result"));

        await page.GotoAsync(address + "/industry");
        await page.ClickAsync("a[href*='indicator=enterprises_gd']");
        await page.WaitForSelectorAsync("figure.chart svg");
        Assert.Contains("1,102", await page.TextContentAsync("table.list"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "industry-series.png"), FullPage = true });

        await page.GotoAsync(address + "/industry/lifecycle?indicator=bio_enterprises&region=Guangdong");
        Assert.Equal("maturity", await page.TextContentAsync("#stage"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "industry-lifecycle.png"), FullPage = true });
    }
}
