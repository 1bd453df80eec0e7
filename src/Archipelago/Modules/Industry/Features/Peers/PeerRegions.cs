using System.Globalization;
using System.Text.Json.Serialization;
using Archipelago.Kernel;
using Archipelago.Modules.Industry.Features.Series;
using Archipelago.Numerics.Statistics;

namespace Archipelago.Modules.Industry.Features.Peers;

/// <summary>
/// One indicator of the similarity profile, written <c>kind:indicator[:subsector]</c>:
/// <c>log:output_value</c> (natural log of the level in the period — sizes spread over orders of magnitude, so their logs are
/// compared), <c>level:gross_profit_rate</c> (the value as it is), <c>growth:output_value</c> (compound annual growth over the
/// span of years ending in the period), <c>share:output_value:biopharmaceutical_products</c> (the sub-sector's share of the
/// region's whole industry in the period). Without a sub-sector, a feature is of the whole industry.
/// </summary>
public sealed record PeerFeature(string Kind, string Indicator, string Subsector)
{
    public static readonly IReadOnlyList<string> Kinds = ["log", "level", "growth", "share"];

    public string Code => $"{Kind}:{Indicator}{(Subsector.Length > 0 ? ":" + Subsector : "")}";

    public static PeerFeature Parse(string text)
    {
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length is < 2 or > 3 || !Kinds.Contains(parts[0]) || parts[1].Length == 0)
            throw new DomainException("bad_feature", $"'{text}' is not a peer indicator; write kind:indicator[:subsector] with kind one of {string.Join(", ", Kinds)} (e.g. log:output_value, share:output_value:biopharmaceutical_products).", "features");
        var subsector = parts.Length == 3 ? parts[2] : Series.Subsector.Total;
        if (parts[0] == "share" && subsector.Length == 0)
            throw new DomainException("bad_feature", $"'{text}': a share is of a sub-sector (share:indicator:subsector).", "features");
        return new PeerFeature(parts[0], parts[1], subsector);
    }

    public string Describe(int span) => Kind switch
    {
        "log" => $"ln {Indicator}{Of}",
        "level" => $"{Indicator}{Of}",
        "growth" => $"{Indicator}{Of}, compound annual growth over {span} years",
        _ => $"{Indicator}: share of {Subsector} in the industry",
    };

    string Of => Subsector.Length > 0 ? $" ({Subsector})" : "";
}

/// <summary>What to compare: the region, the indicators (<see cref="PeerFeature"/> codes), the year (default: the latest in
/// which the region has a figure of every chosen indicator, else of any), the span of the growth rates, how many peers to
/// show, the least number of indicators a pair must share (default: half the indicators, at least two), and regions to
/// leave out (the nation, when provinces are compared).</summary>
public sealed record PeerRequest(string Region, IReadOnlyList<string> Features, string? Period = null, int Span = 5, int Top = 5,
    [property: JsonPropertyName("min_shared")] int? MinShared = null, IReadOnlyList<string>? Exclude = null);

/// <summary>A region's raw values and z-scores of each feature (null where missing or not standardisable).</summary>
public sealed record PeerProfile(string Region, IReadOnlyList<double?> Values, [property: JsonPropertyName("z_scores")] IReadOnlyList<double?> ZScores);

/// <summary>A peer: its rank, distance to the target, the features the pair shared (by code), and its profile.</summary>
public sealed record Peer(int Rank, string Region, double Distance, IReadOnlyList<string> Used, PeerProfile Profile);

/// <summary>A region left unranked, and why (fewer shared features than the minimum).</summary>
public sealed record UnrankedRegion(string Region, int Shared, string Reason);

public sealed record PeerReport(
    string Region,
    string Period,
    int Span,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Descriptions,
    string Distance,
    [property: JsonPropertyName("min_shared")] int MinShared,
    int Candidates,
    PeerProfile Target,
    IReadOnlyList<Peer> Peers,
    IReadOnlyList<UnrankedRegion> Unranked,
    IReadOnlyList<string> Notes);

/// <summary>
/// Peer regions by similarity, as cluster-mapping tools offer them: every region with figures of the chosen indicators is
/// described by a profile of features, each feature is z-scored across the regions, and the others are ranked by Euclidean
/// distance to the chosen region's profile (<see cref="Similarity"/>: R's <c>dist(scale(x))</c>; why Euclidean and not cosine
/// is said there). Missing figures are never filled in: a feature a region lacks is left out of its pairs (and the pair's
/// distance scaled as R does), and a pair sharing fewer features than the minimum is not ranked but listed.
/// </summary>
public sealed class PeerRegions(SeriesStore store)
{
    public const string Method = "Euclidean distance between z-scored profiles (each feature standardised across the regions with its mean and sample SD); a pair uses the features both regions have, its sum of squares scaled by p / p_used — R's dist(scale(x))";

