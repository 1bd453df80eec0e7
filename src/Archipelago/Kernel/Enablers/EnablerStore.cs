using System.Data.Common;
using System.Text;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Regions;
using Dapper;

namespace Archipelago.Kernel.Enablers;

/// <summary>Filters for the enabler list; all optional. <see cref="Text"/> matches names (Chinese or English), aliases and key.</summary>
public sealed record EnablerQuery(string? Text = null, string? Type = null, string? Country = null, string? Province = null,
    string? City = null, string? Segment = null, int Skip = 0, int Take = 50);

/// <summary>Reads and writes enablers. Every write runs in a transaction with its audit line.</summary>
public sealed class EnablerStore(Database db, TimeProvider clock)
{
    readonly SqlDialect dialect = db.Dialect;

    internal sealed class Row
    {
        public long id; public string key = ""; public string type = ""; public string? name_en; public string? name_zh;
        public string aliases = ""; public string? city; public string? province; public string? country; public string? segment;
        public string attributes = "{}"; public string source = "";
    }

    internal const string Columns = "id, key, type, name_en, name_zh, aliases, city, province, country, segment, attributes, source";
    internal const string AliasSeparator = "\u001f";

    internal static Enabler ToEnabler(Row r) => new(r.key, EnablerType.Parse(r.type), r.name_en, r.name_zh,
        r.aliases.Split(AliasSeparator, StringSplitOptions.RemoveEmptyEntries), new Region(r.city, r.province, r.country), r.segment,
        EnablerAttributes.FromJson(r.attributes), r.source) { Id = r.id };

    internal static object?[] Values(Enabler e, string now) =>
    [
        e.Key, e.Type.Code, e.NameEn, e.NameZh, string.Join(AliasSeparator, e.Aliases), e.Region.City, e.Region.Province,
        e.Region.Country, e.Segment, e.Attributes.ToJson(), e.Source, e.SearchText, SortName(e), now, now,
    ];

    /// <summary>What the list sorts by: the English name (or the Chinese one), lower-cased, so the database can use an index.</summary>
    internal static string SortName(Enabler e) => (e.NameEn ?? e.NameZh)!.ToLowerInvariant();

    internal static readonly string[] InsertColumns =
        ["key", "type", "name_en", "name_zh", "aliases", "city", "province", "country", "segment", "attributes", "source", "search_text", "sort_name", "created_at", "updated_at"];

    /// <summary>The SET clause that rewrites a row from <see cref="Values"/> parameters (<c>@p0…</c>), keeping its creation time.</summary>
    internal static readonly string UpdateSet =
        string.Join(", ", InsertColumns.Select((col, i) => (col, i)).Where(x => x.col != "created_at").Select(x => $"{x.col} = @p{x.i}"));

