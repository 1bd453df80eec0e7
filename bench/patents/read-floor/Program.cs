// The reading side of a Lens import done on UTF-8 bytes: what the import's reading thread (CSV → records →
// normalised, staged for SQLite) could cost if it never made a string per cell. A measurement for planning
// (docs/benchmarks.md, "Thirteenth round"), not an importer: it handles the Lens columns of bench/patents/generate_lens.py
// and real Lens exports, reports bad rows only by counting them, and writes nothing.
//
// Per row it does what the import's reading side does before the writer binds the row: finds the cells (quotes and
// doubled quotes as RFC 4180), normalises the publication number, parses the three dates, takes the family as the
// smallest of the members and the row's Lens ID, splits applicants, inventors, IPC and CPC cells on ';;' and resolves
// each part to an id through a table keyed on its bytes — a spelling met for the first time is decoded and normalised
// by the platform's own ApplicantName.Normalise / IpcCode.Parse, as the import's memos do — keeps each record's ids
// once, checks titles and abstracts for non-ASCII text (the import's CJK test), copies the fields a writer binds into
// a staging arena (as the import hands rows to its writer thread), and appends each record's year, applicant and
// symbol ids to growing columns (as the landscape store does). Not done: SQLite, the landscape store's own
// summaries, the co-applicant pairs, warnings' text.
//
// Usage: dotnet run -c Release -- FILE   (prints counts to check against an import of the same file, and the time).

using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Search;

var path = args.Length == 1 ? args[0] : throw new ArgumentException("usage: ReadFloor FILE.csv");
var wall = Stopwatch.StartNew();
var read = new LensBytes();
read.Run(path);
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
Console.WriteLine($"records {read.Records:N0}, applicant links {read.ApplicantLinks:N0}, inventor links {read.InventorLinks:N0}, " +
    $"distinct names {read.Names.Count:N0}, symbol links {read.SymbolLinks:N0}, distinct symbols {read.SymbolCount:N0}, " +
    $"symbols rejected {read.Rejected:N0}, non-ASCII titles/abstracts {read.NonAscii:N0}, staged {read.Staged / 1048576.0:N0} MB, " +
    $"families {read.Families:N0}, bad rows {read.BadRows:N0}, applicant links by kind (university, company, individual, other) {string.Join("/", read.Kinds)}");
Console.WriteLine($"read floor: {wall.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, " +
    $"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");

/// <summary>Ids for byte spellings: open addressing over one arena of key bytes, so a lookup allocates nothing.</summary>
sealed class SpellingTable
{
    int[] slots = new int[1 << 16]; // entry + 1; 0 = empty
    readonly List<(int Start, int Length, int Hash, int Value)> entries = [];
    byte[] arena = new byte[1 << 20];
    int used;

    public int Count => entries.Count;

    static int HashOf(ReadOnlySpan<byte> key)
    {
        // FNV-1a over 8 bytes at a time: spellings are short (10–60 bytes).
        ulong h = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(key);
        foreach (var w in words) h = (h ^ w) * 1099511628211UL;
        for (var i = words.Length * 8; i < key.Length; i++) h = (h ^ key[i]) * 1099511628211UL;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }

    public int Get(ReadOnlySpan<byte> key, Func<string, int> first)
    {
        var hash = HashOf(key);
        var mask = slots.Length - 1;
        for (var at = hash & mask; ; at = (at + 1) & mask)
        {
            var s = slots[at];
            if (s == 0) break;
            var e = entries[s - 1];
            if (e.Hash == hash && arena.AsSpan(e.Start, e.Length).SequenceEqual(key)) return e.Value;
        }
        var value = first(Encoding.UTF8.GetString(key));
        if (used + key.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, used + key.Length));
        key.CopyTo(arena.AsSpan(used));
        entries.Add((used, key.Length, hash, value));
        used += key.Length;
        if (entries.Count * 2 > slots.Length) Grow(); else Place(entries.Count - 1);
        return value;
    }

    void Place(int entry)
    {
        var mask = slots.Length - 1;
        var at = entries[entry].Hash & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = entry + 1;
    }

    void Grow()
    {
        slots = new int[slots.Length * 2];
        for (var i = 0; i < entries.Count; i++) Place(i);
    }
}

