using System.Text;
using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Tests.Industry;

/// <summary>Derived figures from stored series, on both databases, against the seeds' own printed results and hand arithmetic.</summary>
public class SeriesDerivationTests
{
    static readonly TimeProvider Clock = TimeProvider.System;

    // Seed 000 §IV: output value 1,235 (2010) → 3,641.2 bn yuan (2017), "16.70%" compound annual growth; profit before tax 351.97 bn (2017).
    // Seed 003 §2.1: molecular-biotech equipment market 315.6 (2010) → 1,271.6 bn yuan (2019), "an increase of 4.03 times".
    // Revenue 2017 is taken as 2,982.6 bn (the seed prints 29,826 "billion": a 亿元 slip, see seed000_figures.csv).
    // Regional and price-index figures below are made up for the arithmetic; each expected number is worked out beside it.
    const string Figures = """
        indicator,unit,region,subsector,period,value
        output_value,bn yuan,China,,2010,1235
        output_value,bn yuan,China,,2017,3641.2
        output_value,bn yuan,China,biopharmaceutical_products,2017,364.12
        output_value,bn yuan,Guangdong,,2017,400
        output_value,bn yuan,Guangdong,biopharmaceutical_products,2017,60
        market,bn yuan,China,,2010,315.6
        market,bn yuan,China,,2019,1271.6
        profit_before_tax,bn yuan,China,,2017,351.97
        revenue,bn yuan,China,,2017,2982.6
        price_index,index,China,,2010,100
        price_index,index,China,,2017,125
        """;

    static async Task<SeriesAnalysis> Seeded(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var o = await new SeriesImport(db, Clock).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(Figures)), "figures.csv", true, "test");
        Assert.True(o.Ok, string.Join("\n", o.Errors));
        return new SeriesAnalysis(new SeriesStore(db, Clock));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SeedsOwnFigures_AreReproduced(string dialect)
    {
        var a = await Seeded(dialect);
        var cagr = Assert.Single((await a.DeriveAsync(new DeriveRequest("cagr", "output_value", "China", From: "2010", To: "2017"))).Points);
        Assert.Equal(0.1670, Math.Round(cagr.Value, 4));                    // seed 000: 16.70 %
        var market = Assert.Single((await a.DeriveAsync(new DeriveRequest("cagr", "market", "China"))).Points);
        Assert.Equal(4.03, Math.Round(market.Inputs["multiple"], 2));       // seed 003: ×4.03
        var margin = Assert.Single((await a.DeriveAsync(new DeriveRequest("ratio", "profit_before_tax", "China", Per: "revenue"))).Points);
        Assert.Equal(351.97 / 2982.6, margin.Value, 12);                     // 11.80 % profit margin
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SharesQuotientsIndexAndDeflation(string dialect)
    {
        var a = await Seeded(dialect);
        var share = Assert.Single((await a.DeriveAsync(new DeriveRequest("share", "output_value", "China", "biopharmaceutical_products"))).Points);
        Assert.Equal(0.1, share.Value, 12);                                  // 364.12 / 3641.2
        var regional = Assert.Single((await a.DeriveAsync(new DeriveRequest("share", "output_value", "Guangdong", OfRegion: "China"))).Points);
        Assert.Equal(400 / 3641.2, regional.Value, 12);
        var lq = Assert.Single((await a.DeriveAsync(new DeriveRequest("lq", "output_value", "Guangdong", "biopharmaceutical_products", OfRegion: "China"))).Points);
        Assert.Equal(1.5, lq.Value, 12);                                     // (60 / 400) / (364.12 / 3641.2) = 0.15 / 0.10
        var index = await a.DeriveAsync(new DeriveRequest("index", "output_value", "China", Base: "2010"));
        Assert.Equal([100, 100 * 3641.2 / 1235], index.Points.Select(p => p.Value));
        var real = await a.DeriveAsync(new DeriveRequest("deflate", "output_value", "China", Per: "price_index", Base: "2010"));
        Assert.Equal([1235, 3641.2 * 100 / 125], real.Points.Select(p => p.Value));
        var lqNoNation = await a.DeriveAsync(new DeriveRequest("lq", "output_value", "China", "biopharmaceutical_products", OfRegion: "Guangdong"));
        Assert.Single(lqNoNation.Points);                                   // the arithmetic holds either way round: (364.12/3641.2)/(60/400)
        Assert.Equal(0.1 / 0.15, lqNoNation.Points[0].Value, 12);
        var ex = await Assert.ThrowsAsync<DomainException>(() => a.DeriveAsync(new DeriveRequest("ratio", "output_value", "China")));
        Assert.Equal("missing_per", ex.Code);
        var gap = await a.DeriveAsync(new DeriveRequest("ratio", "output_value", "China", Per: "revenue"));
        Assert.Equal(["2010: no figure of revenue."], gap.Notes);
    }
}
