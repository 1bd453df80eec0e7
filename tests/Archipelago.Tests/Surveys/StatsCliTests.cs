using Archipelago.Numerics.Tests;
using System.Globalization;
using System.Text.Json;

namespace Archipelago.Tests.Surveys;

/// <summary>
/// <c>archipelago stats …</c> run as a process: NIST StRD Longley (certified values), psych::bfi reliability (psych 2.2.9
/// reference CSVs) and stepwise selection (R add1/drop1 reference in the numerics tests), and the errors a user meets.
/// </summary>
public class StatsCliTests
{
    static string TempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Log relative error, the NIST measure of agreement in significant digits.</summary>
    static double Lre(double est, double cert) => est == cert ? 15 : -Math.Log10(Math.Abs(est - cert) / Math.Abs(cert));

    static void Digits(double certified, JsonElement actual, double digits, string what)
    {
        var v = actual.GetDouble();
        Assert.True(Lre(v, certified) >= digits, $"{what}: certified {certified:R}, got {v:R} (LRE {Lre(v, certified):F1})");
    }

    static void Close(double expected, JsonElement actual, double rel, string what)
    {
        var v = actual.GetDouble();
        var err = Math.Abs(expected - v) / Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(err < rel, $"{what}: expected {expected:R}, got {v:R} (rel {err:G3})");
    }

