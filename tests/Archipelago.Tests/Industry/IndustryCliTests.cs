using System.Globalization;
using System.Text.Json;

namespace Archipelago.Tests.Industry;

/// <summary>
/// <c>archipelago industry lifecycle|growth</c> run as a process on series written to a temporary folder, without a workspace.
/// Expected fits come from R's nls (tests/Archipelago.Numerics.Tests/TimeSeries/reference/growth_curves.csv, linked into the
/// output) and seed figures from seed000_figures.csv; nothing expected here is computed by our code.
/// </summary>
public class IndustryCliTests
{
    /// <summary>R's datasets::uspop, US census population in millions, 1790–1970 by decade (the data behind the R reference fits).</summary>
    internal static readonly double[] UsPop = [3.93, 5.31, 7.24, 9.64, 12.9, 17.1, 23.2, 31.4, 39.8, 50.2, 62.9, 76, 92, 105.7, 122.8, 131.7, 151.3, 179.3, 203.2];

    internal static string UsPopCsv() => "period,value\n" + string.Concat(UsPop.Select((v, i) => $"{1790 + 10 * i},{v.ToString(CultureInfo.InvariantCulture)}\n"));

    static string Reference(string file) => Path.Combine(AppContext.BaseDirectory, "Industry", "reference", file);

    /// <summary>One value of R's reference fits: case (e.g. uspop_gompertz), quantity (estimate, se, wald_t_low, …), name (parameter or forecast time).</summary>
    internal static double R(string @case, string quantity, string name = "")
    {
        foreach (var line in File.ReadLines(Reference("growth_curves.csv")).Skip(1))
        {
            var f = line.Split(',').Select(x => x.Trim('"').Trim()).ToArray();
            if (f[0] == @case && f[1] == quantity && f[2] == name) return double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        throw new KeyNotFoundException($"{@case} {quantity} {name}");
    }

    internal static void Close(double expected, double actual, string what, double rel = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected), $"{what}: expected {expected:R} (R), printed {actual:R}, relative tolerance {rel}");

