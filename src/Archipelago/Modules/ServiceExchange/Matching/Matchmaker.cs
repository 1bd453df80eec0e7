using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Archipelago.Numerics.Retrieval;
using Dapper;

namespace Archipelago.Modules.ServiceExchange.Matching;

/// <summary>A partner suggested for a need's phase (seed 002): who, how well connected to the poster, and why.</summary>
public sealed record PartnerSuggestion(long EnablerId, string Name, string Type, double Score, string Why);

/// <summary>
/// Matching over the workspace: loads listed providers, their history and the joint-action network once into an
/// in-memory index (rebuilt when a fingerprint of the underlying tables changes), then ranks with the pure
/// <see cref="Matcher"/>. Trust comes from the kernel: completed engagements are the provider's joint actions of type
/// <c>service_engagement</c> in the role <c>provider</c> (the exchange's own delivered engagements are such joint
/// actions too), so history recorded before the exchange counts. Proximity ignores event co-participation: attending
/// the same forum is not working together.
/// </summary>
public sealed class Matchmaker(Database db, TimeProvider clock)
{
    public const string WeightsSetting = "exchange.match_weights";

    sealed record Index(string Fingerprint, TfIdf Model, IReadOnlyDictionary<long, ProviderFacts> Providers, Network Network,
        IReadOnlyDictionary<long, (Need Need, IReadOnlyList<long> Invited)> Needs, IReadOnlyDictionary<long, Enabler> Enablers, DateTimeOffset BuiltAt)
    {
        /// <summary>Rankings already computed on this index (it is replaced, and they with it, when the data changes).</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<(long Need, int Take, MatchWeights Weights, DateOnly Today), IReadOnlyList<Match>> Rankings { get; } = new();

        /// <summary>Partner suggestions already computed on this index (they scan every enabler).</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<(long Need, int Take), IReadOnlyList<PartnerSuggestion>> Partners { get; } = new();
    }

    /// <summary>The index and the weights in force, read together by one query.</summary>
    readonly record struct Current(Index Index, MatchWeights Weights);

    sealed record ParsedWeights(string? Json, MatchWeights Weights);
    ParsedWeights lastWeights = new(null, MatchWeights.Default);

    /// <summary>How long an index is trusted when the fingerprint has not changed (edits of older kernel rows); after
    /// that it is rebuilt in the background while it keeps serving.</summary>
    public static readonly TimeSpan IndexLifetime = TimeSpan.FromMinutes(1);

    Index? cache;
    readonly SemaphoreSlim building = new(1, 1);

    public async Task<MatchWeights> WeightsAsync(CancellationToken ct = default) => WeightsOf(await new Workspace(db).GetAsync(WeightsSetting, ct));

    MatchWeights WeightsOf(string? json)
    {
        var last = lastWeights;
        if (last.Json == json) return last.Weights;
        var w = json is null ? MatchWeights.Default : JsonSerializer.Deserialize<MatchWeights>(json) ?? MatchWeights.Default;
        lastWeights = new(json, w);
        return w;
    }

    public async Task SetWeightsAsync(MatchWeights w, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOperator) throw ProfileStore.Forbidden("change the matching weights");
        var json = JsonSerializer.Serialize(w.Checked());
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync("INSERT INTO kernel_settings (key, value) VALUES (@k, @json) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { k = WeightsSetting, json }, tx);
        await Audit.WriteAsync(c, tx, clock, actor.Username, "update", "exchange_weights", null, json);
        await tx.CommitAsync(ct);
    }

    DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Providers for a need: for its poster and operators only (the ranking shows who else may bid).</summary>
    public async Task<(Need Need, IReadOnlyList<Match> Matches, IReadOnlyDictionary<long, Enabler> Names)> ProvidersForNeedAsync(long needId, Actor actor, int take = 20, CancellationToken ct = default)
    {
        var view = await new NeedStore(db, clock).GetAsync(needId, actor, ct);
        if (view is null || !actor.ActsFor(view.Need.EnablerId)) throw new DomainException("not_found", $"Need {needId} does not exist.");
        var current = await CurrentAsync(ct);
        return (view.Need, Rank(current, view, take), current.Index.Enablers);
    }

