using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

public sealed record Count(string Key, long Records);
public sealed record YearCount(int Year, long Records);
public sealed record LifeCycleYear(int Year, long Families, long Applicants);

/// <summary>The years a landscape's growth compares: <see cref="RecentFrom"/>–<see cref="RecentTo"/> against
/// <see cref="BeforeFrom"/>–<see cref="BeforeTo"/> (<see cref="LifeCycle.Window"/>).</summary>
public sealed record GrowthWindow(
    [property: JsonPropertyName("before_from")] int BeforeFrom, [property: JsonPropertyName("before_to")] int BeforeTo,
    [property: JsonPropertyName("recent_from")] int RecentFrom, [property: JsonPropertyName("recent_to")] int RecentTo);

/// <summary>An applicant of the co-applicant network: its records, and those of them it shares with another applicant.</summary>
public sealed record CoApplicant([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("co_applied")] long CoApplied);

/// <summary>Two applicants of the network (<see cref="A"/> before <see cref="B"/> in ordinal order) and the number of
/// records naming both.</summary>
public sealed record CoApplication([property: JsonPropertyName("a")] string A, [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("records")] long Records)
{
    /// <summary>The pair of <paramref name="x"/> and <paramref name="y"/>, in either order.</summary>
    public static CoApplication Between(string x, string y, long records) =>
        string.CompareOrdinal(x, y) < 0 ? new(x, y, records) : new(y, x, records);

    /// <summary>Most records first, then by names.</summary>
    public static List<CoApplication> Ranked(IEnumerable<CoApplication> pairs) =>
        pairs.OrderByDescending(e => e.Records).ThenBy(e => e.A, StringComparer.Ordinal).ThenBy(e => e.B, StringComparer.Ordinal).ToList();
}

/// <summary>Who files with whom among the selected records: the <see cref="PatentLandscape.TopCoApplicants"/> applicants
/// with the most records shared with another applicant (ties by name) and the pairs among them (most records first,
/// then by names); <see cref="Records"/> counts the selected records with two or more applicants.</summary>
public sealed record CoApplicantNetwork([property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("nodes")] IReadOnlyList<CoApplicant> Nodes, [property: JsonPropertyName("edges")] IReadOnlyList<CoApplication> Edges)
{
    /// <summary>The network from the counts of a tally: records per applicant, co-applied records per applicant (only
    /// those with any), and a count for each pair of the chosen applicants (by their positions in the list chosen).</summary>
    internal static CoApplicantNetwork Of(long records, IReadOnlyList<(string Name, long Records, long CoApplied)> chosen, Func<int, int, long> shared)
    {
        var edges = new List<CoApplication>();
        for (var i = 0; i < chosen.Count; i++)
            for (var j = i + 1; j < chosen.Count; j++)
                if (shared(i, j) is var n and > 0) edges.Add(CoApplication.Between(chosen[i].Name, chosen[j].Name, n));
        return new CoApplicantNetwork(records, chosen.Select(c => new CoApplicant(c.Name, c.Records, c.CoApplied)).ToList(), CoApplication.Ranked(edges));
    }
}

/// <summary>The technology life-cycle reading (EPO-style maturity map: families against active applicants per year)
/// with the numbers it rests on.</summary>
public sealed record LifeCyclePhase(string Phase, IReadOnlyList<string> Evidence);

