using System.Collections.Concurrent;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>What a long computation is doing now, for the page's "computing…" status.</summary>
public sealed class NetworkWorkProgress
{
    volatile string step = "";
    public string Step { get => step; set => step = value; }
    public DateTime Started { get; } = DateTime.UtcNow;
    /// <summary>When it ended (null while it runs).</summary>
    public DateTime? Finished { get; internal set; }
}

/// <summary>Where a remembered computation is: running, done, failed (forgotten) or unknown.</summary>
public enum NetworkWorkState { Unknown, Running, Done }

/// <summary>
/// Work on a network (layouts, communities, measures, the page's analysis) remembered for the last few networks: at
/// 100,000 enablers the page's analysis takes about a minute on two cores (docs/benchmarks.md), and focusing, opening a community,
/// sorting a table or changing the size measure asks again for the same network. The work runs on the thread pool, not in
/// the request, so a page can render "computing…" and come back for the result; a failed computation is forgotten.
/// Keys start with <see cref="Key"/>, a SHA-256 of the workspace data's version (<see cref="NetworkData"/>), the window and
/// the home region, so any change to the data or the filters is a new key.
/// </summary>
public static class NetworkCache
{
    sealed record Entry(Lazy<Task<object>> Work, NetworkWorkProgress Progress);

    /// <summary>Entries kept (several per network: analysis, communities, layouts, paths); all are dropped when it is reached.</summary>
    const int Capacity = 48;

    static readonly ConcurrentDictionary<string, Entry> Entries = new();

    /// <summary>The network's identity: the workspace data's version (<see cref="NetworkData"/>), the window and projection,
    /// and the home region — any change to the data or the filters is a new key.</summary>
    public static string Key(ClusterNetwork net) => net.Key;

    /// <summary>The computation under <paramref name="key"/>, started now on the thread pool unless it is running or done.</summary>
    public static (Task<T> Work, NetworkWorkProgress Progress) Start<T>(string key, Func<NetworkWorkProgress, T> compute) where T : notnull
    {
        if (Entries.Count >= Capacity && !Entries.ContainsKey(key)) Entries.Clear();
        var entry = Entries.GetOrAdd(key, _ =>
        {
            var progress = new NetworkWorkProgress();
            return new Entry(new Lazy<Task<object>>(() => Task.Run(() => (object)compute(progress))), progress);
        });
        var work = entry.Work.Value;
        _ = work.ContinueWith(_ => entry.Progress.Finished ??= DateTime.UtcNow, TaskContinuationOptions.ExecuteSynchronously);
        _ = work.ContinueWith(_ => Entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)), TaskContinuationOptions.OnlyOnFaulted);
        return (Cast<T>(work), entry.Progress);
    }

    /// <summary>The progress of the computation under <paramref name="key"/> while it runs; null when it is done, failed or unknown.</summary>
    public static NetworkWorkProgress? Running(string key) =>
        Entries.TryGetValue(key, out var e) && e.Work.IsValueCreated && !e.Work.Value.IsCompleted ? e.Progress : null;

    /// <summary>The state of the computation under <paramref name="key"/> and its progress (null when unknown).</summary>
    public static (NetworkWorkState State, NetworkWorkProgress? Progress) Status(string key) =>
        !Entries.TryGetValue(key, out var e) || !e.Work.IsValueCreated ? (NetworkWorkState.Unknown, null)
        : e.Work.Value.IsCompletedSuccessfully ? (NetworkWorkState.Done, e.Progress)
        : e.Work.Value.IsCompleted ? (NetworkWorkState.Unknown, null)
        : (NetworkWorkState.Running, e.Progress);

    static async Task<T> Cast<T>(Task<object> work) => (T)await work;

    /// <summary>The result under <paramref name="key"/>, computed now (on the thread pool) if it is not remembered.</summary>
    public static T Get<T>(string key, Func<T> compute) where T : notnull => Start(key, _ => compute()).Work.GetAwaiter().GetResult();
}

/// <summary>With <c>ARCHIPELAGO_NETWORK_TRACE=1</c>, how long each step of loading and analysing a network took and the
/// process's memory after it, on standard error (bench/graphs/network_page.sh reads it from the server's log).</summary>
public static class NetworkTrace
{
    static readonly bool On = Environment.GetEnvironmentVariable("ARCHIPELAGO_NETWORK_TRACE") == "1";

    /// <summary>Runs <paramref name="work"/> and reports it when tracing.</summary>
    public static T Time<T>(string step, Func<T> work)
    {
        if (!On) return work();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        Report(step, clock.Elapsed);
        return result;
    }

    public static async Task<T> TimeAsync<T>(string step, Func<Task<T>> work)
    {
        if (!On) return await work();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await work();
        Report(step, clock.Elapsed);
        return result;
    }

    static void Report(string step, TimeSpan took)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Console.Error.WriteLine($"network-trace {step}: {took.TotalSeconds:0.000} s, process CPU so far {self.TotalProcessorTime.TotalSeconds:0.0} s, managed heap {GC.GetTotalMemory(false) / 1048576} MB, working set {self.WorkingSet64 / 1048576} MB, peak {self.PeakWorkingSet64 / 1048576} MB");
    }
}
