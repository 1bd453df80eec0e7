using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Valuation.Features.Deals;
using Dapper;

namespace Archipelago.Tests.Valuation;

/// <summary>One deal edited and deleted — from the page (no JavaScript), the API and the CLI — on SQLite and PostgreSQL:
/// registry editors only, audited, the deal's joint action changed or removed with it; and a saved valuation deleted
/// with all its versions after the confirmation page.</summary>
public class DealEditTests
{
    static async Task AddEnablersAsync(Database db)
    {
        var enablers = new EnablerStore(db, TimeProvider.System);
        foreach (var (key, country) in new[] { ("CN1", "CN"), ("CN2", "CN"), ("US1", "US"), ("VC1", "CN") })
            await enablers.AddAsync(new Enabler(key, EnablerType.Parse("enterprise"), "Enabler " + key, null, [], new Region(null, null, country), null, null, "test"), "test");
    }

    static async Task<IReadOnlyList<(string Username, string Action, string Entity, string Key)>> AuditAsync(Database db)
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync<(string, string, string, string)>("SELECT username, action, entity, entity_key FROM kernel_audit ORDER BY at, entity")).ToList();
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Api_EditsAndDeletesOneDeal_AndItsJointAction(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        await AddEnablersAsync(app.Db);
        var store = new DealStore(app.Db, TimeProvider.System);
        Assert.True((await store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(DealsTests.Good)), "deals.csv", true, "test")).Ok);
        var d1 = (await store.GetByKeyAsync("D1"))!;
        var op = await app.ClientAsync(Role.Operator);
        var analyst = await app.ClientAsync(Role.Analyst);

        var input = DealInput.From(d1) with { ToEnabler = "CN2", Upfront = 50, Stage = "Phase 3", DisclosedTotal = 900, CrossBorder = null };
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync($"/api/valuation/deals/{d1.Deal.ActionId}", input)).StatusCode);
        var put = await op.PutAsJsonAsync($"/api/valuation/deals/{d1.Deal.ActionId}", input);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var body = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("D1", "CN2", 50.0, "Phase III", false), (body.GetProperty("key").GetString(), body.GetProperty("toEnabler").GetString(),
            body.GetProperty("upfront").GetDouble(), body.GetProperty("stage").GetString(), body.GetProperty("crossBorder").GetBoolean()));
        // The joint action follows: its value, its second party (CN1 → CN2, so no longer cross-border), its key.
        var action = (await new JointActionStore(app.Db, TimeProvider.System).GetAsync(d1.Deal.ActionId))!;
        Assert.Equal(900m, action.Value);
        var cn2 = (await new EnablerStore(app.Db, TimeProvider.System).GetByKeyAsync("CN2"))!.Id;
        Assert.Contains(action.Participants, p => p.Role == "licensee" && p.EnablerId == cn2);
        Assert.Equal(2, action.Participants.Count);
        Assert.Equal(4, (await store.ListAsync(new DealQuery())).Count);

        // Bad edits: a taken key, an unknown enabler, a rate above 1 — refused with the field, nothing changed.
        var taken = await op.PutAsJsonAsync($"/api/valuation/deals/{d1.Deal.ActionId}", input with { Key = "D2" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var unknown = await op.PutAsJsonAsync($"/api/valuation/deals/{d1.Deal.ActionId}", input with { FromEnabler = "NOPE" });
        Assert.Equal("fromEnabler", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var rate = await op.PutAsJsonAsync($"/api/valuation/deals/{d1.Deal.ActionId}", input with { RoyaltyLow = 8 });
        Assert.Equal("royalty_low", (await rate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(50, (await store.GetByKeyAsync("D1"))!.Deal.Upfront);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PutAsJsonAsync("/api/valuation/deals/999999", input)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.DeleteAsync($"/api/valuation/deals/{d1.Deal.ActionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"/api/valuation/deals/{d1.Deal.ActionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.DeleteAsync($"/api/valuation/deals/{d1.Deal.ActionId}")).StatusCode);
        Assert.Null(await new JointActionStore(app.Db, TimeProvider.System).GetAsync(d1.Deal.ActionId));
        Assert.Equal(["D3", "D4", "D2"], (await store.ListAsync(new DealQuery())).Select(d => d.Deal.Key));
        await using (var c = await app.Db.OpenAsync())
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_participants WHERE action_id = @id", new { id = d1.Deal.ActionId }));
        var audit = await AuditAsync(app.Db);
        Assert.Contains(audit, a => a.Action == "update" && a.Entity == "deal" && a.Key == "D1");
        Assert.Contains(audit, a => a.Action == "delete" && a.Entity == "joint_action" && a.Key == "D1");
        Assert.Contains(audit, a => a.Action == "delete" && a.Entity == "deal" && a.Key == "D1");
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Page_EditsAndDeletesAfterConfirmation_WithoutJavaScript(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        await AddEnablersAsync(app.Db);
        var store = new DealStore(app.Db, TimeProvider.System);
        Assert.True((await store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(DealsTests.Good)), "deals.csv", true, "test")).Ok);
        var d2 = (await store.GetByKeyAsync("D2"))!;
        var page = $"/valuation/deals/{d2.Deal.ActionId}/edit";
        var analyst = await ValuationPagesTests.PageClientAsync(app, Role.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(page)).StatusCode);
        var op = await ValuationPagesTests.PageClientAsync(app, Role.Operator);
        Assert.Contains($"href=\"{page}\"", await op.GetStringAsync("/valuation/deals"));
        var html = await op.GetStringAsync(page);
        Assert.Contains("value=\"D2\"", html);

        var form = new List<KeyValuePair<string, string>>
        {
            new("Form.Key", "D2"), new("Form.Kind", "licence"), new("Form.Date", "2021-06"), new("Form.FromEnabler", "CN2"), new("Form.ToEnabler", "US1"),
            new("Form.Stage", "Phase II"), new("Form.TherapeuticArea", "Oncology"), new("Form.Currency", "USD"), new("Form.Upfront", "25"),
            new("Form.Milestones", "300"), new("Form.RoyaltyLow", "0.08"), new("Form.RoyaltyHigh", "0.12"), new("Form.DisclosedTotal", "325"),
        };
        var (status, _, location) = await ValuationPagesTests.PostAsync(op, page, "Save", form);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/valuation/deals", location!.ToString());
        var saved = (await store.GetByKeyAsync("D2"))!.Deal;
        Assert.Equal((25.0, 325.0, "2021-06", (string?)null), (saved.Upfront!.Value, saved.DisclosedTotal!.Value, saved.Date.ToString(), saved.Modality));

        form[form.FindIndex(f => f.Key == "Form.RoyaltyLow")] = new("Form.RoyaltyLow", "0.5");
        (status, var body, _) = await ValuationPagesTests.PostAsync(op, page, "Save", form);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("class=\"error\"", body);
        Assert.Contains("royalty_low", body); // lowest above highest

        // Delete asks first; only with the box ticked does the deal go.
        (status, body, _) = await ValuationPagesTests.PostAsync(op, page, "Delete", []);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Tick the box", WebUtility.HtmlDecode(body));
        Assert.NotNull(await store.GetByKeyAsync("D2"));
        (status, _, location) = await ValuationPagesTests.PostAsync(op, page, "Delete", [new("Confirm", "true")]);
        Assert.Equal((HttpStatusCode.Redirect, "/valuation/deals"), (status, location!.ToString()));
        Assert.Null(await store.GetByKeyAsync("D2"));
        Assert.Null(await new JointActionStore(app.Db, TimeProvider.System).GetAsync(d2.Deal.ActionId));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Cli_EditsAndDeletesOneDeal(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await AddEnablersAsync(db);
        var store = new DealStore(db, TimeProvider.System);
        Assert.True((await store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(DealsTests.Good)), "deals.csv", true, "test")).Ok);
        string[] where = db.SqliteFile is { } f ? ["--data", Path.GetDirectoryName(f)!] : ["--database", db.ConnectionString];

        var edit = await CliProcess.RunAsync(["valuation", "deals", "edit", "D3", "--upfront", "12", "--royalty-low", "6%", "--royalty-high", "0.09", "--modality", "", "--as", "alice", .. where]);
        Assert.True(edit.ExitCode == 0, edit.Error);
        var d3 = (await store.GetByKeyAsync("D3"))!.Deal;
        Assert.Equal((12.0, 0.06, 0.09, (string?)null, "China", 100.0), (d3.Upfront!.Value, d3.RoyaltyLow!.Value, d3.RoyaltyHigh!.Value, d3.Modality, d3.Territory!, d3.DisclosedTotal!.Value));
        var bad = await CliProcess.RunAsync(["valuation", "deals", "edit", "D3", "--stage", "Phase 9", .. where]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("error [bad_stage]", bad.Error);
        var missing = await CliProcess.RunAsync(["valuation", "deals", "delete", "NOPE", .. where]);
        Assert.Contains("error [not_found]", missing.Error);

        var delete = await CliProcess.RunAsync(["valuation", "deals", "delete", "D3", "--as", "alice", .. where]);
        Assert.True(delete.ExitCode == 0, delete.Error);
        Assert.Contains("Deal D3 deleted", delete.Out);
        Assert.Null(await store.GetByKeyAsync("D3"));
        Assert.Equal(3, (await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery())).Total);
        Assert.Contains(await AuditAsync(db), a => a == ("cli:alice", "delete", "deal", "D3"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SavedValuation_IsDeletedWithAllItsVersions_AfterTheConfirmationPage(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var analyst = await app.ClientAsync(Role.Analyst);
        StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
        var created = await analyst.PostAsync("/api/valuation/saved?name=Doomed", Body(ValuationCliTests.MinimalAsset));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync($"/api/valuation/saved/{id}/versions", Body(ValuationCliTests.MinimalAsset.Replace("800", "900")))).StatusCode);

        // Another analyst sees no delete link and is refused; the owner confirms on the page, then it goes.
        var other = await ValuationPagesTests.PageClientAsync(app, Role.Operator);
        Assert.DoesNotContain($"/valuation/saved/{id}/delete", await other.GetStringAsync("/valuation/saved"));
        using (var refused = await other.GetAsync($"/valuation/saved/{id}/delete"))
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("/account/denied") == true, refused.StatusCode.ToString());
        using (var refusedPost = await other.PostAsync($"/valuation/saved/{id}/delete", new FormUrlEncodedContent([])))
            Assert.NotEqual(HttpStatusCode.Redirect, refusedPost.StatusCode is HttpStatusCode.Redirect && refusedPost.Headers.Location!.ToString().StartsWith("/valuation/saved?") ? HttpStatusCode.Redirect : HttpStatusCode.OK);
        var owner = await ValuationPagesTests.PageClientAsync(app, Role.Analyst);
        Assert.Contains($"/valuation/saved/{id}/delete", await owner.GetStringAsync("/valuation/saved"));
        var confirm = WebUtility.HtmlDecode(await owner.GetStringAsync($"/valuation/saved/{id}/delete"));
        Assert.Contains("Delete 'Doomed' with all its 2 versions", confirm);
        var (status, _, location) = await ValuationPagesTests.PostAsync(owner, $"/valuation/saved/{id}/delete", "", []);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("Deleted 'Doomed' with all its versions.", WebUtility.HtmlDecode(await owner.GetStringAsync(location!.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/valuation/saved/{id}")).StatusCode);
        await using var c = await app.Db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM valuation_versions WHERE valuation_id = @id", new { id }));
        Assert.Contains(await AuditAsync(app.Db), a => a.Action == "delete" && a.Entity == "valuation" && a.Key == "Doomed");
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SavedValuation_CliDeletesOnlyWithYes(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await new Archipelago.Modules.Valuation.Features.Saved.SavedValuationStore(db, TimeProvider.System).SaveAsync("Old case", ValuationCliTests.MinimalAsset, "alice", null);
        string[] where = db.SqliteFile is { } f ? ["--data", Path.GetDirectoryName(f)!] : ["--database", db.ConnectionString];
        var asked = await CliProcess.RunAsync(["valuation", "delete", "Old case", .. where]);
        Assert.Equal(1, asked.ExitCode);
        Assert.Contains("error [confirmation_required]: This would delete 'Old case'", asked.Error);
        var deleted = await CliProcess.RunAsync(["valuation", "delete", "Old case", "--yes", "--as", "bob", .. where]);
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("Deleted 'Old case'", deleted.Out);
        Assert.Null(await new Archipelago.Modules.Valuation.Features.Saved.SavedValuationStore(db, TimeProvider.System).FindAsync("Old case"));
        Assert.Contains(await AuditAsync(db), a => a == ("cli:bob", "delete", "valuation", "Old case"));
    }
}
