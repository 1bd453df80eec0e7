using System.Globalization;
using System.Runtime.CompilerServices;
using Archipelago.Kernel.Import;
using Archipelago.Modules.Patents.Domain;
using ExcelDataReader;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// Reads an Excel workbook (.xlsx) through a column mapping, sheet by sheet, into the same row pipeline as a delimited
/// file. A sheet takes part when its header (its first non-empty row) has the mapping's publication-number column;
/// the others are skipped with a note. Messages name file, sheet, row (as Excel numbers it) and column. Cells typed
/// as dates become ISO dates and numbers keep their digits (a publication number typed as a number stays whole).
/// </summary>
public static class WorkbookSource
{
    static WorkbookSource() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static bool IsWorkbook(PatentFile file) => Path.GetExtension(file.DataName).ToLowerInvariant() is ".xlsx" or ".xlsm";

    /// <summary>The header of the first non-empty sheet, for format detection; null when the workbook has none.</summary>
    public static CsvHeader? FirstHeader(PatentFile file)
    {
        using var stream = Stored(file);
        using var reader = Open(stream, file.Name);
        do
        {
            while (reader.Read())
                if (Values(reader) is var v && !v.All(string.IsNullOrWhiteSpace)) return CsvHeader.Of(v);
        } while (reader.NextResult());
        return null;
    }

    /// <summary>The records of every sheet with the publication-number column (<see cref="DelimitedSource"/>'s rules;
    /// <paramref name="numbers"/> and <paramref name="textAsBytes"/> as there).</summary>
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(PatentFile workbook, ColumnMapping mapping, ImportLog log,
        Action<double>? progress, SymbolIds numbers, bool textAsBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        var file = workbook.Name;
        await using var stream = Stored(workbook);
        using var reader = Open(stream, file);
        var sheets = Math.Max(1, reader.ResultsCount);
        var sheet = 0;
        var used = 0;
        var skipped = new List<string>();
        do
        {
            var name = reader.Name;
            var row = 0;
            CsvHeader? header = null;
            while (header is null && reader.Read())
            {
                row++;
                var v = Values(reader);
                if (!v.All(string.IsNullOrWhiteSpace)) header = CsvHeader.Of(v);
            }
            if (header is null) { sheet++; continue; }
            if (header.Find(mapping.PublicationNumber) < 0) { skipped.Add($"'{name}'"); sheet++; continue; }
            used++;
            log.File = $"{file}, sheet '{name}'";
            var total = Math.Max(1, reader.RowCount);
            var part = sheet;
            await foreach (var record in DelimitedSource.ReadAsync(header, Rows(reader, header.Names.Count, row, total, f => progress?.Invoke((part + f) / sheets), ct), mapping, log, numbers, textAsBytes))
                yield return record;
            sheet++;
        } while (reader.NextResult());
        log.File = file;
        if (used == 0)
            log.Error(1, mapping.PublicationNumber.Split('|')[0], $"no sheet has the publication number column ('{mapping.PublicationNumber}'); sheets: {string.Join(", ", skipped)}.");
        else if (skipped.Count > 0)
            log.Notes.Add($"{file}: sheets without the publication number column were skipped: {string.Join(", ", skipped)}.");
        progress?.Invoke(1);
    }

    static async IAsyncEnumerable<PatentCsv.Row> Rows(IExcelDataReader reader, int width, int row, int total, Action<double> progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            row++;
            var v = Values(reader);
            if (v.All(string.IsNullOrWhiteSpace)) continue;
            var cells = new string[Math.Max(width, v.Length)];
            for (var i = 0; i < cells.Length; i++) cells[i] = i < v.Length ? v[i] ?? "" : "";
            yield return new PatentCsv.Row(row, cells);
            if (row % 4096 == 0) progress(Math.Min(1, (double)row / total));
        }
        await Task.CompletedTask;
    }

    /// <summary>The workbook's file: the reader seeks about its parts, so it is read from disk as it is.</summary>
    static FileStream Stored(PatentFile file) => file.Compressed
        ? throw new ImportFileException(file.Name, "an .xlsx workbook is compressed already; import it as it is, not inside a .zip or .gz file.")
        : new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>Column names as a delimited file's header gets them (PatentCsv): normalised, an empty one
    /// <c>column_N</c>, a repeated one <c>_2</c>, <c>_3</c>.</summary>
    static IExcelDataReader Open(Stream stream, string file)
    {
        try { return ExcelReaderFactory.CreateOpenXmlReader(stream); }
        catch (Exception e) when (e is not OperationCanceledException) { throw new ImportFileException(file, "this is not a readable .xlsx workbook (" + e.Message + ")."); }
    }

    static string?[] Values(IExcelDataReader reader)
    {
        var values = new string?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.GetValue(i) switch
            {
                null => null,
                DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "s", CultureInfo.InvariantCulture),
                double f => f.ToString("R", CultureInfo.InvariantCulture),
                var o => Convert.ToString(o, CultureInfo.InvariantCulture),
            };
        return values;
    }
}
