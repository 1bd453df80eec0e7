using System.Data.Common;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Import;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using System.Threading.Channels;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>What one file's import did. <see cref="Committed"/> is true only when no row had an error and the rows were stored.</summary>
public sealed record ImportResult(string File, string Format, long Rows, long Created, long Updated, long ErrorCount, IReadOnlyList<RowError> Errors,
    long WarningCount, IReadOnlyList<RowError> Warnings, IReadOnlyList<string> Notes, bool Committed);

/// <summary>
/// Imports one patent file, all-or-nothing: records stream into staging tables inside one transaction (constant
/// memory; each database's bulk path), and only when every row was valid are they merged into the workspace — keyed
/// on the publication number, so importing the same or an overlapping file again updates records instead of adding
/// duplicates (within one file the last row of a publication wins). Any error rolls everything back.
/// </summary>
public sealed class PatentImport(Database db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Formats = ["auto", "lens", "patentscope", "wipo-landscape", "google", "uspto-xml", "patentsview"];
    const int Batch = 4096;
    const int StageBatch = 256;

    static readonly string[] StageRecordColumns =
    [
        "seq", "publication_number", "jurisdiction", "kind", "document_type", "title", "abstract", "claims", "application_number",
        "priority_date", "application_date", "publication_date", "priority_year", "application_year", "publication_year",
        "family_id", "applicants", "inventors", "ipc", "cpc", "legal_status",
    ];
    static readonly string[] StageApplicantColumns = ["seq", "publication_number", "position", "applicant", "raw_name", "kind"];
    static readonly string[] StageSymbolColumns = ["seq", "publication_number", "symbol_id"];

    /// <summary>
    /// Imports an upload from the page or the API. Importers read a file twice (encoding check, then rows), so the
    /// upload is spooled to a temporary file of the same name, removed afterwards.
    /// </summary>
    public async Task<ImportResult> RunAsync(IFormFile upload, string format, string username, CancellationToken ct = default)
    {
        var dir = Directory.CreateTempSubdirectory("archipelago-patents-");
        try
        {
            var path = Path.Combine(dir.FullName, Path.GetFileName(upload.FileName));
            await using (var target = File.Create(path)) await upload.CopyToAsync(target, ct);
            return await RunAsync(path, format, username, ct: ct);
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>The import is the only work of its process (the CLI), so it may lock readers out for a faster load.</summary>
    public bool SoleWriter { get; init; }

    public async Task<ImportResult> RunAsync(string path, string format, string username, Action<double>? progress = null, CancellationToken ct = default)
    {
        // A delimited file is taken for UTF-8 when it starts as UTF-8 and checked as it is read; one that turns out not
        // to be is read again from the start in the encoding it has (nothing of the first attempt is kept). The bar does
        // not go back for that: the second reading fills the part the first left.
        var reached = 0.0;
        try { return await ImportAsync(path, format, username, progress is null ? null : f => progress(reached = f), checkWhileReading: true, ct); }
        catch (PatentCsv.NotUtf8Exception)
        {
            var from = reached;
            return await ImportAsync(path, format, username, progress is null ? null : f => progress(from + (1 - from) * f), checkWhileReading: false, ct);
        }
    }

    async Task<ImportResult> ImportAsync(string path, string format, string username, Action<double>? progress, bool checkWhileReading, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new DomainException("not_found", $"{path}: no such file.", "file");
        var input = PatentFile.Of(path);
        var file = input.Name;
        var log = new ImportLog(file);
        format = format.Trim().ToLowerInvariant();
        // A large import runs statements (merge, the bulk load's index rebuild) longer than the drivers' default 30 s
        // command timeout; on PostgreSQL it gets a connection without one and is cancelled through the token instead.
        // On SQLite its connection is its own, not pooled: after a SeparateWordIndex is copied in, the connection's
        // FTS5 table may still hold the empty index's structure (a connection is not told of its own writes).
        var target = db.Dialect.Name == SqlDialect.Postgres.Name
            ? Database.Postgres(new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { CommandTimeout = 0 }.ToString())
            : db.Unpooled();
        await using var c = await target.OpenAsync(ct);
        ColumnMapping? mapping = null;
        if (format.StartsWith("mapping:", StringComparison.Ordinal))
        {
            var name = format["mapping:".Length..];
            var json = await c.QuerySingleOrDefaultAsync<string>("SELECT mapping FROM patents_column_mappings WHERE name = @name", new { name });
            mapping = json is null ? throw new DomainException("unknown_mapping", $"No saved column mapping named '{name}'. Save one first: archipelago patents mapping save {name} FILE.json.", "format")
                : ColumnMapping.FromJson(json, $"mapping '{name}'");
        }
        else if (format == "auto") format = await DetectAsync(input, ct);
        else if (!Formats.Contains(format)) throw new DomainException("usage", $"Unknown format '{format}'; use one of {string.Join(", ", Formats)} or mapping:NAME.", "format");

        var aliases = (await c.QueryAsync<(string Variant, string Canonical)>("SELECT variant, canonical FROM patents_aliases"))
            .ToDictionary(a => a.Variant, a => a.Canonical, StringComparer.Ordinal);
        var columns = format is "uspto-xml" or "patentsview" ? null : mapping ?? MappingOf(format);
        if (mapping is not null) format = $"mapping:{format["mapping:".Length..]}";

        var sqlite = db.Dialect.Name == SqlDialect.Sqlite.Name;
        var now = clock.GetUtcNow().ToString("O");
        var source = $"import:{file}";
        // SQLite: a failed import rolls back and a crash leaves the WAL's last commit intact, so the load need not
        // wait for each page to reach the disk (synchronous = NORMAL again when the connection goes back to the pool);
        // a larger page cache keeps the unique and link B-trees of a million records in memory while they grow. Link
        // rows keyed on the record id are appended in order, so 128 MB is enough (256 MB cost ~150 MB more peak memory
        // at 1M, for no measurable speed).
        // The staging tables of PostgreSQL's path are temporary tables; on SQLite nothing is staged.
        if (sqlite) await c.ExecuteAsync("PRAGMA temp_store = FILE; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072");
        // In WAL mode every page of a large import is written twice (to the WAL, then checkpointed into the file). In
        // rollback-journal mode pages added beyond the file's old end are written once and need no journal, and the
        // journal still makes the import all-or-nothing. But a rollback-journal writer locks readers out until it
        // commits, so only an import that owns the process (the CLI: SoleWriter) may switch — never one inside the web
        // app, whose other requests would wait for it. Switching also needs the only connection to the file; when
        // another is open (a running server) the import stays in WAL. Back to WAL after the import.
        // The process's own idle pooled connections (migrations, look-ups) would hold the file open too; the import's
        // connection is not one of them, so they are closed first.
        if (sqlite && SoleWriter) { await using var pooled = db.Dialect.Create(db.ConnectionString); Microsoft.Data.Sqlite.SqliteConnection.ClearPool((Microsoft.Data.Sqlite.SqliteConnection)pooled); }
        var rollbackJournal = sqlite && SoleWriter && await TryJournalModeAsync(c, "delete");
        var phases = new PhaseTimer(file);
        // PostgreSQL, into an empty workspace: the keys of the records and their applicant links are built after the
        // load (the importer keeps the rows it copies unique itself — one row per publication, ids from the sequence —
        // and builds the keys before a merge). The symbol links keep theirs: nine rows a record, appended in key order,
        // cost less to key as they come than to sort afterwards, when the load has the server to itself (measured).
        var load = await db.Dialect.BeginBulkLoadAsync(c, ["patents_records", "patents_record_applicants", "patents_record_symbols"],
            keysWhenEmpty: ["patents_records", "patents_record_applicants"], ct);
        await using var tx = load.Transaction;
        var symbols = await SymbolIds.LoadAsync(c, tx, db.Dialect, ct);
        var records = format switch
        {
            "uspto-xml" => UsptoXmlSource.ReadAsync(input, log, progress, ct),
            "patentsview" => PatentsViewSource.ReadAsync(input, log, progress, ct),
            _ when WorkbookSource.IsWorkbook(input) => WorkbookSource.ReadAsync(input, columns!, log, progress, symbols, textAsBytes: sqlite, ct),
            _ => DelimitedSource.ReadAsync(input, columns!, log, progress, symbols, textAsBytes: sqlite, checkWhileReading, ct),
        };
        // SQLite: secondary indexes are set aside for the load and rebuilt once after it — one sort instead of
        // millions of B-tree updates. The word index is written row by row (it has no cheaper bulk path).
        var setAside = sqlite ? await SetAsideSqliteAsync(c, tx) : [];
        var empty = !await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_records)", transaction: tx);
        // SQLite, into an empty workspace: the word index is written beside the records, on its own thread and file.
        await using var separateWords = sqlite && empty ? await SeparateWordIndex.StartAsync(c, tx, db.SqliteFile, ct) : null;
        await SearchIndex.RefreshAsync(c, tx, ct);
        if (!sqlite)
        {
            // The indexes dropped for the load (the GIN index of the word vectors above all) are rebuilt at the end;
            // the default 64 MB of maintenance memory makes a GIN build over a million abstracts spill and merge many
            // times. 1 GB, for this transaction only: the word index of 1,000,000 records builds in 18 s instead of
            // 26–29 s with 512 MB (no gain at 1.5 GB; docs/benchmarks.md, "Fourth round").
            // Not waiting for the commit's WAL flush risks only this import on a server crash, never consistency.
            await c.ExecuteAsync("SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL work_mem = '64MB'; SET LOCAL synchronous_commit = off", transaction: tx);
            await CreateStageAsync(c, tx);
        }
        // Into an empty workspace, the landscape's column store is made while the file is read (on the reading thread)
        // and stored with the import — unless a publication repeats in the file, when it is read back from the tables.
        var streamed = empty ? await LandscapeColumns.StreamedAsync(c, tx, db.Dialect) : null;

        // Parsing and normalising run on one thread while this one writes: a bounded channel of batches between them
        // keeps memory flat. The reader stops handing rows over after the first error but reads on to report them all.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<StagedRecord[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var normalise = new ApplicantNormaliser(aliases);
        // SQLite: the applicants met are collected on the reading thread (the writing thread is the bottleneck).
        var metWhileReading = new ApplicantsMet();
        var produce = Task.Run(async () =>
        {
            try
            {
                var batch = new List<StagedRecord>(StageBatch);
                var reading = System.Diagnostics.Stopwatch.StartNew();
                await foreach (var (_, r, numbers, text) in records.WithCancellation(stop.Token))
                {
                    if (log.ErrorCount > 0) continue;
                    var staged = normalise.Stage(r, numbers ?? symbols.Of(r), sqlite, text);
                    batch.Add(staged);
                    streamed?.Add(r, staged.Links, staged.Symbols);
                    if (sqlite) foreach (var link in staged.Links) metWhileReading.Add(link);
                    if (batch.Count < StageBatch) continue;
                    phases.Busy("read and normalise", reading.Elapsed);
                    await channel.Writer.WriteAsync([.. batch], stop.Token);
                    reading.Restart();
                    batch.Clear();
                }
                if (log.ErrorCount == 0 && batch.Count > 0) await channel.Writer.WriteAsync([.. batch], stop.Token);
                if (log.ErrorCount == 0) streamed?.Complete();
            }
            finally { channel.Writer.TryComplete(); }
        }, stop.Token);

        long seq = 0, created = 0, updated = 0, stagedRows = 0;
        HashSet<string>? copied = null;
        ApplicantsMet? met = null;
        try
        {
            if (sqlite)
            {
                using var writer = new SqliteRecordWriter(c, source, now, separateWords);
                await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
                {
                    var busy = System.Diagnostics.Stopwatch.StartNew();
                    foreach (var s in batch)
                    {
                        seq++;
                        writer.Write(s);
                    }
                    phases.Busy("write", busy.Elapsed);
                    if (separateWords is not null) await separateWords.HandOverAsync(stop.Token);
                }
                if (log.ErrorCount == 0) writer.WriteApplicants(metWhileReading);
                (created, updated) = (writer.Created, writer.Updated);
            }
            else
            {
                var words = new WordVector();
                var stageRecords = new List<object?[]>(Batch);
                var stageApplicants = new List<object?[]>(Batch * 2);
                var stageSymbols = new List<object?[]>(Batch * 8);
                var applicantLinks = new List<(long Record, int Position, string Name, string Raw)>(Batch * 2);
                var symbolLinks = new List<(long Record, long Symbol)>(Batch * 16);
                // Into an empty workspace rows are copied straight into the final tables — no staging, no merge — while
                // no publication repeats; from the first repeat on, the rest of the file is staged and merged as usual
                // (the merge then updates the records copied before it, so the last row of a publication still wins).
                copied = empty ? new HashSet<string>(StringComparer.Ordinal) : null;
                // Rows copied straight in carry their record id, so the link rows can name it: ids are taken from the
                // table's identity sequence a block at a time (the sequence stays right for later inserts).
                var ids = copied is not null ? new RecordIds(Batch) : null;
                met = copied is not null ? new ApplicantsMet() : null;
                var direct = copied is not null;
                await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
                    foreach (var s in batch)
                    {
                        seq++;
                        var r = s.Record;
                        if (direct && !copied!.Contains(r.PublicationNumber))
                        {
                            copied.Add(r.PublicationNumber);
                            var id = await ids!.NextAsync(c, tx, ct);
                            stageRecords.Add(
                            [
                                id, r.PublicationNumber, r.Jurisdiction, r.Kind, r.DocumentType, r.Title, r.Abstract, r.Claims, r.ApplicationNumber,
                                Iso(r.PriorityDate), Iso(r.ApplicationDate), Iso(r.PublicationDate), r.PriorityDate?.Year, r.ApplicationDate?.Year, r.PublicationYear,
                                r.FamilyId, s.Applicants, s.Inventors, s.Ipc, s.Cpc, source, now, r.LegalStatus,
                            ]);
                            for (var i = 0; i < s.Links.Count; i++)
                                applicantLinks.Add((id, i + 1, s.Links[i].Name, s.Links[i].Raw));
                            foreach (var symbol in s.Symbols) symbolLinks.Add((id, symbol));
                            foreach (var link in s.Links) met!.Add(link);
                            if (stageRecords.Count >= Batch) FlushFinal(c, words, stageRecords, applicantLinks, symbolLinks, ct);
                            continue;
                        }
                        if (direct) { FlushFinal(c, words, stageRecords, applicantLinks, symbolLinks, ct); direct = false; }
                        stagedRows++;
                        if (met is not null) foreach (var link in s.Links) met.Add(link);
                        stageRecords.Add(
                        [
                            seq, r.PublicationNumber, r.Jurisdiction, r.Kind, r.DocumentType, r.Title, r.Abstract, r.Claims, r.ApplicationNumber,
                            Iso(r.PriorityDate), Iso(r.ApplicationDate), Iso(r.PublicationDate), r.PriorityDate?.Year, r.ApplicationDate?.Year, r.PublicationYear,
                            r.FamilyId, s.Applicants, s.Inventors, s.Ipc, s.Cpc, r.LegalStatus,
                        ]);
                        for (var i = 0; i < s.Links.Count; i++)
                            stageApplicants.Add([seq, r.PublicationNumber, (long)(i + 1), s.Links[i].Name, s.Links[i].Raw, s.Links[i].Kind]);
                        foreach (var symbol in s.Symbols) stageSymbols.Add([seq, r.PublicationNumber, symbol]);
                        if (stageRecords.Count >= Batch) await FlushAsync(c, tx, words, stageRecords, stageApplicants, stageSymbols, ct);
                    }
                if (log.ErrorCount == 0)
                {
                    if (direct) FlushFinal(c, words, stageRecords, applicantLinks, symbolLinks, ct);
                    else await FlushAsync(c, tx, words, stageRecords, stageApplicants, stageSymbols, ct);
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            try { await produce; } catch { /* the writer's failure is the one to report */ }
            throw;
        }
        await produce; // a file-level failure of the reader (ImportFileException) surfaces here, and rolls back
        phases.Lap(sqlite ? "parse, normalise and write" : "parse, normalise and stage");
        if (seq == 0 && log.ErrorCount == 0) log.Notes.Add($"{file} has no records; nothing to import.");

        var ok = log.ErrorCount == 0 && seq > 0;
        LandscapeColumns? store = null;
        if (ok)
        {
            await symbols.StoreAsync(c, tx, db.Dialect, ct);
            if (!sqlite)
            {
                if (met is not null) await AddApplicantsAsync(c, tx, met, ct);
                if (stagedRows > 0)
                {
                    updated = await c.ExecuteScalarAsync<long>(
                        "SELECT COUNT(DISTINCT s.publication_number) FROM patents_stage_records s JOIN patents_records r ON r.publication_number = s.publication_number", transaction: tx, commandTimeout: 0);
                    created = await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT publication_number) FROM patents_stage_records", transaction: tx, commandTimeout: 0) - updated;
                    phases.Lap("count");
                    await load.RestoreKeysAsync(ct); // the merge's upsert needs the publication-number key
                    await MergeAsync(c, tx, source, now);
                }
                // Records copied straight in were new; a staged repeat of one of them is the same import, not an update.
                if (copied is not null) (created, updated) = (created + copied.Count, 0);
                await DropStageAsync(c, tx);
                phases.Lap(stagedRows > 0 ? "merge into final tables" : "applicants");
            }
            await Audit.WriteAsync(c, tx, clock, username, "import", "patents", file, $"{created} created, {updated} updated ({format})");
            await load.RestoreKeysAsync(ct); // finishing the store looks records up by id
            // The landscape is ready when the import commits: its column store (made from the rows read, or read back
            // from the tables when the workspace held records or a publication repeated), the unfiltered landscape
            // counted from it, and the store's snapshot for other processes — all in the import's transaction. A store
            // made while reading is finished now, and counted and encoded on other threads while the indexes rebuild.
            await PatentLandscape.InvalidateAsync(c, tx);
            var version = await PatentLandscape.VersionAsync(c, tx);
            store = streamed is not null && created == seq ? await streamed.FinishAsync(c, tx, version) : null;
            var made = store;
            var summary = made is null ? null : Task.Run(async () =>
            {
                await streamed!.OrderAsync(made);
                return Summarise(made);
            }, ct);
            if (made is not null) phases.Lap("landscape store ids");
            await load.RestoreChecksAsync(ct);
            // SQLite sorts an index's keys in memory up to the page cache's size: with the load's 128 MB, one list of
            // two million applicant names merge-sorted far outside the processor's caches. With 4 MB it sorts runs
            // that fit them, on worker threads, and merges the runs (the four indexes of 1M records: 2.8–2.9 s → 1.5–1.8 s
            // in the sqlite3 shell; docs/benchmarks.md, eleventh round).
            if (sqlite && setAside.Count > 0) await c.ExecuteAsync($"PRAGMA cache_size = -4096; PRAGMA threads = {Math.Clamp(Environment.ProcessorCount, 1, 8)}", transaction: tx);
            foreach (var sql in setAside) await c.ExecuteAsync(sql, transaction: tx, commandTimeout: 0);
            // Fresh statistics for the planner: after a bulk load it would otherwise plan text and link queries blind
            // until autovacuum comes round (a landscape of 4,000 records took 30 s instead of 0.5 s).
            if (!sqlite) await c.ExecuteAsync("ANALYZE patents_records, patents_record_applicants, patents_record_symbols, patents_symbols", transaction: tx, commandTimeout: 0);
            phases.Lap("indexes");
            if (separateWords is not null)
            {
                await separateWords.FinishAsync(ct);
                phases.Busy("word index", separateWords.Busy);
                phases.Lap("word index finished");
                await separateWords.CopyIntoAsync(c, tx, ct);
                phases.Lap("word index copied in");
            }
            if (summary is null)
            {
                store = await LandscapeColumns.BuildAsync(c, tx, version);
                phases.Lap("landscape store read back");
                summary = Task.FromResult(Summarise(store));
            }
            var (report, snapshot) = await summary;
            await PatentLandscape.StoreAsync(c, tx, report);
            await store!.SaveSnapshotAsync(c, tx, snapshot, ct);
            phases.Lap($"landscape summary and snapshot ({snapshot.Length / 1048576.0:F1} MB)");
            await tx.CommitAsync(ct);
            if (separateWords is not null) await separateWords.DetachAsync(c);
            phases.Lap("commit");
        }
        else await tx.RollbackAsync(ct);
        if (rollbackJournal) await TryJournalModeAsync(c, "wal");
        if (store is not null) LandscapeColumns.Adopt(db, store);
        return new ImportResult(file, format, seq, created, updated, log.ErrorCount, log.Errors, log.WarningCount, log.Warnings, log.Notes, ok);
    }

    /// <summary>What the import stores of its landscape besides the tables: the unfiltered landscape and the store's snapshot.</summary>
    static (LandscapeReport Report, byte[] Snapshot) Summarise(LandscapeColumns store) => (store.Count(null, DateBasis.Publication), store.ToSnapshot());

    static async Task<bool> TryJournalModeAsync(DbConnection c, string mode)
    {
        // Without waiting: when another connection has the file open the switch is refused at once, not after the
        // connection's busy timeout, nor after the driver's own retries for the command timeout (30 s by default).
        await c.ExecuteAsync("PRAGMA busy_timeout = 0");
        try { return string.Equals(await c.ExecuteScalarAsync<string>($"PRAGMA main.journal_mode = {mode}", commandTimeout: 1), mode, StringComparison.OrdinalIgnoreCase); }
        catch (Microsoft.Data.Sqlite.SqliteException) { return false; } // busy: another connection has the file open
        finally { await c.ExecuteAsync("PRAGMA busy_timeout = 10000"); }
    }

    /// <summary>Drops the secondary indexes and triggers of the record tables inside the transaction and returns the
    /// statements that recreate them (the rollback of a failed import brings them back by itself).</summary>
    static async Task<List<string>> SetAsideSqliteAsync(DbConnection c, DbTransaction tx)
    {
        var objects = (await c.QueryAsync<(string Type, string Name, string Sql)>("""
            SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
                AND tbl_name IN ('patents_records', 'patents_record_applicants', 'patents_record_symbols')
            """, transaction: tx)).ToList();
        foreach (var o in objects) await c.ExecuteAsync($"DROP {o.Type.ToUpperInvariant()} {o.Name}", transaction: tx);
        // Indexes first, triggers after the FTS rebuild would be equally right; triggers do not fire on DDL.
        return objects.OrderBy(o => o.Type == "trigger").Select(o => o.Sql).ToList();
    }

    static ColumnMapping MappingOf(string format) => format switch
    {
        "lens" => ColumnMapping.Lens,
        "patentscope" => ColumnMapping.Patentscope,
        "wipo-landscape" => ColumnMapping.WipoLandscape,
        "google" => ColumnMapping.GooglePatents,
        _ => throw new DomainException("usage", $"The {format} format is not read from a workbook; use its own file or a column mapping (mapping:NAME).", "format"),
    };

    /// <summary>Per-phase wall times of an import, written to standard error when ARCHIPELAGO_PATENTS_TIMINGS is set
    /// (the benchmark uses it; bench/patents/README.md).</summary>
    sealed class PhaseTimer(string file)
    {
        static readonly bool On = Environment.GetEnvironmentVariable("ARCHIPELAGO_PATENTS_TIMINGS") is { Length: > 0 };
        readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();

        readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> busy = new();

        /// <summary>Adds to a thread's busy time (reading or writing, without the waits on the other), shown at the next lap.</summary>
        public void Busy(string what, TimeSpan t)
        {
            if (On) busy.AddOrUpdate(what, t.Ticks, (_, v) => v + t.Ticks);
        }

        public void Lap(string phase)
        {
            if (!On) return;
            foreach (var (what, ticks) in busy) Console.Error.WriteLine($"{file}:   {what} thread busy {TimeSpan.FromTicks(ticks).TotalSeconds:F2} s");
            busy.Clear();
            Console.Error.WriteLine($"{file}: {phase}: {watch.Elapsed.TotalSeconds:F2} s (process CPU {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s, " +
                $"allocated {GC.GetTotalAllocatedBytes() / 1e9:F2} GB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s)");
            watch.Restart();
        }
    }

    static string? Iso(DateOnly? d) => d is { } v ? PatentDate.Iso(v) : null;

    async Task FlushAsync(DbConnection c, DbTransaction tx, WordVector words, List<object?[]> records, List<object?[]> applicants, List<object?[]> symbols, CancellationToken ct)
    {
        if (records.Count > 0) CopyRecords(c, "patents_stage_records", StageRecordColumns, records, StageTextAt, words, ct);
        if (applicants.Count > 0) await db.Dialect.BulkInsertAsync(c, tx, "patents_stage_applicants", StageApplicantColumns, applicants, ct);
        if (symbols.Count > 0) await db.Dialect.BulkInsertAsync(c, tx, "patents_stage_symbols", StageSymbolColumns, symbols, ct);
        records.Clear(); applicants.Clear(); symbols.Clear();
    }

    static readonly string[] RecordColumns =
    [
        "id", "publication_number", "jurisdiction", "kind", "document_type", "title", "abstract", "claims", "application_number",
        "priority_date", "application_date", "publication_date", "priority_year", "application_year", "publication_year",
        "family_id", "applicants", "inventors", "ipc", "cpc", "source", "imported_at", "legal_status",
    ];

    // Where title, abstract and claims (in that order) sit in a row of StageRecordColumns and of RecordColumns.
    static readonly int StageTextAt = Array.IndexOf(StageRecordColumns, "title"), RecordTextAt = Array.IndexOf(RecordColumns, "title");

    /// <summary>
    /// PostgreSQL: copies records with their word vector (<see cref="WordVector"/>, migration 0018) as a last column,
    /// computed from the row's title, abstract and claims as each row is written, so the server takes in earlier rows
    /// meanwhile. Binary COPY: the server receives the vector in tsvector's own binary form instead of parsing text.
    /// </summary>
    static void CopyRecords(DbConnection c, string table, IReadOnlyList<string> columns, List<object?[]> rows, int textAt, WordVector words, CancellationToken ct)
    {
        using var copy = ((Npgsql.NpgsqlConnection)c).BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}, words) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            foreach (var v in row)
                switch (v)
                {
                    case null: copy.WriteNull(); break;
                    case string s: copy.Write(s, NpgsqlTypes.NpgsqlDbType.Text); break;
                    case long l: copy.Write(l, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                    case int i: copy.Write((long)i, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                    default: throw new InvalidOperationException($"No COPY mapping for {v.GetType()}.");
                }
            words.Clear();
            for (var i = textAt; i < textAt + 3; i++) words.Add((string?)row[i]);
            // Bytea writes the bytes as they are; the server reads them with the column's type, tsvector.
            copy.Write(words.Binary(), NpgsqlTypes.NpgsqlDbType.Bytea);
        }
        copy.Complete();
    }

    /// <summary>Copies rows straight into the final tables (PostgreSQL, empty workspace, no publication repeated).</summary>
    static void FlushFinal(DbConnection c, WordVector words, List<object?[]> records, List<(long Record, int Position, string Name, string Raw)> applicants,
        List<(long Record, long Symbol)> symbols, CancellationToken ct)
    {
        if (records.Count > 0) CopyRecords(c, "patents_records", RecordColumns, records, RecordTextAt, words, ct);
        if (applicants.Count > 0) CopyApplicantLinks(c, applicants, ct);
        if (symbols.Count > 0) CopySymbolLinks(c, symbols, ct);
        records.Clear(); applicants.Clear(); symbols.Clear();
    }

    /// <summary>PostgreSQL: applicant links of records copied straight in, in COPY's text form like the symbol links
    /// (no boxed values; the names escaped as that form wants).</summary>
    static void CopyApplicantLinks(DbConnection c, List<(long Record, int Position, string Name, string Raw)> links, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var copy = ((Npgsql.NpgsqlConnection)c).BeginTextImport("COPY patents_record_applicants (record_id, position, applicant, raw_name) FROM STDIN");
        Span<char> numbers = stackalloc char[42];
        foreach (var (record, position, name, raw) in links)
        {
            var n = CopyNumber(numbers, record, '\t');
            n += CopyNumber(numbers[n..], position, '\t');
            copy.Write(numbers[..n]);
            WriteCopyText(copy, name);
            copy.Write('\t');
            WriteCopyText(copy, raw);
            copy.Write('\n');
        }
    }

    /// <summary>Puts an integer in COPY's text form and the tab or line end after it at the start of
    /// <paramref name="to"/>; returns how many characters that took. (Callers write a row's numbers at once: a write
    /// for each number made the symbol links' COPY two thirds dearer in a 300k import's profile.)</summary>
    static int CopyNumber(Span<char> to, long value, char end)
    {
        value.TryFormat(to, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        to[n] = end;
        return n + 1;
    }

    static readonly System.Buffers.SearchValues<char> CopyEscaped = System.Buffers.SearchValues.Create("\\\t\n\r");

    /// <summary>A value in COPY's text form: backslash, tab, line feed and carriage return written as escapes.</summary>
    internal static void WriteCopyText(TextWriter w, string value)
    {
        var rest = value.AsSpan();
        for (var i = rest.IndexOfAny(CopyEscaped); i >= 0; i = rest.IndexOfAny(CopyEscaped))
        {
            w.Write(rest[..i]);
            w.Write(rest[i] switch { '\\' => @"\\", '\t' => @"\t", '\n' => @"\n", _ => @"\r" });
            rest = rest[(i + 1)..];
        }
        w.Write(rest);
    }

    /// <summary>
    /// PostgreSQL: classification links of records copied straight in (nine a record on average), in COPY's text form:
    /// two integers a row cost the client a third to a quarter of what binary COPY does through Npgsql's per-value
    /// writer (3 M rows: 0.10–0.19 s of client CPU against 0.39–0.55 s; the server's time about the same).
    /// </summary>
    static void CopySymbolLinks(DbConnection c, List<(long Record, long Symbol)> links, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var copy = ((Npgsql.NpgsqlConnection)c).BeginTextImport("COPY patents_record_symbols (record_id, symbol_id) FROM STDIN");
        Span<char> line = stackalloc char[42];
        foreach (var (record, symbol) in links)
        {
            var n = CopyNumber(line, record, '\t');
            n += CopyNumber(line[n..], symbol, '\n');
            copy.Write(line[..n]);
        }
    }

    /// <summary>Record ids taken from the identity sequence of patents_records a block at a time (PostgreSQL's direct copy).</summary>
    sealed class RecordIds(int block)
    {
        readonly Queue<long> free = new(block);

        public async ValueTask<long> NextAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
        {
            if (free.Count == 0)
                foreach (var id in await c.QueryAsync<long>(new CommandDefinition(
                    "SELECT nextval(pg_get_serial_sequence('patents_records', 'id')) FROM generate_series(1, @block)", new { block }, tx, cancellationToken: ct)))
                    free.Enqueue(id);
            return free.Dequeue();
        }
    }

    /// <summary>Adds the applicants met to the applicant table through a temporary table (names already there keep
    /// their display name and kind).</summary>
    async Task AddApplicantsAsync(DbConnection c, DbTransaction tx, ApplicantsMet met, CancellationToken ct)
    {
        await c.ExecuteAsync("CREATE TEMP TABLE patents_stage_names (name TEXT NOT NULL, display_name TEXT NOT NULL, kind TEXT NOT NULL)", transaction: tx);
        await db.Dialect.BulkInsertAsync(c, tx, "patents_stage_names", ["name", "display_name", "kind"], met.All.Select(a => new object?[] { a.Name, a.Raw, a.Kind }), ct);
        await c.ExecuteAsync("INSERT INTO patents_applicants (name, display_name, kind) SELECT name, display_name, kind FROM patents_stage_names ON CONFLICT (name) DO NOTHING; DROP TABLE patents_stage_names",
            transaction: tx, commandTimeout: 0);
    }

    static async Task CreateStageAsync(DbConnection c, DbTransaction tx)
    {
        await c.ExecuteAsync("""
            CREATE TEMP TABLE patents_stage_records (seq BIGINT NOT NULL, publication_number TEXT NOT NULL, jurisdiction TEXT NOT NULL, kind TEXT,
                document_type TEXT, title TEXT, abstract TEXT, claims TEXT, application_number TEXT, priority_date TEXT, application_date TEXT,
                publication_date TEXT, priority_year BIGINT, application_year BIGINT, publication_year BIGINT, family_id TEXT NOT NULL,
                applicants TEXT NOT NULL, inventors TEXT NOT NULL, ipc TEXT NOT NULL, cpc TEXT NOT NULL, legal_status TEXT, words tsvector NOT NULL);
            CREATE TEMP TABLE patents_stage_applicants (seq BIGINT NOT NULL, publication_number TEXT NOT NULL, position BIGINT NOT NULL,
                applicant TEXT NOT NULL, raw_name TEXT NOT NULL, kind TEXT NOT NULL);
            CREATE TEMP TABLE patents_stage_symbols (seq BIGINT NOT NULL, publication_number TEXT NOT NULL, symbol_id BIGINT NOT NULL);
            """, transaction: tx);
    }

    static Task DropStageAsync(DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("DROP TABLE patents_stage_records; DROP TABLE patents_stage_applicants; DROP TABLE patents_stage_symbols;", transaction: tx);

    // Merging a million staged rows takes longer than the drivers' default 30 s command timeout; it is cancelled
    // through the token instead.
    static async Task MergeAsync(DbConnection c, DbTransaction tx, string source, string now)
    {
        // The last row of a publication in the file wins; its links replace whatever the record had.
        await c.ExecuteAsync("""
            CREATE TEMP TABLE patents_stage_winners AS SELECT MAX(seq) AS seq FROM patents_stage_records GROUP BY publication_number;
            CREATE INDEX patents_stage_winners_seq ON patents_stage_winners (seq);
            DELETE FROM patents_record_applicants WHERE record_id IN (SELECT r.id FROM patents_records r JOIN patents_stage_records s ON s.publication_number = r.publication_number);
            DELETE FROM patents_record_symbols WHERE record_id IN (SELECT r.id FROM patents_records r JOIN patents_stage_records s ON s.publication_number = r.publication_number);
            """, transaction: tx, commandTimeout: 0);
        await c.ExecuteAsync("""
            INSERT INTO patents_records (publication_number, jurisdiction, kind, document_type, title, abstract, claims, application_number,
                priority_date, application_date, publication_date, priority_year, application_year, publication_year, family_id,
                applicants, inventors, ipc, cpc, source, imported_at, legal_status, words)
            SELECT publication_number, jurisdiction, kind, document_type, title, abstract, claims, application_number,
                priority_date, application_date, publication_date, priority_year, application_year, publication_year, family_id,
                applicants, inventors, ipc, cpc, @source, @now, legal_status, words
            FROM patents_stage_records WHERE seq IN (SELECT seq FROM patents_stage_winners) ORDER BY seq
            ON CONFLICT (publication_number) DO UPDATE SET jurisdiction = excluded.jurisdiction, kind = excluded.kind,
                document_type = excluded.document_type, title = excluded.title, abstract = excluded.abstract, claims = excluded.claims,
                application_number = excluded.application_number, priority_date = excluded.priority_date,
                application_date = excluded.application_date, publication_date = excluded.publication_date,
                priority_year = excluded.priority_year, application_year = excluded.application_year,
                publication_year = excluded.publication_year, family_id = excluded.family_id, applicants = excluded.applicants,
                inventors = excluded.inventors, ipc = excluded.ipc, cpc = excluded.cpc, source = excluded.source, imported_at = excluded.imported_at,
                legal_status = excluded.legal_status, words = excluded.words
            """, new { source, now }, tx, commandTimeout: 0);
        await c.ExecuteAsync("""
            INSERT INTO patents_record_applicants (record_id, position, applicant, raw_name)
            SELECT r.id, s.position, s.applicant, s.raw_name FROM patents_stage_applicants s JOIN patents_records r ON r.publication_number = s.publication_number
            WHERE s.seq IN (SELECT seq FROM patents_stage_winners);
            INSERT INTO patents_record_symbols (record_id, symbol_id)
            SELECT r.id, s.symbol_id FROM patents_stage_symbols s JOIN patents_records r ON r.publication_number = s.publication_number
            WHERE s.seq IN (SELECT seq FROM patents_stage_winners);
            INSERT INTO patents_applicants (name, display_name, kind)
            SELECT applicant, MIN(raw_name), MAX(kind) FROM patents_stage_applicants WHERE true GROUP BY applicant
            ON CONFLICT (name) DO NOTHING;
            DROP TABLE patents_stage_winners;
            """, transaction: tx, commandTimeout: 0);
    }

    /// <summary>Recognises a file's format from its extension and header (docs/patents.md lists the signatures).</summary>
    public static Task<string> DetectAsync(string path, CancellationToken ct) => DetectAsync(PatentFile.Of(path), ct);

    /// <summary>As above, for the data of a plain or compressed file.</summary>
    public static async Task<string> DetectAsync(PatentFile input, CancellationToken ct)
    {
        var file = input.Name;
        var ext = Path.GetExtension(input.DataName).ToLowerInvariant();
        if (!WorkbookSource.IsWorkbook(input))
        {
            using var reading = input.Open();
            var head = new byte[512];
            var n = reading.Data.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(head, 0, n).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            if (ext == ".xml" || text.StartsWith("<?xml", StringComparison.Ordinal) || text.StartsWith('<')) return "uspto-xml";
        }
        CsvHeader? header = null;
        var log = new ImportLog(file);
        if (WorkbookSource.IsWorkbook(input)) header = WorkbookSource.FirstHeader(input);
        else header = await PatentCsv.HeaderAsync(input, log, ct);
        if (header is null) throw new ImportFileException(file, "the file has no header row.");
        if (header.Has("lens_id") || header.Has("display_key", "jurisdiction")) return "lens";
        if (header.Has("patent_id")) return "patentsview";
        if (header.Has("publication_number", "kind_code", "ipc_classes")) return "wipo-landscape";
        if (header.Has("publication_number", "priority_data", "ipc")) return "patentscope";
        if (header.Has("id", "assignee", "inventor/author")) return "google";
        throw new ImportFileException(file, $"the format is not recognised (columns: {string.Join(", ", header.Names.Take(10))}). " +
            "Name it with --format (lens, patentscope, wipo-landscape, google, uspto-xml, patentsview) or save a column mapping and use --format mapping:NAME.");
    }
}
