using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Valuation;

/// <summary>
/// An asset's linked patent gives its exclusivity end through the Kernel's facts (the real Patents module, its Sangamo
/// sample imported): in the API, the form, saved valuations and the CLI, on SQLite and PostgreSQL; an explicit
/// exclusivity end wins; an unknown patent, or no workspace, is a message with a code and a JSON path.
/// </summary>
public class LinkedPatentTests
{
    /// <summary>The minimal asset from 2026 with half the sales lost each year after exclusivity. Its market runs
    /// 2034–2045, so the year exclusivity ends changes the value.</summary>
    static string Asset(string? linkedPatent, int? exclusivityEnd, int? startYear = 2026)
    {
        var o = JsonNode.Parse(ValuationCliTests.MinimalAsset)!.AsObject();
        if (startYear is { } s) o["startYear"] = s;
        if (linkedPatent is not null) o["linkedPatent"] = linkedPatent;
        o["market"]!["erosionRate"] = 0.5;
        if (exclusivityEnd is { } e) o["market"]!["exclusivityEndYear"] = e;
        return o.ToJsonString();
    }

    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    // Sangamo's lens-export.csv row 1: US 9833479 B2, granted, Application Date 2017-03-14 → expires 2037-03-14.
    const string Patent = "us 9,833,479 b2";

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ExclusivityEnd_ComesFromTheLinkedPatent_UnlessGiven(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        Assert.True((await new PatentImport(app.Db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var analyst = await app.ClientAsync(Role.Analyst);
        async Task<double> Rnpv(string asset) => (await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(asset)))).GetProperty("rnpv").GetDouble();

        var linked = await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(Asset(Patent, null))));
        var p = linked.GetProperty("linked_patent");
        Assert.Equal(("US9833479B2", "2037-03-14", 2037, true), (p.GetProperty("publication_number").GetString(), p.GetProperty("expiry").GetString(),
            p.GetProperty("exclusivity_end_year").GetInt32(), p.GetProperty("applied").GetBoolean()));
        Assert.Contains("filed 2017-03-14 + 20 years", p.GetProperty("basis").GetString());
        var at2037 = await Rnpv(Asset(null, 2037));
        Assert.Equal(at2037, linked.GetProperty("rnpv").GetDouble());
        Assert.NotEqual(at2037, await Rnpv(Asset(null, null)));
        Assert.NotEqual(at2037, await Rnpv(Asset(null, 2035)));

