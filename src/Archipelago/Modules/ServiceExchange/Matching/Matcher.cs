using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Numerics.Retrieval;

namespace Archipelago.Modules.ServiceExchange.Matching;

/// <summary>
/// How much each part of the score counts; operators may change them (stored in the workspace settings). The
/// defaults and the reasons for them are in docs/exchange-matching.md. Only the ratios matter: the score divides by
/// the sum.
/// </summary>
public sealed record MatchWeights(double Category, double Field, double RegionLanguage, double Capacity, double Trust)
{
    public static MatchWeights Default { get; } = new(0.35, 0.20, 0.10, 0.10, 0.25);

    public double Sum => Category + Field + RegionLanguage + Capacity + Trust;

    public MatchWeights Checked()
    {
        foreach (var (name, w) in new[] { ("category", Category), ("field", Field), ("region_language", RegionLanguage), ("capacity", Capacity), ("trust", Trust) })
            if (!double.IsFinite(w) || w < 0 || w > 100) throw new DomainException("bad_weight", $"Weight '{name}' must be a number from 0 to 100.", name);
        return Sum > 0 ? this : throw new DomainException("bad_weight", "At least one weight must be above 0.", "category");
    }
}

/// <summary>What matching knows about a provider besides its profile: where it is, its history on the exchange and
/// in the cluster, and its description as a TF-IDF vector.</summary>
public sealed record ProviderFacts(ProviderProfile Profile, string Name, string? Province, string? Country, int Completed, int RatingCount,
    double RatingSum, int DistinctClients, int RepeatClients, int Active, SparseVector Text);

/// <summary>What matching knows about a need: the poster's region and the need's text as a TF-IDF vector.</summary>
public sealed record NeedFacts(Need Need, string PosterName, string? Province, string? Country, SparseVector Text);

/// <summary>One part of a score: its value in [0, 1], its weight, what it adds to the total, and why.</summary>
public sealed record ScoreComponent(string Name, double Score, double Weight, double Contribution, string Explanation);

/// <summary>A scored pair: the total in [0, 1] is Σ weight·score / Σ weight.</summary>
public sealed record Match(long ProviderId, long NeedId, double Score, IReadOnlyList<ScoreComponent> Components);

/// <summary>Who has acted with whom in the cluster's joint-action network (seed 004: joint actions are the network).</summary>
public sealed class Network(IReadOnlyDictionary<long, HashSet<long>> neighbours)
{
    public static Network Empty { get; } = new(new Dictionary<long, HashSet<long>>());

    /// <summary>1 when the two have a joint action together; otherwise 0.6 × min(1, shared partners / 3).</summary>
    public (double Score, string Why) Proximity(long a, long b)
    {
        if (!neighbours.TryGetValue(a, out var na) || !neighbours.TryGetValue(b, out var nb)) return (0, "no joint actions of either in the network");
        if (na.Contains(b)) return (1, "have worked together");
        var shared = na.Count < nb.Count ? na.Count(nb.Contains) : nb.Count(na.Contains);
        return (0.6 * Math.Min(1, shared / 3.0), shared == 0 ? "no shared partners" : $"{shared} shared partner(s)");
    }

    /// <summary>The number of <see cref="Proximity"/>, without the words.</summary>
    public double ProximityScore(long a, long b)
    {
        if (!neighbours.TryGetValue(a, out var na) || !neighbours.TryGetValue(b, out var nb)) return 0;
        if (na.Contains(b)) return 1;
        return 0.6 * Math.Min(1, (na.Count < nb.Count ? na.Count(nb.Contains) : nb.Count(na.Contains)) / 3.0);
    }

    public int Degree(long a) => neighbours.TryGetValue(a, out var n) ? n.Count : 0;
    public bool Linked(long a, long b) => neighbours.TryGetValue(a, out var n) && n.Contains(b);
}

