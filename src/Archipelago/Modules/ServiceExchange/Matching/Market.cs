using Archipelago.Kernel.Data;
using Archipelago.Modules.ServiceExchange.Domain;
using Dapper;

namespace Archipelago.Modules.ServiceExchange.Matching;

/// <summary>One cell of the demand area × service category matrix.</summary>
public sealed record MarketCell(string DemandArea, string Category, long Needs, long OpenNeeds, long Completed, bool Expected);

/// <summary>An open need nobody has taken up yet (no engagement past the request), with its age.</summary>
public sealed record UnmetNeed(long Id, string Title, string DemandArea, string Category, string CreatedAt);

/// <summary>Supply of one category: listed providers offering it, and the needs for it.</summary>
public sealed record CategorySupply(string Category, long Providers, long Needs, long Completed, double NeedsPerProvider);

/// <summary>
/// The operators' view of the market (seed 001 §3 and §5.3): needs by demand area × service category with completed
/// engagements, supply per category, unmet needs (open with no engagement past request), response times (request or
/// need → first proposal), and where the data departs from the seed's expected matrix.
/// </summary>
public sealed record MarketView(IReadOnlyList<MarketCell> Cells, IReadOnlyList<CategorySupply> Supply, long UnmetNeeds,
    double? MedianResponseHours, long ProfilesUnderReview, IReadOnlyList<MarketCell> Unexpected, IReadOnlyList<MarketCell> ExpectedButEmpty,
    IReadOnlyList<UnmetNeed> OldestUnmet)
{
    public static async Task<MarketView> BuildAsync(Database db, TimeProvider clock, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var needs = (await c.QueryAsync<(string Area, string Category, string Status, long Count)>(
            "SELECT demand_area, category, status, COUNT(*) FROM exchange_needs GROUP BY demand_area, category, status")).ToList();
        var completed = (await c.QueryAsync<(string Area, string Category, long Count)>("""
            SELECT n.demand_area, n.category, COUNT(*) FROM exchange_engagements e JOIN exchange_needs n ON n.id = e.need_id
            WHERE e.state IN ('delivered', 'rated') GROUP BY n.demand_area, n.category
            """)).ToDictionary(x => (x.Area, x.Category), x => x.Count);
        var cells = (from a in Taxonomy.DemandAreas
                     from cat in Taxonomy.Categories
                     let rows = needs.Where(n => n.Area == a.Code && n.Category == cat.Code).ToList()
                     select new MarketCell(a.Code, cat.Code, rows.Sum(r => r.Count), rows.Where(r => r.Status == NeedStatus.Open).Sum(r => r.Count),
                         completed.GetValueOrDefault((a.Code, cat.Code)), Taxonomy.ExpectedMatrix[a.Code].Contains(cat.Code))).ToList();
        var profiles = await new Storage.ProfileStore(db, clock).ListedAsync(ct);
        var supply = Taxonomy.Categories.Select(cat =>
        {
            var providers = profiles.Count(p => p.Categories.Contains(cat.Code));
            var n = cells.Where(x => x.Category == cat.Code).Sum(x => x.Needs);
            return new CategorySupply(cat.Code, providers, n, cells.Where(x => x.Category == cat.Code).Sum(x => x.Completed), providers == 0 ? n : n / (double)providers);
        }).ToList();
        const string unmetWhere = """
            n.status = 'open' AND NOT EXISTS (SELECT 1 FROM exchange_engagements e WHERE e.need_id = n.id AND e.state NOT IN ('request', 'declined', 'cancelled'))
            """;
        var unmet = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM exchange_needs n WHERE {unmetWhere}");
        var oldest = (await c.QueryAsync<UnmetNeed>(
            $"SELECT n.id AS Id, n.title AS Title, n.demand_area AS DemandArea, n.category AS Category, n.created_at AS CreatedAt FROM exchange_needs n WHERE {unmetWhere} ORDER BY n.created_at, n.id LIMIT 20")).ToList();
        var responses = (await c.QueryAsync<(string Created, string Proposed)>("""
            SELECT CASE WHEN e.created_at < e.proposed_at THEN e.created_at ELSE n.created_at END, e.proposed_at
            FROM exchange_engagements e JOIN exchange_needs n ON n.id = e.need_id WHERE e.proposed_at IS NOT NULL
            """)).Select(r => (DateTimeOffset.Parse(r.Proposed) - DateTimeOffset.Parse(r.Created)).TotalHours).Order().ToList();
        double? median = responses.Count == 0 ? null : responses.Count % 2 == 1 ? responses[responses.Count / 2] : (responses[responses.Count / 2 - 1] + responses[responses.Count / 2]) / 2;
        var review = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM exchange_profiles WHERE status = 'under_review'");
        return new MarketView(cells, supply, unmet, median, review,
            cells.Where(x => !x.Expected && x.Needs > 0).ToList(), cells.Where(x => x.Expected && x.Needs == 0).ToList(), oldest);
    }
}
