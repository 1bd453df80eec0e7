using System.Text.Json;

namespace Archipelago.Tests.Valuation;

/// <summary>
/// <c>archipelago valuation …</c> run as a process on the minimal asset of issue 6, checked against a value worked out
/// by hand (below), not against the library.
/// </summary>
public class ValuationCliTests
{
    /// <summary>The minimal asset form of issue 6 (the phases and market of docs/examples/phase1-asset.json, start year 0).</summary>
    public const string MinimalAsset = """
        {"discountRate": 0.1,
         "phases": [{"name": "Phase I", "years": 2, "cost": 30, "probability": 0.52},
                    {"name": "Phase II", "years": 2, "cost": 60, "probability": 0.289},
                    {"name": "Phase III", "years": 3, "cost": 180, "probability": 0.578},
                    {"name": "Filing", "years": 1, "cost": 5, "probability": 0.906}],
         "market": {"peakSales": 800, "yearsToPeak": 5, "yearsOnMarket": 12, "margin": 0.6}}
        """;

    /// <summary>
    /// rNPV of <see cref="MinimalAsset"/>, spreadsheet-style. Columns: year t, P(reach) = product of the probabilities of
    /// the phases before, cash flow CF, discount factor 1.1^−(t+1), P × CF × DF.
    /// <code>
    /// t   phase     P(reach)                          CF     DF        P·CF·DF
    /// 0   Phase I   1                                 −15    0.909091  −13.636364
    /// 1   Phase I   1                                 −15    0.826446  −12.396694
    /// 2   Phase II  0.52                              −30    0.751315  −11.720511
    /// 3   Phase II  0.52                              −30    0.683013  −10.655010
    /// 4   Phase III 0.52·0.289 = 0.15028              −60    0.620921   −5.598723
    /// 5   Phase III 0.15028                           −60    0.564474   −5.089749
    /// 6   Phase III 0.15028                           −60    0.513158   −4.627044
    /// 7   Filing    0.15028·0.578 = 0.08686184         −5    0.466507   −0.202608
    /// 8   market 1  LOA = 0.08686184·0.906            96 (0.6·800·1/5)  0.424098  3.204013
    ///               = 0.07869682704
    /// 9   market 2  LOA                               192    0.385543   5.825478
    /// 10  market 3  LOA                               288    0.350494   7.943834
    /// 11  market 4  LOA                               384    0.318631   9.628890
    /// 12–19 market 5–12 LOA                           480    Σ DF_12..19 = 1.699872 → 0.07869682704·480·1.699872 = 64.211772
    /// sum: development −63.926703, market 1–4 +26.602215, market 5–12 +64.211772 → rNPV = 26.887284 ≈ 26.8873
    /// </code>
    /// Unadjusted NPV (every phase succeeds, P = 1 throughout) ≈ 980.664.
    /// </summary>
    const double HandRnpv = 26.8873, HandLoa = 0.07869682704;

    static async Task<string> AssetFileAsync(string json)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "asset.json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }

