using System.Buffers.Binary;
using System.Data.Common;
using System.Text;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>
/// The column store as a compact binary snapshot kept in the database (migration 0019), tagged with the data version
/// it was built at, so a new process (each CLI command, a second server) loads it in a fraction of a second instead
/// of reading a million records and their links back. Written by the import inside its own transaction (never out of
/// step with the data it describes); the other writes that move the data version (applicant merges, concordance
/// edits) only delete it (<see cref="PatentLandscape.InvalidateAsync"/>) and the next build writes it again, when the
/// version has not moved meanwhile. A snapshot of another version is never read.
/// Layout: integers as unsigned LEB128 varints (years as offsets from the first year, record ids as gaps, link runs as
/// lengths), strings as UTF-8 with their byte length, split into parts of <see cref="PartBytes"/>. Its header gives
/// where the symbol runs and the name tables start, so the three sections decode at once on the machine's cores.
/// A new layout takes a new magic and a migration that deletes the stored snapshots (a store is saved only where none
/// is stored for its version, so an unreadable old one would be built again by every process).
/// </summary>
public sealed partial class LandscapeColumns
{
    const uint SnapshotMagic = 0x33534C41; // "ALS3" (ALS2 had no section offsets, ALS1 no legal status)
    const int PartBytes = 8 << 20;

    /// <summary>Where the store came from: "built" (from the tables), "snapshot" (loaded), "made by the import" (from the rows it read).</summary>
    public string Origin { get; private set; } = "built";
    /// <summary>Size of the snapshot last written or read for this store, in bytes (0: none).</summary>
    public long SnapshotBytes { get; private set; }

