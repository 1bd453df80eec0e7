using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;

namespace Archipelago.Tests.ServiceExchange;

/// <summary>Each rule of the "Security and privacy" section, attacked through the API.</summary>
public class ExchangeApiSecurityTests
{
    sealed record Setup(TestApp App, HttpClient Operator, HttpClient Pharma, HttpClient Biotech, HttpClient AgencyA, HttpClient AgencyB, HttpClient Viewer,
        long PharmaId, long BiotechId, long AgencyAId, long AgencyBId);

    static async Task<Setup> StartAsync(string dialect = TestDatabases.Sqlite)
    {
        var app = await TestApp.StartAsync(dialect);
        var enablers = new EnablerStore(app.Db, TimeProvider.System);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        async Task<long> Add(string key, EnablerType t) => (await enablers.AddAsync(new Enabler(key, t, key, null, null, gd, null, null, "test"), "test")).Id;
        var (pharma, biotech, a, b) = (await Add("C1", EnablerType.Enterprise), await Add("C2", EnablerType.Enterprise), await Add("P1", EnablerType.ServiceProvider), await Add("P2", EnablerType.ServiceProvider));
        var accounts = new AccountStore(app.Db, TimeProvider.System);
        async Task<HttpClient> Member(string name, long enabler)
        {
            var acc = await accounts.CreateAsync(name, name, Role.Member, TestApp.Password, enabler, "test");
            var client = new HttpClient { BaseAddress = app.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await accounts.CreateTokenAsync(acc.Id, "test", null));
            return client;
        }
        var s = new Setup(app, await app.ClientAsync(Role.Operator), await Member("pharma", pharma), await Member("biotech", biotech), await Member("agencya", a),
            await Member("agencyb", b), await app.ClientAsync(Role.Viewer), pharma, biotech, a, b);
        foreach (var (client, id) in new[] { (s.AgencyA, a), (s.AgencyB, b) })
        {
            (await client.PutAsJsonAsync($"/api/exchange/providers/{id}", Profile())).EnsureSuccessStatusCode();
            (await client.PostAsync($"/api/exchange/providers/{id}/submit", null)).EnsureSuccessStatusCode();
            (await s.Operator.PostAsJsonAsync($"/api/exchange/providers/{id}/review", new { approve = true })).EnsureSuccessStatusCode();
        }
        return s;
    }

    static object Profile(string service = "patent_filing") => new
    {
        services = new[] { service }, technologyFields = new[] { "biologics" }, regions = new[] { "Guangdong" }, languages = new[] { "zh" },
        teamSize = 10, patentAgents = 4, turnaroundDays = 30, capacity = 5, description = "Patent filing for antibodies",
    };

    static object NeedBody(long enabler, string confidentiality, long[]? invite = null, string title = "PCT filing for an antibody") => new
    {
        enablerId = enabler, title, demandArea = "rnd", category = "agency", service = "patent_filing", technologyField = "biologics",
        description = confidentiality == "public" ? "Open call for PCT filing" : "CONFIDENTIAL: sequence of our lead antibody", confidentiality, invite = invite ?? [],
    };

