using System.Collections.Concurrent;
using Archipelago.Kernel;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// Web imports that run beside the request, so a large upload shows its progress and can be cancelled: the page polls
/// (a Refresh header, no JavaScript needed) and a cancel button stops the import through its token. Cancelling, a
/// failure and a row error all roll the file's one transaction back, so the workspace is exactly as before.
/// </summary>
public sealed class ImportJobs(PatentImport import, IHostApplicationLifetime lifetime)
{
    /// <summary>One import: its progress (0–1) while running; its result, error or cancellation once finished.</summary>
    public sealed class Job
    {
        public required string Id { get; init; }
        public required string File { get; init; }
        public required string Username { get; init; }
        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
        internal CancellationTokenSource Cancellation { get; } = new();
        internal Task Task { get; set; } = Task.CompletedTask;
        double progress;
        public double Progress { get => Volatile.Read(ref progress); internal set => Volatile.Write(ref progress, value); }
        public ImportResult? Result { get; internal set; }
        public string? Error { get; internal set; }
        public bool Cancelled { get; internal set; }
        public bool Running => !Task.IsCompleted;
    }

    readonly ConcurrentDictionary<string, Job> jobs = new();

    /// <summary>Starts importing a spooled file; <paramref name="spool"/> (the file's temporary folder) is removed when done.</summary>
    public Job Start(string path, string spool, string format, string username)
    {
        foreach (var old in jobs.Values.Where(j => !j.Running && DateTimeOffset.UtcNow - j.Started > TimeSpan.FromHours(2)).ToList())
            jobs.TryRemove(old.Id, out _);
        var job = new Job { Id = Guid.NewGuid().ToString("N"), File = Path.GetFileName(path), Username = username };
        var ct = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation.Token, lifetime.ApplicationStopping).Token;
        jobs[job.Id] = job;
        job.Task = Task.Run(async () =>
        {
            try { job.Result = await import.RunAsync(path, format, username, f => job.Progress = f, ct); }
            catch (OperationCanceledException) { job.Cancelled = true; }
            catch (DomainException e) { job.Error = e.Message; }
            catch (Exception e) when (e is IOException or System.Data.Common.DbException) { job.Error = e.Message; }
            finally
            {
                try { Directory.Delete(spool, recursive: true); } catch (IOException) { }
            }
        }, CancellationToken.None);
        return job;
    }

    /// <summary>The job, to its owner or an administrator only (a job id is not a secret worth relying on).</summary>
    public Job? Get(string id, string username, bool administrator) =>
        jobs.TryGetValue(id, out var j) && (j.Username == username || administrator) ? j : null;

    /// <summary>Asks a running import to stop; it rolls back and reports itself cancelled.</summary>
    public bool Cancel(string id, string username, bool administrator)
    {
        if (Get(id, username, administrator) is not { Running: true } j) return false;
        j.Cancellation.Cancel();
        return true;
    }

    /// <summary>Waits for the job to finish, at most <paramref name="wait"/>; true when it has.</summary>
    public static async Task<bool> WaitAsync(Job job, TimeSpan wait, CancellationToken ct)
    {
        await Task.WhenAny(job.Task, Task.Delay(wait, ct));
        return job.Task.IsCompleted;
    }
}
