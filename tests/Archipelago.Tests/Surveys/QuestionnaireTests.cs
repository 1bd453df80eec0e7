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
        Assert.Equal(3 * (DemoStudy.ItemWording.Length + 1) + 4, template.Items.Count());
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
}
