using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archipelago.Modules.Valuation.Features.Reference;

namespace Archipelago.Modules.Valuation.Features.Form;

/// <summary>A phase row of the form. Cost and probability may be given a min and max: a triangular distribution around the value.</summary>
public sealed class PhaseRow
{
    public string? Name { get; set; }
    public int? Years { get; set; }
    public double? Cost { get; set; }
    public double? CostMin { get; set; }
    public double? CostMax { get; set; }
    public double? Probability { get; set; }
    public double? ProbabilityMin { get; set; }
    public double? ProbabilityMax { get; set; }
    public string? Source { get; set; }
}

public sealed class MilestoneRow
{
    public string? Phase { get; set; }
    public double? Threshold { get; set; }
    public double? Amount { get; set; }
}

public sealed class TierRow
{
    public double? From { get; set; }
    public double? To { get; set; }
    public double? Rate { get; set; }
}

/// <summary>
/// The asset form of <c>/valuation</c>: the asset JSON schema (docs/valuation-asset-schema.md) as HTML fields, so the
/// page works without JavaScript. <see cref="ToJson"/> writes exactly the JSON a user would write by hand — the same
/// parser then validates it, so a bad value comes back with its JSON path. Inputs the form cannot show (a beta or
/// lognormal distribution, correlations) keep the JSON text as the source (<see cref="UseJson"/>).
/// </summary>
public sealed class AssetForm
{
    public const int PhaseRows = 7, DevelopmentMilestoneRows = 6, SalesMilestoneRows = 3, TierRows = 4;

    public string? Name { get; set; }
    public string? Indication { get; set; }
    public string? TherapeuticArea { get; set; }
    public string? Modality { get; set; }
    public string? CurrentPhase { get; set; }
    public string? Currency { get; set; }
    public double? DiscountRate { get; set; }
    public int? StartYear { get; set; }
    public string? Discounting { get; set; }

    /// <summary>Which published table the phase-probability defaults come from: a key of <see cref="PhaseSuccessRates.Areas"/>.</summary>
    public string? RateSource { get; set; }

    public List<PhaseRow> Phases { get; set; } = [];

    public double? PeakSales { get; set; }
    public double? PeakSalesMin { get; set; }
    public double? PeakSalesMax { get; set; }
    public int? YearsToPeak { get; set; }
    public int? YearsOnMarket { get; set; }
    public double? Margin { get; set; }
    public double? MarginMin { get; set; }
    public double? MarginMax { get; set; }
    public string? Uptake { get; set; }
    public int? ExclusivityEndYear { get; set; }
    /// <summary>Publication number of the patent protecting the asset: its expiry is the exclusivity end when none is given.</summary>
    public string? LinkedPatent { get; set; }
    public double? ErosionRate { get; set; }
    public double? CostOfGoods { get; set; }
    public double? SalesAndMarketingShare { get; set; }
    public double? TaxRate { get; set; }
    public double? LaunchCost { get; set; }

    public double? Upfront { get; set; }
    public List<MilestoneRow> DevelopmentMilestones { get; set; } = [];
    public List<MilestoneRow> SalesMilestones { get; set; } = [];
    public List<TierRow> RoyaltyTiers { get; set; } = [];
    public double? LicensorCostShare { get; set; }

    /// <summary>A one-shot price to set beside the deal (seed 003: 20 million yuan asked for at once).</summary>
    public double? OneShotPrice { get; set; }

    /// <summary>The asset JSON; used instead of the fields when <see cref="UseJson"/>.</summary>
    public string? Json { get; set; }
    public bool UseJson { get; set; }

    /// <summary>Pads the row lists to their fixed sizes so the page always shows empty rows to fill.</summary>
    public AssetForm Padded()
    {
        while (Phases.Count < PhaseRows) Phases.Add(new PhaseRow());
        while (DevelopmentMilestones.Count < DevelopmentMilestoneRows) DevelopmentMilestones.Add(new MilestoneRow());
        while (SalesMilestones.Count < SalesMilestoneRows) SalesMilestones.Add(new MilestoneRow());
        while (RoyaltyTiers.Count < TierRows) RoyaltyTiers.Add(new TierRow());
        return this;
    }

    public bool HasDeal => Upfront is not null || LicensorCostShare is not null ||
        DevelopmentMilestones.Any(m => m.Amount is not null) || SalesMilestones.Any(m => m.Amount is not null) || RoyaltyTiers.Any(t => t.Rate is not null);

