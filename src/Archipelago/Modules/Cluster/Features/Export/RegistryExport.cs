using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Cluster.Features.Import;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Archipelago.Modules.Cluster.Features.Export;

/// <summary>
/// Writes enablers and joint actions in the import template's own columns, so an export re-imports unchanged. CSV is
/// UTF-8 with a BOM (Excel then shows Chinese correctly); XLSX is written row by row (SAX), so large exports stream.
/// Templates are exports of two example rows.
/// </summary>
public sealed class RegistryExport(EnablerStore enablers, JointActionStore actions)
{
    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };

    public static string CheckFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "csv" => "csv",
        "xlsx" => "xlsx",
        "json" => "json",
        _ => throw new Kernel.DomainException("bad_format", $"Unknown format '{format}'; use csv, xlsx or json.", "format"),
    };

    public async Task<long> WriteAsync(RegistryKind kind, string format, Stream output, Action<long>? progress = null, CancellationToken ct = default)
    {
        var rows = kind == RegistryKind.Enablers ? EnablerRows(ct) : ActionRows(ct);
        return await WriteRowsAsync(RegistryColumns.For(kind), rows, format, output, progress, ct);
    }

    public static Task<long> TemplateAsync(RegistryKind kind, string format, Stream output, CancellationToken ct = default) =>
        WriteRowsAsync(RegistryColumns.For(kind), Examples(kind).ToAsyncEnumerable(), format, output, null, ct);

    static IEnumerable<string?[]> Examples(RegistryKind kind) => kind == RegistryKind.Enablers
        ? [
            EnablerRow(new Enabler("E0001", EnablerType.Enterprise, "Example Biologics Co., Ltd.", "示例生物制药有限公司", ["Example Bio"],
                new Region("Guangzhou", "Guangdong", "CN"), ValueChainSegment.Development, new EnablerAttributes { Size = "small", Listed = false, Founded = 2016 }, "template")),
            EnablerRow(new Enabler("E0002", EnablerType.University, "Example Institute of Biomedicine", "示例生物医药研究院", [],
                new Region("Guangzhou", "Guangdong", "CN"), ValueChainSegment.Discovery, new EnablerAttributes { InstitutionKind = "institute" }, "template")),
          ]
        : [
            ["A0001", "collaboration", "2019-05", "2021-12", "E0001:lead; E0002:partner", "1500000", "CNY", "Joint pre-clinical study of a bispecific antibody"],
            ["A0002", "event", "2020-11-18", "", "E0001:attendee; E0002:organiser", "", "", "Annual cluster forum"],
          ];

    async IAsyncEnumerable<string?[]> EnablerRows([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in enablers.AllAsync(ct)) yield return EnablerRow(e);
    }

    static string?[] EnablerRow(Enabler e) =>
    [
        e.Key, e.Type.Code, e.NameEn, e.NameZh, string.Join("; ", e.Aliases), e.Region.City, e.Region.Province, e.Region.Country, e.Segment,
        .. EnablerAttributes.Columns.Select(e.Attributes.Text),
    ];

    async IAsyncEnumerable<string?[]> ActionRows([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (a, keys) in actions.AllAsync(ct))
            yield return
            [
                a.Key, a.Type, a.Start.ToString(), a.End?.ToString(),
                string.Join("; ", a.Participants.Select(p => $"{keys[p.EnablerId]}:{p.Role}")),
                a.Value?.ToString(CultureInfo.InvariantCulture), a.Currency, a.Description,
            ];
    }

    static async Task<long> WriteRowsAsync(IReadOnlyList<string> columns, IAsyncEnumerable<string?[]> rows, string format, Stream output,
        Action<long>? progress, CancellationToken ct)
    {
        long n = 0;
        switch (format)
        {
            case "csv":
            {
                await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
                await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                foreach (var c in columns) csv.WriteField(c);
                await csv.NextRecordAsync();
                await foreach (var r in rows.WithCancellation(ct))
                {
                    foreach (var v in r) csv.WriteField(v ?? "");
                    await csv.NextRecordAsync();
                    if (++n % 10000 == 0) progress?.Invoke(n);
                }
                break;
            }
            case "json":
            {
                await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                json.WriteStartArray();
                await foreach (var r in rows.WithCancellation(ct))
                {
                    json.WriteStartObject();
                    for (var i = 0; i < columns.Count; i++)
                        if (!string.IsNullOrEmpty(r[i])) json.WriteString(columns[i], r[i]);
                    json.WriteEndObject();
                    if (++n % 10000 == 0) { await json.FlushAsync(ct); progress?.Invoke(n); }
                }
                json.WriteEndArray();
                break;
            }
            default:
            {
                // OpenXML needs a seekable stream; write to a temporary file and copy.
                var temp = Path.GetTempFileName();
                try
                {
                    using (var doc = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
                    {
                        var wb = doc.AddWorkbookPart();
                        wb.Workbook = new Workbook();
                        var ws = wb.AddNewPart<WorksheetPart>();
                        using (var w = OpenXmlWriter.Create(ws))
                        {
                            w.WriteStartElement(new Worksheet());
                            w.WriteStartElement(new SheetData());
                            WriteXlsxRow(w, columns);
                            await foreach (var r in rows.WithCancellation(ct))
                            {
                                WriteXlsxRow(w, r);
                                if (++n % 10000 == 0) progress?.Invoke(n);
                            }
                            w.WriteEndElement();
                            w.WriteEndElement();
                        }
                        wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "data" }));
                        wb.Workbook.Save();
                    }
                    await using var f = File.OpenRead(temp);
                    await f.CopyToAsync(output, ct);
                }
                finally { File.Delete(temp); }
                break;
            }
        }
        progress?.Invoke(n);
        return n;
    }

    static void WriteXlsxRow(OpenXmlWriter w, IReadOnlyList<string?> values)
    {
        w.WriteStartElement(new Row());
        foreach (var v in values)
            w.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(v ?? "")) });
        w.WriteEndElement();
    }
}
