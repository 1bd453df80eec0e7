using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Valuation.Features.Deals;
using Archipelago.Modules.Valuation.Features.Saved;

namespace Archipelago.Modules.Valuation.Features.Demo;

/// <summary>
/// The valuation part of the demo workspace: invented deals between the demo cluster's enablers (found by name; the
/// deals are skipped when the cluster demo is absent) and a saved valuation with two versions. Every figure is invented
/// for illustration, in the shape of seed 004 §5.3's cross-border licence-out deals (upfront, milestones, royalties).
/// </summary>
public static class DemoValuation
{
    const string Asset = """
        {"name": "PI-101 topical anti-inflammatory (demo)", "indication": "moderate psoriasis", "therapeuticArea": "Dermatology",
         "modality": "small molecule", "currentPhase": "Phase I", "currency": "CNY million", "discountRate": 0.1, "startYear": 2026,
         "phases": [{"name": "Phase I", "years": 2, "cost": 30, "probability": 0.52, "source": "BIO/Informa/QLS 2021, all indications"},
                    {"name": "Phase II", "years": 2, "cost": 60, "probability": 0.289, "source": "BIO/Informa/QLS 2021, all indications"},
                    {"name": "Phase III", "years": 3, "cost": 180, "probability": 0.578},
                    {"name": "Filing", "years": 1, "cost": 5, "probability": 0.906}],
         "market": {"peakSales": %PEAK%, "yearsToPeak": 5, "yearsOnMarket": 12, "margin": 0.6},
         "deal": {"upfront": 5, "developmentMilestones": [{"phase": "Phase II", "amount": 10}, {"phase": "Filing", "amount": 30}],
                  "royaltyTiers": [{"from": 0, "to": 500, "rate": 0.06}, {"from": 500, "rate": 0.09}]}}
        """;

    /// <summary>Seed 003's case (docs/examples/seed003-case.json, with the asset described): a staged licence to set beside
    /// the one-shot 20 million yuan asked (open it with ?oneShot=20).</summary>
    const string Seed003 = """
        {
          "name": "Seed 003 case: topical skin-disease drug patent offered for a one-shot 20 million yuan",
          "currency": "CNY million",
          "indication": "skin diseases (topical)",
          "therapeuticArea": "Dermatology",
          "modality": "small molecule",
          "currentPhase": "Pre-clinical",
          "description": "Seed 003 section 3.3. Inventor A asked about 20 million yuan, one shot, for the patents of a new topical drug for skin diseases. Buyer B refused: the result was early (about 5% of the necessary test workload done, pharmacology/toxicology still ahead), 6-8 more years and large spending before approval. The paper argues for milestone payments by maturity plus a commission (royalty) on sales. Only the 20 million, the 6-8 years and the 5% come from the seed; every other number here is an assumption for illustration.",
          "_sources": {
            "phase probabilities": "Phase I 52.0%, Phase II 28.9%, Phase III 57.8%, NDA/BLA 90.6%: BIO/Informa/QLS 2011-2020 all indications (shared/data/reference-drug-phase-success-rates; 28.9 verified, the others are the commonly quoted values). Pre-clinical 60% is an assumption: the shipped table has no pre-clinical rate.",
            "duration": "2+1+2+2+1 = 8 years to approval, the top of the seed's 6-8 years.",
            "costs and market": "assumptions for a topical dermatology product in China; taxRate 0.15 is the PRC high-tech enterprise income-tax rate.",
            "deal": "oneShot = the asking price as an upfront only; staged = an illustrative milestone-and-royalty structure of the kind the paper recommends."
          },
          "discountRate": 0.1,
          "startYear": 2026,
          "discounting": "end-of-year",
          "phases": [
            {
              "name": "Pre-clinical",
              "years": 2,
              "cost": 8,
              "probability": 0.6
            },
            {
              "name": "Phase I",
              "years": 1,
              "cost": 5,
              "probability": 0.52
            },
            {
              "name": "Phase II",
              "years": 2,
              "cost": 15,
              "probability": 0.289
            },
            {
              "name": "Phase III",
              "years": 2,
              "cost": 40,
              "probability": 0.578
            },
            {
              "name": "Filing",
              "years": 1,
              "cost": 2,
              "probability": 0.906
            }
          ],
          "market": {
            "peakSales": 600,
            "yearsToPeak": 5,
            "yearsOnMarket": 10,
            "uptake": "s-curve",
            "margin": 0.75,
            "salesAndMarketingShare": 0.35,
            "taxRate": 0.15,
            "launchCost": 15,
            "exclusivityEndYear": 2043,
            "erosionRate": 0.3
          },
          "deal": {
            "_note": "staged structure; the one-shot alternative is upfront 20 with nothing else",
            "upfront": 0.5,
            "developmentMilestones": [
              {
                "phase": "Pre-clinical",
                "amount": 0.5
              },
              {
                "phase": "Phase I",
                "amount": 1
              },
              {
                "phase": "Phase II",
                "amount": 2
              },
              {
                "phase": "Phase III",
                "amount": 4
              },
              {
                "phase": "Filing",
                "amount": 6
              }
            ],
            "salesMilestones": [
              {
                "threshold": 300,
                "amount": 5
              },
              {
                "threshold": 500,
                "amount": 8
              }
            ],
            "royaltyTiers": [
              {
                "from": 0,
                "to": 200,
                "rate": 0.02
              },
              {
                "from": 200,
                "to": 400,
                "rate": 0.03
              },
              {
                "from": 400,
                "rate": 0.04
              }
            ],
            "licensorCostShare": 0
          }
        }
        """;

    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var clock = TimeProvider.System;
        var saved = new SavedValuationStore(db, clock);
        var v = await saved.CreateAsync(null, Asset.Replace("%PEAK%", "800"), "demo", "first estimate", ct);
        await saved.AddVersionAsync(v.ValuationId, Asset.Replace("%PEAK%", "{\"dist\": \"triangular\", \"min\": 500, \"mode\": 700, \"max\": 1100}"), "demo",
            "peak sales from the market study, as a range", ct);
        await saved.CreateAsync(null, Seed003, "demo", "seed 003 §3.3: staged licence instead of a one-shot 20 million yuan", ct);

