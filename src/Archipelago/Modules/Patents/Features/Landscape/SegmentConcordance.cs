using System.Text.RegularExpressions;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

public sealed record SegmentRule(string Pattern, string Segment, string EditedBy);

/// <summary>
/// The editable biopharma-segment concordance: IPC subclass (<c>A61P</c>) or main-group (<c>A61K 31/</c>) patterns to
/// segments. Defaults ship in migration 0003 (edited_by = 'default'); users add, change or remove rules.
/// </summary>
public sealed partial class SegmentConcordance(Database db)
{
    [GeneratedRegex(@"^([A-HY]\d{2}[A-Z])(?:[\s\-]*(\d{1,4})\s*/?)?$")]
    private static partial Regex PatternText();

    /// <summary>The canonical pattern: <c>a61k31</c> or <c>A61K 31/</c> → <c>A61K 31/</c>; <c>a61p</c> → <c>A61P</c>.</summary>
    public static string Canonical(string pattern)
    {
        var m = PatternText().Match(pattern.Trim().ToUpperInvariant());
        if (!m.Success) throw new DomainException("bad_pattern", $"'{pattern}' is not an IPC subclass (A61P) or main group (A61K 31/).", "pattern");
        if (!m.Groups[2].Success) return m.Groups[1].Value;
        var group = m.Groups[2].Value.TrimStart('0');
        return $"{m.Groups[1].Value} {(group.Length > 0 ? group : "0")}/";
    }

    public async Task<IReadOnlyList<SegmentRule>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(string, string, string)>("SELECT pattern, segment, edited_by FROM patents_segments ORDER BY pattern"))
            .Select(r => new SegmentRule(r.Item1, r.Item2, r.Item3)).ToList();
    }

    public async Task<SegmentRule> SetAsync(string pattern, string segment, string username, CancellationToken ct = default)
    {
        var p = Canonical(pattern);
        var s = segment?.Trim() ?? "";
        if (s.Length is 0 or > 100) throw new DomainException("bad_segment", "A segment name has 1–100 characters.", "segment");
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO patents_segments (pattern, segment, edited_by) VALUES (@p, @s, @username)
            ON CONFLICT (pattern) DO UPDATE SET segment = excluded.segment, edited_by = excluded.edited_by
            """, new { p, s, username });
        await PatentLandscape.InvalidateAsync(c, null);
        return new SegmentRule(p, s, username);
    }

    public async Task<bool> RemoveAsync(string pattern, CancellationToken ct = default)
    {
        var p = Canonical(pattern);
        await using var c = await db.OpenAsync(ct);
        var removed = await c.ExecuteAsync("DELETE FROM patents_segments WHERE pattern = @p", new { p }) > 0;
        await PatentLandscape.InvalidateAsync(c, null);
        return removed;
    }
}
