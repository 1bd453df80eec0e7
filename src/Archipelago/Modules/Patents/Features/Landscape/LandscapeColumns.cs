using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>
/// The workspace's patent records as columns in memory, for landscapes in milliseconds: per record its years on the
/// three date bases, jurisdiction, legal status and family as ids; per record its applicants and classification symbols as runs of
/// ids in one array each (compressed sparse rows); one name table per string column. A filter becomes a loop over
/// these arrays and the landscape is counted over the selected rows with arrays indexed by id — the rules of
/// <see cref="LandscapeTally"/>, which the SQL path (<see cref="PatentLandscape.ComputeSqlAsync"/>) still follows and
/// the tests compare against. Built once per data version (<see cref="PatentLandscape.VersionAsync"/>: every Patents
/// write bumps it in its own transaction, so writes by other processes are noticed too) and kept per database.
/// </summary>
public sealed partial class LandscapeColumns
{
    const int NoYear = 0;

    public long Version { get; private init; }
    public int Records => ids.Length;
    /// <summary>When building took, for the benchmark.</summary>
    public TimeSpan BuildTime { get; private set; }

    long[] ids = [];
    int[] publicationYear = [], priorityYear = [], applicationYear = [];
    int minYear, yearSpan;
    int[] jurisdiction = [], family = [];
    string[] jurisdictionNames = [];
    Dictionary<string, int> jurisdictionIds = [];
    // Per record its legal status id, -1 when the source gave none.
    int[] legalStatus = [];
    string[] legalStatusNames = [];
    Dictionary<string, int> legalStatusIds = [];
    int familyCount;
    int[] applicantStart = [], applicant = [];
    string[] applicantNames = [];
    Dictionary<string, int> applicantIds = [];
    int[] symbolStart = [], symbol = [];
    // Per symbol (scheme and code): whether it is IPC, its code, subclass id, main group, WIPO field id and segment id (-1: none).
    bool[] symbolIsIpc = [];
    string[] symbolCode = [], symbolMainGroup = [];
    int[] symbolSubclass = [], symbolField = [], symbolSegment = [];
    string[] subclassNames = [], fieldNames = [], segmentNames = [];
    IReadOnlyDictionary<string, string> titles = new Dictionary<string, string>();
    // Derived (DeriveIpcRuns): per record the run of its IPC symbols alone, and per symbol its subclass, field and
    // segment side by side. Counting reads IPC symbols only: with the CPC symbols real exports carry (5 a record beside
    // 4 IPC) it skipped more than it read, and each IPC symbol cost three lookups in arrays apart.
    int[] ipcStart = [], ipcSymbol = [];
    IpcFacts[] ipcFacts = [];

    readonly record struct IpcFacts(int Subclass, int Field, int Segment);

    /// <summary>Makes the IPC runs and facts from the runs of both schemes; called by every way a store is made.</summary>
    void DeriveIpcRuns()
    {
        var n = symbolStart.Length - 1;
        ipcStart = new int[n + 1];
        // Without branches: IPC and CPC symbols alternate unpredictably, and a mispredicted branch per link was most
        // of this pass (9 M links: ~70 ms with them).
        var isIpc = new int[symbolIsIpc.Length];
        for (var s = 0; s < isIpc.Length; s++) isIpc[s] = symbolIsIpc[s] ? 1 : 0;
        var count = 0;
        foreach (var s in symbol) count += isIpc[s];
        // One past the end: each link is written, and kept by moving on when it is IPC. The spare slot stays (the runs
        // never reach it) rather than copy 4 M links at 1M records to drop it.
        var ipc = new int[count + 1];
        var at = 0;
        for (var row = 0; row < n; row++)
        {
            ipcStart[row] = at;
            for (var k = symbolStart[row]; k < symbolStart[row + 1]; k++)
            {
                var s = symbol[k];
                ipc[at] = s;
                at += isIpc[s];
            }
        }
        ipcStart[n] = at;
        ipcSymbol = ipc;
        ipcFacts = new IpcFacts[symbolSubclass.Length];
        for (var s = 0; s < ipcFacts.Length; s++) ipcFacts[s] = new IpcFacts(symbolSubclass[s], symbolField[s], symbolSegment[s]);
    }

