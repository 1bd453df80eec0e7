using System.Buffers;
using System.Text;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// RFC 4180 records read straight off the UTF-8 bytes of a file (<see cref="PatentCsv"/> transcodes other encodings to
/// UTF-8 first): fields separated by the delimiter, optionally in double quotes (a doubled quote inside stands for one;
/// line breaks inside quotes belong to the field), records ended by CRLF, LF or a lone CR (classic Mac exports).
/// Lenient where exports are sloppy: a quote inside an unquoted field is kept as text, text after a closing quote is
/// appended, and a quote left open at the end of a truncated file ends the field there. Blank lines are skipped, and so
/// is a UTF-8 byte order mark at the start. The delimiter, when not set, is the most frequent of comma, tab and
/// semicolon on the first line (comma when none occurs). Cells stay bytes (<see cref="CsvCells"/>): a cell becomes a
/// string only when its reader asks for one, so the columns an import does not use cost no strings.
/// </summary>
public sealed class DelimitedReader(Stream stream)
{
    readonly byte[] buffer = new byte[1 << 16];
    int pos, len;
    bool eof, started;
    byte? delimiter;
    SearchValues<byte>? stops;

    public byte? Delimiter
    {
        get => delimiter;
        set => (delimiter, stops) = (value, null);
    }

    /// <summary>The record last read; its <see cref="CsvCells.Number"/> counts records (1 = the first of the file).</summary>
    public CsvCells Cells { get; } = new();

    bool Fill()
    {
        if (eof) return false;
        len = stream.Read(buffer, 0, buffer.Length);
        pos = 0;
        if (!started)
        {
            started = true;
            while (len < 3 && len > 0 && stream.Read(buffer, len, buffer.Length - len) is var more and > 0) len += more;
            if (buffer.AsSpan(0, len).StartsWith("\uFEFF"u8)) pos = 3;
        }
        if (len > 0) return true;
        eof = true;
        return false;
    }

    int Peek() => pos < len || Fill() ? buffer[pos] : -1;

    /// <summary>Reads the next record into <see cref="Cells"/>; false at the end of the input.</summary>
    public bool Read()
    {
        while (true) // blank lines
        {
            var first = Peek();
            if (first < 0) return false;
            if (first == '\n') { pos++; continue; }
            if (first == '\r')
            {
                pos++;
                if (Peek() == '\n') pos++;
                continue;
            }
            break;
        }
        var d = delimiter ??= Detect();
        // The bytes that end a run of ordinary bytes in an unquoted field.
        stops ??= SearchValues.Create([d, (byte)'\n', (byte)'\r', (byte)'"']);
        var cells = Cells;
        cells.Start(cells.Number + 1);
        bool quoted = false, start = true;
        while (true)
        {
            if (pos >= len && !Fill()) { cells.EndCell(); break; }
            var c = buffer[pos++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"') { pos++; cells.Append((byte)'"'); }
                    else quoted = false;
                    continue;
                }
                // The run up to the next quote at once (quoted fields are the long ones: abstracts, claims).
                var inside = buffer.AsSpan(pos - 1, len - pos + 1);
                var quote = inside.IndexOf((byte)'"');
                if (quote < 0) quote = inside.Length;
                cells.Append(inside[..quote]);
                pos += quote - 1;
                continue;
            }
            if (c == d) { cells.EndCell(); start = true; continue; }
            if (c == '\n') { cells.EndCell(); break; }
            if (c == '\r')
            {
                if (Peek() == '\n') pos++;
                cells.EndCell();
                break;
            }
            if (c == '"' && start) { quoted = true; start = false; continue; }
            start = false;
            // The run of ordinary bytes up to the next delimiter, quote or line end at once (a quote here is text).
            var rest = buffer.AsSpan(pos - 1, len - pos + 1);
            var stop = rest.IndexOfAny(stops);
            if (stop == 0) stop = 1;
            if (stop < 0) stop = rest.Length;
            cells.Append(rest[..stop]);
            pos += stop - 1;
        }
        return true;
    }

    byte Detect()
    {
        var line = buffer.AsSpan(pos, len - pos);
        var end = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (end >= 0) line = line[..end];
        var best = (byte)',';
        var most = 0;
        foreach (var candidate in ",\t;"u8)
        {
            var n = line.Count(candidate);
            if (n > most) (best, most) = (candidate, n);
        }
        return best;
    }
}

/// <summary>
/// The cells of one record as UTF-8 bytes, one after another in a reused buffer: valid until the next record is read
/// into it. <see cref="Number"/> is the record's number in its file or sheet (the header is 1).
/// </summary>
public sealed class CsvCells
{
    byte[] bytes = new byte[1 << 12];
    int[] starts = new int[32], lengths = new int[32];
    int used, cellStart;

    public int Number { get; private set; }
    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int i] => bytes.AsSpan(starts[i], lengths[i]);

    /// <summary>Cell <paramref name="i"/> as text (bytes that are no UTF-8 — a character cut by the end of a truncated
    /// file — become U+FFFD).</summary>
    public string Text(int i) => Encoding.UTF8.GetString(this[i]);

    public string[] Texts()
    {
        var texts = new string[Count];
        for (var i = 0; i < Count; i++) texts[i] = Text(i);
        return texts;
    }

    /// <summary>Holds the cells of a row another reader produced (a workbook's sheet).</summary>
    public CsvCells Set(int number, IReadOnlyList<string?> cells)
    {
        Start(number);
        foreach (var cell in cells)
        {
            var text = cell ?? "";
            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            used += Encoding.UTF8.GetBytes(text, bytes.AsSpan(used));
            EndCell();
        }
        return this;
    }

    internal void Start(int number)
    {
        (Number, Count, used, cellStart) = (number, 0, 0, 0);
    }

    internal void Append(byte b)
    {
        Reserve(1);
        bytes[used++] = b;
    }

    internal void Append(ReadOnlySpan<byte> s)
    {
        Reserve(s.Length);
        s.CopyTo(bytes.AsSpan(used));
        used += s.Length;
    }

    void Reserve(int n)
    {
        if (used + n > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + n));
    }

    internal void EndCell()
    {
        if (Count == starts.Length)
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
        }
        (starts[Count], lengths[Count]) = (cellStart, used - cellStart);
        Count++;
        cellStart = used;
    }
}