    public byte[] ToSnapshot()
    {
        var w = new SnapshotWriter();
        w.Fixed(SnapshotMagic);
        w.Fixed(0); // total length, filled in at the end
        w.Fixed(0); // where the symbol runs start, filled in at the end
        w.Fixed(0); // where the name tables start, filled in at the end
        w.Long(Version);
        var n = ids.Length;
        w.Int(n);
        var dense = n > 0 && ids[^1] - ids[0] == n - 1;
        w.Int(dense ? 1 : 0);
        w.Long(n > 0 ? ids[0] : 0);
        if (!dense) for (var i = 1; i < n; i++) w.Long(ids[i] - ids[i - 1]);
        w.Int(minYear);
        w.Int(yearSpan);
        foreach (var years in new[] { publicationYear, priorityYear, applicationYear })
            foreach (var y in years) w.Int(y == NoYear ? 0 : y - minYear + 1);
        foreach (var v in jurisdiction) w.Int(v);
        foreach (var v in legalStatus) w.Int(v + 1);
        w.Int(familyCount);
        foreach (var v in family) w.Int(v);
        w.Runs(applicantStart, applicant);
        var symbolsAt = w.Position;
        w.Runs(symbolStart, symbol);
        var namesAt = w.Position;
        foreach (var names in new[] { jurisdictionNames, legalStatusNames, applicantNames, subclassNames, fieldNames, segmentNames, symbolCode, symbolMainGroup })
        {
            w.Int(names.Length);
            foreach (var s in names) w.String(s);
        }
        foreach (var b in symbolIsIpc) w.Int(b ? 1 : 0);
        foreach (var v in symbolSubclass) w.Int(v);
        foreach (var v in symbolField) w.Int(v + 1);
        foreach (var v in symbolSegment) w.Int(v + 1);
        w.Int(titles.Count);
        foreach (var (k, v) in titles) { w.String(k); w.String(v); }
        var order = Volatile.Read(ref searchOrder);
        w.Int(order is null ? 0 : 1);
        foreach (var row in order ?? []) w.Int(row);
        var data = w.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), (uint)symbolsAt);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), (uint)namesAt);
        return data;
    }

    /// <summary>The store a snapshot describes; null when it is not a whole snapshot of this format.</summary>
    public static LandscapeColumns? FromSnapshot(byte[] data)
    {
        const int Header = 16;
        if (data.Length < Header || BinaryPrimitives.ReadUInt32LittleEndian(data) != SnapshotMagic
            || BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4)) != (uint)data.Length) return null;
        var (symbolsAt, namesAt) = (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8)), BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12)));
        if (symbolsAt < Header || namesAt < symbolsAt || namesAt > data.Length) return null;
        var r = new SnapshotReader(data, Header);
        var store = new LandscapeColumns { Version = r.Long(), Origin = "snapshot", SnapshotBytes = data.Length };
        var n = r.Int();
        // Three sections at once (a million records: ~165 ms of decoding into fresh arrays on one core): the records'
        // columns and applicant runs, the symbol runs, and the name tables with what follows them.
        bool columnsWhole = false, symbolsWhole = false, namesWhole = false;
        Parallel.Invoke(
            () =>
            {
                ReadRecords(store, r, n);
                columnsWhole = r.At == symbolsAt;
            },
            () =>
            {
                var symbols = new SnapshotReader(data, (int)symbolsAt);
                (store.symbolStart, store.symbol) = symbols.Runs(n);
                symbolsWhole = symbols.At == namesAt;
            },
            () => namesWhole = ReadNames(store, new SnapshotReader(data, (int)namesAt), n));
        if (!(columnsWhole && symbolsWhole && namesWhole)) return null;
        store.DeriveIpcRuns();
        return store;
    }

    /// <summary>The records' columns and their applicant runs.</summary>
    static void ReadRecords(LandscapeColumns store, SnapshotReader r, int n)
    {
        var dense = r.Int() == 1;
        var first = r.Long();
        store.ids = new long[n];
        if (n > 0) store.ids[0] = first;
        for (var i = 1; i < n; i++) store.ids[i] = dense ? first + i : store.ids[i - 1] + r.Long();
        store.minYear = r.Int();
        store.yearSpan = r.Int();
        int[] Years()
        {
            var a = new int[n];
            for (var i = 0; i < n; i++) { var v = r.Int(); a[i] = v == 0 ? NoYear : v + store.minYear - 1; }
            return a;
        }
        store.publicationYear = Years();
        store.priorityYear = Years();
        store.applicationYear = Years();
        store.jurisdiction = r.Ints(n, 0);
        store.legalStatus = r.Ints(n, -1);
        store.familyCount = r.Int();
        store.family = r.Ints(n, 0);
        (store.applicantStart, store.applicant) = r.Runs(n);
    }

    /// <summary>The name tables (with their look-ups by name), the symbols' facts, the subclass titles and the search
    /// order; true when they end the snapshot.</summary>
    static bool ReadNames(LandscapeColumns store, SnapshotReader r, int n)
    {
        string[] Table()
        {
            var a = new string[r.Int()];
            for (var i = 0; i < a.Length; i++) a[i] = r.String();
            return a;
        }
        store.jurisdictionNames = Table();
        store.legalStatusNames = Table();
        store.applicantNames = Table();
        store.subclassNames = Table();
        store.fieldNames = Table();
        store.segmentNames = Table();
        store.symbolCode = Table();
        store.symbolMainGroup = Table();
        var symbols = store.symbolCode.Length;
        store.symbolIsIpc = new bool[symbols];
        for (var i = 0; i < symbols; i++) store.symbolIsIpc[i] = r.Int() == 1;
        store.symbolSubclass = r.Ints(symbols, 0);
        store.symbolField = r.Ints(symbols, -1);
        store.symbolSegment = r.Ints(symbols, -1);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = r.Int(); i > 0; i--) titles[r.String()] = r.String();
        store.titles = titles;
        if (r.Int() == 1) store.searchOrder = r.Ints(n, 0);
        store.jurisdictionIds = Index(store.jurisdictionNames);
        store.legalStatusIds = Index(store.legalStatusNames);
        store.applicantIds = Index(store.applicantNames);
        return r.AtEnd;
    }

    static Dictionary<string, int> Index(string[] names)
    {
        var d = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) d[names[i]] = i;
        return d;
    }

    /// <summary>Replaces the stored snapshot by this store's, inside the caller's write transaction (whose data version
    /// must be the store's).</summary>
    public Task SaveSnapshotAsync(DbConnection c, DbTransaction tx, CancellationToken ct = default) => SaveSnapshotAsync(c, tx, ToSnapshot(), ct);

    /// <summary>As <see cref="SaveSnapshotAsync(DbConnection, DbTransaction, CancellationToken)"/>, with the snapshot
    /// encoded already (<see cref="ToSnapshot"/>, on another thread while the import rebuilt its indexes).</summary>
    public async Task SaveSnapshotAsync(DbConnection c, DbTransaction tx, byte[] data, CancellationToken ct = default)
    {
        await c.ExecuteAsync("DELETE FROM patents_landscape_store", transaction: tx);
        for (var part = 0; part * (long)PartBytes < data.Length; part++)
        {
            var slice = data.AsSpan(part * PartBytes, Math.Min(PartBytes, data.Length - part * PartBytes)).ToArray();
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO patents_landscape_store (version, part, data) VALUES (@version, @part, @slice)",
                new { version = Version, part = (long)part, slice }, tx, cancellationToken: ct));
        }
        SnapshotBytes = data.Length;
    }

    /// <summary>The snapshot stored for <paramref name="version"/>, or null when there is none (or another version's).</summary>
    public static async Task<LandscapeColumns?> LoadSnapshotAsync(DbConnection c, DbTransaction? tx, long version, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The parts are read as streams straight into one array: the snapshot's first 8 bytes give its whole length.
        // (Read as values, each part was copied by the driver and then again into the whole: ~10% of the load at 1M
        // records.) SQLite streams a blob from its pages when the row's rowid is selected.
        var sql = c is Npgsql.NpgsqlConnection
            ? "SELECT 0, octet_length(data), data FROM patents_landscape_store WHERE version = @version ORDER BY part"
            : "SELECT rowid, length(data), data FROM patents_landscape_store WHERE version = @version ORDER BY part";
        byte[]? data = null;
        var at = 0;
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(sql, new { version }, tx, cancellationToken: ct), System.Data.CommandBehavior.SequentialAccess))
            while (await r.ReadAsync(ct))
            {
                var length = checked((int)r.GetInt64(1));
                await using var part = r.GetStream(2);
                if (data is null)
                {
                    if (length < 8) return null;
                    var head = new byte[8];
                    await part.ReadExactlyAsync(head, ct);
                    var total = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4));
                    if (BinaryPrimitives.ReadUInt32LittleEndian(head) != SnapshotMagic || total < length || total > int.MaxValue) return null;
                    data = new byte[total];
                    head.CopyTo(data, 0);
                    await part.ReadExactlyAsync(data.AsMemory(8, length - 8), ct);
                }
                else
                {
                    if (at + (long)length > data.Length) return null;
                    await part.ReadExactlyAsync(data.AsMemory(at, length), ct);
                }
                at += length;
            }
        if (data is null || at != data.Length) return null;
        var store = FromSnapshot(data);
        if (store is null || store.Version != version) return null;
        store.BuildTime = watch.Elapsed;
        return store;
    }

    /// <summary>The store at the current data version: its snapshot when one is stored for that version, else built from
    /// the tables (and its snapshot written for the next process).</summary>
    static async Task<LandscapeColumns> LoadOrBuildAsync(Database db, CancellationToken ct)
    {
        await using (var c = await db.OpenAsync(ct))
        {
            // One statement reads the whole snapshot, so a write deleting it meanwhile leaves all of it or none.
            if (await LoadSnapshotAsync(c, null, await PatentLandscape.VersionAsync(c, null), ct) is { } loaded) return loaded;
        }
        var built = await BuildAsync(db, ct);
        try { await TrySaveSnapshotAsync(db, built, ct); }
        // The write lock was not had in time (a long import holds it): the landscape is answered all the same, and the
        // next build tries again.
        catch (DbException) { }
        return built;
    }

    /// <summary>Holds a store made elsewhere in this process (by an import, after its commit) as the database's current one.</summary>
    public static void Adopt(Database db, LandscapeColumns store)
    {
        var slot = Slots.GetOrAdd(db.ConnectionString, _ => new Slot());
        lock (slot) if (slot.Ready is null || slot.Ready.Version < store.Version) slot.Ready = store;
    }

    /// <summary>Writes the store's snapshot after a build, unless a write came in between (the version moved) or one is
    /// already stored for it — under the write lock, so no write can commit between the check and the insert.</summary>
    static async Task TrySaveSnapshotAsync(Database db, LandscapeColumns store, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await PatentLandscape.VersionAsync(c, tx) != store.Version) return;
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_landscape_store WHERE version = @v)", new { v = store.Version }, tx)) return;
        await store.SaveSnapshotAsync(c, tx, ct);
        await tx.CommitAsync(ct);
    }

    sealed class SnapshotReader(byte[] data, int at)
    {
        int at = at;
        public long At => at;
        public bool AtEnd => at == data.Length;

        public ulong Varint()
        {
            ulong v = 0;
            var shift = 0;
            while (true)
            {
                var b = data[at++];
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return v;
                shift += 7;
            }
        }

        public int Int() => (int)Varint();
        public long Long() => (long)Varint();

        public int[] Ints(int count, int offset)
        {
            var a = new int[count];
            for (var i = 0; i < count; i++) a[i] = (int)Varint() + offset;
            return a;
        }

        public (int[] Start, int[] Values) Runs(int rows)
        {
            var start = new int[rows + 1];
            for (var i = 0; i < rows; i++) start[i + 1] = start[i] + (int)Varint();
            return (start, Ints(start[rows], 0));
        }

        public string String()
        {
            var length = Int();
            var s = Encoding.UTF8.GetString(data, at, length);
            at += length;
            return s;
        }
    }

    /// <summary>Writes into 1 MB blocks joined once at the end: a buffer that doubled would hold up to twice the
    /// snapshot (64 MB for the 32 MB of 1M records) beside the final copy.</summary>
    sealed class SnapshotWriter
    {
        const int BlockBytes = 1 << 20;
        readonly List<(byte[] Bytes, int Length)> written = [];
        byte[] buffer = new byte[BlockBytes];
        int at;

        /// <summary>How many bytes are written so far.</summary>
        public long Position => written.Sum(w => (long)w.Length) + at;

        void Room(int bytes)
        {
            if (at + bytes <= buffer.Length) return;
            written.Add((buffer, at));
            buffer = new byte[Math.Max(BlockBytes, bytes)];
            at = 0;
        }

        public void Fixed(uint v)
        {
            Room(4);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), v);
            at += 4;
        }

        public void Varint(ulong v)
        {
            Room(10);
            while (v >= 0x80) { buffer[at++] = (byte)(v | 0x80); v >>= 7; }
            buffer[at++] = (byte)v;
        }

        public void Int(int v) => Varint(checked((uint)v));
        public void Long(long v) => Varint(checked((ulong)v));

        public void Runs(int[] start, int[] values)
        {
            for (var i = 0; i + 1 < start.Length; i++) Int(start[i + 1] - start[i]);
            foreach (var v in values) Int(v);
        }

        public void String(string s)
        {
            var bytes = Encoding.UTF8.GetByteCount(s);
            Int(bytes);
            Room(bytes);
            at += Encoding.UTF8.GetBytes(s, buffer.AsSpan(at));
        }

        public byte[] ToArray()
        {
            var data = new byte[written.Sum(w => (long)w.Length) + at];
            var to = 0;
            foreach (var (bytes, length) in written.Append((buffer, at)))
            {
                bytes.AsSpan(0, length).CopyTo(data.AsSpan(to));
                to += length;
            }
            return data;
        }
    }
}
