using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Tests.ServiceExchange;

public class MatchmakerTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Ranking_UsesTheJointActionHistory_AndSeesNewProfiles(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var profiles = new ProfileStore(w.Db, w.Clock);
        // Agency B now offers the same service and is public too.
        await profiles.SaveAsync(ExchangeWorld.Profile(w.AgencyB.Id, "patent_filing", "strategic_layout"), w.Operator);
        await profiles.SubmitAsync(w.AgencyB.Id, w.Operator);
        await profiles.ReviewAsync(w.AgencyB.Id, true, null, w.Operator);
        var matchmaker = new Matchmaker(w.Db, w.Clock);
        var need = await new NeedStore(w.Db, w.Clock).PostAsync(ExchangeWorld.Need(w.Pharma.Id), null, w.As(w.Pharma));
        var (_, before, _) = await matchmaker.ProvidersForNeedAsync(need.Id, w.As(w.Pharma));
        Assert.Equal([w.AgencyA.Id, w.AgencyB.Id], before.Select(m => m.ProviderId)); // a tie, broken by id
        Assert.Equal(before[0].Score, before[1].Score, 12);

        // B worked for Pharma before the exchange (a kernel joint action): trust lifts it above A.
        await new JointActionStore(w.Db, w.Clock).AddAsync(new JointAction("SE-1", "service_engagement", PartialDate.Parse("2024-03"), null,
            [new Participant(w.AgencyB.Id, "provider"), new Participant(w.Pharma.Id, "client")], null, null, "Patent filing", "test"), "test");
        var (_, after, _) = await matchmaker.ProvidersForNeedAsync(need.Id, w.As(w.Pharma));
        Assert.Equal([w.AgencyB.Id, w.AgencyA.Id], after.Select(m => m.ProviderId));
        var trust = after[0].Components.Single(c => c.Name == "trust");
        Assert.Contains("1 completed", trust.Explanation);
        Assert.Contains("have worked together", trust.Explanation);

        // Needs for a provider; the weights an operator stores are used and audited.
        var (needs, _, _) = await matchmaker.NeedsForProviderAsync(w.AgencyA.Id, w.As(w.AgencyA));
        Assert.Equal([need.Id], needs.Select(m => m.NeedId));
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<DomainException>(() => matchmaker.SetWeightsAsync(new MatchWeights(1, 0, 0, 0, 0), w.As(w.Pharma)))).Code);
        await matchmaker.SetWeightsAsync(new MatchWeights(1, 0, 0, 0, 0), w.Operator);
        var (_, categoryOnly, _) = await matchmaker.ProvidersForNeedAsync(need.Id, w.Operator);
        Assert.Equal(categoryOnly[0].Score, categoryOnly[1].Score, 12);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Partners_FollowThePhase_Seed002(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var enablers = new EnablerStore(w.Db, w.Clock);
        var gd = new Region("Guangzhou", "Guangdong", "CN");
        var institute = await enablers.AddAsync(new Enabler("U1", EnablerType.University, "Institute", null, null, gd, null, null, "t"), "t");
        var cro = await enablers.AddAsync(new Enabler("CRO1", EnablerType.ServiceProvider, "Trials CRO", null, null, gd, null, new EnablerAttributes { ServiceCategories = ["cro"] }, "t"), "t");
        var leader = await enablers.AddAsync(new Enabler("L1", EnablerType.Enterprise, "Leader", null, null, gd, null, new EnablerAttributes { Leading = true }, "t"), "t");
        var needs = new NeedStore(w.Db, w.Clock);
        var matchmaker = new Matchmaker(w.Db, w.Clock);
        async Task<long> Post(string phase) => (await needs.PostAsync(new Need(w.Pharma.Id, "Phase need", "rnd", "agency", null, "biologics", null, null, null, null, null, null, phase), null, w.As(w.Pharma))).Id;
        Assert.Equal(institute.Id, (await matchmaker.PartnersAsync(await Post("preclinical"), w.As(w.Pharma))).Single().EnablerId);
        Assert.Equal(cro.Id, (await matchmaker.PartnersAsync(await Post("clinical"), w.As(w.Pharma))).Single().EnablerId);
        Assert.Equal(leader.Id, (await matchmaker.PartnersAsync(await Post("market"), w.As(w.Pharma))).Single().EnablerId);
    }
}