/// <summary>The landscape of the records a filter selects. Counts are of records (publications) unless named otherwise;
/// <see cref="ByYear"/> is always by publication year, <see cref="ByBasisYear"/> by the filter's date basis;
/// <see cref="LegalStatuses"/> counts the records whose source states a legal status (the others are not in it).</summary>
public sealed record LandscapeReport(
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("families")] long Families,
    [property: JsonPropertyName("applicants")] long Applicants,
    [property: JsonPropertyName("date_basis")] string DateBasis,
    [property: JsonPropertyName("by_year")] IReadOnlyDictionary<string, long> ByYear,
    [property: JsonPropertyName("by_basis_year")] IReadOnlyDictionary<string, long> ByBasisYear,
    [property: JsonPropertyName("top_applicants")] IReadOnlyDictionary<string, long> TopApplicants,
    [property: JsonPropertyName("top_subclasses")] IReadOnlyDictionary<string, long> TopSubclasses,
    [property: JsonPropertyName("subclass_titles")] IReadOnlyDictionary<string, string> SubclassTitles,
    [property: JsonPropertyName("technology_fields")] IReadOnlyDictionary<string, long> TechnologyFields,
    [property: JsonPropertyName("segments")] IReadOnlyDictionary<string, long> Segments,
    [property: JsonPropertyName("jurisdictions")] IReadOnlyDictionary<string, long> Jurisdictions,
    [property: JsonPropertyName("legal_statuses")] IReadOnlyDictionary<string, long> LegalStatuses,
    [property: JsonPropertyName("new_entrants")] IReadOnlyDictionary<string, long> NewEntrants,
    [property: JsonPropertyName("life_cycle")] IReadOnlyList<LifeCycleYear> LifeCycle,
    [property: JsonPropertyName("life_cycle_phase")] LifeCyclePhase Phase,
    [property: JsonPropertyName("applicant_trends")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ApplicantTrends,
    [property: JsonPropertyName("subclass_trends")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> SubclassTrends,
    [property: JsonPropertyName("growth_window")] GrowthWindow? GrowthWindow,
    [property: JsonPropertyName("applicant_growth")] IReadOnlyDictionary<string, double?> ApplicantGrowth,
    [property: JsonPropertyName("subclass_growth")] IReadOnlyDictionary<string, double?> SubclassGrowth,
    [property: JsonPropertyName("co_applicants")] CoApplicantNetwork CoApplicants)
{
    /// <summary>The report with its growth read off its trends over the life cycle's years (<see cref="Landscape.LifeCycle.Window"/>).</summary>
    internal static LandscapeReport WithGrowth(long records, long families, long applicants, DateBasis basis, IReadOnlyDictionary<string, long> byYear,
        IReadOnlyDictionary<string, long> byBasisYear, IReadOnlyDictionary<string, long> topApplicants, IReadOnlyDictionary<string, long> topSubclasses,
        IReadOnlyDictionary<string, string> subclassTitles, IReadOnlyDictionary<string, long> fields, IReadOnlyDictionary<string, long> segments,
        IReadOnlyDictionary<string, long> jurisdictions, IReadOnlyDictionary<string, long> legalStatuses, IReadOnlyDictionary<string, long> newEntrants,
        IReadOnlyList<LifeCycleYear> lifeCycle, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> applicantTrends,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> subclassTrends, CoApplicantNetwork coApplicants)
    {
        var window = Landscape.LifeCycle.Window(lifeCycle);
        return new LandscapeReport(records, families, applicants, basis.ToString().ToLowerInvariant(), byYear, byBasisYear, topApplicants, topSubclasses,
            subclassTitles, fields, segments, jurisdictions, legalStatuses, newEntrants, lifeCycle, Landscape.LifeCycle.Assess(lifeCycle, basis),
            applicantTrends, subclassTrends, window, Landscape.LifeCycle.Growth(applicantTrends, window), Landscape.LifeCycle.Growth(subclassTrends, window), coApplicants);
    }
}

/// <summary>
/// Landscape counts (GUIDE §3): records, families, filings per year, top applicants (normalised names, top 20), IPC
/// subclass hotspots (top 20, records having at least one symbol in the subclass), WIPO technology fields, jurisdiction
/// mix, new entrants per year (applicants whose first record falls in that year) and the life cycle. Ties rank by name.
/// </summary>
public sealed class PatentLandscape(Database db)
{
    public const int Top = 20;
    /// <summary>How many applicants the co-applicant network shows.</summary>
    public const int TopCoApplicants = 30;

    public async Task<LandscapeReport> RunAsync(PatentFilter filter, CancellationToken ct = default) => (await RunAsync(filter, null, ct))!;

    /// <summary>The landscape; with a <paramref name="patience"/>, null when the column store for the current data takes
    /// longer than that to build (the build goes on, and a later call answers at once) — the page shows "computing".</summary>
    public async Task<LandscapeReport?> RunAsync(PatentFilter filter, TimeSpan? patience, CancellationToken ct = default)
    {
        filter.Sql(db.Dialect); // checks the range and the classification, with the same messages as the SQL path
        if (filter with { Basis = DateBasis.Publication } != new PatentFilter())
        {
            if (filter.Words().Count > 0) await Search.SearchIndex.EnsureAsync(db, ct);
            await using var fc = await db.OpenAsync(ct);
            var version = await VersionAsync(fc, null);
            if (!await ReadyAsync(version, patience, ct)) return null;
            var (store, selected) = (await SelectAsync(fc, filter, build: true, ct))!.Value;
            return store.Count(selected, filter.Basis);
        }
        var basis = filter.Basis.ToString().ToLowerInvariant();
        long at;
        await using (var c = await db.OpenAsync(ct))
        {
            var json = await c.QuerySingleOrDefaultAsync<string>("SELECT report FROM patents_landscape_summary WHERE date_basis = @basis", new { basis });
            if (json is not null) return JsonSerializer.Deserialize<LandscapeReport>(json)!;
            at = await VersionAsync(c, null);
        }
        if (!await ReadyAsync(at, patience, ct)) return null;
        var columns = await LandscapeColumns.ForAsync(db, at, ct);
        var report = columns.Count(null, filter.Basis);
        // Stored only when no write came in between (writers bump the version and delete the rows in their own
        // transaction), under the write lock so none can commit between the check and the insert.
        await using (var c = await db.OpenAsync(ct))
        {
            await using var tx = await Database.BeginWriteAsync(c, ct);
            if (await VersionAsync(c, tx) != columns.Version) return report;
            var json = await c.QuerySingleOrDefaultAsync<string>("SELECT report FROM patents_landscape_summary WHERE date_basis = @basis", new { basis }, tx);
            if (json is not null) return JsonSerializer.Deserialize<LandscapeReport>(json)!;
            await c.ExecuteAsync("INSERT INTO patents_landscape_summary (date_basis, report, computed_at) VALUES (@basis, @report, @now)",
                new { basis, report = JsonSerializer.Serialize(report), now = DateTimeOffset.UtcNow.ToString("O") }, tx);
            await tx.CommitAsync(ct);
            return report;
        }
    }

    /// <summary>The whole co-applicant network of the records the filter selects (<see cref="LandscapeColumns.CoApplications"/>):
    /// every pair of applicants named together and on how many records.</summary>
    public async Task<IReadOnlyList<CoApplication>> CoApplicationsAsync(PatentFilter filter, CancellationToken ct = default)
    {
        filter.Sql(db.Dialect); // checks the range and the classification, as the landscape does
        if (filter.Words().Count > 0) await Search.SearchIndex.EnsureAsync(db, ct);
        await using var fc = await db.OpenAsync(ct);
        var (store, selected) = (await SelectAsync(fc, filter, build: true, ct))!.Value;
        return store.CoApplications(selected);
    }

    /// <summary>The column store at the current data version and the rows the filter selects in it (null: all); null
    /// when <paramref name="build"/> is false and the store is neither held by this process nor stored as a snapshot
    /// (a search then counts by SQL rather than wait for a build). <paramref name="parts"/>: as <see cref="LandscapeColumns.Select"/>.</summary>
    internal async Task<(LandscapeColumns Store, bool[]? Selected)?> SelectAsync(DbConnection fc, PatentFilter filter, bool build, CancellationToken ct,
        int? parts = null)
    {
        var version = await VersionAsync(fc, null);
        if (!build && LandscapeColumns.Current(db, version) is null
            && !await fc.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_landscape_store WHERE version = @version)", new { version }))
            return null;
        var store = await LandscapeColumns.ForAsync(db, version, ct);
        bool[]? text = null;
        foreach (var word in filter.Words())
        {
            var rows = store.TextRows(word) ?? store.RememberText(word, await TextIdsAsync(fc, word));
            if (text is null) text = (bool[])rows.Clone();
            else for (var i = 0; i < text.Length; i++) text[i] &= rows[i];
        }
        IReadOnlyCollection<string>? cluster = filter.ClusterMembers
            ? (await fc.QueryAsync<string>("SELECT name FROM patents_applicants WHERE enabler_id IS NOT NULL")).ToList()
            : null;
        return (store, store.Select(filter, text, cluster, parts));
    }

    async Task<bool> ReadyAsync(long version, TimeSpan? patience, CancellationToken ct)
    {
        if (patience is not { } p || LandscapeColumns.Current(db, version) is not null) return true;
        try { await LandscapeColumns.ForAsync(db, version, CancellationToken.None).WaitAsync(p, ct); return true; }
        catch (TimeoutException) { return false; }
    }

    /// <summary>The landscape counted by SQL from the stored links (three reads, counted by <see cref="LandscapeTally"/>):
    /// the reference the column store is checked against.</summary>
    public async Task<LandscapeReport> ComputeSqlAsync(PatentFilter filter, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(filter.Text)) await Search.SearchIndex.EnsureAsync(db, ct);
        await using var c = await db.OpenAsync(ct);
        return await ComputeAsync(c, null, filter);
    }

    /// <summary>Ids of the records holding one word of the text filter (the rule of <see cref="PatentFilter.Sql"/>): on
    /// SQLite the word index's row ids read straight from it, else the records matched by LIKE (trigram-indexed on
    /// PostgreSQL).</summary>
    async Task<List<long>> TextIdsAsync(DbConnection c, string word)
    {
        var ids = new List<long>();
        DbDataReader reader;
        if (db.Dialect.Name == SqlDialect.Sqlite.Name && Search.SearchIndex.Query(word) is { } match)
            reader = await c.ExecuteReaderAsync("SELECT rowid FROM patents_search WHERE patents_search MATCH @match", new { match });
        else
        {
            var (where, p) = new PatentFilter(Text: $"\"{word}\"").Sql(db.Dialect);
            reader = await c.ExecuteReaderAsync($"SELECT r.id FROM patents_records r WHERE {where}", p);
        }
        await using (reader)
            while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The workspace's patent data version (migration 0012): one more after every write that changes landscapes.</summary>
    public static Task<long> VersionAsync(DbConnection c, DbTransaction? tx) =>
        c.ExecuteScalarAsync<long>("SELECT version FROM patents_data_version WHERE id = 1", transaction: tx);

    /// <summary>Forgets the stored unfiltered landscapes and moves the data version on (so every process's column store
    /// is rebuilt); called inside every write that changes what they count.</summary>
    public static async Task InvalidateAsync(DbConnection c, DbTransaction? tx)
    {
        await c.ExecuteAsync("DELETE FROM patents_landscape_summary", transaction: tx);
        await c.ExecuteAsync("DELETE FROM patents_landscape_store", transaction: tx);
        await c.ExecuteAsync("UPDATE patents_data_version SET version = version + 1 WHERE id = 1", transaction: tx);
    }

    /// <summary>A tally for the basis, with the concordances and subclass titles it needs.</summary>
    public static async Task<LandscapeTally> TallyAsync(DbConnection c, DbTransaction? tx, DateBasis basis)
    {
        async Task<IReadOnlyDictionary<string, string>> Load(string sql) =>
            (await c.QueryAsync<(string Key, string Value)>(sql, transaction: tx)).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        return new LandscapeTally(basis, await Load("SELECT pattern, field FROM patents_technology_fields"),
            await Load("SELECT pattern, segment FROM patents_segments"), await Load("SELECT subclass, title FROM patents_ipc_subclasses"));
    }

    /// <summary>Stores the unfiltered landscape an import counted (inside the import's transaction, after
    /// <see cref="InvalidateAsync"/>).</summary>
    public static Task StoreAsync(DbConnection c, DbTransaction tx, LandscapeReport report) =>
        c.ExecuteAsync("INSERT INTO patents_landscape_summary (date_basis, report, computed_at) VALUES (@basis, @report, @now)",
            new { basis = report.DateBasis, report = JsonSerializer.Serialize(report), now = DateTimeOffset.UtcNow.ToString("O") }, tx);

    // Three reads — the selected records, their applicants, their IPC symbols (grouped by record) — counted in memory,
    // instead of a dozen grouped queries each walking the selection again.
    async Task<LandscapeReport> ComputeAsync(DbConnection c, DbTransaction? tx, PatentFilter filter)
    {
        var (where, p) = filter.Sql(db.Dialect);
        var year = filter.YearColumn;
        var tally = await TallyAsync(c, tx, filter.Basis);
        var member = where == "1 = 1" ? "1 = 1" : $"record_id IN (SELECT r.id FROM patents_records r WHERE {where})";
        var years = new Dictionary<long, int?>();
        static int? Year(DbDataReader r, int i) => r.IsDBNull(i) ? null : (int)r.GetInt64(i);
        await using (var r = await c.ExecuteReaderAsync($"SELECT r.id, r.family_id, r.jurisdiction, r.publication_year, r.{year}, r.legal_status FROM patents_records r WHERE {where}", p, tx))
            while (await r.ReadAsync())
            {
                var basisYear = Year(r, 4);
                years[r.GetInt64(0)] = basisYear;
                tally.AddRecord(r.GetString(1), r.GetString(2), Year(r, 3), basisYear, r.IsDBNull(5) ? null : r.GetString(5));
            }
        var names = new Dictionary<long, List<string>>();
        await using (var r = await c.ExecuteReaderAsync($"SELECT record_id, applicant FROM patents_record_applicants WHERE {member}", p, tx))
            while (await r.ReadAsync())
            {
                var record = r.GetInt64(0);
                if (!names.TryGetValue(record, out var list)) names[record] = list = [];
                list.Add(r.GetString(1));
            }
        foreach (var (record, list) in names) tally.AddApplicants(list, years[record]);
        long? current = null;
        await using (var r = await c.ExecuteReaderAsync($"SELECT record_id, subclass, main_group FROM patents_record_classes WHERE scheme = 'ipc' AND {member} ORDER BY record_id", p, tx))
            while (await r.ReadAsync())
            {
                var record = r.GetInt64(0);
                if (record != current) { tally.BeginSymbols(years[record]); current = record; }
                tally.AddIpc(r.GetString(1), r.GetString(2));
            }
        return tally.Report();
    }
}
