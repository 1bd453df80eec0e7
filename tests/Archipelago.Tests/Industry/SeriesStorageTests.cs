using System.Text;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry.Features.Series;
using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Tests.Industry;

/// <summary>Indicator series storage: wide and long imports, vintages, all-or-nothing errors, export round trip — on both databases.
/// Figures are seed 000's (output value 1,235 and 3,641.2 bn yuan; enterprises 7,697 in 2017) and seed 003's market sizes.</summary>
public class SeriesStorageTests
{
    static readonly TimeProvider Clock = TimeProvider.System;

    // A yearbook-style wide table: one row per indicator and region, one column per year; '—' is a gap.
    const string Wide = """
        indicator,indicator_name,unit,region,subsector,source,2010,2011,2016年,2017
        output_value,Gross industrial output value,bn yuan,China,,seed 000 §IV,"1,235.0",—,,"3,641.2"
        enterprises,Enterprises above designated size,count,China,all,seed 000 §IV,,,"7,449",７６９７
        """;

    static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));

    static Task<SeriesImportOutcome> Import(Database db, string text, bool commit = true, string file = "table.csv", TableValueOptions? cells = null) =>
        new SeriesImport(db, Clock).RunAsync(Utf8(text), file, commit, "test", cells);

    static SeriesKey China(string indicator, string subsector = "") => new(indicator, "China", subsector);

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task WideTable_CreatesIndicatorsAndReadsCellsAsPrinted(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var o = await Import(db, Wide);
        Assert.True(o.Ok, string.Join("\n", o.Errors));
        Assert.Equal(("wide", 4L, 4L, 4L), (o.Layout, o.Figures, o.Created, o.Gaps));
        Assert.Equal(["enterprises", "output_value"], o.NewIndicators);
        var store = new SeriesStore(db, Clock);
        var output = await store.ObservationsAsync(China("output_value"));
        Assert.Equal([("2010", 1235.0), ("2017", 3641.2)], output.Select(x => (x.Period, x.Value)));
        Assert.Equal("1,235.0", output[0].Printed);
        var firms = await store.ObservationsAsync(China("enterprises"));
        Assert.Equal([7449.0, 7697.0], firms.Select(x => x.Value));   // full-width ７６９７ read as 7697
        Assert.Equal("bn yuan", (await store.IndicatorAsync("output_value"))!.Unit);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task RevisedFigure_AddsAVintage_LatestShown_HistoryKept(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await Import(db, Wide)).Ok);
        const string revision = """
            indicator,region,subsector,period,value,source
            output_value,China,,2010,1235.0,seed 000 §IV
            output_value,China,,2017,3650.0,revised yearbook
            output_value,China,,2015,2900,revised yearbook
            """;
        var o = await Import(db, revision, file: "revision.csv");
        Assert.True(o.Ok, string.Join("\n", o.Errors));
        Assert.Equal(("long", 1L, 1L, 1L), (o.Layout, o.Created, o.Revised, o.Unchanged));
        var store = new SeriesStore(db, Clock);
        var latest = await store.ObservationsAsync(China("output_value"));
        Assert.Equal([("2010", 1235.0, 1L), ("2015", 2900.0, 1L), ("2017", 3650.0, 2L)], latest.Select(x => (x.Period, x.Value, x.Vintage)));
        var all = await store.ObservationsAsync(China("output_value"), allVintages: true);
        Assert.Equal([3641.2, 3650.0], all.Where(x => x.Period == "2017").Select(x => x.Value));
        var summary = Assert.Single(await store.SeriesAsync("output_value"));
        Assert.Equal((3L, 1L, "2010", "2017"), (summary.Periods, summary.Revised, summary.FirstPeriod, summary.LastPeriod));
        // The same revision again changes nothing.
        var again = await Import(db, revision, file: "revision.csv");
        Assert.Equal((0L, 0L, 3L), (again.Created, again.Revised, again.Unchanged));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadCells_RejectTheWholeFile_NamingRowAndColumn(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await Import(db, Wide)).Ok);
        const string bad = """
            indicator,region,subsector,period,value,unit
            output_value,China,,2012,1.235,bn yuan
            output_value,China,,2013,12.4%,bn yuan
            output_value,China,,2014,2500,100 million yuan
            output_value,China,chemical_raw_materials,2014,abc,
            output_value,China,vaccines,2015,10,
            output_value,Guangdong,,2016,300,
            patents,China,,2016,5,
            """;
        var o = await Import(db, bad, file: "bad.csv");
        Assert.False(o.Ok);
        Assert.False(o.Committed);
        var messages = o.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 2, column 'value': '1.235' is ambiguous"));
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 3, column 'value': '12.4%' carries its own scale (a percentage)"));
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 4, column 'unit': Indicator 'output_value' is in 'bn yuan', this row says '100 million yuan'"));
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 5, column 'value': 'abc' is not a number"));
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 6, column 'subsector': 'vaccines' is not a sub-sector"));
        Assert.Contains(messages, m => m.StartsWith("bad.csv, row 8, column 'indicator': There is no indicator 'patents'"));
        Assert.Equal(6, o.ErrorCount);
        // Nothing of the file was stored, not even its valid row 7.
        Assert.Empty(await new SeriesStore(db, Clock).ObservationsAsync(new SeriesKey("output_value", "Guangdong", "")));
        // With the decimal mark declared, 1.235 is read as a decimal.
        var declared = await Import(db, "indicator,region,period,value\noutput_value,China,2012,1.235\n", cells: new TableValueOptions(DecimalMark.Point, true));
        Assert.True(declared.Ok);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task DryRun_CountsButStoresNothing_AndDuplicatesAreErrors(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var dry = await Import(db, Wide, commit: false);
        Assert.True(dry.Ok);
        Assert.Equal(4L, dry.Created);
        Assert.True(await new SeriesStore(db, Clock).IsEmptyAsync());
        var dup = await Import(db, "indicator,unit,region,period,value\nx,count,China,2017,1\nx,count,China,2017年,2\n", file: "dup.csv");
        Assert.Equal("dup.csv, row 3, column 'period': x / China / 2017 is given more than once (rows 2, 3).", Assert.Single(dup.Errors).ToString());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Export_ReimportsUnchanged_AndKeepsVintages(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await Import(db, Wide)).Ok);
        Assert.True((await Import(db, "indicator,region,period,value,source\noutput_value,China,2017,3650,rev\n")).Ok);
        var text = new StringWriter();
        Assert.Equal(4, await new SeriesExport(db).WriteCsvAsync(text, null, null, allVintages: false));
        var again = await Import(db, text.ToString(), file: "export.csv");
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        Assert.Equal((0L, 0L, 4L), (again.Created, again.Revised, again.Unchanged));
        var history = new StringWriter();
        Assert.Equal(3, await new SeriesExport(db).WriteCsvAsync(history, "output_value", "China", allVintages: true));
        Assert.Contains("output_value,Gross industrial output value,,bn yuan,,,year,,China,,2017,3650,rev,,,,,2,", history.ToString());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task TwoRowHeader_OfMergedCells_IsRefusedWithAHint(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        // As a yearbook prints it: a merged "Output value" title cell above the years.
        var o = await Import(db, "indicator,region,Output value,,\n,,2010,2017\noutput_value,China,1235,3641.2\n", file: "merged.csv");
        var e = Assert.Single(o.Errors);
        Assert.StartsWith("merged.csv, row 2: the row has 4 fields but the header has 3", e.ToString());
        Assert.Contains("header spans two rows", e.Reason);
        Assert.True(await new SeriesStore(db, Clock).IsEmptyAsync());
    }

    [Fact]
    public void Period_ReadsYearsQuartersAndMonthsAsPrinted()
    {
        Assert.Equal(new Period("2017", 2017, "year"), Period.TryParse("２０１７年"));
        Assert.Equal(new Period("2017-Q2", 2017.25, "quarter"), Period.TryParse("2017Q2"));
        Assert.Equal(new Period("2017-Q3", 2017.5, "quarter"), Period.TryParse("2017年第3季度"));
        Assert.Equal("2017-03", Period.TryParse("2017年3月")!.Text);
        Assert.Equal("2017-03", Period.TryParse("2017-3")!.Text);
        Assert.Null(Period.TryParse("2017-13"));
        Assert.Null(Period.TryParse("FY17"));
    }
}

