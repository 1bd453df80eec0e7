using System.Data.Common;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.ServiceExchange.Domain;
using Dapper;

namespace Archipelago.Modules.ServiceExchange.Storage;

public sealed record EngagementEvent(DateTimeOffset At, string Username, string Step, string? From, string To, string? Reason);
public sealed record Message(long Id, string Username, long? EnablerId, string Body, DateTimeOffset At);
public sealed record AttachmentInfo(long Id, string FileName, string ContentType, long Size, string Username, DateTimeOffset At);
public sealed record RatingView(int Score, string? Comment, string Username, DateTimeOffset At, bool Hidden);

/// <summary>An engagement as one of its parties (or an operator) sees it, with its history and thread.</summary>
public sealed record EngagementView(Engagement Engagement, string NeedTitle, Party Party, IReadOnlyList<string> Allowed,
    IReadOnlyList<EngagementEvent> History, IReadOnlyList<Message> Messages, IReadOnlyList<AttachmentInfo> Attachments, RatingView? Rating);

/// <summary>
/// Engagements between a client and a provider about a need: the state machine of <see cref="EngagementStep"/>,
/// messages, attachments and the client's rating. Only the two parties' members and operators see an engagement
/// (others get not-found). A delivered engagement becomes a kernel joint action of type <c>service_engagement</c>.
/// Every step notifies the other party and is audited.
/// </summary>
public sealed class EngagementStore(Database db, TimeProvider clock)
{
    internal sealed class Row
    {
        public long id; public long need_id; public long client_id; public long provider_id; public string state = ""; public string? reason;
        public decimal? fee; public string? currency; public string created_at = ""; public string? proposed_at; public string? delivered_at;
        public string updated_at = ""; public long? joint_action_id;
    }

    const string Columns = "id, need_id, client_id, provider_id, state, reason, fee, currency, created_at, proposed_at, delivered_at, updated_at, joint_action_id";

    static DateTimeOffset? T(string? s) => s is null ? null : DateTimeOffset.Parse(s);

    internal static Engagement ToEngagement(Row r) => new(r.id, r.need_id, r.client_id, r.provider_id, r.state, r.reason, r.fee, r.currency,
        DateTimeOffset.Parse(r.created_at), T(r.proposed_at), T(r.delivered_at), DateTimeOffset.Parse(r.updated_at), r.joint_action_id);

    static Party? PartyOf(Row r, Actor a) =>
        a.EnablerId == r.client_id ? Party.Client : a.EnablerId == r.provider_id ? Party.Provider : a.IsOperator ? Party.Operator : null;

