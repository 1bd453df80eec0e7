using System.Globalization;
using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Web.Charts;
using Archipelago.Modules.Surveys;
using Archipelago.Numerics.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Archipelago.Tests.Surveys;

/// <summary>A stored analysis' tables exported to CSV, XLSX and HTML (page and API, both databases) and the charts
/// drawn from the data: item distributions and the residual plots of a regression.</summary>
public class ResultExportTests
{
    static readonly string BfiPath = SharedData.Path("survey-psych-bfi", "bfi.csv");

    [Fact]
    public void Residual_plots_hold_the_residuals_and_normal_quantiles_statsmodels_gives()
    {
        var data = CaseTable.FromColumns(new Dictionary<string, double?[]> { ["x"] = [1, 2, 3, 4, 5, 6], ["y"] = [3, 5, 7, 9, 12, 12] });
        var report = SurveyAnalyses.Regress(data, "y", ["x"]);
        var charts = SurveyCharts.WithData(report, data, k => k);
        Assert.Equal(["residuals-fitted", "residuals-qq"], charts.Select(c => c.Name));
        // /usr/bin/python3: m = sm.OLS(y, sm.add_constant(x)).fit(); m.fittedvalues, m.resid
        double[] fitted = [3.1428571428571432, 5.085714285714287, 7.02857142857143, 8.971428571428575, 10.914285714285718, 12.857142857142861];
        double[] resid = [-0.14285714285714324, -0.08571428571428719, -0.028571428571430246, 0.028571428571424917, 1.0857142857142819, -0.8571428571428612];
        var vsFitted = Assert.IsType<ScatterChart>(charts[0].Chart).Points;
        for (var i = 0; i < 6; i++) { Assert.Equal(fitted[i], vsFitted[i].X, 10); Assert.Equal(resid[i], vsFitted[i].Y, 10); }
        // scipy: norm.ppf((i + 1 − 0.375)/(n + 0.25)); sorted(m.resid / sqrt(m.scale))
        double[] quantiles = [-1.2815515655446004, -0.643345405392917, -0.20189347914185088, 0.20189347914185074, 0.643345405392917, 1.2815515655446004];
        double[] standardised = [-1.229880092536188, -0.20498001542269756, -0.12298800925362031, -0.04099600308454181, 0.04099600308453416, 1.5578481172124916];
        var qq = Assert.IsType<ScatterChart>(charts[1].Chart).Points;
        for (var i = 0; i < 6; i++) { Assert.Equal(quantiles[i], qq[i].X, 9); Assert.Equal(standardised[i], qq[i].Y, 9); }
    }

    [Fact]
    public void Item_distributions_stack_the_share_of_each_answer()
    {
        var data = CaseTable.FromColumns(new Dictionary<string, double?[]> { ["q1"] = [1, 2, 2, 5], ["q2"] = [3, 3, null, 4], ["age"] = [31.5, 40, 22, 50] });
        var chart = Assert.IsType<BarChart>(SurveyCharts.ItemDistributions(["q1", "q2", "age"], data, k => k)!.Value.Item1);
        Assert.Equal(["q1", "q2"], chart.Categories); // age is not answered on a scale
        Assert.True(chart.Stacked);
        Assert.Equal(["1", "2", "3", "4", "5"], chart.Data.Select(s => s.Name));
        Assert.Equal([25.0, 0], chart.Data[0].Values);
        Assert.Equal([50.0, 0], chart.Data[1].Values);
        Assert.Equal(200.0 / 3, chart.Data[2].Values[1], 12);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Stored_analysis_tables_download_as_csv_xlsx_and_html_with_charts_on_the_page(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var store = new SurveyStore(app.Db, TimeProvider.System);
        await using var file = File.OpenRead(BfiPath);
        var (csv, table) = SurveyStore.ReadUpload(file, "bfi.csv");
        var ds = await store.SaveDatasetAsync("bfi", "bfi.csv", csv, table, "analyst");
        var reg = await store.RunAsync(ds.Id, AnalysisCatalogue.Find("regress")!, new Dictionary<string, string?> { ["y"] = "A2", ["x"] = "A1,A3,A4" }, "analyst");
        var rel = await store.RunAsync(ds.Id, AnalysisCatalogue.Find("reliability")!, new Dictionary<string, string?> { ["items"] = "A1,A2,A3,A4,A5", ["reverse"] = "A1", ["scale_min"] = "1", ["scale_max"] = "6" }, "analyst");
        var b = JsonDocument.Parse(reg.Result).RootElement.GetProperty("coefficients")[1].GetProperty("B").GetDouble();

        var analyst = await app.ClientAsync("analyst");
        var csvResponse = await analyst.GetAsync($"/api/surveys/analyses/{reg.Id}/tables?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.StartsWith("text/csv", csvResponse.Content.Headers.ContentType!.ToString());
        var csvText = await csvResponse.Content.ReadAsStringAsync();
        var coefficientLine = csvText.Split('\n').First(l => l.StartsWith("A1,"));
        Assert.Equal(b, double.Parse(coefficientLine.Split(',')[1], CultureInfo.InvariantCulture), 3);

        var xlsx = await analyst.GetByteArrayAsync($"/api/surveys/analyses/{reg.Id}/tables?format=xlsx");
        using (var sheet = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var rows = sheet.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            var a1 = rows.First(r => r.Elements<Cell>().FirstOrDefault()?.InnerText == "A1").Elements<Cell>().ElementAt(1);
            Assert.Equal(CellValues.Number, a1.DataType!.Value);
            Assert.Equal(b, double.Parse(a1.CellValue!.Text, CultureInfo.InvariantCulture), 3);
        }
        var html = await analyst.GetStringAsync($"/api/surveys/analyses/{rel.Id}/tables?format=html");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<table><caption>", html);

        var bad = await analyst.GetAsync($"/api/surveys/analyses/{reg.Id}/tables?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("format", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/surveys/analyses/999999/tables")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.ClientAsync(null)).GetAsync($"/api/surveys/analyses/{reg.Id}/tables")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.ClientAsync("viewer")).GetAsync($"/api/surveys/analyses/{reg.Id}/tables")).StatusCode);

        var page = await analyst.GetStringAsync($"/surveys/analyses/{reg.Id}");
        Assert.Contains("id=\"export-xlsx\"", page);
        Assert.Contains("Residuals against fitted values", page);
        Assert.Contains("Normal Q–Q plot", WebUtility.HtmlDecode(page));
        Assert.Contains("Item distributions", await analyst.GetStringAsync($"/surveys/analyses/{rel.Id}"));
        Assert.Equal(csvText, await analyst.GetStringAsync($"/surveys/analyses/{reg.Id}?handler=Tables&format=csv"));
    }
}
