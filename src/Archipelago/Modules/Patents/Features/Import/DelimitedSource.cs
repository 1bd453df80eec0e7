using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>Turns the rows of a delimited export into <see cref="PatentRecord"/>s through a <see cref="ColumnMapping"/>,
/// warning about (and dropping) bad dates and classification symbols, and failing rows that have no publication number.
/// Each record comes with the numbers of its symbols in the import (<see cref="SymbolIds"/>), found with their spellings.</summary>
public static partial class DelimitedSource
{
    /// <summary>The fields a mapping resolves to column positions once, from the header.</summary>
    sealed class Columns(CsvHeader h, ColumnMapping m, SymbolIds numbers, bool textAsBytes)
    {
        /// <summary>Title, abstract and claims are kept as the cells' bytes (<see cref="RecordText"/>), not as strings.</summary>
        public readonly bool TextAsBytes = textAsBytes;
        public readonly int Number = h.Find(m.PublicationNumber), Kind = h.Find(m.Kind), Jurisdiction = h.Find(m.Jurisdiction),
            DocumentType = h.Find(m.DocumentType), Title = h.Find(m.Title), Abstract = h.Find(m.Abstract), Claims = h.Find(m.Claims),
            ApplicationNumber = h.Find(m.ApplicationNumber), PriorityDate = h.Find(m.PriorityDate), PriorityNumbers = h.Find(m.PriorityNumbers),
            ApplicationDate = h.Find(m.ApplicationDate), PublicationDate = h.Find(m.PublicationDate), PublicationYear = h.Find(m.PublicationYear),
            Family = h.Find(m.Family), FamilySelf = h.Find(m.FamilySelf), Applicants = h.Find(m.Applicants), Inventors = h.Find(m.Inventors),
            Ipc = h.Find(m.Ipc), Cpc = h.Find(m.Cpc), LegalStatus = h.Find(m.LegalStatus);
        public readonly IReadOnlyList<string> Names = h.Names;

        // The same symbols, names, dates and codes recur on thousands of rows: each distinct spelling is parsed once
        // per file, looked up by its bytes, so those cells need no strings of their own.
        // A symbol's number comes with its spelling, so a row's symbols need no look-up by code afterwards; IPC and CPC
        // apart, as one code is a symbol of each scheme.
        public readonly Spellings<Symbol> IpcSymbols = new(), CpcSymbols = new();
        public readonly Func<string, Symbol> IpcSymbol = s => Symbol.Parse(s, numbers, cpc: false), CpcSymbol = s => Symbol.Parse(s, numbers, cpc: true);
        /// <summary>The numbers of the current row's symbols, IPC then CPC.</summary>
        public readonly List<long> Numbers = [];
        /// <summary>A scheme's symbols of the current row as they are found (one list for every row); the record keeps them
        /// copied into an array of their exact count.</summary>
        public readonly List<IpcCode> Codes = [];
        /// <summary>The current row's IPC and CPC symbols joined as stored (<see cref="StagedRecord.Ipc"/>), as UTF-8, when
        /// <see cref="TextAsBytes"/>.</summary>
        public readonly ArrayBufferWriter<byte> IpcText = new(), CpcText = new();
        /// <summary>The current row's text, when <see cref="TextAsBytes"/>.</summary>
        public RecordText? Text;
        public readonly Spellings<(string Name, bool LegalFormOnly)> People = new();
        public readonly Spellings<(bool Valid, DateOnly? Date)> Dates = new();
        public readonly Spellings<string> Upper = new(), Plain = new();
        public readonly byte[] Separator = System.Text.Encoding.UTF8.GetBytes(m.Separator);
    }

    /// <summary>A part of a classification cell as parsed: the symbol (null when the part is none), whether it was cut off
    /// after the subclass, and the symbol's number in the import.</summary>
    readonly record struct Symbol(IpcCode? Code, bool Truncated, long Number, byte[]? Utf8)
    {
        public static Symbol Parse(string s, SymbolIds numbers, bool cpc) =>
            IpcCode.Parse(s) is { } p ? new(p, !p.HasGroup && IpcCode.IsTruncated(s), numbers.Of(p, cpc), System.Text.Encoding.UTF8.GetBytes(p.Code)) : default;
    }

