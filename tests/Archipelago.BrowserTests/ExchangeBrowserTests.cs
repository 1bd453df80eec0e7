using System.Text.RegularExpressions;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Kernel.Web;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>The exchange's critical path in Chromium: an enterprise posts a need, sees ranked and explained providers,
/// requests one; the provider proposes; client and provider take it through accepted, in progress, delivered and
/// rated; the operator's market page counts the completed engagement.</summary>
public sealed class ExchangeBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        var enablers = new EnablerStore(db, TimeProvider.System);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        async Task<Enabler> Add(string key, EnablerType type, string name) => await enablers.AddAsync(new Enabler(key, type, name, null, null, gd, null, null, "test"), "test");
        var pharma = await Add("C1", EnablerType.Enterprise, "Pearl River Pharma");
        var antibody = await Add("P1", EnablerType.ServiceProvider, "Antibody Patent Agency");
        var retrieval = await Add("P2", EnablerType.ServiceProvider, "Search House");
        await new ProfileStore(db, TimeProvider.System).SaveManyAsync(
        [
            new ProviderProfile(antibody.Id, null, ["patent_filing", "strategic_layout"], ["biologics"], ["Guangdong"], ["zh", "en"], 12, 5, ["Patent agency licence"],
                5000, 20000, "CNY", 30, 4, "PCT filing and patent strategy for antibody drugs"),
            new ProviderProfile(retrieval.Id, null, ["retrieval"], ["small_molecules"], ["Shanghai"], ["zh"], 3, 0, [], null, null, null, 20, 2, "Prior-art searches"),
        ], publish: true, Actor.Cli());
        var accounts = new AccountStore(db, TimeProvider.System);
        await accounts.CreateAsync("pharma", "Pharma member", Role.Member, Password, pharma.Id, "test");
        await accounts.CreateAsync("agency", "Agency member", Role.Member, Password, antibody.Id, "test");
        await accounts.CreateAsync("operator", "Operator", Role.Operator, Password, null, "test");
    }

    static async Task StepAsync(IPage page, string step, string expectedState)
    {
        await page.ClickAsync($"button[name=step][value={step}]");
        await page.WaitForSelectorAsync($"h1 .tag:text-is('{expectedState}')");
    }

    [Fact]
    public async Task Enterprise_PostsANeed_RequestsTheTopProvider_AndTheEngagementRunsToARating_SeenInTheMarket()
    {
        var client = await SignedInAsync("pharma");
        await client.GotoAsync(address + "/exchange/needs/new");
        await client.FillAsync("input[name='Form.Title']", "PCT filing for a bispecific antibody");
        await client.SelectOptionAsync("select[name='Form.DemandArea']", "rnd");
        await client.SelectOptionAsync("select[name='Form.Service']", "patent_filing");
        await client.SelectOptionAsync("select[name='Form.TechnologyField']", "biologics");
        await client.FillAsync("textarea[name='Form.Description']", "We need a PCT application and a patent strategy for our bispecific antibody platform.");
        await client.ClickAsync("button[type=submit].primary");
        await ArrivedAsync(client, new Regex("/exchange/needs/\\d+$"));

        // Ranked providers, the best first, every score explained.
        await client.WaitForSelectorAsync("h2:text-is('Best-matching providers')");
        var rows = client.Locator("table.list tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains("Antibody Patent Agency", await rows.Nth(0).InnerTextAsync());
        Assert.True(await rows.Nth(0).Locator("td:nth-child(3) div").CountAsync() >= 4); // one explained line per score component
        await client.ScreenshotAsync(new() { Path = Path.Combine(Shots, "exchange-need.png"), FullPage = true });
        await rows.Nth(0).Locator("button:text-is('Request')").ClickAsync();
        await ArrivedAsync(client, new Regex("/exchange/engagements/\\d+$"));
        var engagement = client.Url;
        Assert.Equal("request", (await client.InnerTextAsync("h1 .tag")).Trim());

        var provider = await SignedInAsync("agency");
        await provider.GotoAsync(engagement);
        await provider.FillAsync("input[name=fee]", "18000");
        await StepAsync(provider, "propose", "proposal");

        await client.GotoAsync(engagement);
        await StepAsync(client, "accept", "accepted");
        await provider.GotoAsync(engagement);
        await StepAsync(provider, "start", "in_progress");
        await StepAsync(provider, "deliver", "delivered");

        await client.GotoAsync(engagement);
        await client.FillAsync("input[name=score]", "5");
        await client.FillAsync("textarea[name=comment]", "Filed on time.");
        await client.ClickAsync("button:text-is('Rate the engagement')");
        await client.WaitForSelectorAsync("h1 .tag:text-is('rated')");
        Assert.Contains("5/5", await client.ContentAsync());
        await client.ScreenshotAsync(new() { Path = Path.Combine(Shots, "exchange-engagement.png"), FullPage = true });

        var op = await SignedInAsync("operator");
        await op.GotoAsync(address + "/exchange/market");
        var cells = await op.Locator("table.compact tbody td").AllInnerTextsAsync();
        Assert.Single(cells, c => c.StartsWith("1 (1)"));                 // one need, one completed engagement, in its area × category
        Assert.True(await op.Locator("figure.chart svg").CountAsync() >= 3);
        await op.ScreenshotAsync(new() { Path = Path.Combine(Shots, "exchange-market.png"), FullPage = true });
    }
}