/// <summary>A growing column of ints (the landscape store's columns are such arrays).</summary>
sealed class IntColumn
{
    int[] items = new int[1 << 20];
    public int Count { get; private set; }
    public void Add(int v)
    {
        if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
        items[Count++] = v;
    }
}

sealed class LensBytes
{
    static readonly SearchValues<byte> CellEnds = SearchValues.Create(",\n"u8);
    static readonly string[] Wanted = ["Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year",
        "Application Number", "Application Date", "Earliest Priority Date", "Title", "Abstract", "Applicants", "Inventors",
        "Simple Family Members", "CPC Classifications", "IPCR Classifications", "Legal Status"];
    const int Jurisdiction = 0, Kind = 1, Key = 2, LensId = 3, PubDate = 4, PubYear = 5, AppNumber = 6, AppDate = 7, Priority = 8,
        Title = 9, Abstract = 10, Applicants = 11, Inventors = 12, Family = 13, Cpc = 14, Ipc = 15, Legal = 16;

    public long Records, ApplicantLinks, InventorLinks, SymbolLinks, Rejected, NonAscii, Staged, BadRows;
    public readonly Dictionary<string, int> Names = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> symbolIds = new(StringComparer.Ordinal);
    readonly SpellingTable familyIds = new();
    public int SymbolCount => symbolIds.Count;
    public int Families => familyIds.Count;
    static readonly int[] Texts = [Title, Abstract], Fields = [Jurisdiction, AppNumber, Legal], Schemes = [Ipc, Cpc];

    readonly SpellingTable people = new(), ipcSpellings = new(), cpcSpellings = new(), statuses = new();
    readonly IntColumn years = new(), applicantColumn = new(), symbolColumn = new();
    readonly byte[] stage = new byte[8 << 20]; // one hand-over batch to the writer
    int staged;
    int[] columnOf = [];
    readonly int[] start = new int[64], length = new int[64];
    readonly bool[] escaped = new bool[64];
    readonly byte[] smallest = new byte[4096];
    readonly List<bool> university = [];
    public readonly long[] Kinds = new long[4];
    readonly int[] recordInventors = new int[256];
    readonly int[] recordNames = new int[256], recordSymbols = new int[512];

    public void Run(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buf = new byte[8 << 20];
        int filled = 0, pos = 0;
        var header = true;
        while (true)
        {
            var n = file.Read(buf, filled, buf.Length - filled);
            filled += n;
            var eof = n == 0;
            while (pos < filled)
            {
                var cells = Row(buf.AsSpan(0, filled), ref pos, eof);
                if (cells < 0) break; // the row goes on past the buffer: read more
                if (header) { Header(buf, cells); header = false; }
                else Record(buf, cells);
            }
            if (eof) break;
            // Keep the unfinished row; grow when a single row fills the buffer.
            var rest = filled - pos;
            if (rest == buf.Length) Array.Resize(ref buf, buf.Length * 2);
            else Buffer.BlockCopy(buf, pos, buf, 0, rest);
            (filled, pos) = (rest, 0);
        }
    }

    /// <summary>Finds the cells of the row at <paramref name="pos"/>; -1 (pos unchanged) when the row is not complete.</summary>
    int Row(ReadOnlySpan<byte> b, ref int pos, bool eof)
    {
        var p = pos;
        var cell = 0;
        while (true)
        {
            if (cell == start.Length) return Bad(b, ref pos);
            if (p < b.Length && b[p] == '"')
            {
                var q = p + 1;
                var doubled = false;
                while (true)
                {
                    var at = b[q..].IndexOf((byte)'"');
                    if (at < 0) return eof ? Bad(b, ref pos) : -1;
                    q += at;
                    if (q + 1 < b.Length && b[q + 1] == '"') { doubled = true; q += 2; continue; }
                    if (q + 1 >= b.Length && !eof) return -1;
                    break;
                }
                (start[cell], length[cell], escaped[cell]) = (p + 1, q - p - 1, doubled);
                p = q + 1;
            }
            else
            {
                var at = b[p..].IndexOfAny(CellEnds);
                if (at < 0) { if (!eof) return -1; at = b.Length - p; }
                var end = p + at;
                var len = end - p;
                if (len > 0 && end < b.Length && b[end] == '\n' && b[end - 1] == '\r') len--;
                (start[cell], length[cell], escaped[cell]) = (p, len, false);
                p = end;
            }
            cell++;
            if (p >= b.Length) { if (!eof) return -1; pos = p; return cell; }
            if (b[p] == ',') { p++; continue; }
            if (b[p] == '\r' && p + 1 < b.Length && b[p + 1] == '\n') p++;
            if (b[p] == '\n') { pos = p + 1; return cell; }
            return Bad(b, ref pos);
        }
    }