        var enablers = new EnablerStore(db, clock);
        async Task<long?> Find(string name) => (await enablers.SearchAsync(new EnablerQuery(Text: name, Take: 1), ct)).Items.FirstOrDefault()?.Id;
        var startups = (await enablers.SearchAsync(new EnablerQuery(Text: "Therapeutics Co., Ltd.", Take: 5), ct)).Items.Select(e => (long?)e.Id).ToList();
        var biotechs = (await enablers.SearchAsync(new EnablerQuery(Text: "Biotech Co., Ltd.", Take: 5), ct)).Items.Select(e => (long?)e.Id).ToList();
        var names = new[] { "Hengtai Pharmaceutical Group", "Ruikang Biologics", "Anxin Gene Technology", "Boming Medical", "Aldermoor Pharma", "Kestrel Life Sciences",
            "Charles Point Therapeutics", "Rhine Valley Biologics", "Brightwater Bio", "South Harbour Institute", "Lingbay Medical University", "Qiming Harbour Ventures" };
        var id = new Dictionary<string, long?>();
        foreach (var name in names) id[name] = await Find(name);
        long? S(List<long?> list, int i) => i < list.Count ? list[i] : null;

        (string Kind, int Year, int Month, long? From, long? To, string Asset, string Stage, string Area, string Modality, string Territory, string Cur,
            double? Upfront, double? Milestones, double? Low, double? High, double? Equity, double Total)[] deals =
        [
            ("licence", 2019, 6, id["Anxin Gene Technology"], id["Charles Point Therapeutics"], "AX-201", "Phase I", "Oncology", "antibody", "Worldwide ex-China", "USD", 20, 480, 0.08, 0.12, null, 500),
            ("licence", 2020, 3, id["Ruikang Biologics"], id["Rhine Valley Biologics"], "RK-07", "Phase II", "Oncology", "antibody", "Worldwide ex-Greater China", "USD", 45, 700, 0.10, 0.15, null, 745),
            ("licence", 2020, 9, S(startups, 0), id["Hengtai Pharmaceutical Group"], "Topical TX-3", "Pre-clinical", "Dermatology", "small molecule", "China", "CNY", 5, 60, 0.03, 0.05, null, 65),
            ("option", 2021, 2, S(biotechs, 0), id["Aldermoor Pharma"], "CAR-B12", "Discovery", "Oncology", "cell therapy", "Worldwide", "USD", 10, 300, 0.06, 0.09, null, 310),
            ("co_development", 2021, 5, id["South Harbour Institute"], id["Hengtai Pharmaceutical Group"], "SH-RSV1", "Pre-clinical", "Respiratory", "small molecule", "China", "CNY", 8, 40, 0.04, 0.04, null, 48),
            ("licence", 2021, 11, id["Lingbay Medical University"], id["Ruikang Biologics"], "LB-mAb2", "Pre-clinical", "Oncology", "antibody", "China", "CNY", 3, 50, 0.02, 0.04, null, 53),
            ("licence", 2022, 1, id["Anxin Gene Technology"], id["Brightwater Bio"], "AX-GT5", "Phase II", "Oncology", "gene therapy", "Worldwide ex-China", "USD", 90, 1100, 0.12, 0.18, null, 1190),
            ("licence", 2022, 7, S(startups, 1), id["Kestrel Life Sciences"], "QN-IL23", "Phase I", "Immunology", "antibody", "Worldwide ex-China", "USD", 30, 520, 0.08, 0.10, null, 550),
            ("acquisition", 2022, 10, S(startups, 2), id["Hengtai Pharmaceutical Group"], "Company acquisition", "Phase II", "Oncology", "small molecule", "China", "CNY", 300, 200, null, null, null, 500),
            ("equity", 2023, 4, S(biotechs, 1), id["Qiming Harbour Ventures"], "Series B", "Pre-clinical", "Ophthalmology", "gene therapy", "China", "CNY", null, null, null, null, 80, 80),
            ("licence", 2023, 6, id["Ruikang Biologics"], id["Charles Point Therapeutics"], "RK-09", "Phase III", "Oncology", "antibody", "United States", "USD", 150, 1350, 0.15, 0.20, null, 1500),
            ("licence", 2023, 9, S(startups, 0), id["Boming Medical"], "Topical TX-4", "Phase I", "Dermatology", "small molecule", "China", "CNY", 15, 120, 0.05, 0.07, null, 135),
        ];
        var store = new DealStore(db, clock);
        var n = 0;
        foreach (var d in deals)
        {
            n++;
            if (d.From is not { } from || d.To is not { } to || from == to) continue;
            await store.AddAsync(new RegisteredDeal($"D{d.Year}-{n:D2}", d.Kind, new PartialDate(d.Year, d.Month, 1, DatePrecision.Month), from, to, d.Asset, d.Stage,
                d.Area, d.Modality, d.Territory, null, d.Cur, d.Upfront, d.Milestones, d.Low, d.High, d.Equity, d.Total, null), "demo", "demo", ct);
        }
    }
}
