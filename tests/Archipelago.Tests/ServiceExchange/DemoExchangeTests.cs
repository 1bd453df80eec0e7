using Archipelago.Kernel.JointActions;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Tests.ServiceExchange;

public class DemoExchangeTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Demo_HasProvidersNeedsEngagements_AndTheSupplyGapOfSeed001(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        foreach (var m in Program.Modules()) await m.SeedDemoAsync(db, CancellationToken.None);
        var op = Actor.Cli();
        var providers = await new ProfileStore(db, TimeProvider.System).ListAsync(op);
        Assert.True(providers.Count >= 4, $"{providers.Count} providers");
        Assert.All(providers, p => Assert.Equal(ProfileStatus.Public, p.Profile.Status));
        var market = await MarketView.BuildAsync(db, TimeProvider.System);
        Assert.True(market.Cells.Sum(c => c.Needs) >= 20);
        Assert.True(market.UnmetNeeds > 0);
        // Seed 001 §5.3: supply strong in agency, information, legal; weak in commercialisation, consulting, training.
        long Supply(string c) => market.Supply.Single(s => s.Category == c).Providers;
        Assert.True(Supply("agency") > Supply("training") && Supply("information") > Supply("consulting") && Supply("legal") >= Supply("training"));
        var delivered = (await new EngagementStore(db, TimeProvider.System).ListAsync(op)).Count(e => e.Engagement.State is "delivered" or "rated");
        Assert.True(delivered > 0);
        var fromExchange = (await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(Type: "service_engagement", Take: 1000))).Items
            .Count(a => a.Source.StartsWith("exchange:engagement:"));
        Assert.Equal(delivered, fromExchange);
        var need = (await new NeedStore(db, TimeProvider.System).OpenAsync()).First().Need;
        var (_, ranked, _) = await new Matchmaker(db, TimeProvider.System).ProvidersForNeedAsync(need.Id, op);
        Assert.NotEmpty(ranked);
    }
}