    public async Task<Enabler?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM kernel_enablers WHERE id = @id", new { id });
        return r is null ? null : ToEnabler(r);
    }

    public async Task<Enabler?> GetByKeyAsync(string key, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM kernel_enablers WHERE key = @key", new { key });
        return r is null ? null : ToEnabler(r);
    }

    public async Task<IReadOnlyList<Enabler>> GetManyAsync(IEnumerable<long> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToArray();
        if (list.Length == 0) return [];
        await using var c = await db.OpenAsync(ct);
        var rows = new List<Row>();
        foreach (var chunk in list.Chunk(500))
            rows.AddRange(await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_enablers WHERE id IN ({string.Join(",", chunk)})"));
        return rows.Select(ToEnabler).ToList();
    }

    public async Task<Page<Enabler>> SearchAsync(EnablerQuery q, CancellationToken ct = default)
    {
        var (where, args) = Filter(q);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM kernel_enablers{where}", args);
        args.Add("Skip", Math.Max(0, q.Skip));
        args.Add("Take", Math.Clamp(q.Take, 1, 1000));
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_enablers{where} ORDER BY sort_name, id LIMIT @Take OFFSET @Skip", args);
        return new Page<Enabler>(rows.Select(ToEnabler).ToList(), total, q.Skip, q.Take);
    }

    /// <summary>
    /// Counts per type for the current filters without the type filter: the list page's facets. The unfiltered counts
    /// (a scan of the whole table, the list page's main cost) are kept for up to 30 s; any write to enablers made in
    /// this process clears them at once, so only writes by another process (a CLI import beside the server) show late.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByTypeAsync(EnablerQuery q, CancellationToken ct = default)
    {
        var unfiltered = q with { Type = null, Skip = 0, Take = 0 } == new EnablerQuery(Skip: 0, Take: 0);
        var cached = facetCache;
        if (unfiltered && cached is not null && cached.Version == Volatile.Read(ref changes) && clock.GetUtcNow() - cached.At < TimeSpan.FromSeconds(30))
            return cached.Counts;
        var version = Volatile.Read(ref changes);
        var counts = await CountByTypeUncachedAsync(q, ct);
        if (unfiltered) facetCache = new FacetCounts(version, clock.GetUtcNow(), counts);
        return counts;
    }

    sealed record FacetCounts(long Version, DateTimeOffset At, IReadOnlyDictionary<string, long> Counts);
    FacetCounts? facetCache;
    static long changes;

    /// <summary>Tells the store that enablers changed (every write path calls it, the importer too).</summary>
    public static void Changed() => Interlocked.Increment(ref changes);

    async Task<IReadOnlyDictionary<string, long>> CountByTypeUncachedAsync(EnablerQuery q, CancellationToken ct)
    {
        var (where, args) = Filter(q with { Type = null });
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(string Type, long N)>($"SELECT type, COUNT(*) FROM kernel_enablers{where} GROUP BY type", args))
            .ToDictionary(r => r.Type, r => r.N);
    }

    /// <summary>Every enabler in key order, streamed (for export).</summary>
    public async IAsyncEnumerable<Enabler> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync($"SELECT {Columns} FROM kernel_enablers ORDER BY key");
        var parser = reader.GetRowParser<Row>();
        while (await reader.ReadAsync(ct)) yield return ToEnabler(parser(reader));
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_enablers");
    }

    public async Task<Enabler> AddAsync(Enabler e, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_enablers WHERE key = @Key", new { e.Key }, tx) > 0)
            throw new DomainException("duplicate_key", $"An enabler with key '{e.Key}' already exists.", "key");
        var now = clock.GetUtcNow().ToString("O");
        var id = await c.ExecuteScalarAsync<long>(
            $"INSERT INTO kernel_enablers ({string.Join(", ", InsertColumns)}) VALUES ({string.Join(", ", InsertColumns.Select((_, i) => "@p" + i))}) RETURNING id",
            Params(Values(e, now)), tx);
        await Audit.WriteAsync(c, tx, clock, username, "create", "enabler", e.Key);
        await tx.CommitAsync(ct);
        Changed();
        return e with { Id = id };
    }

    public async Task<Enabler> UpdateAsync(Enabler e, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_enablers WHERE key = @Key AND id <> @Id", new { e.Key, e.Id }, tx) > 0)
            throw new DomainException("duplicate_key", $"Another enabler already has key '{e.Key}'.", "key");
        var v = Values(e, clock.GetUtcNow().ToString("O"));
        var p = Params(v);
        p.Add("Id", e.Id);
        if (await c.ExecuteAsync($"UPDATE kernel_enablers SET {UpdateSet} WHERE id = @Id", p, tx) == 0)
            throw new DomainException("not_found", $"Enabler {e.Id} does not exist.");
        await Audit.WriteAsync(c, tx, clock, username, "update", "enabler", e.Key);
        await tx.CommitAsync(ct);
        Changed();
        return e;
    }

    /// <summary>Deletes an enabler; joint actions left with fewer than two participants are deleted with it.</summary>
    public async Task<bool> DeleteAsync(long id, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var key = await c.QuerySingleOrDefaultAsync<string>("SELECT key FROM kernel_enablers WHERE id = @id", new { id }, tx);
        if (key is null) return false;
        var orphaned = await c.ExecuteAsync(
            "DELETE FROM kernel_joint_actions WHERE id IN (SELECT p.action_id FROM kernel_participants p WHERE p.enabler_id = @id) " +
            "AND (SELECT COUNT(*) FROM kernel_participants q WHERE q.action_id = kernel_joint_actions.id) <= 2", new { id }, tx);
        await c.ExecuteAsync("DELETE FROM kernel_enablers WHERE id = @id", new { id }, tx);
        await Audit.WriteAsync(c, tx, clock, username, "delete", "enabler", key, orphaned > 0 ? $"{orphaned} joint actions removed with it" : null);
        await tx.CommitAsync(ct);
        Changed();
        return true;
    }

    /// <summary>
    /// Folds duplicates into a survivor: their joint actions move to the survivor (where both took part, the
    /// survivor's role is kept), their names become the survivor's aliases, accounts bound to them are rebound, and
    /// the duplicates are deleted — all in one transaction.
    /// </summary>
    public async Task<Enabler> MergeAsync(long survivorId, IReadOnlyCollection<long> duplicateIds, string username, CancellationToken ct = default)
    {
        var dups = duplicateIds.Where(d => d != survivorId).Distinct().ToArray();
        if (dups.Length == 0) throw new DomainException("nothing_to_merge", "Choose at least one duplicate other than the enabler kept.");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var survivorRow = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM kernel_enablers WHERE id = @survivorId", new { survivorId }, tx)
            ?? throw new DomainException("not_found", $"Enabler {survivorId} does not exist.");
        var survivor = ToEnabler(survivorRow);
        var dupRows = (await c.QueryAsync<Row>($"SELECT {Columns} FROM kernel_enablers WHERE id IN ({string.Join(",", dups)})", transaction: tx)).ToList();
        var missing = dups.Except(dupRows.Select(r => r.id)).ToArray();
        if (missing.Length > 0) throw new DomainException("not_found", $"Enabler(s) {string.Join(", ", missing)} do not exist.");

        var aliases = survivor.Aliases.Concat(dupRows.Select(ToEnabler).SelectMany(d => new[] { d.NameEn, d.NameZh }.Concat(d.Aliases)).OfType<string>())
            .Where(a => a != survivor.NameEn && a != survivor.NameZh);
        var merged = new Enabler(survivor.Key, survivor.Type, survivor.NameEn, survivor.NameZh, aliases, survivor.Region, survivor.Segment, survivor.Attributes, survivor.Source) { Id = survivor.Id };
        var dupList = string.Join(",", dups);
        // Drop a duplicate's participation where the survivor already takes part, then move the rest.
        await c.ExecuteAsync($"DELETE FROM kernel_participants WHERE enabler_id IN ({dupList}) AND action_id IN (SELECT action_id FROM kernel_participants WHERE enabler_id = @survivorId)", new { survivorId }, tx);
        // Two duplicates in the same action: keep one row per action.
        await c.ExecuteAsync($"DELETE FROM kernel_participants WHERE enabler_id IN ({dupList}) AND EXISTS (SELECT 1 FROM kernel_participants o WHERE o.action_id = kernel_participants.action_id AND o.enabler_id IN ({dupList}) AND o.enabler_id < kernel_participants.enabler_id)", transaction: tx);
        await c.ExecuteAsync($"UPDATE kernel_participants SET enabler_id = @survivorId WHERE enabler_id IN ({dupList})", new { survivorId }, tx);
        // An action that now has one participant only was a joint action between duplicates: it no longer is one.
        await c.ExecuteAsync("DELETE FROM kernel_joint_actions WHERE (SELECT COUNT(*) FROM kernel_participants p WHERE p.action_id = kernel_joint_actions.id) < 2", transaction: tx);
        await c.ExecuteAsync($"UPDATE kernel_users SET enabler_id = @survivorId WHERE enabler_id IN ({dupList})", new { survivorId }, tx);
        await c.ExecuteAsync($"DELETE FROM kernel_enablers WHERE id IN ({dupList})", transaction: tx);
        await c.ExecuteAsync("UPDATE kernel_enablers SET aliases = @aliases, search_text = @search, updated_at = @now WHERE id = @survivorId",
            new { aliases = string.Join(AliasSeparator, merged.Aliases), search = merged.SearchText, now = clock.GetUtcNow().ToString("O"), survivorId }, tx);
        await Audit.WriteAsync(c, tx, clock, username, "merge", "enabler", survivor.Key, "merged " + string.Join(", ", dupRows.Select(r => r.key)));
        await tx.CommitAsync(ct);
        Changed();
        return merged;
    }

    (string Where, DynamicParameters Args) Filter(EnablerQuery q)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            clauses.Add(dialect.MatchesEnablerSearch("@Pattern", q.Text.Trim()));
            args.Add("Pattern", "%" + EscapeLike(q.Text.Trim().ToLowerInvariant()) + "%");
        }
        if (!string.IsNullOrWhiteSpace(q.Type)) { clauses.Add("type = @Type"); args.Add("Type", q.Type.Trim()); }
        if (!string.IsNullOrWhiteSpace(q.Country)) { clauses.Add("country = @Country"); args.Add("Country", q.Country.Trim().ToUpperInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.Province)) { clauses.Add("LOWER(province) = @Province"); args.Add("Province", q.Province.Trim().ToLowerInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.City)) { clauses.Add("LOWER(city) = @City"); args.Add("City", q.City.Trim().ToLowerInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.Segment)) { clauses.Add("segment = @Segment"); args.Add("Segment", q.Segment.Trim().ToLowerInvariant()); }
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), args);
    }

    internal static string EscapeLike(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (ch is '%' or '_' or '\\') b.Append('\\');
            b.Append(ch);
        }
        return b.ToString();
    }

    internal static DynamicParameters Params(object?[] values)
    {
        var p = new DynamicParameters();
        for (var i = 0; i < values.Length; i++) p.Add("p" + i, values[i]);
        return p;
    }
}
