using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Landscape;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Applicants;

/// <summary>A proposed merge of two normalised applicant names, with the rule that found it and the evidence.</summary>
public sealed record MergeSuggestion(string Variant, string Canonical, string Rule, long VariantRecords, long CanonicalRecords,
    long SharedInventors, string Evidence);

/// <summary>
/// Merge suggestions for applicant variants that normalisation alone leaves apart, and the reviewed alias table.
/// Rules: <c>spacing</c> (equal once spaces are removed: DE POORTERE / DEPOORTERE), <c>word order</c> (same words:
/// ZHANG WEI / WEI ZHANG), <c>abbreviation</c> (equal once common abbreviations are expanded: UNIV / UNIVERSITY,
/// INST / INSTITUTE, LAB / LABORATORIES…) and <c>extension</c> (one name is the other plus trailing words, and the two
/// share an inventor: UNIV WASHINGTON / UNIV WASHINGTON THROUGH ITS CENTER FOR COMMERCIALIZATION). The canonical side
/// is the name with more records (the shorter on a tie). Nothing merges until someone accepts it.
/// </summary>
public sealed class ApplicantMerges(Database db, TimeProvider clock)
{
    static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["UNIVERSITY"] = "UNIV", ["UNIVERSITAET"] = "UNIV", ["UNIVERSITÄT"] = "UNIV", ["UNIVERSITE"] = "UNIV", ["UNIVERSIDAD"] = "UNIV",
        ["INSTITUTE"] = "INST", ["INSTITUT"] = "INST", ["LABORATORIES"] = "LAB", ["LABORATORY"] = "LAB", ["LABS"] = "LAB",
        ["TECHNOLOGY"] = "TECH", ["TECHNOLOGIES"] = "TECH", ["INTERNATIONAL"] = "INT", ["NATIONAL"] = "NAT", ["RESEARCH"] = "RES",
        ["DEVELOPMENT"] = "DEV", ["MANUFACTURING"] = "MFG", ["INDUSTRIES"] = "IND", ["INDUSTRY"] = "IND", ["INDUSTRIAL"] = "IND",
        ["PHARMACEUTICALS"] = "PHARM", ["PHARMACEUTICAL"] = "PHARMA", ["PHARMA"] = "PHARMA", ["SYSTEMS"] = "SYS", ["ELECTRONICS"] = "ELECTRONICS",
        ["AND"] = "&", ["FOUNDATION"] = "FOUND", ["FONDAZIONE"] = "FOND", ["FONDATION"] = "FOND",
    };

    public async Task<IReadOnlyList<MergeSuggestion>> SuggestAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var counts = (await c.QueryAsync<(string Name, long N)>("SELECT applicant, COUNT(DISTINCT record_id) FROM patents_record_applicants GROUP BY applicant"))
            .ToDictionary(x => x.Name, x => x.N, StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), string>();
        void Group(string rule, Func<string, string> key)
        {
            foreach (var g in counts.Keys.GroupBy(key).Where(g => g.Count() > 1))
            {
                var names = g.OrderBy(n => n, StringComparer.Ordinal).ToList();
                for (var i = 0; i < names.Count; i++)
                    for (var j = i + 1; j < names.Count; j++) pairs.TryAdd((names[i], names[j]), rule);
            }
        }
        Group("spacing", n => n.Replace(" ", ""));
        Group("word order", n => string.Join(' ', n.Split(' ').Order(StringComparer.Ordinal)));
        Group("abbreviation", n => string.Join(' ', n.Split(' ').Select(t => Abbreviations.GetValueOrDefault(t, t))));
        var sorted = counts.Keys.Order(StringComparer.Ordinal).ToList();
        var extensions = new List<(string Short, string Long)>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var s = sorted[i];
            if (s.Length < 5 || (!s.Contains(' ') && s.Length < 6)) continue;
            for (var j = i + 1; j < sorted.Count && sorted[j].StartsWith(s, StringComparison.Ordinal); j++)
                if (sorted[j].Length > s.Length && sorted[j][s.Length] == ' ') extensions.Add((s, sorted[j]));
        }
        var inventors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        async Task<HashSet<string>> InventorsOf(string applicant)
        {
            if (inventors.TryGetValue(applicant, out var set)) return set;
            var lists = await c.QueryAsync<string>("SELECT r.inventors FROM patents_records r JOIN patents_record_applicants a ON a.record_id = r.id WHERE a.applicant = @applicant", new { applicant });
            set = lists.SelectMany(l => l.Split(";;", StringSplitOptions.RemoveEmptyEntries)).Select(ApplicantName.Normalise).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
            set.Remove(applicant);
            return inventors[applicant] = set;
        }
        var result = new List<MergeSuggestion>();
        foreach (var ((a, b), rule) in pairs)
            result.Add(await Suggestion(a, b, rule));
        foreach (var (s, l) in extensions)
        {
            if (pairs.ContainsKey((s, l))) continue;
            var shared = (await InventorsOf(s)).Intersect(await InventorsOf(l)).Count();
            if (shared > 0) result.Add(await Suggestion(s, l, "extension"));
        }
        return result.OrderByDescending(x => x.VariantRecords + x.CanonicalRecords).ThenBy(x => x.Canonical, StringComparer.Ordinal).ThenBy(x => x.Variant, StringComparer.Ordinal).ToList();

        async Task<MergeSuggestion> Suggestion(string a, string b, string rule)
        {
            var (na, nb) = (counts[a], counts[b]);
            var (canonical, variant) = na > nb || (na == nb && a.Length <= b.Length) ? (a, b) : (b, a);
            var ia = await InventorsOf(a);
            var shared = ia.Intersect(await InventorsOf(b)).ToList();
            var evidence = $"{rule}: '{variant}' ({counts[variant]} records) and '{canonical}' ({counts[canonical]} records)" +
                (shared.Count > 0 ? $"; {shared.Count} shared inventor(s): {string.Join(", ", shared.Order(StringComparer.Ordinal).Take(3))}" : "; no shared inventors");
            return new MergeSuggestion(variant, canonical, rule, counts[variant], counts[canonical], shared.Count, evidence);
        }
    }

    /// <summary>Accepts a merge: records the reviewed alias and moves every record link of the variant to the canonical name.</summary>
    public async Task<long> MergeAsync(string variant, string canonical, string evidence, string username, CancellationToken ct = default)
    {
        var v = ApplicantName.Normalise(variant);
        var k = ApplicantName.Normalise(canonical);
        if (v.Length == 0 || k.Length == 0) throw new DomainException("name_required", "Both names are needed.", v.Length == 0 ? "variant" : "canonical");
        if (v == k) throw new DomainException("same_name", $"'{variant}' and '{canonical}' already normalise to the same name, {k}.", "variant");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_aliases WHERE variant = @k", new { k }, tx) > 0)
            throw new DomainException("canonical_is_alias", $"{k} is itself merged into another name; merge into that one.", "canonical");
        var now = clock.GetUtcNow().ToString("O");
        await c.ExecuteAsync("""
            INSERT INTO patents_aliases (variant, canonical, evidence, reviewed_by, reviewed_at) VALUES (@v, @k, @evidence, @username, @now)
            ON CONFLICT (variant) DO UPDATE SET canonical = excluded.canonical, evidence = excluded.evidence, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at
            """, new { v, k, evidence, username, now }, tx);
        await c.ExecuteAsync("UPDATE patents_aliases SET canonical = @k WHERE canonical = @v", new { v, k }, tx);
        await c.ExecuteAsync("INSERT INTO patents_applicants (name, display_name, kind) SELECT @k, display_name, kind FROM patents_applicants WHERE name = @v ON CONFLICT (name) DO NOTHING", new { v, k }, tx);
        var moved = await c.ExecuteAsync("UPDATE patents_record_applicants SET applicant = @k WHERE applicant = @v", new { v, k }, tx);
        await PatentLandscape.InvalidateAsync(c, tx);
        await Audit.WriteAsync(c, tx, clock, username, "merge", "patent_applicant", v, $"into {k}: {evidence}");
        await tx.CommitAsync(ct);
        return moved;
    }
}
