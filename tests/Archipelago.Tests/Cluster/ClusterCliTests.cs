namespace Archipelago.Tests.Cluster;

/// <summary>The registry's CLI verbs, run as a process against a temporary SQLite workspace.</summary>
public class ClusterCliTests
{
    [Fact]
    public async Task ImportListExport_ThroughTheBinary()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "enablers.csv");
        await File.WriteAllTextAsync(file, "key,type,name_en,name_zh,country\nE1,enterprise,Ruikang Biologics,瑞康生物,CN\nE2,university,Lingbay University,岭湾大学,CN\n");

        var dry = await CliProcess.RunAsync("--data", dir, "enablers", "import", file, "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("2 to create", dry.Out);

        Assert.Equal(0, (await CliProcess.RunAsync("--data", dir, "enablers", "import", file)).ExitCode);
        var list = await CliProcess.RunAsync("--data", dir, "enablers", "list", "--q", "瑞康");
        Assert.Contains("Ruikang Biologics", list.Out);
        Assert.DoesNotContain("Lingbay", list.Out);

        var bad = Path.Combine(dir, "actions.csv");
        await File.WriteAllTextAsync(bad, "type,start,participants\ncollaboration,2020,E1:lead; E2:partner\ncollaboration,2020-13,E1;E2\n");
        var failed = await CliProcess.RunAsync("--data", dir, "actions", "import", bad);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("actions.csv, row 3, column 'start'", failed.Error);
        Assert.Contains("Nothing was stored", failed.Out);

        var export = await CliProcess.RunAsync("--data", dir, "enablers", "export", "--format", "json");
        Assert.Contains("\"name_zh\": \"瑞康生物\"", export.Out);
    }

    [Fact]
    public async Task AgainstAServer_ImportAndListGoThroughTheApiWithAToken()
    {
        await using var app = await TestApp.StartAsync();
        var accounts = new Archipelago.Kernel.Accounts.AccountStore(app.Db, TimeProvider.System);
        var op = await accounts.FindAsync("operator");
        var viewer = await accounts.FindAsync("viewer");
        var opToken = await accounts.CreateTokenAsync(op!.Id, "cli", null);
        var viewerToken = await accounts.CreateTokenAsync(viewer!.Id, "cli", null);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "enablers.csv");
        await File.WriteAllTextAsync(file, "key,type,name_en,country\nR1,enterprise,Remote One,CN\nR2,bogus,Remote Two,CN\n");
        var server = app.Address.ToString();

        var refused = await CliProcess.RunAsync("--server", server, "--token", viewerToken, "enablers", "import", file);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("403", refused.Error);

        var bad = await CliProcess.RunAsync("--server", server, "--token", opToken, "enablers", "import", file);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("row 3, column 'type'", bad.Error);

        await File.WriteAllTextAsync(file, "key,type,name_en,country\nR1,enterprise,Remote One,CN\n");
        Assert.Equal(0, (await CliProcess.RunAsync("--server", server, "--token", opToken, "enablers", "import", file)).ExitCode);
        var list = await CliProcess.RunAsync("--server", server, "--token", viewerToken, "enablers", "list", "--q", "remote");
        Assert.Contains("Remote One", list.Out);
        Assert.Contains("(1 of 1)", list.Out);
    }

    [Fact]
    public async Task UnknownFile_IsAClearErrorAndExitCode1()
    {
        var r = await CliProcess.RunAsync("--data", Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N")), "enablers", "import", "/no/such/file.csv");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does not exist", r.Error);
    }
}