    static async Task<JsonElement> JsonOf(params string[] args)
    {
        var r = await CliProcess.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    /// <summary>Longley.dat as CSV (y, x1…x6, the data lines verbatim) and its certified B, SE B, residual SD, R², F, SS.</summary>
    static (string Csv, double[] B, double[] Se, double Sd, double R2, double F, double SsReg, double SsRes) Longley(string dir)
    {
        var lines = File.ReadAllLines(SharedData.Path("nist-strd-linear-regression", "Longley.dat"));
        static string[] Fields(string l) => l.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var data = lines[60..76].Select(Fields).ToArray(); // "Data (lines 61 to 76)"
        Assert.All(data, r => Assert.Equal(7, r.Length));
        var csv = System.IO.Path.Combine(dir, "longley.csv");
        File.WriteAllLines(csv, data.Select(r => string.Join(",", r)).Prepend("y,x1,x2,x3,x4,x5,x6"));
        var cert = lines[29..37].Select(Fields).Where(f => f.Length == 3 && f[0].StartsWith('B')).ToArray();
        double Find(string first, int index) => D(lines.Select(Fields).First(f => f.Length > index && f[0] == first)[index]);
        return (csv, cert.Select(f => D(f[1])).ToArray(), cert.Select(f => D(f[2])).ToArray(),
            Find("Standard", 2), Find("R-Squared", 1), Find("Regression", 4), Find("Regression", 2), Find("Residual", 2));
    }

    [Fact]
    public async Task Regress_Longley_MatchesNistCertifiedValues()
    {
        var nist = Longley(TempDir());
        var json = await JsonOf("stats", "regress", "--data", nist.Csv, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6", "--format", "json");
        Assert.Equal("enter", json.GetProperty("method").GetString());
        Assert.Equal("y", json.GetProperty("dependent").GetString());
        Assert.Equal(16, json.GetProperty("n").GetInt32());
        var coefficients = json.GetProperty("coefficients").EnumerateArray().ToList();
        Assert.Equal(["(Constant)", "x1", "x2", "x3", "x4", "x5", "x6"], coefficients.Select(c => c.GetProperty("term").GetString()));
        for (var j = 0; j < 7; j++)
        {
            Digits(nist.B[j], coefficients[j].GetProperty("B"), 9, $"B{j}");
            Digits(nist.Se[j], coefficients[j].GetProperty("SE"), 9, $"SE B{j}");
        }
        Digits(nist.R2, json.GetProperty("R2"), 9, "R2");
        Digits(nist.F, json.GetProperty("F"), 9, "F");
        Digits(nist.Sd, json.GetProperty("se_estimate"), 9, "residual SD");
        var anova = json.GetProperty("anova").EnumerateArray().ToList();
        Digits(nist.SsReg, anova[0].GetProperty("SS"), 9, "SS regression");
        Digits(nist.SsRes, anova[1].GetProperty("SS"), 9, "SS residual");
        Assert.Equal(6, anova[0].GetProperty("df").GetInt32());
        Assert.Equal(9, anova[1].GetProperty("df").GetInt32());
        Assert.True(json.GetProperty("p_F").GetDouble() < 1e-9);
        Assert.Empty(json.GetProperty("steps").EnumerateArray());
        Assert.Empty(json.GetProperty("notices").EnumerateArray());
        foreach (var c in coefficients.Skip(1))
            Assert.Equal(1 / c.GetProperty("VIF").GetDouble(), c.GetProperty("tolerance").GetDouble(), 12);
    }

    [Fact]
    public async Task Regress_Longley_Table_LooksLikeTheThesisTables()
    {
        var nist = Longley(TempDir());
        var r = await CliProcess.RunAsync("stats", "regress", "--data", nist.Csv, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6", "--format", "table");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"Variable\s+B\s+SE B\s+Beta\s+t\s+Sig", r.Out);
        Assert.Matches(@"\(Constant\)\s+-3482258\.635\s+890420\.384\s+-3\.911\s+0\.004", r.Out);
        Assert.Matches(@"R2\s+0\.995", r.Out);
        Assert.Matches(@"F\s+330\.285", r.Out);
        Assert.Contains("Durbin-Watson", r.Out);
    }

    [Fact]
    public async Task Reliability_BfiAgreeableness_MatchesPsych()
    {
        var bfi = SharedData.Path("survey-psych-bfi", "bfi.csv");
        // psych::bfi.keys: A1 is reverse-keyed; responses 1..6, reversed as 7 − x.
        var json = await JsonOf("stats", "reliability", "--data", bfi, "--items", "A1,A2,A3,A4,A5", "--reverse", "A1",
            "--scale-min", "1", "--scale-max", "6", "--format", "json");
        var reference = File.ReadAllLines(SharedData.Path("survey-psych-bfi", "bfi_reference_cronbach_alpha_psych.csv"))
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).Single(f => f[0] == "agree");
        Close(D(reference[3]), json.GetProperty("alpha"), 1e-9, "raw alpha (pairwise)");
        Close(D(reference[4]), json.GetProperty("std_alpha"), 1e-9, "standardised alpha");
        Assert.Equal(2800, json.GetProperty("n").GetInt32());
        var scales = File.ReadAllLines(StatsReference.RReference("reliability_bfi_scales.csv")).Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).ToArray();
        var agree = scales.Single(f => f[0] == "agree");
        Close(D(agree[7]), json.GetProperty("omega"), 1e-6, "omega total");
        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        Assert.True(items["A1"].GetProperty("reversed").GetBoolean());
        foreach (var f in File.ReadAllLines(StatsReference.RReference("reliability_bfi_items.csv")).Skip(1).Select(l => l.Split(',').Select(x => x.Trim('"')).ToArray()).Where(f => f[0] == "agree"))
        {
            Close(D(f[2]), items[f[1]].GetProperty("alpha_if_deleted"), 1e-9, $"alpha if {f[1]} deleted");
            Close(D(f[4]), items[f[1]].GetProperty("item_total_r"), 1e-9, $"r.drop {f[1]}");
            Close(D(f[5]), items[f[1]].GetProperty("omega_if_deleted"), 1e-6, $"omega if {f[1]} deleted");
        }

        var listwise = await JsonOf("stats", "reliability", "--data", bfi, "--items", "A1,A2,A3,A4,A5", "--reverse", "A1",
            "--scale-min", "1", "--scale-max", "6", "--missing", "listwise", "--format", "json");
        Close(D(reference[5]), listwise.GetProperty("alpha"), 1e-9, "raw alpha (listwise)");
        Assert.Equal(int.Parse(reference[2], CultureInfo.InvariantCulture), listwise.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Regress_BfiAgeStepwise_MatchesRPartialFScript()
    {
        string[] candidates = [.. new[] { "A", "C", "E", "N", "O" }.SelectMany(f => Enumerable.Range(1, 5).Select(i => f + i)), "gender", "education"];
        var json = await JsonOf("stats", "regress", "--data", SharedData.Path("survey-psych-bfi", "bfi.csv"), "--y", "age",
            "--x", string.Join(",", candidates), "--method", "stepwise", "--format", "json");
        static string[][] Csv(string file) => File.ReadAllLines(StatsReference.RReference(file)).Skip(1).Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).ToArray();
        var steps = Csv("stepwise_bfi_steps.csv");
        var actual = json.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps.Length, actual.Count);
        for (var s = 0; s < steps.Length; s++)
        {
            Assert.Equal(steps[s][2], actual[s].GetProperty(steps[s][1] == "entered" ? "entered" : "removed").GetString());
            Close(D(steps[s][3]), actual[s].GetProperty("R2"), 1e-10, $"R2 model {s + 1}");
            Close(D(steps[s][4]), actual[s].GetProperty("adjR2"), 1e-10, $"adj R2 model {s + 1}");
        }
        var last = steps[^1];
        Close(D(last[3]), json.GetProperty("R2"), 1e-10, "final R2");
        Close(D(last[6]), json.GetProperty("F"), 1e-10, "final F");
        Close(D(last[9]), json.GetProperty("p_F"), 1e-8, "final p of F");
        var model = steps.Length.ToString(CultureInfo.InvariantCulture);
        var coefficients = json.GetProperty("coefficients").EnumerateArray().ToDictionary(c => c.GetProperty("term").GetString()!);
        var expected = Csv("stepwise_bfi_coefficients.csv").Where(f => f[0] == model).ToArray();
        Assert.Equal(expected.Length, coefficients.Count);
        foreach (var f in expected)
        {
            var c = coefficients[f[1]];
            Close(D(f[2]), c.GetProperty("B"), 1e-9, $"B {f[1]}");
            Close(D(f[3]), c.GetProperty("SE"), 1e-9, $"SE {f[1]}");
            Close(D(f[5]), c.GetProperty("t"), 1e-9, $"t {f[1]}");
            Close(D(f[6]), c.GetProperty("p"), 1e-7, $"p {f[1]}");
            if (f[4] != "NA") Close(D(f[4]), c.GetProperty("Beta"), 1e-9, $"Beta {f[1]}");
        }
        var excluded = json.GetProperty("excluded").EnumerateArray().ToDictionary(e => e.GetProperty("variable").GetString()!);
        var expectedExcluded = Csv("stepwise_bfi_excluded.csv").Where(f => f[0] == model).ToArray();
        Assert.Equal(expectedExcluded.Length, excluded.Count);
        foreach (var f in expectedExcluded)
        {
            Close(D(f[2]), excluded[f[1]].GetProperty("Beta_in"), 1e-8, $"Beta In {f[1]}");
            Close(D(f[3]), excluded[f[1]].GetProperty("t"), 1e-8, $"t {f[1]}");
            Close(D(f[5]), excluded[f[1]].GetProperty("partial"), 1e-8, $"partial {f[1]}");
            Close(D(f[6]), excluded[f[1]].GetProperty("tolerance"), 1e-8, $"tolerance {f[1]}");
        }
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "missing_excluded");
    }

