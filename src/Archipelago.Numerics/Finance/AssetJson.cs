using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Archipelago.Numerics.Finance;

/// <summary>A parsed valuation file: the (possibly uncertain) asset and optional deal terms.</summary>
public sealed record ValuationCase(UncertainDrugAsset Asset, DealTerms? Deal, string? Name, string? Currency);

/// <summary>
/// Parses the asset JSON contract described in <c>docs/valuation-asset-schema.md</c>. Pure: takes a string or a
/// <see cref="JsonElement"/>, never a file. Every error is a <see cref="ValuationInputException"/> whose
/// <see cref="ValuationInputException.Field"/> is the JSON path of the bad value, e.g. <c>$.phases[1].probability</c>.
/// </summary>
/// <remarks>
/// Any number marked "number or distribution" in the schema may instead be an object
/// <c>{"dist": "triangular", "min": .., "mode": .., "max": ..}</c> (also pert, normal, lognormal, beta, uniform,
/// discrete, fixed). Unknown properties are rejected (typos would otherwise pass silently) except
/// <c>name</c>, <c>description</c>, <c>notes</c>, <c>source</c>, <c>currency</c>, <c>indication</c>, <c>therapeuticArea</c>,
/// <c>modality</c>, <c>currentPhase</c> and any name starting with "_".
/// </remarks>
public static class AssetJson
{
    public static ValuationCase Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new ValuationInputException(ValuationErrorCodes.InvalidJson, "$", $"not valid JSON: {e.Message}");
        }
        using (doc) return Parse(doc.RootElement);
    }

    public static ValuationCase Parse(JsonElement root)
    {
        var o = Obj(root, "$", ["discountRate", "startYear", "discounting", "phases", "market", "correlations", "deal", "linkedPatent"]);
        // The linked patent's expiry is looked up by the caller (it needs a workspace) and written into
        // market.exclusivityEndYear before parsing; here it is only checked to be a publication number's text.
        if (Opt(o, "linkedPatent") is { ValueKind: not (JsonValueKind.String or JsonValueKind.Null) } lp) throw WrongType("$.linkedPatent", "a publication number as text", lp);
        var inputs = new Dictionary<AssetInput, Distribution>();
        var discountRate = Wrap("$", () => Check.DiscountRate(Num(Req(o, "discountRate", "$"), "$.discountRate"), "discountRate"));
        var startYear = Opt(o, "startYear") is { } sy ? Int(sy, "$.startYear") : 0;
        var timing = DiscountTiming.EndOfYear;
        if (Opt(o, "discounting") is { } disc)
            timing = Str(disc, "$.discounting").ToLowerInvariant() switch
            {
                "end-of-year" or "endofyear" or "end" => DiscountTiming.EndOfYear,
                "mid-year" or "midyear" or "mid" => DiscountTiming.MidYear,
                var s => throw new ValuationInputException(ValuationErrorCodes.UnknownValue, "$.discounting", $"expected \"end-of-year\" or \"mid-year\", got \"{s}\""),
            };

        var phasesEl = Req(o, "phases", "$");
        if (phasesEl.ValueKind != JsonValueKind.Array) throw WrongType("$.phases", "an array", phasesEl);
        var phases = new List<DevelopmentPhase>();
        var i = 0;
        foreach (var pe in phasesEl.EnumerateArray())
        {
            var path = $"$.phases[{i}]";
            var p = Obj(pe, path, ["years", "cost", "probability"]);
            var name = Str(Req(p, "name", path), path + ".name");
            var years = Int(Req(p, "years", path), path + ".years");
            var cost = NumOrDist(Req(p, "cost", path), path + ".cost", AssetInput.PhaseCost(i), inputs);
            var prob = NumOrDist(Req(p, "probability", path), path + ".probability", AssetInput.PhaseProbability(i), inputs);
            phases.Add(Wrap(path, () => new DevelopmentPhase(name, years, cost, prob)));
            i++;
        }

        var me = Obj(Req(o, "market", "$"), "$.market", ["peakSales", "yearsToPeak", "yearsOnMarket", "margin", "uptake",
            "exclusivityEndYear", "erosionRate", "costOfGoods", "salesAndMarketingShare", "taxRate", "launchCost"]);
        const string mp = "$.market";
        var peak = NumOrDist(Req(me, "peakSales", mp), mp + ".peakSales", AssetInput.PeakSales, inputs);
        var toPeak = Int(Req(me, "yearsToPeak", mp), mp + ".yearsToPeak");
        var onMarket = Int(Req(me, "yearsOnMarket", mp), mp + ".yearsOnMarket");
        var margin = NumOrDist(Req(me, "margin", mp), mp + ".margin", AssetInput.Margin, inputs);
        var uptake = UptakeCurve.Linear;
        if (Opt(me, "uptake") is { } up)
            uptake = Str(up, mp + ".uptake").ToLowerInvariant() switch
            {
                "linear" => UptakeCurve.Linear,
                "s-curve" or "scurve" or "s" => UptakeCurve.SCurve,
                var s => throw new ValuationInputException(ValuationErrorCodes.UnknownValue, mp + ".uptake", $"expected \"linear\" or \"s-curve\", got \"{s}\""),
            };
        int? exclusivity = Opt(me, "exclusivityEndYear") is { } ex && ex.ValueKind != JsonValueKind.Null ? Int(ex, mp + ".exclusivityEndYear") : null;
        double OptNum(string key) => Opt(me, key) is { } e ? Num(e, mp + "." + key) : 0;
        var launch = Opt(me, "launchCost") is { } lc ? NumOrDist(lc, mp + ".launchCost", AssetInput.LaunchCost, inputs) : 0;
        var market = Wrap(mp, () => new MarketModel(peak, toPeak, onMarket, margin, uptake, exclusivity, OptNum("erosionRate"),
            OptNum("costOfGoods"), OptNum("salesAndMarketingShare"), OptNum("taxRate"), launch));

        var asset = Wrap("$", () => new DrugAsset(discountRate, phases, market, startYear, timing));

        var correlations = new List<InputCorrelation>();
        if (Opt(o, "correlations") is { } ce)
        {
            if (ce.ValueKind != JsonValueKind.Array) throw WrongType("$.correlations", "an array", ce);
            var k = 0;
            foreach (var c in ce.EnumerateArray())
            {
                var path = $"$.correlations[{k++}]";
                var co = Obj(c, path, ["a", "b", "rho"]);
                AssetInput Key(string f)
                {
                    var s = Str(Req(co, f, path), $"{path}.{f}");
                    return AssetInput.Parse(s) ?? throw new ValuationInputException(ValuationErrorCodes.UnknownValue, $"{path}.{f}",
                        $"unknown input \"{s}\"; use phases[i].cost, phases[i].probability, market.peakSales, market.margin or market.launchCost");
                }
                correlations.Add(new InputCorrelation(Key("a"), Key("b"), Num(Req(co, "rho", path), path + ".rho")));
            }
        }
        var uncertain = Wrap("$", () => new UncertainDrugAsset(asset, inputs, correlations), correlationsPath: "$.correlations");

        DealTerms? deal = null;
        if (Opt(o, "deal") is { } de) deal = ParseDeal(de, "$.deal");
        return new ValuationCase(uncertain, deal, Opt(o, "name") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null,
            Opt(o, "currency") is { ValueKind: JsonValueKind.String } cur ? cur.GetString() : null);
    }

    static DealTerms ParseDeal(JsonElement de, string path)
    {
        var d = Obj(de, path, ["upfront", "developmentMilestones", "salesMilestones", "royaltyTiers", "licensorCostShare"]);
        var upfront = Opt(d, "upfront") is { } u ? Num(u, path + ".upfront") : 0;
        var costShare = Opt(d, "licensorCostShare") is { } cs ? Num(cs, path + ".licensorCostShare") : 0;
        List<T> Array<T>(string key, Func<JsonElement, string, T> item)
        {
            var list = new List<T>();
            if (Opt(d, key) is not { } a) return list;
            if (a.ValueKind != JsonValueKind.Array) throw WrongType($"{path}.{key}", "an array", a);
            var i = 0;
            foreach (var e in a.EnumerateArray()) { var p = $"{path}.{key}[{i++}]"; list.Add(Wrap(p, () => item(e, p))); }
            return list;
        }
        var dev = Array("developmentMilestones", (e, p) =>
        {
            var m = Obj(e, p, ["phase", "amount"]);
            return new DevelopmentMilestone(Str(Req(m, "phase", p), p + ".phase"), Num(Req(m, "amount", p), p + ".amount"));
        });
        var sales = Array("salesMilestones", (e, p) =>
        {
            var m = Obj(e, p, ["threshold", "amount"]);
            return new SalesMilestone(Num(Req(m, "threshold", p), p + ".threshold"), Num(Req(m, "amount", p), p + ".amount"));
        });
        var tiers = Array("royaltyTiers", (e, p) =>
        {
            var m = Obj(e, p, ["from", "to", "rate"]);
            double? to = Opt(m, "to") is { } t && t.ValueKind != JsonValueKind.Null ? Num(t, p + ".to") : null;
            return new RoyaltyTier(Num(Req(m, "from", p), p + ".from"), to, Num(Req(m, "rate", p), p + ".rate"));
        });
        return Wrap(path, () => new DealTerms(upfront, dev, sales, tiers, costShare));
    }

    static readonly string[] FreeText = ["name", "description", "notes", "source", "currency", "indication", "therapeuticArea", "modality", "currentPhase"];

    static Dictionary<string, JsonElement> Obj(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw WrongType(path, "an object", e);
        var d = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name.StartsWith('_') || FreeText.Contains(p.Name)) { d[p.Name] = p.Value; continue; }
            if (!allowed.Contains(p.Name))
                throw new ValuationInputException(ValuationErrorCodes.UnknownValue, $"{path}.{p.Name}",
                    $"unknown property; expected one of {string.Join(", ", allowed)}");
            d[p.Name] = p.Value;
        }
        return d;
    }

    static JsonElement Req(Dictionary<string, JsonElement> o, string key, string path) =>
        o.TryGetValue(key, out var v) && v.ValueKind != JsonValueKind.Null ? v
            : throw new ValuationInputException(ValuationErrorCodes.Required, $"{path}.{key}", "required");

    static JsonElement? Opt(Dictionary<string, JsonElement> o, string key) => o.TryGetValue(key, out var v) ? v : null;

    static double Num(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number) throw WrongType(path, "a number", e);
        var v = e.GetDouble();
        return double.IsFinite(v) ? v : throw new ValuationInputException(ValuationErrorCodes.NotFinite, path, "must be finite");
    }

    static int Int(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var v)) throw WrongType(path, "a whole number", e);
        return v;
    }

    static string Str(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw WrongType(path, "a string", e);

    static ValuationInputException WrongType(string path, string expected, JsonElement got) =>
        new(ValuationErrorCodes.WrongType, path, $"expected {expected}, got {got.ValueKind.ToString().ToLowerInvariant()} {Truncate(got.GetRawText())}");

    static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>A plain number, or a distribution object recorded in <paramref name="inputs"/>; returns the base value (the mean).</summary>
    static double NumOrDist(JsonElement e, string path, AssetInput input, Dictionary<AssetInput, Distribution> inputs)
    {
        if (e.ValueKind == JsonValueKind.Number) return Num(e, path);
        if (e.ValueKind != JsonValueKind.Object) throw WrongType(path, "a number or a distribution object", e);
        var dist = Wrap(path, () => ParseDistribution(e, path));
        inputs[input] = dist;
        return dist.Mean;
    }

    /// <summary>Parses a distribution object such as <c>{"dist": "beta", "alpha": 2, "beta": 5}</c>.</summary>
    public static Distribution ParseDistribution(JsonElement e, string path = "$")
    {
        if (e.ValueKind != JsonValueKind.Object) throw WrongType(path, "a distribution object", e);
        if (!e.TryGetProperty("dist", out var kindEl))
            throw new ValuationInputException(ValuationErrorCodes.Required, path + ".dist", "a distribution object needs \"dist\"");
        var kind = Str(kindEl, path + ".dist");
        var o = Obj(e, path, kind.ToLowerInvariant() switch
        {
            "triangular" => ["dist", "min", "mode", "max"],
            "pert" => ["dist", "min", "mode", "max", "lambda"],
            "normal" => ["dist", "mean", "sd"],
            "lognormal" => ["dist", "mu", "sigma", "mean", "sd"],
            "beta" => ["dist", "alpha", "beta", "min", "max"],
            "uniform" => ["dist", "min", "max"],
            "discrete" => ["dist", "values", "probabilities"],
            "fixed" => ["dist", "value"],
            _ => throw new ValuationInputException(ValuationErrorCodes.UnknownValue, path + ".dist",
                $"unknown distribution \"{kind}\"; expected triangular, pert, normal, lognormal, beta, uniform, discrete or fixed"),
        });
        double N(string k) => Num(Req(o, k, path), $"{path}.{k}");
        double NOpt(string k, double def) => Opt(o, k) is { } v ? Num(v, $"{path}.{k}") : def;
        double[] Arr(string k)
        {
            var a = Req(o, k, path);
            if (a.ValueKind != JsonValueKind.Array) throw WrongType($"{path}.{k}", "an array of numbers", a);
            return a.EnumerateArray().Select((x, i) => Num(x, $"{path}.{k}[{i}]")).ToArray();
        }
        return kind.ToLowerInvariant() switch
        {
            "triangular" => Distribution.Triangular(N("min"), N("mode"), N("max")),
            "pert" => Distribution.Pert(N("min"), N("mode"), N("max"), NOpt("lambda", 4)),
            "normal" => Distribution.Normal(N("mean"), N("sd")),
            "lognormal" => o.ContainsKey("mu") ? Distribution.LogNormal(N("mu"), N("sigma")) : Distribution.LogNormalFromMeanSd(N("mean"), N("sd")),
            "beta" => Distribution.Beta(N("alpha"), N("beta"), NOpt("min", 0), NOpt("max", 1)),
            "uniform" => Distribution.Uniform(N("min"), N("max")),
            "discrete" => Distribution.Discrete(Arr("values"), Arr("probabilities")),
            _ => Distribution.Fixed(N("value")),
        };
    }

    /// <summary>Runs a constructor and re-locates its validation error under <paramref name="path"/>.</summary>
    static T Wrap<T>(string path, Func<T> build, string? correlationsPath = null)
    {
        try { return build(); }
        catch (ValuationInputException e) when (!e.Field.StartsWith('$'))
        {
            if (correlationsPath is not null && e.Field == "correlations") throw new ValuationInputException(e.Code, correlationsPath, e.Detail);
            if (e.Field.StartsWith("phases[", StringComparison.Ordinal) || e.Field.StartsWith("market.", StringComparison.Ordinal))
                throw new ValuationInputException(e.Code, "$." + e.Field, e.Detail);
            throw e.At(path);
        }
    }
}

