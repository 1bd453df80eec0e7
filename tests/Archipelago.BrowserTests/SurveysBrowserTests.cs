using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Surveys;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>The survey studio in Chromium: an analyst uploads a CSV, runs a regression, sees its table and residual
/// plots and downloads the tables as CSV; a respondent answers through a one-time link, saves, resumes in Chinese
/// and completes.</summary>
public sealed class SurveysBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db)
    {
        await new AccountStore(db, TimeProvider.System).CreateAsync("analyst", "Analyst", Role.Analyst, Password, null, "test");
    }

    [Fact]
    public async Task Analyst_uploads_a_csv_runs_a_regression_sees_table_and_charts_and_exports_csv()
    {
        // y = 1 + 2·x1 − x2 + a small deterministic wobble, 40 cases
        var csv = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < 40; i++)
        {
            double x1 = i % 7, x2 = i % 5, y = 1 + 2 * x1 - x2 + 0.3 * Math.Sin(i);
            csv.Append(CultureInfo.InvariantCulture, $"{x1},{x2},{y:R}\n");
        }
        var file = Path.Combine(Path.GetTempPath(), $"surveys-browser-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());

        var page = await SignedInAsync("analyst");
        await page.GotoAsync(address + "/surveys");
        await page.FillAsync("input[name=Name]", "Browser data");
        await page.SetInputFilesAsync("input[name=Upload]", file);
        await page.ClickAsync("button[type=submit].primary");
        await ArrivedAsync(page, new Regex("/surveys/datasets/\\d+$"));
        await page.ClickAsync("#analyses-menu a[href='?analysis=regress']");
        await page.SelectOptionAsync("select[name=y]", "y");
        await page.SelectOptionAsync("select[name=x]", new[] { "x1", "x2" });
        await page.ClickAsync("#analysis-form button[type=submit]");
        await ArrivedAsync(page, new Regex("/surveys/analyses/\\d+$"));
        Assert.Equal(1, await page.Locator("table.apa th[scope=row]", new() { HasTextString = "x1" }).CountAsync());
        Assert.True(await page.Locator("figure.chart svg").CountAsync() >= 2); // residuals vs fitted, normal Q–Q
        Assert.Contains("Residuals against fitted values", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "surveys-regression.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(exported.Split('\n'), l => l.StartsWith("x1,"));
        Assert.Contains(exported.Split('\n'), l => l.StartsWith("x2,"));
    }

    [Fact]
    public async Task Respondent_answers_through_a_one_time_link_saves_resumes_in_chinese_and_completes()
    {
        var q = await new QuestionnaireStore(db, TimeProvider.System).CreateAsync("Pilot", """
            # About you || 关于您
            org | choice(enterprise;university;government;other) | Organisation type || 机构类型
            # Influence || 影响
            anchors: none;slight;moderate;strong;decisive || 没有;较小;一般;较大;决定性
            q1 | likert5 | Policy matters || 政策重要
            q2 | likert5 | Capital matters || 资本重要
            """, 0, null, null, "analyst");

        var owner = await SignedInAsync("analyst");
        await owner.GotoAsync($"{address}/surveys/questionnaires/{q.Id}");
        await owner.FillAsync("#invite-form input[name=count]", "1");
        await owner.ClickAsync("#invite-form button[type=submit]");
        var link = (await owner.InputValueAsync("#one-time-links")).Trim();
        Assert.Matches($"/s/{q.PublicKey}\\?t=[0-9a-f]+$", link);

        var respondent = await (await browser.NewContextAsync(new() { Locale = "en-GB" })).NewPageAsync();
        respondent.SetDefaultTimeout(120_000);
        await respondent.GotoAsync(link);
        Assert.Contains("decisive", await respondent.InnerTextAsync("#respond-form"));
        await respondent.CheckAsync("input[name=org][value=university]");
        await respondent.CheckAsync("input[name=q1][value='4']");
        await respondent.ClickAsync("#save-draft"); // q2 unanswered: saving needs no complete form
        var resumeLink = await respondent.GetAttributeAsync("#resume-link", "href");
        var code = (await respondent.InnerTextAsync("#resume-code")).Trim();
        Assert.Contains(code, resumeLink);

        // later, on another device: the code alone brings the answers back; the respondent switches to Chinese
        var later = await (await browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        later.SetDefaultTimeout(120_000);
        await later.GotoAsync($"{address}/s/{q.PublicKey}");
        await later.FillAsync("#resume-form input[name=resume]", code);
        await later.ClickAsync("#resume-form button[type=submit]");
        await later.ClickAsync("#languages a[lang=zh-Hans]");
        Assert.Contains("政策重要", await later.InnerTextAsync("#respond-form"));
        Assert.True(await later.IsCheckedAsync("input[name=q1][value='4']"));
        await later.CheckAsync("input[name=q2][value='2']");
        await later.ClickAsync("#respond-form button[value=submit]");
        await later.WaitForSelectorAsync("#thanks");
        await later.ScreenshotAsync(new() { Path = Path.Combine(Shots, "surveys-respond.png"), FullPage = true });

        await respondent.GotoAsync(link);
        Assert.True(await respondent.Locator("#closed").IsVisibleAsync()); // the one-time link is used up

        await owner.GotoAsync($"{address}/surveys/questionnaires/{q.Id}");
        Assert.Contains("100.00%", await owner.InnerTextAsync("#accounting"));
    }
}
