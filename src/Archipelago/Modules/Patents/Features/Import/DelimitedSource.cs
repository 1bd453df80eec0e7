using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>Turns the rows of a delimited export into <see cref="PatentRecord"/>s through a <see cref="ColumnMapping"/>,
/// warning about (and dropping) bad dates and classification symbols, and failing rows that have no publication number.</summary>
public static partial class DelimitedSource
{
    /// <summary>The fields a mapping resolves to column positions once, from the header.</summary>
    sealed class Columns(CsvHeader h, ColumnMapping m)
    {
        public readonly int Number = h.Find(m.PublicationNumber), Kind = h.Find(m.Kind), Jurisdiction = h.Find(m.Jurisdiction),
            DocumentType = h.Find(m.DocumentType), Title = h.Find(m.Title), Abstract = h.Find(m.Abstract), Claims = h.Find(m.Claims),
            ApplicationNumber = h.Find(m.ApplicationNumber), PriorityDate = h.Find(m.PriorityDate), PriorityNumbers = h.Find(m.PriorityNumbers),
            ApplicationDate = h.Find(m.ApplicationDate), PublicationDate = h.Find(m.PublicationDate), PublicationYear = h.Find(m.PublicationYear),
            Family = h.Find(m.Family), FamilySelf = h.Find(m.FamilySelf), Applicants = h.Find(m.Applicants), Inventors = h.Find(m.Inventors),
            Ipc = h.Find(m.Ipc), Cpc = h.Find(m.Cpc), LegalStatus = h.Find(m.LegalStatus);
        public readonly IReadOnlyList<string> Names = h.Names;

        // The same symbols and names recur on thousands of rows: each distinct spelling is parsed once per file
        // (bounded, so a file of only distinct values cannot grow them without limit).
        public readonly Memo<IpcCode?> Symbols = new();
        public readonly Memo<(string Name, bool LegalFormOnly)> People = new();
        public readonly Memo<string> Statuses = new();
    }

    /// <summary>A bounded map from a raw spelling to what it parses to; emptied when full. Looked up by span, so the
    /// parts of a cell need no strings of their own once their spelling is known.</summary>
    sealed class Memo<T>
    {
        readonly Dictionary<string, T> map = new(StringComparer.Ordinal);
        readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> spelled;

        public Memo() => spelled = map.GetAlternateLookup<ReadOnlySpan<char>>();

        public T Get(ReadOnlySpan<char> key, Func<string, T> parse)
        {
            if (spelled.TryGetValue(key, out var v)) return v;
            if (map.Count >= 200_000) map.Clear();
            var text = key.ToString();
            return map[text] = parse(text);
        }
    }

    /// <summary>The next non-empty part of a multi-valued cell, trimmed: parts end at <paramref name="separator"/> and,
    /// when <paramref name="semicolon"/>, also at a lone ';'.</summary>
    static bool NextPart(ref ReadOnlySpan<char> rest, string separator, bool semicolon, out ReadOnlySpan<char> part)
    {
        while (rest.Length > 0)
        {
            var end = rest.IndexOf(separator);
            var skip = separator.Length;
            if (semicolon && rest.IndexOf(';') is var at and >= 0 && (end < 0 || at < end)) (end, skip) = (at, 1);
            if (end < 0) (end, skip) = (rest.Length, 0);
            part = rest[..end].Trim();
            rest = rest[(end + skip)..];
            if (part.Length > 0) return true;
        }
        part = default;
        return false;
    }

    public static async IAsyncEnumerable<(int Row, PatentRecord Record)> ReadAsync(string path, ColumnMapping mapping, ImportLog log,
        Action<CsvHeader>? onHeader, Action<double>? progress, [EnumeratorCancellation] CancellationToken ct)
    {
        Columns? cols = null;
        var rows = PatentCsv.ReadAsync(path, log, h =>
        {
            onHeader?.Invoke(h);
            cols = new Columns(h, mapping);
        }, progress, ct);
        await foreach (var record in FromRows(rows, () => cols!, mapping, log)) yield return record;
    }

    /// <summary>Records from one table whose header is already read (a workbook's sheet).</summary>
    public static IAsyncEnumerable<(int Row, PatentRecord Record)> ReadAsync(CsvHeader header, IAsyncEnumerable<PatentCsv.Row> rows, ColumnMapping mapping, ImportLog log)
    {
        var cols = new Columns(header, mapping);
        return FromRows(rows, () => cols, mapping, log);
    }

