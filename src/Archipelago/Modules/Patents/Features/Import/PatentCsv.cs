using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Archipelago.Kernel.Import;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>A header of normalised column names (lower case, '_' for spaces; a repeated name gets <c>_2</c>, <c>_3</c>).</summary>
public sealed class CsvHeader(string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;
    readonly Dictionary<string, int> index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);

    /// <summary>The header of a file's (or a sheet's) first row: names normalised, an empty one <c>column_N</c>.</summary>
    public static CsvHeader Of(IReadOnlyList<string?> cells)
    {
        var seen = new Dictionary<string, int>();
        var names = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var n = TabularFile.NormaliseColumn(cells[i] ?? "");
            if (n.Length == 0) n = $"column_{i + 1}";
            var count = seen[n] = seen.GetValueOrDefault(n) + 1;
            names[i] = count == 1 ? n : $"{n}_{count}";
        }
        return new CsvHeader(names);
    }

    /// <summary>The position of the first of the '|'-separated alternatives present, or -1.</summary>
    public int Find(string? alternatives)
    {
        if (alternatives is null) return -1;
        foreach (var a in alternatives.Split('|'))
            if (index.TryGetValue(TabularFile.NormaliseColumn(a), out var i)) return i;
        return -1;
    }

    public bool Has(params string[] columns) => columns.All(c => Find(c) >= 0);
}

/// <summary>
/// Streams a delimited patent export row by row (constant memory). The delimiter (comma, tab or semicolon) is read off
/// the header line. Encoding: UTF-16 when the file starts with its byte order mark; UTF-8 (BOM or not) when the whole
/// file is valid UTF-8; otherwise Chinese GB18030 when it reads as such, else Mac OS Roman for files with classic-Mac
/// CR-only line ends (Excel for Mac exports, as PATENTSCOPE's pizza sample) and Windows-1252 for the rest — the choice
/// is reported as a note. A first line that is a search URL (Google Patents exports) is skipped.
/// </summary>
public static class PatentCsv
{
    static PatentCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Row(int Number, string[] Cells);

    /// <summary>The start of a file that decides its encoding when only a sample is judged: format detection, and an
    /// import that checks the rest as it reads.</summary>
    const int Sample = 1 << 16;