    /// <summary>
    /// What the need page shows, from a need its reader has already been allowed to see (<see cref="NeedStore.GetAsync"/>):
    /// the ranked providers when the reader acts for the poster and the need is open, and the partners for its phase.
    /// One read of the index and weights; both lists are cached on the index, so a page view costs one small query.
    /// </summary>
    public async Task<(IReadOnlyList<Match> Matches, IReadOnlyDictionary<long, Enabler> Names, IReadOnlyList<PartnerSuggestion> Partners)> ForNeedPageAsync(
        NeedView view, Actor actor, int take, int partners, CancellationToken ct = default)
    {
        var rank = actor.ActsFor(view.Need.EnablerId) && view.Need.Status == NeedStatus.Open;
        if (!rank && view.Need.Phase is null) return ([], new Dictionary<long, Enabler>(), []);
        var current = await CurrentAsync(ct);
        return (rank ? Rank(current, view, take) : [], current.Index.Enablers, Partners(current.Index, view, partners));
    }

    IReadOnlyList<Match> Rank(Current current, NeedView view, int take)
    {
        var (index, weights) = current;
        take = Math.Clamp(take, 1, 1000);
        var today = Today;
        return index.Rankings.GetOrAdd((view.Need.Id, take, weights, today),
            _ => Matcher.RankProviders(NeedFactsOf(index, view.Need, view.Poster), index.Providers.Values, index.Network, weights, today, take));
    }

    /// <summary>Needs for a provider: its members and operators; only needs the provider may read (and their
    /// descriptions only where it may read them).</summary>
    public async Task<(IReadOnlyList<Match> Matches, IReadOnlyDictionary<long, Need> Needs, IReadOnlyDictionary<long, Enabler> Names)> NeedsForProviderAsync(long providerId, Actor actor, int take = 20, CancellationToken ct = default)
    {
        if (!actor.ActsFor(providerId)) throw ProfileStore.Forbidden("see this provider's matches");
        var (index, weights) = await CurrentAsync(ct);
        if (!index.Providers.TryGetValue(providerId, out var provider))
            throw new DomainException("provider_not_listed", $"Enabler {providerId} has no public provider profile.", "provider_id");
        var visible = index.Needs.Values.Where(x => x.Need.Confidentiality != Confidentiality.InvitedOnly || x.Invited.Contains(providerId))
            .Where(x => index.Enablers.ContainsKey(x.Need.EnablerId))
            .Select(x => NeedFactsOf(index, x.Need, index.Enablers[x.Need.EnablerId]));
        var matches = Matcher.RankNeeds(provider, visible, index.Network, weights, Today, Math.Clamp(take, 1, 1000));
        return (matches, index.Needs.ToDictionary(k => k.Key, k => k.Value.Need), index.Enablers);
    }

    /// <summary>
    /// Partners by the need's phase (seed 002): pre-clinical → universities and research institutes; clinical → CROs;
    /// market → leading enterprises (with sales networks). Ranked by proximity to the poster in the joint-action
    /// network, then by how many partners they have.
    /// </summary>
    public async Task<IReadOnlyList<PartnerSuggestion>> PartnersAsync(long needId, Actor actor, int take = 5, CancellationToken ct = default)
    {
        var view = await new NeedStore(db, clock).GetAsync(needId, actor, ct) ?? throw new DomainException("not_found", $"Need {needId} does not exist.");
        if (view.Need.Phase is null) return [];
        return Partners((await CurrentAsync(ct)).Index, view, take);
    }

    IReadOnlyList<PartnerSuggestion> Partners(Index index, NeedView view, int take) =>
        view.Need.Phase is null ? [] : index.Partners.GetOrAdd((view.Need.Id, take), _ => SuggestPartners(index, view.Need, take));

