using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Dapper;

namespace Archipelago.Modules.ServiceExchange.Storage;

/// <summary>A need as one reader sees it: <see cref="Redacted"/> when its description is withheld (a providers-only
/// need read by a provider that was not invited); <see cref="Invited"/> only for the poster and operators.</summary>
public sealed record NeedView(Need Need, Enabler Poster, bool Redacted, IReadOnlyList<long> Invited, bool IsInvited);

/// <summary>
/// Needs and invitations. Who reads what: operators every need; the poster's members their own needs; everyone else
/// open needs that are public, providers-only (providers, with the description only for invited ones) or
/// invited-only (invited providers). A need a reader may not see does not exist for them (404, not 403), so its
/// existence leaks nothing. Every write is audited.
/// </summary>
public sealed class NeedStore(Database db, TimeProvider clock)
{
    internal sealed class Row
    {
        public long id; public long enabler_id; public string title = ""; public string demand_area = ""; public string category = "";
        public string? service; public string technology_field = ""; public string description = ""; public decimal? budget; public string? currency;
        public string? deadline; public string confidentiality = ""; public string language = ""; public string? phase; public string status = "";
        public string created_at = "";
    }

    const string Columns = "id, enabler_id, title, demand_area, category, service, technology_field, description, budget, currency, deadline, confidentiality, language, phase, status, created_at";

    static readonly string NColumns = string.Join(", ", Columns.Split(", ").Select(c => "n." + c));

    internal static Need ToNeed(Row r) => new(r.enabler_id, r.title, r.demand_area, r.category, r.service, r.technology_field, r.description,
        r.budget, r.currency, r.deadline is null ? null : DateOnly.Parse(r.deadline), r.confidentiality, r.language, r.phase)
    { Id = r.id, Status = r.status, CreatedAt = DateTimeOffset.Parse(r.created_at) };

    /// <summary>The SQL condition (on table alias <c>n</c>) for the needs <paramref name="a"/> may see.</summary>
    internal static string Visible(Actor a) => a.IsOperator ? "1 = 1" :
        $"""
        (n.enabler_id = {a.EnablerId ?? -1} OR (n.status = 'open' AND (n.confidentiality = 'public'
            {(a.IsProvider ? "OR n.confidentiality = 'providers_only'" : "")}
            OR (n.confidentiality = 'invited_only' AND EXISTS (SELECT 1 FROM exchange_invitations i WHERE i.need_id = n.id AND i.provider_id = {a.EnablerId ?? -1})))))
        """;