    /// <summary>The next non-empty part of a multi-valued cell, trimmed: parts end at <paramref name="separator"/> and,
    /// when <paramref name="semicolon"/>, also at a lone ';'.</summary>
    static bool NextPart(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> separator, bool semicolon, out ReadOnlySpan<byte> part)
    {
        // A separator of semicolons only (Lens's ';;') splits where a lone ';' does, around empty parts: one scan.
        var semicolonsOnly = semicolon && separator.IndexOfAnyExcept((byte)';') < 0;
        while (rest.Length > 0)
        {
            int end, skip;
            if (semicolonsOnly) (end, skip) = (rest.IndexOf((byte)';'), 1);
            else
            {
                (end, skip) = (rest.IndexOf(separator), separator.Length);
                if (semicolon && rest.IndexOf((byte)';') is var at and >= 0 && (end < 0 || at < end)) (end, skip) = (at, 1);
            }
            if (end < 0) (end, skip) = (rest.Length, 0);
            part = Utf8Text.Trim(rest[..end]);
            rest = rest[(end + skip)..];
            if (part.Length > 0) return true;
        }
        part = default;
        return false;
    }

    /// <summary>The records of a delimited file; with <paramref name="textAsBytes"/> their title, abstract and claims come
    /// as UTF-8 in <see cref="SourceRecord.Text"/> (the record's are null). <paramref name="checkWhileReading"/>: as
    /// <see cref="PatentCsv.ReadCellsAsync"/> (it may throw <see cref="PatentCsv.NotUtf8Exception"/>).</summary>
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(PatentFile file, ColumnMapping mapping, ImportLog log,
        Action<double>? progress, SymbolIds numbers, bool textAsBytes, bool checkWhileReading, [EnumeratorCancellation] CancellationToken ct)
    {
        Columns? cols = null;
        var rows = PatentCsv.ReadCellsAsync(file, log, h => cols = new Columns(h, mapping, numbers, textAsBytes), progress, checkWhileReading, ct);
        await foreach (var record in FromRows(rows, () => cols!, mapping, log)) yield return record;
    }

    /// <summary>Records from one table whose header is already read (a workbook's sheet).</summary>
    public static IAsyncEnumerable<SourceRecord> ReadAsync(CsvHeader header, IAsyncEnumerable<PatentCsv.Row> rows, ColumnMapping mapping, ImportLog log,
        SymbolIds numbers, bool textAsBytes)
    {
        var cols = new Columns(header, mapping, numbers, textAsBytes);
        var cells = new CsvCells();
        return FromRows(rows.Select(r => cells.Set(r.Number, r.Cells)), () => cols, mapping, log);
    }

    /// <summary>Records from rows of any tabular reader (CSV, a workbook's sheet); <paramref name="header"/> is asked
    /// after the first row arrives, once the reader has seen the header.</summary>
    static async IAsyncEnumerable<SourceRecord> FromRows(IAsyncEnumerable<CsvCells> rows, Func<Columns> header,
        ColumnMapping mapping, ImportLog log)
    {
        await foreach (var row in rows)
        {
            var cols = header();
            if (cols.Number < 0)
            {
                log.Error(1, mapping.PublicationNumber.Split('|')[0], $"the header has no publication number column ('{mapping.PublicationNumber}'); is this the right format? Columns found: {string.Join(", ", cols.Names.Take(12))}.");
                yield break;
            }
            cols.Numbers.Clear();
            cols.IpcText.ResetWrittenCount();
            cols.CpcText.ResetWrittenCount();
            var record = ToRecord(row, cols, log, out var text);
            if (record is not null) yield return new(row.Number, record, [.. cols.Numbers], text);
        }
    }

    /// <summary>Cell <paramref name="i"/> trimmed, false when the column is absent or the cell holds no value (empty or a
    /// missing marker such as NA).</summary>
    static bool Cell(CsvCells row, int i, out ReadOnlySpan<byte> cell)
    {
        cell = i < 0 || i >= row.Count ? default : Utf8Text.Trim(row[i]);
        return !PatentDate.IsMissing(cell);
    }

