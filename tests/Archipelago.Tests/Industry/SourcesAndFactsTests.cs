using System.Text;
using System.Net;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry;
using Archipelago.Modules.Industry.Features.Facts;
using Archipelago.Modules.Industry.Features.Series;
using Dapper;

namespace Archipelago.Tests.Industry;

/// <summary>Structured sources (publication, table, page, URL) through import, storage, vintages and export; the migration
/// that keeps an older single-text source as the publication; and the module's employment facts — on both databases.</summary>
public class SourcesAndFactsTests
{
    static readonly TimeProvider Clock = TimeProvider.System;

    static Task<SeriesImportOutcome> Import(Database db, string text, string file = "table.csv", Citation? source = null) =>
        new SeriesImport(db, Clock).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n"))), file, true, "test", source: source);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task LongAndWideTables_CarryEachPartOfTheCitation_AndExportRoundTrips(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var o = await Import(db, """
            indicator,unit,region,period,value,source_publication,source_table,source_page,source_url
            output_value,bn yuan,China,2010,"1,235",China Statistical Yearbook 2011,Table 14-3,412,https://www.stats.gov.cn/sj/ndsj/2011/indexeh.htm
            output_value,bn yuan,China,2017,"3,641.2",China Statistical Yearbook 2018,Table 13-5,,
            """);
        Assert.True(o.Ok, string.Join("\n", o.Errors));
        var store = new SeriesStore(db, Clock);
        var figures = await store.ObservationsAsync(new SeriesKey("output_value", "China", ""));
        Assert.Equal(new Citation("China Statistical Yearbook 2011", "Table 14-3", "412", "https://www.stats.gov.cn/sj/ndsj/2011/indexeh.htm"), figures[0].Source);
        Assert.Equal(new Citation("China Statistical Yearbook 2018", "Table 13-5"), figures[1].Source);
        Assert.Equal("China Statistical Yearbook 2018, Table 13-5, p. 412".Replace(", p. 412", ""), figures[1].Source.ToString());

        // A wide row's citation covers every period; the file's citation fills in what the row leaves empty (here the URL).
        var wide = await Import(db, """
            indicator,unit,region,source_publication,source_table,source_page,2016,2017
            enterprises,count,China,Seed 000,Fig. 1,§IV ¶1,7449,7697
            """, "wide.csv", new Citation("ignored: the row names its publication", null, null, "https://example.org/seed-000"));
        Assert.True(wide.Ok, string.Join("\n", wide.Errors));
        var firms = await store.ObservationsAsync(new SeriesKey("enterprises", "China", ""));
        Assert.All(firms, f => Assert.Equal(new Citation("Seed 000", "Fig. 1", "§IV ¶1", "https://example.org/seed-000"), f.Source));

        // A changed page alone is a new vintage; the same citation again is unchanged.
        var revised = await Import(db, "indicator,region,period,value,source_publication,source_table,source_page\noutput_value,China,2017,3641.2,China Statistical Yearbook 2018,Table 13-5,388\n");
        Assert.Equal((0L, 1L, 0L), (revised.Created, revised.Revised, revised.Unchanged));

        var csv = new StringWriter();
        await new SeriesExport(db).WriteCsvAsync(csv, null, null, allVintages: false);
        Assert.Contains("China Statistical Yearbook 2011,Table 14-3,412,https://www.stats.gov.cn/sj/ndsj/2011/indexeh.htm", csv.ToString());
        var again = await Import(db, csv.ToString(), "export.csv");
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        Assert.Equal((0L, 0L, 4L), (again.Created, again.Revised, again.Unchanged));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadUrl_OrContradictorySource_IsARowError(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var o = await Import(db, """
            indicator,unit,region,period,value,source,source_publication,source_url
            x,count,China,2016,1,Yearbook,Yearbook,stats.gov.cn/table
            x,count,China,2017,2,Yearbook 2018,Yearbook 2019,
            """, "bad.csv");
        Assert.Equal(2, o.ErrorCount);
        Assert.StartsWith("bad.csv, row 2, column 'source_url': 'stats.gov.cn/table' is not a web address", o.Errors[0].ToString());
        Assert.StartsWith("bad.csv, row 3, column 'source': 'source' ('Yearbook 2018') and 'source_publication' ('Yearbook 2019') disagree", o.Errors[1].ToString());
        var fileUrl = await Import(db, "indicator,unit,region,period,value\nx,count,China,2016,1\n", "f.csv", new Citation(Url: "ftp://example.org"));
        Assert.Equal("source_url", Assert.Single(fileUrl.Errors).Column);
        Assert.True(await new SeriesStore(db, Clock).IsEmptyAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Migration_KeepsTheOldSingleTextSourceAsThePublication(string dialect)
    {
        // A workspace at the industry module's first migration, with a figure and indicator whose source is one text.
        var db = await TestDatabases.CreateAtAsync(dialect, "industry", 1);
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO industry_indicators (code, name_en, unit, frequency, source, created_at) VALUES ('output_value', 'Output', 'bn yuan', 'year', 'Yearbook 2018, table 3', 'x')");
            await c.ExecuteAsync("INSERT INTO industry_observations (indicator_id, region, subsector, period, time, vintage, value, source, recorded_at, recorded_by) " +
                "SELECT id, 'China', '', '2017', 2017, 1, 3641.2, 'Seed 000 §IV ¶2 (text for Fig. 2)', 'x', 'test' FROM industry_indicators");
        }
        Assert.Contains(await new Migrator(db).MigrateAsync(), m => m.Module == "industry" && m.Version == 2);
        var store = new SeriesStore(db, Clock);
        Assert.Equal(new Citation("Yearbook 2018, table 3"), (await store.IndicatorAsync("output_value"))!.Source);
        Assert.Equal(new Citation("Seed 000 §IV ¶2 (text for Fig. 2)"), Assert.Single(await store.ObservationsAsync(new SeriesKey("output_value", "China", ""))).Source);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Facts_OfferOnlyIndicatorsDeclaredAsEmployment_LatestVintage_WithCitations(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await Import(db, """
            indicator,indicator_name,unit,measure,region,period,value,source_publication,source_table
            employment,Persons employed,persons,employment,Guangdong,2016,210000,Guangdong Statistical Yearbook 2017,Table 5-2
            employment,Persons employed,persons,employment,Guangdong,2017,220000,Guangdong Statistical Yearbook 2018,Table 5-2
            employment,Persons employed,persons,employment,Jiangsu,2017,330000,Jiangsu Statistical Yearbook 2018,
            staff_headcount,Staff (not declared),persons,,Guangdong,2017,5,Survey,
            """)).Ok);
        Assert.True((await Import(db, "indicator,region,period,value,source_publication\nemployment,Guangdong,2017,221000,Guangdong Statistical Yearbook 2019\n", "revision.csv")).Ok);
        var facts = new Archipelago.Kernel.Facts([new IndustryModule()]);

        var catalogue = await facts.CatalogueAsync(db, FactMeasure.Employment, default);
        Assert.Equal(["industry:employment|Guangdong|", "industry:employment|Jiangsu|"], catalogue.Select(i => i.Id));
        Assert.Equal(("persons", "Guangdong"), (catalogue[0].Unit, catalogue[0].Region));
        Assert.Empty(await facts.CatalogueAsync(db, FactMeasure.Patents, default));
        Assert.Equal(2, (await facts.CatalogueAsync(db, null, default)).Count);

        var s = (await facts.SeriesAsync(db, "industry:employment|Guangdong|", default))!;
        Assert.Equal([new FactPoint("2016", 210000), new FactPoint("2017", 221000)], s.Points);
        Assert.Equal("Guangdong Statistical Yearbook 2017, Table 5-2; Guangdong Statistical Yearbook 2019", s.Source);
        Assert.Null(await facts.SeriesAsync(db, "industry:staff_headcount|Guangdong|", default));   // not declared: not offered
        Assert.Null(await facts.SeriesAsync(db, "industry:employment|Mars|", default));
        Assert.Null(await facts.SeriesAsync(db, "industry:garbage", default));
        Assert.Null(await facts.DateAsync(db, FactMeasure.PatentExpiry, "EP1234567B1", default));

        // A row that contradicts the declared measure is refused; an unknown measure cannot be declared.
        var contradiction = await Import(db, "indicator,region,period,value,measure\nstaff_headcount,Guangdong,2018,6,employment\n", "c.csv");
        Assert.Equal("measure", Assert.Single(contradiction.Errors).Column);
        var unknown = await Import(db, "indicator,unit,region,period,value,measure\nz,count,China,2018,6,patents\n", "u.csv");
        Assert.Equal("measure", Assert.Single(unknown.Errors).Column);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PageApiAndCli_ShowAndTakeStructuredSources(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var op = await app.ClientAsync(Role.Operator);
        var viewer = await app.ClientAsync(Role.Viewer);
        // API: the file's citation given as query parameters fills what the rows leave empty.
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("indicator,unit,region,source_table,2016,2017\nemployment,persons,Guangdong,Table 5-2,210000,220000\n")), "file", "gd.csv" } };
        var imported = await op.PostAsync("/api/industry/import/series?source_publication=" + Uri.EscapeDataString("Guangdong Statistical Yearbook 2018") + "&source_page=88&source_url=" + Uri.EscapeDataString("https://stats.gd.gov.cn/gdtjnj/"), form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var series = await viewer.GetFromJsonAsync<JsonElement>("/api/industry/series/employment?region=Guangdong");
        var source = series.GetProperty("figures")[0].GetProperty("source");
        Assert.Equal(("Guangdong Statistical Yearbook 2018", "Table 5-2", "88", "https://stats.gd.gov.cn/gdtjnj/"),
            (source.GetProperty("publication").GetString(), source.GetProperty("table").GetString(), source.GetProperty("page").GetString(), source.GetProperty("url").GetString()));
        var badUrl = await op.PostAsync("/api/industry/import/series?source_url=not-a-url", new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("indicator,region,period,value\nemployment,Guangdong,2018,1\n")), "file", "b.csv" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badUrl.StatusCode);

        // API: an indicator's description takes a structured source and a measure; an unknown measure is refused.
        var put = await op.PutAsJsonAsync("/api/industry/indicators/employment", new
        {
            nameEn = "Persons employed", unit = "persons", measure = "employment",
            source = new { publication = "Guangdong Statistical Yearbook", table = "Table 5-2", url = "https://stats.gd.gov.cn/gdtjnj/" },
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.Equal("bad_measure", (await (await op.PutAsJsonAsync("/api/industry/indicators/employment", new { nameEn = "x", unit = "persons", measure = "headcount" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("bad_source_url", (await (await op.PutAsJsonAsync("/api/industry/indicators/employment", new { nameEn = "x", unit = "persons", source = new { url = "ftp://x" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // Page: the citation with its link, for the indicator and for each figure.
        var page = await viewer.GetStringAsync("/industry/series?indicator=employment&region=Guangdong");
        Assert.Contains("<a href=\"https://stats.gd.gov.cn/gdtjnj/\" rel=\"noopener noreferrer\">Guangdong Statistical Yearbook 2018, Table 5-2, p. 88</a>", page);
        Assert.Contains("id=\"indicator-source\"", page);

        // CLI: --source-* options cite the whole file; show prints each figure's citation.
        var ws = app.Db.SqliteFile is { } file ? new[] { "--data", Path.GetDirectoryName(file)! } : ["--database", app.Db.ConnectionString];
        var csv = Path.Combine(Directory.CreateTempSubdirectory("industry-sources").FullName, "js.csv");
        await File.WriteAllTextAsync(csv, "indicator,region,period,value\nemployment,Jiangsu,2017,330000\n");
        var cli = await CliProcess.RunAsync([.. ws, "industry", "import", csv, "--source-publication", "Jiangsu Statistical Yearbook 2018", "--source-table", "Table 4-1", "--source-url", "https://tj.jiangsu.gov.cn/"]);
        Assert.Equal(0, cli.ExitCode);
        var show = await CliProcess.RunAsync([.. ws, "industry", "show", "employment", "--region", "Jiangsu"]);
        Assert.Contains("Jiangsu Statistical Yearbook 2018, Table 4-1, https://tj.jiangsu.gov.cn/", show.Out);
        Assert.Contains("(offered as employment)", show.Out);
        var refused = await CliProcess.RunAsync([.. ws, "industry", "import", csv, "--source-url", "tj.jiangsu.gov.cn"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("js.csv, row 1, column 'source_url'", refused.Error);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ImportPage_TakesTheFilesCitation_WithoutJavaScript(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var client = await Valuation.ValuationPagesTests.PageClientAsync(app, Role.Operator);
        var html = await client.GetStringAsync("/industry/import");
        Assert.Contains("name=\"SourceUrl\"", html);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("indicator,unit,region,2016,2017\nenterprises,count,China,7449,7697\n")), "Upload", "seed.csv" },
            { new StringContent("Seed 000"), "SourcePublication" }, { new StringContent("Fig. 1"), "SourceTable" },
            { new StringContent("§IV ¶1"), "SourcePage" }, { new StringContent("https://example.org/seed-000"), "SourceUrl" },
            { new StringContent("true"), "Commit" }, { new StringContent(token), "__RequestVerificationToken" },
        };
        var response = await client.PostAsync("/industry/import", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("id=\"import-result\" class=\"ok\"", body);
        var figures = await new SeriesStore(app.Db, Clock).ObservationsAsync(new SeriesKey("enterprises", "China", ""));
        Assert.All(figures, f => Assert.Equal(new Citation("Seed 000", "Fig. 1", "§IV ¶1", "https://example.org/seed-000"), f.Source));
    }
}
