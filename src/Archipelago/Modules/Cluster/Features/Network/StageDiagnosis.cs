using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>One rule of the diagnosis: an indicator, the stage whose entry it conditions (2–4) or 0 for a lock-in/decline
/// warning, how it is compared with its threshold, the default threshold and where the rule comes from.</summary>
public sealed record StageRule(string Indicator, int Stage, string Comparison, double Default, string Source, string Meaning);

/// <summary>A rule applied: the indicator's value, the threshold in force (default or the workspace's) and whether it is met.
/// A value of null (no joint actions, no enterprises, a single year) never meets a condition and never raises a warning.</summary>
public sealed record StageEvidence(string Indicator, int Stage, double? Value, string Comparison, double Threshold, bool Default, bool Met, string Source, string Meaning);

/// <summary>The diagnosis of a window: the stage (1–4), the evidence for every rule, what the next stage still lacks and the
/// lock-in/decline warnings.</summary>
public sealed record StageDiagnosisResult(int Stage, string StageCode, string StageName, string? NextStageName, IReadOnlyList<StageEvidence> Evidence,
    IReadOnlyList<StageEvidence> UnmetForNext, IReadOnlyList<StageEvidence> Warnings);

/// <summary>
/// Seed 004's four stages of a biotechnology park (§2.3.3: enterprises flocking together → industrial agglomeration →
/// industrial cluster → cluster of innovation) diagnosed from the joint-action network. The keys between stages are those of
/// §2.3.4 (after C. Wang 2012): the connection between enterprises (1→2), industrial linkage including cross-industry joint
/// actions (2→3), an innovation network with high connectivity inside and to the world (3→4); the warnings are the decline
/// signs of §2.2.5 (rigid, closed, homogeneous networks; Grabher 1993). A stage is reached when its conditions and those of
/// every earlier stage are met. The seed gives the conditions, not numbers: the default thresholds are this platform's
/// choices, documented with their reasoning in docs/cluster-stages.md, and each workspace can change them.
/// </summary>
public static class StageDiagnosis
{
    /// <summary>Workspace setting holding the thresholds that differ from the defaults, as a JSON object indicator → value.</summary>
    public const string SettingKey = "cluster.stage_thresholds";

    public static readonly string[] StageCodes = ["enterprises_flocking_together", "industrial_agglomeration", "industrial_cluster", "cluster_of_innovation"];
    public static readonly string[] StageNames = ["Enterprises flocking together", "Industrial agglomeration", "Industrial cluster", "Cluster of innovation"];

