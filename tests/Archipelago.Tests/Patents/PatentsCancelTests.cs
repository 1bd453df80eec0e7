using System.Text;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;
using Dapper;
using Microsoft.Extensions.Hosting;

namespace Archipelago.Tests.Patents;

/// <summary>An import cancelled mid-way (Ctrl+C in the CLI, Cancel on the page) leaves the workspace exactly as it was.</summary>
public class PatentsCancelTests
{
    /// <summary>A long Lens export, generated: the first rows re-use publication numbers of the Sangamo sample (they
    /// would update it), the rest are new. Long enough that the importer reports progress (every 8,192 rows) well before the end.</summary>
    static string LongFile(int rows)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "long-lens.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine("\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications");
        var sample = PatentsWorkbookTests.SampleRows(5);
        for (var i = 0; i < rows; i++)
        {
            var number = i < sample.Count ? sample[i][0] : $"US {10_000_000 + i} B2";
            w.WriteLine($"{i + 1},US,B2,{number},{i:D3}-000,2021-0{i % 9 + 1}-15,2021,Overwritten title {i},An abstract about nucleases {i},\"GENERATED BIO {i % 50} INC\",SMITH JOHN,C12N9/22;;A61K38/46");
        }
        return path;
    }

    static async Task<string> SnapshotAsync(Database db)
    {
        await using var c = await db.OpenAsync();
        var b = new StringBuilder();
        foreach (var table in new[] { "patents_records", "patents_record_applicants", "patents_record_classes", "patents_applicants", "kernel_audit" })
            b.Append(table).Append('=').Append(await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")).Append(' ');
        // The landscape store's snapshot too: the import writes it inside its transaction, so a cancelled one leaves the old.
        b.Append("data version ").Append(await c.ExecuteScalarAsync<long>("SELECT version FROM patents_data_version")).Append(", snapshot ")
            .AppendJoin(' ', await c.QueryAsync<string>("SELECT CAST(version AS TEXT) || '/' || CAST(part AS TEXT) FROM patents_landscape_store ORDER BY part"))
            .Append('\n');
        foreach (var (n, t) in await c.QueryAsync<(string, string)>("SELECT publication_number, title FROM patents_records ORDER BY publication_number"))
            b.Append(n).Append(':').Append(t).Append('\n');
        return b.ToString();
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task CancellingMidway_LeavesTheWorkspaceUnchanged(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        Assert.True((await import.RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var before = await SnapshotAsync(db);
        var path = LongFile(60_000);

        using var cts = new CancellationTokenSource();
        double seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.RunAsync(path, "lens", "test", f =>
        {
            seen = f;
            if (f > 0 && f < 1) cts.Cancel(); // as Ctrl+C would, part-way through the rows
        }, cts.Token));
        Assert.InRange(seen, 0.01, 0.99);
        Assert.Equal(before, await SnapshotAsync(db));

        // The workspace is usable at once: the sample imports again (as updates).
        Assert.Equal(130, (await import.RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Updated);
    }

    sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task APageImport_ShowsProgress_AndCancelsToNothing(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var before = await SnapshotAsync(db);
        var path = LongFile(200_000);
        var jobs = new ImportJobs(new PatentImport(db, TimeProvider.System), new Lifetime());
        var job = jobs.Start(path, Path.GetDirectoryName(path)!, "auto", "ana");
        Assert.Null(jobs.Get(job.Id, "bob", administrator: false)); // someone else's import is not shown to them
        Assert.False(jobs.Cancel(job.Id, "bob", administrator: false));
        while (job.Running && job.Progress == 0) await Task.Delay(20);
        Assert.True(job.Running, "the generated file should still be importing when the first progress is reported");
        Assert.True(jobs.Cancel(job.Id, "ana", administrator: false));
        Assert.True(await ImportJobs.WaitAsync(job, TimeSpan.FromMinutes(5), default));
        Assert.True(job.Cancelled);
        Assert.Null(job.Result);
        Assert.Equal(before, await SnapshotAsync(db));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path))); // the spooled upload is removed
    }
}