    /// <summary>Starts an engagement: the need's poster asks a provider (state request; the provider is invited), or a
    /// provider who can read the need offers a proposal (state proposal). The provider needs a listed profile.</summary>
    public async Task<Engagement> OpenAsync(long needId, long providerId, string? message, decimal? fee, string? currency, Actor actor, CancellationToken ct = default)
    {
        var need = await new NeedStore(db, clock).GetAsync(needId, actor, ct) ?? throw new DomainException("not_found", $"Need {needId} does not exist.");
        if (need.Need.Status != NeedStatus.Open) throw new DomainException("need_not_open", $"Need {needId} is {need.Need.Status}.", "need_id");
        Party party;
        if (actor.EnablerId == need.Need.EnablerId || (actor.IsOperator && actor.EnablerId != providerId)) party = Party.Client;
        else if (actor.EnablerId == providerId && actor.IsProvider && !need.Redacted) party = Party.Provider;
        else throw ProfileStore.Forbidden("open an engagement on this need");
        if (providerId == need.Need.EnablerId) throw new DomainException("self_engagement", "A need's poster cannot engage itself.", "provider_id");
        var profile = await new ProfileStore(db, clock).GetAsync(providerId, Actor.Cli(), ct);
        if (profile is null || !profile.Profile.IsListedAt(clock.GetUtcNow()))
            throw new DomainException("provider_not_listed", $"Enabler {providerId} has no public provider profile.", "provider_id");
        var body = FreeText.Block(message, "message", 10_000);
        var cur = Money.Currency(currency);
        if (fee < 0) throw new DomainException("negative_amount", "A fee cannot be negative.", "fee");
        if (fee is not null && cur is null) throw new DomainException("currency_required", "A fee needs its currency.", "currency");
        var state = party == Party.Client ? EngagementState.Request : EngagementState.Proposal;
        var now = clock.GetUtcNow().ToString("O");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM exchange_engagements WHERE need_id = @needId AND provider_id = @providerId", new { needId, providerId }, tx) > 0)
            throw new DomainException("duplicate_engagement", $"Provider {providerId} already has an engagement on need {needId}.", "provider_id");
        if (party == Party.Client) await NeedStore.InviteAsync(c, tx, needId, providerId, clock.GetUtcNow());
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO exchange_engagements (need_id, client_id, provider_id, state, fee, currency, created_at, proposed_at, updated_at)
            VALUES (@needId, @client, @providerId, @state, @fee, @cur, @now, @proposed, @now) RETURNING id
            """, new { needId, client = need.Need.EnablerId, providerId, state, fee, cur, now, proposed = party == Party.Provider ? now : null }, tx);
        await Event(c, tx, id, actor, "open", null, state, null, now);
        if (body is not null) await c.ExecuteAsync("INSERT INTO exchange_messages (engagement_id, username, enabler_id, body, at) VALUES (@id, @u, @e, @body, @now)",
            new { id, u = actor.Username, e = actor.EnablerId, body, now }, tx);
        await Notifications.AddAsync(c, tx, party == Party.Client ? providerId : need.Need.EnablerId,
            party == Party.Client ? $"New request on need “{need.Need.Title}”." : $"New proposal on your need “{need.Need.Title}”.", $"/exchange/engagements/{id}", clock.GetUtcNow());
        await Audit.WriteAsync(c, tx, clock, actor.Username, "open", "exchange_engagement", id.ToString(), $"need {needId}, provider {providerId}");
        await tx.CommitAsync(ct);
        return (await GetRowAsync(id, ct))!;
    }

    async Task<Engagement?> GetRowAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_engagements WHERE id = @id", new { id });
        return r is null ? null : ToEngagement(r);
    }

    public async Task<EngagementView?> GetAsync(long id, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_engagements WHERE id = @id", new { id });
        if (r is null || PartyOf(r, actor) is not { } party) return null;
        var title = await c.QuerySingleAsync<string>("SELECT title FROM exchange_needs WHERE id = @need_id", new { r.need_id });
        var history = (await c.QueryAsync<(string At, string U, string Step, string? From, string To, string? Reason)>(
            "SELECT at, username, step, from_state, to_state, reason FROM exchange_engagement_events WHERE engagement_id = @id ORDER BY id", new { id }))
            .Select(e => new EngagementEvent(DateTimeOffset.Parse(e.At), e.U, e.Step, e.From, e.To, e.Reason)).ToList();
        var messages = (await c.QueryAsync<(long Id, string U, long? E, string Body, string At)>(
            "SELECT id, username, enabler_id, body, at FROM exchange_messages WHERE engagement_id = @id ORDER BY id", new { id }))
            .Select(m => new Message(m.Id, m.U, m.E, m.Body, DateTimeOffset.Parse(m.At))).ToList();
        var files = (await c.QueryAsync<(long Id, string Name, string Type, long Size, string U, string At)>(
            "SELECT id, file_name, content_type, size, username, at FROM exchange_attachments WHERE engagement_id = @id ORDER BY id", new { id }))
            .Select(f => new AttachmentInfo(f.Id, f.Name, f.Type, f.Size, f.U, DateTimeOffset.Parse(f.At))).ToList();
        var rating = (await c.QueryAsync<(long Score, string? Comment, string U, string At, long Hidden)>(
            "SELECT score, comment, username, at, hidden FROM exchange_ratings WHERE engagement_id = @id", new { id }))
            .Select(x => new RatingView((int)x.Score, x.Comment, x.U, DateTimeOffset.Parse(x.At), x.Hidden != 0)).SingleOrDefault();
        return new EngagementView(ToEngagement(r), title, party, EngagementStep.Allowed(r.state, party), history, messages, files, rating);
    }

    /// <summary>The engagements the actor is a party to (all of them for operators), newest first.</summary>
    public async Task<IReadOnlyList<(Engagement Engagement, string NeedTitle)>> ListAsync(Actor actor, string? state = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var where = actor.IsOperator ? "1 = 1" : "(e.client_id = @me OR e.provider_id = @me)";
        if (state is not null) where += " AND e.state = @state";
        var rows = await c.QueryAsync<Row, string, (Row, string)>(
            $"SELECT {string.Join(", ", Columns.Split(", ").Select(x => "e." + x))}, n.title FROM exchange_engagements e JOIN exchange_needs n ON n.id = e.need_id WHERE {where} ORDER BY e.id DESC",
            (r, t) => (r, t), new { me = actor.EnablerId ?? -1, state }, splitOn: "title");
        return rows.Select(x => (ToEngagement(x.Item1), x.Item2)).ToList();
    }

    /// <summary>
    /// Takes a step of the state machine (not <c>rate</c>: see <see cref="RateAsync"/>). Proposing may set the fee.
    /// Delivering records the kernel joint action first and then the state, undoing the former if the engagement
    /// moved meanwhile, so the two never disagree (they are written through two stores, on two connections).
    /// </summary>
    public async Task<Engagement> StepAsync(long id, string step, string? reason, decimal? fee, string? currency, Actor actor, CancellationToken ct = default)
    {
        if (step == EngagementStep.Rate) throw new DomainException("rating_required", "Rate an engagement with a score (the rating endpoint).", "step");
        var (r, party) = await PartyAsync(id, actor, ct);
        var next = EngagementStep.Next(r.state, step, party, reason);
        var cur = step == EngagementStep.Propose && fee is not null ? Money.Currency(currency) ?? throw new DomainException("currency_required", "A fee needs its currency.", "currency") : r.currency;
        if (fee < 0) throw new DomainException("negative_amount", "A fee cannot be negative.", "fee");
        var newFee = step == EngagementStep.Propose && fee is not null ? fee : r.fee;
        var now = clock.GetUtcNow();
        JointAction? action = null;
        var actions = new JointActionStore(db, clock);
        if (next == EngagementState.Delivered)
        {
            if (!(await actions.TypesAsync(ct)).Any(t => t.Code == JointActionType.ServiceEngagement.Code))
                throw new DomainException("action_type_missing", "This workspace has no 'service_engagement' joint-action type; add it with 'archipelago actions types add'.");
            var title = await TitleAsync(r.need_id, ct);
            var created = DateTimeOffset.Parse(r.created_at);
            action = await actions.AddAsync(new JointAction($"XCH-ENG-{id}", JointActionType.ServiceEngagement.Code,
                new PartialDate(created.Year, created.Month, created.Day, DatePrecision.Day), new PartialDate(now.Year, now.Month, now.Day, DatePrecision.Day),
                [new Participant(r.provider_id, "provider"), new Participant(r.client_id, "client")], newFee, newFee is null ? null : cur,
                $"IP service: {title}", $"exchange:engagement:{id}"), actor.Username, ct);
        }
        try
        {
            await using var c = await db.OpenAsync(ct);
            await using var tx = await Database.BeginWriteAsync(c, ct);
            var n = await c.ExecuteAsync($"""
                UPDATE exchange_engagements SET state = @next, reason = @reason, fee = @newFee, currency = @cur, updated_at = @now,
                    proposed_at = {(next == EngagementState.Proposal ? "@now" : "proposed_at")}, delivered_at = {(next == EngagementState.Delivered ? "@now" : "delivered_at")},
                    joint_action_id = COALESCE(@action, joint_action_id)
                WHERE id = @id AND state = @old
                """, new { next, reason = step is EngagementStep.Decline or EngagementStep.Cancel ? FreeText.Block(reason, "reason", 2000) : r.reason, newFee, cur,
                    now = now.ToString("O"), action = action?.Id, id, old = r.state }, tx);
            if (n == 0) throw new DomainException("state_changed", "The engagement changed meanwhile; reload and try again.");
            await Event(c, tx, id, actor, step, r.state, next, reason, now.ToString("O"));
            await NotifyOtherAsync(c, tx, r, party, $"Engagement {id}: {step} → {next}.", now);
            await Audit.WriteAsync(c, tx, clock, actor.Username, step, "exchange_engagement", id.ToString(), reason);
            await tx.CommitAsync(ct);
        }
        catch when (action is not null)
        {
            await actions.DeleteAsync(action.Id, actor.Username, CancellationToken.None);
            throw;
        }
        return (await GetRowAsync(id, ct))!;
    }

    /// <summary>The client rates a delivered engagement, once: <c>not_delivered</c> before delivery,
    /// <c>already_rated</c> after, <c>not_your_step</c> for anyone but the client.</summary>
    public async Task RateAsync(long id, Rating rating, Actor actor, CancellationToken ct = default)
    {
        var (r, party) = await PartyAsync(id, actor, ct);
        if (party != Party.Client) throw new DomainException("not_your_step", "Only the client of an engagement may rate it.", "step");
        if (r.state == EngagementState.Rated) throw new DomainException("already_rated", $"Engagement {id} has been rated already; a rating is given once.", "score");
        if (r.state != EngagementState.Delivered) throw new DomainException("not_delivered", $"Engagement {id} is '{r.state}'; only a delivered engagement can be rated.", "score");
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var n = await c.ExecuteAsync("UPDATE exchange_engagements SET state = 'rated', updated_at = @now WHERE id = @id AND state = 'delivered'", new { id, now = now.ToString("O") }, tx);
        if (n == 0) throw new DomainException("already_rated", $"Engagement {id} has been rated already; a rating is given once.", "score");
        await c.ExecuteAsync("INSERT INTO exchange_ratings (engagement_id, provider_id, client_id, score, comment, username, at) VALUES (@id, @p, @cl, @s, @comment, @u, @now)",
            new { id, p = r.provider_id, cl = r.client_id, s = (long)rating.Score, comment = rating.Comment, u = actor.Username, now = now.ToString("O") }, tx);
        await Event(c, tx, id, actor, EngagementStep.Rate, r.state, EngagementState.Rated, null, now.ToString("O"));
        await NotifyOtherAsync(c, tx, r, party, $"Engagement {id} was rated {rating.Score}/5.", now);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "rate", "exchange_engagement", id.ToString(), rating.Score.ToString());
        await tx.CommitAsync(ct);
    }

    /// <summary>An operator hides (or shows again) a rating; hidden ratings count for nothing in matching.</summary>
    public async Task ModerateRatingAsync(long id, bool hidden, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOperator) throw ProfileStore.Forbidden("moderate ratings");
        if (hidden && string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason_required", "Say why the rating is hidden.", "reason");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteAsync("UPDATE exchange_ratings SET hidden = @h WHERE engagement_id = @id", new { id, h = hidden ? 1L : 0L }, tx) == 0)
            throw new DomainException("not_found", $"Engagement {id} has no rating.");
        await Audit.WriteAsync(c, tx, clock, actor.Username, hidden ? "hide_rating" : "show_rating", "exchange_engagement", id.ToString(), reason);
        await tx.CommitAsync(ct);
    }

    public async Task<Message> PostMessageAsync(long id, string? body, Actor actor, CancellationToken ct = default)
    {
        var (r, party) = await PartyAsync(id, actor, ct);
        var text = FreeText.Block(body, "body", 10_000) ?? throw new DomainException("required", "A message needs some text.", "body");
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var mid = await c.ExecuteScalarAsync<long>("INSERT INTO exchange_messages (engagement_id, username, enabler_id, body, at) VALUES (@id, @u, @e, @text, @now) RETURNING id",
            new { id, u = actor.Username, e = actor.EnablerId, text, now = now.ToString("O") }, tx);
        await NotifyOtherAsync(c, tx, r, party, $"New message on engagement {id}.", now);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "message", "exchange_engagement", id.ToString());
        await tx.CommitAsync(ct);
        return new Message(mid, actor.Username, actor.EnablerId, text, now);
    }

    /// <summary>Adds a file to the thread after <see cref="AttachmentType.Check"/> (size, name, content sniffing).</summary>
    public async Task<AttachmentInfo> AttachAsync(long id, string? fileName, byte[] content, Actor actor, CancellationToken ct = default)
    {
        var (r, party) = await PartyAsync(id, actor, ct);
        var type = AttachmentType.Check(fileName, content);
        var name = AttachmentType.SafeName(fileName);
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var aid = await c.ExecuteScalarAsync<long>("""
            INSERT INTO exchange_attachments (engagement_id, file_name, content_type, size, content, username, at) VALUES (@id, @name, @type, @size, @content, @u, @now) RETURNING id
            """, new { id, name, type, size = (long)content.Length, content, u = actor.Username, now = now.ToString("O") }, tx);
        await NotifyOtherAsync(c, tx, r, party, $"New file “{name}” on engagement {id}.", now);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "attach", "exchange_engagement", id.ToString(), name);
        await tx.CommitAsync(ct);
        return new AttachmentInfo(aid, name, type, content.Length, actor.Username, now);
    }

    public async Task<(string FileName, string ContentType, byte[] Content)?> DownloadAsync(long id, long attachmentId, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_engagements WHERE id = @id", new { id });
        if (r is null || PartyOf(r, actor) is null) return null;
        var f = await c.QuerySingleOrDefaultAsync<(string Name, string Type, byte[] Content)?>(
            "SELECT file_name, content_type, content FROM exchange_attachments WHERE id = @attachmentId AND engagement_id = @id", new { id, attachmentId });
        return f;
    }

    async Task<(Row Row, Party Party)> PartyAsync(long id, Actor actor, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_engagements WHERE id = @id", new { id });
        // A non-party learns nothing, not even that the engagement exists.
        if (r is null || PartyOf(r, actor) is not { } party) throw new DomainException("not_found", $"Engagement {id} does not exist.");
        return (r, party);
    }

    async Task<string> TitleAsync(long needId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleAsync<string>("SELECT title FROM exchange_needs WHERE id = @needId", new { needId });
    }

    static Task Event(DbConnection c, DbTransaction tx, long id, Actor a, string step, string? from, string to, string? reason, string at) =>
        c.ExecuteAsync("INSERT INTO exchange_engagement_events (engagement_id, at, username, step, from_state, to_state, reason) VALUES (@id, @at, @u, @step, @from, @to, @reason)",
            new { id, at, u = a.Username, step, from, to, reason }, tx);

    static async Task NotifyOtherAsync(DbConnection c, DbTransaction tx, Row r, Party party, string text, DateTimeOffset now)
    {
        var link = $"/exchange/engagements/{r.id}";
        if (party != Party.Client) await Notifications.AddAsync(c, tx, r.client_id, text, link, now);
        if (party != Party.Provider) await Notifications.AddAsync(c, tx, r.provider_id, text, link, now);
    }
}

/// <summary>In-app notifications, addressed to an enabler (all its member accounts see them).</summary>
public static class Notifications
{
    public sealed record Notification(long Id, string Text, string Link, DateTimeOffset At, bool Read);

    internal static Task AddAsync(DbConnection c, DbTransaction tx, long enablerId, string text, string link, DateTimeOffset now) =>
        c.ExecuteAsync("INSERT INTO exchange_notifications (enabler_id, text, link, at) VALUES (@enablerId, @text, @link, @at)",
            new { enablerId, text, link, at = now.ToString("O") }, tx);

    public static async Task<IReadOnlyList<Notification>> ForAsync(Database db, long enablerId, int take = 50, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, string Text, string Link, string At, string? Read)>(
            "SELECT id, text, link, at, read_at FROM exchange_notifications WHERE enabler_id = @enablerId ORDER BY id DESC LIMIT @take", new { enablerId, take = (long)take }))
            .Select(n => new Notification(n.Id, n.Text, n.Link, DateTimeOffset.Parse(n.At), n.Read is not null)).ToList();
    }

    public static async Task MarkReadAsync(Database db, long enablerId, TimeProvider clock, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE exchange_notifications SET read_at = @now WHERE enabler_id = @enablerId AND read_at IS NULL", new { enablerId, now = clock.GetUtcNow().ToString("O") });
    }
}
