using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Matching;
using Archipelago.Numerics.Retrieval;
using Xunit.Abstractions;

namespace Archipelago.Tests.ServiceExchange;

/// <summary>
/// The labelled evaluation set of docs/exchange-matching.md, generated reproducibly (seed 1): 120 provider profiles
/// with seed 001 §5.3's supply skew and 60 needs whose categories follow seed 001 §3's demand-area mapping. The
/// shortlist an expert would draw up is written as explicit rules (<see cref="Relevance"/>), graded 0–3. The ranking
/// must beat the category-only baseline on precision@5 and NDCG@10.
/// </summary>
public class MatchingEvaluationTests(ITestOutputHelper output)
{
    static readonly string[] Provinces = ["Guangdong", "Shanghai", "Beijing", "Jiangsu"];
    static readonly DateOnly Today = new(2027, 1, 1);

    public sealed record Set(IReadOnlyList<ProviderFacts> Providers, IReadOnlyList<NeedFacts> Needs);

    /// <summary>
    /// The expert's grade: 3 — offers the exact service, works in the need's technology field, serves the client's
    /// province, speaks its language and has a free slot; 2 — exact service and the field or a related one, and
    /// serves the province or the whole country; 1 — offers the category in the field or a related one; 0 otherwise.
    /// </summary>
    public static int Relevance(NeedFacts n, ProviderFacts p)
    {
        var prof = p.Profile;
        var need = n.Need;
        Taxonomy.FieldParent.TryGetValue(need.TechnologyField, out var parent);
        var exactField = prof.TechnologyFields.Contains(need.TechnologyField);
        var related = exactField || prof.TechnologyFields.Any(f => f == parent || Taxonomy.FieldParent.GetValueOrDefault(f) is { } fp && (fp == need.TechnologyField || fp == parent));
        var service = need.Service is not null && prof.Services.Contains(need.Service);
        var province = prof.Regions.Contains(n.Province!);
        var country = province || prof.Regions.Contains("CN");
        if (service && exactField && province && prof.Languages.Contains(need.Language) && p.Active < prof.Capacity) return 3;
        if (service && related && country) return 2;
        if (prof.Categories.Contains(need.Category) && related) return 1;
        return 0;
    }