/// <summary>
/// The score of a provider for a need, explained part by part (pure: no IO, no clock — "today" is passed in).
/// Category and service fit; field similarity (classification overlap and TF-IDF cosine of the descriptions);
/// region and language; capacity and turnaround; trust (completed engagements, ratings, repeat clients, network
/// proximity). Each part's formula is in docs/exchange-matching.md.
/// </summary>
public static class Matcher
{
    /// <summary>The five parts of a score, each in [0, 1], without their explanations (what ranking needs).</summary>
    public readonly record struct Parts(double Category, double Field, double RegionLanguage, double Capacity, double Trust)
    {
        public double Total(MatchWeights w) =>
            (w.Category * Category + w.Field * Field + w.RegionLanguage * RegionLanguage + w.Capacity * Capacity + w.Trust * Trust) / w.Sum;
    }

    static double FieldClass(Need need, ProviderProfile prof)
    {
        if (prof.TechnologyFields.Contains(need.TechnologyField)) return 1;
        Taxonomy.FieldParent.TryGetValue(need.TechnologyField, out var parent);
        if (prof.TechnologyFields.Any(f => f == parent || Taxonomy.FieldParent.GetValueOrDefault(f) is { } fp && (fp == need.TechnologyField || fp == parent))) return 0.5;
        return prof.TechnologyFields.Count == 0 ? 0.25 : 0;
    }

