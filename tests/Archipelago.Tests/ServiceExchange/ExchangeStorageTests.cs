using Archipelago.Kernel;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Dapper;

namespace Archipelago.Tests.ServiceExchange;

public class ExchangeStorageTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Profile_ReviewListsIt_ExpiryDropsIt_RefreshRestoresIt(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var profiles = new ProfileStore(w.Db, w.Clock);
        var reader = w.As(w.Pharma);
        Assert.Equal([w.AgencyA.Id], (await profiles.ListAsync(reader)).Select(l => l.Profile.EnablerId));
        Assert.Null(await profiles.GetAsync(w.AgencyB.Id, reader)); // a draft is seen by its own members only
        Assert.NotNull(await profiles.GetAsync(w.AgencyB.Id, w.As(w.AgencyB)));
        Assert.Empty(await profiles.ListAsync(w.Operator, status: ProfileStatus.UnderReview));
        await profiles.SubmitAsync(w.AgencyB.Id, w.As(w.AgencyB));
        Assert.Equal([w.AgencyB.Id], (await profiles.ListAsync(w.Operator, status: ProfileStatus.UnderReview)).Select(l => l.Profile.EnablerId));

        w.Clock.Now = w.Clock.Now.AddDays(366);
        Assert.Empty(await profiles.ListAsync(reader));
        Assert.Equal(ProfileStatus.Expired, (await profiles.GetAsync(w.AgencyA.Id, w.Operator))!.Profile.StatusAt(w.Clock.Now));
        await profiles.RefreshAsync(w.AgencyA.Id, w.As(w.AgencyA));
        Assert.Single(await profiles.ListAsync(reader));

        // A member's edit of a public profile goes back to review; an operator may send it back with a note.
        await profiles.SaveAsync(ExchangeWorld.Profile(w.AgencyA.Id, "patent_filing"), w.As(w.AgencyA));
        Assert.Empty(await profiles.ListAsync(reader));
        var ex = await Assert.ThrowsAsync<DomainException>(() => profiles.ReviewAsync(w.AgencyA.Id, false, null, w.Operator));
        Assert.Equal("reason_required", ex.Code);
        await profiles.ReviewAsync(w.AgencyA.Id, false, "Add your credentials", w.Operator);
        Assert.Equal("Add your credentials", (await profiles.GetAsync(w.AgencyA.Id, w.As(w.AgencyA)))!.Profile.ReviewNote);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Profile_OfANonProvider_OrByAnotherMember_IsRefused(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var profiles = new ProfileStore(w.Db, w.Clock);
        Assert.Equal("not_a_provider", (await Assert.ThrowsAsync<DomainException>(() => profiles.SaveAsync(ExchangeWorld.Profile(w.Pharma.Id, "retrieval"), w.Operator))).Code);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<DomainException>(() => profiles.SaveAsync(ExchangeWorld.Profile(w.AgencyA.Id, "retrieval"), w.As(w.AgencyB)))).Code);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<DomainException>(() => profiles.ReviewAsync(w.AgencyB.Id, true, null, w.As(w.AgencyB)))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Engagement_RunsToRated_AndBecomesAJointAction_AllAudited(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var needs = new NeedStore(w.Db, w.Clock);
        var engagements = new EngagementStore(w.Db, w.Clock);
        var client = w.As(w.Pharma);
        var provider = w.As(w.AgencyA);
        var need = await needs.PostAsync(ExchangeWorld.Need(w.Pharma.Id, Confidentiality.InvitedOnly), null, client);
        var e = await engagements.OpenAsync(need.Id, w.AgencyA.Id, "Can you file by June?", null, null, client);
        Assert.Equal(EngagementState.Request, e.State);
        Assert.True((await needs.GetAsync(need.Id, provider))!.IsInvited); // requesting invites
        Assert.Equal("not_your_step", (await Assert.ThrowsAsync<DomainException>(() => engagements.StepAsync(e.Id, "propose", null, null, null, client))).Code);
        Assert.Equal("bad_transition", (await Assert.ThrowsAsync<DomainException>(() => engagements.StepAsync(e.Id, "accept", null, null, null, provider))).Code);
        await engagements.StepAsync(e.Id, "propose", null, 28000, "CNY", provider);
        await engagements.StepAsync(e.Id, "accept", null, null, null, client);
        await engagements.StepAsync(e.Id, "start", null, null, null, provider);
        Assert.Equal("not_delivered", (await Assert.ThrowsAsync<DomainException>(() => engagements.RateAsync(e.Id, new Rating(5, null), client))).Code);
        w.Clock.Now = w.Clock.Now.AddDays(20);
        var delivered = await engagements.StepAsync(e.Id, "deliver", null, null, null, provider);
        Assert.Equal(EngagementState.Delivered, delivered.State);

        var action = await new JointActionStore(w.Db, w.Clock).GetAsync(delivered.JointActionId!.Value);
        Assert.NotNull(action);
        Assert.Equal("service_engagement", action.Type);
        Assert.Equal(28000m, action.Value);
        Assert.Equal(new[] { (w.AgencyA.Id, "provider"), (w.Pharma.Id, "client") }.OrderBy(x => x.Item1), action.Participants.Select(p => (p.EnablerId, p.Role)).OrderBy(x => x.Item1));
        Assert.Equal(2026, action.Start.Year);
        Assert.Equal(21, action.End!.Value.Day);

        Assert.Equal("not_your_step", (await Assert.ThrowsAsync<DomainException>(() => engagements.RateAsync(e.Id, new Rating(5, null), provider))).Code);
        await engagements.RateAsync(e.Id, new Rating(4, "Quick and careful"), client);
        Assert.Equal("already_rated", (await Assert.ThrowsAsync<DomainException>(() => engagements.RateAsync(e.Id, new Rating(5, null), client))).Code);

        var view = (await engagements.GetAsync(e.Id, provider))!;
        Assert.Equal(EngagementState.Rated, view.Engagement.State);
        Assert.Equal(["open", "propose", "accept", "start", "deliver", "rate"], view.History.Select(h => h.Step));
        Assert.Single(view.Messages);
        Assert.Equal(4, view.Rating!.Score);
        Assert.Null(await engagements.GetAsync(e.Id, w.As(w.Biotech))); // not a party: not found

        Assert.NotEmpty(await Notifications.ForAsync(w.Db, w.Pharma.Id));
        Assert.NotEmpty(await Notifications.ForAsync(w.Db, w.AgencyA.Id));
        await using var c = await w.Db.OpenAsync();
        var audited = (await c.QueryAsync<string>("SELECT action FROM kernel_audit WHERE entity = 'exchange_engagement' AND entity_key = @k ORDER BY id", new { k = e.Id.ToString() })).ToList();
        Assert.Equal(["open", "propose", "accept", "start", "deliver", "rate"], audited);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task DeclineAndCancel_NeedAReason_AndEndTheEngagement(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var needs = new NeedStore(w.Db, w.Clock);
        var engagements = new EngagementStore(w.Db, w.Clock);
        var need = await needs.PostAsync(ExchangeWorld.Need(w.Pharma.Id), null, w.As(w.Pharma));
        var e = await engagements.OpenAsync(need.Id, w.AgencyA.Id, null, null, null, w.As(w.Pharma));
        Assert.Equal("reason_required", (await Assert.ThrowsAsync<DomainException>(() => engagements.StepAsync(e.Id, "decline", " ", null, null, w.As(w.AgencyA)))).Code);
        var declined = await engagements.StepAsync(e.Id, "decline", "Fully booked until March", null, null, w.As(w.AgencyA));
        Assert.Equal(EngagementState.Declined, declined.State);
        Assert.Equal("Fully booked until March", declined.Reason);
        Assert.Equal("bad_transition", (await Assert.ThrowsAsync<DomainException>(() => engagements.StepAsync(e.Id, "propose", null, null, null, w.As(w.AgencyA)))).Code);
        Assert.Equal("duplicate_engagement", (await Assert.ThrowsAsync<DomainException>(() => engagements.OpenAsync(need.Id, w.AgencyA.Id, null, null, null, w.As(w.Pharma)))).Code);
        Assert.Equal("provider_not_listed", (await Assert.ThrowsAsync<DomainException>(() => engagements.OpenAsync(need.Id, w.AgencyB.Id, null, null, null, w.As(w.Pharma)))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Attachments_AreStoredWithTheSniffedType_AndDisguisedFilesRefused(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var need = await new NeedStore(w.Db, w.Clock).PostAsync(ExchangeWorld.Need(w.Pharma.Id), null, w.As(w.Pharma));
        var engagements = new EngagementStore(w.Db, w.Clock);
        var e = await engagements.OpenAsync(need.Id, w.AgencyA.Id, null, null, null, w.As(w.Pharma));
        var pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"u8.ToArray();
        var info = await engagements.AttachAsync(e.Id, "../../claims.pdf", pdf, w.As(w.Pharma));
        Assert.Equal("claims.pdf", info.FileName);
        Assert.Equal("application/pdf", info.ContentType);
        var back = await engagements.DownloadAsync(e.Id, info.Id, w.As(w.AgencyA));
        Assert.Equal(pdf, back!.Value.Content);
        Assert.Null(await engagements.DownloadAsync(e.Id, info.Id, w.As(w.Biotech)));
        Assert.Equal("disguised_file", (await Assert.ThrowsAsync<DomainException>(() => engagements.AttachAsync(e.Id, "claims.pdf", "<html><script>alert(1)</script>"u8.ToArray(), w.As(w.Pharma)))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Delivery_WithoutTheServiceEngagementType_IsRefused_AndNothingMoves(string dialect)
    {
        var w = await ExchangeWorld.CreateAsync(dialect);
        var need = await new NeedStore(w.Db, w.Clock).PostAsync(ExchangeWorld.Need(w.Pharma.Id), null, w.As(w.Pharma));
        var engagements = new EngagementStore(w.Db, w.Clock);
        var e = await engagements.OpenAsync(need.Id, w.AgencyA.Id, null, null, null, w.As(w.AgencyA));
        Assert.Equal(EngagementState.Proposal, e.State); // a provider's own bid starts as a proposal
        await engagements.StepAsync(e.Id, "accept", null, null, null, w.As(w.Pharma));
        await engagements.StepAsync(e.Id, "start", null, null, null, w.As(w.AgencyA));
        await using (var c = await w.Db.OpenAsync()) await c.ExecuteAsync("DELETE FROM kernel_action_types WHERE code = 'service_engagement'");
        Assert.Equal("action_type_missing", (await Assert.ThrowsAsync<DomainException>(() => engagements.StepAsync(e.Id, "deliver", null, null, null, w.As(w.AgencyA)))).Code);
        Assert.Equal(EngagementState.InProgress, (await engagements.GetAsync(e.Id, w.Operator))!.Engagement.State);
    }
}
