using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Cluster;
using Archipelago.Modules.Cluster.Features.Import;

namespace Archipelago.Tests.Cluster;

/// <summary>The registry API end to end on the real app, on both databases.</summary>
public class ClusterApiTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task CreateSearchUpdateMergeDelete(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var api = await app.ClientAsync(Role.Operator);
        var created = await api.PostAsJsonAsync("/api/cluster/enablers", new
        {
            key = "E1", type = "enterprise", nameEn = "Ruikang Biologics", nameZh = "瑞康生物", aliases = new[] { "RK" },
            region = new { city = "Guangzhou", province = "Guangdong", country = "CN" }, segment = "manufacturing", attributes = new { size = "large", listed = true },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e1 = (await created.Content.ReadFromJsonAsync<EnablerDto>())!;
        var e2 = (await (await api.PostAsJsonAsync("/api/cluster/enablers", new { key = "E2", type = "enterprise", nameEn = "Ruikang Biologics Co., Ltd." })).Content.ReadFromJsonAsync<EnablerDto>())!;
        var e3 = (await (await api.PostAsJsonAsync("/api/cluster/enablers", new { key = "E3", type = "university", nameZh = "岭湾医科大学" })).Content.ReadFromJsonAsync<EnablerDto>())!;

        var found = await api.GetFromJsonAsync<PageDto<EnablerDto>>("/api/cluster/enablers?q=瑞康");
        Assert.Equal("E1", Assert.Single(found!.Items).Key);

        var action = await api.PostAsJsonAsync("/api/cluster/actions", new
        {
            key = "A1", type = "collaboration", start = "2020-03",
            participants = new object[] { new { enablerKey = "E2", role = "lead" }, new { enablerId = e3.Id, role = "partner" } },
        });
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);

        var merged = await api.PostAsJsonAsync($"/api/cluster/enablers/{e1.Id}/merge", new { duplicates = new[] { e2.Id } });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var actions = await api.GetFromJsonAsync<JsonElement>($"/api/cluster/enablers/{e1.Id}/actions");
        Assert.Equal(1, actions.GetProperty("total").GetInt64());
        Assert.Equal(2020, actions.GetProperty("perYear")[0].GetProperty("year").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/cluster/enablers/{e2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/cluster/enablers/{e3.Id}")).StatusCode);
        Assert.Equal(0, (await api.GetFromJsonAsync<PageDto<JointActionDto>>("/api/cluster/actions"))!.Total);
    }

    [Fact]
    public async Task BadInput_IsProblemDetailsWithCodeAndField_NeverAStackTrace()
    {
        await using var app = await TestApp.StartAsync();
        var api = await app.ClientAsync(Role.Operator);
        var response = await api.PostAsJsonAsync("/api/cluster/enablers", new { type = "startup", nameEn = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown_enabler_type", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", problem.ToString());

        var dup = await api.PostAsJsonAsync("/api/cluster/enablers", new { key = "K", type = "enterprise", nameEn = "A" });
        dup = await api.PostAsJsonAsync("/api/cluster/enablers", new { key = "K", type = "enterprise", nameEn = "B" });
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Import_DryRunThenCommit_ThroughTheApi(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var api = await app.ClientAsync(Role.Operator);
        var csv = "key,type,name_en,country\nE1,enterprise,One,CN\nE2,university,Two,CN\n";
        async Task<HttpResponseMessage> Post(string url, string body) =>
            await api.PostAsync(url, new MultipartFormDataContent { { new StringContent(body), "file", "enablers.csv" } });

        var dry = await (await Post("/api/cluster/import/enablers?dryRun=true", csv)).Content.ReadFromJsonAsync<ImportOutcome>();
        Assert.Equal((2L, false), (dry!.Created, dry.Committed));
        Assert.Equal(0, (await api.GetFromJsonAsync<PageDto<EnablerDto>>("/api/cluster/enablers"))!.Total);

        var bad = await Post("/api/cluster/import/enablers", csv + "E3,,Three,CN\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var error = Assert.Single((await bad.Content.ReadFromJsonAsync<ImportOutcome>())!.Errors);
        Assert.Equal(("enablers.csv", 4, "type"), (error.File, error.Row, error.Column));
        Assert.Equal(0, (await api.GetFromJsonAsync<PageDto<EnablerDto>>("/api/cluster/enablers"))!.Total);

        Assert.True((await (await Post("/api/cluster/import/enablers", csv)).Content.ReadFromJsonAsync<ImportOutcome>())!.Committed);
        var exported = await api.GetStringAsync("/api/cluster/export/enablers?format=csv");
        Assert.Contains("E2,university,Two", exported);
        Assert.StartsWith("key,type,name_en", (await api.GetStringAsync("/api/cluster/templates/enablers?format=csv")).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheRegistryRoutes_AndHealthReportsTheDatabase()
    {
        await using var app = await TestApp.StartAsync();
        var anonymous = await app.ClientAsync(null);
        var doc = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/cluster/enablers", "/api/cluster/enablers/{id}", "/api/cluster/actions", "/api/cluster/import/{kind}" })
            Assert.True(paths.TryGetProperty(p, out _), p);
        Assert.Equal("CreateEnabler", paths.GetProperty("/api/cluster/enablers").GetProperty("post").GetProperty("operationId").GetString());
        var health = await anonymous.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.GetProperty("database").GetProperty("dialect").GetString());
    }
}