    /// <summary>The file's encoding, by the rules above; <paramref name="upTo"/> bytes are checked for UTF-8 (the whole
    /// file by default: one stray byte anywhere makes it another encoding).</summary>
    public static Encoding DetectEncoding(PatentFile file, ImportLog log, long upTo = long.MaxValue)
    {
        // Validated, not decoded (the vectorised check reads a gigabyte in a fraction of a second); a character cut by
        // the end of a block is carried over to the next, and one cut by the end of the file (or of what is checked) is
        // left to the reader. The data is read from its start again rather than sought back: it may be decompressed.
        var buffer = new byte[1 << 16];
        bool crOnly = true, sawCr = false, valid = true;
        using (var reading = file.Open())
        {
            var f = reading.Data;
            // UTF-16 with its byte order mark (Excel's "Unicode text").
            var read = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read >= 2 && (buffer[0], buffer[1]) == (0xFF, 0xFE)) return Encoding.Unicode;
            if (read >= 2 && (buffer[0], buffer[1]) == (0xFE, 0xFF)) return Encoding.BigEndianUnicode;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n') crOnly = false;
                if (buffer[i] == '\r') sawCr = true;
            }
            var carry = 0;
            long checkedBytes = 0;
            while (read > 0)
            {
                var held = carry + read;
                var complete = WholeCharacters(buffer.AsSpan(0, held));
                if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, complete))) { valid = false; break; }
                carry = held - complete;
                buffer.AsSpan(complete, carry).CopyTo(buffer);
                if ((checkedBytes += read) >= upTo) break;
                read = f.Read(buffer, carry, buffer.Length - carry);
            }
        }
        if (valid) return new UTF8Encoding(false);
        var sample = new byte[Sample];
        int n;
        using (var reading = file.Open()) n = reading.Data.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        // Bytes that are no GB18030 become U+FFFD (the default replacement, '?', would hide them from the test below).
        var gb = Encoding.GetEncoding("gb18030", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD")).GetString(sample, 0, n);
        // GB18030 decodes nearly any byte string, so the classic-Mac line ends are the stronger clue and are tested first.
        Encoding chosen = crOnly && sawCr ? Encoding.GetEncoding("macintosh")
            : gb.Any(ch => ch is >= '\u4e00' and <= '\u9fff') && !gb.Contains('\uFFFD') ? Encoding.GetEncoding("gb18030")
            : Encoding.GetEncoding(1252);
        log.Notes.Add($"{log.File} is not valid UTF-8; read as {chosen.WebName}. Check names with accents or CJK characters.");
        return chosen;
    }

    /// <summary>A stream that passes on what it reads and checks that it is UTF-8 as <see cref="DetectEncoding"/> does: a
    /// character cut by the end of one read is completed by the next, and one cut by the end of the file is left to the
    /// reader. Throws <see cref="NotUtf8Exception"/> at the first read holding a byte that is not UTF-8.</summary>
    sealed class Utf8Checked(Stream inner, string file) : ForwardStream
    {
        readonly byte[] cut = new byte[4]; // the start of a character cut by the end of the last read
        int cutLength;

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            var rest = buffer[..n];
            if (cutLength > 0 && n > 0)
            {
                var length = cut[0] >= 0xF0 ? 4 : cut[0] >= 0xE0 ? 3 : 2; // WholeCharacters cuts only at a lead byte
                var take = Math.Min(length - cutLength, n);
                rest[..take].CopyTo(cut.AsSpan(cutLength));
                cutLength += take;
                rest = rest[take..];
                if (cutLength < length) return n; // still cut: a read of fewer bytes than the character needs
                if (!System.Text.Unicode.Utf8.IsValid(cut.AsSpan(0, cutLength))) throw new NotUtf8Exception(file);
                cutLength = 0;
            }
            var whole = WholeCharacters(rest);
            if (!System.Text.Unicode.Utf8.IsValid(rest[..whole])) throw new NotUtf8Exception(file);
            rest[whole..].CopyTo(cut.AsSpan(cutLength));
            cutLength += rest.Length - whole;
            return n;
        }
    }

    /// <summary>The length of <paramref name="bytes"/> without a UTF-8 sequence cut off at its end (bytes that cannot
    /// be the start of one are left in, for the validation to refuse).</summary>
    static int WholeCharacters(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.Length - 1; i >= Math.Max(0, bytes.Length - 4); i--)
        {
            var b = bytes[i];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: the lead is further back
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return i + length > bytes.Length ? i : bytes.Length;
        }
        return bytes.Length;
    }

    /// <summary>Reads the header, then yields rows as text; <paramref name="onHeader"/> sees the header before the first
    /// row. Row numbers count records (the header is row 1; a field with line breaks inside quotes is one row).</summary>
    public static async IAsyncEnumerable<Row> ReadAsync(PatentFile file, ImportLog log, Action<CsvHeader> onHeader, Action<double>? progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var cells in ReadCellsAsync(file, log, onHeader, progress, checkWhileReading: false, ct)) yield return new Row(cells.Number, cells.Texts());
    }

    /// <summary>As <see cref="ReadAsync"/>, each row as its UTF-8 cells: one <see cref="CsvCells"/>, refilled for every
    /// row (read it before asking for the next). With <paramref name="checkWhileReading"/> a file whose first 64 KB are
    /// UTF-8 is read as UTF-8 at once and checked as it is read, instead of in a pass of its own before the first row:
    /// the read then throws <see cref="NotUtf8Exception"/> at the first byte that is not UTF-8, and the caller, having
    /// kept nothing of it, reads the file again without the flag (which finds its encoding first).</summary>
    public static IAsyncEnumerable<CsvCells> ReadCellsAsync(PatentFile file, ImportLog log, Action<CsvHeader> onHeader, Action<double>? progress,
        bool checkWhileReading, CancellationToken ct)
    {
        if (!checkWhileReading) return CellsAsync(file, DetectEncoding(file, log), log, onHeader, progress, ct);
        // The first 64 KB decide as the whole file would when they are not UTF-8 (UTF-16 by its mark, or a guess from
        // that sample); when they are, the rest is checked as it is read.
        var encoding = DetectEncoding(file, log, upTo: Sample);
        return CellsAsync(file, encoding, log, onHeader, progress, ct, checkUtf8: encoding is UTF8Encoding);
    }

    /// <summary>A file read as UTF-8 (<see cref="ReadCellsAsync"/>, checking while reading) has a byte further on that is not.</summary>
    public sealed class NotUtf8Exception(string file) : Exception($"{file} is not UTF-8 after all; it is read again in the encoding it has.");

    /// <summary>The header row alone, for telling formats apart: its encoding is judged on the first 64 KB of the file,
    /// not on all of it as an import judges it (column names are ASCII in every known export). Null for a file with no header.</summary>
    public static async Task<CsvHeader?> HeaderAsync(PatentFile file, ImportLog log, CancellationToken ct)
    {
        CsvHeader? header = null;
        await foreach (var _ in CellsAsync(file, DetectEncoding(file, log, upTo: Sample), log, h => header = h, null, ct)) break;
        return header;
    }

    static async IAsyncEnumerable<CsvCells> CellsAsync(PatentFile source, Encoding encoding, ImportLog log, Action<CsvHeader> onHeader, Action<double>? progress,
        [EnumeratorCancellation] CancellationToken ct, bool checkUtf8 = false)
    {
        using var reading = source.Open();
        var file = reading.Data;
        // Files in another encoding are read through a transcoding stream, so there is one reader, on UTF-8 bytes.
        await using Stream utf8 = encoding is not UTF8Encoding ? Encoding.CreateTranscodingStream(file, encoding, Encoding.UTF8, leaveOpen: true)
            : checkUtf8 ? new Utf8Checked(file, log.File) : file;
        var records = new DelimitedReader(utf8);
        var cells = records.Cells;
        CsvHeader? header = null;
        var n = 0;
        while (records.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (header is null)
            {
                if (cells.Count is > 0 and <= 2 && cells.Text(0).TrimStart('\uFEFF').StartsWith("search URL", StringComparison.OrdinalIgnoreCase))
                {
                    records.Delimiter = null; // the header line after the URL decides
                    continue;
                }
                header = CsvHeader.Of(cells.Texts());
                onHeader(header);
                continue;
            }
            if (cells.Count > header.Names.Count && Enumerable.Range(header.Names.Count, cells.Count - header.Names.Count).Any(i => !string.IsNullOrWhiteSpace(cells.Text(i))))
                throw new ImportFileException(log.File, $"the row has {cells.Count} fields but the header has {header.Names.Count}; check the delimiter and quotes.", cells.Number);
            yield return cells;
            if (++n % 8192 == 0) progress?.Invoke(reading.Fraction);
        }
        if (header is null) throw new ImportFileException(log.File, "the file is empty; the first row must be the header.");
        progress?.Invoke(1);
    }
}
