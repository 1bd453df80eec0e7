using System.Globalization;
using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Surveys;

/// <summary>
/// <c>archipelago stats corr|ttest|anova|nonparam|efa|crosstab</c> run as a process on psych::bfi against the R values in
/// reference/inference_bfi.csv (reference/inference_bfi.R: R 4.2.2, psych 2.2.9, car 3.1.1, GPArotation 2022.10.2), and
/// the same analyses at <c>POST /api/surveys/…</c>: shape, errors naming the variable, analysts only.
/// </summary>
public class InferenceCliAndApiTests
{
    static readonly Lazy<Dictionary<string, double>> Reference = new(() => File.ReadAllLines(StatsReference.RReference("inference_bfi.csv")).Skip(1)
        .Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture)));

    static double R(string name) => Reference.Value[name];

    static readonly string Bfi = SharedData.Path("survey-psych-bfi", "bfi.csv");

    static async Task<JsonElement> JsonOf(params string[] args)
    {
        var r = await CliProcess.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    static void Close(double expected, JsonElement actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual.GetDouble()) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual.GetDouble():R}");

    [Fact]
    public async Task Cli_group_comparisons_on_bfi_equal_R()
    {
        var t = await JsonOf("stats", "ttest", "--data", Bfi, "--y", "age", "--group", "gender", "--format", "json");
        Close(R("t.student.t"), t.GetProperty("tests")[0].GetProperty("t"), 1e-10, "Student t");
        Close(R("t.welch.df"), t.GetProperty("tests")[1].GetProperty("df"), 1e-10, "Welch df");
        Close(R("levene.median.F"), t.GetProperty("levene")[1].GetProperty("F"), 1e-10, "Levene (median) F");

        var a = await JsonOf("stats", "anova", "--data", Bfi, "--y", "A1", "--group", "education", "--format", "json");
        Close(R("anova.F"), a.GetProperty("anova")[0].GetProperty("F"), 1e-10, "F");
        var tukey = a.GetProperty("tukey");
        Assert.Equal(10, tukey.GetArrayLength());
        for (var i = 0; i < 10; i++) Close(R($"tukey.p[{i + 1}]"), tukey[i].GetProperty("p"), 1e-7, $"Tukey p {i + 1}");

        var mw = await JsonOf("stats", "nonparam", "--data", Bfi, "--y", "A1", "--group", "gender", "--format", "json");
        Assert.Equal("mann-whitney", mw.GetProperty("test").GetString());
        Assert.Equal(R("mw.bfi.W"), mw.GetProperty("statistic").GetDouble());
        var kw = await JsonOf("stats", "nonparam", "--data", Bfi, "--y", "A1", "--group", "education", "--format", "json");
        Close(R("kw.H"), kw.GetProperty("statistic"), 1e-10, "H");

        var x = await JsonOf("stats", "crosstab", "--data", Bfi, "--rows", "gender", "--columns", "education", "--format", "json");
        Close(R("chisq.X2"), x.GetProperty("chi2"), 1e-11, "chi2");
        Assert.Contains(x.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "missing_excluded");
    }

    [Fact]
    public async Task Cli_correlation_and_efa_on_bfi_equal_psych()
    {
        var c = await JsonOf("stats", "corr", "--data", Bfi, "--variables", "A1,A2,A3,gender,education,age", "--method", "spearman", "--format", "json");
        Close(R("corr.spearman.r[1;2]"), c.GetProperty("rows")[0].GetProperty("r")[1], 1e-12, "rho A1 A2");
        Assert.Equal(R("corr.spearman.n[5;6]"), c.GetProperty("rows")[4].GetProperty("n")[5].GetInt32());

        var items = string.Join(",", "ACENO".SelectMany(ch => Enumerable.Range(1, 5).Select(i => $"{ch}{i}")));
        var e = await JsonOf("stats", "efa", "--data", Bfi, "--items", items, "--factors", "5", "--rotation", "varimax", "--format", "json");
        Close(R("kmo.msa"), e.GetProperty("kmo"), 1e-12, "KMO");
        Close(R("bartlett.chisq"), e.GetProperty("bartlett_chi2"), 1e-11, "Bartlett");
        var h2 = e.GetProperty("loadings").EnumerateArray().Select(l => l.GetProperty("h2").GetDouble()).ToArray();
        for (var i = 0; i < 25; i++) Assert.Equal(R($"efa.pa.varimax.h2[{i + 1}]"), h2[i], 8);
        // Sum of squared loadings per factor, as a set (psych orders factors the same way; compare sorted).
        var ss = e.GetProperty("ss_loadings").EnumerateArray().Select(v => v.GetDouble()).OrderBy(v => v).ToArray();
        var rss = Enumerable.Range(1, 5).Select(j => Enumerable.Range(1, 25).Sum(i => Math.Pow(R($"efa.pa.varimax.loadings[{i};{j}]"), 2))).OrderBy(v => v).ToArray();
        for (var j = 0; j < 5; j++) Assert.Equal(rss[j], ss[j], 8);

        var auto = await JsonOf("stats", "efa", "--data", Bfi, "--items", items, "--extraction", "pc", "--parallel-iterations", "100", "--format", "json");
        Assert.Equal("parallel analysis", auto.GetProperty("factors_from").GetString());
        Assert.Equal(R("parallel.ncomp"), auto.GetProperty("factors").GetInt32());
    }

    [Fact]
    public async Task Cli_bad_input_names_the_variable()
    {
        var dir = Directory.CreateTempSubdirectory("archipelago-stats-").FullName;
        var csv = Path.Combine(dir, "s.csv");
        File.WriteAllLines(csv, ["score,group,flat", "1,a,3", "2,a,3", "3,b,3", "4,b,3", "5,c,3", "x,c,3"]);
        var notNumber = await CliProcess.RunAsync("stats", "anova", "--data", csv, "--y", "score", "--group", "group");
        Assert.Equal(1, notNumber.ExitCode);
        Assert.Contains("[not_a_number]", notNumber.Error);
        Assert.Contains("row 7, column 'score'", notNumber.Error);
        var three = await CliProcess.RunAsync("stats", "ttest", "--data", csv, "--y", "flat", "--group", "group");
        Assert.Contains("[not_two_groups]", three.Error);
        Assert.Contains("'group'", three.Error);
        var constant = await CliProcess.RunAsync("stats", "corr", "--data", csv, "--variables", "flat,group");
        Assert.Contains("[not_a_number]", constant.Error);
        var flat = await CliProcess.RunAsync("stats", "ttest", "--data", csv, "--y", "flat", "--group", "group", "--levels", "a,b");
        Assert.Contains("[constant]", flat.Error);
    }

    static readonly Dictionary<string, double?[]> Columns = new()
    {
        ["score"] = [3, 4, 5, 4, 6, 7, 8, 7, 9, null],
        ["pre"] = [2, 4, 4, 3, 5, 6, 6, 6, 8, 7],
        ["group"] = [1, 1, 1, 2, 2, 2, 3, 3, 3, 3],
        ["sector"] = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2],
        ["flat"] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    };

    [Fact]
    public async Task Analyst_runs_each_analysis_and_bad_input_is_a_problem_naming_the_field()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        async Task<JsonElement> Post(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var response = await analyst.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement;
        }
        var corr = await Post("/api/surveys/corr", new { columns = Columns, variables = new[] { "score", "pre" } });
        Assert.Equal(9, corr.GetProperty("rows")[0].GetProperty("n")[1].GetInt32());
        var paired = await Post("/api/surveys/ttest", new { columns = Columns, kind = "paired", y = "score", paired_with = "pre" });
        Assert.Equal(8, paired.GetProperty("tests")[0].GetProperty("df").GetDouble());
        var ind = await Post("/api/surveys/ttest", new { columns = Columns, y = "score", group = "group", levels = new[] { "1", "3" } });
        Assert.Equal(2, ind.GetProperty("tests").GetArrayLength());
        var anova = await Post("/api/surveys/anova", new { columns = Columns, y = "score", group = "group" });
        Assert.Equal(3, anova.GetProperty("tukey").GetArrayLength());
        var np = await Post("/api/surveys/nonparam", new { columns = Columns, y = "score", group = "group" });
        Assert.Equal("kruskal-wallis", np.GetProperty("test").GetString());
        var x = await Post("/api/surveys/crosstab", new { columns = Columns, rows = "group", columns_variable = "sector" });
        Assert.Contains(x.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "small_expected");
        var efa = await Post("/api/surveys/efa", new { columns = Columns, items = new[] { "score", "pre", "group" }, factors = 1, extraction = "pc" });
        Assert.Equal(1, efa.GetProperty("factors").GetInt32());

        var constant = await Post("/api/surveys/corr", new { columns = Columns, variables = new[] { "score", "flat" } }, HttpStatusCode.BadRequest);
        Assert.Equal("constant", constant.GetProperty("code").GetString());
        Assert.Equal("flat", constant.GetProperty("field").GetString());
        var rotation = await Post("/api/surveys/efa", new { columns = Columns, items = new[] { "score", "pre", "group" }, rotation = "quartimax" }, HttpStatusCode.BadRequest);
        Assert.Equal("rotation", rotation.GetProperty("field").GetString());
        var unknown = await Post("/api/surveys/anova", new { columns = Columns, y = "score", group = "region" }, HttpStatusCode.BadRequest);
        Assert.Equal("unknown_column", unknown.GetProperty("code").GetString());
        Assert.Equal("region", unknown.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Viewer_is_forbidden_and_anonymous_unauthorised()
    {
        await using var app = await TestApp.StartAsync();
        var viewer = await app.ClientAsync(Role.Viewer);
        var anonymous = await app.ClientAsync(null);
        foreach (var path in new[] { "corr", "ttest", "anova", "nonparam", "efa", "crosstab" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/surveys/{path}", new { columns = Columns })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/surveys/{path}", new { columns = Columns })).StatusCode);
        }
    }
}
