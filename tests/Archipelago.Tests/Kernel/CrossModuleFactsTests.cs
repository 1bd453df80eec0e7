using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Archipelago.Modules.Industry.Features.Demo;

namespace Archipelago.Tests.Kernel;

/// <summary>
/// The real modules answering each other through the kernel's facts in the running app: the industry monitor's
/// declared employment gives the patents module's intensity its denominator. (Patents → valuation and patents →
/// industry life cycle are tested with the real modules in LinkedPatentTests and FactLifeCycleTests.)
/// </summary>
public class CrossModuleFactsTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PatentIntensity_TakesEmploymentFromTheIndustryMonitor(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        await DemoIndustry.SeedAsync(app.Db, default);
        var client = await app.ClientAsync("viewer");

        var series = (await client.GetFromJsonAsync<JsonArray>("/api/patents/intensity/employment-series"))!;
        var china = series.Select(s => s!["id"]!.GetValue<string>()).Single(id => id.StartsWith("industry:") && id.Contains("China"));

        // The demo's national employment for 2015 is 1,000 × round(2,050 × 1.03^5) = 1,000 × round(2,376.5) = 2,377,000
        // persons (DemoIndustry states its rule; the power worked by hand: 1.03^5 = 1.1592741).
        // 2,377 patents over 2,377,000 employees is 10 per 10,000 employees; against a national 20 the ratio is 0.5.
        var r = (await client.GetFromJsonAsync<JsonObject>($"/api/patents/intensity?patents=2377&employment_series={Uri.EscapeDataString(china)}&year=2015&national_density=20"))!;
        Assert.Equal(2_377_000, r["employees"]!.GetValue<double>());
        Assert.Equal(10, r["density"]!.GetValue<double>(), 9);
        Assert.Equal(0.5, r["densityRatio"]!.GetValue<double>(), 9);
        Assert.Contains(china, r["employmentSource"]!.GetValue<string>());
    }
}