    static string? Text(CsvCells row, int i) => Cell(row, i, out var cell) ? Utf8Text.Decode(cell) : null;

    static PatentRecord? ToRecord(CsvCells row, Columns c, ImportLog log, out RecordText? text)
    {
        text = null;
        if (!Cell(row, c.Number, out var raw))
        {
            log.Error(row.Number, c.Names[c.Number], "the publication number is empty; every record is keyed on it.");
            return null;
        }
        var number = PatentRecord.NormaliseNumber(raw);
        var kind = Cell(row, c.Kind, out var k) ? c.Upper.Get(k, s => s.ToUpperInvariant()) : null;
        if (kind is not null && !number.EndsWith(kind, StringComparison.Ordinal)) number += kind;
        var jurisdiction = Cell(row, c.Jurisdiction, out var j) ? c.Upper.Get(j, s => s.ToUpperInvariant()) : JurisdictionOf(number);
        if (jurisdiction is null)
        {
            log.Error(row.Number, c.Names[c.Number], $"'{Utf8Text.Decode(raw)}' does not start with a country or office code (US, EP, WO, CN…) and there is no jurisdiction column.");
            return null;
        }
        var publication = Date(row, c.PublicationDate, c, log);
        int? year = publication?.Year;
        if (year is null && Cell(row, c.PublicationYear, out var y))
        {
            if (int.TryParse(y, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var py) && py is >= 1700 and <= 2200) year = py;
            else log.Warn(row.Number, c.Names[c.PublicationYear], $"'{Utf8Text.Decode(y)}' is not a year; the field is left empty.");
        }
        var priority = Date(row, c.PriorityDate, c, log) ?? PatentDate.EarliestIn(Text(row, c.PriorityNumbers));
        var application = Date(row, c.ApplicationDate, c, log);
        // IPC before CPC: the symbols' numbers follow that order.
        var (ipc, cpc) = (Codes(row, c.Ipc, c, log, cpc: false), Codes(row, c.Cpc, c, log, cpc: true));
        if (c.TextAsBytes) text = TextOf(row, c);
        return new PatentRecord(number, jurisdiction, kind, Cell(row, c.DocumentType, out var type) ? c.Plain.Get(type, s => s) : null,
            text is null ? Text(row, c.Title) : null, text is null ? Text(row, c.Abstract) : null, text is null ? Text(row, c.Claims) : null,
            Text(row, c.ApplicationNumber), priority, application, publication, year, Family(row, c, number),
            Names(row, c.Applicants, c), Names(row, c.Inventors, c), ipc, cpc,
            Cell(row, c.LegalStatus, out var status) ? c.Upper.Get(status, s => s.ToUpperInvariant()) : null);
    }

    /// <summary>Title, abstract and claims as <see cref="Text"/> would give them, as the cells' UTF-8 (which the reader
    /// guarantees valid: a file that is not UTF-8 is transcoded), and the row's symbols joined: the row's view.</summary>
    static RecordText TextOf(CsvCells row, Columns c)
    {
        var text = c.Text ??= new RecordText(c.IpcText, c.CpcText);
        text.Set(RecordText.Title, row, c.Title, Cell(row, c.Title, out var title), title);
        text.Set(RecordText.Abstract, row, c.Abstract, Cell(row, c.Abstract, out var @abstract), @abstract);
        text.Set(RecordText.Claims, row, c.Claims, Cell(row, c.Claims, out var claims), claims);
        return text;
    }

    /// <summary>The family key: the smallest of the family's members (ordinal order), the record's own key among them
    /// when the export lists it apart; the publication itself when the export has no family.</summary>
    static string Family(CsvCells row, Columns c, string number)
    {
        if (!Cell(row, c.Family, out var members)) return number;
        scoped ReadOnlySpan<byte> smallest = default;
        var rest = members;
        while (NextPart(ref rest, c.Separator, false, out var part))
            if (smallest.IsEmpty || Utf8Text.CompareOrdinal(part, smallest) < 0) smallest = part;
        var family = smallest.IsEmpty ? null : Utf8Text.Decode(smallest);
        if (c.FamilySelf >= 0 && Text(row, c.FamilySelf) is { } self)
        {
            var own = c.FamilySelf == c.Number ? number : self;
            if (family is null || string.CompareOrdinal(own, family) < 0) family = own;
        }
        return family ?? number;
    }

