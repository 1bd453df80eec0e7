using Archipelago.Numerics.Finance;

namespace Archipelago.Numerics.Tests.Finance;

public class RnpvTests
{
    /// <summary>
    /// Worked example, done by hand as a spreadsheet. r = 10 %, start 2026, end-of-year discounting.
    /// Phase I: 1 year, cost 10, p = 0.5. Phase II: 2 years, cost 20 (10 a year), p = 0.4.
    /// Market: peak 200, linear uptake over 2 years (year 1 = 100, year 2 = 200), 3 years on market,
    /// margin 0.5, no tax, no launch cost. LOA = 0.5 × 0.4 = 0.2.
    ///
    ///  t  year  phase     P(reach)  cost  revenue  CF     E[CF]   DF = 1.1^-(t+1)      DF × E[CF]
    ///  0  2026  Phase I   1         10    0        -10    -10     1/1.1     =0.9090909091  -9.0909090909
    ///  1  2027  Phase II  0.5       10    0        -10    -5      1/1.21    =0.8264462810  -4.1322314050
    ///  2  2028  Phase II  0.5       10    0        -10    -5      1/1.331   =0.7513148009  -3.7565740045
    ///  3  2029  Market    0.2       50    100      50     10      1/1.4641  =0.6830134554   6.8301345536
    ///  4  2030  Market    0.2       100   200      100    20      1/1.61051 =0.6209213231  12.4184264611
    ///  5  2031  Market    0.2       100   200      100    20      1/1.771561=0.5644739301  11.2894786010
    ///  (market cost = revenue × (1 − 0.5); CF = revenue × 0.5)
    /// rNPV = sum of last column = -16.9797145004 + 30.5380396157 = 13.5583251153  → 13.56
    /// NPV (every phase succeeds) = -10×(0.9090909091+0.8264462810+0.7513148009)
    ///                              + 50×0.6830134554 + 100×(0.6209213231+0.5644739301)
    ///                            = -24.8685199100 + 34.1506727700 + 118.5395253200 = 127.8216781800 → 127.82
    /// </summary>
    static DrugAsset WorkedExample(DiscountTiming timing = DiscountTiming.EndOfYear) => new(
        0.10,
        [new DevelopmentPhase("Phase I", 1, 10, 0.5), new DevelopmentPhase("Phase II", 2, 20, 0.4)],
        new MarketModel(peakSales: 200, yearsToPeak: 2, yearsOnMarket: 3, margin: 0.5),
        startYear: 2026, timing: timing);

    [Fact]
    public void WorkedExample_MatchesHandTableToTheCent()
    {
        var r = Rnpv.Calculate(WorkedExample());
        Assert.Equal(13.56, Math.Round(r.Value, 2));
        Assert.Equal(127.82, Math.Round(r.Npv, 2));
        Assert.Equal(13.5583251153, r.Value, 8); // hand sums of 10-decimal terms carry ±5e-10
        Assert.Equal(127.8216781800, r.Npv, 7); // DFs rounded to 1e-10 times 100 carry ±1e-8
        Assert.Equal(0.2, r.LikelihoodOfApproval, 15);

        double[] reach = [1, 0.5, 0.5, 0.2, 0.2, 0.2];
        double[] costs = [10, 10, 10, 50, 100, 100];
        double[] revenue = [0, 0, 0, 100, 200, 200];
        double[] cf = [-10, -10, -10, 50, 100, 100];
        double[] ecf = [-10, -5, -5, 10, 20, 20];
        double[] df = [0.9090909091, 0.8264462810, 0.7513148009, 0.6830134554, 0.6209213231, 0.5644739301];
        double[] decf = [-9.0909090909, -4.1322314050, -3.7565740045, 6.8301345536, 12.4184264611, 11.2894786010];
        string[] phase = ["Phase I", "Phase II", "Phase II", "Market", "Market", "Market"];
        Assert.Equal(6, r.Years.Count);
        for (var t = 0; t < 6; t++)
        {
            var row = r.Years[t];
            Assert.Equal(t, row.Index);
            Assert.Equal(2026 + t, row.Year);
            Assert.Equal(phase[t], row.Phase);
            Assert.Equal(reach[t], row.ProbabilityOfReaching, 12);
            Assert.Equal(costs[t], row.Costs, 9);
            Assert.Equal(revenue[t], row.Revenue, 9);
            Assert.Equal(cf[t], row.NetCashFlow, 9);
            Assert.Equal(ecf[t], row.ExpectedCashFlow, 9);
            Assert.Equal(df[t], row.DiscountFactor, 1e-9);
            Assert.Equal(decf[t], row.DiscountedExpectedCashFlow, 1e-9);
        }
        Assert.Equal(r.Value, r.Years.Sum(y => y.DiscountedExpectedCashFlow), 10);
    }