    static double Region(NeedFacts n, ProviderFacts p)
    {
        var prof = p.Profile;
        bool Serves(string? r) => r is not null && prof.Regions.Any(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase));
        if (Serves(n.Province)) return 1;
        if (prof.Regions.Count == 0 && p.Province is not null && string.Equals(p.Province, n.Province, StringComparison.OrdinalIgnoreCase)) return 0.8;
        if (Serves(n.Country) || Serves("national")) return 0.7;
        return Serves("international") ? 0.5 : 0;
    }

    static double Turnaround(Need need, ProviderProfile prof, DateOnly today)
    {
        if (need.Deadline is not { } d) return 1;
        var days = d.DayNumber - today.DayNumber;
        return days <= 0 ? 0 : Math.Min(1, days / (double)prof.TurnaroundDays);
    }

    static double Experience(ProviderFacts p) => 1 - Math.Exp(-p.Completed / 5.0);
    // Bayesian mean with 3 pseudo-ratings of 3.5, so one 5-star rating does not outrank a long good record.
    static double RatingScore(ProviderFacts p) => ((p.RatingSum + 3 * 3.5) / (p.RatingCount + 3) - 1) / 4;
    static double Repeat(ProviderFacts p) => p.DistinctClients == 0 ? 0 : p.RepeatClients / (double)p.DistinctClients;

    public static Parts Compute(NeedFacts n, ProviderFacts p, Network network, DateOnly today)
    {
        var need = n.Need;
        var prof = p.Profile;
        var cat = !prof.Categories.Contains(need.Category) ? 0 : need.Service is null || prof.Services.Contains(need.Service) ? 1 : 0.6;
        var field = 0.6 * FieldClass(need, prof) + 0.4 * n.Text.Dot(p.Text);
        var rl = 0.6 * Region(n, p) + 0.4 * (prof.Languages.Contains(need.Language) ? 1 : 0);
        var free = Math.Max(0, prof.Capacity - p.Active) / (double)prof.Capacity;
        var capacity = 0.5 * free + 0.5 * Turnaround(need, prof, today);
        var trust = 0.3 * Experience(p) + 0.3 * RatingScore(p) + 0.15 * Repeat(p) + 0.25 * network.ProximityScore(prof.EnablerId, need.EnablerId);
        return new Parts(cat, field, rl, capacity, trust);
    }

    /// <summary>The score with every part explained.</summary>
    public static Match Score(NeedFacts n, ProviderFacts p, Network network, MatchWeights w, DateOnly today)
    {
        var need = n.Need;
        var prof = p.Profile;
        var x = Compute(n, p, network, today);
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

        var catWhy = x.Category == 0 ? $"does not offer {need.Category}" : need.Service is null ? $"offers {need.Category}"
            : x.Category == 1 ? $"offers {need.Service}" : $"offers {need.Category} but not {need.Service}";
        var cls = FieldClass(need, prof);
        var clsWhy = cls switch { 1 => $"field {need.TechnologyField}", 0.5 => "a related field", 0.25 => "no fields declared (generalist)", _ => "other fields" };
        var reg = Region(n, p);
        var regWhy = reg switch
        {
            1 => $"serves {n.Province}", 0.8 => $"based in {n.Province}", 0.7 => "serves the whole country", 0.5 => "serves international clients",
            _ => "does not serve the client's region",
        };
        var speaks = prof.Languages.Contains(need.Language);
        var days = need.Deadline is { } d ? d.DayNumber - today.DayNumber : (int?)null;
        var turnWhy = days is null ? "no deadline" : days <= 0 ? "deadline passed" : $"turnaround {prof.TurnaroundDays} d for {days} d to deadline";
        var (_, proxWhy) = network.Proximity(prof.EnablerId, need.EnablerId);
        (string Name, double Score, double Weight, string Why)[] parts =
        [
            ("category", x.Category, w.Category, catWhy),
            ("field", x.Field, w.Field, $"{clsWhy}; text similarity {F(n.Text.Dot(p.Text), "0.00")}"),
            ("region_language", x.RegionLanguage, w.RegionLanguage, $"{regWhy}; {(speaks ? "speaks" : "does not speak")} {need.Language}"),
            ("capacity", x.Capacity, w.Capacity, $"{prof.Capacity - Math.Min(prof.Capacity, p.Active)} of {prof.Capacity} slots free; {turnWhy}"),
            ("trust", x.Trust, w.Trust, $"{p.Completed} completed; {(p.RatingCount == 0 ? "not rated" : $"rated {F(p.RatingSum / p.RatingCount, "0.0")} by {p.RatingCount}")}; " +
                $"{p.RepeatClients} repeat client(s); {proxWhy}"),
        ];
        var sum = w.Sum;
        var components = parts.Select(c => new ScoreComponent(c.Name, c.Score, c.Weight, c.Weight * c.Score / sum, c.Why)).ToList();
        return new Match(prof.EnablerId, need.Id, x.Total(w), components);
    }

    /// <summary>The best <paramref name="take"/> providers for a need, best first (ties by provider id).</summary>
    /// <remarks>Every pair is scored numerically; only the best <paramref name="take"/> get their explanations written.</remarks>
    public static IReadOnlyList<Match> RankProviders(NeedFacts need, IEnumerable<ProviderFacts> providers, Network network, MatchWeights w, DateOnly today, int take) =>
        providers.Where(p => p.Profile.EnablerId != need.Need.EnablerId).Select(p => (p, s: Compute(need, p, network, today).Total(w)))
            .OrderByDescending(x => x.s).ThenBy(x => x.p.Profile.EnablerId).Take(take).Select(x => Score(need, x.p, network, w, today)).ToList();

    /// <summary>The best <paramref name="take"/> needs for a provider, best first (ties by newest need).</summary>
    public static IReadOnlyList<Match> RankNeeds(ProviderFacts provider, IEnumerable<NeedFacts> needs, Network network, MatchWeights w, DateOnly today, int take) =>
        needs.Where(n => n.Need.EnablerId != provider.Profile.EnablerId).Select(n => (n, s: Compute(n, provider, network, today).Total(w)))
            .OrderByDescending(x => x.s).ThenByDescending(x => x.n.Need.Id).Take(take).Select(x => Score(x.n, provider, network, w, today)).ToList();

    /// <summary>The category-only baseline of the evaluation: 1 when the provider offers the need's category, else 0.</summary>
    public static IReadOnlyList<long> CategoryBaseline(NeedFacts need, IEnumerable<ProviderFacts> providers) =>
        providers.OrderByDescending(p => p.Profile.Categories.Contains(need.Need.Category) ? 1 : 0).ThenBy(p => p.Profile.EnablerId).Select(p => p.Profile.EnablerId).ToList();
}
