using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Archipelago.Modules.Surveys;

/// <summary>
/// A stored analysis' result tables as files for a report or a spreadsheet: CSV (tables one after another, each under
/// its title, a blank line between), XLSX (one sheet, the same layout, numbers as numbers) and a standalone HTML page.
/// </summary>
public static class ResultExport
{
    public static readonly string[] Formats = ["csv", "xlsx", "html"];

    public static (byte[] Content, string MediaType, string FileName) Write(ResultDocument doc, string title, string format, string fileStem) => format switch
    {
        "csv" => (Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(doc))).ToArray(), "text/csv; charset=utf-8", fileStem + ".csv"),
        "xlsx" => (Xlsx(doc), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileStem + ".xlsx"),
        "html" => (Encoding.UTF8.GetBytes(Html(doc, title)), "text/html; charset=utf-8", fileStem + ".html"),
        _ => throw new Kernel.DomainException("usage", $"Unknown format '{format}'; use csv, xlsx or html.", "format"),
    };

    /// <summary>The rows written to CSV and XLSX: headings, then each table's title, header and rows, then the notes.</summary>
    static IEnumerable<string[]> Lines(ResultDocument doc)
    {
        foreach (var h in doc.Headings) yield return [h];
        foreach (var t in doc.Tables)
        {
            yield return [];
            yield return [t.Title];
            yield return t.Header;
            foreach (var r in t.Rows) yield return r;
        }
        if (doc.Notices.Count > 0)
        {
            yield return [];
            yield return ["Notes"];
            foreach (var n in doc.Notices) yield return [n.Code, n.Message];
        }
    }

    public static string Csv(ResultDocument doc)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
            foreach (var line in Lines(doc))
            {
                foreach (var cell in line) csv.WriteField(cell);
                csv.NextRecord();
            }
        return sw.ToString();
    }

    public static byte[] Xlsx(ResultDocument doc)
    {
        using var ms = new MemoryStream();
        using (var x = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = x.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 0;
            foreach (var line in Lines(doc))
            {
                var row = new Row { RowIndex = ++r };
                foreach (var cell in line)
                    // a number stays a number for the spreadsheet; labels, "<.001" and footnoted cells stay text
                    row.Append(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v) }
                        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell)) });
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "results" }));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    public static string Html(ResultDocument doc, string title)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif}table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:bold}")
            .Append("th,td{padding:2px 8px}thead th{border-top:2px solid;border-bottom:1px solid}tbody tr:last-child>*{border-bottom:2px solid}td{text-align:right}")
            .Append("</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n");
        foreach (var h in doc.Headings) sb.Append("<p>").Append(E(h)).Append("</p>\n");
        foreach (var t in doc.Tables)
        {
            sb.Append("<table><caption>").Append(E(t.Title)).Append("</caption>\n<thead><tr>");
            foreach (var h in t.Header) sb.Append("<th>").Append(E(h)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in t.Rows)
            {
                sb.Append("<tr>");
                for (var j = 0; j < row.Length; j++) sb.Append(j == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[j])).Append(j == 0 ? "</th>" : "</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        if (doc.Notices.Count > 0)
        {
            sb.Append("<h2>Notes</h2><ul>");
            foreach (var n in doc.Notices) sb.Append("<li><code>").Append(E(n.Code)).Append("</code> ").Append(E(n.Message)).Append("</li>");
            sb.Append("</ul>\n");
        }
        return sb.Append("</body></html>\n").ToString();
    }
}