    /// <summary>
    /// Same asset, mid-year discounting: every DF is multiplied by 1.1^0.5 = 1.0488088482, so
    /// rNPV = 13.5583251153 × 1.0488088482 = 14.2200910 → 14.22.
    /// </summary>
    [Fact]
    public void MidYear_ScalesEveryDiscountFactorBySqrtOnePlusR()
    {
        var r = Rnpv.Calculate(WorkedExample(DiscountTiming.MidYear));
        Assert.Equal(14.22, Math.Round(r.Value, 2));
        Assert.Equal(1 / Math.Sqrt(1.1), r.Years[0].DiscountFactor, 12);
    }

    /// <summary>
    /// Commercial options by hand. r = 0, so DF = 1 and rNPV is a plain probability-weighted sum.
    /// One phase "Phase III": 1 year, cost 100, p = 0.6. Start 2030, so market years are 2031–2034.
    /// Market: peak 1000, S-curve over 2 years, 4 years, margin 0.8, COGS 0.1, S&amp;M 0.2 → net margin 0.5,
    /// tax 25 %, launch cost 300, exclusivity ends 2032, erosion 50 % a year after it.
    ///   2031 k=1: uptake s(0.5)=3(0.25)−2(0.125)=0.5 → sales 500; profit 500×0.5−300 = −50; no tax; CF −50
    ///   2032 k=2: uptake 1 → sales 1000; profit 500; tax 125; CF 375
    ///   2033 k=3: erosion 0.5^1 → sales 500; profit 250; tax 62.5; CF 187.5
    ///   2034 k=4: erosion 0.5^2 → sales 250; profit 125; tax 31.25; CF 93.75
    /// Market CF sum = 606.25; rNPV = −100 + 0.6 × 606.25 = 263.75; NPV = −100 + 606.25 = 506.25.
    /// Commercial cost in 2031 = sales − CF = 500 − (−50) = 550.
    /// </summary>
    [Fact]
    public void CommercialOptions_ByHand()
    {
        var asset = new DrugAsset(0.0, [new DevelopmentPhase("Phase III", 1, 100, 0.6)],
            new MarketModel(1000, 2, 4, 0.8, UptakeCurve.SCurve, exclusivityEndYear: 2032, erosionRate: 0.5,
                costOfGoods: 0.1, salesAndMarketingShare: 0.2, taxRate: 0.25, launchCost: 300), startYear: 2030);
        var r = Rnpv.Calculate(asset);
        Assert.Equal(263.75, r.Value, 9);
        Assert.Equal(506.25, r.Npv, 9);
        Assert.Equal([-100, -50, 375, 187.5, 93.75], r.Years.Select(y => Math.Round(y.NetCashFlow, 9)).ToArray());
        Assert.Equal([0, 500, 1000, 500, 250], r.Years.Select(y => Math.Round(y.Revenue, 9)).ToArray());
        Assert.Equal(550, r.Years[1].CommercialCost, 9);
    }

