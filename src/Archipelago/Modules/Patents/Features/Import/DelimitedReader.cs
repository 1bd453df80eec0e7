namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// RFC 4180 records read straight off a reused character buffer: fields separated by the delimiter, optionally in
/// double quotes (a doubled quote inside stands for one; line breaks inside quotes belong to the field), records ended
/// by CRLF, LF or a lone CR (classic Mac exports). Lenient where exports are sloppy: a quote inside an unquoted field
/// is kept as text, text after a closing quote is appended, and a quote left open at the end of a truncated file ends
/// the field there. Blank lines are skipped. The delimiter, when not set, is the most frequent of comma, tab and
/// semicolon on the first line (comma when none occurs).
/// </summary>
public sealed class DelimitedReader(TextReader reader)
{
    readonly char[] buffer = new char[1 << 16];
    int pos, len;
    bool eof;
    char[] field = new char[256];
    int flen;
    readonly List<string> cells = new(32);

    public char? Delimiter { get; set; }

    /// <summary>The number of the record last read (1 = the first record of the file).</summary>
    public int Row { get; private set; }

    bool Fill()
    {
        if (eof) return false;
        len = reader.Read(buffer, 0, buffer.Length);
        pos = 0;
        if (len > 0) return true;
        eof = true;
        return false;
    }

    int Peek() => pos < len || Fill() ? buffer[pos] : -1;

    public ValueTask<string[]?> ReadAsync() => ValueTask.FromResult(Read());

    /// <summary>The next record's fields, or null at the end of the input.</summary>
    public string[]? Read()
    {
        while (true) // blank lines
        {
            var first = Peek();
            if (first < 0) return null;
            if (first == '\n') { pos++; continue; }
            if (first == '\r')
            {
                pos++;
                if (Peek() == '\n') pos++;
                continue;
            }
            break;
        }
        Delimiter ??= Detect();
        var d = Delimiter.Value;
        Row++;
        cells.Clear();
        flen = 0;
        bool quoted = false, start = true;
        while (true)
        {
            if (pos >= len && !Fill()) { End(); break; }
            var c = buffer[pos++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"') { pos++; Append('"'); }
                    else quoted = false;
                }
                else Append(c);
                continue;
            }
            if (c == d) { End(); start = true; continue; }
            if (c == '\n') { End(); break; }
            if (c == '\r')
            {
                if (Peek() == '\n') pos++;
                End();
                break;
            }
            if (c == '"' && start) { quoted = true; start = false; continue; }
            start = false;
            // Fast path: copy the run of ordinary characters up to the next delimiter, quote or line end at once.
            var rest = buffer.AsSpan(pos - 1, len - pos + 1);
            var stop = rest.IndexOfAny(d, '\n', '\r');
            var quote = rest.IndexOf('"');
            if (quote >= 0 && (stop < 0 || quote < stop)) stop = quote == 0 ? 1 : quote;
            if (stop < 0) stop = rest.Length;
            Append(rest[..stop]);
            pos += stop - 1;
        }
        return cells.ToArray();
    }

    void End()
    {
        cells.Add(flen == 0 ? "" : new string(field, 0, flen));
        flen = 0;
    }

    void Append(char c)
    {
        if (flen == field.Length) Array.Resize(ref field, field.Length * 2);
        field[flen++] = c;
    }

    void Append(ReadOnlySpan<char> s)
    {
        if (flen + s.Length > field.Length) Array.Resize(ref field, Math.Max(field.Length * 2, flen + s.Length));
        s.CopyTo(field.AsSpan(flen));
        flen += s.Length;
    }

    char Detect()
    {
        var line = buffer.AsSpan(pos, len - pos);
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0) line = line[..end];
        var best = ',';
        var most = 0;
        foreach (var candidate in new[] { ',', '\t', ';' })
        {
            var n = line.Count(candidate);
            if (n > most) (best, most) = (candidate, n);
        }
        return best;
    }
}