    /// <summary>Bytes held by the arrays (strings of the name tables estimated at 2 bytes a character plus 24 of overhead).</summary>
    public long ApproximateBytes()
    {
        static long Strings(IEnumerable<string> s) => s.Sum(x => 24L + 2L * x.Length);
        long ints = publicationYear.Length * 3L + jurisdiction.Length + legalStatus.Length + family.Length + applicantStart.Length + applicant.Length + symbolStart.Length
            + symbol.Length + symbolSubclass.Length * 6L + ipcStart.Length + ipcSymbol.Length;
        return ids.Length * 8L + ints * 4 + symbolIsIpc.Length + Strings(applicantNames) * 2 + Strings(symbolCode) + Strings(symbolMainGroup)
            + Strings(jurisdictionNames) + Strings(subclassNames);
    }

    // ---- cache: one store per database, replaced when the data version moves -------------------------------------

    sealed class Slot
    {
        public LandscapeColumns? Ready;
        public Task<LandscapeColumns>? Building;
        public long BuildingVersion = -1;
    }

    static readonly ConcurrentDictionary<string, Slot> Slots = new(StringComparer.Ordinal);

    /// <summary>The store at <paramref name="version"/> (or newer), building it when the one held is older.</summary>
    public static async Task<LandscapeColumns> ForAsync(Database db, long version, CancellationToken ct = default)
    {
        var slot = Slots.GetOrAdd(db.ConnectionString, _ => new Slot());
        Task<LandscapeColumns> building;
        lock (slot)
        {
            if (slot.Ready is { } ready && ready.Version >= version) return ready;
            if (slot.Building is null || slot.Building.IsFaulted || slot.BuildingVersion < version)
            {
                slot.BuildingVersion = version;
                // Not tied to one request's token: a cancelled page must not cancel the build others wait for.
                slot.Building = Task.Run(() => LoadOrBuildAsync(db, CancellationToken.None), CancellationToken.None);
            }
            building = slot.Building;
        }
        var built = await building.WaitAsync(ct);
        lock (slot)
        {
            if (slot.Ready is null || slot.Ready.Version < built.Version) slot.Ready = built;
            if (ReferenceEquals(slot.Building, building)) slot.Building = null;
        }
        return built;
    }

    /// <summary>The store held for the database when it is current at <paramref name="version"/>, else null (it is not built here).</summary>
    public static LandscapeColumns? Current(Database db, long version) =>
        Slots.TryGetValue(db.ConnectionString, out var slot) && slot.Ready is { } r && r.Version >= version ? r : null;

    /// <summary>The store held for the database, whatever its version (the benchmark's report).</summary>
    public static LandscapeColumns? Held(Database db) => Slots.TryGetValue(db.ConnectionString, out var slot) ? slot.Ready : null;

    /// <summary>Drops the store held for the database (tests; a workspace being deleted).</summary>
    public static void Forget(Database db) => Slots.TryRemove(db.ConnectionString, out _);

    // ---- building -------------------------------------------------------------------------------------------------

    /// <summary>Reads the records, their applicants and their classification symbols in one snapshot.</summary>
    public static async Task<LandscapeColumns> BuildAsync(Database db, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var c = await db.OpenAsync(ct);
        await using var tx = c is SqliteConnection s ? s.BeginTransaction(deferred: true) : await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var version = await PatentLandscape.VersionAsync(c, tx);
        var store = new LandscapeColumns { Version = version };
        await store.ReadAsync(c, tx);
        await tx.CommitAsync(ct);
        store.BuildTime = watch.Elapsed;
        return store;
    }

