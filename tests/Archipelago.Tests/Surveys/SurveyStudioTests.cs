using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archipelago.Modules.Surveys;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Surveys;

/// <summary>
/// The survey studio: datasets saved and analyses stored on both databases, reopened with the same numbers, the pages
/// (upload → form generated from the declaration → stored result with tables and chart), and the declarations held to
/// the API's and the CLI's option names.
/// </summary>
public class SurveyStudioTests
{
    static readonly string BfiPath = SharedData.Path("survey-psych-bfi", "bfi.csv");
    static readonly string[] Items = "ACENO".SelectMany(c => Enumerable.Range(1, 5).Select(i => $"{c}{i}")).ToArray();

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Dataset_and_analysis_are_stored_and_reopen_with_the_same_result(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new SurveyStore(db, TimeProvider.System);
        await using var file = File.OpenRead(BfiPath);
        var (csv, table) = SurveyStore.ReadUpload(file, "bfi.csv");
        var ds = await store.SaveDatasetAsync("bfi", "bfi.csv", csv, table, "analyst");
        Assert.Equal(2800, ds.Cases);
        Assert.Equal(29, ds.Variables.Count); // id, 25 items, gender, education, age

        var (reloaded, reTable) = (await store.DatasetAsync(ds.Id))!.Value;
        Assert.Equal(ds.Fingerprint, reloaded.Fingerprint);
        Assert.Equal(table.Numbers("age"), reTable.Numbers("age"));

        var efa = AnalysisCatalogue.Find("efa")!;
        var stored = await store.RunAsync(ds.Id, efa, new Dictionary<string, string?>
            { ["items"] = string.Join(",", Items), ["factors"] = "5", ["rotation"] = "promax", ["ignored"] = "x" }, "analyst");
        Assert.DoesNotContain("ignored", stored.Options.Keys);
        var again = await store.AnalysisAsync(stored.Id);
        Assert.NotNull(again);
        Assert.Equal(SurveyStore.AnalysisVersion, again.Version);
        Assert.Equal(ds.Fingerprint, again.Fingerprint);
        var report = (EfaReport)SurveyStore.Report(again, efa);
        var direct = SurveyAnalyses.Efa(table, Items, 5, "pa", "promax");
        Assert.Equal(direct.Kmo, report.Kmo);
        Assert.Equal(direct.Loadings.SelectMany(l => l.Loadings), report.Loadings.SelectMany(l => l.Loadings));
        Assert.Equal("promax", Assert.Single(await store.AnalysesAsync(ds.Id)).Options["rotation"]);

        var bad = await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() =>
            store.RunAsync(ds.Id, AnalysisCatalogue.Find("anova")!, new Dictionary<string, string?> { ["y"] = "A1", ["group"] = "region" }, "analyst"));
        Assert.Equal("region", bad.Field);
        Assert.Single(await store.AnalysesAsync(ds.Id));
    }

    [Fact]
    public void Upload_of_other_formats_or_text_in_numbers_is_refused_with_the_file_named()
    {
        var e = Assert.Throws<Archipelago.Kernel.DomainException>(() => SurveyStore.ReadUpload(new MemoryStream("x"u8.ToArray()), "survey.sav"));
        Assert.Equal("unsupported_format", e.Code);
        var empty = Assert.Throws<Archipelago.Kernel.DomainException>(() => SurveyStore.ReadUpload(new MemoryStream("a,b\n"u8.ToArray()), "s.csv"));
        Assert.Equal("empty_file", empty.Code);
        var (_, t) = SurveyStore.ReadUpload(new MemoryStream("a,b\n1,x\n"u8.ToArray()), "s.csv");
        Assert.Contains("s.csv, row 2, column 'b'", Assert.Throws<Archipelago.Kernel.DomainException>(() => t.Numbers("b")).Message);
    }

    [Fact]
    public void Xlsx_upload_becomes_the_same_case_table_as_its_csv()
    {
        // data/small-survey.xlsx was written by openpyxl 3.0.9 (ints, decimals, text, one empty cell); found from the repository root.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Archipelago.slnx"))) root = root.Parent!;
        using var file = File.OpenRead(Path.Combine(root.FullName, "tests", "Archipelago.Tests", "Surveys", "data", "small-survey.xlsx"));
        var (csv, t) = SurveyStore.ReadUpload(file, "small-survey.xlsx");
        Assert.Equal(["id", "org_type", "q1", "q2", "score"], t.Variables);
        Assert.Equal([4, 2, 5], t.Numbers("q1"));
        Assert.True(double.IsNaN(t.Numbers("q2")[1]));
        Assert.Equal([3.5, 2.25, 4.75], t.Numbers("score"));
        Assert.Equal(["enterprise", "government", "enterprise"], t.Labels("org_type"));
        Assert.StartsWith("id,org_type,q1,q2,score", csv);
    }

    static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Analyst_uploads_runs_from_the_generated_form_and_reopens_the_result(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        var signIn = await client.GetStringAsync("/account/sign-in");
        var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Username"] = "analyst", ["Password"] = TestApp.Password, ["__RequestVerificationToken"] = Token(signIn) }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var studio = await client.GetStringAsync("/surveys");
        var upload = new MultipartFormDataContent
        {
            { new StringContent("bfi"), "Name" }, { new StringContent(Token(studio)), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(BfiPath)), "Upload", "bfi.csv" },
        };
        var uploaded = await client.PostAsync("/surveys", upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var datasetUrl = uploaded.Headers.Location!.ToString();

        var form = await client.GetStringAsync(datasetUrl + "?analysis=anova");
        Assert.Contains("name=\"y\"", form);      // generated from the declaration's options
        Assert.Contains("name=\"group\"", form);
        Assert.Contains("<option value=\"education\">", form);
        var run = await client.PostAsync(datasetUrl + "?analysis=anova", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["y"] = "A1", ["group"] = "education", ["__RequestVerificationToken"] = Token(form) }));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var result = await client.GetStringAsync(run.Headers.Location);
        Assert.Contains("<caption>Tukey HSD</caption>", result);
        Assert.Contains("14.842", result);             // F, as R's aov gives it (14.84…)
        Assert.Contains("<svg", result);                // means with CIs
        Assert.Contains("y = A1; group = education", result);

        var bad = await client.PostAsync(datasetUrl + "?analysis=ttest", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["kind"] = "independent", ["y"] = "age", ["group"] = "education", ["__RequestVerificationToken"] = Token(form) }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Grouping variable &#x27;education&#x27; has 5 values", await bad.Content.ReadAsStringAsync());
        Assert.Contains("/surveys/analyses/", await client.GetStringAsync(datasetUrl));

        var viewer = await app.ClientAsync("viewer");
        Assert.NotEqual(HttpStatusCode.OK, (await viewer.GetAsync("/surveys")).StatusCode);
    }

    [Fact]
    public void Every_declared_option_is_an_api_field_and_a_cli_option()
    {
        var requests = new Dictionary<string, Type>
        {
            ["describe"] = typeof(object), ["reliability"] = typeof(ReliabilityRequest), ["corr"] = typeof(CorrelateRequest), ["regress"] = typeof(RegressRequest),
            ["ttest"] = typeof(TTestRequest), ["anova"] = typeof(GroupComparisonRequest), ["nonparam"] = typeof(GroupComparisonRequest),
            ["efa"] = typeof(EfaRequest), ["crosstab"] = typeof(CrosstabRequest),
        };
        var stats = SurveysCommands.All().Single();
        foreach (var a in AnalysisCatalogue.All)
        {
            var verb = stats.Subcommands.Single(c => c.Name == a.Name);
            foreach (var o in a.Options)
            {
                // Over the CLI the data is the file, so the crosstab's column variable is plainly --columns.
                var flag = "--" + (o.Name == "columns_variable" ? "columns" : o.Name.Replace('_', '-'));
                Assert.True(verb.Options.Any(x => x.Name == flag), $"stats {a.Name} lacks {flag}");
                if (a.Name == "describe") continue; // describe has no API endpoint yet
                var fields = requests[a.Name].GetProperties().Select(p =>
                    p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name
                    ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name));
                Assert.True(fields.Contains(o.Name), $"POST /api/surveys/{a.Name} lacks field {o.Name}");
            }
        }
    }
}