    [GeneratedRegex(@"^([A-Z]{2})(?=[A-Z]{0,3}\d)")]
    private static partial Regex Office();

    static string? JurisdictionOf(string number) => Office().Match(number) is { Success: true } m ? m.Groups[1].Value : null;

    static DateOnly? Date(CsvCells row, int i, Columns c, ImportLog log)
    {
        if (i < 0 || !Cell(row, i, out var text)) return null;
        var (valid, date) = c.Dates.Get(text, s => (PatentDate.TryParse(s, out var d), d));
        if (valid) return date;
        log.Warn(row.Number, c.Names[i], $"'{Utf8Text.Decode(text)}' is not a valid date (a real day as yyyy-MM-dd, yyyyMMdd or dd.MM.yyyy); the field is left empty.");
        return null;
    }

    [GeneratedRegex(@"\s{2,}[A-Z]{2}\s*$")]
    private static partial Regex TrailingCountry();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Names in source order, without repeats; runs of spaces collapse and a trailing country code set off by
    /// several spaces (<c>SOLDIN STEVEN J    US</c>) is dropped.</summary>
    static IReadOnlyList<string> Names(CsvCells row, int i, Columns c)
    {
        if (!Cell(row, i, out var cell)) return [];
        var list = new List<string>();
        for (var rest = cell; NextPart(ref rest, c.Separator, false, out var part);)
        {
            if (PatentDate.IsMissing(part)) continue;
            var (name, legalFormOnly) = c.People.Get(part, p =>
            {
                var n = Spaces().Replace(TrailingCountry().Replace(p, ""), " ").Trim();
                return (n, IsLegalFormOnly(n));
            });
            // Google Patents separates names with ',' — which also sits inside "Co., Ltd.": a part that is only a legal
            // form belongs to the name before it.
            if (list.Count > 0 && legalFormOnly) { list[^1] = $"{list[^1]}, {name}"; continue; }
            if (name.Length > 0 && !list.Contains(name)) list.Add(name);
        }
        return list;
    }

    static bool IsLegalFormOnly(string name)
    {
        var words = new string(name.ToUpperInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(ApplicantName.LegalWords.Contains);
    }

    /// <summary>The symbols of one scheme's cell in source order, without repeats (two spellings of one code are one
    /// symbol: they share its number); their numbers go to <see cref="Columns.Numbers"/> and, when the text is kept as
    /// bytes, the symbols joined as stored to <see cref="Columns.IpcText"/> or <see cref="Columns.CpcText"/>.</summary>
    static IReadOnlyList<IpcCode> Codes(CsvCells row, int i, Columns c, ImportLog log, bool cpc)
    {
        if (!Cell(row, i, out var cell)) return [];
        var list = c.Codes;
        list.Clear();
        var (spellings, parse, joined) = cpc ? (c.CpcSymbols, c.CpcSymbol, c.CpcText) : (c.IpcSymbols, c.IpcSymbol, c.IpcText);
        var first = c.Numbers.Count;
        // PATENTSCOPE separates symbols with ';' but a Lens cell never holds a bare ';' inside a symbol, so both split.
        for (var rest = cell; NextPart(ref rest, c.Separator, true, out var part);)
        {
            var (code, truncated, number, utf8) = spellings.Get(part, parse);
            if (code is null) { log.Warn(row.Number, c.Names[i], $"'{Utf8Text.Decode(part)}' is not an IPC/CPC symbol (e.g. A61K 38/00); it is left out."); continue; }
            if (truncated) log.Warn(row.Number, c.Names[i], $"'{Utf8Text.Decode(part)}' is cut off after the subclass; kept as {code.Subclass}.");
            if (c.Numbers.IndexOf(number, first) >= 0) continue;
            list.Add(code);
            c.Numbers.Add(number);
            if (!c.TextAsBytes) continue;
            if (list.Count > 1) joined.Write(";;"u8); // StagedRecord.Separator
            joined.Write(utf8);
        }
        return list.ToArray();
    }
}
