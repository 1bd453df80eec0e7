using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Saved;

/// <summary>A named search: the landscape filter (text, classification, applicant, jurisdiction, years, date basis,
/// cluster membership, legal status).</summary>
public sealed record SavedSearch(string Name, PatentFilter Filter, string SavedBy, string SavedAt);

/// <summary>
/// Saved searches of the workspace, shared by everyone who may analyse: save (or replace) one under a name, list, get,
/// delete. A saved search is run as a search, exported, or opened as a landscape dashboard.
/// </summary>
public sealed class SavedSearches(Database db, TimeProvider clock)
{
    sealed class Row
    {
        public string name = ""; public string? text; public string? classification; public string? applicant; public string? jurisdiction;
        public long? from_year; public long? to_year; public string basis = "publication"; public string saved_by = ""; public string saved_at = "";
        public long cluster_members; public string? legal_status;
        public SavedSearch ToSaved() => new(name, new PatentFilter(text, classification, applicant, jurisdiction, (int?)from_year, (int?)to_year,
            PatentFilter.ParseBasis(basis), cluster_members != 0, legal_status), saved_by, saved_at);
    }

    const string Columns = "name, text, classification, applicant, jurisdiction, from_year, to_year, basis, saved_by, saved_at, cluster_members, legal_status";

    public static string CheckName(string? name)
    {
        var n = name?.Trim() ?? "";
        if (n.Length is 0 or > 60 || n.Any(char.IsControl))
            throw new DomainException("bad_name", $"A saved search needs a name of 1–60 characters ('{n}').", "name");
        return n;
    }

    public async Task<SavedSearch> SaveAsync(string name, PatentFilter filter, string username, CancellationToken ct = default)
    {
        name = CheckName(name);
        if (new[] { filter.Text, filter.Classification, filter.Applicant, filter.Jurisdiction, filter.LegalStatus }.All(string.IsNullOrWhiteSpace) && filter.FromYear is null && filter.ToYear is null
            && !filter.ClusterMembers)
            throw new DomainException("empty_search", "The search has no words and no filter; there is nothing to save.", "q");
        filter.Sql(db.Dialect); // refuses a bad classification or an empty year range before it is stored
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var now = clock.GetUtcNow().ToString("O");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync("""
            INSERT INTO patents_saved_searches (name, text, classification, applicant, jurisdiction, from_year, to_year, basis, saved_by, saved_at, cluster_members, legal_status)
            VALUES (@name, @text, @classification, @applicant, @jurisdiction, @from, @to, @basis, @username, @now, @cluster, @legalStatus)
            ON CONFLICT (name) DO UPDATE SET text = excluded.text, classification = excluded.classification, applicant = excluded.applicant,
                jurisdiction = excluded.jurisdiction, from_year = excluded.from_year, to_year = excluded.to_year, basis = excluded.basis,
                saved_by = excluded.saved_by, saved_at = excluded.saved_at, cluster_members = excluded.cluster_members, legal_status = excluded.legal_status
            """, new
        {
            name, text = Clean(filter.Text), classification = Clean(filter.Classification), applicant = Clean(filter.Applicant),
            jurisdiction = Clean(filter.Jurisdiction)?.ToUpperInvariant(), from = (long?)filter.FromYear, to = (long?)filter.ToYear,
            basis = filter.Basis.ToString().ToLowerInvariant(), username, now, cluster = filter.ClusterMembers ? 1L : 0L,
            legalStatus = Clean(filter.LegalStatus)?.ToUpperInvariant(),
        }, tx);
        await Audit.WriteAsync(c, tx, clock, username, "save", "patents_saved_search", name, filter.Text ?? "");
        await tx.CommitAsync(ct);
        return (await GetAsync(name, ct))!;
    }

    public async Task<IReadOnlyList<SavedSearch>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM patents_saved_searches ORDER BY name")).Select(r => r.ToSaved()).ToList();
    }

    public async Task<SavedSearch?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM patents_saved_searches WHERE name = @name", new { name = name.Trim() }))?.ToSaved();
    }

    /// <summary>The saved search, or a not-found error naming it.</summary>
    public async Task<SavedSearch> RequireAsync(string name, CancellationToken ct = default) =>
        await GetAsync(name, ct) ?? throw new DomainException("not_found", $"No saved search named '{name}'.", "name");

    public async Task<bool> DeleteAsync(string name, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var n = await c.ExecuteAsync("DELETE FROM patents_saved_searches WHERE name = @name", new { name = name.Trim() }, tx);
        if (n > 0) await Audit.WriteAsync(c, tx, clock, username, "delete", "patents_saved_search", name, "");
        await tx.CommitAsync(ct);
        return n > 0;
    }
}
