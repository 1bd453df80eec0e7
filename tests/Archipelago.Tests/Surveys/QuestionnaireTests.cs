using System.Net;
using System.Text.RegularExpressions;
using Archipelago.Kernel;
using Archipelago.Modules.Surveys;

namespace Archipelago.Tests.Surveys;

/// <summary>Questionnaires: the text definition, the seed 002 template, collection through the public link, accounting
/// as seed 002 reports it, and the valid responses becoming a case table — on both databases.</summary>
public class QuestionnaireTests
{
    const string Small = """
        # About you
        org | choice(enterprise;government) | Your organisation
        # Views
        q1 | likert5 | Policy matters
        q2 | likert5 | Capital matters
        q3 | likert5 | Clusters do not matter | reverse
        q4 | likert5 | Networks matter
        q5 | likert5 | Sales matter
        years | numeric | Years in the field | optional
        """;

    [Fact]
    public void Definition_parses_formats_back_and_names_the_line_of_a_mistake()
    {
        var d = QuestionnaireDefinition.Parse(Small);
        Assert.Equal(["About you", "Views"], d.Sections.Select(s => s.Title));
        Assert.True(d.Items.Single(i => i.Code == "q3").Reverse);
        Assert.False(d.Items.Single(i => i.Code == "years").Required);
        Assert.Equal(d.Format(), QuestionnaireDefinition.Parse(d.Format()).Format());
        var e = Assert.Throws<DomainException>(() => QuestionnaireDefinition.Parse("# S\nq1 | likert9 | x"));
        Assert.StartsWith("Line 2: unknown kind 'likert9'", e.Message);
        Assert.Contains("only Likert items", Assert.Throws<DomainException>(() => QuestionnaireDefinition.Parse("a | numeric | x | reverse")).Message);
        Assert.Contains("used twice", Assert.Throws<DomainException>(() => QuestionnaireDefinition.Parse("a | text | x\nA | text | y")).Message);
        var template = QuestionnaireDefinition.Parse(QuestionnaireDefinition.Seed002Template());
        Assert.Equal(3 * (DemoStudy.ItemWording.Length + 1) + 5, template.Items.Count());
    }

    const string Bilingual = """
        # About you || 关于您
        org | choice(enterprise;university;research institute;government;hospital;service provider;investor;other) | Organisation type || 机构类型
        mine | enabler | Your organisation || 您的机构 | optional
        # Influence || 影响
        anchors: none;slight;moderate;strong;decisive || 没有;较小;一般;较大;决定性
        q1 | likert5 | Policy matters || 政策重要
        q2 | likert7 | Capital matters
        """;