    static async Task<long> PostNeed(HttpClient c, object body)
    {
        var r = await c.PostAsJsonAsync("/api/exchange/needs", body);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    static async Task<string> Code(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ConfidentialNeeds_AreHiddenFromOtherEnterprises_AndFromProvidersNotInvited(string dialect)
    {
        var s = await StartAsync(dialect);
        await using var _ = s.App;
        var invitedOnly = await PostNeed(s.Pharma, NeedBody(s.PharmaId, "invited_only", [s.AgencyAId]));
        var providersOnly = await PostNeed(s.Pharma, NeedBody(s.PharmaId, "providers_only"));
        var open = await PostNeed(s.Pharma, NeedBody(s.PharmaId, "public"));

        // Another enterprise: only the public need, by list and by id.
        Assert.Equal(HttpStatusCode.NotFound, (await s.Biotech.GetAsync($"/api/exchange/needs/{invitedOnly}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Biotech.GetAsync($"/api/exchange/needs/{providersOnly}")).StatusCode);
        var list = await s.Biotech.GetFromJsonAsync<JsonElement>("/api/exchange/needs");
        Assert.Equal([open], list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Viewer.GetAsync($"/api/exchange/needs/{providersOnly}")).StatusCode);

        // A provider not invited: not the invited-only need; the providers-only need without its confidential text.
        Assert.Equal(HttpStatusCode.NotFound, (await s.AgencyB.GetAsync($"/api/exchange/needs/{invitedOnly}")).StatusCode);
        var redacted = await s.AgencyB.GetFromJsonAsync<JsonElement>($"/api/exchange/needs/{providersOnly}");
        Assert.True(redacted.GetProperty("redacted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, redacted.GetProperty("description").ValueKind);
        Assert.Empty(redacted.GetProperty("invited").EnumerateArray()); // nor who else was invited
        Assert.DoesNotContain("CONFIDENTIAL", await s.AgencyB.GetStringAsync("/api/exchange/needs"));
        // Bidding on it is refused too (a provider who cannot read the details cannot propose).
        Assert.Equal(HttpStatusCode.Forbidden, (await s.AgencyB.PostAsJsonAsync("/api/exchange/engagements", new { needId = providersOnly, providerId = s.AgencyBId })).StatusCode);
        // Nor can it see the poster's ranking of providers.
        Assert.Equal(HttpStatusCode.NotFound, (await s.AgencyB.GetAsync($"/api/exchange/needs/{providersOnly}/matches")).StatusCode);

        // The invited provider reads everything.
        var full = await s.AgencyA.GetFromJsonAsync<JsonElement>($"/api/exchange/needs/{invitedOnly}");
        Assert.Contains("CONFIDENTIAL", full.GetProperty("description").GetString());
        // Needs matched for the uninvited provider leave out the invited-only one.
        var matches = await s.AgencyB.GetFromJsonAsync<JsonElement>($"/api/exchange/providers/{s.AgencyBId}/matches");
        Assert.DoesNotContain(invitedOnly, matches.EnumerateArray().Select(m => m.GetProperty("needId").GetInt64()));
    }

    [Fact]
    public async Task Members_ActOnlyForTheirOwnEnabler()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        // Posting a need in another enterprise's name, editing another provider's profile, approving one's own.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Biotech.PostAsJsonAsync("/api/exchange/needs", NeedBody(s.PharmaId, "public"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.AgencyB.PutAsJsonAsync($"/api/exchange/providers/{s.AgencyAId}", Profile("retrieval"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.AgencyA.PostAsJsonAsync($"/api/exchange/providers/{s.AgencyAId}/review", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Viewer.PostAsJsonAsync("/api/exchange/needs", NeedBody(s.PharmaId, "public"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Pharma.PutAsJsonAsync("/api/exchange/weights", new { category = 1, field = 0, regionLanguage = 0, capacity = 0, trust = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Pharma.GetAsync("/api/exchange/market")).StatusCode);
        // A provider profile outside the taxonomy, an unknown category: refused with a clear code.
        var bad = await s.AgencyA.PutAsJsonAsync($"/api/exchange/providers/{s.AgencyAId}", Profile("astrology"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("unknown_service", await Code(bad));
        var badNeed = await s.Pharma.PostAsJsonAsync("/api/exchange/needs", new { enablerId = s.PharmaId, title = "Something", demandArea = "rnd", category = "plumbing", technologyField = "biologics" });
        Assert.Equal("unknown_category", await Code(badNeed));
    }

    [Fact]
    public async Task Ratings_OnlyByTheClient_OfADeliveredEngagement_Once()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var need = await PostNeed(s.Pharma, NeedBody(s.PharmaId, "public"));
        var opened = await s.Pharma.PostAsJsonAsync("/api/exchange/engagements", new { needId = need, providerId = s.AgencyAId, message = "Please quote" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<HttpResponseMessage> Rate(HttpClient c) => await c.PostAsJsonAsync($"/api/exchange/engagements/{id}/rating", new { score = 5 });

        Assert.Equal("not_delivered", await Code(await Rate(s.Pharma)));
        // The provider was notified of the request; nobody else was.
        var notes = await s.AgencyA.GetFromJsonAsync<JsonElement>("/api/exchange/notifications");
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("link").GetString() == $"/exchange/engagements/{id}");
        Assert.DoesNotContain(id.ToString(), await s.AgencyB.GetStringAsync("/api/exchange/notifications"));
        foreach (var (c, step) in new[] { (s.AgencyA, "propose"), (s.Pharma, "accept"), (s.AgencyA, "start"), (s.AgencyA, "deliver") })
            (await c.PostAsJsonAsync($"/api/exchange/engagements/{id}/steps", new { step, fee = step == "propose" ? 9000 : (int?)null, currency = "CNY" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await Rate(s.Biotech)).StatusCode); // a stranger: no such engagement
        Assert.Equal(HttpStatusCode.Forbidden, (await Rate(s.Viewer)).StatusCode);
        Assert.Equal("not_your_step", await Code(await Rate(s.AgencyA))); // the provider rating itself
        Assert.Equal("not_your_step", await Code(await Rate(s.Operator)));
        Assert.Equal(HttpStatusCode.NoContent, (await Rate(s.Pharma)).StatusCode);
        Assert.Equal("already_rated", await Code(await Rate(s.Pharma)));
        // Strangers cannot read the thread either.
        Assert.Equal(HttpStatusCode.NotFound, (await s.Biotech.GetAsync($"/api/exchange/engagements/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.AgencyB.PostAsJsonAsync($"/api/exchange/engagements/{id}/messages", new { body = "hi" })).StatusCode);
        // The operator moderates the rating.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Pharma.PostAsJsonAsync($"/api/exchange/engagements/{id}/rating/moderation", new { hidden = true, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Operator.PostAsJsonAsync($"/api/exchange/engagements/{id}/rating/moderation", new { hidden = true, reason = "Abusive comment" })).StatusCode);
        // The delivered engagement is in the operator's market view as completed.
        var market = await s.Operator.GetFromJsonAsync<JsonElement>("/api/exchange/market");
        Assert.Equal(1, market.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("completed").GetInt64()));
    }

    [Fact]
    public async Task Attachments_DisguisedOrOversized_AreRefused_AndServedOnlyAsDownloads()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var need = await PostNeed(s.Pharma, NeedBody(s.PharmaId, "public"));
        var opened = await s.Pharma.PostAsJsonAsync("/api/exchange/engagements", new { needId = need, providerId = s.AgencyAId });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<HttpResponseMessage> Upload(HttpClient c, string name, byte[] content, string declared)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(declared);
            return await c.PostAsync($"/api/exchange/engagements/{id}/attachments", new MultipartFormDataContent { { part, "file", name } });
        }
        var html = "<!DOCTYPE html><html><script>fetch('/api/exchange/needs')</script></html>"u8.ToArray();
        Assert.Equal("disguised_file", await Code(await Upload(s.Pharma, "invoice.pdf", html, "application/pdf")));
        Assert.Equal("disguised_file", await Code(await Upload(s.Pharma, "readme.txt", html, "text/plain")));
        Assert.Equal("unsupported_file_type", await Code(await Upload(s.Pharma, "page.html", html, "text/html")));
        Assert.Equal("file_too_large", await Code(await Upload(s.Pharma, "big.txt", new byte[AttachmentLimit + 1], "text/plain")));
        Assert.Equal(HttpStatusCode.NotFound, (await Upload(s.AgencyB, "x.txt", "hello"u8.ToArray(), "text/plain")).StatusCode);

        var ok = await Upload(s.Pharma, "notes.txt", "Claims draft <b>v2</b>"u8.ToArray(), "text/html"); // the declared type is ignored
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var attachment = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var download = await s.AgencyA.GetAsync($"/api/exchange/engagements/{id}/attachments/{attachment}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Biotech.GetAsync($"/api/exchange/engagements/{id}/attachments/{attachment}")).StatusCode);
    }

    const int AttachmentLimit = Archipelago.Modules.ServiceExchange.Domain.AttachmentType.MaxBytes;
}

public class ExchangePageTests
{
    [Fact]
    public async Task Pages_RenderMarkupInert_AndShowOnlyWhatTheReaderMaySee()
    {
        await using var app = await TestApp.StartAsync();
        var enablers = new EnablerStore(app.Db, TimeProvider.System);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        var pharma = await enablers.AddAsync(new Enabler("C1", EnablerType.Enterprise, "Pharma", null, null, gd, null, null, "t"), "t");
        var other = await enablers.AddAsync(new Enabler("C2", EnablerType.Enterprise, "Other", null, null, gd, null, null, "t"), "t");
        var agency = await enablers.AddAsync(new Enabler("P1", EnablerType.ServiceProvider, "Agency <b>bold</b>", null, null, gd, null, null, "t"), "t");
        var accounts = new AccountStore(app.Db, TimeProvider.System);
        async Task<HttpClient> Member(string name, long enabler)
        {
            var acc = await accounts.CreateAsync(name, name, Role.Member, TestApp.Password, enabler, "test");
            var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await accounts.CreateTokenAsync(acc.Id, "test", null));
            return c;
        }
        var poster = await Member("pharma", pharma.Id);
        var stranger = await Member("other", other.Id);
        var provider = await Member("agency", agency.Id);
        var op = await app.ClientAsync(Role.Operator);
        (await provider.PutAsJsonAsync($"/api/exchange/providers/{agency.Id}", new { services = new[] { "patent_filing" }, teamSize = 3, turnaroundDays = 20, capacity = 2,
            description = "<img src=x onerror=alert(2)>" })).EnsureSuccessStatusCode();
        (await provider.PostAsync($"/api/exchange/providers/{agency.Id}/submit", null)).EnsureSuccessStatusCode();
        (await op.PostAsJsonAsync($"/api/exchange/providers/{agency.Id}/review", new { approve = true })).EnsureSuccessStatusCode();
        var posted = await poster.PostAsJsonAsync("/api/exchange/needs", new { enablerId = pharma.Id, title = "<script>alert(1)</script> PCT", demandArea = "rnd",
            category = "agency", technologyField = "biologics", description = "<script>alert('x')</script>", confidentiality = "public", phase = "market" });
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var secret = (await (await poster.PostAsJsonAsync("/api/exchange/needs", new { enablerId = pharma.Id, title = "Secret licensing deal", demandArea = "financing",
            category = "commercialisation", technologyField = "biologics", confidentiality = "invited_only" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await poster.GetStringAsync($"/exchange/needs/{id}");
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; PCT", page);
        Assert.Contains("Best-matching providers", page);
        Assert.DoesNotContain("<b>bold</b>", page); // a provider's name is text too
        Assert.DoesNotContain("<img src=x", await provider.GetStringAsync($"/exchange/providers/{agency.Id}"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/exchange/needs/{secret}")).StatusCode);
        Assert.DoesNotContain("Secret licensing deal", await stranger.GetStringAsync("/exchange/needs"));
        Assert.DoesNotContain("Best-matching providers", await stranger.GetStringAsync($"/exchange/needs/{id}"));
        Assert.Contains("Send a proposal", await provider.GetStringAsync($"/exchange/needs/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/exchange/market")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await poster.GetAsync("/exchange/market")).StatusCode);
        foreach (var path in new[] { "/exchange/providers", "/exchange/needs", "/exchange/engagements", "/exchange/needs/new", $"/exchange/providers/{agency.Id}/edit" })
            Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync(path)).StatusCode);
    }
}
