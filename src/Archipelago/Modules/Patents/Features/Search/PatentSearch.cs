using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Search;

/// <summary>A piece of a snippet; <see cref="Hit"/> marks a matched word (shown highlighted).</summary>
public sealed record SnippetPart(string Text, bool Hit);

public sealed record SearchHit(string PublicationNumber, string Jurisdiction, string? Title, int? PublicationYear, string Applicants,
    string Ipc, string Field, IReadOnlyList<SnippetPart> Snippet);

public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, long> Jurisdictions,
    IReadOnlyDictionary<string, long> Years, IReadOnlyDictionary<string, long> Applicants, IReadOnlyDictionary<string, long> Subclasses,
    IReadOnlyDictionary<string, long> LegalStatuses);

/// <summary>
/// Full-text search in English and Chinese over title, abstract and claims (every word must occur at the start
/// of a word, or as a run of CJK characters, so 抗体 finds 单克隆抗体 — <see cref="SearchIndex"/>, a word index on both databases), with the landscape filters, facets of the whole result set, and a snippet around the first
/// match. Ranking: matches in the title first, then the abstract, then the claims; newer publications first within.
/// </summary>
public sealed class PatentSearch(Database db)
{
    public async Task<SearchResult> RunAsync(PatentFilter filter, int skip = 0, int take = 20, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, 200);
        skip = Math.Max(0, skip);
        var (where, p) = filter.Sql(db.Dialect);
        var words = filter.Words();
        if (words.Count > 0) await SearchIndex.EnsureAsync(db, ct);
        // Without words there is no score (a constant in ORDER BY would be read as a column position).
        var score = words.Count == 0 ? "" : string.Join(" + ", words.Select((_, i) => $"(CASE WHEN lower(coalesce(r.title, '')) LIKE @s{i} THEN 4 WHEN lower(coalesce(r.abstract, '')) LIKE @s{i} THEN 2 ELSE 1 END)"));
        for (var i = 0; i < words.Count; i++) p.Add($"s{i}", "%" + words[i] + "%"); // ranking only: an unescaped % in a word merely widens it
        await using var c = await db.OpenAsync(ct);
        // The count and facets from the landscape's column store when it is at hand (held, or its snapshot stored): the
        // matching record ids are read from the word index once and counted in memory, instead of five SQL passes
        // over a result set that may be half the workspace.
        var selection = await new PatentLandscape(db).SelectAsync(c, filter, build: false, ct);
        var facets = selection is { } s ? s.Store.Facets(s.Selected) : null;
        var total = facets?.Total ?? await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM patents_records r WHERE {where}", p);
        const string Shown = "r.publication_number, r.jurisdiction, r.title, r.abstract, r.claims, r.publication_year, r.applicants, r.ipc";
        var ranked = selection is { } sr && words.Count > 0 && total > RankAllBelow
            ? await RankAsync(c, sr.Store, sr.Selected, score, words, skip + take, ct) : null;
        IEnumerable<(string Number, string Jurisdiction, string? Title, string? Abstract, string? Claims, long? Year, string Applicants, string Ipc)> rows;
        if (ranked is not null)
        {
            var shown = ranked.Skip(skip).ToList();
            var byId = shown.Count == 0 ? [] : (await c.QueryAsync<(long Id, string Number, string Jurisdiction, string? Title, string? Abstract, string? Claims, long? Year, string Applicants, string Ipc)>(
                $"SELECT r.id, {Shown} FROM patents_records r WHERE r.id IN ({string.Join(", ", shown)})")).ToDictionary(x => x.Id);
            rows = shown.Where(byId.ContainsKey).Select(id => byId[id]).Select(x => (x.Number, x.Jurisdiction, x.Title, x.Abstract, x.Claims, x.Year, x.Applicants, x.Ipc)).ToList();
        }
        else rows = await c.QueryAsync<(string Number, string Jurisdiction, string? Title, string? Abstract, string? Claims, long? Year, string Applicants, string Ipc)>($"""
            SELECT {Shown}
            FROM patents_records r WHERE {where}
            ORDER BY {(score.Length == 0 ? "" : score + " DESC, ")}r.publication_date DESC, r.publication_number LIMIT {take} OFFSET {skip}
            """, p);
        var hits = rows.Select(r =>
        {
            var (field, snippet) = Snippet(words, ("title", r.Title), ("abstract", r.Abstract), ("claims", r.Claims));
            return new SearchHit(r.Number, r.Jurisdiction, r.Title, (int?)r.Year, r.Applicants.Replace(";;", "; "), r.Ipc.Replace(";;", "; "), field, snippet);
        }).ToList();
        if (facets is not null) return new SearchResult(total, hits, facets.Jurisdictions, facets.Years, facets.Applicants, facets.Subclasses, facets.LegalStatuses);
        var sel = $"SELECT r.id FROM patents_records r WHERE {where}";
        return new SearchResult(total, hits,
            await Facet(c, $"SELECT r.jurisdiction, COUNT(*) AS n FROM patents_records r WHERE {where} GROUP BY r.jurisdiction ORDER BY n DESC, r.jurisdiction LIMIT 10", p),
            await Facet(c, $"SELECT CAST(r.publication_year AS TEXT), COUNT(*) AS n FROM patents_records r WHERE {where} AND r.publication_year IS NOT NULL GROUP BY r.publication_year ORDER BY r.publication_year DESC LIMIT 15", p),
            await Facet(c, $"SELECT applicant, COUNT(DISTINCT record_id) AS n FROM patents_record_applicants WHERE record_id IN ({sel}) GROUP BY applicant ORDER BY n DESC, applicant LIMIT 10", p),
            await Facet(c, $"SELECT subclass, COUNT(DISTINCT record_id) AS n FROM patents_record_classes WHERE scheme = 'ipc' AND record_id IN ({sel}) GROUP BY subclass ORDER BY n DESC, subclass LIMIT 10", p),
            await Facet(c, $"SELECT r.legal_status, COUNT(*) AS n FROM patents_records r WHERE {where} AND r.legal_status IS NOT NULL GROUP BY r.legal_status ORDER BY n DESC, r.legal_status LIMIT 10", p));
    }

    /// <summary>Below this many matches the ranking query scores them all at once (tests lower it to walk small files).</summary>
    internal static int RankAllBelow { get; set; } = 5000;
    /// <summary>A walk that has scored this many matches without finding enough of the best score gives way to the query.</summary>
    const int WalkAtMost = 50_000;

    /// <summary>
    /// The ids of the first <paramref name="first"/> matches in ranking order, scoring only as many as it takes: the
    /// matches are walked newest first (the order of equal scores, <see cref="LandscapeColumns.SearchOrderAsync"/>) and
    /// scored by the database in batches, with the ranking query's own expression; once <paramref name="first"/> of them
    /// have the highest score possible (every word in the title), no later match can come before them. Null when the
    /// walk would be long (few titles hold the words) — the ranking query then scores them all.
    /// </summary>
    static async Task<List<long>?> RankAsync(System.Data.Common.DbConnection c, LandscapeColumns store, bool[]? selected, string score,
        IReadOnlyList<string> words, int first, CancellationToken ct)
    {
        if (await store.SearchOrderAsync(c, ct) is not { } order) return null;
        var best = 4 * words.Count;
        var p = new DynamicParameters();
        for (var i = 0; i < words.Count; i++) p.Add($"s{i}", "%" + words[i] + "%");
        var scored = new List<(long Id, int Position, int Score)>();
        var atBest = 0;
        var gone = false;
        var batch = new List<(long Id, int Position)>();
        var size = Math.Max(2 * first, 200);
        async Task ScoreAsync()
        {
            var scores = (await c.QueryAsync<(long Id, long Score)>(new CommandDefinition(
                $"SELECT r.id, {score} FROM patents_records r WHERE r.id IN ({string.Join(", ", batch.Select(b => b.Id))})", p, cancellationToken: ct)))
                .ToDictionary(x => x.Id, x => (int)x.Score);
            foreach (var (id, position) in batch)
            {
                if (!scores.TryGetValue(id, out var s)) { gone = true; continue; } // deleted since the store was made
                scored.Add((id, position, s));
                if (s == best) atBest++;
            }
            batch.Clear();
            size = Math.Min(size * 2, 4000);
        }
        for (var position = 0; position < order.Length && atBest < first; position++)
        {
            var row = order[position];
            if (selected is not null && !selected[row]) continue;
            batch.Add((store.IdOf(row), position));
            if (batch.Count < size) continue;
            if (scored.Count >= WalkAtMost) return null;
            await ScoreAsync();
        }
        if (batch.Count > 0 && atBest < first) await ScoreAsync();
        if (gone) return null;
        return scored.OrderByDescending(x => x.Score).ThenBy(x => x.Position).Take(first).Select(x => x.Id).ToList();
    }

    static async Task<IReadOnlyDictionary<string, long>> Facet(System.Data.Common.DbConnection c, string sql, object p)
    {
        var d = new Dictionary<string, long>();
        foreach (var (k, n) in await c.QueryAsync<(string, long)>(sql, p)) d[k] = n;
        return d;
    }

    /// <summary>About 160 characters around the first match in the first field that has one, every word marked.</summary>
    internal static (string Field, IReadOnlyList<SnippetPart> Parts) Snippet(IReadOnlyList<string> words, params (string Name, string? Text)[] fields)
    {
        foreach (var (name, text) in fields)
        {
            if (string.IsNullOrEmpty(text)) continue;
            var first = words.Select(w => text.IndexOf(w, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (words.Count > 0 && first < 0) continue;
            var start = Math.Max(0, first - 60);
            var end = Math.Min(text.Length, Math.Max(first, 0) + 100);
            var window = (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
            return (name, Mark(window, words));
        }
        var fallback = fields.Select(f => f.Text).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? "";
        return ("title", [new SnippetPart(fallback.Length > 160 ? fallback[..160] + "…" : fallback, false)]);
    }

    static IReadOnlyList<SnippetPart> Mark(string text, IReadOnlyList<string> words)
    {
        var parts = new List<SnippetPart>();
        var i = 0;
        while (i < text.Length)
        {
            var (at, len) = words.Select(w => (At: text.IndexOf(w, i, StringComparison.OrdinalIgnoreCase), w.Length)).Where(x => x.At >= 0)
                .OrderBy(x => x.At).ThenByDescending(x => x.Length).DefaultIfEmpty((-1, 0)).First();
            if (at < 0 || len == 0) { parts.Add(new SnippetPart(text[i..], false)); break; }
            if (at > i) parts.Add(new SnippetPart(text[i..at], false));
            parts.Add(new SnippetPart(text.Substring(at, len), true));
            i = at + len;
        }
        return parts;
    }
}