    [Fact]
    public void Wording_titles_and_anchors_come_in_English_and_Chinese()
    {
        var d = QuestionnaireDefinition.Parse(Bilingual);
        Assert.True(d.Bilingual);
        var (about, influence) = (d.Sections[0], d.Sections[1]);
        Assert.Equal(("About you", "关于您"), (about.Heading(false), about.Heading(true)));
        var q1 = d.Items.Single(i => i.Code == "q1");
        Assert.Equal(("Policy matters", "政策重要"), (q1.Wording(false), q1.Wording(true)));
        Assert.Equal("Capital matters", d.Items.Single(i => i.Code == "q2").Wording(true)); // no Chinese: English shown
        Assert.Equal(["none", "slight", "moderate", "strong", "decisive"], influence.AnchorsFor(q1, false));
        Assert.Equal("决定性", influence.AnchorsFor(q1, true)[4]);
        // a seven-point item in a section with five anchors falls back to the agreement scale
        Assert.Equal("非常同意", influence.AnchorsFor(d.Items.Single(i => i.Code == "q2"), true)[6]);
        Assert.Equal(ItemKind.Enabler, d.Items.Single(i => i.Code == "mine").Kind);
        Assert.Equal(d.Format(), QuestionnaireDefinition.Parse(d.Format()).Format());
        Assert.Contains("anchors: none;slight;moderate;strong;decisive || 没有;较小;一般;较大;决定性", d.Format());
        Assert.Contains("five or seven anchors", Assert.Throws<DomainException>(() => QuestionnaireDefinition.Parse("anchors: a;b\nq | likert5 | x")).Message);
        var template = QuestionnaireDefinition.Parse(QuestionnaireDefinition.Seed002Template());
        Assert.True(template.Bilingual);
        Assert.All(template.Items.Where(i => i.IsLikert), i => Assert.NotNull(i.TextZh));
        Assert.Equal(["enterprise", "university", "research institute", "government", "hospital", "service provider", "investor", "other"],
            template.Items.Single(i => i.Code == "org_type").Choices);
        Assert.Equal(ItemKind.Enabler, template.Items.Single(i => i.Code == "enabler").Kind);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task One_time_links_take_one_response_each_and_drafts_resume(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new QuestionnaireStore(db, TimeProvider.System);
        var gd = new Archipelago.Kernel.Regions.Region("Guangzhou", "Guangdong", "CN");
        await new Archipelago.Kernel.Enablers.EnablerStore(db, TimeProvider.System).AddAsync(
            new Archipelago.Kernel.Enablers.Enabler("E1", Archipelago.Kernel.Enablers.EnablerType.Enterprise, "Bio One", "生物一号", null, gd, null, null, "t"), "t");
        var q = await store.CreateAsync("Links", Bilingual, sent: 2, quota: null, closesAt: null, "analyst");
        var tokens = await store.InviteAsync(q, 3);
        Assert.Equal(3, tokens.Distinct().Count());
        Assert.Equal(5L, (await store.AccountAsync(q)).Sent); // 2 sent on paper + 3 one-time links

        var answers = new Dictionary<string, string?> { ["org"] = "hospital", ["q1"] = "4", ["q2"] = "6", ["mine"] = "E1" };
        await store.SubmitAsync(q, answers, token: tokens[0]);
        Assert.Equal("link_used", (await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, answers, token: tokens[0]))).Code);
        Assert.Equal("link_used", (await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, answers, token: "nope"))).Code);
        Assert.NotNull(await store.TokenRefusedBecauseAsync(q, tokens[0]));
        Assert.Null(await store.TokenRefusedBecauseAsync(q, tokens[1]));
        var notListed = await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, new Dictionary<string, string?>(answers) { ["mine"] = "NOPE" }));
        Assert.Equal("mine", notListed.Field);

        // half answered through link 2: saved without the required items, resumed, completed
        var code = await store.SaveDraftAsync(q, new Dictionary<string, string?> { ["org"] = "university", ["q1"] = "" }, tokens[1], null);
        var draft = await store.DraftAsync(q, code);
        Assert.Equal(tokens[1], draft!.Token);
        Assert.Equal(new Dictionary<string, string> { ["org"] = "university" }, draft.Answers);
        Assert.Equal(code, await store.SaveDraftAsync(q, new Dictionary<string, string?> { ["org"] = "university", ["q1"] = "2" }, tokens[1], code));
        Assert.Equal("2", (await store.DraftAsync(q, code))!.Answers["q1"]);
        Assert.Null(await store.DraftAsync(q, "wrong-code"));
        await store.SubmitAsync(q, new Dictionary<string, string?> { ["org"] = "university", ["q1"] = "2", ["q2"] = "3" }, token: draft.Token, resumeCode: code);
        Assert.Null(await store.DraftAsync(q, code));
        Assert.Equal("link_used", (await Assert.ThrowsAsync<DomainException>(() => store.SaveDraftAsync(q, answers, tokens[1], null))).Code);

        var s = await store.InvitationsAsync(q);
        Assert.Equal((3, 1), (s.Generated, s.Unused.Count));
        var a = await store.AccountAsync(q);
        Assert.Equal((5L, 2, 2), (a.Sent, a.Returned, a.Valid));
        var table = CaseTable.ParseCsv(await store.CasesCsvAsync(q), "links.csv");
        Assert.Equal(["response", "org", "mine", "q1", "q2"], table.Variables);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Responses_are_validated_accounted_and_become_a_case_table(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new QuestionnaireStore(db, TimeProvider.System);
        var q = await store.CreateAsync("Pilot", Small, sent: 10, quota: 4, closesAt: null, "analyst");
        Dictionary<string, string?> A(string org, params int[] v) => new()
            { ["org"] = org, ["q1"] = $"{v[0]}", ["q2"] = $"{v[1]}", ["q3"] = $"{v[2]}", ["q4"] = $"{v[3]}", ["q5"] = $"{v[4]}" };
        await store.SubmitAsync(q, A("enterprise", 4, 5, 2, 4, 3));
        await store.SubmitAsync(q, A("government", 3, 3, 3, 3, 3)); // straight-lining: kept, excluded
        var missing = await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, new Dictionary<string, string?> { ["org"] = "enterprise" }));
        Assert.Equal("q1", missing.Field);
        var outOfRange = await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, A("enterprise", 6, 1, 1, 1, 2)));
        Assert.Equal("q1", outOfRange.Field);
        await store.SubmitAsync(q, A("enterprise", 5, 4, 1, 5, 4));

        var a = await store.AccountAsync(q);
        Assert.Equal((10L, 3, 1, 2), (a.Sent, a.Returned, a.Excluded, a.Valid));
        Assert.Equal(0.3, a.ResponseRate!.Value, 12);
        Assert.Equal(0.2, a.EffectiveRate!.Value, 12);
        Assert.StartsWith("straight-lining", Assert.Single(a.Reasons).Reason);

        var table = CaseTable.ParseCsv(await store.CasesCsvAsync(q), "pilot.csv");
        Assert.Equal(["response", "org", "q1", "q2", "q3", "q3_r", "q4", "q5", "years"], table.Variables);
        Assert.Equal([2, 1], table.Numbers("q3"));
        Assert.Equal([4, 5], table.Numbers("q3_r"));   // 6 − answer on a five-point scale
        Assert.All(table.Numbers("years"), v => Assert.True(double.IsNaN(v)));

        await store.SubmitAsync(q, A("enterprise", 1, 2, 3, 4, 5));
        var full = await Assert.ThrowsAsync<DomainException>(() => store.SubmitAsync(q, A("enterprise", 1, 2, 3, 4, 5)));
        Assert.Equal("closed", full.Code); // quota of 4 returned questionnaires reached
    }

    static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Anonymous_respondent_answers_through_the_public_link_and_the_analyst_analyses(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var q = await new QuestionnaireStore(app.Db, TimeProvider.System).CreateAsync("Pilot", Small, 5, null, null, "analyst");
        var respondent = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        var form = await respondent.GetStringAsync($"/s/{q.PublicKey}");
        Assert.Contains("type=\"radio\" name=\"q3\"", form);
        var answers = new Dictionary<string, string> { ["org"] = "government", ["q1"] = "4", ["q2"] = "2", ["q3"] = "5", ["q4"] = "4", ["q5"] = "3", ["__RequestVerificationToken"] = Token(form) };
        var incomplete = await respondent.PostAsync($"/s/{q.PublicKey}", new FormUrlEncodedContent(answers.Where(kv => kv.Key != "q2").ToDictionary()));
        var again = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("id=\"respond-error\">Please answer", again);
        Assert.Contains("Capital matters", again);
        Assert.Contains("value=\"4\" checked=\"checked\"", again); // answers kept
        var done = await respondent.PostAsync($"/s/{q.PublicKey}", new FormUrlEncodedContent(answers));
        Assert.Contains("id=\"thanks\"", await done.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync("/s/not-a-key")).StatusCode);

        var analyst = await app.ClientAsync("analyst");
        var page = await analyst.GetStringAsync($"/surveys/questionnaires/{q.Id}");
        Assert.Contains("20.00%", page); // 1 valid of 5 sent
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.GetAsync("/surveys/questionnaires")).StatusCode); // the builder needs an account
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Respondent_saves_through_a_one_time_link_resumes_in_Chinese_and_completes(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var store = new QuestionnaireStore(app.Db, TimeProvider.System);
        var gd = new Archipelago.Kernel.Regions.Region("Guangzhou", "Guangdong", "CN");
        await new Archipelago.Kernel.Enablers.EnablerStore(app.Db, TimeProvider.System).AddAsync(
            new Archipelago.Kernel.Enablers.Enabler("E1", Archipelago.Kernel.Enablers.EnablerType.Enterprise, "Bio One", "生物一号", null, gd, null, null, "t"), "t");
        var q = await store.CreateAsync("Pilot", Bilingual, 0, null, null, "analyst");
        var token = (await store.InviteAsync(q, 1))[0];
        var respondent = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        var form = await respondent.GetStringAsync($"/s/{q.PublicKey}?t={token}");
        Assert.Contains("Policy matters", form);
        Assert.Contains("decisive", form);
        // the form posts to its own link (token, resume code, language) and still carries the anti-forgery token
        Assert.Matches(new Regex("id=\"respond-form\"((?!</form>).)*__RequestVerificationToken", RegexOptions.Singleline), form);
        var saved = await (await respondent.PostAsync($"/s/{q.PublicKey}?t={token}", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["org"] = "government", ["q1"] = "5", ["action"] = "save", ["__RequestVerificationToken"] = Token(form) }))).Content.ReadAsStringAsync();
        var code = Regex.Match(saved, "id=\"resume-code\">([0-9a-f]+)<").Groups[1].Value;
        Assert.NotEmpty(code);

        var resumed = await respondent.GetStringAsync($"/s/{q.PublicKey}?resume={code}&lang=zh");
        Assert.Contains("政策重要", WebUtility.HtmlDecode(resumed)); // Razor writes Chinese as character references
        Assert.Contains("决定性", WebUtility.HtmlDecode(resumed));
        Assert.Contains("value=\"5\" checked=\"checked\"", resumed); // the saved answer is back
        Assert.Contains("<option value=\"E1\">", resumed); // the registry's enablers to pick from, named in Chinese
        Assert.Contains("生物一号", WebUtility.HtmlDecode(resumed));
        var done = await (await respondent.PostAsync($"/s/{q.PublicKey}?resume={code}&lang=zh", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["org"] = "government", ["q1"] = "5", ["q2"] = "2", ["mine"] = "E1", ["action"] = "submit", ["__RequestVerificationToken"] = Token(resumed) }))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"thanks\"", done);
        Assert.Contains("id=\"closed\"", await respondent.GetStringAsync($"/s/{q.PublicKey}?t={token}")); // used up

        var analyst = await app.ClientAsync("analyst");
        var page = await analyst.GetStringAsync($"/surveys/questionnaires/{q.Id}");
        Assert.Contains("100.00%", page); // 1 returned of 1 one-time link sent
        var invited = await analyst.PostAsync($"/surveys/questionnaires/{q.Id}?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["count"] = "2", ["__RequestVerificationToken"] = Token(page) }));
        Assert.Equal(2, Regex.Matches(await invited.Content.ReadAsStringAsync(), $"/s/{q.PublicKey}\\?t=[0-9a-f]+").Count);
    }
}
