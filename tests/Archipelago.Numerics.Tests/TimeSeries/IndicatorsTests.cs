using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Numerics.Tests.TimeSeries;

public class IndicatorsTests
{
    static readonly IReadOnlyList<SeedFigure> Seed000 = SeedFigure.Load("seed000_figures.csv");
    static readonly IReadOnlyList<SeedFigure> Seed003 = SeedFigure.Load("seed003_figures.csv");

    [Fact]
    public void CompoundAnnualGrowth_Seed000OutputValue_Is16Point70Percent()
    {
        // Seed 000 §IV ¶2: 1,235 → 3,641.2 bn yuan 2010–2017, "average annual compound growth rate of 16.70%" (printed to 0.01 pp).
        var cagr = Indicators.CompoundAnnualGrowth(Seed000.Where(f => f.Series == "output_value")
            .Select(f => new Observation(f.Year, f.Value)) is var obs ? new IndicatorSeries("output_value", "bn yuan", obs) : null!, 2010, 2017);
        var printed = SeedFigure.Get(Seed000, "output_value_cagr", 2017);
        Assert.Equal(printed, Math.Round(cagr, 4));
        Assert.InRange(cagr, 0.16695, 0.16705);
    }

    [Fact]
    public void Multiple_Seed003EquipmentMarket_Is4Point03()
    {
        // Seed 003 §2.1: 315.6 → 1,271.6 bn yuan 2010–2019, "an increase of 4.03 times" (printed to 0.01).
        var m = Indicators.Multiple(SeedFigure.Get(Seed003, "molecular_biotech_equipment_market", 2010), SeedFigure.Get(Seed003, "molecular_biotech_equipment_market", 2019));
        Assert.Equal(SeedFigure.Get(Seed003, "molecular_biotech_equipment_market_multiple", 2019), Math.Round(m, 2));
    }

    [Fact]
    public void CompoundAnnualGrowth_ExactCase()
    {
        // 100 → 121 over 2 years is exactly 10 % a year; 100 → 200 over 1 year is 100 %.
        Assert.Equal(0.1, Indicators.CompoundAnnualGrowth(100, 121, 2), 12);
        Assert.Equal(1.0, Indicators.CompoundAnnualGrowth(100, 200, 1), 12);
    }

    [Fact]
    public void CompoundAnnualGrowth_Gap_UsesYearsNotPositions()
    {
        // Observations 2010, 2011, 2015: 2011 → 2015 spans 4 years although the points are adjacent. 110 · 1.1^4 = 161.051.
        var s = IndicatorSeries.From("x", "u", [2010, 2011, 2015], [100, 110, 161.051]);
        Assert.Equal(0.1, Indicators.CompoundAnnualGrowth(s, 2011, 2015), 12);
        Assert.Equal(Math.Pow(1.61051, 0.2) - 1, Indicators.CompoundAnnualGrowth(s), 12);
        var yoy = Indicators.YearOnYear(s);
        Assert.Single(yoy);   // no year-on-year across the gap
        Assert.Equal(new PeriodGrowth(2010, 2011, 0.1), yoy[0] with { Rate = Math.Round(yoy[0].Rate, 12) });
    }

    [Fact]
    public void CompoundAnnualGrowth_NonPositiveValues_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.CompoundAnnualGrowth(-5, 10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.CompoundAnnualGrowth(0, 10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.CompoundAnnualGrowth(5, 10, 0));
    }

    [Fact]
    public void YearOnYear_Seed000Revenue_PreviousYearsFromStatedGrowth()
    {
        // §IV ¶5: 2017 revenue 29,826 (as printed), +6.28 % → 2016 = 29,826 / 1.0628 = 28,063.6…; profit 351.97, +17.21 % → 300.29…
        Assert.Equal(28063.605570191, Indicators.PreviousFromGrowth(SeedFigure.Get(Seed000, "revenue", 2017), SeedFigure.Get(Seed000, "revenue_growth", 2017)), 6);
        Assert.Equal(300.290077638427, Indicators.PreviousFromGrowth(351.97, 0.1721), 9);
        // §IV ¶1: 7,697 enterprises in 2017, an increase of 248 → 7,449 in 2016; growth 248 / 7,449.
        var s = IndicatorSeries.From("enterprises", "count", [2016, 2017], [7697 - 248, 7697]);
        Assert.Equal(248.0 / 7449, Indicators.YearOnYear(s)[0].Rate, 14);
    }

    [Fact]
    public void IndexToBase_ExactCase()
    {
        var s = IndicatorSeries.From("x", "u", [2010, 2012, 2013], [50, 75, 100]);
        var idx = Indicators.IndexToBase(s, 2010);
        Assert.Equal([100.0, 150.0, 200.0], idx.Select(i => i.Index).ToArray());
        Assert.Throws<ArgumentException>(() => Indicators.IndexToBase(s, 2011));   // base year is a gap
    }

    [Fact]
    public void SharesOfTotal_ExactCase()
    {
        var shares = Indicators.SharesOfTotal([("a", 1), ("b", 3)]);
        Assert.Equal(0.25, shares[0].Fraction);
        Assert.Equal(0.75, shares[1].Fraction);
        Assert.Throws<ArgumentException>(() => Indicators.SharesOfTotal([("a", -1), ("b", 3)]));
    }

    [Fact]
    public void Margin_PerUnit_ExactCases()
    {
        Assert.Equal(0.25, Indicators.Margin(25, 100));
        Assert.Equal(0.324, Indicators.GrossProfitRate(100, 67.6), 12);
        Assert.Equal(2.5, Indicators.PerUnit(10, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.PerUnit(10, 0));
    }

    [Fact]
    public void LocationQuotient_TextbookCase()
    {
        // Region: industry 20 of 100 jobs (20 %); nation: 100 of 1,000 (10 %) → LQ = 2 (Miller & Blair 2009, §8.2 definition).
        Assert.Equal(2.0, Indicators.LocationQuotient(20, 100, 100, 1000), 12);
    }

    [Fact]
    public void Deflate_ToBaseYearPrices()
    {
        // Nominal 100, 110, 121 with prices 100, 110, 121 is constant 100 in 2010 prices.
        var nominal = IndicatorSeries.From("v", "yuan", [2010, 2011, 2012], [100, 110, 121]);
        var price = IndicatorSeries.From("p", "index", [2010, 2011, 2012], [100, 110, 121]);
        var real = Indicators.Deflate(nominal, price, 2010);
        Assert.All(real.Values, v => Assert.Equal(100, v, 12));
        var partial = IndicatorSeries.From("p", "index", [2010, 2011], [100, 110]);
        Assert.Throws<ArgumentException>(() => Indicators.Deflate(nominal, partial, 2010));
    }

    [Fact]
    public void IndicatorSeries_RejectsUnorderedOrNonFinite()
    {
        Assert.Throws<ArgumentException>(() => IndicatorSeries.From("x", "u", [2011, 2010], [1, 2]));
        Assert.Throws<ArgumentException>(() => IndicatorSeries.From("x", "u", [2010, 2010], [1, 2]));
        Assert.Throws<ArgumentException>(() => IndicatorSeries.From("x", "u", [2010, 2011], [1, double.NaN]));
    }
}
