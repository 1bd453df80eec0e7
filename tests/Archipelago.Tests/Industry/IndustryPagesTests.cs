using System.Net;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Industry.Features.Demo;

namespace Archipelago.Tests.Industry;

/// <summary>The /industry pages render on the demo data on both databases, without JavaScript: tables, charts, verdict.</summary>
public class IndustryPagesTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Pages_ShowTheDemoMonitor(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        await DemoIndustry.SeedAsync(app.Db, default);
        var viewer = await app.ClientAsync(Role.Viewer);
        async Task<string> Get(string url)
        {
            var response = await viewer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            return await response.Content.ReadAsStringAsync();
        }
        var index = await Get("/industry");
        Assert.Contains("Gross industrial output value", index);
        Assert.DoesNotContain("/industry/import", index);                            // viewers are not offered the import

        var revenue = await Get("/industry/series?indicator=revenue&region=China");
        Assert.Contains("id=\"vintages\"", revenue);                                  // the printed figures, kept as vintage 1
        Assert.Contains("25,537.1", revenue);
        Assert.Contains("class=\"warning first-published\"", revenue);           // the 亿元 slip of seed 000 stays flagged
        Assert.Contains("<svg", revenue);

        var cagr = await Get("/industry/series?indicator=output_value&region=China&kind=cagr&from=2010&to=2017");
        Assert.Contains("16.70 %", cagr);

        var lifecycle = await Get("/industry/lifecycle?indicator=bio_enterprises&region=Guangdong");
        Assert.Contains("id=\"stage\">maturity<", lifecycle);
        Assert.Contains("id=\"evidence\"", lifecycle);

        var refusal = await Get("/industry/lifecycle?pick=revenue%7CChina%7C");
        Assert.Contains("No verdict", refusal);

        Assert.Contains("Jiangsu", await Get("/industry/compare?indicator=output_value&subsector=biopharmaceutical_products"));
        Assert.Contains("Pharmaceutical equipment", await Get("/industry/compare?indicator=revenue_growth&by=subsector&region=China"));
        Assert.Contains("id=\"segments\"", await Get("/industry/value-chain"));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/industry/series?indicator=nothing")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await viewer.GetAsync("/industry/import")).StatusCode);
    }
}