    public static readonly IReadOnlyList<StageRule> Rules =
    [
        new("enterprise_enterprise_share", 2, ">=", 0.10, "seed 004 §2.3.4 (1st key), §2.3.3.1; OECD 1997 joint industry activities (§5.2.3)",
            "Share of joint actions with at least two enterprises."),
        new("connected_enterprise_share", 2, ">=", 0.25, "seed 004 §2.3.4 (1st key: interconnections among enterprises), §2.3.3.1 (\"limited interconnectivity\")",
            "Share of the window's active enterprises tied to at least one other enterprise."),
        new("industrial_linkage_share", 3, ">=", 0.10, "seed 004 §2.3.4 (2nd key: supporting, complementary and related industries connect), §2.3.3.3",
            "Share of joint actions joining enterprises of two or more value-chain segments (upstream–downstream)."),
        new("cross_sector_share", 3, ">=", 0.30, "seed 004 §2.3.4, §2.3.3.4 (cross-industrial integration), GUIDE §2",
            "Share of joint actions joining an enterprise with a university, hospital, investor, service provider, government or other non-enterprise enabler."),
        new("public_private_research_share", 4, ">=", 0.15, "seed 004 §2.3.4 (3rd key: industry–university–research collaboration); OECD 1997 (§5.2.3)",
            "Share of joint actions joining an enterprise with a university or research institute."),
        new("abroad_share", 4, ">=", 0.10, "seed 004 §1.2.9 (closed container), §2.2.5 mature stage (open external connections), GUIDE §2",
            "Share of joint actions with a participant outside the home country."),
        new("freeman_degree_centralization", 4, "<=", 0.35, "seed 004 §5.3, figure 5.5 (one centre → polycentric → decentralised; Baran 1964)",
            "Freeman degree centralisation of the network: low when no single centre dominates."),
        new("largest_component_share", 4, ">=", 0.80, "seed 004 §2.3.4 (innovation network with high connectivity), GUIDE §2",
            "Share of the network's enablers in its largest connected component."),
        new("explicit_types_active", 4, ">=", 6, "seed 004 §6.1 (core enablers: explicit organisational and flow enablers), §2.3.4 (integrating various innovation elements), GUIDE §2 (coverage)",
            "Number of the eight explicit enabler types (university, enterprise, government, service provider, investor, knowledge source, talent, user) active in the window."),
        new("local_share", 0, "<=", 0.70, "seed 004 §1.2.9 (closed container), §2.2.5 (insufficient connections with the outside world)",
            "Warning when more than this share of joint actions stays within the home region."),
        new("top_type_share", 0, "<=", 0.80, "seed 004 §2.2.5 (homogeneous enterprises)",
            "Warning when one enabler type makes up more than this share of the active enablers."),
        new("newcomer_share", 0, ">=", 0.05, "seed 004 §2.2.5 (rigid network development)",
            "Warning when fewer than this share of the last year's active enablers are new to the window (needs two years or more)."),
    ];

    static readonly Dictionary<string, StageRule> ByIndicator = Rules.ToDictionary(r => r.Indicator);

    /// <summary>The thresholds in force: the defaults overridden by the workspace's setting.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ThresholdsAsync(Workspace workspace, CancellationToken ct = default)
    {
        var json = await workspace.GetAsync(SettingKey, ct);
        return string.IsNullOrWhiteSpace(json) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(json)!;
    }

