using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Tests.Valuation;

/// <summary>IP pledge scoring (seed 001) through the API and the CLI, checked against the rule worked by hand.</summary>
public class PledgeTests
{
    /// <summary>
    /// By the rule on /valuation/pledge: certainty = granted 2 + term 12 ≥ 10 → 1.5 + clear ownership 1 + 3 claims 0.5 = 5;
    /// contribution = covers the product 2 + 2 × 0.8 = 3.6; revenue = 5 × min(1, max(0, 0.079 × 800 = 63.2) / 100) = 3.16;
    /// weighted = 0.4 × 5 + 0.3 × 3.6 + 0.3 × 3.16 = 4.028 → "strong", 40–50 %; on an appraised 26.89: 10.756–13.445.
    /// </summary>
    const string Request = """
        {"evidence": {"granted": true, "remainingTermYears": 12, "ownershipClear": true, "encumbered": false, "challengePending": false,
          "independentClaims": 3, "coversProduct": true, "shareOfProductValue": 0.8, "hardToDesignAround": false,
          "currentAnnualRevenue": 0, "peakSalesForecast": 800, "likelihoodOfApproval": 0.079},
         "appraisedValue": 26.89}
        """;

    [Fact]
    public async Task Api_ScoresByTheWrittenRule()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await app.ClientAsync(Role.Analyst);
        var response = await analyst.PostAsync("/api/valuation/pledge", new StringContent(Request, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var s = body.GetProperty("score");
        Assert.Equal(5, s.GetProperty("certainty").GetDouble(), 1e-12);
        Assert.Equal(3.6, s.GetProperty("contribution").GetDouble(), 1e-12);
        Assert.Equal(3.16, s.GetProperty("revenuePotential").GetDouble(), 1e-12);
        Assert.Equal(4.028, s.GetProperty("weighted").GetDouble(), 1e-12);
        Assert.Equal("strong", s.GetProperty("band").GetString());
        Assert.Equal(10.756, body.GetProperty("loanLow").GetDouble(), 1e-9);
        Assert.Equal(13.445, body.GetProperty("loanHigh").GetDouble(), 1e-9);

        var viewer = await app.ClientAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/valuation/pledge", new StringContent(Request, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var bad = await analyst.PostAsync("/api/valuation/pledge", new StringContent(Request.Replace("0.079", "1.5"), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("likelihoodOfApproval", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Cli_ScoresTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "pledge.json");
        await File.WriteAllTextAsync(file, Request);
        var r = await CliProcess.RunAsync("valuation", "pledge", "--evidence", file, "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(4.028, JsonDocument.Parse(r.Out).RootElement.GetProperty("score").GetProperty("weighted").GetDouble(), 1e-12);
        var text = await CliProcess.RunAsync("valuation", "pledge", "--evidence", file);
        Assert.Contains("band: strong", text.Out);
        Assert.Contains("40%–50%", text.Out);
    }
}
