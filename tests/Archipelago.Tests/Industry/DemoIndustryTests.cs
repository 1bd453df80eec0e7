using Archipelago.Modules.Industry.Features.Demo;
using Archipelago.Modules.Industry;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Tests.Industry;

/// <summary>The demo dataset loads on both databases, reproduces the seeds' derived numbers and shows a vintage and a life-cycle verdict.</summary>
public class DemoIndustryTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Demo_ReproducesSeedFigures_AndGivesAVerdict(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await DemoIndustry.SeedAsync(db, default);
        await DemoIndustry.SeedAsync(db, default);   // a second call leaves a filled workspace alone
        var store = new SeriesStore(db, TimeProvider.System);
        var a = new SeriesAnalysis(store);
        var cagr = (await a.DeriveAsync(new DeriveRequest("cagr", "output_value", "China", From: "2010", To: "2017"))).Points[0];
        Assert.Equal(0.1670, Math.Round(cagr.Value, 4));                                   // seed 000: 16.70 %
        var market = (await a.DeriveAsync(new DeriveRequest("cagr", "biotech_equipment_market", "China"))).Points[0];
        Assert.Equal(4.03, Math.Round(market.Inputs["multiple"], 2));                       // seed 003: ×4.03
        Assert.Equal(0.324, (await store.ObservationsAsync(new SeriesKey("gross_profit_rate", "China", "")))[0].Value, 12);

        // Revenue: printed figures are vintage 1 and flagged as unit slips; the correction is vintage 2 and is what is shown.
        var revenue = new SeriesKey("revenue", "China", "");
        Assert.Equal([2000, 2553.71, 2982.6], (await store.ObservationsAsync(revenue)).Select(o => o.Value));
        var printed = (await store.ObservationsAsync(revenue, allVintages: true)).Where(o => o.Vintage == 1).ToList();
        var flags = GrowthReport.Of(new Archipelago.Numerics.TimeSeries.IndicatorSeries("printed", "bn yuan", printed.Select(p => new Archipelago.Numerics.TimeSeries.Observation(p.Time, p.Value)))).ScaleFlags;
        Assert.Equal(1, Assert.Single(flags).PowerOfTen);

        var fit = await a.LifeCycleAsync(new SeriesKey("bio_enterprises", "Guangdong", ""), false, 0);
        Assert.Null(fit.Refusal);
        Assert.Equal("maturity", fit.Stage);
        Assert.True((await a.DeriveAsync(new DeriveRequest("lq", "output_value", "Guangdong", "biopharmaceutical_products", OfRegion: "China"))).Points.All(p => p.Value > 1));
    }
}
