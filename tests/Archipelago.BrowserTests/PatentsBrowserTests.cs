using System.IO.Compression;
using System.Text;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Microsoft.Playwright;

namespace Archipelago.BrowserTests;

/// <summary>The patents pages in Chromium: import a real sample through the form, search, save the search, open its
/// landscape and download the results; a long upload shows its progress and is cancelled to nothing.</summary>
public sealed class PatentsBrowserTests : BrowserSession
{
    protected override async Task SeedAsync(Database db) =>
        await new AccountStore(db, TimeProvider.System).CreateAsync("operator", "Operator", Role.Operator, Password, null, "test");

    /// <summary>The Lens Sangamo sample in ../shared/data beside the clone (as the unit tests find it).</summary>
    static string Sample
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("ARCHIPELAGO_SHARED_DATA");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); root is null && dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data"))) root = Path.Combine(dir.FullName, "shared", "data");
            return Path.Combine(root ?? throw new DirectoryNotFoundException("shared/data not found; set ARCHIPELAGO_SHARED_DATA."), "patents-lens-sangamo", "lens-export.csv");
        }
    }

    [Fact]
    public async Task Operator_ImportsASample_Searches_SavesTheSearch_AndOpensItsLandscape()
    {
        var page = await SignedInAsync("operator");

        await page.GotoAsync(address + "/patents/import");
        await page.SetInputFilesAsync("input[name=Upload]", Sample);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForSelectorAsync("#import-result");
        // SOURCE.md of the sample: 130 rows, all of them US publications of Sangamo Therapeutics.
        Assert.Contains("130 rows: 130 created", await page.InnerTextAsync("#import-result"));
        Assert.Contains("lens-export.csv", await page.InnerTextAsync("#recent-imports"));

        await page.GotoAsync(address + "/patents/search");
        await page.FillAsync("input[name=Q]", "zinc finger");
        await page.FillAsync("input[name=Jurisdiction]", "US");
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForSelectorAsync("#search-total");
        Assert.True(await page.Locator("article.hit mark").CountAsync() > 0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.Equal("patent-search.csv", download.SuggestedFilename);
        var total = long.Parse((await page.InnerTextAsync("#search-total")).Split(' ')[0].Replace(",", ""));
        var lines = File.ReadAllLines(await download.PathAsync(), Encoding.UTF8).Length;
        Assert.True(lines >= total + 1); // header + every record (a title may span lines when quoted)
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "patents-search.png"), FullPage = true });

        await page.FillAsync("#save-search input[name=name]", "zinc fingers");
        await page.ClickAsync("#save-search button[type=submit]");
        await page.WaitForSelectorAsync("#search-saved");
        await page.ClickAsync("#saved-searches a:has-text('Landscape')");
        await page.WaitForSelectorAsync("#landscape-totals");
        Assert.Contains("Saved search 'zinc fingers'", await page.InnerTextAsync("#landscape-saved"));
        Assert.Equal("zinc finger", await page.InputValueAsync("input[name=Text]"));
        Assert.True(await page.Locator("figure.chart svg").CountAsync() >= 1);
        Assert.Contains("SANGAMO THERAPEUTICS", await page.ContentAsync());
        // Trends, growth and who files with whom: the Sangamo sample's zinc-finger records name co-applicants (Dow
        // AgroSciences, Sangamo BioSciences) and span 2017–2025, enough years for a growth window.
        Assert.Contains("Growth: records in", await page.InnerTextAsync("#growth-window"));
        Assert.Equal(1, await page.Locator("figure[data-chart=applicant-trends] svg").CountAsync());
        Assert.Equal(1, await page.Locator("#co-applicants figure svg").CountAsync());
        Assert.Contains("DOW AGROSCIENCES", await page.InnerTextAsync("#co-applicants table"));
        var network = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#co-applicants-csv"));
        Assert.Equal("patent-co-applicants.csv", network.SuggestedFilename);
        Assert.Equal("source,target,weight", File.ReadLines(await network.PathAsync(), Encoding.UTF8).First().TrimStart('\uFEFF'));
        var tables = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#landscape-xlsx"));
        Assert.Equal("patent-landscape.xlsx", tables.SuggestedFilename);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "patents-landscape.png"), FullPage = true });
    }

    [Fact]
    public async Task ALongUpload_ShowsProgress_AndCancelStoresNothing()
    {
        // A generated Lens export of 300,000 rows (about 53 MB), zipped as a download would be: long enough to still be
        // importing when the status page first shows, and read from the archive as it imports.
        var dir = Directory.CreateTempSubdirectory("archipelago-browser-patents-").FullName;
        var path = Path.Combine(dir, "long-lens.csv");
        await using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await w.WriteLineAsync("\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications");
            for (var i = 0; i < 300_000; i++)
                await w.WriteLineAsync($"{i + 1},US,B2,US {10_000_000 + i} B2,{i:D6}-000,2021-0{i % 9 + 1}-15,2021,Generated title {i},An abstract about nucleases and vectors {i},\"GENERATED BIO {i % 50} INC\",SMITH JOHN,C12N9/22;;A61K38/46");
        }
        var zip = Path.Combine(dir, "long-lens.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            archive.CreateEntryFromFile(path, "long-lens.csv", CompressionLevel.Fastest);
        var page = await SignedInAsync("operator");
        await page.GotoAsync(address + "/patents/import");
        await page.SetInputFilesAsync("input[name=Upload]", zip);

        // Another writer holds the workspace (as a second import would) until Cancel has been pressed: without it the
        // import sometimes finished before the click on a fast run (CI, once in many), and the test raced the import.
        // The import waits for the write lock (30 s command timeout), showing its status meanwhile.
        await using var writer = await db.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(writer, "BEGIN IMMEDIATE");
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForSelectorAsync("#import-running");
        Assert.Contains("/patents/import?Job=", page.Url);
        Assert.Contains("Importing long-lens.zip", await page.InnerTextAsync("#import-running h2"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "patents-import-running.png"), FullPage = true });
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#cancel-import"), r => r.Request.Method == "POST");
        await Dapper.SqlMapper.ExecuteAsync(writer, "COMMIT");

        await page.WaitForSelectorAsync("#import-cancelled");
        await using var c = await db.OpenAsync();
        Assert.Equal(0L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM patents_records"));
        Directory.Delete(dir, recursive: true);
    }
}