    int Bad(ReadOnlySpan<byte> b, ref int pos)
    {
        BadRows++;
        var nl = b[pos..].IndexOf((byte)'\n');
        pos = nl < 0 ? b.Length : pos + nl + 1;
        return 0;
    }

    void Header(byte[] buf, int cells)
    {
        var names = Enumerable.Range(0, cells).Select(i => Encoding.UTF8.GetString(buf, start[i], length[i]).Trim('\uFEFF', ' ')).ToList();
        columnOf = Wanted.Select(w => names.IndexOf(w)).ToArray();
        if (columnOf[Key] < 0) throw new InvalidDataException("not a Lens export: no Display Key column");
    }

    ReadOnlySpan<byte> Cell(byte[] buf, int cells, int wanted)
    {
        var i = columnOf[wanted];
        if (i < 0 || i >= cells) return default;
        var s = buf.AsSpan(start[i], length[i]);
        if (escaped[i])
        {
            // Doubled quotes, undone in place once (the cell only shrinks).
            var w = 0;
            for (var r = 0; r < s.Length; r++, w++) { s[w] = s[r]; if (s[r] == '"') r++; }
            (length[i], escaped[i]) = (w, false);
            s = s[..w];
        }
        return s.Trim((byte)' ');
    }

    void Record(byte[] buf, int cells)
    {
        if (cells == 0) return;
        Records++;
        var key = Cell(buf, cells, Key);
        if (key.IsEmpty) { BadRows++; return; }
        // The publication number: upper case, without spaces, '/', '-', '.' or ',' — straight into the staging arena.
        if (staged + 4096 > stage.Length) staged = 0; // a batch handed over
        var numberAt = staged;
        foreach (var c in key)
            if (c is not ((byte)' ' or (byte)'/' or (byte)'-' or (byte)'.' or (byte)',')) stage[staged++] = c is >= (byte)'a' and <= (byte)'z' ? (byte)(c - 32) : c;
        var number = stage.AsSpan(numberAt, staged - numberAt);
        var kind = Cell(buf, cells, Kind);
        if (!kind.IsEmpty && !number.EndsWith(kind)) foreach (var c in kind) stage[staged++] = c;
        var year = Date(Cell(buf, cells, PubDate)) is var pub and > 0 ? pub / 10000 : Int(Cell(buf, cells, PubYear));
        var priority = Date(Cell(buf, cells, Priority));
        var application = Date(Cell(buf, cells, AppDate));
        years.Add(year * 16 + (priority > 0 ? 1 : 0) + (application > 0 ? 2 : 0));

        // The family: the smallest member, the row's own Lens ID included.
        var self = Cell(buf, cells, LensId);
        self.CopyTo(smallest);
        var familyLength = self.Length;
        for (var rest = Cell(buf, cells, Family); Next(ref rest, out var part, semicolon: false);)
            if (familyLength == 0 || part.SequenceCompareTo(smallest.AsSpan(0, familyLength)) < 0) { part.CopyTo(smallest); familyLength = part.Length; }
        familyIds.Get(smallest.AsSpan(0, familyLength), _ => familyIds.Count);

        foreach (var text in Texts)
        {
            var t = Cell(buf, cells, text);
            Stage(t);
            if (Ascii.IsValid(t)) continue;
            // Non-ASCII text may hold CJK runs, which the word index takes prepared (SearchIndex.Prepare), as bytes.
            NonAscii++;
            var prepared = SearchIndex.Prepare(Encoding.UTF8.GetString(t))!;
            if (staged + Encoding.UTF8.GetMaxByteCount(prepared.Length) > stage.Length) staged = 0;
            staged += Encoding.UTF8.GetBytes(prepared, stage.AsSpan(staged));
        }
        foreach (var f in Fields) Stage(Cell(buf, cells, f));
        if (Cell(buf, cells, Legal) is { IsEmpty: false } status) statuses.Get(status, s => s.ToUpperInvariant().GetHashCode());

        var inventors = People(buf, cells, Inventors, recordInventors, 0);
        InventorLinks += inventors;
        ApplicantLinks += People(buf, cells, Applicants, recordNames, inventors);
        var n = 0;
        foreach (var scheme in Schemes)
            for (var rest = Cell(buf, cells, scheme); Next(ref rest, out var part);)
            {
                var id = (scheme == Ipc ? ipcSpellings : cpcSpellings).Get(part, s => IpcCode.Parse(s) is { } code ? SymbolId((scheme == Ipc ? "ipc:" : "cpc:") + code.Code) : -1);
                if (id < 0) { Rejected++; continue; }
                if (recordSymbols.AsSpan(0, n).Contains(id)) continue;
                recordSymbols[n++] = id;
                symbolColumn.Add(id);
            }
        SymbolLinks += n;
        Stage(Cell(buf, cells, Ipc));
        Stage(Cell(buf, cells, Cpc));
    }

