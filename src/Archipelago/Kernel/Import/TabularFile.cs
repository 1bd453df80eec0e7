using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Archipelago.Kernel.Import;

/// <summary>One data row of an import file. <see cref="Number"/> is the row as a spreadsheet shows it (the header is row 1;
/// for JSON, the position of the object in the array, from 1).</summary>
public sealed record SourceRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>What is wrong with one cell or row: file, row, column and reason — the form every import error takes.</summary>
public sealed record RowError(string File, int Row, string? Column, string Reason)
{
    public override string ToString() => $"{File}, row {Row}{(Column is null ? "" : $", column '{Column}'")}: {Reason}";
}

/// <summary>A file that cannot be read at all (format, encoding, header). Nothing from it is stored.</summary>
public sealed class ImportFileException(string file, string message, int? row = null)
    : DomainException("bad_file", row is null ? $"{file}: {message}" : $"{file}, row {row}: {message}")
{
    public string File { get; } = file;
    public int? Row { get; } = row;
}

public enum TabularFormat { Csv, Xlsx, Json }

/// <summary>
/// Reads CSV, XLSX and JSON import files as a stream of rows with normalised column names (trimmed, lower case, spaces
/// as '_'). CSV must be UTF-8 (a BOM is fine) unless another encoding is named: a file that is not valid UTF-8 is
/// refused with the row where decoding failed and a hint when it reads as GB18030/GBK.
/// </summary>
public static class TabularFile
{
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TabularFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" or ".tsv" => TabularFormat.Csv,
        ".xlsx" => TabularFormat.Xlsx,
        ".json" => TabularFormat.Json,
        var ext => throw new ImportFileException(Path.GetFileName(fileName), $"unknown file type '{ext}'; use .csv, .xlsx or .json."),
    };

    /// <summary>An encoding by name (utf-8, gbk, gb18030, big5…), with a clear error for unknown names.</summary>
    public static Encoding EncodingNamed(string name)
    {
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { throw new DomainException("unknown_encoding", $"Unknown encoding '{name}'. Try utf-8, gb18030 or big5.", "encoding"); }
    }

    public static string NormaliseColumn(string header) => header.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>Streams rows; <paramref name="onProgress"/> gets the fraction of the stream read (0–1) when its length is known.</summary>
    public static IAsyncEnumerable<SourceRow> ReadAsync(Stream stream, string fileName, TabularFormat format, Encoding? encoding = null,
        Action<double>? onProgress = null, CancellationToken ct = default)
    {
        var file = Path.GetFileName(fileName);
        return format switch
        {
            TabularFormat.Csv => ReadCsv(stream, file, encoding, onProgress, ct),
            TabularFormat.Xlsx => ReadXlsx(stream, file, onProgress, ct),
            _ => ReadJson(stream, file, onProgress, ct),
        };
    }

    static async IAsyncEnumerable<SourceRow> ReadCsv(Stream stream, string file, Encoding? encoding, Action<double>? onProgress, [EnumeratorCancellation] CancellationToken ct)
    {
        var strict = encoding is null;
        using var reader = new StreamReader(stream, encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // The delimiter is read off the header line only: data cells (participants, aliases) hold ';' themselves.
            DetectDelimiter = true,
            GetDelimiter = args => HeaderDelimiter(args.Text),
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(reader, config);
        string[]? header = null;
        var length = stream.CanSeek ? stream.Length : 0;
        var n = 0;
        while (true)
        {
            bool more;
            try { more = await parser.ReadAsync(); }
            catch (DecoderFallbackException)
            {
                var hint = strict && LooksLikeGb18030(stream) ? " It reads as Chinese GB18030/GBK text: save it as UTF-8, or import with encoding gb18030." : " Save it as UTF-8, or name its encoding.";
                throw new ImportFileException(file, "the file is not valid UTF-8." + hint, parser.Row + 1);
            }
            if (!more) break;
            ct.ThrowIfCancellationRequested();
            var record = parser.Record ?? [];
            if (header is null)
            {
                header = Header(record, file);
                continue;
            }
            if (record.Length > header.Length && record.Skip(header.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
                throw new ImportFileException(file, $"the row has {record.Length} fields but the header has {header.Length}; check the delimiter and quotes.", parser.Row);
            var cells = new Dictionary<string, string?>(header.Length);
            for (var i = 0; i < header.Length; i++) cells[header[i]] = i < record.Length ? record[i] : null;
            yield return new SourceRow(parser.Row, cells);
            if (++n % 4096 == 0 && length > 0) onProgress?.Invoke(Math.Min(1, (double)stream.Position / length));
        }
        if (header is null) throw new ImportFileException(file, "the file is empty; the first row must be the header.");
        onProgress?.Invoke(1);
    }

    static string HeaderDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? text : text[..end];
        return new[] { ",", "\t", ";", "|" }.OrderByDescending(d => first.Count(ch => ch == d[0])).First() is var best && first.Contains(best) ? best : ",";
    }

    static bool LooksLikeGb18030(Stream stream)
    {
        if (!stream.CanSeek) return false;
        stream.Position = 0;
        var buffer = new byte[Math.Min(65536, (int)stream.Length)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.GetEncoding("gb18030", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback).GetString(buffer, 0, read);
        return text.Any(ch => ch is >= '\u4e00' and <= '\u9fff') && !text.Contains('\uFFFD');
    }

    static string[] Header(string[] record, string file)
    {
        var header = record.Select(NormaliseColumn).ToArray();
        var empty = Array.FindIndex(header, string.IsNullOrEmpty);
        if (empty >= 0 && header.Skip(empty).Any(h => h.Length > 0))
            throw new ImportFileException(file, $"header column {empty + 1} is empty.", 1);
        header = header.Where(h => h.Length > 0).ToArray();
        var dup = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ImportFileException(file, $"the header names column '{dup.Key}' twice.", 1);
        return header;
    }

    static async IAsyncEnumerable<SourceRow> ReadXlsx(Stream stream, string file, Action<double>? onProgress, [EnumeratorCancellation] CancellationToken ct)
    {
        IExcelDataReader reader;
        try { reader = ExcelReaderFactory.CreateOpenXmlReader(stream); }
        catch (Exception e) when (e is not OperationCanceledException) { throw new ImportFileException(file, "this is not a readable .xlsx workbook (" + e.Message + ")."); }
        using (reader)
        {
            string[]? header = null;
            var row = 0;
            var total = Math.Max(1, reader.RowCount);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                row++;
                var values = new string?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = Cell(reader.GetValue(i));
                if (header is null)
                {
                    if (values.All(string.IsNullOrWhiteSpace)) continue;
                    header = Header(values.Select(v => v ?? "").ToArray(), file);
                    continue;
                }
                if (values.All(string.IsNullOrWhiteSpace)) continue;
                var cells = new Dictionary<string, string?>(header.Length);
                for (var i = 0; i < header.Length; i++) cells[header[i]] = i < values.Length ? values[i] : null;
                yield return new SourceRow(row, cells);
                if (row % 4096 == 0) onProgress?.Invoke((double)row / total);
            }
            if (header is null) throw new ImportFileException(file, "the first sheet is empty; its first row must be the header.");
        }
        onProgress?.Invoke(1);
        await Task.CompletedTask;
    }

    static string? Cell(object? v) => v switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    static async IAsyncEnumerable<SourceRow> ReadJson(Stream stream, string file, Action<double>? onProgress, [EnumeratorCancellation] CancellationToken ct)
    {
        var length = stream.CanSeek ? stream.Length : 0;
        var n = 0;
        var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: ct);
        var e = items.GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                try { if (!await e.MoveNextAsync()) break; }
                catch (JsonException ex)
                {
                    throw new ImportFileException(file, n == 0 && ex.LineNumber == 0
                        ? "the file must be a JSON array of objects, one per record."
                        : $"malformed JSON at line {ex.LineNumber + 1}: {ex.Message.Split('.')[0]}.", n + 1);
                }
                n++;
                if (e.Current.ValueKind != JsonValueKind.Object)
                    throw new ImportFileException(file, "each element of the array must be an object.", n);
                var cells = new Dictionary<string, string?>();
                foreach (var p in e.Current.EnumerateObject()) cells[NormaliseColumn(p.Name)] = JsonCell(p.Value);
                yield return new SourceRow(n, cells);
                if (n % 4096 == 0 && length > 0) onProgress?.Invoke(Math.Min(1, (double)stream.Position / length));
            }
        }
        finally { await e.DisposeAsync(); }
        onProgress?.Invoke(1);
    }

    /// <summary>JSON values as the text a CSV cell would hold: arrays joined with ';', participant objects as key:role.</summary>
    static string? JsonCell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.Array => string.Join("; ", v.EnumerateArray().Select(JsonCell)),
        JsonValueKind.Object when v.TryGetProperty("key", out var k) =>
            v.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? $"{k.GetString()}:{r.GetString()}" : k.GetString(),
        _ => v.GetRawText(),
    };
}
