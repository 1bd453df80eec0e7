using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Tests.Industry;

/// <summary><c>/api/industry</c> against the running app: analysts compute, viewers are refused, bad cells are ProblemDetails.</summary>
public class IndustryApiTests
{
    static object UsPop(params int[] dropYears) => IndustryCliTests.UsPop
        .Select((v, i) => new { period = 1790 + 10 * i, value = (object)v })
        .Where(p => !dropYears.Contains(p.period)).ToArray();

    [Fact]
    public async Task Lifecycle_AnalystGetsRsFit_ViewerIsForbidden_AnonymousUnauthorised()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsJsonAsync("/api/industry/lifecycle", new { series = UsPop(), cumulative = false, forecast = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var j = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gompertz", j.GetProperty("model").GetString());
        IndustryCliTests.Close(IndustryCliTests.R("uspop_gompertz", "estimate", "K"), j.GetProperty("parameters").GetProperty("K").GetProperty("estimate").GetDouble(), "K");
        IndustryCliTests.Close(IndustryCliTests.R("uspop_gompertz", "fc_fit", "1980"), j.GetProperty("forecasts")[0].GetProperty("estimate").GetDouble(), "forecast 1980");
        Assert.Equal("growth", j.GetProperty("stage").GetString());

        // Gaps: the 1850, 1900 and 1940 censuses left out; R fitted the same data (uspopgap).
        var gap = await (await analyst.PostAsJsonAsync("/api/industry/lifecycle", new { series = UsPop(1850, 1900, 1940) })).Content.ReadFromJsonAsync<JsonElement>();
        IndustryCliTests.Close(IndustryCliTests.R("uspopgap_gompertz", "estimate", "K"), gap.GetProperty("saturation").GetDouble(), "K with gaps");

        var viewer = await app.ClientAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/industry/lifecycle", new { series = UsPop() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/industry/growth", new { series = UsPop() })).StatusCode);
        var anonymous = await app.ClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/industry/lifecycle", new { series = UsPop() })).StatusCode);
    }

    [Fact]
    public async Task Lifecycle_TwoPoints_IsARefusalNotAnError()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsJsonAsync("/api/industry/lifecycle", new { series = new object[] { new { period = 2010, value = 1235 }, new { period = 2017, value = "3,641.2" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var j = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too_few_points", j.GetProperty("refusal").GetProperty("code").GetString());
        Assert.Equal(0.1670, Math.Round(j.GetProperty("cagr").GetDouble(), 4));
    }

    [Fact]
    public async Task Growth_TableCells_AndBadCellsAreProblemDetails()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var ok = await analyst.PostAsJsonAsync("/api/industry/growth", new { series = new object[] { new { period = 2013, value = 2000 }, new { period = 2015, value = "25,537.1" }, new { period = 2016, value = "２８０６５" } } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var g = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, g.GetProperty("scale_flags")[0].GetProperty("power_of_ten").GetInt32());
        Assert.Equal(28065, g.GetProperty("observations")[2].GetProperty("value").GetDouble());
        Assert.Single(g.GetProperty("year_on_year").EnumerateArray());   // only 2015→2016

        // A JSON number has no decimal-mark question; the same digits as text do, unless the mark is declared.
        var number = await (await analyst.PostAsJsonAsync("/api/industry/growth", new { series = new object[] { new { period = 2010, value = 172.8 }, new { period = 2011, value = 248.832 } } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(248.832, number.GetProperty("observations")[1].GetProperty("value").GetDouble());
        var text = new object[] { new { period = "2010年", value = "172.800" }, new { period = "2011", value = "248.832" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsJsonAsync("/api/industry/growth", new { series = text })).StatusCode);
        var declared = await (await analyst.PostAsJsonAsync("/api/industry/growth", new { series = text, decimal_mark = "point" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(172.8, declared.GetProperty("observations")[0].GetProperty("value").GetDouble());

        var bad = await analyst.PostAsJsonAsync("/api/industry/growth", new { series = new object[] { new { period = 2010, value = "1.235" }, new { period = 2011, value = "x1" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var p = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bad_series", p.GetProperty("code").GetString());
        var errors = p.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2 }, errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.All(errors, e => Assert.Equal("value", e.GetProperty("column").GetString()));
    }
}
