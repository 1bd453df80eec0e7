using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Tests.ServiceExchange;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A small exchange: two providers (one public, one draft), two enterprises, an operator actor.</summary>
public sealed record ExchangeWorld(Database Db, ManualClock Clock, Enabler AgencyA, Enabler AgencyB, Enabler Pharma, Enabler Biotech)
{
    public Actor Operator => Actor.Cli("op");
    public Actor As(Enabler e) => new($"member-{e.Key}", e.Id, false, e.Type == EnablerType.ServiceProvider);

    public static ProviderProfile Profile(long id, params string[] services) => new(id, null, services, ["biologics"], ["Guangdong"], ["zh", "en"],
        12, 5, ["Patent agency licence"], 5000, 20000, "CNY", 30, 4, "Patent filing and strategic layout for antibody drugs");

    public static Need Need(long enablerId, string confidentiality = "public") => new(enablerId, "PCT filing for a bispecific antibody", "rnd", "agency",
        "patent_filing", "biologics", "We need a PCT application for our bispecific antibody platform.", 30000, "CNY", new DateOnly(2027, 6, 30), confidentiality);

    public static async Task<ExchangeWorld> CreateAsync(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var enablers = new EnablerStore(db, clock);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        async Task<Enabler> Add(string key, EnablerType type, string name) => await enablers.AddAsync(new Enabler(key, type, name, null, null, gd, null, null, "test"), "test");
        var world = new ExchangeWorld(db, clock, await Add("P1", EnablerType.ServiceProvider, "Agency A"), await Add("P2", EnablerType.ServiceProvider, "Agency B"),
            await Add("C1", EnablerType.Enterprise, "Pharma One"), await Add("C2", EnablerType.Enterprise, "Biotech Two"));
        var profiles = new ProfileStore(db, clock);
        await profiles.SaveAsync(Profile(world.AgencyA.Id, "patent_filing", "strategic_layout"), world.As(world.AgencyA));
        await profiles.SubmitAsync(world.AgencyA.Id, world.As(world.AgencyA));
        await profiles.ReviewAsync(world.AgencyA.Id, true, null, world.Operator);
        await profiles.SaveAsync(Profile(world.AgencyB.Id, "retrieval"), world.As(world.AgencyB));
        return world;
    }
}