    /// <summary>Reads the store inside the caller's transaction (the import's, after its writes), at its data version.</summary>
    public static async Task<LandscapeColumns> BuildAsync(DbConnection c, DbTransaction tx, long version)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var store = new LandscapeColumns { Version = version };
        await store.ReadAsync(c, tx);
        store.BuildTime = watch.Elapsed;
        return store;
    }

    async Task ReadAsync(DbConnection c, DbTransaction tx)
    {
        var count = (int)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records", transaction: tx);
        ids = new long[count];
        publicationYear = new int[count];
        priorityYear = new int[count];
        applicationYear = new int[count];
        jurisdiction = new int[count];
        legalStatus = new int[count];
        family = new int[count];
        var rowOf = new Dictionary<long, int>(count);
        var families = new Dictionary<string, int>(StringComparer.Ordinal);
        var jurisdictions = new List<string>();
        var statuses = new List<string>();
        int min = int.MaxValue, max = int.MinValue;
        int Year(DbDataReader r, int i)
        {
            if (r.IsDBNull(i)) return NoYear;
            var y = (int)r.GetInt64(i);
            if (y < min) min = y;
            if (y > max) max = y;
            return y;
        }
        var n = 0;
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT id, family_id, jurisdiction, publication_year, priority_year, application_year, legal_status FROM patents_records ORDER BY id", transaction: tx))
            while (r.Read())
            {
                if (n == count) throw new InvalidOperationException("patents_records grew while it was read");
                ids[n] = r.GetInt64(0);
                rowOf[ids[n]] = n;
                family[n] = Id(families, r.GetString(1));
                jurisdiction[n] = Id(jurisdictionIds, r.GetString(2), jurisdictions);
                publicationYear[n] = Year(r, 3);
                priorityYear[n] = Year(r, 4);
                applicationYear[n] = Year(r, 5);
                legalStatus[n] = r.IsDBNull(6) ? -1 : Id(legalStatusIds, r.GetString(6), statuses);
                n++;
            }
        familyCount = families.Count;
        families.Clear();
        jurisdictionNames = [.. jurisdictions];
        legalStatusNames = [.. statuses];
        minYear = min == int.MaxValue ? 0 : min;
        yearSpan = min == int.MaxValue ? 1 : max - min + 1;

        // Applicants in their order on the record: (row, id) pairs, then a stable counting sort into runs per row.
        var names = new List<string>();
        var pairRows = new List<int>(count * 2);
        var pairIds = new List<int>(count * 2);
        await using (var r = await c.ExecuteReaderAsync("SELECT record_id, applicant FROM patents_record_applicants ORDER BY record_id, position", transaction: tx))
            while (r.Read())
                if (rowOf.TryGetValue(r.GetInt64(0), out var row)) { pairRows.Add(row); pairIds.Add(Id(applicantIds, r.GetString(1), names)); }
        applicantNames = [.. names];
        (applicantStart, applicant) = Runs(count, pairRows, pairIds);

        // Classification symbols: one id per (scheme, code), with what the landscape needs of it.
        var fields = await Pairs(c, tx, "SELECT pattern, field FROM patents_technology_fields");
        var segments = await Pairs(c, tx, "SELECT pattern, segment FROM patents_segments");
        titles = await Pairs(c, tx, "SELECT subclass, title FROM patents_ipc_subclasses");
        // The stored symbols (migration 0022), each taken into the store when a link of a record first names it.
        var stored = new Dictionary<long, (bool Ipc, string Code, string Subclass, string MainGroup)>();
        await using (var r = await c.ExecuteReaderAsync("SELECT id, scheme, code, subclass, main_group FROM patents_symbols", transaction: tx))
            while (r.Read()) stored[r.GetInt64(0)] = (r.GetString(1) == "ipc", r.GetString(2), r.GetString(3), r.GetString(4));
        var symbols = new StoreSymbols(fields, segments);
        pairRows.Clear();
        pairIds.Clear();
        await using (var r = await c.ExecuteReaderAsync("SELECT record_id, symbol_id FROM patents_record_symbols", transaction: tx))
            while (r.Read())
            {
                if (!rowOf.TryGetValue(r.GetInt64(0), out var row)) continue;
                var storedId = r.GetInt64(1);
                var id = symbols.Column(storedId);
                if (id < 0)
                {
                    var (ipc, code, subclass, mainGroup) = stored[storedId];
                    id = symbols.Add(storedId, ipc, code, subclass, mainGroup);
                }
                pairRows.Add(row);
                pairIds.Add(id);
            }
        (symbolStart, symbol) = Runs(count, pairRows, pairIds);
        symbols.Into(this);
    }

    /// <summary>
    /// The symbols of a store being made, numbered in the order records first name them, each with its subclass,
    /// technology field and segment. A symbol takes the category of its main-group pattern (A61K 8/) when there is one,
    /// else of its subclass (as LandscapeTally.AddIpc). Found by the stored symbol number (patents_symbols, migration
    /// 0022), which is dense from 1, so an array serves where a dictionary look-up per link did.
    /// </summary>
    sealed class StoreSymbols(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> segments)
    {
        int[] column = new int[1024]; // the store's number plus one, by stored number (0: not met yet)
        readonly List<bool> isIpc = [];
        readonly List<string> codes = [], mainGroups = [];
        readonly List<int> subclassOf = [], fieldOf = [], segmentOf = [];
        readonly Dictionary<string, int> subclassIds = new(StringComparer.Ordinal), fieldIds = new(StringComparer.Ordinal), segmentIds = new(StringComparer.Ordinal);
        readonly List<string> subclassList = [], fieldList = [], segmentList = [];

        /// <summary>The store's number of a stored symbol, or -1 when no record has named it yet.</summary>
        public int Column(long stored) => stored < column.Length ? column[stored] - 1 : -1;

        /// <summary>Takes a stored symbol into the store and returns its number there.</summary>
        public int Add(long stored, bool ipc, string code, string subclass, string mainGroup)
        {
            if (stored >= column.Length) Array.Resize(ref column, (int)Math.Max(2L * column.Length, stored + 1));
            var id = codes.Count;
            column[stored] = id + 1;
            isIpc.Add(ipc);
            codes.Add(code);
            mainGroups.Add(mainGroup);
            subclassOf.Add(Id(subclassIds, subclass, subclassList));
            var pattern = mainGroup.Length >= 2 ? mainGroup[..^2] : mainGroup;
            var field = fields.GetValueOrDefault(pattern) ?? fields.GetValueOrDefault(subclass);
            fieldOf.Add(field is null ? -1 : Id(fieldIds, field, fieldList));
            var segment = segments.GetValueOrDefault(pattern) ?? segments.GetValueOrDefault(subclass);
            segmentOf.Add(segment is null ? -1 : Id(segmentIds, segment, segmentList));
            return id;
        }

        /// <summary>Gives the store its symbol columns, once its records' symbol runs are set.</summary>
        public void Into(LandscapeColumns store)
        {
            store.symbolIsIpc = [.. isIpc];
            store.symbolCode = [.. codes];
            store.symbolMainGroup = [.. mainGroups];
            store.symbolSubclass = [.. subclassOf];
            store.symbolField = [.. fieldOf];
            store.symbolSegment = [.. segmentOf];
            store.subclassNames = [.. subclassList];
            store.fieldNames = [.. fieldList];
            store.segmentNames = [.. segmentList];
            store.DeriveIpcRuns();
        }
    }

    static async Task<IReadOnlyDictionary<string, string>> Pairs(DbConnection c, DbTransaction tx, string sql) =>
        (await c.QueryAsync<(string Key, string Value)>(sql, transaction: tx)).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    static int Id(Dictionary<string, int> ids, string name, List<string>? names = null)
    {
        if (ids.TryGetValue(name, out var id)) return id;
        id = ids[name] = ids.Count;
        names?.Add(name);
        return id;
    }

    static (int[] Start, int[] Values) Runs(int rows, List<int> pairRows, List<int> pairValues)
    {
        var start = new int[rows + 1];
        foreach (var row in pairRows) start[row + 1]++;
        for (var i = 0; i < rows; i++) start[i + 1] += start[i];
        var next = start[..^1];
        var values = new int[pairRows.Count];
        for (var i = 0; i < pairRows.Count; i++) values[next[pairRows[i]]++] = pairValues[i];
        return (start, values);
    }

    // ---- selecting ------------------------------------------------------------------------------------------------

    int[] YearColumn(DateBasis basis) => basis switch { DateBasis.Priority => priorityYear, DateBasis.Application => applicationYear, _ => publicationYear };

    // The rows of the last text words asked for: a common word (zinc: half the records) costs more to read from the
    // word index than everything else in a landscape, and dashboards ask for the same words again.
    readonly Dictionary<string, bool[]> textRows = new(StringComparer.Ordinal);
    readonly Queue<string> textOrder = new();
    const int TextWordsKept = 16;

    /// <summary>The rows holding a text word, when they were asked for before at this version.</summary>
    public bool[]? TextRows(string word) { lock (textRows) return textRows.GetValueOrDefault(word); }

    /// <summary>Keeps the rows of the records (by id) holding a text word, and returns them.</summary>
    public bool[] RememberText(string word, List<long> recordIds)
    {
        var rows = new bool[ids.Length];
        // Record ids are usually 1..n without gaps; then the row is the id's offset, else a binary search.
        var dense = ids.Length > 0 && ids[^1] - ids[0] == ids.Length - 1;
        foreach (var id in recordIds)
        {
            var row = dense ? (id >= ids[0] && id <= ids[^1] ? (int)(id - ids[0]) : -1) : Array.BinarySearch(ids, id);
            if (row >= 0) rows[row] = true;
        }
        lock (textRows)
        {
            if (textRows.TryAdd(word, rows))
            {
                textOrder.Enqueue(word);
                if (textOrder.Count > TextWordsKept) textRows.Remove(textOrder.Dequeue());
            }
        }
        return rows;
    }

    /// <summary>
    /// The rows the filter selects (null: all). <paramref name="textRows"/>: rows holding every word of the text filter
    /// (null when there is none; it is narrowed in place); <paramref name="clusterApplicants"/>: normalised names of applicants linked
    /// to registry enablers (used when the filter asks for cluster members); <paramref name="parts"/>: row ranges the
    /// applicant and classification filters go through side by side (default as <see cref="Count"/>).
    /// </summary>
    public bool[]? Select(PatentFilter filter, bool[]? textRows, IReadOnlyCollection<string>? clusterApplicants, int? parts = null)
    {
        var inParts = Math.Max(1, parts ?? Parts(ids.Length));
        var selected = textRows;
        var n = ids.Length;
        bool[] Start()
        {
            if (selected is not null) return selected;
            selected = new bool[n];
            Array.Fill(selected, true);
            return selected;
        }
        if (!string.IsNullOrWhiteSpace(filter.Classification))
        {
            var code = IpcCode.Parse(filter.Classification.Trim())!; // validated by PatentFilter.Sql
            var match = new bool[symbolCode.Length];
            if (!code.HasGroup)
            {
                var sub = Array.IndexOf(subclassNames, code.Subclass);
                for (var i = 0; i < match.Length; i++) match[i] = symbolSubclass[i] == sub;
            }
            else if (code.Subgroup == "00") for (var i = 0; i < match.Length; i++) match[i] = symbolMainGroup[i] == code.Code;
            else for (var i = 0; i < match.Length; i++) match[i] = symbolCode[i] == code.Code;
            Keep(Start(), symbolStart, symbol, match, inParts);
        }
        if (!string.IsNullOrWhiteSpace(filter.Applicant))
        {
            var match = new bool[applicantNames.Length];
            if (applicantIds.TryGetValue(ApplicantName.Normalise(filter.Applicant), out var id)) match[id] = true;
            Keep(Start(), applicantStart, applicant, match, inParts);
        }
        if (filter.ClusterMembers)
        {
            var match = new bool[applicantNames.Length];
            foreach (var name in clusterApplicants ?? []) if (applicantIds.TryGetValue(name, out var id)) match[id] = true;
            Keep(Start(), applicantStart, applicant, match, inParts);
        }
        if (!string.IsNullOrWhiteSpace(filter.Jurisdiction))
        {
            var s = Start();
            var j = jurisdictionIds.GetValueOrDefault(filter.Jurisdiction.Trim().ToUpperInvariant(), -1);
            for (var i = 0; i < n; i++) s[i] &= jurisdiction[i] == j;
        }
        if (!string.IsNullOrWhiteSpace(filter.LegalStatus))
        {
            var s = Start();
            var status = legalStatusIds.GetValueOrDefault(filter.LegalStatus.Trim().ToUpperInvariant(), -2); // -2: no record has it
            for (var i = 0; i < n; i++) s[i] &= legalStatus[i] == status;
        }
        if (filter.FromYear is not null || filter.ToYear is not null)
        {
            var s = Start();
            var years = YearColumn(filter.Basis);
            int from = filter.FromYear ?? int.MinValue, to = filter.ToYear ?? int.MaxValue;
            for (var i = 0; i < n; i++) { var y = years[i]; s[i] &= y != NoYear && y >= from && y <= to; }
        }
        return selected;
    }

    // A row stays when one of its runs' values matches.
    static void Keep(bool[] selected, int[] start, int[] values, bool[] match, int parts) =>
        InParts(selected.Length, parts, (_, from, to) =>
        {
            for (var row = from; row < to; row++)
            {
                if (!selected[row]) continue;
                var any = false;
                for (var k = start[row]; k < start[row + 1] && !any; k++) any = match[values[k]];
                selected[row] = any;
            }
        });

    // ---- counting -------------------------------------------------------------------------------------------------

    /// <summary>Rows a part of a parallel pass holds at least: below twice that one thread does the whole pass.</summary>
    const int RowsPerPart = 1 << 16;

    static int Parts(int rows) => Math.Clamp(rows / RowsPerPart, 1, Environment.ProcessorCount);

    /// <summary>Runs <paramref name="range"/> (part, first row, end row) over <paramref name="parts"/> consecutive row
    /// ranges side by side.</summary>
    static void InParts(int rows, int parts, Action<int, int, int> range)
    {
        if (parts == 1) { range(0, 0, rows); return; }
        Parallel.For(0, parts, p => range(p, (int)((long)rows * p / parts), (int)((long)rows * (p + 1) / parts)));
    }

    /// <summary>What one range of rows counts; the ranges' tallies are added up. Distinct families, and the distinct
    /// (year, family) and (year, applicant) pairs, are kept as bits (year by year: a year's pairs are one run of words),
    /// so adding two tallies ORs them and the distinct counts are the bits set.</summary>
    sealed class Tally
    {
        public long Records, CoRecords;
        public readonly ulong[] Families, FamilyYears, ApplicantYears;
        public readonly int FamilyWords, ApplicantWords;
        // CoApplied: per applicant its records with another applicant; SubclassYears: records per subclass and basis
        // year, a subclass's years in one run.
        public readonly long[] ByYear, ByBasis, Jurisdictions, LegalStatuses, Applicants, CoApplied, Subclasses, SubclassYears, Fields, Segments;
        // Per applicant the first year on the basis (NoYear: none yet).
        public readonly int[] FirstYear;

        public Tally(LandscapeColumns s)
        {
            FamilyWords = (s.familyCount + 63) / 64;
            ApplicantWords = (s.applicantNames.Length + 63) / 64;
            Families = new ulong[FamilyWords];
            FamilyYears = new ulong[(long)FamilyWords * s.yearSpan];
            ApplicantYears = new ulong[(long)ApplicantWords * s.yearSpan];
            ByYear = new long[s.yearSpan];
            ByBasis = new long[s.yearSpan];
            Jurisdictions = new long[s.jurisdictionNames.Length];
            LegalStatuses = new long[s.legalStatusNames.Length];
            Applicants = new long[s.applicantNames.Length];
            CoApplied = new long[s.applicantNames.Length];
            SubclassYears = new long[(long)s.subclassNames.Length * s.yearSpan];
            FirstYear = new int[s.applicantNames.Length];
            Subclasses = new long[s.subclassNames.Length];
            Fields = new long[s.fieldNames.Length];
            Segments = new long[s.segmentNames.Length];
        }

        public void Add(Tally o)
        {
            Records += o.Records;
            CoRecords += o.CoRecords;
            Or(Families, o.Families);
            Or(FamilyYears, o.FamilyYears);
            Or(ApplicantYears, o.ApplicantYears);
            foreach (var (mine, theirs) in new[] { (ByYear, o.ByYear), (ByBasis, o.ByBasis), (Jurisdictions, o.Jurisdictions), (LegalStatuses, o.LegalStatuses),
                         (Applicants, o.Applicants), (CoApplied, o.CoApplied), (Subclasses, o.Subclasses), (SubclassYears, o.SubclassYears),
                         (Fields, o.Fields), (Segments, o.Segments) })
                for (var i = 0; i < mine.Length; i++) mine[i] += theirs[i];
            for (var a = 0; a < FirstYear.Length; a++)
                if (o.FirstYear[a] != NoYear && (FirstYear[a] == NoYear || o.FirstYear[a] < FirstYear[a])) FirstYear[a] = o.FirstYear[a];
        }

        static void Or(ulong[] into, ulong[] from)
        {
            for (var i = 0; i < into.Length; i++) into[i] |= from[i];
        }

        public static long BitsSet(ReadOnlySpan<ulong> words)
        {
            long n = 0;
            foreach (var w in words) n += System.Numerics.BitOperations.PopCount(w);
            return n;
        }
    }

    /// <summary>The landscape of the selected rows (null: every row) on the basis, counted in <paramref name="parts"/>
    /// row ranges side by side (default: one per core for every 65,536 rows selected — a few selected rows are counted
    /// sooner than the parts' tallies are added up) — the same report whatever the number of parts.</summary>
    public LandscapeReport Count(bool[]? selected, DateBasis basis, int? parts = null)
    {
        var n = ids.Length;
        var basisYears = YearColumn(basis);
        var selectedRows = selected is null ? n : n - System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(selected).Count((byte)0);
        var tallies = new Tally[Math.Max(1, parts ?? Parts(selectedRows))];
        InParts(n, tallies.Length, (part, from, to) =>
        {
            var t = new Tally(this);
            var subclassStamp = new int[subclassNames.Length];
            var fieldStamp = new int[fieldNames.Length];
            var segmentStamp = new int[segmentNames.Length];
            for (var row = from; row < to; row++)
            {
                if (selected is not null && !selected[row]) continue;
                t.Records++;
                var f = family[row];
                t.Families[f >> 6] |= 1UL << f;
                t.Jurisdictions[jurisdiction[row]]++;
                if (legalStatus[row] >= 0) t.LegalStatuses[legalStatus[row]]++;
                if (publicationYear[row] != NoYear) t.ByYear[publicationYear[row] - minYear]++;
                var y = basisYears[row];
                var yi = y == NoYear ? -1 : y - minYear;
                if (yi >= 0)
                {
                    t.ByBasis[yi]++;
                    t.FamilyYears[(long)yi * t.FamilyWords + (f >> 6)] |= 1UL << f;
                }
                var together = applicantStart[row + 1] - applicantStart[row] > 1;
                if (together) t.CoRecords++;
                for (var k = applicantStart[row]; k < applicantStart[row + 1]; k++)
                {
                    var a = applicant[k];
                    t.Applicants[a]++;
                    if (together) t.CoApplied[a]++;
                    if (yi < 0) continue;
                    t.ApplicantYears[(long)yi * t.ApplicantWords + (a >> 6)] |= 1UL << a;
                    if (t.FirstYear[a] == NoYear || y < t.FirstYear[a]) t.FirstYear[a] = y;
                }
                var stamp = row + 1;
                for (var k = ipcStart[row]; k < ipcStart[row + 1]; k++)
                {
                    var (sub, field, segment) = ipcFacts[ipcSymbol[k]];
                    if (subclassStamp[sub] != stamp)
                    {
                        subclassStamp[sub] = stamp;
                        t.Subclasses[sub]++;
                        if (yi >= 0) t.SubclassYears[(long)sub * yearSpan + yi]++;
                    }
                    if (field >= 0 && fieldStamp[field] != stamp) { fieldStamp[field] = stamp; t.Fields[field]++; }
                    if (segment >= 0 && segmentStamp[segment] != stamp) { segmentStamp[segment] = stamp; t.Segments[segment]++; }
                }
            }
            tallies[part] = t;
        });
        var all = tallies[0];
        for (var p = 1; p < tallies.Length; p++) all.Add(tallies[p]);
        var familiesPerYear = new long[yearSpan];
        var activePerYear = new long[yearSpan];
        for (var i = 0; i < yearSpan; i++)
        {
            familiesPerYear[i] = Tally.BitsSet(all.FamilyYears.AsSpan(i * all.FamilyWords, all.FamilyWords));
            activePerYear[i] = Tally.BitsSet(all.ApplicantYears.AsSpan(i * all.ApplicantWords, all.ApplicantWords));
        }
        IReadOnlyDictionary<string, long> Years(long[] counts)
        {
            var d = new Dictionary<string, long>();
            for (var i = 0; i < counts.Length; i++) if (counts[i] > 0) d[(i + minYear).ToString(CultureInfo.InvariantCulture)] = counts[i];
            return d;
        }
        static IReadOnlyDictionary<string, long> Ranked(long[] counts, string[] names, int take) =>
            RankedIds(counts, names, take).ToDictionary(i => names[i], i => counts[i]);
        var entrants = new long[yearSpan];
        var applicantsCount = 0L;
        for (var a = 0; a < all.Applicants.Length; a++)
        {
            if (all.Applicants[a] > 0) applicantsCount++;
            if (all.FirstYear[a] != NoYear) entrants[all.FirstYear[a] - minYear]++;
        }
        var lifeCycle = new List<LifeCycleYear>();
        for (var i = 0; i < yearSpan; i++)
            if (familiesPerYear[i] > 0 || activePerYear[i] > 0) lifeCycle.Add(new LifeCycleYear(i + minYear, familiesPerYear[i], activePerYear[i]));
        var topSubclassIds = RankedIds(all.Subclasses, subclassNames, PatentLandscape.Top);
        var topSubclasses = topSubclassIds.ToDictionary(i => subclassNames[i], i => all.Subclasses[i]);
        var subclassTrends = topSubclassIds.ToDictionary(i => subclassNames[i], i => Years(all.SubclassYears.AsSpan(i * yearSpan, yearSpan).ToArray()));
        // The top applicants' records per year, and the pairs among the applicants of the network: a second pass over
        // the selected rows, counting for those few applicants only.
        var top = RankedIds(all.Applicants, applicantNames, PatentLandscape.Top);
        var topApplicants = top.ToDictionary(i => applicantNames[i], i => all.Applicants[i]);
        var co = RankedIds(all.CoApplied, applicantNames, PatentLandscape.TopCoApplicants);
        var (trends, shared) = TrendsAndPairs(selected, basisYears, tallies.Length, top, co);
        var applicantTrends = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        for (var i = 0; i < top.Length; i++) applicantTrends[applicantNames[top[i]]] = Years(trends.AsSpan(i * yearSpan, yearSpan).ToArray());
        var network = CoApplicantNetwork.Of(all.CoRecords, co.Select(a => (applicantNames[a], all.Applicants[a], all.CoApplied[a])).ToList(),
            (i, j) => shared[i * co.Length + j] + shared[j * co.Length + i]);
        return LandscapeReport.WithGrowth(all.Records, Tally.BitsSet(all.Families), applicantsCount, basis, Years(all.ByYear),
            Years(all.ByBasis), topApplicants, topSubclasses,
            topSubclasses.Keys.Where(titles.ContainsKey).ToDictionary(k => k, k => titles[k]), Ranked(all.Fields, fieldNames, int.MaxValue),
            Ranked(all.Segments, segmentNames, int.MaxValue), Ranked(all.Jurisdictions, jurisdictionNames, int.MaxValue),
            Ranked(all.LegalStatuses, legalStatusNames, int.MaxValue), Years(entrants), lifeCycle,
            applicantTrends, subclassTrends, network);
    }

    /// <summary>Every pair of applicants named together on a selected record (null: every record), with the number of
    /// such records: most first, then by names (<see cref="CoApplication.A"/> before <see cref="CoApplication.B"/> in
    /// ordinal order) — the whole co-applicant network, where the report keeps the 30 applicants with the most.</summary>
    public IReadOnlyList<CoApplication> CoApplications(bool[]? selected)
    {
        var n = (long)applicantNames.Length;
        var pairs = new Dictionary<long, long>();
        for (var row = 0; row < ids.Length; row++)
        {
            if (selected is not null && !selected[row]) continue;
            var (first, end) = (applicantStart[row], applicantStart[row + 1]);
            for (var k = first; k < end - 1; k++)
                for (var m = k + 1; m < end; m++)
                {
                    // Keyed by the ids in either order; the names are ordered once per pair at the end.
                    var key = Math.Min(applicant[k], applicant[m]) * n + Math.Max(applicant[k], applicant[m]);
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
        }
        return CoApplication.Ranked(pairs.Select(p => CoApplication.Between(applicantNames[p.Key / n], applicantNames[p.Key % n], p.Value)));
    }

    /// <summary>The ids of the <paramref name="take"/> largest non-zero counts, largest first, ties by name (ordinal).
    /// A few of many (the top 20 of 200,000 applicants) are picked with a heap of that few instead of a sort of all.</summary>
    static int[] RankedIds(long[] counts, string[] names, int take)
    {
        var before = Comparer<int>.Create((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : string.CompareOrdinal(names[a], names[b]));
        if (take >= counts.Length)
        {
            var nonZero = new List<int>();
            for (var i = 0; i < counts.Length; i++) if (counts[i] > 0) nonZero.Add(i);
            nonZero.Sort(before);
            return [.. nonZero];
        }
        // The best `take` so far; the heap's root is the last of them.
        var kept = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => before.Compare(b, a)));
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            if (kept.Count < take) kept.Enqueue(i, i);
            else if (before.Compare(i, kept.Peek()) < 0) kept.DequeueEnqueue(i, i);
        }
        var ranked = new int[kept.Count];
        for (var k = ranked.Length - 1; k >= 0; k--) ranked[k] = kept.Dequeue();
        return ranked;
    }

    /// <summary>For the applicants <paramref name="top"/>: their selected records per basis year (a run of years each);
    /// for the applicants <paramref name="co"/>: the records naming two of them, at [i·co + j] for the positions i, j on
    /// the record in their order (add [i·co + j] and [j·co + i] for a pair).</summary>
    (long[] Trends, long[] Shared) TrendsAndPairs(bool[]? selected, int[] basisYears, int parts, int[] top, int[] co)
    {
        // Per applicant its position among top and co, -1 when not there.
        var topAt = new int[applicantNames.Length];
        var coAt = new int[applicantNames.Length];
        Array.Fill(topAt, -1);
        Array.Fill(coAt, -1);
        for (var i = 0; i < top.Length; i++) topAt[top[i]] = i;
        for (var i = 0; i < co.Length; i++) coAt[co[i]] = i;
        var trends = new long[top.Length * yearSpan];
        var shared = new long[co.Length * co.Length];
        var gate = new object();
        InParts(ids.Length, parts, (_, from, to) =>
        {
            var t = new long[trends.Length];
            var s = new long[shared.Length];
            for (var row = from; row < to; row++)
            {
                if (selected is not null && !selected[row]) continue;
                var (first, end) = (applicantStart[row], applicantStart[row + 1]);
                if (basisYears[row] != NoYear)
                    for (var k = first; k < end; k++)
                        if (topAt[applicant[k]] is var i and >= 0) t[i * yearSpan + basisYears[row] - minYear]++;
                for (var k = first; k < end - 1; k++)
                {
                    if (coAt[applicant[k]] is not (var i and >= 0)) continue;
                    for (var m = k + 1; m < end; m++)
                        if (coAt[applicant[m]] is var j and >= 0) s[i * co.Length + j]++;
                }
            }
            lock (gate)
            {
                for (var i = 0; i < t.Length; i++) trends[i] += t[i];
                for (var i = 0; i < s.Length; i++) shared[i] += s[i];
            }
        });
        return (trends, shared);
    }
}
