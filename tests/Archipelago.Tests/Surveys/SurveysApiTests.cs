using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Tests.Surveys;

/// <summary><c>POST /api/surveys/regress|reliability</c>: the CLI's analyses and JSON shape, for analysts and not viewers.</summary>
public class SurveysApiTests
{
    // A small linear data set: y = 1 + 2·x1 − x2 + noise; a null is a missing value.
    static readonly object Columns = new Dictionary<string, double?[]>
    {
        ["y"] = [3.1, 4.9, 7.2, 8.8, 11.1, 12.9, 15.2, 16.8, null],
        ["x1"] = [1, 2, 3, 4, 5, 6, 7, 8, 9],
        ["x2"] = [0, 0.1, -0.1, 0.2, -0.2, 0.1, 0, -0.1, 0.3],
        ["flat"] = [2, 2, 2, 2, 2, 2, 2, 2, 2],
    };

    [Fact]
    public async Task Analyst_Regresses_WithTheCliShape()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsJsonAsync("/api/surveys/regress", new { columns = Columns, y = "y", x = new[] { "x1", "x2" }, method = "enter" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        foreach (var key in new[] { "method", "dependent", "n", "R2", "adjR2", "F", "p_F", "coefficients", "steps", "excluded", "notices", "anova", "durbin_watson" })
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(8, json.GetProperty("n").GetInt32());
        var x1 = json.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == "x1");
        foreach (var key in new[] { "B", "SE", "Beta", "t", "p", "ci_lower", "ci_upper", "partial", "part", "tolerance", "VIF" })
            Assert.True(x1.TryGetProperty(key, out _), $"missing coefficient key {key}");
        Assert.InRange(x1.GetProperty("B").GetDouble(), 1.9, 2.1);
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "missing_excluded");

        var stepwise = await analyst.PostAsJsonAsync("/api/surveys/regress", new { columns = Columns, y = "y", x = new[] { "x1", "x2", "flat" }, method = "stepwise" });
        var sw = JsonDocument.Parse(await stepwise.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("stepwise", sw.GetProperty("method").GetString());
        Assert.Equal("x1", sw.GetProperty("steps")[0].GetProperty("entered").GetString());
        Assert.Contains(sw.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("variable").GetString() == "flat" && e.GetProperty("reason").GetString() == "constant");
    }

    [Fact]
    public async Task Analyst_GetsReliability_AndAProblemForBadData()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var items = new Dictionary<string, double?[]>
        {
            ["q1"] = [1, 2, 3, 4, 5, 2, 3, 4], ["q2"] = [2, 2, 3, 5, 4, 1, 3, 5], ["q3"] = [5, 4, 3, 2, 1, 4, 3, 2], ["q4"] = [1, 3, 3, 4, 5, 2, 2, 4],
        };
        var response = await analyst.PostAsJsonAsync("/api/surveys/reliability", new { columns = items, items = new[] { "q1", "q2", "q3", "q4" }, reverse = new[] { "q3" }, scale_min = 1, scale_max = 5 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.InRange(json.GetProperty("alpha").GetDouble(), 0.8, 1);
        Assert.Equal(4, json.GetProperty("items").GetArrayLength());
        Assert.True(json.GetProperty("items")[2].GetProperty("reversed").GetBoolean());
        // q3 reversed is exactly q1: the correlation matrix is singular, so ω is left out with a notice, not a crash.
        Assert.Equal(JsonValueKind.Null, json.GetProperty("omega").ValueKind);
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "not_positive_definite");

        var constant = await analyst.PostAsJsonAsync("/api/surveys/regress", new { columns = Columns, y = "flat", x = new[] { "x1" } });
        Assert.Equal(HttpStatusCode.BadRequest, constant.StatusCode);
        var problem = JsonDocument.Parse(await constant.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("constant", problem.GetProperty("code").GetString());
        Assert.Equal("flat", problem.GetProperty("field").GetString());

        var unknown = await analyst.PostAsJsonAsync("/api/surveys/reliability", new { columns = items, items = new[] { "q1", "q9" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("q9", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Viewer_IsForbidden_AnonymousUnauthorised()
    {
        await using var app = await TestApp.StartAsync();
        var body = new { columns = Columns, y = "y", x = new[] { "x1" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(Role.Viewer)).PostAsJsonAsync("/api/surveys/regress", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(Role.Viewer)).PostAsJsonAsync("/api/surveys/reliability", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientAsync(null)).PostAsJsonAsync("/api/surveys/regress", body)).StatusCode);
    }
}
