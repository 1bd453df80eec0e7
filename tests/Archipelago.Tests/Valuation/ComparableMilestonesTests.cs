using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Valuation.Features.Deals;
using Archipelago.Modules.Valuation.Pages;

namespace Archipelago.Tests.Valuation;

/// <summary>Milestones of comparable deals placed in a valuation's deal terms by what the deals say (development,
/// regulatory, sales parts), else a bare total spread over the phases ahead, escalating — the rule of
/// docs/valuation-asset-schema.md, checked with amounts worked out by hand.</summary>
public partial class ComparableMilestonesTests
{
    static readonly string[] Clinical = ["Phase I", "Phase II", "Phase III", "Filing"];

    [Fact]
    public void BareTotal_IsSpreadOverEveryPhaseAhead_Escalating()
    {
        // 4 phases: weights 1, 2, 3, 4 of 10 → 100 × 0.1, 0.2, 0.3, 0.4.
        var placed = MilestonePlacement.Place(Clinical, 100, null, null, null, 800);
        Assert.False(placed.FromParts);
        Assert.Equal([("Phase I", 10.0), ("Phase II", 20.0), ("Phase III", 30.0), ("Filing", 40.0)], placed.Development);
        Assert.Empty(placed.Sales);
        // 2 phases: 1/3 and 2/3 of 90.
        Assert.Equal([("Phase III", 30.0), ("Filing", 60.0)], MilestonePlacement.Place(["Phase III", "Filing"], 90, null, null, null, null).Development);
        // Approved asset: nothing ahead to pay on.
        Assert.Empty(MilestonePlacement.Place([], 90, null, null, null, null).Development);
    }

    [Fact]
    public void Parts_ArePlacedWherePaid()
    {
        // Development 60 over the 3 phases before filing (1/6, 2/6, 3/6 → 10, 20, 30), regulatory 25 on filing, sales
        // 40 when sales reach half of peak 800 = 400; the total (500) is not used once parts are known.
        var placed = MilestonePlacement.Place(Clinical, 500, 60, 25, 40, 800);
        Assert.True(placed.FromParts);
        Assert.Equal([("Phase I", 10.0), ("Phase II", 20.0), ("Phase III", 30.0), ("Filing", 25.0)], placed.Development);
        Assert.Equal([(400.0, 40.0)], placed.Sales);
        // One phase ahead: development and regulatory both fall on it.
        Assert.Equal([("Filing", 35.0)], MilestonePlacement.Place(["Filing"], null, 10, 25, null, null).Development);
        // Only a sales part, no peak sales to set its threshold: no sales row (and nothing invented).
        Assert.Empty(MilestonePlacement.Place(Clinical, null, null, null, 40, null).Sales);
    }

    const string Header = DealsTests.Header + ",development_milestones,regulatory_milestones,sales_milestones";