        // An explicit exclusivity end wins, and the patent's expiry is still shown beside it.
        var explicitEnd = await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(Asset(Patent, 2035))));
        Assert.Equal(await Rnpv(Asset(null, 2035)), explicitEnd.GetProperty("rnpv").GetDouble());
        Assert.False(explicitEnd.GetProperty("linked_patent").GetProperty("applied").GetBoolean());
        Assert.Equal("2037-03-14", explicitEnd.GetProperty("linked_patent").GetProperty("expiry").GetString());
        // Monte Carlo, the deal and the tornado use it too.
        var mc = await Json(await analyst.PostAsync("/api/valuation/montecarlo?paths=1000&outcomes=weighted", Body(Asset(Patent, null))));
        Assert.Equal(at2037, mc.GetProperty("mean").GetDouble(), 1e-6);
        Assert.True(mc.GetProperty("linked_patent").GetProperty("applied").GetBoolean());

        // Unknown patent, or no start year to place the expiry on: a 400 with the code and the JSON path.
        var unknown = await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(Asset("EP 9999999 B1", null))), HttpStatusCode.BadRequest);
        Assert.Equal(("unknown_patent", "$.linkedPatent"), (unknown.GetProperty("code").GetString(), unknown.GetProperty("field").GetString()));
        var noStart = await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(Asset(Patent, null, startYear: null))), HttpStatusCode.BadRequest);
        Assert.Equal(("required", "$.startYear"), (noStart.GetProperty("code").GetString(), noStart.GetProperty("field").GetString()));
        var notText = await Json(await analyst.PostAsync("/api/valuation/rnpv", Body(Asset(null, null).Replace("\"startYear\"", "\"linkedPatent\":42,\"startYear\""))), HttpStatusCode.BadRequest);
        Assert.Equal(("wrong_type", "$.linkedPatent"), (notText.GetProperty("code").GetString(), notText.GetProperty("field").GetString()));

        // Saved: the JSON as entered, the results with the patent's exclusivity end, and the page shows both.
        var saved = await Json(await analyst.PostAsync("/api/valuation/saved?name=Linked", Body(Asset(Patent, null))), HttpStatusCode.Created);
        Assert.Equal(Patent, saved.GetProperty("asset").GetProperty("linkedPatent").GetString());
        Assert.False(saved.GetProperty("asset").GetProperty("market").TryGetProperty("exclusivityEndYear", out _));
        Assert.Equal(at2037, saved.GetProperty("results").GetProperty("rnpv").GetProperty("rnpv").GetDouble());
        var pages = await ValuationPagesTests.PageClientAsync(app, Role.Analyst);
        var savedPage = WebUtility.HtmlDecode(await pages.GetStringAsync($"/valuation/saved/{saved.GetProperty("id").GetInt64()}"));
        Assert.Contains(at2037.ToString("N2", System.Globalization.CultureInfo.CurrentCulture), savedPage);
        Assert.Contains("Exclusivity ends 2037, the year US9833479B2 expires", savedPage);

        // A second version with an explicit end: the diff sees the end the first version was valued with (2037), and
        // the change alone is worth exactly the difference between the two ends.
        var savedId = saved.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync($"/api/valuation/saved/{savedId}/versions", Body(Asset(Patent, 2035)))).StatusCode);
        var diff = await Json(await analyst.GetAsync($"/api/valuation/saved/{savedId}/diff"));
        var end = diff.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "$.market.exclusivityEndYear");
        Assert.Equal(("2037", "2035"), (end.GetProperty("from").GetString(), end.GetProperty("to").GetString()));
        Assert.Equal(await Rnpv(Asset(null, 2035)) - at2037, end.GetProperty("rnpv_effect_alone").GetDouble(), 1e-9);

        // The form, without JavaScript: the date and its basis beside the input.
        var fields = ValuationPagesTests.MinimalFields();
        fields.Add(new("Form.LinkedPatent", Patent));
        fields.Add(new("Form.StartYear", "2026"));
        fields.Add(new("Form.ErosionRate", "0.5"));
        var (status, body, _) = await ValuationPagesTests.PostAsync(pages, "/valuation", "Calculate", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        var html = WebUtility.HtmlDecode(body);
        Assert.DoesNotContain("class=\"error\"", html);
        Assert.Contains("expires 2037-03-14", html);
        Assert.Contains("granted: filed 2017-03-14 + 20 years (TRIPS art. 33)", html);
        Assert.Contains($"<div class=\"big\">{at2037.ToString("N2", System.Globalization.CultureInfo.CurrentCulture)}</div>", html);
        fields[fields.FindIndex(f => f.Key == "Form.LinkedPatent")] = new("Form.LinkedPatent", "EP 9999999");
        (_, body, _) = await ValuationPagesTests.PostAsync(pages, "/valuation", "Calculate", fields);
        Assert.Contains("$.linkedPatent", body);
        Assert.Contains("unknown_patent", body);

        // The CLI: with the workspace it looks the patent up; without one it says what to give.
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "asset.json");
        await File.WriteAllTextAsync(file, Asset(Patent, null));
        string[] ws = dialect == TestDatabases.Sqlite ? ["--data", Path.GetDirectoryName(app.Db.SqliteFile)!]
            : ["--database", app.Db.ConnectionString];
        var cli = await CliProcess.RunAsync([.. ws, "valuation", "rnpv", "--asset", file, "--format", "json"]);
        Assert.True(cli.ExitCode == 0, cli.Error);
        var json = JsonDocument.Parse(cli.Out).RootElement;
        Assert.Equal(at2037, json.GetProperty("rnpv").GetDouble());
        Assert.Equal("2037-03-14", json.GetProperty("linked_patent").GetProperty("expiry").GetString());
        var alone = await CliProcess.RunAsync("valuation", "rnpv", "--asset", file, "--format", "json");
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("error [workspace_required]: asset.json $.linkedPatent", alone.Error);
        await File.WriteAllTextAsync(file, Asset(Patent, 2037));
        var explicitAlone = await CliProcess.RunAsync("valuation", "rnpv", "--asset", file, "--format", "json");
        Assert.True(explicitAlone.ExitCode == 0, explicitAlone.Error);
        Assert.Equal(at2037, JsonDocument.Parse(explicitAlone.Out).RootElement.GetProperty("rnpv").GetDouble());
    }
}
