using System.Text.Json;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Tests.ServiceExchange;

public class ExchangeCliTests
{
    [Fact]
    public async Task ProvidersImport_IsAllOrNothing_ThenMatchAndMarketReadTheWorkspace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        var db = Database.Sqlite(dir);
        await new Migrator(db).MigrateAsync();
        var enablers = new EnablerStore(db, TimeProvider.System);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        foreach (var (key, type) in new[] { ("P1", EnablerType.ServiceProvider), ("P2", EnablerType.ServiceProvider), ("C1", EnablerType.Enterprise) })
            await enablers.AddAsync(new Enabler(key, type, key, null, null, gd, null, null, "test"), "test");

        var bad = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(bad, "enabler_key,services,technology_fields,team_size,turnaround_days,capacity\n" +
            "P1,patent_filing;strategic_layout,biologics,12,30,5\n" +
            "P2,astrology,biologics,3,30,5\n" +
            "C1,retrieval,,3,30,5\n" +
            "P9,retrieval,,x,30,5\n");
        var failed = await CliProcess.RunAsync("--data", dir, "exchange", "providers", "import", bad);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.csv, row 3, column 'services': Unknown service 'astrology'", failed.Error);
        Assert.Contains("bad.csv, row 4, column 'enabler_key': 'C1' is a enterprise, not a professional service provider", failed.Error);
        Assert.Contains("bad.csv, row 5, column 'enabler_key'", failed.Error);
        Assert.Contains("nothing was imported", failed.Error);
        Assert.Empty(await new ProfileStore(db, TimeProvider.System).ListAsync(Actor.Cli()));

        var good = Path.Combine(dir, "good.csv");
        await File.WriteAllTextAsync(good, "enabler_key,services,technology_fields,regions,languages,team_size,patent_agents,turnaround_days,capacity,description\n" +
            "P1,patent_filing;strategic_layout,biologics,Guangdong,zh;en,12,5,30,5,PCT filing for antibodies\n" +
            "P2,retrieval;analysis,small_molecules,Guangdong,zh,3,0,10,5,Patent landscape searches\n");
        var ok = await CliProcess.RunAsync("--data", dir, "exchange", "providers", "import", good, "--publish");
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("Imported 2 provider profile(s), public", ok.Out);

        var c1 = (await enablers.GetByKeyAsync("C1"))!;
        var need = await new NeedStore(db, TimeProvider.System).PostAsync(new Need(c1.Id, "PCT for antibody", "rnd", "agency", "patent_filing", "biologics",
            "PCT filing for our antibody", null, null, null, null), null, Actor.Cli());
        var match = await CliProcess.RunAsync("--data", dir, "exchange", "match", "--need", need.Id.ToString(), "--format", "json");
        Assert.True(match.ExitCode == 0, match.Error);
        var ranked = JsonDocument.Parse(match.Out).RootElement.EnumerateArray().Select(m => m.GetProperty("providerId").GetInt64()).ToList();
        Assert.Equal((await enablers.GetByKeyAsync("P1"))!.Id, ranked[0]);
        var market = await CliProcess.RunAsync("--data", dir, "exchange", "market");
        Assert.True(market.ExitCode == 0, market.Error);
        Assert.Contains("Unmet needs: 1", market.Out);
    }
}
