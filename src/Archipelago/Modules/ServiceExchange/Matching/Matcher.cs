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
    public static Match Score(NeedFacts n, ProviderFacts p, Network network, MatchWeights w, DateOnly today)
    {
        var need = n.Need;
        var prof = p.Profile;
        var parts = new List<(string, double, double, string)>();

        // Category and service fit.
        double cat; string catWhy;
        if (!prof.Categories.Contains(need.Category)) { cat = 0; catWhy = $"does not offer {need.Category}"; }
        else if (need.Service is null) { cat = 1; catWhy = $"offers {need.Category}"; }
        else if (prof.Services.Contains(need.Service)) { cat = 1; catWhy = $"offers {need.Service}"; }
        else { cat = 0.6; catWhy = $"offers {need.Category} but not {need.Service}"; }
        parts.Add(("category", cat, w.Category, catWhy));

        // Field: classification overlap and text similarity.
        double cls; string clsWhy;
        Taxonomy.FieldParent.TryGetValue(need.TechnologyField, out var parent);
        if (prof.TechnologyFields.Contains(need.TechnologyField)) { cls = 1; clsWhy = $"field {need.TechnologyField}"; }
        else if (prof.TechnologyFields.Any(f => f == parent || Taxonomy.FieldParent.GetValueOrDefault(f) is { } fp && (fp == need.TechnologyField || fp == parent)))
        { cls = 0.5; clsWhy = "a related field"; }
        else if (prof.TechnologyFields.Count == 0) { cls = 0.25; clsWhy = "no fields declared (generalist)"; }
        else { cls = 0; clsWhy = "other fields"; }
        var cos = n.Text.Dot(p.Text);
        parts.Add(("field", 0.6 * cls + 0.4 * cos, w.Field, $"{clsWhy}; text similarity {cos.ToString("0.00", CultureInfo.InvariantCulture)}"));

        // Region and language.
        double reg; string regWhy;
        bool Serves(string? r) => r is not null && prof.Regions.Any(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase));
        if (Serves(n.Province)) { reg = 1; regWhy = $"serves {n.Province}"; }
        else if (prof.Regions.Count == 0 && p.Province is not null && string.Equals(p.Province, n.Province, StringComparison.OrdinalIgnoreCase)) { reg = 0.8; regWhy = $"based in {n.Province}"; }
        else if (Serves(n.Country) || Serves("national")) { reg = 0.7; regWhy = "serves the whole country"; }
        else if (Serves("international")) { reg = 0.5; regWhy = "serves international clients"; }
        else { reg = 0; regWhy = "does not serve the client's region"; }
        var lang = prof.Languages.Contains(need.Language) ? 1.0 : 0.0;
        parts.Add(("region_language", 0.6 * reg + 0.4 * lang, w.RegionLanguage, $"{regWhy}; {(lang > 0 ? "speaks" : "does not speak")} {need.Language}"));

        // Capacity and turnaround.
        var free = Math.Max(0, prof.Capacity - p.Active) / (double)prof.Capacity;
        double turn; string turnWhy;
        if (need.Deadline is not { } d) { turn = 1; turnWhy = "no deadline"; }
        else
        {
            var days = d.DayNumber - today.DayNumber;
            if (days <= 0) { turn = 0; turnWhy = "deadline passed"; }
            else { turn = Math.Min(1, days / (double)prof.TurnaroundDays); turnWhy = $"turnaround {prof.TurnaroundDays} d for {days} d to deadline"; }
        }
        parts.Add(("capacity", 0.5 * free + 0.5 * turn, w.Capacity, $"{prof.Capacity - Math.Min(prof.Capacity, p.Active)} of {prof.Capacity} slots free; {turnWhy}"));

        // Trust.
        var experience = 1 - Math.Exp(-p.Completed / 5.0);
        // Bayesian mean with 3 pseudo-ratings of 3.5, so one 5-star rating does not outrank a long good record.
        var mean = (p.RatingSum + 3 * 3.5) / (p.RatingCount + 3);
        var rating = (mean - 1) / 4;
        var repeat = p.DistinctClients == 0 ? 0 : p.RepeatClients / (double)p.DistinctClients;
        var (prox, proxWhy) = network.Proximity(prof.EnablerId, need.EnablerId);
        var trust = 0.3 * experience + 0.3 * rating + 0.15 * repeat + 0.25 * prox;
        parts.Add(("trust", trust, w.Trust,
            $"{p.Completed} completed; {(p.RatingCount == 0 ? "not rated" : $"rated {(p.RatingSum / p.RatingCount).ToString("0.0", CultureInfo.InvariantCulture)} by {p.RatingCount}")}; " +
            $"{p.RepeatClients} repeat client(s); {proxWhy}"));

        var sum = w.Sum;
        var components = parts.Select(x => new ScoreComponent(x.Item1, x.Item2, x.Item3, x.Item3 * x.Item2 / sum, x.Item4)).ToList();
        return new Match(prof.EnablerId, need.Id, components.Sum(c => c.Contribution), components);
    }

    /// <summary>The best <paramref name="take"/> providers for a need, best first (ties by provider id).</summary>
    public static IReadOnlyList<Match> RankProviders(NeedFacts need, IEnumerable<ProviderFacts> providers, Network network, MatchWeights w, DateOnly today, int take) =>
        providers.Where(p => p.Profile.EnablerId != need.Need.EnablerId).Select(p => Score(need, p, network, w, today))
            .OrderByDescending(m => m.Score).ThenBy(m => m.ProviderId).Take(take).ToList();

    /// <summary>The best <paramref name="take"/> needs for a provider, best first (ties by newest need).</summary>
    public static IReadOnlyList<Match> RankNeeds(ProviderFacts provider, IEnumerable<NeedFacts> needs, Network network, MatchWeights w, DateOnly today, int take) =>
        needs.Where(n => n.Need.EnablerId != provider.Profile.EnablerId).Select(n => Score(n, provider, network, w, today))
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.NeedId).Take(take).ToList();

    /// <summary>The category-only baseline of the evaluation: 1 when the provider offers the need's category, else 0.</summary>
    public static IReadOnlyList<long> CategoryBaseline(NeedFacts need, IEnumerable<ProviderFacts> providers) =>
        providers.OrderByDescending(p => p.Profile.Categories.Contains(need.Need.Category) ? 1 : 0).ThenBy(p => p.Profile.EnablerId).Select(p => p.Profile.EnablerId).ToList();
}