    [Fact]
    public async Task Describe_GivesSummariesAndExplainsWhatIsUndefined()
    {
        var dir = TempDir();
        var file = System.IO.Path.Combine(dir, "d.csv");
        await File.WriteAllTextAsync(file, "x\tk\tnote\n1\t5\tfirst\n2\t5\t\n4\t5\tNA\nNA\t5\tlast\n");
        var json = await JsonOf("stats", "describe", "--data", file, "--columns", "x,k", "--format", "json");
        var x = json.GetProperty("variables")[0];
        Assert.Equal(3, x.GetProperty("n").GetInt32());
        Assert.Equal(1, x.GetProperty("missing").GetInt32());
        Assert.Equal(7.0 / 3, x.GetProperty("mean").GetDouble(), 12);
        var k = json.GetProperty("variables")[1];
        Assert.Equal(JsonValueKind.Null, k.GetProperty("skewness").ValueKind);
        Assert.Contains("skewness of k", json.GetProperty("notices")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task BadInput_IsAClearErrorWithExitCode1()
    {
        var dir = TempDir();
        var file = System.IO.Path.Combine(dir, "survey.csv");
        await File.WriteAllTextAsync(file, "y;x1;x2;same\n1,5;2;7;3\n2;3;n/a;3\n3;5;2;3\n4;4;3;3\n5;6;1;3\n");

        var text = await CliProcess.RunAsync("stats", "regress", "--data", file, "--y", "y", "--x", "x1,x2", "--format", "json");
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("survey.csv, row 3, column 'x2': 'n/a' is not a number", text.Error);
        Assert.Equal("", text.Out);

        var unknown = await CliProcess.RunAsync("stats", "regress", "--data", file, "--y", "y", "--x", "x1,X3");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no column 'X3'", unknown.Error);
        Assert.Contains("Columns: y, x1, x2, same", unknown.Error);

        var constantY = await CliProcess.RunAsync("stats", "regress", "--data", file, "--y", "same", "--x", "x1");
        Assert.Equal(1, constantY.ExitCode);
        Assert.Contains("error [constant]: The dependent variable 'same' is constant.", constantY.Error);

        // A constant predictor is left out, as SPSS does, and said so.
        var constantX = await JsonOf("stats", "regress", "--data", file, "--y", "y", "--x", "x1,same", "--format", "json");
        Assert.Equal(["(Constant)", "x1"], constantX.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("term").GetString()));
        Assert.Equal("constant", constantX.GetProperty("excluded")[0].GetProperty("reason").GetString());
        Assert.Contains(constantX.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "constant" && n.GetProperty("variable").GetString() == "same");
        Assert.Equal(5, constantX.GetProperty("n").GetInt32());
        // A semicolon file may use a decimal comma: "1,5" is 1.5.
        var y = await JsonOf("stats", "describe", "--data", file, "--columns", "y", "--format", "json");
        Assert.Equal(1.5, y.GetProperty("variables")[0].GetProperty("min").GetDouble());

        var constantItem = await CliProcess.RunAsync("stats", "reliability", "--data", file, "--items", "x1,same,y");
        Assert.Equal(1, constantItem.ExitCode);
        Assert.Contains("'same'", constantItem.Error);

        var reverseWithoutScale = await CliProcess.RunAsync("stats", "reliability", "--data", file, "--items", "x1,y", "--reverse", "x1");
        Assert.Equal(2, reverseWithoutScale.ExitCode); // a usage error, as everywhere in the CLI
        Assert.Contains("--scale-min", reverseWithoutScale.Error);

        var missingFile = await CliProcess.RunAsync("stats", "describe", "--data", System.IO.Path.Combine(dir, "none.csv"), "--columns", "x");
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("does not exist", missingFile.Error);
    }
}
