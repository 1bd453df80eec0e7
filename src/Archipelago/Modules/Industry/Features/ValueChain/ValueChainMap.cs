using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Dapper;

namespace Archipelago.Modules.Industry.Features.ValueChain;

/// <summary>One segment of the value chain with the registry's enablers in it (by type), the joint actions they take part in,
/// and the joint actions that link it to another segment.</summary>
public sealed record SegmentFigures(string Segment, int Position, double SchematicValueAdded, long Enablers, IReadOnlyDictionary<string, long> EnablersByType,
    long JointActions, long CrossSegmentActions);

/// <summary>The cluster on the value chain: the five segments in chain order, enablers without a segment, and the share of
/// enablers at the high-value ends (discovery, development, sales/brand, services) against manufacturing in the trough.</summary>
public sealed record ValueChainReport(IReadOnlyList<SegmentFigures> Segments, long Unassigned, long Enablers, double? ShareAtEnds, IReadOnlyList<string> Notes);

/// <summary>
/// Maps the registry's enablers onto the value chain for seed 000 §VI's upgrading question: which segments the cluster
/// occupies and how they are linked. The "smile curve" (Shih, Acer 1992) is drawn as a schematic: value added is high at the
/// ends (research and development; brand, sales and services) and low in manufacturing — its heights are that shape, not
/// measurements. What is measured are the counts: enablers per segment and joint actions per segment.
/// </summary>
public sealed class ValueChainMap(Database db)
{
    // The schematic height of each segment on the smile (chain order). Services sits with sales at the customer end.
    static readonly IReadOnlyDictionary<string, double> Schematic = new Dictionary<string, double>
    {
        [ValueChainSegment.Discovery] = 5, [ValueChainSegment.Development] = 3.5, [ValueChainSegment.Manufacturing] = 1,
        [ValueChainSegment.Sales] = 3.5, [ValueChainSegment.Services] = 5,
    };

    public async Task<ValueChainReport> BuildAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var byType = (await c.QueryAsync<(string? Segment, string Type, long Count)>(
            "SELECT segment, type, COUNT(*) FROM kernel_enablers GROUP BY segment, type")).ToList();
        var actions = (await c.QueryAsync<(string Segment, long Count)>("""
            SELECT e.segment, COUNT(DISTINCT p.action_id) FROM kernel_participants p JOIN kernel_enablers e ON e.id = p.enabler_id
            WHERE e.segment IS NOT NULL GROUP BY e.segment
            """)).ToDictionary(r => r.Segment, r => r.Count);
        // Actions whose participants sit in two or more segments, counted for each segment they touch.
        var cross = (await c.QueryAsync<(string Segment, long Count)>("""
            SELECT e.segment, COUNT(DISTINCT p.action_id) FROM kernel_participants p JOIN kernel_enablers e ON e.id = p.enabler_id
            WHERE e.segment IS NOT NULL AND p.action_id IN (
                SELECT p2.action_id FROM kernel_participants p2 JOIN kernel_enablers e2 ON e2.id = p2.enabler_id
                WHERE e2.segment IS NOT NULL GROUP BY p2.action_id HAVING COUNT(DISTINCT e2.segment) > 1)
            GROUP BY e.segment
            """)).ToDictionary(r => r.Segment, r => r.Count);
        var segments = ValueChainSegment.All.Select((s, i) =>
        {
            var types = byType.Where(t => t.Segment == s).ToDictionary(t => t.Type, t => t.Count);
            return new SegmentFigures(s, i + 1, Schematic[s], types.Values.Sum(), types, actions.GetValueOrDefault(s), cross.GetValueOrDefault(s));
        }).ToList();
        var unassigned = byType.Where(t => t.Segment is null).Sum(t => t.Count);
        var placed = segments.Sum(s => s.Enablers);
        var notes = new List<string>();
        if (unassigned > 0) notes.Add($"{unassigned} enablers have no value-chain segment and are left out; set their segment in the registry.");
        if (placed == 0) notes.Add("No enabler has a value-chain segment yet.");
        double? ends = placed == 0 ? null : (double)segments.Where(s => s.Segment != ValueChainSegment.Manufacturing).Sum(s => s.Enablers) / placed;
        return new ValueChainReport(segments, unassigned, placed + unassigned, ends, notes);
    }
}
