// Builds a SQLite workspace with N provider profiles (default 10,000) and M open needs (default 1,000), then times
// ranking providers for a need and needs for a provider through the same Matchmaker the API and pages use.
// Usage: dotnet run -c Release -- DATA_DIR [providers] [needs]
using System.Diagnostics;
using Archipelago.Kernel.Data;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;
using Dapper;

var dir = args[0];
var providerCount = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var needCount = args.Length > 2 ? int.Parse(args[2]) : 1_000;
var db = Database.Sqlite(dir);
await new Migrator(db).MigrateAsync();
var clock = TimeProvider.System;
var rng = new Random(7);
var op = Actor.Cli("bench");
var fields = Taxonomy.TechnologyFields.Select(f => f.Code).ToArray();
string[] provinces = ["Guangdong", "Shanghai", "Beijing", "Jiangsu", "Zhejiang"];
var sw = Stopwatch.StartNew();
await using (var c = await db.OpenAsync())
{
    await using var tx = await Database.BeginWriteAsync(c);
    var now = DateTimeOffset.UtcNow.ToString("O");
    for (var i = 0; i < providerCount + needCount / 5; i++)
    {
        var provider = i < providerCount;
        var key = provider ? $"P{i:D6}" : $"C{i:D6}";
        await c.ExecuteAsync("""
            INSERT INTO kernel_enablers (key, type, name_en, province, country, attributes, source, search_text, sort_name, created_at, updated_at)
            VALUES (@key, @type, @key, @province, 'CN', '{}', 'bench', @lower, @lower, @now, @now)
            """, new { key, type = provider ? "service_provider" : "enterprise", province = provinces[i % provinces.Length], lower = key.ToLowerInvariant(), now }, tx);
    }
    await tx.CommitAsync();
}
var ids = (await (await db.OpenAsync()).QueryAsync<(long Id, string Key)>("SELECT id, key FROM kernel_enablers")).ToList();
var providerIds = ids.Where(x => x.Key.StartsWith('P')).Select(x => x.Id).ToList();
var clientIds = ids.Where(x => x.Key.StartsWith('C')).Select(x => x.Id).ToList();
var profiles = providerIds.Select(id =>
{
    var cat = Taxonomy.Categories[rng.Next(Taxonomy.Categories.Count)];
    var services = cat.Services.OrderBy(_ => rng.Next()).Take(1 + rng.Next(cat.Services.Count)).Select(s => s.Code).ToList();
    var pf = fields.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).ToList();
    return new ProviderProfile(id, null, services, pf, [provinces[rng.Next(provinces.Length)]], rng.Next(2) == 0 ? ["zh"] : ["zh", "en"], 5 + rng.Next(50),
        rng.Next(5), null, null, null, null, 10 + rng.Next(80), 2 + rng.Next(10),
        $"We offer {string.Join(", ", services.Select(s => Taxonomy.ServiceName(s, false)))} for {string.Join(" and ", pf.Select(f => Taxonomy.TermName(Taxonomy.TechnologyFields, f, false)))} clients.");
}).ToList();
await new ProfileStore(db, clock).SaveManyAsync(profiles, publish: true, op);
var needStore = new NeedStore(db, clock);
var needIds = new List<long>();
for (var j = 0; j < needCount; j++)
{
    var area = Taxonomy.DemandAreas[rng.Next(5)].Code;
    var cat = Taxonomy.Category(Taxonomy.ExpectedMatrix[area].ElementAt(rng.Next(Taxonomy.ExpectedMatrix[area].Count)));
    var service = cat.Services[rng.Next(cat.Services.Count)].Code;
    var field = fields[rng.Next(fields.Length)];
    needIds.Add((await needStore.PostAsync(new Need(clientIds[j % clientIds.Count], $"Need {j}: {Taxonomy.ServiceName(service, false)}", area, cat.Code, service, field,
        $"We need {Taxonomy.ServiceName(service, false)} for our {Taxonomy.TermName(Taxonomy.TechnologyFields, field, false)} programme.", null, null,
        DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30 + rng.Next(200))), "public"), null, op)).Id);
}
Console.WriteLine($"workspace: {providerCount} providers, {needCount} needs, built in {sw.Elapsed.TotalSeconds:0.0} s ({db.Location})");

var matchmaker = new Matchmaker(db, clock);
sw.Restart();
await matchmaker.ProvidersForNeedAsync(needIds[0], op, 20);
Console.WriteLine($"first ranking (loads and indexes the workspace): {sw.Elapsed.TotalMilliseconds:0} ms");

static (double Median, double P95, double Max) Stats(List<double> xs) { xs.Sort(); return (xs[xs.Count / 2], xs[(int)(xs.Count * 0.95)], xs[^1]); }
var forNeed = new List<double>();
foreach (var id in needIds.Skip(1).Take(200)) // each need once: no cached ranking
{
    sw.Restart();
    await matchmaker.ProvidersForNeedAsync(id, op, 20);
    forNeed.Add(sw.Elapsed.TotalMilliseconds);
}
var (m1, p1, x1) = Stats(forNeed);
Console.WriteLine($"rank {providerCount} providers for a need (200 needs): median {m1:0.0} ms, p95 {p1:0.0} ms, max {x1:0.0} ms");
var forProvider = new List<double>();
foreach (var id in providerIds.Take(200))
{
    sw.Restart();
    await matchmaker.NeedsForProviderAsync(id, op, 20);
    forProvider.Add(sw.Elapsed.TotalMilliseconds);
}
var (m2, p2, x2) = Stats(forProvider);
Console.WriteLine($"rank {needCount} needs for a provider (200 providers): median {m2:0.0} ms, p95 {p2:0.0} ms, max {x2:0.0} ms");
Console.WriteLine($"need for wrk: {needIds[0]}");

// The ranking alone, in memory (no database round trips): what the 50 ms budget leaves for scoring.
var model = Archipelago.Numerics.Retrieval.TfIdf.Fit(profiles.Select(Matchmaker.ProfileText));
var facts = profiles.Select(p => new ProviderFacts(p, "", "Guangdong", "CN", rng.Next(20), 0, 0, 0, 0, 0, model.Transform(Matchmaker.ProfileText(p)))).ToList();
var pure = new List<double>();
for (var k = 0; k < 200; k++)
{
    var need = new Need(clientIds[0], "Need", "rnd", "agency", "patent_filing", fields[k % fields.Length], "We need patent filing for our biologics programme.", null, null, null, "public");
    var nf = new NeedFacts(need, "", "Guangdong", "CN", model.Transform(Matchmaker.NeedText(need)));
    sw.Restart();
    Matcher.RankProviders(nf, facts, Network.Empty, MatchWeights.Default, DateOnly.FromDateTime(DateTime.UtcNow), 20);
    pure.Add(sw.Elapsed.TotalMilliseconds);
}
var (m3, p3, x3) = Stats(pure);
Console.WriteLine($"in-memory ranking of {providerCount} providers (200 needs): median {m3:0.0} ms, p95 {p3:0.0} ms, max {x3:0.0} ms");
