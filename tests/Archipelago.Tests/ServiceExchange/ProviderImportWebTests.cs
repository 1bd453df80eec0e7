using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;

namespace Archipelago.Tests.ServiceExchange;

/// <summary>The provider directory imported through the API and the page: the CLI's importer, dry run, all or nothing,
/// errors by file/row/column, operators only.</summary>
public class ProviderImportWebTests
{
    const string Good = "enabler_key,services,technology_fields,regions,team_size,turnaround_days,description\n" +
                        "P1,patent_filing;retrieval,biologics,Guangdong,12,30,Antibody patents\n" +
                        "P2,litigation,small_molecules,Shanghai,4,20,Litigation\n";
    // Row 3 (the second data row) has a bad number, row 4 names an enterprise: the good row 2 must not be stored either.
    const string Bad = "enabler_key,services,team_size\nP1,patent_filing,12\nP2,patent_filing,many\nC1,patent_filing,3\n";

    static async Task<TestApp> StartAsync(string dialect)
    {
        var app = await TestApp.StartAsync(dialect);
        var enablers = new EnablerStore(app.Db, TimeProvider.System);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        foreach (var (key, type) in new[] { ("P1", EnablerType.ServiceProvider), ("P2", EnablerType.ServiceProvider), ("C1", EnablerType.Enterprise) })
            await enablers.AddAsync(new Enabler(key, type, key, null, null, gd, null, null, "test"), "test");
        return app;
    }

    static MultipartFormDataContent File(string name, string csv) => new() { { new StringContent(csv), "file", name } };

    static async Task<int> ProfileCount(TestApp app, HttpClient op) =>
        (await op.GetFromJsonAsync<JsonElement>("/api/exchange/providers")).GetArrayLength();

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Api_DryRunStoresNothing_BadFileStoresNothing_GoodFileStoresAll_OperatorsOnly(string dialect)
    {
        await using var app = await StartAsync(dialect);
        var op = await app.ClientAsync(Role.Operator);

        var bad = await op.PostAsync("/api/exchange/import/providers", File("directory.csv", Bad));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("file").GetString(), e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([("directory.csv", 3, "team_size"), ("directory.csv", 4, "enabler_key")], errors);
        Assert.Equal(0, await ProfileCount(app, op));

        var dry = await op.PostAsync("/api/exchange/import/providers?dryRun=true", File("directory.csv", Good));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var dryBody = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, dryBody.GetProperty("valid").GetInt32());
        Assert.Equal(0, dryBody.GetProperty("imported").GetInt32());
        Assert.Equal(0, await ProfileCount(app, op));

        var viewer = await app.ClientAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/exchange/import/providers", File("directory.csv", Good))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientAsync(null)).PostAsync("/api/exchange/import/providers", File("directory.csv", Good))).StatusCode);
        var accounts = new AccountStore(app.Db, TimeProvider.System);
        var p1 = (await new EnablerStore(app.Db, TimeProvider.System).GetByKeyAsync("P1"))!.Id;
        var acc = await accounts.CreateAsync("agency", "agency", Role.Member, TestApp.Password, p1, "test");
        var member = new HttpClient { BaseAddress = app.Address };
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await accounts.CreateTokenAsync(acc.Id, "test", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync("/api/exchange/import/providers", File("directory.csv", Good))).StatusCode);
        Assert.Equal(0, await ProfileCount(app, op));

        var done = await op.PostAsync("/api/exchange/import/providers?publish=true", File("directory.csv", Good));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(2, (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        var listed = await viewer.GetFromJsonAsync<JsonElement>("/api/exchange/providers");
        Assert.Equal(["P1", "P2"], listed.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order().ToArray());
        Assert.All(listed.EnumerateArray(), p => Assert.Equal("public", p.GetProperty("status").GetString()));
    }

    static string Token(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Page_ChecksThenImports_ListingEveryErrorByFileRowColumn(string dialect)
    {
        await using var app = await StartAsync(dialect);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        var signIn = await client.GetStringAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Username"] = "operator", ["Password"] = TestApp.Password, ["__RequestVerificationToken"] = Token(signIn) }))).StatusCode);
        Assert.Contains("/exchange/providers/import", await client.GetStringAsync("/exchange/providers"));

        async Task<string> Post(string csv, bool commit)
        {
            var form = await client.GetStringAsync("/exchange/providers/import");
            var r = await client.PostAsync("/exchange/providers/import", new MultipartFormDataContent
            {
                { new StringContent(Token(form)), "__RequestVerificationToken" }, { new StringContent(commit ? "true" : "false"), "Commit" },
                { new StringContent(csv), "Upload", "directory.csv" },
            });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return await r.Content.ReadAsStringAsync();
        }
        var op = await app.ClientAsync(Role.Operator);

        var bad = await Post(Bad, commit: true);
        Assert.Contains("not imported: nothing was stored", bad);
        Assert.Matches(@"<tr><td>directory.csv</td><td>3</td><td>team_size</td><td>[^<]*many", bad);
        Assert.Matches(@"<tr><td>directory.csv</td><td>4</td><td>enabler_key</td><td>", bad);
        Assert.Equal(0, await ProfileCount(app, op));

        Assert.Contains("ready to import (nothing stored yet)", await Post(Good, commit: false));
        Assert.Equal(0, await ProfileCount(app, op));
        Assert.Contains("2 rows without errors, 2 profiles imported", await Post(Good, commit: true));
        Assert.Equal(2, await ProfileCount(app, op));

        var viewer = await app.ClientAsync(Role.Viewer);
        Assert.NotEqual(HttpStatusCode.OK, (await viewer.GetAsync("/exchange/providers/import")).StatusCode);
    }
}
