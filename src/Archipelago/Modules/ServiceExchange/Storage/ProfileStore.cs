using System.Data.Common;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Dapper;

namespace Archipelago.Modules.ServiceExchange.Storage;

/// <summary>A provider profile with the enabler it belongs to.</summary>
public sealed record ProviderListing(Enabler Enabler, ProviderProfile Profile);

/// <summary>
/// Provider profiles. A profile is written by a member of the provider (or an operator), submitted for review, made
/// public by an operator, and drops out of the directory when not refreshed within a year. Drafts and profiles under
/// review are seen only by the provider's members and operators. Every write is audited.
/// </summary>
public sealed class ProfileStore(Database db, TimeProvider clock)
{
    internal sealed class Row
    {
        public long enabler_id; public string categories = "[]"; public string services = "[]"; public string technology_fields = "[]";
        public string regions = "[]"; public string languages = "[]"; public long team_size; public long patent_agents; public string credentials = "[]";
        public decimal? fee_min; public decimal? fee_max; public string? currency; public long turnaround_days; public long capacity;
        public string description = ""; public string status = ""; public string? refreshed_at; public string? review_note;
    }

    const string Columns = "enabler_id, categories, services, technology_fields, regions, languages, team_size, patent_agents, credentials, fee_min, fee_max, currency, turnaround_days, capacity, description, status, refreshed_at, review_note";

