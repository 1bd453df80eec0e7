using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Numerics.Tests.TimeSeries;

/// <summary>The power-of-ten check on seed 000's revenue figures (§IV ¶5), which mix 100 million yuan and billion yuan.</summary>
public class UnitScaleCheckTests
{
    static readonly IReadOnlyList<SeedFigure> Seed000 = SeedFigure.Load("seed000_figures.csv");

    [Fact]
    public void Series_Seed000Revenue_Flags2013To2015()
    {
        var revenue = new IndicatorSeries("revenue", "bn yuan",
            Seed000.Where(f => f.Series == "revenue").Select(f => new Observation(f.Year, f.Value)));
        var flags = UnitScaleCheck.Series(revenue);
        var flag = Assert.Single(flags);
        Assert.Equal("revenue 2013→2015", flag.Subject);
        Assert.Equal(1, flag.PowerOfTen);
        Assert.Equal(25537.1 / 2000, flag.Observed, 12);
        Assert.Equal(2553.71 / 2000, flag.Corrected, 12);   // +27.7 % over two years once 2015 is read as 亿元
    }

    [Fact]
    public void Ratio_Seed000ProfitMargin2017_FlagsFactorTen()
    {
        // 351.97 / 29,826 = 1.18 %, implausible for a margin on revenue; 11.8 % if revenue is in 亿元.
        var flag = UnitScaleCheck.Ratio("profit before tax / revenue 2017",
            SeedFigure.Get(Seed000, "profit_before_tax", 2017), SeedFigure.Get(Seed000, "revenue", 2017), 0.03, 0.5);
        Assert.NotNull(flag);
        Assert.Equal(-1, flag!.PowerOfTen);
        Assert.Equal(351.97 / 2982.6, flag.Corrected, 12);
    }

    [Fact]
    public void Ratio_Seed000RevenueOverOutput2017_FlagsFactorTen()
    {
        // Revenue 29,826 against gross output value 3,641.2 bn: ×8.2; ×0.82 after the unit fix.
        var flag = UnitScaleCheck.Ratio("revenue / output value 2017",
            SeedFigure.Get(Seed000, "revenue", 2017), SeedFigure.Get(Seed000, "output_value", 2017), 0.5, 1.5);
        Assert.Equal(1, flag!.PowerOfTen);
    }

    [Fact]
    public void Series_PlausibleGrowth_NotFlagged()
    {
        // Seed 000 output value 2010 → 2017 (×2.95 in 7 years) and fast but real growth ×10 in 5 years (58 %/yr) pass.
        Assert.Empty(UnitScaleCheck.Series(IndicatorSeries.From("output", "bn", [2010, 2017], [1235, 3641.2])));
        Assert.Empty(UnitScaleCheck.Series(IndicatorSeries.From("x", "u", [2000, 2005], [1, 10]), maxAnnualGrowth: 0.6));
        Assert.Null(UnitScaleCheck.Ratio("margin", 11.8, 100, 0.03, 0.5));
    }

    [Fact]
    public void Series_FallByFactorThousand_Flagged()
    {
        var flag = Assert.Single(UnitScaleCheck.Series(IndicatorSeries.From("x", "u", [2010, 2011, 2012], [5000, 5200, 5.4])));
        Assert.Equal(-3, flag.PowerOfTen);
    }

    [Fact]
    public void StatedGrowth_PrintedValuesContradictRate_Flagged()
    {
        // 2016 printed as 2,806.36 (bn), 2017 as 29,826 (亿) with stated +6.28 %: off by 10.
        var flag = UnitScaleCheck.StatedGrowth("revenue 2016→2017", 2806.36, 29826, 0.0628);
        Assert.Equal(1, flag!.PowerOfTen);
        Assert.Null(UnitScaleCheck.StatedGrowth("revenue 2016→2017", 28063.6, 29826, 0.0628));
    }
}