    public static Set Generate(int seed = 1, int providerCount = 120, int needCount = 60)
    {
        var rng = new Random(seed);
        T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];
        // Seed 001 §5.3: supply strong in agency, information, legal; weak in commercialisation, consulting, training.
        (string Category, double Weight)[] supply = [("agency", 0.30), ("information", 0.25), ("legal", 0.20), ("commercialisation", 0.10), ("consulting", 0.08), ("training", 0.07)];
        string Primary() { var u = rng.NextDouble(); foreach (var (c, w) in supply) { if ((u -= w) < 0) return c; } return "training"; }
        var fields = Taxonomy.TechnologyFields.Select(f => f.Code).ToList();
        var raw = new List<(ProviderProfile P, int Completed, int Ratings, double Sum, int Distinct, int Repeat, int Active)>();
        for (var i = 0; i < providerCount; i++)
        {
            var cat = Taxonomy.Category(Primary());
            var services = cat.Services.OrderBy(_ => rng.Next()).Take(1 + rng.Next(Math.Min(3, cat.Services.Count))).Select(s => s.Code).ToList();
            if (rng.NextDouble() < 0.3) services.Add(Pick(Pick(Taxonomy.Categories).Services).Code);
            var pf = fields.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).ToList();
            var regions = new List<string> { Pick(Provinces) };
            if (rng.NextDouble() < 0.3) regions.Add("CN");
            var langs = rng.NextDouble() < 0.5 ? new[] { "zh", "en" } : ["zh"];
            var capacity = 2 + rng.Next(9);
            var words = string.Join(", ", services.Select(s => Taxonomy.ServiceName(s, false))) + " for " + string.Join(" and ", pf.Select(f => Taxonomy.TermName(Taxonomy.TechnologyFields, f, false)));
            var profile = new ProviderProfile(1000 + i, null, services, pf, regions, langs, 5 + rng.Next(50), rng.Next(5), null, null, null, null, 10 + rng.Next(80), capacity,
                $"We offer {words}.");
            var completed = rng.Next(30);
            var ratings = Math.Min(completed, rng.Next(10));
            raw.Add((profile, completed, ratings, ratings * (2.5 + 2.5 * rng.NextDouble()), Math.Min(completed, 1 + rng.Next(15)), rng.Next(4), rng.Next(capacity + 1)));
        }
        var needsRaw = new List<(Need N, string Province)>();
        for (var j = 0; j < needCount; j++)
        {
            var area = Pick(Taxonomy.DemandAreas).Code;
            var cat = Taxonomy.Category(Pick(Taxonomy.ExpectedMatrix[area].Order().ToList()));
            var service = Pick(cat.Services).Code;
            var field = Pick(fields);
            var text = $"We need {Taxonomy.ServiceName(service, false)} for our {Taxonomy.TermName(Taxonomy.TechnologyFields, field, false)} project.";
            needsRaw.Add((new Need(1, $"Need {j}", area, cat.Code, service, field, text, null, null, Today.AddDays(20 + rng.Next(100)), null, rng.NextDouble() < 0.2 ? "en" : "zh") { Id = j + 1 },
                Pick(Provinces)));
        }
        var model = TfIdf.Fit(raw.Select(r => Matchmaker.ProfileText(r.P)).Concat(needsRaw.Select(n => Matchmaker.NeedText(n.N))));
        var providers = raw.Select(r => new ProviderFacts(r.P, $"P{r.P.EnablerId}", Pick(Provinces), "CN", r.Completed, r.Ratings, r.Sum, r.Distinct, r.Repeat, r.Active,
            model.Transform(Matchmaker.ProfileText(r.P)))).ToList();
        var needs = needsRaw.Select(n => new NeedFacts(n.N, "Client", n.Province, "CN", model.Transform(Matchmaker.NeedText(n.N)))).ToList();
        return new Set(providers, needs);
    }

    public static (double P5, double Ndcg10) Evaluate(Set set, Func<NeedFacts, IReadOnlyList<long>> rank)
    {
        double p = 0, ndcg = 0;
        foreach (var n in set.Needs)
        {
            var graded = set.Providers.ToDictionary(x => x.Profile.EnablerId, x => (double)Relevance(n, x));
            var shortlisted = graded.ToDictionary(kv => kv.Key, kv => kv.Value >= 2 ? 1.0 : 0.0);
            var ranked = rank(n);
            p += RankingMetrics.PrecisionAtK(ranked, shortlisted, 5);
            ndcg += RankingMetrics.NdcgAtK(ranked, graded, 10);
        }
        return (p / set.Needs.Count, ndcg / set.Needs.Count);
    }

    [Fact]
    public void Ranking_BeatsTheCategoryOnlyBaseline()
    {
        var set = Generate();
        var ours = Evaluate(set, n => Matcher.RankProviders(n, set.Providers, Network.Empty, MatchWeights.Default, Today, 10).Select(m => m.ProviderId).ToList());
        var baseline = Evaluate(set, n => Matcher.CategoryBaseline(n, set.Providers));
        var withShortlists = set.Needs.Count(n => set.Providers.Any(p => Relevance(n, p) >= 2));
        var ideal = Evaluate(set, n => set.Providers.OrderByDescending(p => Relevance(n, p)).ThenBy(p => p.Profile.EnablerId).Select(p => p.Profile.EnablerId).ToList());
        output.WriteLine($"ideal:    P@5 {ideal.P5:0.000}  NDCG@10 {ideal.Ndcg10:0.000}");
        output.WriteLine($"needs {set.Needs.Count} (with a shortlist: {withShortlists}), providers {set.Providers.Count}");
        output.WriteLine($"ours:     P@5 {ours.P5:0.000}  NDCG@10 {ours.Ndcg10:0.000}");
        output.WriteLine($"baseline: P@5 {baseline.P5:0.000}  NDCG@10 {baseline.Ndcg10:0.000}");
        Assert.True(ours.P5 > baseline.P5, $"P@5 {ours.P5} vs {baseline.P5}");
        Assert.True(ours.Ndcg10 > baseline.Ndcg10, $"NDCG@10 {ours.Ndcg10} vs {baseline.Ndcg10}");
    }

    [Fact]
    public void Generation_IsReproducible()
    {
        var a = Generate();
        var b = Generate();
        Assert.Equal(a.Providers.Select(p => string.Join(",", p.Profile.Services)), b.Providers.Select(p => string.Join(",", p.Profile.Services)));
        Assert.Equal(a.Needs.Select(n => n.Need.Service), b.Needs.Select(n => n.Need.Service));
    }
}