    static async Task<string> WriteAsync(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, name);
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    static JsonElement Json(CliProcess.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    static double[] Pair(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Fact]
    public async Task Lifecycle_UsPop_PrintsRsNlsFit()
    {
        var file = await WriteAsync("uspop.csv", UsPopCsv());
        var j = Json(await CliProcess.RunAsync("industry", "lifecycle", "--series", file, "--forecast", "3", "--format", "json"));

        // R: AICc Gompertz 103.59 < logistic 115.67, so Gompertz is the model.
        var expected = R("uspop_gompertz", "aicc") < R("uspop_logistic", "aicc") ? "gompertz" : "logistic";
        Assert.Equal(expected, j.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("refusal").ValueKind);
        var c = $"uspop_{expected}";
        foreach (var name in new[] { "K", "r", "t0" })
        {
            var p = j.GetProperty("parameters").GetProperty(name);
            Close(R(c, "estimate", name), p.GetProperty("estimate").GetDouble(), $"{name} estimate");
            Close(R(c, "se", name), p.GetProperty("se").GetDouble(), $"{name} se");
            Assert.Equal("wald_t", p.GetProperty("interval_kind").GetString());
            Close(R(c, "wald_t_low", name), Pair(p.GetProperty("interval"))[0], $"{name} Wald-t low");
            Close(R(c, "wald_t_high", name), Pair(p.GetProperty("interval"))[1], $"{name} Wald-t high");
            Assert.Equal("wald_normal", p.GetProperty("interval_normal_kind").GetString());
            Close(R(c, "wald_normal_low", name), Pair(p.GetProperty("interval_normal"))[0], $"{name} confint.default low");
            Close(R(c, "wald_normal_high", name), Pair(p.GetProperty("interval_normal"))[1], $"{name} confint.default high");
        }
        Close(R(c, "estimate", "K"), j.GetProperty("saturation").GetDouble(), "saturation");
        Close(203.2 / R(c, "estimate", "K"), j.GetProperty("share_of_saturation").GetDouble(), "share of saturation");
        Assert.Equal("growth", j.GetProperty("stage").GetString());   // 23.6 % of saturation: 10 % ≤ s < 90 %

        var candidates = j.GetProperty("candidates").EnumerateArray().ToDictionary(x => x.GetProperty("model").GetString()!);
        Assert.True(candidates["logistic"].GetProperty("converged").GetBoolean());
        Close(R("uspop_logistic", "aicc"), candidates["logistic"].GetProperty("aicc").GetDouble(), "logistic AICc");
        Close(R("uspop_gompertz", "aicc"), candidates["gompertz"].GetProperty("aicc").GetDouble(), "Gompertz AICc");

        // Forecasts step by the census interval: 1980, 1990, 2000; R gives 1980 and 2000.
        var forecasts = j.GetProperty("forecasts").EnumerateArray().ToDictionary(x => x.GetProperty("period").GetDouble());
        Assert.Equal(new[] { 1980.0, 1990, 2000 }, forecasts.Keys.Order());
        foreach (var t in new[] { "1980", "2000" })
        {
            var f = forecasts[double.Parse(t, CultureInfo.InvariantCulture)];
            Close(R(c, "fc_fit", t), f.GetProperty("estimate").GetDouble(), $"forecast {t}");
            Close(R(c, "fc_se", t), f.GetProperty("se").GetDouble(), $"forecast {t} se");
            Close(R(c, "fc_conf_low", t), Pair(f.GetProperty("confidence"))[0], $"forecast {t} confidence low");
            Close(R(c, "fc_pred_high", t), Pair(f.GetProperty("prediction"))[1], $"forecast {t} prediction high");
        }
        Assert.Contains(j.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("indicator").GetString() == "share_of_saturation"
            && e.GetProperty("threshold").GetDouble() == 0.9 && e.GetProperty("source").GetString()!.Contains("fit:gompertz"));
        Close(R(c, "estimate", "t0"), j.GetProperty("inflection").GetProperty("time").GetDouble(), "inflection time");
    }

    [Fact]
    public async Task Lifecycle_Table_ShowsTheVerdict()
    {
        var file = await WriteAsync("uspop.csv", UsPopCsv());
        var r = await CliProcess.RunAsync("industry", "lifecycle", "--series", file);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("model       gompertz", r.Out);
        Assert.Contains("stage       growth", r.Out);
    }

    [Fact]
    public async Task Lifecycle_Seed000OutputValue_RefusesButPrintsCagr()
    {
        // Seed 000 §IV ¶2 prints only 2010 (1,235) and 2017 (3,641.2 bn yuan); the yearly values are in an image.
        var rows = File.ReadLines(Reference("seed000_figures.csv")).Where(l => l.StartsWith("output_value,all,")).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        var file = await WriteAsync("output_value.csv", "period,value\n" + string.Concat(rows.Select(f => $"{f[2]},{f[3]}\n")));
        var r = await CliProcess.RunAsync("industry", "lifecycle", "--series", file, "--format", "json");
        var j = Json(r);
        Assert.Equal(0.1670, Math.Round(j.GetProperty("cagr").GetDouble(), 4));   // seed: 16.70 %
        Assert.Equal("too_few_points", j.GetProperty("refusal").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("stage").ValueKind);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("model").ValueKind);
        foreach (var key in new[] { "cagr", "model", "parameters", "inflection", "saturation", "stage", "evidence", "refusal" })
            Assert.True(j.TryGetProperty(key, out _), $"key {key} missing");
    }

