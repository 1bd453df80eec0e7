using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Accounts;

namespace Archipelago.Tests.Industry;

/// <summary><c>/api/industry/series…</c> against the running app on both databases: operators import, viewers read and are refused
/// writes, analyses run on stored series and agree with R's nls (the same reference as the file-based CLI).</summary>
public class SeriesApiTests
{
    static MultipartFormDataContent File(string name, string text) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name } };

    // R's datasets::uspop, stored as a long table (the CLI tests fit the same data from a file).
    static string UsPopLong() => "indicator,indicator_name,unit,region,period,value,source\n" + string.Concat(IndustryCliTests.UsPop.Select((v, i) =>
        $"uspop,US population,million persons,USA,{1790 + 10 * i},{v.ToString(CultureInfo.InvariantCulture)},R datasets::uspop\n"));

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Import_Show_Derive_Lifecycle_Export(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var op = await app.ClientAsync(Role.Operator);
        var viewer = await app.ClientAsync(Role.Viewer);

        var dry = await op.PostAsync("/api/industry/import/series?dryRun=true", File("uspop.csv", UsPopLong()));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var empty = await viewer.GetAsync("/api/industry/series");
        Assert.True(empty.IsSuccessStatusCode, await empty.Content.ReadAsStringAsync());
        Assert.Empty(await empty.Content.ReadFromJsonAsync<JsonElement[]>() ?? []);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/industry/import/series", File("uspop.csv", UsPopLong()))).StatusCode);
        var ok = await (await op.PostAsync("/api/industry/import/series", File("uspop.csv", UsPopLong()))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(19, ok.GetProperty("created").GetInt64());

        // A bad file: 422 with every row error, nothing stored.
        var bad = await op.PostAsync("/api/industry/import/series", File("bad.csv", "indicator,region,period,value\nuspop,USA,1980,1.235\nuspop,USA,1990,abc\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Equal(3, errors[1].GetProperty("row").GetInt32());

        var series = await (await viewer.GetAsync("/api/industry/series/uspop?region=USA")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(19, series.GetProperty("figures").GetArrayLength());
        // CAGR 1790–1970 from the stored figures: (203.2 / 3.93)^(1/180) − 1, computed here from the data as printed.
        Assert.Equal(Math.Pow(203.2 / 3.93, 1.0 / 180) - 1, series.GetProperty("growth").GetProperty("cagr").GetDouble(), 12);

        var cagr = await (await viewer.GetAsync("/api/industry/series/uspop/derive/cagr?region=USA&from=1900&to=1950")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Math.Pow(151.3 / 76, 1.0 / 50) - 1, cagr.GetProperty("points")[0].GetProperty("value").GetDouble(), 12);

        var fit = await viewer.GetAsync("/api/industry/series/uspop/lifecycle?region=USA&forecast=1");
        Assert.Equal(HttpStatusCode.OK, fit.StatusCode);
        var j = await fit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gompertz", j.GetProperty("model").GetString());
        IndustryCliTests.Close(IndustryCliTests.R("uspop_gompertz", "estimate", "K"), j.GetProperty("parameters").GetProperty("K").GetProperty("estimate").GetDouble(), "K");
        Assert.Equal("growth", j.GetProperty("stage").GetString());

        var missing = await viewer.GetAsync("/api/industry/series/uspop?region=Mars");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var badKind = await (await viewer.GetAsync("/api/industry/series/uspop/derive/median?region=USA")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bad_kind", badKind.GetProperty("code").GetString());

        var csv = await viewer.GetStringAsync("/api/industry/series/export?indicator=uspop");
        Assert.StartsWith("indicator,indicator_name,name_zh,unit,currency,price_basis,frequency,measure,region,subsector,period,value,source_publication,source_table,source_page,source_url,note", csv);
        Assert.Equal(20, csv.Trim().Split('\n').Length);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/industry/indicators/x", new { nameEn = "X", unit = "count" })).StatusCode);
        var unitChange = await op.PutAsJsonAsync("/api/industry/indicators/uspop", new { nameEn = "US population", unit = "persons" });
        Assert.Equal("unit_change", (await unitChange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(8, (await (await viewer.GetAsync("/api/industry/subsectors")).Content.ReadFromJsonAsync<JsonElement[]>())!.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientAsync(null)).GetAsync("/api/industry/series")).StatusCode);
    }
}
