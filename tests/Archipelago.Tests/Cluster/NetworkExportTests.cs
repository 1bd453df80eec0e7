using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;

namespace Archipelago.Tests.Cluster;

/// <summary>
/// <c>network export</c> on the hand-built cluster of <see cref="ClusterNetworkTests"/> (Newman projection: P–A weighs
/// 1 + 1 = 2, the event's pairs A–B, A–C, B–C 1/2 each), read back by NetworkX 2.8.8 (Debian /usr/bin/python3).
/// </summary>
public class NetworkExportTests
{
    static async Task<string> WorkspaceAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        var db = Database.Sqlite(dir);
        await new Migrator(db).MigrateAsync();
        await ClusterNetworkTests.SeedSmallAsync(db);
        return dir;
    }

    static string Python(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd(); var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        return output;
    }

    [Theory]
    [InlineData("graphml", "nx.read_graphml")]
    [InlineData("gexf", "nx.read_gexf")]
    public async Task GraphMlAndGexf_ReadBackByNetworkX(string format, string reader)
    {
        var dir = await WorkspaceAsync();
        var file = Path.Combine(dir, "net." + format);
        var r = await CliProcess.RunAsync("--data", dir, "network", "export", "--format", format, "--out", file);
        Assert.True(r.ExitCode == 0, r.Error);
        var script = $$"""
            import sys, json, networkx as nx
            G = {{reader}}(sys.argv[1])
            print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed(),
                              "pa": G["P"]["A"]["weight"], "ab": G["A"]["B"]["weight"], "type": G.nodes["P"]["type"],
                              "degree": int(G.nodes["P"]["degree"]), "label": G.nodes["D"]["label"]}))
            """;
        var j = JsonDocument.Parse(Python(script, file)).RootElement;
        Assert.Equal((5, 7, false), (j.GetProperty("nodes").GetInt32(), j.GetProperty("edges").GetInt32(), j.GetProperty("directed").GetBoolean()));
        Assert.Equal(2, j.GetProperty("pa").GetDouble(), 12);
        Assert.Equal(0.5, j.GetProperty("ab").GetDouble(), 12);
        Assert.Equal(("cluster_promotion", 4, "D"), (j.GetProperty("type").GetString(), j.GetProperty("degree").GetInt32(), j.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task VosViewerAndCsv_AndBadFormat()
    {
        var dir = await WorkspaceAsync();
        var edges = await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "csv-edges", "--projection", "clique");
        Assert.True(edges.ExitCode == 0, edges.Error);
        var lines = edges.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,target,weight", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.Contains("P,A,2", lines);
        var nodes = await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "csv-nodes");
        Assert.StartsWith("id,label,type,scope,degree,weighted_degree,community,x,y", nodes.Out);
        Assert.Contains(nodes.Out.Split('\n'), l => l.StartsWith("D,D,enterprise,abroad,1,1,"));

        var map = (await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "vosviewer-map")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\tlabel\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tdescription", map[0]);
        Assert.Equal(6, map.Length);
        var network = (await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "vosviewer-network")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, network.Length);
        Assert.Contains("1\t2\t2", network); // P (id 1) – A (id 2), weight 2
        var json = JsonDocument.Parse((await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "vosviewer-json")).Out).RootElement.GetProperty("network");
        Assert.Equal((5, 7), (json.GetProperty("items").GetArrayLength(), json.GetProperty("links").GetArrayLength()));
        Assert.Equal(5, json.GetProperty("items")[0].GetProperty("weights").GetProperty("Total link strength").GetDouble(), 12);

        var bad = await CliProcess.RunAsync("--data", dir, "network", "export", "--format", "pajek");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("pajek", bad.Error);
    }

    [Fact]
    public async Task Api_ExportIsAFileDownload_AndThePageLinksIt()
    {
        await using var app = await TestApp.StartAsync();
        await ClusterNetworkTests.SeedSmallAsync(app.Db);
        var viewer = await app.ClientAsync(Role.Viewer);
        var r = await viewer.GetAsync("/api/cluster/network/export?format=gexf&exclude=event");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/gexf+xml", r.Content.Headers.ContentType!.MediaType);
        Assert.Equal("joint-action-network.gexf", r.Content.Headers.ContentDisposition!.FileNameStar ?? r.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("<edge id=\"3\"", await r.Content.ReadAsStringAsync()); // four ties without the event
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/cluster/network/export?format=pajek")).StatusCode);
        var page = await viewer.GetStringAsync("/cluster/network?exclude=event");
        Assert.Contains("/api/cluster/network/export?exclude=event&amp;format=graphml", page);
    }
}