    static List<string> L(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
    static string J(IEnumerable<string> list) => JsonSerializer.Serialize(list);

    internal static ProviderProfile ToProfile(Row r) => new(r.enabler_id, L(r.categories), L(r.services), L(r.technology_fields), L(r.regions),
        L(r.languages), (int)r.team_size, (int)r.patent_agents, L(r.credentials), r.fee_min, r.fee_max, r.currency, (int)r.turnaround_days,
        (int)r.capacity, r.description)
    {
        Status = r.status, RefreshedAt = r.refreshed_at is null ? null : DateTimeOffset.Parse(r.refreshed_at), ReviewNote = r.review_note,
    };

    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The profile of an enabler as <paramref name="actor"/> may see it, or null (absent or not visible).</summary>
    public async Task<ProviderListing?> GetAsync(long enablerId, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_profiles WHERE enabler_id = @enablerId", new { enablerId });
        if (r is null) return null;
        var p = ToProfile(r);
        if (!p.IsListedAt(Now) && !actor.ActsFor(enablerId)) return null;
        var e = await new EnablerStore(db, clock).GetAsync(enablerId, ct);
        return e is null ? null : new ProviderListing(e, p);
    }

    /// <summary>The directory: listed profiles, plus — for operators — every profile (<paramref name="status"/> filters
    /// by the status a reader sees, e.g. <c>under_review</c> for the moderation queue), plus the actor's own.</summary>
    public async Task<IReadOnlyList<ProviderListing>> ListAsync(Actor actor, string? category = null, string? field = null, string? text = null,
        string? status = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM exchange_profiles");
        var now = Now;
        var profiles = rows.Select(ToProfile)
            .Where(p => p.IsListedAt(now) || actor.ActsFor(p.EnablerId))
            .Where(p => status is null || p.StatusAt(now) == status)
            .Where(p => category is null || p.Categories.Contains(category))
            .Where(p => field is null || p.TechnologyFields.Contains(field)).ToList();
        var enablers = (await new EnablerStore(db, clock).GetManyAsync(profiles.Select(p => p.EnablerId), ct)).ToDictionary(e => e.Id);
        var list = profiles.Where(p => enablers.ContainsKey(p.EnablerId)).Select(p => new ProviderListing(enablers[p.EnablerId], p));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            list = list.Where(l => l.Enabler.SearchText.Contains(t, StringComparison.OrdinalIgnoreCase) || l.Profile.Description.Contains(t, StringComparison.OrdinalIgnoreCase));
        }
        return list.OrderBy(l => l.Enabler.DisplayName(false), StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Every profile listed now (public and refreshed), for matching.</summary>
    public async Task<IReadOnlyList<ProviderProfile>> ListedAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var now = Now;
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM exchange_profiles WHERE status = @s", new { s = ProfileStatus.Public }))
            .Select(ToProfile).Where(p => p.IsListedAt(now)).ToList();
    }

    /// <summary>Creates or replaces a profile. The enabler must be a professional service provider. A member's edit of
    /// a public profile sends it back to review; an operator's edit keeps its status.</summary>
    public async Task<ProviderProfile> SaveAsync(ProviderProfile p, Actor actor, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var saved = await WriteAsync(c, tx, p, actor, publish: false);
        await tx.CommitAsync(ct);
        return saved;
    }

    /// <summary>Saves many profiles in one transaction: all or none (the directory import). With
    /// <paramref name="publish"/> (operators only) they are public and refreshed at once.</summary>
    public async Task SaveManyAsync(IReadOnlyList<ProviderProfile> profiles, bool publish, Actor actor, CancellationToken ct = default)
    {
        if (publish && !actor.IsOperator) throw Forbidden("publish profiles without review");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        foreach (var p in profiles) await WriteAsync(c, tx, p, actor, publish);
        await tx.CommitAsync(ct);
    }

    async Task<ProviderProfile> WriteAsync(DbConnection c, DbTransaction tx, ProviderProfile p, Actor actor, bool publish)
    {
        if (!actor.ActsFor(p.EnablerId)) throw Forbidden("edit this provider's profile");
        var type = await c.QuerySingleOrDefaultAsync<string>("SELECT type FROM kernel_enablers WHERE id = @EnablerId", new { p.EnablerId }, tx)
            ?? throw new DomainException("not_found", $"Enabler {p.EnablerId} does not exist.", "enabler_id");
        if (type != EnablerType.ServiceProvider.Code)
            throw new DomainException("not_a_provider", $"Enabler {p.EnablerId} is a '{type}', not a professional service provider; only providers keep a profile.", "enabler_id");
        var old = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM exchange_profiles WHERE enabler_id = @EnablerId", new { p.EnablerId }, tx);
        var status = publish ? ProfileStatus.Public : old is null ? ProfileStatus.Draft : actor.IsOperator ? old.status : old.status == ProfileStatus.Public ? ProfileStatus.UnderReview : old.status;
        var now = Now.ToString("O");
        var refreshed = publish ? now : old?.refreshed_at;
        var args = new
        {
            p.EnablerId, Categories = J(p.Categories), Services = J(p.Services), Fields = J(p.TechnologyFields), Regions = J(p.Regions),
            Languages = J(p.Languages), TeamSize = (long)p.TeamSize, PatentAgents = (long)p.PatentAgents, Credentials = J(p.Credentials),
            p.FeeMin, p.FeeMax, p.Currency, Turnaround = (long)p.TurnaroundDays, Capacity = (long)p.Capacity, p.Description, Status = status,
            Refreshed = refreshed, Note = old?.review_note, Now = now,
        };
        await c.ExecuteAsync("""
            INSERT INTO exchange_profiles (enabler_id, categories, services, technology_fields, regions, languages, team_size, patent_agents, credentials,
                fee_min, fee_max, currency, turnaround_days, capacity, description, status, refreshed_at, review_note, updated_at)
            VALUES (@EnablerId, @Categories, @Services, @Fields, @Regions, @Languages, @TeamSize, @PatentAgents, @Credentials, @FeeMin, @FeeMax, @Currency,
                @Turnaround, @Capacity, @Description, @Status, @Refreshed, @Note, @Now)
            ON CONFLICT (enabler_id) DO UPDATE SET categories = excluded.categories, services = excluded.services, technology_fields = excluded.technology_fields,
                regions = excluded.regions, languages = excluded.languages, team_size = excluded.team_size, patent_agents = excluded.patent_agents,
                credentials = excluded.credentials, fee_min = excluded.fee_min, fee_max = excluded.fee_max, currency = excluded.currency,
                turnaround_days = excluded.turnaround_days, capacity = excluded.capacity, description = excluded.description, status = excluded.status,
                refreshed_at = excluded.refreshed_at, updated_at = excluded.updated_at
            """, args, tx);
        await Audit.WriteAsync(c, tx, clock, actor.Username, old is null ? "create" : "update", "exchange_profile", p.EnablerId.ToString(), publish ? "published by import" : null);
        return p with { Status = status, RefreshedAt = refreshed is { } r ? DateTimeOffset.Parse(r) : null, ReviewNote = old?.review_note };
    }

    /// <summary>The provider asks for review (from draft).</summary>
    public Task SubmitAsync(long enablerId, Actor actor, CancellationToken ct = default) =>
        MoveAsync(enablerId, actor, "submit", [ProfileStatus.Draft], ProfileStatus.UnderReview, null, refresh: false, operatorOnly: false, ct);

    /// <summary>An operator approves (→ public, valid for a year) or sends back (→ draft, with a note) a profile under
    /// review; sending back also takes down a public profile (moderation).</summary>
    public Task ReviewAsync(long enablerId, bool approve, string? note, Actor actor, CancellationToken ct = default) => approve
        ? MoveAsync(enablerId, actor, "approve", [ProfileStatus.UnderReview], ProfileStatus.Public, FreeText.Block(note, "note", 2000), refresh: true, operatorOnly: true, ct)
        : MoveAsync(enablerId, actor, "reject", [ProfileStatus.UnderReview, ProfileStatus.Public], ProfileStatus.Draft,
            FreeText.Block(note, "note", 2000) ?? throw new DomainException("reason_required", "Say why the profile is sent back.", "note"), refresh: false, operatorOnly: true, ct);

    /// <summary>The provider confirms a public (or expired) profile is still right: valid for another year.</summary>
    public Task RefreshAsync(long enablerId, Actor actor, CancellationToken ct = default) =>
        MoveAsync(enablerId, actor, "refresh", [ProfileStatus.Public], ProfileStatus.Public, null, refresh: true, operatorOnly: false, ct);

    async Task MoveAsync(long enablerId, Actor actor, string action, string[] from, string to, string? note, bool refresh, bool operatorOnly, CancellationToken ct)
    {
        if (operatorOnly ? !actor.IsOperator : !actor.ActsFor(enablerId)) throw Forbidden($"{action} this profile");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var status = await c.QuerySingleOrDefaultAsync<string>("SELECT status FROM exchange_profiles WHERE enabler_id = @enablerId", new { enablerId }, tx)
            ?? throw new DomainException("not_found", $"Enabler {enablerId} has no provider profile.");
        if (!from.Contains(status))
            throw new DomainException("bad_transition", $"A profile in status '{status}' cannot be {action} (it must be {string.Join(" or ", from)}).", "status");
        await c.ExecuteAsync($"UPDATE exchange_profiles SET status = @to, review_note = @note, updated_at = @now{(refresh ? ", refreshed_at = @now" : "")} WHERE enabler_id = @enablerId",
            new { to, note, now = Now.ToString("O"), enablerId }, tx);
        await Audit.WriteAsync(c, tx, clock, actor.Username, action, "exchange_profile", enablerId.ToString(), note);
        await tx.CommitAsync(ct);
    }

    internal static DomainException Forbidden(string what) => new("forbidden", $"You may not {what}.");
}