    /// <summary>Records from rows of any tabular reader (CSV, a workbook's sheet); <paramref name="header"/> is asked
    /// after the first row arrives, once the reader has seen the header.</summary>
    static async IAsyncEnumerable<(int Row, PatentRecord Record)> FromRows(IAsyncEnumerable<PatentCsv.Row> rows, Func<Columns> header,
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
            var record = ToRecord(row, cols, mapping, log);
            if (record is not null) yield return (row.Number, record);
        }
    }

    static string? Cell(PatentCsv.Row row, int i) =>
        i < 0 || i >= row.Cells.Length || PatentDate.IsMissing(row.Cells[i]) ? null : row.Cells[i].Trim();

    static PatentRecord? ToRecord(PatentCsv.Row row, Columns c, ColumnMapping m, ImportLog log)
    {
        var raw = Cell(row, c.Number);
        if (raw is null)
        {
            log.Error(row.Number, c.Names[c.Number], "the publication number is empty; every record is keyed on it.");
            return null;
        }
        var number = PatentRecord.NormaliseNumber(raw);
        var kind = Cell(row, c.Kind)?.ToUpperInvariant();
        if (kind is not null && !number.EndsWith(kind, StringComparison.Ordinal)) number += kind;
        var jurisdiction = Cell(row, c.Jurisdiction)?.ToUpperInvariant() ?? JurisdictionOf(number);
        if (jurisdiction is null)
        {
            log.Error(row.Number, c.Names[c.Number], $"'{raw}' does not start with a country or office code (US, EP, WO, CN…) and there is no jurisdiction column.");
            return null;
        }
        var publication = Date(row, c.PublicationDate, c.Names, log);
        int? year = publication?.Year;
        if (year is null && Cell(row, c.PublicationYear) is { } y)
        {
            if (int.TryParse(y, out var py) && py is >= 1700 and <= 2200) year = py;
            else log.Warn(row.Number, c.Names[c.PublicationYear], $"'{y}' is not a year; the field is left empty.");
        }
        var priority = Date(row, c.PriorityDate, c.Names, log) ?? PatentDate.EarliestIn(Cell(row, c.PriorityNumbers));
        var family = number;
        if (Cell(row, c.Family) is { } members)
        {
            var all = Split(members, m.Separator).Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            if (c.FamilySelf >= 0 && Cell(row, c.FamilySelf) is { } self) all.Add(c.FamilySelf == c.Number ? number : self);
            if (all.Count > 0) family = all.Min(StringComparer.Ordinal)!;
        }
        return new PatentRecord(number, jurisdiction, kind, Cell(row, c.DocumentType), Cell(row, c.Title), Cell(row, c.Abstract), Cell(row, c.Claims),
            Cell(row, c.ApplicationNumber), priority, Date(row, c.ApplicationDate, c.Names, log), publication, year, family,
            Names(Cell(row, c.Applicants), m.Separator, c.People), Names(Cell(row, c.Inventors), m.Separator, c.People),
            Codes(row, c.Ipc, c.Names, m.Separator, log, c.Symbols), Codes(row, c.Cpc, c.Names, m.Separator, log, c.Symbols),
            Cell(row, c.LegalStatus) is { } status ? c.Statuses.Get(status, s => s.ToUpperInvariant()) : null);
    }

    [GeneratedRegex(@"^([A-Z]{2})(?=[A-Z]{0,3}\d)")]
    private static partial Regex Office();

    static string? JurisdictionOf(string number) => Office().Match(number) is { Success: true } m ? m.Groups[1].Value : null;

    static DateOnly? Date(PatentCsv.Row row, int i, IReadOnlyList<string> names, ImportLog log)
    {
        if (i < 0) return null;
        var text = Cell(row, i);
        if (PatentDate.TryParse(text, out var d)) return d;
        log.Warn(row.Number, names[i], $"'{text}' is not a valid date (a real day as yyyy-MM-dd, yyyyMMdd or dd.MM.yyyy); the field is left empty.");
        return null;
    }

    static IEnumerable<string> Split(string cell, string separator) => cell.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\s{2,}[A-Z]{2}\s*$")]
    private static partial Regex TrailingCountry();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Names in source order, without repeats; runs of spaces collapse and a trailing country code set off by
    /// several spaces (<c>SOLDIN STEVEN J    US</c>) is dropped.</summary>
    static IReadOnlyList<string> Names(string? cell, string separator, Memo<(string Name, bool LegalFormOnly)> memo)
    {
        if (cell is null) return [];
        var list = new List<string>();
        for (var rest = cell.AsSpan(); NextPart(ref rest, separator, false, out var part);)
        {
            if (PatentDate.IsMissing(part)) continue;
            var (name, legalFormOnly) = memo.Get(part, p =>
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

    // Two symbols are equal when their codes are (the code is made from every part); the memo hands out one instance
    // per spelling, so the comparison mostly stops at the reference.
    static bool Holds(List<IpcCode> list, IpcCode code)
    {
        foreach (var x in list) if (string.Equals(x.Code, code.Code, StringComparison.Ordinal)) return true;
        return false;
    }

    static IReadOnlyList<IpcCode> Codes(PatentCsv.Row row, int i, IReadOnlyList<string> names, string separator, ImportLog log, Memo<IpcCode?> memo)
    {
        var cell = Cell(row, i);
        if (cell is null) return [];
        var list = new List<IpcCode>();
        // PATENTSCOPE separates symbols with ';' but a Lens cell never holds a bare ';' inside a symbol, so both split.
        for (var rest = cell.AsSpan(); NextPart(ref rest, separator, true, out var part);)
        {
            var code = memo.Get(part, IpcCode.Parse);
            if (code is null) { log.Warn(row.Number, names[i], $"'{part}' is not an IPC/CPC symbol (e.g. A61K 38/00); it is left out."); continue; }
            if (!code.HasGroup && IpcCode.IsTruncated(part)) log.Warn(row.Number, names[i], $"'{part}' is cut off after the subclass; kept as {code.Subclass}.");
            if (!Holds(list, code)) list.Add(code);
        }
        return list;
    }
}