    /// <summary>The asset JSON the fields describe (or <see cref="Json"/> when <see cref="UseJson"/>). Blank fields are left
    /// out, so a required one missing is reported by the parser with its path.</summary>
    public string ToJson()
    {
        if (UseJson) return Json ?? "";
        var o = new JsonObject();
        void Text(JsonObject target, string key, string? value) { if (!string.IsNullOrWhiteSpace(value)) target[key] = value.Trim(); }
        void Num(JsonObject target, string key, double? value) { if (value is { } v) target[key] = v; }
        void Int(JsonObject target, string key, int? value) { if (value is { } v) target[key] = v; }
        void Uncertain(JsonObject target, string key, double? value, double? min, double? max)
        {
            if (value is not { } v) return;
            target[key] = min is { } lo && max is { } hi ? new JsonObject { ["dist"] = "triangular", ["min"] = lo, ["mode"] = v, ["max"] = hi } : v;
        }
        Text(o, "name", Name);
        Text(o, "indication", Indication);
        Text(o, "therapeuticArea", TherapeuticArea);
        Text(o, "modality", Modality);
        Text(o, "currentPhase", CurrentPhase);
        Text(o, "currency", Currency);
        Text(o, "linkedPatent", LinkedPatent);
        Num(o, "discountRate", DiscountRate);
        Int(o, "startYear", StartYear);
        Text(o, "discounting", Discounting);
        var phases = new JsonArray();
        foreach (var p in Phases.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
        {
            var po = new JsonObject { ["name"] = p.Name!.Trim() };
            Int(po, "years", p.Years);
            Uncertain(po, "cost", p.Cost, p.CostMin, p.CostMax);
            Uncertain(po, "probability", p.Probability, p.ProbabilityMin, p.ProbabilityMax);
            Text(po, "source", p.Source);
            phases.Add(po);
        }
        o["phases"] = phases;
        var m = new JsonObject();
        Uncertain(m, "peakSales", PeakSales, PeakSalesMin, PeakSalesMax);
        Int(m, "yearsToPeak", YearsToPeak);
        Int(m, "yearsOnMarket", YearsOnMarket);
        Uncertain(m, "margin", Margin, MarginMin, MarginMax);
        Text(m, "uptake", Uptake);
        Int(m, "exclusivityEndYear", ExclusivityEndYear);
        Num(m, "erosionRate", ErosionRate);
        Num(m, "costOfGoods", CostOfGoods);
        Num(m, "salesAndMarketingShare", SalesAndMarketingShare);
        Num(m, "taxRate", TaxRate);
        Num(m, "launchCost", LaunchCost);
        o["market"] = m;
        if (HasDeal)
        {
            var d = new JsonObject();
            Num(d, "upfront", Upfront);
            var dev = new JsonArray();
            foreach (var x in DevelopmentMilestones.Where(x => x.Amount is not null || !string.IsNullOrWhiteSpace(x.Phase)))
            {
                var xo = new JsonObject();
                Text(xo, "phase", x.Phase);
                Num(xo, "amount", x.Amount);
                dev.Add(xo);
            }
            if (dev.Count > 0) d["developmentMilestones"] = dev;
            var sales = new JsonArray();
            foreach (var x in SalesMilestones.Where(x => x.Amount is not null || x.Threshold is not null))
            {
                var xo = new JsonObject();
                Num(xo, "threshold", x.Threshold);
                Num(xo, "amount", x.Amount);
                sales.Add(xo);
            }
            if (sales.Count > 0) d["salesMilestones"] = sales;
            var tiers = new JsonArray();
            foreach (var t in RoyaltyTiers.Where(t => t.Rate is not null || t.From is not null || t.To is not null))
            {
                var to = new JsonObject();
                Num(to, "from", t.From);
                Num(to, "to", t.To);
                Num(to, "rate", t.Rate);
                tiers.Add(to);
            }
            if (tiers.Count > 0) d["royaltyTiers"] = tiers;
            Num(d, "licensorCostShare", LicensorCostShare);
            o["deal"] = d;
        }
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The form for an asset JSON. Values the fields cannot show set <see cref="UseJson"/>, keeping the JSON as the source.</summary>
    public static AssetForm FromJson(string json)
    {
        var f = new AssetForm { Json = json };
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException) { f.UseJson = true; return f.Padded(); }
        if (root is not JsonObject o) { f.UseJson = true; return f.Padded(); }
        var lossy = false;
        string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        double? D(JsonNode? n)
        {
            if (n is null) return null;
            if (n is JsonValue v && v.TryGetValue<double>(out var d)) return d;
            lossy = true;
            return null;
        }
        int? I(JsonNode? n)
        {
            if (n is null) return null;
            if (n is JsonValue v && v.TryGetValue<int>(out var i)) return i;
            lossy = true;
            return null;
        }
        (double? Value, double? Min, double? Max) U(JsonNode? n)
        {
            if (n is JsonObject d)
            {
                switch (S(d["dist"])?.ToLowerInvariant())
                {
                    case "triangular": return (D(d["mode"]), D(d["min"]), D(d["max"]));
                    case "fixed": return (D(d["value"]), null, null);
                    default: lossy = true; return (null, null, null);
                }
            }
            return (D(n), null, null);
        }
        f.Name = S(o["name"]);
        f.Indication = S(o["indication"]);
        f.TherapeuticArea = S(o["therapeuticArea"]);
        f.Modality = S(o["modality"]);
        f.CurrentPhase = S(o["currentPhase"]);
        f.Currency = S(o["currency"]);
        f.LinkedPatent = S(o["linkedPatent"]);
        f.DiscountRate = D(o["discountRate"]);
        f.StartYear = I(o["startYear"]);
        f.Discounting = S(o["discounting"]);
        if (o["correlations"] is JsonArray { Count: > 0 }) lossy = true;
        if (o["phases"] is JsonArray phases)
            foreach (var p in phases.OfType<JsonObject>())
            {
                var (c, cmin, cmax) = U(p["cost"]);
                var (pr, pmin, pmax) = U(p["probability"]);
                f.Phases.Add(new PhaseRow { Name = S(p["name"]), Years = I(p["years"]), Cost = c, CostMin = cmin, CostMax = cmax,
                    Probability = pr, ProbabilityMin = pmin, ProbabilityMax = pmax, Source = S(p["source"]) });
            }
        if (f.Phases.Count > PhaseRows) lossy = true;
        if (o["market"] is JsonObject m)
        {
            (f.PeakSales, f.PeakSalesMin, f.PeakSalesMax) = U(m["peakSales"]);
            f.YearsToPeak = I(m["yearsToPeak"]);
            f.YearsOnMarket = I(m["yearsOnMarket"]);
            (f.Margin, f.MarginMin, f.MarginMax) = U(m["margin"]);
            f.Uptake = S(m["uptake"]);
            f.ExclusivityEndYear = I(m["exclusivityEndYear"]);
            f.ErosionRate = D(m["erosionRate"]);
            f.CostOfGoods = D(m["costOfGoods"]);
            f.SalesAndMarketingShare = D(m["salesAndMarketingShare"]);
            f.TaxRate = D(m["taxRate"]);
            var (launch, lmin, _) = U(m["launchCost"]);
            if (lmin is not null) lossy = true;
            f.LaunchCost = launch;
        }
        if (o["deal"] is JsonObject deal)
        {
            f.Upfront = D(deal["upfront"]);
            f.LicensorCostShare = D(deal["licensorCostShare"]);
            if (deal["developmentMilestones"] is JsonArray dev)
                foreach (var x in dev.OfType<JsonObject>()) f.DevelopmentMilestones.Add(new MilestoneRow { Phase = S(x["phase"]), Amount = D(x["amount"]) });
            if (deal["salesMilestones"] is JsonArray sales)
                foreach (var x in sales.OfType<JsonObject>()) f.SalesMilestones.Add(new MilestoneRow { Threshold = D(x["threshold"]), Amount = D(x["amount"]) });
            if (deal["royaltyTiers"] is JsonArray tiers)
                foreach (var x in tiers.OfType<JsonObject>()) f.RoyaltyTiers.Add(new TierRow { From = D(x["from"]), To = D(x["to"]), Rate = D(x["rate"]) });
            if (f.DevelopmentMilestones.Count > DevelopmentMilestoneRows || f.SalesMilestones.Count > SalesMilestoneRows || f.RoyaltyTiers.Count > TierRows) lossy = true;
        }
        f.UseJson = lossy;
        return f.Padded();
    }

    /// <summary>Sets each phase's probability and source from the published table <see cref="RateSource"/> where it
    /// has a rate for that phase; returns the phases it could not fill (pre-clinical has no published rate here).</summary>
    public IReadOnlyList<string> ApplyReferenceRates()
    {
        var missing = new List<string>();
        foreach (var p in Phases.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
        {
            if (RateSource is { } key && PhaseSuccessRates.For(key, p.Name!) is { } rate)
            {
                p.Probability = Math.Round(rate.ValuePercent / 100, 4);
                p.ProbabilityMin = p.ProbabilityMax = null;
                p.Source = rate.Citation;
            }
            else missing.Add(p.Name!);
        }
        return missing;
    }

    /// <summary>Standard phases from the asset's current phase up to filing (an approved asset has none ahead).</summary>
    public static IReadOnlyList<string> PhasesAhead(string? currentPhase)
    {
        string[] all = ["Discovery", "Pre-clinical", "Phase I", "Phase II", "Phase III", "Filing"];
        var rank = currentPhase is null ? null : Numerics.Finance.DevelopmentPhase.StandardRank(currentPhase);
        return rank is int r ? all.Skip(Math.Min(r, all.Length)).ToArray() : all[2..];
    }

    /// <summary>The page's starting point: the four clinical phases of issue 6's minimal example (years and costs are
    /// that example's; probabilities from the 2011–2020 all-indications table) and its market.</summary>
    public static AssetForm Example()
    {
        var f = new AssetForm
        {
            Name = "New asset", CurrentPhase = "Phase I", Currency = "USD million", DiscountRate = 0.1, RateSource = "BIO/Informa/QLS 2021|All indications",
            Phases =
            [
                new PhaseRow { Name = "Phase I", Years = 2, Cost = 30 },
                new PhaseRow { Name = "Phase II", Years = 2, Cost = 60 },
                new PhaseRow { Name = "Phase III", Years = 3, Cost = 180 },
                new PhaseRow { Name = "Filing", Years = 1, Cost = 5 },
            ],
            PeakSales = 800, YearsToPeak = 5, YearsOnMarket = 12, Margin = 0.6, Uptake = "linear",
        };
        f.ApplyReferenceRates();
        return f.Padded();
    }

    public static string Invariant(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