    public async Task<PeerReport> RankAsync(PeerRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Region)) throw new DomainException("missing_region", "Name the region whose peers are sought.", "region");
        var features = (request.Features ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(PeerFeature.Parse).DistinctBy(f => f.Code).ToList();
        if (features.Count == 0) throw new DomainException("missing_features", "Choose at least one indicator to compare on (e.g. log:output_value).", "features");
        if (request.Span is < 1 or > 50) throw new DomainException("bad_span", "The growth span is 1 to 50 years.", "span");
        if (request.Top is < 1 or > 100) throw new DomainException("bad_top", "Show 1 to 100 peers.", "top");
        var p = features.Count;
        var minShared = request.MinShared ?? Math.Min(p, Math.Max(2, (p + 1) / 2));
        if (minShared < 1 || minShared > p) throw new DomainException("bad_min_shared", $"The minimum of shared indicators is 1 to {p} (the number chosen).", "min_shared");

        // Latest-vintage yearly figures of each indicator used, by (region, subsector, year).
        var figures = new Dictionary<string, Dictionary<(string Region, string Subsector, int Year), double>>();
        foreach (var code in features.Select(f => f.Indicator).Distinct())
        {
            var indicator = await store.IndicatorAsync(code, ct) ?? throw new DomainException("not_found", $"There is no indicator '{code}'.", "features");
            if (indicator.Frequency != "year")
                throw new DomainException("bad_frequency", $"Peers compare yearly figures; '{code}' is reported by {indicator.Frequency}.", "features");
            figures[code] = (await store.LatestAsync(code, null, ct)).ToDictionary(l => (l.Region, l.Subsector, (int)Math.Round(l.Time)), l => l.Value);
        }
        var exclude = new HashSet<string>(request.Exclude ?? [], StringComparer.OrdinalIgnoreCase);
        exclude.Remove(request.Region);
        var regions = figures.Values.SelectMany(f => f.Keys.Select(k => k.Region)).Distinct().Where(r => !exclude.Contains(r)).Order(StringComparer.Ordinal).ToList();
        if (!regions.Contains(request.Region)) throw new DomainException("not_found", $"There are no figures of these indicators for {request.Region}.", "region");

        int year;
        if (string.IsNullOrWhiteSpace(request.Period))
        {
            // The latest year with a figure of every feature's indicator for the region, else of any.
            var years = features.Select(f => figures[f.Indicator].Keys.Where(k => k.Region == request.Region).Select(k => k.Year).ToHashSet()).ToList();
            var common = years.Skip(1).Aggregate(years[0], (a, b) => a.Intersect(b).ToHashSet());
            year = common.Count > 0 ? common.Max() : years.SelectMany(y => y).Max();
        }
        else if (Period.TryParse(request.Period) is { Frequency: "year" } parsed) year = (int)parsed.Time;
        else throw new DomainException("bad_period", $"'{request.Period}' is not a year.", "period");

        var x = new double[regions.Count, p];
        for (var i = 0; i < regions.Count; i++)
            for (var j = 0; j < p; j++)
                x[i, j] = Value(features[j], figures[features[j].Indicator], regions[i], year, request.Span);

        var notes = new List<string>();
        var target = regions.IndexOf(request.Region);
        var targetHas = Enumerable.Range(0, p).Count(j => !double.IsNaN(x[target, j]));
        var missing = Enumerable.Range(0, p).Where(j => double.IsNaN(x[target, j])).Select(j => features[j].Code).ToList();
        if (targetHas < minShared)
            throw new DomainException("too_few_indicators", $"{request.Region} has {targetHas} of the {p} chosen indicators in {year} (missing: {string.Join(", ", missing)}); at least {minShared} are needed to compare it with others.", "features");
        if (missing.Count > 0) notes.Add($"{request.Region} has no value of {string.Join(", ", missing)} in {year}; its distances use the other indicators.");
        if (regions.Count < 3) throw new DomainException("too_few_regions", $"Only {regions.Count} regions have figures of these indicators; z-scores need at least three.", "features");
        var z = Similarity.Standardise(x);
        for (var j = 0; j < p; j++)
            if (Enumerable.Range(0, regions.Count).All(i => double.IsNaN(z[i, j])))
                notes.Add($"{features[j].Code} cannot be standardised in {year} (fewer than two regions have it, or all have the same value); it is left out.");
        if (exclude.Count > 0) notes.Add($"Left out: {string.Join(", ", exclude.Order())}.");

        var ranking = Similarity.Rank(x, target, minShared);
        PeerProfile Profile(int i) => new(regions[i], Enumerable.Range(0, p).Select(j => Finite(x[i, j])).ToList(), Enumerable.Range(0, p).Select(j => Finite(z[i, j])).ToList());
        var peers = ranking.Ranked.Take(request.Top).Select((d, k) => new Peer(k + 1, regions[d.Row], d.Distance, d.Used.Select(j => features[j].Code).ToList(), Profile(d.Row))).ToList();
        var unranked = ranking.TooFewShared.Select(d => new UnrankedRegion(regions[d.Row], d.Used.Count,
            $"shares {d.Used.Count} of the {p} indicators with {request.Region} in {year}; at least {minShared} are needed")).ToList();
        return new PeerReport(request.Region, year.ToString(CultureInfo.InvariantCulture), request.Span, features.Select(f => f.Code).ToList(),
            features.Select(f => f.Describe(request.Span)).ToList(), Method, minShared, regions.Count - 1, Profile(target), peers, unranked, notes);
    }

    static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The feature's value for a region in a year, NaN when a figure it needs is missing or cannot be used
    /// (a log or growth rate of a figure that is not positive).</summary>
    static double Value(PeerFeature f, IReadOnlyDictionary<(string, string, int), double> figures, string region, int year, int span)
    {
        double? At(string subsector, int y) => figures.TryGetValue((region, subsector, y), out var v) ? v : null;
        return f.Kind switch
        {
            "log" => At(f.Subsector, year) is > 0 and var v ? Math.Log(v) : double.NaN,
            "level" => At(f.Subsector, year) ?? double.NaN,
            "growth" => At(f.Subsector, year) is > 0 and var to && At(f.Subsector, year - span) is > 0 and var from
                ? Math.Pow(to / from, 1.0 / span) - 1 : double.NaN,
            _ => At(f.Subsector, year) is { } part && At(Series.Subsector.Total, year) is > 0 and var whole ? part / whole : double.NaN,
        };
    }
}
