using System.Globalization;
using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using CsvHelper;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Archipelago.Modules.Patents.Features.Saved;

/// <summary>A table to export: a sheet name, its columns and its rows (streamed).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<string?[]> Rows);

/// <summary>
/// Exports search results (every record the filter selects, not one page) and the landscape's tables. CSV is UTF-8 with a
/// BOM (so Excel shows Chinese correctly) and holds one table; XLSX holds one sheet per table, written row by row.
/// </summary>
public sealed class PatentExport(Database db)
{
    public static readonly IReadOnlyList<string> RecordColumns =
    [
        "publication_number", "jurisdiction", "kind", "title", "publication_date", "publication_year", "priority_date", "application_date",
        "application_number", "family_id", "applicants", "inventors", "ipc", "cpc", "legal_status",
    ];

    public static string ContentType(string format) => format == "xlsx"
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    /// <summary>csv or xlsx; anything else is refused.</summary>
    public static string CheckFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "csv" => "csv",
        "xlsx" => "xlsx",
        _ => throw new DomainException("bad_format", $"Unknown export format '{format}'; use csv or xlsx.", "format"),
    };

    /// <summary>Every record the filter selects, newest publication first; multi-valued fields joined with "; ".</summary>
    public ExportTable Records(PatentFilter filter) => new("records", RecordColumns, RecordRows(filter));

    async IAsyncEnumerable<string?[]> RecordRows(PatentFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var (where, p) = filter.Sql(db.Dialect);
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync($"""
            SELECT r.publication_number, r.jurisdiction, r.kind, r.title, r.publication_date, r.publication_year, r.priority_date, r.application_date,
                r.application_number, r.family_id, r.applicants, r.inventors, r.ipc, r.cpc, r.legal_status
            FROM patents_records r WHERE {where} ORDER BY r.publication_date DESC, r.publication_number
            """, p);
        while (await reader.ReadAsync(ct))
        {
            var row = new string?[RecordColumns.Count];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)?.Replace(";;", "; ");
            yield return row;
        }
    }

    /// <summary>The landscape's tables, one sheet each: totals, per year (both bases), top applicants, IPC hotspots,
    /// technology fields, segments, jurisdictions, legal statuses, new entrants, life cycle and its phase with the evidence.</summary>
    public static IReadOnlyList<ExportTable> Landscape(LandscapeReport r, PatentFilter filter)
    {
        static ExportTable Counts(string name, string key, IReadOnlyDictionary<string, long> d) =>
            new(name, [key, "records"], d.Select(kv => new string?[] { kv.Key, N(kv.Value) }).ToAsyncEnumerable());
        return
        [
            new("summary", ["measure", "value"], new string?[][]
            {
                ["records", N(r.Records)], ["families", N(r.Families)], ["applicants", N(r.Applicants)], ["date_basis", r.DateBasis],
                ["filter_text", filter.Text], ["filter_classification", filter.Classification], ["filter_applicant", filter.Applicant],
                ["filter_jurisdiction", filter.Jurisdiction], ["filter_from", filter.FromYear?.ToString(CultureInfo.InvariantCulture)],
                ["filter_to", filter.ToYear?.ToString(CultureInfo.InvariantCulture)], ["filter_cluster", filter.ClusterMembers ? "true" : null],
                ["filter_legal_status", filter.LegalStatus], ["life_cycle_phase", r.Phase.Phase],
                ["growth_before", r.GrowthWindow is { } w ? $"{w.BeforeFrom}-{w.BeforeTo}" : null],
                ["growth_recent", r.GrowthWindow is { } v ? $"{v.RecentFrom}-{v.RecentTo}" : null],
                ["co_applied_records", N(r.CoApplicants.Records)],
            }.Concat(r.Phase.Evidence.Select(e => new string?[] { "life_cycle_evidence", e })).ToAsyncEnumerable()),
            Counts("by_publication_year", "year", r.ByYear),
            Counts($"by_{r.DateBasis}_year", "year", r.ByBasisYear),
            Counts("top_applicants", "applicant", r.TopApplicants),
            new("top_subclasses", ["subclass", "title", "records"],
                r.TopSubclasses.Select(kv => new string?[] { kv.Key, r.SubclassTitles.GetValueOrDefault(kv.Key), N(kv.Value) }).ToAsyncEnumerable()),
            Counts("technology_fields", "field", r.TechnologyFields),
            Counts("segments", "segment", r.Segments),
            Counts("jurisdictions", "jurisdiction", r.Jurisdictions),
            Counts("legal_statuses", "legal_status", r.LegalStatuses),
            Counts("new_entrants", "year", r.NewEntrants),
            new("life_cycle", ["year", "families", "applicants"],
                r.LifeCycle.Select(y => new string?[] { N(y.Year), N(y.Families), N(y.Applicants) }).ToAsyncEnumerable()),
            Trends("applicant_trends", "applicant", r.ApplicantTrends, r.ApplicantGrowth),
            Trends("subclass_trends", "subclass", r.SubclassTrends, r.SubclassGrowth),
            new("co_applicants", ["applicant", "records", "co_applied_records"],
                r.CoApplicants.Nodes.Select(n => new string?[] { n.Name, N(n.Records), N(n.CoApplied) }).ToAsyncEnumerable()),
            new("co_applications", ["applicant_a", "applicant_b", "records"],
                r.CoApplicants.Edges.Select(e => new string?[] { e.A, e.B, N(e.Records) }).ToAsyncEnumerable()),
        ];
    }

    /// <summary>A co-applicant network as an edge list with the header <c>source,target,weight</c> (weight: records naming
    /// both), as <c>archipelago network metrics|summary --edges FILE --weight weight</c> and Gephi's spreadsheet import read it.</summary>
    public static ExportTable EdgeList(IReadOnlyList<CoApplication> edges) =>
        new("co_applications", ["source", "target", "weight"], edges.Select(e => new string?[] { e.A, e.B, N(e.Records) }).ToAsyncEnumerable());

    /// <summary>Records per year of each ranked name, one row per name and year (long form, as a pivot table takes it),
    /// with the name's growth over the report's window on each of its rows (empty: new, or no window).</summary>
    static ExportTable Trends(string table, string key, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> trends,
        IReadOnlyDictionary<string, double?> growth) =>
        new(table, [key, "year", "records", "growth"], trends.SelectMany(t => t.Value.Select(y => new string?[]
            { t.Key, y.Key, N(y.Value), growth.GetValueOrDefault(t.Key) is { } g ? g.ToString("R", CultureInfo.InvariantCulture) : null })).ToAsyncEnumerable());

    static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the tables; CSV takes exactly one. Returns the number of data rows written.</summary>
    public static async Task<long> WriteAsync(IReadOnlyList<ExportTable> tables, string format, Stream output, CancellationToken ct = default)
    {
        long n = 0;
        if (format == "csv")
        {
            if (tables.Count != 1) throw new DomainException("bad_format", "CSV holds one table; export the landscape's tables as xlsx.", "format");
            await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
            await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var c in tables[0].Columns) csv.WriteField(c);
            await csv.NextRecordAsync();
            await foreach (var r in tables[0].Rows.WithCancellation(ct))
            {
                foreach (var v in r) csv.WriteField(v ?? "");
                await csv.NextRecordAsync();
                n++;
            }
            return n;
        }
        // OpenXML needs a seekable stream: the workbook is written to a temporary file, then copied.
        var temp = Path.GetTempFileName();
        try
        {
            using (var doc = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
            {
                var wb = doc.AddWorkbookPart();
                wb.Workbook = new Workbook();
                var sheets = new Sheets();
                uint id = 1;
                foreach (var t in tables)
                {
                    var ws = wb.AddNewPart<WorksheetPart>();
                    using (var w = OpenXmlWriter.Create(ws))
                    {
                        w.WriteStartElement(new Worksheet());
                        w.WriteStartElement(new SheetData());
                        Row(w, t.Columns);
                        await foreach (var r in t.Rows.WithCancellation(ct)) { Row(w, r); n++; }
                        w.WriteEndElement();
                        w.WriteEndElement();
                    }
                    // Sheet names: at most 31 characters.
                    sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = id++, Name = t.Name.Length > 31 ? t.Name[..31] : t.Name });
                }
                wb.Workbook.AppendChild(sheets);
                wb.Workbook.Save();
            }
            await using var f = File.OpenRead(temp);
            await f.CopyToAsync(output, ct);
        }
        finally { File.Delete(temp); }
        return n;
    }

    static void Row(OpenXmlWriter w, IReadOnlyList<string?> values)
    {
        w.WriteStartElement(new Row());
        foreach (var v in values)
            w.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v ?? "")) });
        w.WriteEndElement();
    }
}
