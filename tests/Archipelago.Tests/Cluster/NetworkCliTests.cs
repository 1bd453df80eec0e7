using System.Globalization;
using System.Text.Json;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Cluster;

/// <summary>The <c>network</c> CLI contract on Zachary's karate club, against NetworkX's values shipped with the data.</summary>
public class NetworkCliTests
{
    [Fact]
    public async Task Metrics_MatchNetworkXReference_To1e9()
    {
        var r = await CliProcess.RunAsync("network", "metrics", "--edges", SharedData.Path("network-karate-club", "karate_edges.csv"), "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var ours = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        // Reference: karate_reference_metrics_networkx.csv (NetworkX, see the folder's SOURCE.md), unweighted measures.
        var lines = File.ReadAllLines(SharedData.Path("network-karate-club", "karate_reference_metrics_networkx.csv"));
        var head = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(head, name);
        Assert.Equal(34, ours.Count);
        foreach (var f in lines.Skip(1).Select(l => l.Split(',')))
        {
            var o = ours[f[0]];
            double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
            Assert.Equal(D(f[Col("degree")]), D(o[1]));
            Assert.Equal(D(f[Col("betweenness_centrality_normalized")]), D(o[3]), 1e-9);
            Assert.Equal(D(f[Col("closeness_centrality")]), D(o[4]), 1e-9);
            Assert.Equal(D(f[Col("eigenvector_centrality_unweighted")]), D(o[6]), 1e-9);
            Assert.Equal(D(f[Col("pagerank_alpha0.85_unweighted")]), D(o[7]), 1e-9);
            Assert.Equal(D(f[Col("local_clustering")]), D(o[8]), 1e-9);
        }
    }

    [Fact]
    public async Task Summary_PrintsCentralisationModularityAndCommunities()
    {
        var r = await CliProcess.RunAsync("network", "summary", "--edges", SharedData.Path("network-karate-club", "karate_edges.csv"), "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var j = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(34, j.GetProperty("nodes").GetInt32());
        Assert.Equal(78, j.GetProperty("edges").GetInt32());
        // Louvain on karate: NetworkX's louvain_communities reaches about 0.42-0.44; ours must not be lower than 0.41.
        Assert.True(j.GetProperty("modularity").GetDouble() > 0.41);
        Assert.True(j.GetProperty("communities").GetInt32() >= 3);
        Assert.True(j.TryGetProperty("freeman_degree_centralization", out _));
        Assert.True(j.TryGetProperty("freeman_betweenness_centralization", out _));
    }

    [Fact]
    public async Task PairListWithCommentsSelfLoopsAndABadLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var ok = Path.Combine(dir, "pairs.txt");
        await File.WriteAllTextAsync(ok, "# a star with a self-loop and a duplicate\n1 2\n1 3\n1 4\n1 1\n2 1\n");
        var r = await CliProcess.RunAsync("network", "metrics", "--edges", ok);
        Assert.Equal(0, r.ExitCode);
        // Star on 4 nodes: the centre lies on all 3 shortest paths between leaves; NetworkX normalises by (n-1)(n-2)/2 = 3 → 1.0.
        Assert.StartsWith("1,", r.Out.Split('\n')[1]);
        Assert.Equal("1", r.Out.Split('\n')[1].Split(',')[3]);
        var bad = Path.Combine(dir, "bad.txt");
        await File.WriteAllTextAsync(bad, "1 2\n3\n");
        var e = await CliProcess.RunAsync("network", "metrics", "--edges", bad);
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("bad.txt, line 2", e.Error);
    }
}