    [Fact]
    public async Task Growth_ReadsFullWidthGroupedAndPercentCells()
    {
        // As pasted from a Chinese yearbook: full-width digits, thousands grouping, a gap ("—"), a 万 unit.
        var file = await WriteAsync("output.csv", "period,value\n2010,１２３５\n2011,\"1,302.5\"\n2012,—\n2013,０.１５万\n2014,\"１，６００．０\"\n");
        var j = Json(await CliProcess.RunAsync("industry", "growth", "--series", file, "--format", "json"));
        var values = j.GetProperty("observations").EnumerateArray().Select(o => (o.GetProperty("period").GetDouble(), Math.Round(o.GetProperty("value").GetDouble(), 9))).ToList();
        Assert.Equal(new (double, double)[] { (2010, 1235), (2011, 1302.5), (2013, 1500), (2014, 1600) }, values);
        // Year on year only between consecutive years: 2010→2011 and 2013→2014, not across the 2012 gap.
        Assert.Equal(new[] { 2011.0, 2014 }, j.GetProperty("year_on_year").EnumerateArray().Select(g => g.GetProperty("to").GetDouble()));
        Assert.Equal(Math.Pow(1600 / 1235.0, 1 / 4.0) - 1, j.GetProperty("cagr").GetDouble(), 12);
        Assert.Equal(100, j.GetProperty("index")[0].GetProperty("index").GetDouble());

        var shares = await WriteAsync("share.csv", "period,value\n2015,12.4%\n2016,１３．１％\n");
        var s = Json(await CliProcess.RunAsync("industry", "growth", "--series", shares, "--format", "json"));
        Assert.Equal(new[] { 0.124, 0.131 }, s.GetProperty("observations").EnumerateArray().Select(o => Math.Round(o.GetProperty("value").GetDouble(), 12)));
    }

    [Fact]
    public async Task Growth_Seed000Revenue_FlagsTheUnitSlip()
    {
        // Seed 000 §IV ¶5: revenue 2 trillion (2013), "25,537.1 billion" (2015), "29,826 billion" (2017) — the last two are 亿元.
        var file = await WriteAsync("revenue.csv", "period,value\n2013,2000\n2015,\"25,537.1\"\n2017,\"29,826\"\n");
        var j = Json(await CliProcess.RunAsync("industry", "growth", "--series", file, "--format", "json"));
        var flag = Assert.Single(j.GetProperty("scale_flags").EnumerateArray());
        Assert.Equal(1, flag.GetProperty("power_of_ten").GetInt32());
        Assert.Contains("2013→2015", flag.GetProperty("subject").GetString());
        var table = await CliProcess.RunAsync("industry", "growth", "--series", file);
        Assert.Contains("UNIT?", table.Out);
    }

    [Fact]
    public async Task BadCell_NamesFileRowAndColumn_Exit1()
    {
        var file = await WriteAsync("bad.csv", "period,value\n2010,1235\n2011,1.235\n2012,abc\n");
        var r = await CliProcess.RunAsync("industry", "lifecycle", "--series", file);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.csv, row 3, column 'value'", r.Error);   // "1.235": 1235 or 1.235? never guessed
        Assert.Contains("ambiguous", r.Error);
        Assert.Contains("bad.csv, row 4, column 'value'", r.Error);
        Assert.Equal("", r.Out);

        // Declaring the decimal mark settles "1.235"; "abc" is still wrong.
        var declared = await CliProcess.RunAsync("industry", "growth", "--series", file, "--decimal-mark", "point");
        Assert.Equal(1, declared.ExitCode);
        Assert.DoesNotContain("row 3", declared.Error);
        Assert.Contains("bad.csv, row 4, column 'value': 'abc' is not a number", declared.Error);
    }

    [Fact]
    public async Task MissingFileOrHeader_IsAClearError()
    {
        var none = await CliProcess.RunAsync("industry", "growth", "--series", "/no/such/series.csv");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("does not exist", none.Error);
        var file = await WriteAsync("wrong.csv", "year,amount\n2010,1\n");
        var wrong = await CliProcess.RunAsync("industry", "growth", "--series", file);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("'period' and 'value'", wrong.Error);
    }
}