/// <summary>
/// JSON output for the CLI (<c>--format json</c>), snake_case keys. Pure: returns a string.
/// rNPV: <c>{"rnpv","npv","loa","years":[{"index","year","phase","p_reach","development_cost","commercial_cost","revenue","net_cf","expected_cf","discount_factor","discounted_expected_cf"}]}</c>.
/// Monte Carlo: <c>{"paths","seed","mean","std_dev","std_error","p5","p10","p50","p90","p95","min","max","p_positive","expected_loss","base_case_rnpv","histogram":[{"lower","upper","count"}]}</c>.
/// </summary>
public static class ValuationJson
{
    public static string Write(RnpvResult r) => Build(w =>
    {
        w.WriteNumber("rnpv", r.Value);
        w.WriteNumber("npv", r.Npv);
        w.WriteNumber("loa", r.LikelihoodOfApproval);
        w.WriteStartArray("years");
        foreach (var y in r.Years)
        {
            w.WriteStartObject();
            w.WriteNumber("index", y.Index); w.WriteNumber("year", y.Year); w.WriteString("phase", y.Phase);
            w.WriteNumber("p_reach", y.ProbabilityOfReaching); w.WriteNumber("development_cost", y.DevelopmentCost);
            w.WriteNumber("commercial_cost", y.CommercialCost); w.WriteNumber("revenue", y.Revenue);
            w.WriteNumber("net_cf", y.NetCashFlow); w.WriteNumber("expected_cf", y.ExpectedCashFlow);
            w.WriteNumber("discount_factor", y.DiscountFactor); w.WriteNumber("discounted_expected_cf", y.DiscountedExpectedCashFlow);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static string Write(MonteCarloResult r) => Build(w =>
    {
        w.WriteNumber("paths", r.Paths); w.WriteNumber("seed", r.Seed);
        w.WriteNumber("mean", r.Mean); w.WriteNumber("std_dev", r.StdDev); w.WriteNumber("std_error", r.StdError);
        w.WriteNumber("p5", r.P5); w.WriteNumber("p10", r.P10); w.WriteNumber("p50", r.P50); w.WriteNumber("p90", r.P90); w.WriteNumber("p95", r.P95);
        w.WriteNumber("min", r.Min); w.WriteNumber("max", r.Max);
        w.WriteNumber("p_positive", r.ProbabilityPositive); w.WriteNumber("expected_loss", r.ExpectedLoss);
        w.WriteNumber("base_case_rnpv", r.BaseCaseRnpv);
        w.WriteStartArray("histogram");
        foreach (var b in r.Histogram) { w.WriteStartObject(); w.WriteNumber("lower", b.Lower); w.WriteNumber("upper", b.Upper); w.WriteNumber("count", b.Count); w.WriteEndObject(); }
        w.WriteEndArray();
    });

    static string Build(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
