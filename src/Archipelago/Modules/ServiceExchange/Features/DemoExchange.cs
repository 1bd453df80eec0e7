using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Modules.ServiceExchange.Features;

/// <summary>
/// The exchange's part of the demo workspace, on top of the demo cluster: the IP-related professional service
/// providers already in the registry get public profiles (agency, information, legal, training, commercialisation),
/// and the cluster's enterprises post needs over the five demand areas, mostly where seed 001 §3 expects them, with
/// engagements at every stage — the delivered ones become joint actions. Fixed seed, so every demo is the same.
/// Supply is deliberately strong in agency/information/legal and thin in commercialisation, consulting and training,
/// as seed 001 §5.3 finds, so the market view shows the gap.
/// </summary>
public static class DemoExchange
{
    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var clock = TimeProvider.System;
        var op = Actor.Cli("demo");
        var enablers = new List<Enabler>();
        await foreach (var e in new EnablerStore(db, clock).AllAsync(ct)) enablers.Add(e);
        var providers = enablers.Where(e => e.Type == EnablerType.ServiceProvider).ToList();
        var clients = enablers.Where(e => e.Type == EnablerType.Enterprise || e.Type == EnablerType.University).ToList();
        if (providers.Count == 0 || clients.Count == 0) return;

        string[] ServicesFor(Enabler e) => (e.Attributes.ServiceCategories?.FirstOrDefault()) switch
        {
            "ip_agency" => ["patent_filing", "strategic_layout", "overseas_filing", "trademark", "retrieval", "analysis", "competitor_monitoring"],
            "law_accounting" => ["litigation", "ipo", "mergers_acquisitions", "restructuring", "transactions"],
            "training" => ["ip_training"],
            "incubation" => ["transfer", "licensing", "operation", "valuation", "market_expansion"],
            "finance" => ["valuation", "pledge_financing", "patent_insurance"],
            _ => [],
        };
        var profiles = new List<ProviderProfile>();
        var rng = new Random(2026);
        var fields = Taxonomy.TechnologyFields.Select(f => f.Code).ToArray();
        foreach (var p in providers)
        {
            var services = ServicesFor(p);
            if (services.Length == 0) continue;
            var agency = services.Contains("patent_filing");
            profiles.Add(new ProviderProfile(p.Id, null, services, fields.OrderBy(_ => rng.Next()).Take(3 + rng.Next(3)),
                [p.Region.Province ?? "Guangdong", "CN"], agency ? ["zh", "en"] : ["zh"], agency ? 20 + rng.Next(40) : 5 + rng.Next(15),
                agency ? 8 + rng.Next(10) : 0, agency ? ["Patent agency licence (CNIPA)"] : [], 3000 + rng.Next(5) * 1000, 20000 + rng.Next(5) * 10000, "CNY",
                agency ? 30 : 45, agency ? 12 : 4,
                $"{p.DisplayName(false)}: {string.Join(", ", services.Select(s => Taxonomy.ServiceName(s, false)))} for biopharmaceutical clients in the Greater Bay Area."));
        }
        if (profiles.Count == 0) return;
        await new ProfileStore(db, clock).SaveManyAsync(profiles, publish: true, op, ct);

        var needs = new NeedStore(db, clock);
        var engagements = new EngagementStore(db, clock);
        var byCategory = profiles.SelectMany(p => p.Categories.Select(c => (c, p.EnablerId))).ToLookup(x => x.c, x => x.EnablerId);
        (string Area, string Service, string Title)[] templates =
        [
            ("rnd", "patent_filing", "PCT filing for a bispecific antibody"), ("rnd", "retrieval", "Freedom-to-operate search for a CAR-T construct"),
            ("rnd", "ip_training", "In-house patent drafting course for our R&D team"), ("rnd", "licensing", "In-licensing a small-molecule kinase inhibitor"),
            ("cultivation", "strategic_layout", "Patent portfolio layout for the park's diagnostics firms"), ("cultivation", "databases", "Shared patent database for the cluster"),
            ("cultivation", "ipo", "IP due diligence before our STAR Market listing"), ("cultivation", "operation", "Patent pool for cell-therapy manufacturing"),
            ("financing", "pledge_financing", "Patent pledge loan for phase II funding"), ("financing", "valuation", "Valuation of our vaccine patent family"),
            ("financing", "patent_insurance", "Patent enforcement insurance"), ("talent", "transfer", "Transfer of a returnee scientist's patents"),
            ("talent", "ip_training", "IP training for new researchers"), ("cooperation", "overseas_filing", "EP and US filings before a licensing deal"),
            ("cooperation", "competitor_monitoring", "Monitoring competitors' patents in Europe"), ("cooperation", "market_expansion", "Consulting on entering ASEAN markets"),
            ("cooperation", "early_warning", "Early-warning analysis before a joint venture"), ("financing", "litigation", "Defending a patent suit before fund-raising"),
        ];
        var n = 0;
        foreach (var (area, service, title) in templates.Concat(templates.Take(8)))
        {
            var client = clients[rng.Next(clients.Count)];
            var category = Taxonomy.CategoryOfService(service).Code;
            var conf = (n % 5) switch { 3 => Confidentiality.ProvidersOnly, 4 => Confidentiality.InvitedOnly, _ => Confidentiality.Public };
            var need = await needs.PostAsync(new Need(client.Id, title, area, category, service, fields[rng.Next(fields.Length)],
                $"{title}. {client.DisplayName(false)} is looking for an experienced provider.", 10000 + rng.Next(20) * 5000, "CNY",
                DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30 + rng.Next(120))), conf, "zh", Phase.All[rng.Next(3)]), null, op, ct);
            n++;
            var candidates = byCategory[category].ToList();
            if (candidates.Count == 0 || n % 4 == 0) continue; // unmet needs stay visible in the market view
            var provider = candidates[rng.Next(candidates.Count)];
            var clientActor = new Actor("demo", client.Id, false, false);
            var providerActor = new Actor("demo", provider, false, true);
            var e = await engagements.OpenAsync(need.Id, provider, "Could you send us a proposal?", null, null, clientActor, ct);
            var stage = rng.Next(7);
            if (stage == 0) { await engagements.StepAsync(e.Id, EngagementStep.Decline, "Fully booked this quarter", null, null, providerActor, ct); continue; }
            if (stage >= 1) await engagements.StepAsync(e.Id, EngagementStep.Propose, null, 8000 + rng.Next(10) * 2000, "CNY", providerActor, ct);
            if (stage >= 2) await engagements.StepAsync(e.Id, EngagementStep.Accept, null, null, null, clientActor, ct);
            if (stage >= 3) await engagements.StepAsync(e.Id, EngagementStep.Start, null, null, null, providerActor, ct);
            if (stage >= 4) await engagements.StepAsync(e.Id, EngagementStep.Deliver, null, null, null, providerActor, ct);
            if (stage >= 5) await engagements.RateAsync(e.Id, new Rating(3 + rng.Next(3), "Delivered on time."), clientActor, ct);
        }
    }
}