    int SymbolId(string code)
    {
        if (!symbolIds.TryGetValue(code, out var id)) symbolIds[code] = id = symbolIds.Count;
        return id;
    }

    /// <summary>The record's distinct names of one column as ids into <paramref name="ids"/>; for applicants also their kind:
    /// university, company (a legal form in the name as written), individual (also an inventor of the record), other.</summary>
    int People(byte[] buf, int cells, int column, int[] ids, int inventors)
    {
        var cell = Cell(buf, cells, column);
        var n = 0;
        for (var rest = cell; Next(ref rest, out var part, semicolon: false);)
        {
            var spelling = people.Get(part, raw =>
            {
                var name = ApplicantName.Normalise(raw);
                if (name.Length == 0) return -1;
                if (!Names.TryGetValue(name, out var v))
                {
                    Names[name] = v = Names.Count;
                    university.Add(ApplicantName.LooksLikeUniversity(name));
                }
                return v * 2 + (ApplicantName.LooksLikeCompany(raw) ? 1 : 0);
            });
            if (spelling < 0) continue;
            var id = spelling >> 1;
            if (ids.AsSpan(0, n).Contains(id)) continue;
            ids[n++] = id;
            if (column != Applicants) continue;
            applicantColumn.Add(id);
            Kinds[university[id] ? 0 : (spelling & 1) == 1 ? 1 : recordInventors.AsSpan(0, inventors).Contains(id) ? 2 : 3]++;
        }
        Stage(cell);
        return n;
    }

    void Stage(ReadOnlySpan<byte> field)
    {
        if (staged + field.Length > stage.Length) staged = 0;
        field.CopyTo(stage.AsSpan(staged));
        staged += field.Length;
        Staged += field.Length;
    }

    /// <summary>The next non-empty part of a ';;'-separated cell, trimmed; in classification cells a lone ';' separates
    /// too (PATENTSCOPE), in names it does not.</summary>
    static bool Next(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> part, bool semicolon = true)
    {
        while (rest.Length > 0)
        {
            int end, skip;
            if (semicolon)
            {
                end = rest.IndexOf((byte)';');
                skip = end >= 0 && end + 1 < rest.Length && rest[end + 1] == ';' ? 2 : 1;
            }
            else (end, skip) = (rest.IndexOf(";;"u8), 2);
            if (end < 0) (end, skip) = (rest.Length, 0);
            part = rest[..end].Trim((byte)' ');
            rest = rest[(end + skip)..];
            if (part.Length > 0) return true;
        }
        part = default;
        return false;
    }

    /// <summary>yyyy-mm-dd as yyyymmdd; 0 when missing or not a date.</summary>
    static int Date(ReadOnlySpan<byte> s)
    {
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return 0;
        int y = Int(s[..4]), m = Int(s[5..7]), d = Int(s[8..]);
        return y is >= 1700 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? y * 10000 + m * 100 + d : 0;
    }

    static int Int(ReadOnlySpan<byte> s)
    {
        var v = 0;
        foreach (var c in s) { if (c is < (byte)'0' or > (byte)'9') return 0; v = v * 10 + c - '0'; }
        return v;
    }
}