    [Fact]
    public void ShippedRates_LoaFromPhaseI_IsProductOfTransitions()
    {
        var rows = ReadRates();
        foreach (var (report, category) in rows.Select(r => (r.Report, r.Category)).Distinct())
        {
            double? Get(string metric) => rows.FirstOrDefault(r => r.Report == report && r.Category == category && r.Metric == metric)?.Percent;
            var p1 = Get("Phase I to Phase II"); var p2 = Get("Phase II to Phase III");
            var p3 = Get("Phase III to NDA/BLA"); var p4 = Get("NDA/BLA to approval");
            var loa = Get("LOA Phase I to approval");
            if (p1 is null || p2 is null || p3 is null || p4 is null || loa is null) continue;
            var asset = new DrugAsset(0.1,
                [new("Phase I", 2, 0, p1.Value / 100), new("Phase II", 2, 0, p2.Value / 100),
                 new("Phase III", 3, 0, p3.Value / 100), new("NDA/BLA", 1, 0, p4.Value / 100)],
                new MarketModel(0, 0, 0, 0));
            // Rates given to one decimal multiply to the reported LOA within rounding (0.06 pp);
            // rates the secondary source rounded to whole percent get 5 % relative slack.
            var wholePercent = new[] { p1, p2, p3, p4 }.All(p => p!.Value == Math.Round(p.Value));
            var tolerance = wholePercent ? 0.05 * loa.Value : 0.06;
            Assert.True(Math.Abs(asset.LikelihoodOfApproval * 100 - loa.Value) <= tolerance,
                $"{report} {category}: product {asset.LikelihoodOfApproval * 100:F2} vs reported {loa}");
        }
        // The headline figure: 52.0 × 28.9 × 57.8 × 90.6 % = 7.87 % ≈ 7.9 % (BIO/Informa/QLS 2011–2020).
        var all = rows.Where(r => r.Report.StartsWith("BIO/Informa") && r.Category == "All indications").ToDictionary(r => r.Metric, r => r.Percent / 100);
        var headline = new DrugAsset(0.1,
            [new("Phase I", 2, 0, all["Phase I to Phase II"]), new("Phase II", 2, 0, all["Phase II to Phase III"]),
             new("Phase III", 3, 0, all["Phase III to NDA/BLA"]), new("Filing", 1, 0, all["NDA/BLA to approval"])],
            new MarketModel(100, 3, 10, 0.5));
        Assert.Equal(7.9, Math.Round(headline.LikelihoodOfApproval * 100, 1));
        Assert.Equal(0.078705, headline.LikelihoodOfApproval, 5);
        Assert.Equal(headline.LikelihoodOfApproval, Rnpv.Calculate(headline).LikelihoodOfApproval, 15);
    }

    sealed record RateRow(string Report, string Category, string Metric, double Percent);

    static List<RateRow> ReadRates()
    {
        var lines = File.ReadAllLines(SharedData.Path("reference-drug-phase-success-rates", "phase_success_rates.csv"));
        var header = SharedData.SplitCsvLine(lines[0]);
        int Col(string n) => Array.IndexOf(header, n);
        return lines.Skip(1).Where(l => l.Length > 0).Select(SharedData.SplitCsvLine)
            .Select(f => new RateRow(f[Col("report")], f[Col("category")], f[Col("metric")],
                double.Parse(f[Col("value_percent")], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }


    [Theory]
    [InlineData(1.2, ValuationErrorCodes.ProbabilityOutOfRange)]
    [InlineData(-0.1, ValuationErrorCodes.ProbabilityOutOfRange)]
    public void Phase_RejectsProbabilityOutsideUnitInterval(double p, string code)
    {
        var e = Assert.Throws<ValuationInputException>(() => new DevelopmentPhase("Phase I", 1, 1, p));
        Assert.Equal(code, e.Code);
        Assert.Equal("probability", e.Field);
    }

    [Fact]
    public void RejectsBadInputsWithStableCodes()
    {
        Assert.Equal(ValuationErrorCodes.NegativeDuration,
            Assert.Throws<ValuationInputException>(() => new DevelopmentPhase("Phase I", -1, 1, 0.5)).Code);
        Assert.Equal(ValuationErrorCodes.NegativeDuration,
            Assert.Throws<ValuationInputException>(() => new MarketModel(1, -2, 5, 0.5)).Code);
        var market = new MarketModel(100, 2, 5, 0.5);
        var e = Assert.Throws<ValuationInputException>(() => new DrugAsset(-1.0, [], market));
        Assert.Equal(ValuationErrorCodes.DiscountRateTooLow, e.Code);
        Assert.Contains("-100%", e.Message);
        var order = Assert.Throws<ValuationInputException>(() => new DrugAsset(0.1,
            [new("Phase II", 1, 1, 0.5), new("Phase I", 1, 1, 0.5)], market));
        Assert.Equal(ValuationErrorCodes.PhasesOutOfOrder, order.Code);
        Assert.Equal("phases[1].name", order.Field);
        // Non-standard names are not ordered; standard ones around them still are.
        _ = new DrugAsset(0.1, [new("Pre-clinical", 1, 1, 0.5), new("Lead optimisation", 1, 1, 0.5), new("Phase 1", 1, 1, 0.5), new("NDA", 1, 1, 0.9)], market);
        Assert.Throws<ValuationInputException>(() => new DrugAsset(0.1, [new("Phase III", 1, 1, 0.5), new("custom", 1, 1, 0.5), new("phase-2", 1, 1, 0.5)], market));
    }
}
