using System.Net;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Tests.Valuation;

/// <summary>The valuation API on the real app: same numbers and keys as the CLI, Analyse policy, ProblemDetails with JSON paths.</summary>
public class ValuationApiTests
{
    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    static IEnumerable<string> Keys(JsonElement o) => o.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task Analyst_GetsTheSameNumbersAndKeysAsTheCli()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "asset.json");
        await File.WriteAllTextAsync(file, ValuationCliTests.MinimalAsset);

        var api = await OkJson(await analyst.PostAsync("/api/valuation/rnpv", Body(ValuationCliTests.MinimalAsset)));
        var cli = JsonDocument.Parse((await CliProcess.RunAsync("valuation", "rnpv", "--asset", file, "--format", "json")).Out).RootElement;
        Assert.Equal(Keys(cli), Keys(api));
        Assert.Equal(Keys(cli.GetProperty("years")[0]), Keys(api.GetProperty("years")[0]));
        Assert.Equal(cli.GetProperty("rnpv").GetDouble(), api.GetProperty("rnpv").GetDouble());
        Assert.Equal(26.8873, api.GetProperty("rnpv").GetDouble(), 1e-4);

        var mcApi = await OkJson(await analyst.PostAsync("/api/valuation/montecarlo?paths=20000&seed=42", Body(ValuationCliTests.MinimalAsset)));
        var mcCli = JsonDocument.Parse((await CliProcess.RunAsync("valuation", "montecarlo", "--asset", file, "--paths", "20000", "--seed", "42", "--format", "json")).Out).RootElement;
        Assert.Equal(Keys(mcCli), Keys(mcApi));
        foreach (var key in new[] { "mean", "std_error", "p5", "p50", "p95", "p_positive" })
            Assert.Equal(mcCli.GetProperty(key).GetDouble(), mcApi.GetProperty(key).GetDouble());

        var seed003 = await File.ReadAllTextAsync(ValuationCliTests.Example("seed003-case.json"));
        var deal = await OkJson(await analyst.PostAsync("/api/valuation/deal", Body(seed003)));
        Assert.Equal(27, deal.GetProperty("biobucks").GetDouble(), 1e-9);
        var solved = await OkJson(await analyst.PostAsync("/api/valuation/deal?solve=upfront&targetShare=0.7", Body(seed003)));
        Assert.Equal(0.7, solved.GetProperty("licensor_share").GetDouble(), 1e-9);

        var tornado = await OkJson(await analyst.PostAsync("/api/valuation/tornado", Body(await File.ReadAllTextAsync(ValuationCliTests.Example("phase1-asset-uncertain.json")))));
        Assert.NotEmpty(tornado.GetProperty("bars").EnumerateArray());
    }

    [Fact]
    public async Task ViewerIs403_AnonymousIs401()
    {
        await using var app = await TestApp.StartAsync();
        var viewer = await app.ClientAsync(Role.Viewer);
        var anonymous = await app.ClientAsync(null);
        foreach (var path in new[] { "rnpv", "montecarlo", "deal", "tornado" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/valuation/" + path, Body(ValuationCliTests.MinimalAsset))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/valuation/" + path, Body(ValuationCliTests.MinimalAsset))).StatusCode);
        }
    }

    [Theory]
    [InlineData("rnpv", "\"probability\": 0.52", "\"probability\": 1.2", "probability_out_of_range", "$.phases[0].probability")]
    [InlineData("montecarlo", "\"name\": \"Phase I\"", "\"name\": \"Phase III\"", "phases_out_of_order", "$.phases[1].name")]
    [InlineData("tornado", "\"discountRate\": 0.1", "\"discountRate\": -1", "discount_rate_too_low", "$.discountRate")]
    [InlineData("rnpv", "\"discountRate\": 0.1,", "\"discountRate\": 0.1,,,", "invalid_json", "$")]
    [InlineData("deal", "\"discountRate\": 0.1", "\"discountRate\": 0.1", "required", "$.deal")]
    public async Task BadBody_Is400ProblemWithCodeAndJsonPath(string path, string good, string bad, string code, string field)
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsync("/api/valuation/" + path, Body(ValuationCliTests.MinimalAsset.Replace(good, bad)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith(field + ":", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSnakeCaseResults()
    {
        await using var app = await TestApp.StartAsync();
        var doc = await (await app.ClientAsync(null)).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var post = doc.GetProperty("paths").GetProperty("/api/valuation/montecarlo").GetProperty("post");
        Assert.Equal("ValuateMonteCarlo", post.GetProperty("operationId").GetString());
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("MonteCarloReport").GetProperty("properties").TryGetProperty("p_positive", out _));
        Assert.True(schemas.GetProperty("RnpvYearRow").GetProperty("properties").TryGetProperty("p_reach", out _));
    }

    [Fact]
    public async Task TooManyPaths_Is400()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsync("/api/valuation/montecarlo?paths=5000000", Body(ValuationCliTests.MinimalAsset));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("paths", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