    /// <summary>A file of docs/examples, found by walking up from the test binaries to the repository.</summary>
    public static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Archipelago.slnx"))) return Path.Combine(dir.FullName, "docs", "examples", name);
        throw new FileNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }

    static async Task<JsonElement> JsonOf(params string[] args)
    {
        var r = await CliProcess.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        Assert.Equal("", r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public async Task Rnpv_MatchesTheHandComputation()
    {
        var file = await AssetFileAsync(MinimalAsset);
        var json = await JsonOf("valuation", "rnpv", "--asset", file, "--format", "json");
        Assert.Equal(HandRnpv, json.GetProperty("rnpv").GetDouble(), 1e-4);
        Assert.Equal(980.664, json.GetProperty("npv").GetDouble(), 1e-3);
        Assert.Equal(HandLoa, json.GetProperty("loa").GetDouble(), 1e-12);
        var years = json.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(20, years.Count);
        Assert.Equal(0.15028, years[4].GetProperty("p_reach").GetDouble(), 1e-12);
        Assert.Equal(96, years[8].GetProperty("net_cf").GetDouble(), 1e-9);
        Assert.Equal(-13.636364, years[0].GetProperty("discounted_expected_cf").GetDouble(), 1e-6);
        Assert.Equal(json.GetProperty("rnpv").GetDouble(), years.Sum(y => y.GetProperty("discounted_expected_cf").GetDouble()), 1e-9);

        var table = await CliProcess.RunAsync("valuation", "rnpv", "--asset", file);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Total", table.Out);
        Assert.Contains("rNPV  26.887", table.Out);
        Assert.Contains("LOA   7.87 %", table.Out);
        Assert.Equal(1 + 1 + 20 + 1 + 1 + 3, table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header, 2 rules, 20 years, total, 3 results
    }

    [Fact]
    public async Task MonteCarlo_IsReproducibleWithASeed()
    {
        var file = await AssetFileAsync(MinimalAsset);
        var a = await CliProcess.RunAsync("valuation", "montecarlo", "--asset", file, "--paths", "20000", "--seed", "42", "--format", "json");
        var b = await CliProcess.RunAsync("valuation", "montecarlo", "--asset", file, "--paths", "20000", "--seed", "42", "--format", "json");
        var c = await CliProcess.RunAsync("valuation", "montecarlo", "--asset", file, "--paths", "20000", "--seed", "43", "--format", "json");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        var json = JsonDocument.Parse(a.Out).RootElement;
        foreach (var key in new[] { "mean", "std_error", "p5", "p50", "p95", "p_positive", "histogram" }) Assert.True(json.TryGetProperty(key, out _), key);
        Assert.Equal(20000, json.GetProperty("paths").GetInt32());
        // Bernoulli phase outcomes: a path reaches market with probability LOA ≈ 7.9 %.
        Assert.Equal(HandLoa, json.GetProperty("p_positive").GetDouble(), 0.01);
        Assert.InRange(json.GetProperty("mean").GetDouble(), HandRnpv - 4 * json.GetProperty("std_error").GetDouble(), HandRnpv + 4 * json.GetProperty("std_error").GetDouble());

        var table = await CliProcess.RunAsync("valuation", "montecarlo", "--asset", file, "--paths", "1000", "--seed", "42");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("P(NPV > 0)", table.Out);
    }

    [Fact]
    public async Task MonteCarlo_WithDegenerateDistributions_HasMeanEqualToRnpv()
    {
        // Same asset, every uncertain input a distribution with no spread.
        var degenerate = MinimalAsset
            .Replace("\"cost\": 30", "\"cost\": {\"dist\": \"normal\", \"mean\": 30, \"sd\": 0}")
            .Replace("\"probability\": 0.289", "\"probability\": {\"dist\": \"fixed\", \"value\": 0.289}")
            .Replace("\"peakSales\": 800", "\"peakSales\": {\"dist\": \"triangular\", \"min\": 800, \"mode\": 800, \"max\": 800}")
            .Replace("\"margin\": 0.6", "\"margin\": {\"dist\": \"uniform\", \"min\": 0.6, \"max\": 0.6}");
        var file = await AssetFileAsync(degenerate);
        var rnpv = (await JsonOf("valuation", "rnpv", "--asset", file, "--format", "json")).GetProperty("rnpv").GetDouble();
        Assert.Equal(HandRnpv, rnpv, 1e-4);

        var weighted = await JsonOf("valuation", "montecarlo", "--asset", file, "--paths", "5000", "--seed", "7", "--outcomes", "weighted", "--format", "json");
        Assert.Equal(rnpv, weighted.GetProperty("mean").GetDouble(), 1e-9);
        Assert.Equal(rnpv, weighted.GetProperty("p5").GetDouble(), 1e-9);
        Assert.Equal(rnpv, weighted.GetProperty("p95").GetDouble(), 1e-9);
        Assert.Equal(rnpv, weighted.GetProperty("base_case_rnpv").GetDouble(), 1e-9);

        var bernoulli = await JsonOf("valuation", "montecarlo", "--asset", file, "--paths", "50000", "--seed", "7", "--format", "json");
        var se = bernoulli.GetProperty("std_error").GetDouble();
        Assert.InRange(bernoulli.GetProperty("mean").GetDouble(), rnpv - 4 * se, rnpv + 4 * se);
    }

    [Theory]
    [InlineData("\"probability\": 0.52", "\"probability\": 1.2", "probability_out_of_range", "$.phases[0].probability")]
    [InlineData("\"name\": \"Phase I\"", "\"name\": \"Phase III\"", "phases_out_of_order", "$.phases[1].name")]
    [InlineData("\"discountRate\": 0.1", "\"discountRate\": -1", "discount_rate_too_low", "$.discountRate")]
    [InlineData("\"yearsToPeak\": 5", "\"yearsToPeak\": \"five\"", "wrong_type", "$.market.yearsToPeak")]
    public async Task BadInput_IsOneLineWithPathAndCode_AndExit1(string good, string bad, string code, string path)
    {
        var file = await AssetFileAsync(MinimalAsset.Replace(good, bad));
        foreach (var verb in new[] { "rnpv", "montecarlo", "tornado" })
        {
            var r = await CliProcess.RunAsync("valuation", verb, "--asset", file, "--format", "json");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal("", r.Out);
            var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(code, line);
            Assert.Contains(path + ":", line);
        }
    }

    [Fact]
    public async Task MissingFile_AndNoDeal_AreClearErrors()
    {
        var missing = await CliProcess.RunAsync("valuation", "rnpv", "--asset", "/no/such/asset.json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("", missing.Out);
        Assert.Contains("/no/such/asset.json does not exist", missing.Error);

        var noDeal = await CliProcess.RunAsync("valuation", "deal", "--asset", await AssetFileAsync(MinimalAsset));
        Assert.Equal(1, noDeal.ExitCode);
        Assert.Contains("$.deal", noDeal.Error);
    }

    [Fact]
    public async Task Deal_OnTheSeed003Case()
    {
        var file = Example("seed003-case.json");
        var rnpv = (await JsonOf("valuation", "rnpv", "--asset", file, "--format", "json")).GetProperty("rnpv").GetDouble();
        var deal = await JsonOf("valuation", "deal", "--asset", file, "--format", "json");
        double D(string key) => deal.GetProperty(key).GetDouble();
        Assert.Equal(rnpv, D("asset_rnpv"), 1e-9);
        // Licensor and licensee split the asset's rNPV.
        Assert.Equal(rnpv, D("licensor_value") + D("licensee_value"), 1e-9);
        Assert.Equal(1, D("licensor_share") + D("licensee_share"), 1e-9);
        Assert.Equal(D("licensor_value") / rnpv, D("licensor_share"), 1e-12);
        // Biobucks by hand from the file: upfront 0.5 + development 0.5+1+2+4+6 + sales 5+8 = 27.
        Assert.Equal(27, D("biobucks"), 1e-9);
        Assert.Equal(D("licensor_value"), D("upfront") + D("risk_adjusted_development_milestones") + D("risk_adjusted_sales_milestones")
            + D("risk_adjusted_royalties") - D("risk_adjusted_cost_share"), 1e-9);

        // The licensor's value is linear in the upfront: to reach 70 % the upfront must be 0.5 + (0.7·rNPV − licensor value).
        var solved = await JsonOf("valuation", "deal", "--asset", file, "--solve", "upfront", "--target-share", "0.7", "--format", "json");
        var expectedUpfront = 0.5 + (0.7 * rnpv - D("licensor_value"));
        Assert.Equal(expectedUpfront, solved.GetProperty("solved").GetProperty("value").GetDouble(), 1e-6);
        Assert.Equal(expectedUpfront, solved.GetProperty("solved").GetProperty("terms").GetProperty("upfront").GetDouble(), 1e-6);
        Assert.Equal(0.7, solved.GetProperty("licensor_share").GetDouble(), 1e-9);
        Assert.Equal(27 - 0.5 + expectedUpfront, solved.GetProperty("biobucks").GetDouble(), 1e-6);

        var royalty = await JsonOf("valuation", "deal", "--asset", file, "--solve", "royalty", "--target-share", "0.7", "--format", "json");
        Assert.Equal(0.7, royalty.GetProperty("licensor_share").GetDouble(), 1e-9);

        // Milestones and upfront alone already give the licensor more than 20 %, so no royalty scale reaches it.
        var unreachable = await CliProcess.RunAsync("valuation", "deal", "--asset", file, "--solve", "royalty", "--target-share", "0.2");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("no_solution", unreachable.Error);
        Assert.Contains("--target-share", unreachable.Error);

        var table = await CliProcess.RunAsync("valuation", "deal", "--asset", file);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("licensor value", table.Out);
        Assert.Contains("biobucks (headline)                27.00", table.Out);
    }

    [Fact]
    public async Task Tornado_RanksUncertainInputsBySwing()
    {
        var json = await JsonOf("valuation", "tornado", "--asset", Example("phase1-asset-uncertain.json"), "--format", "json");
        var swings = json.GetProperty("bars").EnumerateArray().Select(b => b.GetProperty("swing").GetDouble()).ToList();
        Assert.NotEmpty(swings);
        Assert.Equal(swings.OrderByDescending(s => s), swings);

        var plain = await CliProcess.RunAsync("valuation", "tornado", "--asset", await AssetFileAsync(MinimalAsset));
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("No uncertain inputs", plain.Out);
    }
}