    public async Task<Need> PostAsync(Need need, IReadOnlyCollection<long>? invite, Actor actor, CancellationToken ct = default)
    {
        if (!actor.ActsFor(need.EnablerId)) throw ProfileStore.Forbidden("post a need for this enabler");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_enablers WHERE id = @EnablerId", new { need.EnablerId }, tx) == 0)
            throw new DomainException("not_found", $"Enabler {need.EnablerId} does not exist.", "enabler_id");
        var now = clock.GetUtcNow();
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO exchange_needs (enabler_id, title, demand_area, category, service, technology_field, description, budget, currency, deadline,
                confidentiality, language, phase, status, created_by, created_at, updated_at)
            VALUES (@EnablerId, @Title, @DemandArea, @Category, @Service, @TechnologyField, @Description, @Budget, @Currency, @Deadline,
                @Confidentiality, @Language, @Phase, 'open', @User, @Now, @Now) RETURNING id
            """, new
        {
            need.EnablerId, need.Title, need.DemandArea, need.Category, need.Service, need.TechnologyField, need.Description, need.Budget, need.Currency,
            Deadline = need.Deadline?.ToString("yyyy-MM-dd"), need.Confidentiality, need.Language, need.Phase, User = actor.Username, Now = now.ToString("O"),
        }, tx);
        foreach (var p in invite ?? []) await InviteAsync(c, tx, id, p, now);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "create", "exchange_need", id.ToString(), need.Title);
        await tx.CommitAsync(ct);
        return need with { Id = id, CreatedAt = now };
    }

    public async Task<NeedView?> GetAsync(long id, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {NColumns} FROM exchange_needs n WHERE n.id = @id AND {Visible(actor)}", new { id });
        if (r is null) return null;
        // Invitations matter only to a reader who could be the poster or invited (see View): not to viewers and analysts.
        IReadOnlyList<long> invited = actor.IsOperator || actor.EnablerId is not null
            ? (await c.QueryAsync<long>("SELECT provider_id FROM exchange_invitations WHERE need_id = @id ORDER BY provider_id", new { id })).ToList()
            : [];
        var poster = await new EnablerStore(db, clock).GetAsync(r.enabler_id, ct);
        return View(ToNeed(r), poster!, invited, actor);
    }

    static NeedView View(Need n, Enabler poster, IReadOnlyList<long> invited, Actor a)
    {
        var own = a.IsOperator || a.EnablerId == n.EnablerId;
        var isInvited = a.EnablerId is { } e && invited.Contains(e);
        var redacted = !own && !isInvited && n.Confidentiality != Confidentiality.Public;
        return new NeedView(n, poster, redacted, own ? invited : [], isInvited);
    }

    public sealed record NeedFilter(string? DemandArea = null, string? Category = null, string? Field = null, string? Status = null, long? EnablerId = null,
        string? Text = null, int Skip = 0, int Take = 50);

    public async Task<Page<NeedView>> ListAsync(Actor actor, NeedFilter f, CancellationToken ct = default)
    {
        var where = new List<string> { Visible(actor) };
        if (f.DemandArea is not null) where.Add("n.demand_area = @DemandArea");
        if (f.Category is not null) where.Add("n.category = @Category");
        if (f.Field is not null) where.Add("n.technology_field = @Field");
        if (f.Status is not null) where.Add("n.status = @Status");
        if (f.EnablerId is not null) where.Add("n.enabler_id = @EnablerId");
        if (!string.IsNullOrWhiteSpace(f.Text)) where.Add("LOWER(n.title) LIKE @Like");
        var args = new { f.DemandArea, f.Category, f.Field, f.Status, f.EnablerId, Like = "%" + f.Text?.Trim().ToLowerInvariant() + "%", Skip = (long)f.Skip, Take = (long)Math.Clamp(f.Take, 1, 500) };
        await using var c = await db.OpenAsync(ct);
        var sql = string.Join(" AND ", where);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM exchange_needs n WHERE {sql}", args);
        var rows = (await c.QueryAsync<Row>($"SELECT {NColumns} FROM exchange_needs n WHERE {sql} ORDER BY n.id DESC LIMIT @Take OFFSET @Skip", args)).ToList();
        var ids = rows.Select(r => r.id).ToArray();
        var invited = ids.Length == 0 ? Array.Empty<(long Need, long Provider)>().ToLookup(x => x.Need, x => x.Provider) : (await c.QueryAsync<(long Need, long Provider)>(
            $"SELECT need_id, provider_id FROM exchange_invitations WHERE need_id IN ({string.Join(",", ids)})")).ToLookup(x => x.Need, x => x.Provider);
        var posters = (await new EnablerStore(db, clock).GetManyAsync(rows.Select(r => r.enabler_id).Distinct(), ct)).ToDictionary(e => e.Id);
        var items = rows.Select(r => View(ToNeed(r), posters[r.enabler_id], invited[r.id].ToList(), actor)).ToList();
        return new Page<NeedView>(items, total, f.Skip, f.Take);
    }

    /// <summary>Every open need with its invitations, for matching needs to a provider (visibility is applied by the caller).</summary>
    public async Task<IReadOnlyList<(Need Need, IReadOnlyList<long> Invited)>> OpenAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM exchange_needs WHERE status = 'open'");
        var inv = (await c.QueryAsync<(long Need, long Provider)>("SELECT need_id, provider_id FROM exchange_invitations")).ToLookup(x => x.Need, x => x.Provider);
        return rows.Select(r => (ToNeed(r), (IReadOnlyList<long>)inv[r.id].ToList())).ToList();
    }

    /// <summary>The poster (or an operator) invites a provider; the provider is notified.</summary>
    public async Task InviteAsync(long needId, long providerId, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var owner = await c.QuerySingleOrDefaultAsync<long?>("SELECT enabler_id FROM exchange_needs WHERE id = @needId", new { needId }, tx);
        if (owner is null || !actor.ActsFor(owner.Value)) throw new DomainException("not_found", $"Need {needId} does not exist.");
        await InviteAsync(c, tx, needId, providerId, clock.GetUtcNow());
        await Audit.WriteAsync(c, tx, clock, actor.Username, "invite", "exchange_need", needId.ToString(), $"provider {providerId}");
        await tx.CommitAsync(ct);
    }

    internal static async Task InviteAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long needId, long providerId, DateTimeOffset now)
    {
        var type = await c.QuerySingleOrDefaultAsync<string>("SELECT type FROM kernel_enablers WHERE id = @providerId", new { providerId }, tx);
        if (type != EnablerType.ServiceProvider.Code)
            throw new DomainException("not_a_provider", $"Enabler {providerId} is not a professional service provider and cannot be invited.", "invite");
        var added = await c.ExecuteAsync("INSERT INTO exchange_invitations (need_id, provider_id, created_at) VALUES (@needId, @providerId, @at) ON CONFLICT DO NOTHING",
            new { needId, providerId, at = now.ToString("O") }, tx);
        if (added > 0) await Notifications.AddAsync(c, tx, providerId, $"You are invited to need {needId}.", $"/exchange/needs/{needId}", now);
    }

    /// <summary>Operators hide (take down), reopen or close a need; the poster may close their own.</summary>
    public async Task SetStatusAsync(long needId, string status, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (status is not (NeedStatus.Open or NeedStatus.Closed or NeedStatus.Hidden))
            throw new DomainException("unknown_status", $"Unknown need status '{status}'. Use open, closed or hidden.", "status");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var r = await c.QuerySingleOrDefaultAsync<(long Owner, string Status)?>("SELECT enabler_id, status FROM exchange_needs WHERE id = @needId", new { needId }, tx);
        if (r is null || !actor.ActsFor(r.Value.Owner)) throw new DomainException("not_found", $"Need {needId} does not exist.");
        if (!actor.IsOperator && (status == NeedStatus.Hidden || r.Value.Status == NeedStatus.Hidden))
            throw ProfileStore.Forbidden("moderate needs");
        if (status == NeedStatus.Hidden && string.IsNullOrWhiteSpace(reason))
            throw new DomainException("reason_required", "Say why the need is taken down.", "reason");
        await c.ExecuteAsync("UPDATE exchange_needs SET status = @status, updated_at = @now WHERE id = @needId", new { status, now = clock.GetUtcNow().ToString("O"), needId }, tx);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "status:" + status, "exchange_need", needId.ToString(), reason);
        await tx.CommitAsync(ct);
    }
}
