using Archipelago.Modules.Patents.Features.Landscape;

namespace Archipelago.Tests.Patents;

/// <summary>The time-series readings of a landscape (docs/patents.md, Landscape): the life-cycle phase, the growth
/// window and growth — on series small enough to work out by hand.</summary>
public class LifeCycleTests
{
    static List<LifeCycleYear> Years(int first, params (long Families, long Applicants)[] values) =>
        values.Select((v, i) => new LifeCycleYear(first + i, v.Families, v.Applicants)).ToList();

    static IReadOnlyDictionary<string, long> Trend(params (int Year, long Records)[] years) =>
        years.ToDictionary(y => y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), y => y.Records);

    [Fact]
    public void Window_IsTheLastThreeCompleteYearsAgainstTheThreeBefore()
    {
        // 2014–2021; 2021 has 4 families against 10 the year before (under half): left out, so the last complete year is 2020.
        var years = Years(2014, (5, 2), (6, 2), (7, 3), (8, 3), (9, 4), (10, 4), (10, 5), (4, 2));
        Assert.Equal(new GrowthWindow(2015, 2017, 2018, 2020), LifeCycle.Window(years));
        // Without the lagging year the window ends at the last year.
        Assert.Equal(new GrowthWindow(2016, 2018, 2019, 2021), LifeCycle.Window(Years(2014, (5, 2), (6, 2), (7, 3), (8, 3), (9, 4), (10, 4), (10, 5), (6, 2))));
    }

    [Fact]
    public void Window_NeedsSixYearsOfData()
    {
        Assert.Null(LifeCycle.Window(Years(2016, (1, 1), (1, 1), (1, 1), (1, 1), (1, 1)))); // 2016–2020: five years
        Assert.NotNull(LifeCycle.Window(Years(2015, (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1))));
        Assert.Null(LifeCycle.Window([]));
    }

    [Fact]
    public void Growth_ComparesTheWindowsRecords_NewWhereThereWereNone()
    {
        var window = new GrowthWindow(2015, 2017, 2018, 2020);
        var trends = new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            // 2 + 3 + 3 = 8 before, 4 + 4 + 4 = 12 recent: +50%; 2014 and 2021 are outside the window.
            ["A"] = Trend((2014, 100), (2015, 2), (2016, 3), (2017, 3), (2018, 4), (2019, 4), (2020, 4), (2021, 100)),
            ["B"] = Trend((2019, 3)),            // none before: new
            ["C"] = Trend((2016, 4)),            // none recent: −100%
            ["D"] = Trend((2015, 1), (2020, 1)), // the same: 0
        };
        var growth = LifeCycle.Growth(trends, window);
        Assert.Equal(0.5, growth["A"]);
        Assert.Null(growth["B"]);
        Assert.Equal(-1, growth["C"]);
        Assert.Equal(0, growth["D"]);
        Assert.Equal(["+50%", "new", "−100%", "0%", ""], new[] { "A", "B", "C", "D", "E" }.Select(k => LifeCycle.GrowthText(growth, k, s => s)));
        Assert.Empty(LifeCycle.Growth(trends, null));
    }

    [Theory]
    // Families 10 → 20 a year, applicants 5 → 10: both rising, past emergence.
    [InlineData(new long[] { 10, 10, 10, 20, 20, 20 }, new long[] { 5, 5, 5, 10, 10, 10 }, "growth")]
    // Both rising but under 10 families a year.
    [InlineData(new long[] { 2, 2, 2, 5, 5, 5 }, new long[] { 1, 1, 1, 3, 3, 3 }, "emergence")]
    // Families rising, applicants flat: consolidation.
    [InlineData(new long[] { 10, 10, 10, 20, 20, 20 }, new long[] { 5, 5, 5, 5, 5, 5 }, "maturity")]
    // Both falling.
    [InlineData(new long[] { 20, 20, 20, 10, 10, 10 }, new long[] { 10, 10, 10, 5, 5, 5 }, "saturation/decline")]
    // Three years only.
    [InlineData(new long[] { 10, 20, 30 }, new long[] { 1, 2, 3 }, "undetermined")]
    public void Assess_ReadsThePhaseOffTheLastWindowAgainstTheOneBefore(long[] families, long[] applicants, string phase)
    {
        var years = families.Select((f, i) => new LifeCycleYear(2010 + i, f, applicants[i])).ToList();
        Assert.Equal(phase, LifeCycle.Assess(years, DateBasis.Publication).Phase);
    }
}