    static IReadOnlyList<PartnerSuggestion> SuggestPartners(Index index, Need need, int take)
    {
        Func<Enabler, bool> fits = need.Phase switch
        {
            Phase.PreClinical => e => e.Type == EnablerType.University,
            Phase.Clinical => e => e.Type == EnablerType.ServiceProvider && (e.Attributes.ServiceCategories?.Contains("cro") ?? false),
            _ => e => e.Type == EnablerType.Enterprise && e.Attributes.Leading == true,
        };
        var why = need.Phase switch
        {
            Phase.PreClinical => "pre-clinical phase: a research institute", Phase.Clinical => "clinical phase: a CRO", _ => "market phase: a leading enterprise with a sales network",
        };
        var maxDegree = Math.Max(1, index.Enablers.Values.Max(e => index.Network.Degree(e.Id)));
        return index.Enablers.Values.Where(fits).Where(e => e.Id != need.EnablerId)
            .Select(e =>
            {
                var (prox, proxWhy) = index.Network.Proximity(e.Id, need.EnablerId);
                var degree = index.Network.Degree(e.Id);
                return new PartnerSuggestion(e.Id, e.DisplayName(false), e.Type.Code, 0.7 * prox + 0.3 * degree / (double)maxDegree, $"{why}; {proxWhy}; {degree} partner(s)");
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.EnablerId).Take(take).ToList();
    }

    static NeedFacts NeedFactsOf(Index index, Need need, Enabler poster) =>
        new(need, poster.DisplayName(false), poster.Region.Province, poster.Region.Country, index.Model.Transform(NeedText(need)));

    public static string NeedText(Need n) => string.Join(' ', n.Title, n.Description, n.Service is null ? "" : Taxonomy.ServiceName(n.Service, false),
        Taxonomy.TermName(Taxonomy.TechnologyFields, n.TechnologyField, false));

    public static string ProfileText(ProviderProfile p) => string.Join(' ', new[] { p.Description }
        .Concat(p.Services.Select(s => Taxonomy.ServiceName(s, false))).Concat(p.TechnologyFields.Select(f => Taxonomy.TermName(Taxonomy.TechnologyFields, f, false))).Concat(p.Credentials));

    /// <summary>The data's fingerprint and the weights setting, in one round trip.</summary>
    async Task<(string Fingerprint, string? Weights)> FingerprintAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        // Cheap on large workspaces: the exchange's own tables through their updated_at indexes, the kernel's by highest
        // id (new enablers and joint actions). Edits and deletions of older kernel rows are picked up by the
        // index's time limit (IndexLifetime) instead of scanning the kernel tables on every request.
        var row = (IDictionary<string, object?>)await c.QuerySingleAsync("""
            SELECT (SELECT COUNT(*) FROM exchange_profiles) AS a, (SELECT MAX(updated_at) FROM exchange_profiles) AS b,
                (SELECT COUNT(*) FROM exchange_engagements) AS c, (SELECT MAX(updated_at) FROM exchange_engagements) AS d,
                (SELECT COUNT(*) FROM exchange_needs) AS e, (SELECT MAX(updated_at) FROM exchange_needs) AS f,
                (SELECT MAX(id) FROM kernel_joint_actions) AS g, (SELECT MAX(id) FROM kernel_enablers) AS h,
                (SELECT COUNT(*) FROM exchange_invitations) AS i, (SELECT COUNT(*) FROM exchange_ratings WHERE hidden = 0) AS j,
                (SELECT value FROM kernel_settings WHERE key = @w) AS w
            """, new { w = WeightsSetting });
        // Day boundaries change which profiles have expired.
        return (string.Join('|', row.Where(kv => kv.Key != "w").Select(kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture))) + "|" + Today.ToString("O"),
            row["w"] as string);
    }

    async Task<Current> CurrentAsync(CancellationToken ct)
    {
        var (fp, json) = await FingerprintAsync(ct);
        var weights = WeightsOf(json);
        if (cache is { } hit && hit.Fingerprint == fp)
        {
            // Nothing tracked has changed; only the lifetime (edits of older kernel rows) may have run out. Rebuilding
            // takes seconds on a large workspace, so the current index keeps serving while one rebuild runs in the
            // background — page views are not held up once a minute (the bench showed p99 > 1 s from that stall).
            if (clock.GetUtcNow() - hit.BuiltAt >= IndexLifetime) RefreshInBackground(fp);
            return new(hit, weights);
        }
        await building.WaitAsync(ct);
        try
        {
            if (cache is { } again && again.Fingerprint == fp) return new(again, weights);
            cache = await BuildAsync(fp, ct);
            return new(cache, weights);
        }
        finally { building.Release(); }
    }

    void RefreshInBackground(string fingerprint)
    {
        if (!building.Wait(0)) return; // a rebuild is already running
        _ = Task.Run(async () =>
        {
            try { cache = await BuildAsync(fingerprint, CancellationToken.None); }
            catch (Exception) { /* keep serving the current index; the next request past the lifetime tries again */ }
            finally { building.Release(); }
        });
    }

    async Task<Index> BuildAsync(string fingerprint, CancellationToken ct)
    {
        var profiles = await new ProfileStore(db, clock).ListedAsync(ct);
        var needs = (await new NeedStore(db, clock).OpenAsync(ct)).ToDictionary(x => x.Need.Id, x => x);
        var enablers = new Dictionary<long, Enabler>();
        await foreach (var e in new EnablerStore(db, clock).AllAsync(ct)) enablers[e.Id] = e;
        await using var c = await db.OpenAsync(ct);
        var participants = await c.QueryAsync<(long Action, long Enabler, string Role, string Type)>(
            "SELECT p.action_id, p.enabler_id, p.role, a.type FROM kernel_participants p JOIN kernel_joint_actions a ON a.id = p.action_id ORDER BY p.action_id");
        var neighbours = new Dictionary<long, HashSet<long>>();
        var clientsOf = new Dictionary<long, List<long>>();
        foreach (var action in participants.GroupBy(p => p.Action))
        {
            var list = action.ToList();
            if (list[0].Type == "service_engagement")
                foreach (var prov in list.Where(p => p.Role == "provider"))
                {
                    if (!clientsOf.TryGetValue(prov.Enabler, out var cl)) clientsOf[prov.Enabler] = cl = [];
                    cl.AddRange(list.Where(p => p.Role != "provider").Select(p => p.Enabler));
                }
            if (list[0].Type == "event") continue;
            foreach (var a in list)
                foreach (var b in list)
                    if (a.Enabler != b.Enabler)
                    {
                        if (!neighbours.TryGetValue(a.Enabler, out var set)) neighbours[a.Enabler] = set = [];
                        set.Add(b.Enabler);
                    }
        }
        var ratings = (await c.QueryAsync<(long Provider, long Count, double Sum)>(
            "SELECT provider_id, COUNT(*), CAST(SUM(score) AS DOUBLE PRECISION) FROM exchange_ratings WHERE hidden = 0 GROUP BY provider_id".Replace("DOUBLE PRECISION", db.Dialect == SqlDialect.Sqlite ? "REAL" : "DOUBLE PRECISION")))
            .ToDictionary(r => r.Provider);
        var active = (await c.QueryAsync<(long Provider, long Count)>(
            "SELECT provider_id, COUNT(*) FROM exchange_engagements WHERE state IN ('accepted', 'in_progress') GROUP BY provider_id")).ToDictionary(r => r.Provider, r => r.Count);
        var model = TfIdf.Fit(profiles.Select(ProfileText).Concat(needs.Values.Select(n => NeedText(n.Need))));
        var facts = new Dictionary<long, ProviderFacts>();
        foreach (var p in profiles)
        {
            if (!enablers.TryGetValue(p.EnablerId, out var e)) continue;
            var clients = clientsOf.GetValueOrDefault(p.EnablerId) ?? [];
            var byClient = clients.GroupBy(x => x).ToList();
            var r = ratings.GetValueOrDefault(p.EnablerId);
            facts[p.EnablerId] = new ProviderFacts(p, e.DisplayName(false), e.Region.Province, e.Region.Country, byClient.Sum(g => g.Count()), (int)r.Count, r.Sum,
                byClient.Count, byClient.Count(g => g.Count() >= 2), (int)active.GetValueOrDefault(p.EnablerId), model.Transform(ProfileText(p)));
        }
        return new Index(fingerprint, model, facts, new Network(neighbours), needs, enablers, clock.GetUtcNow());
    }
}