/// <summary>A wide yearbook table in an .xlsx workbook: numeric year headers and numeric cells, which carry no decimal-mark question.</summary>
public class SeriesXlsxImportTests
{
    static MemoryStream Workbook(params object?[][] rows)
    {
        var buffer = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(buffer, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var ws = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
            foreach (var r in rows)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row();
                foreach (var v in r)
                    row.Append(v switch
                    {
                        double d => new DocumentFormat.OpenXml.Spreadsheet.Cell { CellValue = new(d), DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.Number },
                        null => new DocumentFormat.OpenXml.Spreadsheet.Cell(),
                        _ => new DocumentFormat.OpenXml.Spreadsheet.Cell { InlineString = new(new DocumentFormat.OpenXml.Spreadsheet.Text(v.ToString()!)), DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString },
                    });
                data.Append(row);
            }
            ws.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
            wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Sheet1" }));
        }
        buffer.Position = 0;
        return buffer;
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task WideWorkbook_ImportsNumbersAsStored(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var book = Workbook(
            ["indicator", "unit", "region", "subsector", 2010.0, 2017.0],
            ["output_value", "bn yuan", "China", null, 1235.0, 3641.2],
            ["price_index", "index", "China", null, 1.235, "—"]);
        var o = await new SeriesImport(db, TimeProvider.System).RunAsync(book, "yearbook.xlsx", true, "test");
        Assert.True(o.Ok, string.Join("\n", o.Errors));
        Assert.Equal(("wide", 3L, 1L), (o.Layout, o.Created, o.Gaps));
        var store = new SeriesStore(db, TimeProvider.System);
        Assert.Equal([1235.0, 3641.2], (await store.ObservationsAsync(new SeriesKey("output_value", "China", ""))).Select(x => x.Value));
        Assert.Equal(1.235, Assert.Single(await store.ObservationsAsync(new SeriesKey("price_index", "China", ""))).Value);
    }
}