    /// <summary>Stores thresholds (merged with those already set); an unknown indicator or a share outside 0..1 is refused.
    /// <paramref name="reset"/> first returns every threshold to its default.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> SetThresholdsAsync(Workspace workspace, IReadOnlyDictionary<string, double> values, bool reset,
        CancellationToken ct = default)
    {
        var current = reset ? new Dictionary<string, double>() : new Dictionary<string, double>(await ThresholdsAsync(workspace, ct));
        foreach (var (name, value) in values)
        {
            if (!ByIndicator.TryGetValue(name, out var rule))
                throw new DomainException("unknown_threshold", $"No stage threshold '{name}'. Use one of: {string.Join(", ", Rules.Select(r => r.Indicator))}.", "thresholds");
            var max = rule.Indicator == "explicit_types_active" ? 8 : 1;
            if (!double.IsFinite(value) || value < 0 || value > max)
                throw new DomainException("bad_threshold", $"Threshold '{name}' must be between 0 and {max}; got {value.ToString(CultureInfo.InvariantCulture)}.", "thresholds");
            current[name] = value;
        }
        await workspace.SetAsync(SettingKey, JsonSerializer.Serialize(current), ct);
        return current;
    }

    /// <summary>Parses <c>name=value</c> pairs (CLI <c>--set</c>).</summary>
    public static IReadOnlyDictionary<string, double> ParsePairs(IEnumerable<string> pairs) => pairs.Select(p =>
    {
        var at = p.IndexOf('=');
        if (at <= 0 || !double.TryParse(p[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new DomainException("bad_threshold", $"'{p}' is not name=value (e.g. abroad_share=0.15).", "set");
        return (p[..at].Trim(), v);
    }).ToDictionary(x => x.Item1, x => x.v);

    /// <summary>The indicator values of a window, by rule name (null when undefined).</summary>
    public static IReadOnlyDictionary<string, double?> Values(ClusterNetwork net, SeedIndicators indicators, ClusterNetworkSummary summary)
    {
        var enterprises = net.Nodes.Select((e, v) => (e, v)).Where(x => x.e.Type == EnablerType.Enterprise).Select(x => x.v).ToList();
        var a = net.Graph.Undirected;
        var connected = enterprises.Count(v => Enumerable.Range(a.Offsets[v], a.Offsets[v + 1] - a.Offsets[v]).Any(e => net.Nodes[a.Targets[e]].Type == EnablerType.Enterprise));
        var explicitTypes = EnablerType.All.Where(t => t.Family != EnablerFamily.Implicit).Count(t => net.Nodes.Any(e => e.Type == t));
        var topType = net.Nodes.Count == 0 ? (double?)null : net.Nodes.GroupBy(e => e.Type).Max(g => g.Count()) / (double)net.Nodes.Count;
        double? newcomers = null;
        if (net.Years is { } span && span.Last > span.First)
        {
            var earlier = net.ActiveIn(span.First, span.Last - 1);
            var last = net.ActiveIn(span.Last, span.Last);
            int lastCount = 0, fresh = 0;
            for (var r = 0; r < last.Length; r++) if (last[r]) { lastCount++; if (!earlier[r]) fresh++; }
            if (lastCount > 0) newcomers = fresh / (double)lastCount;
        }
        return new Dictionary<string, double?>
        {
            ["enterprise_enterprise_share"] = indicators.EnterpriseEnterpriseShare,
            ["connected_enterprise_share"] = enterprises.Count == 0 ? null : connected / (double)enterprises.Count,
            ["industrial_linkage_share"] = indicators.IndustrialLinkageShare,
            ["cross_sector_share"] = indicators.CrossSectorShare,
            ["public_private_research_share"] = indicators.PublicPrivateResearchShare,
            ["abroad_share"] = indicators.AbroadShare,
            ["freeman_degree_centralization"] = summary.FreemanDegreeCentralization,
            ["largest_component_share"] = summary.Nodes == 0 ? null : summary.LargestComponent / (double)summary.Nodes,
            ["explicit_types_active"] = net.Nodes.Count == 0 ? null : explicitTypes,
            ["local_share"] = indicators.LocalShare,
            ["top_type_share"] = topType,
            ["newcomer_share"] = newcomers,
        };
    }

    public static StageDiagnosisResult Diagnose(ClusterNetwork net, IReadOnlyDictionary<string, double> thresholds) =>
        Diagnose(Values(net, NetworkAnalysis.Indicators(net), NetworkAnalysis.Summary(net)), thresholds);

    public static StageDiagnosisResult Diagnose(IReadOnlyDictionary<string, double?> values, IReadOnlyDictionary<string, double> thresholds)
    {
        var evidence = Rules.Select(r =>
        {
            var overridden = thresholds.TryGetValue(r.Indicator, out var t);
            var threshold = overridden ? t : r.Default;
            var value = values.GetValueOrDefault(r.Indicator);
            var met = value is { } v && (r.Comparison == ">=" ? v >= threshold : v <= threshold);
            // a warning is "met" when its healthy condition fails on a defined value
            if (r.Stage == 0) met = value is { } w && !(r.Comparison == ">=" ? w >= threshold : w <= threshold);
            return new StageEvidence(r.Indicator, r.Stage, value, r.Comparison, threshold, !overridden, met, r.Source, r.Meaning);
        }).ToList();
        var stage = 1;
        while (stage < 4 && evidence.Where(e => e.Stage == stage + 1).All(e => e.Met)) stage++;
        var unmet = stage < 4 ? evidence.Where(e => e.Stage == stage + 1 && !e.Met).ToList() : [];
        return new StageDiagnosisResult(stage, StageCodes[stage - 1], StageNames[stage - 1], stage < 4 ? StageNames[stage] : null, evidence, unmet,
            evidence.Where(e => e.Stage == 0 && e.Met).ToList());
    }
}
