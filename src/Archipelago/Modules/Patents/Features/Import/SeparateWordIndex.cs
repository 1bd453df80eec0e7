using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// The word index of a SQLite import into an empty workspace, written on a thread and into a scratch file of its own
/// while the import writes the records, then copied into the workspace's index inside the import's transaction, so the
/// import stays all-or-nothing. SQLite lets one connection write a file at a time, and the word index is about a third
/// of the import's writing (docs/benchmarks.md, "Fourth round"): written beside it, it runs on the other core.
/// The copy is of FTS5's own tables (data, idx, docsize) between two tables of the same declaration and settings, so
/// the workspace ends with the index it would have written itself. Used only while the workspace's index is empty and
/// up to date: entries cannot be added to an index that holds some by copying tables.
/// </summary>
public sealed class SeparateWordIndex : IAsyncDisposable
{
    /// <summary>An entry to add (<see cref="Text"/> set) or to remove (the text it was added with).</summary>
    readonly record struct Entry(long Id, SqliteText? Text, string? Title, string? Abstract, string? Claims);

    static readonly string[] Tables = ["patents_search_data", "patents_search_idx", "patents_search_docsize"];
    const string Attached = "import_words";

    readonly string file;
    readonly SqliteConnection words;
    readonly Channel<List<Entry>> channel = Channel.CreateBounded<List<Entry>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    readonly CancellationTokenSource stop;
    readonly Task work;
    List<Entry> pending = [];

    /// <summary>Time the index's own thread spent writing (without waiting for entries).</summary>
    public TimeSpan Busy { get; private set; }

    SeparateWordIndex(string file, SqliteConnection words, CancellationToken ct)
    {
        (this.file, this.words) = (file, words);
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        work = Task.Run(WriteAsync, stop.Token);
    }

    /// <summary>Starts a separate index beside the workspace file, or returns null when the import must write the
    /// workspace's index itself (it holds entries, or is marked stale and is about to be rebuilt in place).</summary>
    public static async Task<SeparateWordIndex?> StartAsync(DbConnection c, DbTransaction tx, string? workspaceFile, CancellationToken ct)
    {
        if (workspaceFile is null) return null;
        if (await c.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM patents_search_docsize) OR EXISTS (SELECT 1 FROM patents_search_stale)", transaction: tx))
            return null;
        var declaration = await c.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'patents_search'", transaction: tx)
            ?? throw new InvalidOperationException("The workspace has no word index (patents_search).");
        var settings = (await c.QueryAsync<(string Key, object Value)>("SELECT k, v FROM patents_search_config WHERE k <> 'version'", transaction: tx)).ToList();
        // One import writes at a time (it holds the workspace's write lock), so a file of this name is a crashed one's.
        var file = workspaceFile + "-import-words";
        File.Delete(file);
        var words = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        try
        {
            await words.OpenAsync(ct);
            // A scratch file: no journal and no waiting for the disk; a failed import deletes it.
            await words.ExecuteAsync("PRAGMA page_size = 32768; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384");
            await words.ExecuteAsync(declaration);
            foreach (var (key, value) in settings)
                await words.ExecuteAsync("INSERT INTO patents_search (patents_search, rank) VALUES (@key, @value)", new { key, value });
            await words.ExecuteAsync("BEGIN TRANSACTION"); // (a one-word command would be taken for a stored procedure)
        }
        catch
        {
            await words.DisposeAsync();
            File.Delete(file);
            throw;
        }
        return new SeparateWordIndex(file, words, ct);
    }

    /// <summary>Adds a record's entry (the text as <see cref="SqliteText"/> holds it for the index).</summary>
    public void Index(long id, SqliteText text) => pending.Add(new Entry(id, text, null, null, null));

    /// <summary>Removes the entry a record was added with earlier in this import (its stored, unprepared text).</summary>
    public void Unindex(long id, string? title, string? @abstract, string? claims) => pending.Add(new Entry(id, null, title, @abstract, claims));

    /// <summary>Hands the entries added so far to the index's thread (waiting while it is eight hand-overs behind).</summary>
    public async ValueTask HandOverAsync(CancellationToken ct)
    {
        if (pending.Count == 0) return;
        try { await channel.Writer.WriteAsync(pending, ct); }
        catch (ChannelClosedException) { await work; throw; } // the index's thread failed: its own error is the one to report
        pending = new List<Entry>(pending.Count);
    }

    async Task WriteAsync()
    {
        try
        {
            using var entries = new WordIndexEntries(words.Handle!);
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
            {
                var busy = System.Diagnostics.Stopwatch.StartNew();
                foreach (var e in batch)
                    if (e.Text is { } t) entries.Add(e.Id, t);
                    else entries.Remove(e.Id, e.Title, e.Abstract, e.Claims);
                Busy += busy.Elapsed;
            }
            var commit = System.Diagnostics.Stopwatch.StartNew();
            await words.ExecuteAsync("COMMIT TRANSACTION"); // writes out the terms FTS5 still holds in memory
            Busy += commit.Elapsed;
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>Hands over the last entries and waits until the index's thread has written them all.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await HandOverAsync(ct);
        channel.Writer.TryComplete();
        await work;
    }

    /// <summary>Copies the finished index into the workspace's empty index, inside the import's transaction: the
    /// scratch file is attached to the import's connection and SQLite copies the tables itself (a million entries: 1.9 s
    /// row by row through the driver). <see cref="DetachAsync"/> once the transaction has ended. The connection must
    /// not be pooled again afterwards: its FTS5 table may hold the empty index's structure from before the copy, and a
    /// connection is not told of its own changes.</summary>
    public async Task CopyIntoAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        if (!work.IsCompletedSuccessfully) throw new InvalidOperationException("The word index is copied once it is finished.");
        await c.ExecuteAsync($"ATTACH DATABASE @file AS {Attached}", new { file }, tx);
        foreach (var table in Tables)
        {
            ct.ThrowIfCancellationRequested();
            await c.ExecuteAsync($"DELETE FROM main.{table}", transaction: tx);
            // SELECT * between tables of one declaration: SQLite then moves the rows without decoding them.
            await c.ExecuteAsync($"INSERT INTO main.{table} SELECT * FROM {Attached}.{table}", transaction: tx, commandTimeout: 0);
        }
    }

    /// <summary>Detaches the scratch file from the import's connection after <see cref="CopyIntoAsync"/> (SQLite keeps it
    /// until the transaction ends).</summary>
    public Task DetachAsync(DbConnection c) => c.ExecuteAsync($"DETACH DATABASE {Attached}");

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await stop.CancelAsync();
        try { await work; } catch { /* the import reports its own failure; this file is thrown away */ }
        await words.DisposeAsync();
        stop.Dispose();
        File.Delete(file);
    }
}