    // Two Phase II oncology licences in USD that break milestones down, one that does not.
    const string Deals = Header + "\n" +
        "M1,licence,2023,CN1,US1,A1,Phase II,Oncology,antibody,,,USD,40,,0.10,0.12,,500,,100,60,200\n" +
        "M2,licence,2024,CN2,US1,A2,Phase II,Oncology,antibody,,,USD,20,500,0.08,0.10,,520,,80,40,\n" +
        "M3,licence,2024,CN1,US1,A3,Phase II,Oncology,antibody,,,USD,30,700,0.09,0.11,,730,,,,\n";

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Register_KeepsMilestoneParts_AndTheValuationFormIsPrefilledByThem(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var enablers = new EnablerStore(app.Db, TimeProvider.System);
        foreach (var (key, country) in new[] { ("CN1", "CN"), ("CN2", "CN"), ("US1", "US") })
            await enablers.AddAsync(new Enabler(key, EnablerType.Parse("enterprise"), "Enabler " + key, null, [], new Region(null, null, country), null, null, "test"), "test");
        var store = new DealStore(app.Db, TimeProvider.System);
        var outcome = await store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Deals)), "deals.csv", true, "test");
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        // M1 gives no total: it is the sum of its parts, 100 + 60 + 200.
        var m1 = (await store.GetByKeyAsync("M1"))!.Deal;
        Assert.Equal((360.0, 100.0, 60.0, 200.0), (m1.Milestones!.Value, m1.DevelopmentMilestones!.Value, m1.RegulatoryMilestones!.Value, m1.SalesMilestones!.Value));
        // Parts above the total are refused with the field.
        var bad = await store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Header + "\nM9,licence,2024,CN1,US1,,Phase I,,,,,USD,,100,,,,,,80,40,\n")), "bad.csv", true, "test");
        Assert.Equal(("milestones", 2), (bad.Errors.Single().Column, bad.Errors.Single().Row));
        // The export carries the parts and imports again.
        var exported = (await store.ExportCsvAsync(new DealQuery())).Split('\n').Single(l => l.StartsWith("M1,"));
        Assert.StartsWith("M1,licence,2023,CN1,US1,A1,Phase II,Oncology,antibody,,yes,USD,40,360,0.1,0.12,,500,", exported);
        Assert.EndsWith(",100,60,200", exported); // after the description the deal was given when stored

        // Comparables: medians of the parts over the deals that give them — development (100 + 80) / 2 = 90,
        // regulatory (60 + 40) / 2 = 50, sales 200 (M1 only); the total over all three: median(360, 500, 700) = 500.
        var c = DealStore.Comparables(await store.ListAsync(new DealQuery(Stage: "Phase II"))).Single();
        double? Median(string term) => c.Terms.Single(t => t.Term == term).Median;
        Assert.Equal((90.0, 50.0, 200.0, 500.0), (Median("development_milestones")!.Value, Median("regulatory_milestones")!.Value, Median("sales_milestones")!.Value, Median("milestones")!.Value));
        var link = ComparablesModel.PrefillLink(c);
        Assert.Contains("development=90", link);

        // The form (default asset: Phase I, II, III, Filing; peak sales 800): development 90 over Phase I–III
        // (15, 30, 45), regulatory 50 on Filing, sales 200 at 400.
        var analyst = await ValuationPagesTests.PageClientAsync(app, Role.Analyst);
        var html = await analyst.GetStringAsync(link);
        Assert.Equal([("Phase I", "15"), ("Phase II", "30"), ("Phase III", "45"), ("Filing", "50")], Milestones(html));
        Assert.Contains("name=\"Form.SalesMilestones[0].Threshold\" value=\"400\"", html);
        Assert.Contains("name=\"Form.SalesMilestones[0].Amount\" value=\"200\"", html);
        Assert.Contains("regulatory milestones at the end of the last phase", WebUtility.HtmlDecode(html));

        // Deals that give only totals: the median total 600 spread 10/20/30/40 % over the four phases.
        html = await analyst.GetStringAsync("/valuation?upfront=30&milestones=600&currency=USD%20million&comparables=3");
        Assert.Equal([("Phase I", "60"), ("Phase II", "120"), ("Phase III", "180"), ("Filing", "240")], Milestones(html));
        Assert.Contains("no sales milestone is assumed", WebUtility.HtmlDecode(html));
    }

    [GeneratedRegex("name=\"Form\\.DevelopmentMilestones\\[(\\d+)\\]\\.(Phase|Amount)\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex MilestoneField();

    static List<(string, string)> Milestones(string html)
    {
        var fields = MilestoneField().Matches(html).Select(m => (Row: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Value, Value: m.Groups[3].Value)).ToList();
        return fields.GroupBy(f => f.Row).OrderBy(g => g.Key)
            .Select(g => (g.FirstOrDefault(f => f.Name == "Phase").Value ?? "", g.FirstOrDefault(f => f.Name == "Amount").Value ?? ""))
            .Where(x => x.Item1 != "").ToList();
    }
}
