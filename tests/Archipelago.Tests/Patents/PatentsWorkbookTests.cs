using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;
using CsvHelper;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Archipelago.Tests.Patents;

/// <summary>Generic XLSX import through a saved column mapping: a workbook built here from real rows of the Lens Sangamo
/// sample (read independently with CsvHelper), sheet-aware messages, all-or-nothing.</summary>
public class PatentsWorkbookTests
{
    /// <summary>Rows of the sample: display key, title, applicants, publication date, publication year, IPCR.</summary>
    internal static List<string[]> SampleRows(int n)
    {
        using var reader = new StreamReader(SharedData.Path("patents-lens-sangamo", "lens-export.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<string[]>();
        while (rows.Count < n && csv.Read())
            rows.Add([csv.GetField("Display Key")!, csv.GetField("Title")!, csv.GetField("Applicants")!, csv.GetField("Publication Date")!,
                csv.GetField("Publication Year")!, csv.GetField("IPCR Classifications")!]);
        return rows;
    }

    /// <summary>Writes a workbook; a cell starting with '#' is written as a number (as Excel stores a typed year).</summary>
    internal static string Workbook(string name, params (string Sheet, IReadOnlyList<string?[]> Rows)[] sheets)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var list = wb.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (sheet, rows) in sheets)
        {
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var r in rows)
                data.Append(new Row(r.Select(v => v is ['#', .. var number]
                    ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) }
                    : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v ?? "")) })));
            ws.Worksheet = new Worksheet(data);
            list.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = id++, Name = sheet });
        }
        wb.Workbook.Save();
        return path;
    }

    static readonly ColumnMapping Mapping = new()
    {
        PublicationNumber = "Pub No", Title = "Invention", Applicants = "Owner", PublicationDate = "Published", PublicationYear = "Year",
        Ipc = "IPC", Separator = ";;",
    };

    static readonly string?[] Header = ["Pub No", "Invention", "Owner", "Published", "Year", "IPC"];

    /// <summary>The documented key: upper case, spaces, '/', '-', '.', ',' removed.</summary>
    static string Key(string number) => Regex.Replace(number.ToUpperInvariant(), @"[\s/\-.,]", "");

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AWorkbook_ImportsThroughASavedMapping_SheetBySheet(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await new MappingStore(db, TimeProvider.System).SaveAsync("inhouse", Mapping, "test");
        var sample = SampleRows(12);
        var records = sample.Select(r => new string?[] { r[0], r[1], r[2], r[3], "#" + r[4], r[5] }).ToList();
        var path = Workbook("portfolio.xlsx",
            ("Read me", [["Exported from the in-house portfolio tool"], ["No patent numbers on this sheet"]]),
            ("Granted", [Header, .. records.Take(5)]),
            ("Applications", [[], Header, .. records.Skip(5)])); // a blank first row: the header is the first non-empty row

        var result = await new PatentImport(db, TimeProvider.System).RunAsync(path, "mapping:inhouse", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(12, result.Created);
        Assert.Equal("mapping:inhouse", result.Format);
        Assert.Contains(result.Notes, n => n.Contains("'Read me'"));
        await using var c = await db.OpenAsync();
        foreach (var r in sample)
        {
            var stored = await c.QuerySingleAsync<(string Title, long Year, string Ipc)>(
                "SELECT title, publication_year, ipc FROM patents_records WHERE publication_number = @n", new { n = Key(r[0]) });
            Assert.Equal(r[1], stored.Title);
            Assert.Equal(int.Parse(r[4], CultureInfo.InvariantCulture), stored.Year);
            Assert.Equal(r[5].Split(";;").Length, stored.Ipc.Split(";;").Length);
        }
        Assert.Equal(12, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_applicants WHERE applicant = 'SANGAMO THERAPEUTICS'"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ABadRow_NamesFileSheetRowAndColumn_AndNothingIsStored(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await new MappingStore(db, TimeProvider.System).SaveAsync("inhouse", Mapping, "test");
        var rows = SampleRows(4).Select(r => new string?[] { r[0], r[1], r[2], r[3], r[4], r[5] }).ToList();
        rows[2][0] = "";        // sheet row 4: no publication number
        rows[1][3] = "2019-13-45"; // sheet row 3: not a day (a warning only)
        var path = Workbook("broken.xlsx", ("Records", [Header, .. rows]));
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(path, "mapping:inhouse", "test");
        Assert.False(result.Committed);
        Assert.Equal("broken.xlsx, sheet 'Records', row 4, column 'pub_no': the publication number is empty; every record is keyed on it.",
            Assert.Single(result.Errors).ToString());
        Assert.Contains(result.Warnings, w => w.ToString().StartsWith("broken.xlsx, sheet 'Records', row 3, column 'published'", StringComparison.Ordinal));
        await using var c = await db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
    }

    [Fact]
    public async Task AWorkbookWithoutTheMappedColumn_IsRefused_AndALensWorkbookIsRecognised()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await new MappingStore(db, TimeProvider.System).SaveAsync("inhouse", Mapping, "test");
        var wrong = Workbook("other.xlsx", ("Sheet1", [["Number", "Name"], ["US1", "x"]]));
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(wrong, "mapping:inhouse", "test");
        Assert.False(result.Committed);
        Assert.Contains("no sheet has the publication number column ('Pub No')", Assert.Single(result.Errors).Reason);

        var lens = Workbook("lens.xlsx", ("Sheet1", [["#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Title"], ["1", "US", "B2", "US 9833479 B2", "000-1", "Gene correction"]]));
        Assert.Equal("lens", await PatentImport.DetectAsync(lens, default));
        var imported = await new PatentImport(db, TimeProvider.System).RunAsync(lens, "auto", "test");
        Assert.True(imported.Committed);
        Assert.Equal(1, imported.Created);
    }
}

/// <summary>A column mapping saved through the API, offered on the import page, and used to import a workbook through the API.</summary>
public class PatentsMappingWebTests
{
    [Fact]
    public async Task AMapping_SavedThroughTheApi_ImportsAWorkbook()
    {
        await using var app = await TestApp.StartAsync(TestDatabases.Postgres);
        var viewer = await app.ClientAsync("viewer");
        var mapping = new { publicationNumber = "Pub No", title = "Invention", applicants = "Owner", publicationDate = "Published", ipc = "IPC", separator = ";;" };
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/patents/mappings/inhouse", mapping)).StatusCode);
        var operatorClient = await app.ClientAsync("operator");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await operatorClient.PutAsJsonAsync("/api/patents/mappings/inhouse", mapping)).StatusCode);
        var all = (await viewer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/patents/mappings"))!;
        Assert.Equal("Pub No", all["inhouse"]!["publicationNumber"]!.GetValue<string>());

        var rows = PatentsWorkbookTests.SampleRows(6).Select(r => new string?[] { r[0], r[1], r[2], r[3], r[5] }).ToList();
        var path = PatentsWorkbookTests.Workbook("portfolio.xlsx", ("Records", [["Pub No", "Invention", "Owner", "Published", "IPC"], .. rows]));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", "portfolio.xlsx" } };
        var import = await operatorClient.PostAsync("/api/patents/import?format=mapping:inhouse", form);
        Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
        var result = (await import.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        Assert.Equal(6, result["created"]!.GetValue<long>());
        Assert.Equal("mapping:inhouse", result["format"]!.GetValue<string>());
        Assert.Contains("mapping:inhouse", await operatorClient.GetStringAsync("/patents/import"));
    }
}
