using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>What a long computation is doing now, for the page's "computing…" status.</summary>
public sealed class NetworkWorkProgress
{
    volatile string step = "";
    public string Step { get => step; set => step = value; }
    public DateTime Started { get; } = DateTime.UtcNow;
}

/// <summary>
/// Work on a network (layouts, communities, measures, the page's analysis) remembered for the last few networks: at
/// 100,000 enablers the measures take minutes on two cores (docs/benchmarks.md), and focusing, opening a community,
/// sorting a table or changing the size measure asks again for the same network. The work runs on the thread pool, not in
/// the request, so a page can render "computing…" and come back for the result; a failed computation is forgotten.
/// Keys start with <see cref="Key"/>, a SHA-256 of the graph, the window and the registry, so any change to the data or the
/// filters is a new key.
/// </summary>
public static class NetworkCache
{
    sealed record Entry(Lazy<Task<object>> Work, NetworkWorkProgress Progress);

    /// <summary>Entries kept (several per network: analysis, communities, layouts, paths); all are dropped when it is reached.</summary>
    const int Capacity = 48;

    static readonly ConcurrentDictionary<string, Entry> Entries = new();

    /// <summary>The network's fingerprint: the graph (ties, weights, labels), the window and projection, and what the
    /// indicators read beyond the graph (each registry enabler's type, region and segment; each action's id).</summary>
    public static string Key(ClusterNetwork net)
    {
        var g = net.Graph;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(g.Undirected.Offsets.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(g.Undirected.Targets.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(g.Undirected.Weights.AsSpan()));
        var text = new StringBuilder();
        foreach (var label in g.Labels) text.Append(label).Append('\n');
        text.Append(System.Text.Json.JsonSerializer.Serialize(net.Window)).Append(net.Home).Append('\n');
        foreach (var e in net.Registry) text.Append(e.Id).Append(e.Type.Code).Append(e.Region).Append(e.Segment).Append(e.NameEn).Append('|').Append(e.NameZh).Append('\n');
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        var ids = net.Actions.Select(a => a.Id).ToArray();
        hash.AppendData(MemoryMarshal.AsBytes(ids.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

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
        _ = work.ContinueWith(_ => Entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)), TaskContinuationOptions.OnlyOnFaulted);
        return (Cast<T>(work), entry.Progress);
    }

    /// <summary>The progress of the computation under <paramref name="key"/> while it runs; null when it is done, failed or unknown.</summary>
    public static NetworkWorkProgress? Running(string key) =>
        Entries.TryGetValue(key, out var e) && e.Work.IsValueCreated && !e.Work.Value.IsCompleted ? e.Progress : null;

    static async Task<T> Cast<T>(Task<object> work) => (T)await work;

    /// <summary>The result under <paramref name="key"/>, computed now (on the thread pool) if it is not remembered.</summary>
    public static T Get<T>(string key, Func<T> compute) where T : notnull => Start(key, _ => compute()).Work.GetAwaiter().GetResult();
}
