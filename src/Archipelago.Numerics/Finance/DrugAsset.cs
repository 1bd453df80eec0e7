namespace Archipelago.Numerics.Finance;

/// <summary>
/// One development phase still ahead of the asset, e.g. "Phase II", 2 years, cost 40, probability 0.289.
/// </summary>
/// <remarks>
/// Rules: <see cref="Cost"/> is the total cost of the phase, spread evenly over its <see cref="Years"/>
/// and incurred only if the phase is reached. <see cref="Probability"/> is the probability of
/// succeeding in this phase given it is reached (the phase-transition rate). A zero-year phase is a
/// pure gate (a probability, no time) and must then have zero cost.
/// </remarks>
public sealed record DevelopmentPhase
{
    public DevelopmentPhase(string name, int years, double cost, double probability)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ValuationInputException(ValuationErrorCodes.Required, "name", "phase name is required");
        Name = name;
        Years = Check.Duration(years, "years");
        Cost = Check.NonNegative(cost, "cost");
        Probability = Check.Probability(probability, "probability");
        if (years == 0 && cost > 0)
            throw new ValuationInputException(ValuationErrorCodes.ZeroDurationWithCost, "cost",
                "a zero-year phase is a gate and cannot carry a cost; give it at least one year");
    }

    public string Name { get; }
    public int Years { get; }
    public double Cost { get; }
    public double Probability { get; }

    /// <summary>
    /// Rank of a standard phase name: discovery 0 &lt; pre-clinical 1 &lt; Phase I 2 &lt; Phase II 3 &lt;
    /// Phase III 4 &lt; filing (NDA/BLA) 5 &lt; approved 6; null for a non-standard name.
    /// Case, spaces, hyphens and underscores are ignored; arabic numerals are accepted ("Phase 2").
    /// </summary>
    public static int? StandardRank(string name)
    {
        var key = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return key switch
        {
            "discovery" or "research" => 0,
            "preclinical" or "preclin" or "ind" or "indenabling" => 1,
            "phasei" or "phase1" or "p1" => 2,
            "phaseii" or "phase2" or "p2" => 3,
            "phaseiii" or "phase3" or "p3" => 4,
            "filing" or "nda" or "bla" or "ndabla" or "registration" or "regulatory" or "regulatoryreview" or "submission" => 5,
            "approved" or "approval" or "launch" or "market" => 6,
            _ => null,
        };
    }
}

/// <summary>How sales ramp from launch to peak.</summary>
public enum UptakeCurve
{
    /// <summary>Sales in market year k (1-based) = peak × min(k / yearsToPeak, 1).</summary>
    Linear,
    /// <summary>Sales in market year k = peak × s(min(k / yearsToPeak, 1)) with smoothstep s(x) = 3x² − 2x³.</summary>
    SCurve,
}

/// <summary>When within a year the year's cash flow is discounted.</summary>
public enum DiscountTiming
{
    /// <summary>Cash flow of table year t (0-based) is discounted by (1 + r)^−(t + 1).</summary>
    EndOfYear,
    /// <summary>Cash flow of table year t (0-based) is discounted by (1 + r)^−(t + 0.5).</summary>
    MidYear,
}

/// <summary>
/// The market the asset reaches once approved. Amounts are in the asset's currency unit per year
/// (e.g. million yuan).
/// </summary>
/// <remarks>
/// Rules for market year k = 1..<see cref="YearsOnMarket"/> (first year after the last phase):
/// <list type="bullet">
/// <item>sales_k = PeakSales × uptake(k) × erosion(k), uptake per <see cref="Uptake"/> (yearsToPeak 0 = peak at once);</item>
/// <item>erosion(k) = (1 − ErosionRate)^(calendarYear − ExclusivityEndYear) for calendar years after
/// <see cref="ExclusivityEndYear"/>, otherwise 1;</item>
/// <item>operating profit_k = sales_k × (Margin − CostOfGoods − SalesAndMarketingShare) − launch cost (year 1 only).
/// <see cref="Margin"/> is the contribution margin after everything not itemised; COGS and S&amp;M are optional
/// itemised shares of sales (default 0), so with only a margin the profit is sales × margin;</item>
/// <item>tax_k = TaxRate × max(0, operating profit_k) — per year, no loss carry-forward, development costs not deducted;</item>
/// <item>net cash flow_k = operating profit_k − tax_k.</item>
/// </list>
/// </remarks>
public sealed record MarketModel
{
    public MarketModel(double peakSales, int yearsToPeak, int yearsOnMarket, double margin,
        UptakeCurve uptake = UptakeCurve.Linear, int? exclusivityEndYear = null, double erosionRate = 0,
        double costOfGoods = 0, double salesAndMarketingShare = 0, double taxRate = 0, double launchCost = 0)
    {
        PeakSales = Check.NonNegative(peakSales, "peakSales");
        YearsToPeak = Check.Duration(yearsToPeak, "yearsToPeak");
        YearsOnMarket = Check.Duration(yearsOnMarket, "yearsOnMarket");
        Margin = Check.Finite(margin, "margin");
        if (margin < -1 || margin > 1)
            throw new ValuationInputException(ValuationErrorCodes.ShareOutOfRange, "margin", $"margin must be in [-1, 1], got {margin}");
        Uptake = uptake;
        ExclusivityEndYear = exclusivityEndYear;
        ErosionRate = Check.Share(erosionRate, "erosionRate");
        CostOfGoods = Check.Share(costOfGoods, "costOfGoods");
        SalesAndMarketingShare = Check.Share(salesAndMarketingShare, "salesAndMarketingShare");
        TaxRate = Check.Share(taxRate, "taxRate");
        LaunchCost = Check.NonNegative(launchCost, "launchCost");
    }

    public double PeakSales { get; }
    public int YearsToPeak { get; }
    public int YearsOnMarket { get; }
    public double Margin { get; }
    public UptakeCurve Uptake { get; }
    public int? ExclusivityEndYear { get; }
    public double ErosionRate { get; }
    public double CostOfGoods { get; }
    public double SalesAndMarketingShare { get; }
    public double TaxRate { get; }
    public double LaunchCost { get; }

    /// <summary>Margin − COGS − S&amp;M share: operating profit per unit of sales.</summary>
    public double NetMargin => Margin - CostOfGoods - SalesAndMarketingShare;

    /// <summary>Uptake factor in market year k (1-based), in [0, 1].</summary>
    public double UptakeFactor(int k)
    {
        if (YearsToPeak == 0) return 1;
        var x = Math.Min((double)k / YearsToPeak, 1.0);
        return Uptake == UptakeCurve.Linear ? x : x * x * (3 - 2 * x);
    }

    /// <summary>Erosion factor for a calendar year (1 up to and including the exclusivity end year).</summary>
    public double ErosionFactor(int calendarYear) =>
        ExclusivityEndYear is int end && calendarYear > end ? Math.Pow(1 - ErosionRate, calendarYear - end) : 1.0;

    internal MarketModel With(double? peakSales = null, double? margin = null, double? launchCost = null) =>
        new(peakSales ?? PeakSales, YearsToPeak, YearsOnMarket, margin ?? Margin, Uptake, ExclusivityEndYear,
            ErosionRate, CostOfGoods, SalesAndMarketingShare, TaxRate, launchCost ?? LaunchCost);
}

/// <summary>
/// A drug asset to value: the phases still ahead (in order), the market after approval, a discount rate,
/// and the calendar year of table year 0.
/// </summary>
public sealed record DrugAsset
{
    public DrugAsset(double discountRate, IReadOnlyList<DevelopmentPhase> phases, MarketModel market,
        int startYear = 0, DiscountTiming timing = DiscountTiming.EndOfYear)
    {
        DiscountRate = Check.DiscountRate(discountRate, "discountRate");
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(market);
        int? previousRank = null;
        string? previousName = null;
        for (var i = 0; i < phases.Count; i++)
        {
            var rank = DevelopmentPhase.StandardRank(phases[i].Name);
            if (rank is null) continue;
            if (previousRank is int p && rank <= p)
                throw new ValuationInputException(ValuationErrorCodes.PhasesOutOfOrder, $"phases[{i}].name",
                    $"phase '{phases[i].Name}' cannot follow '{previousName}'; standard phases run discovery < pre-clinical < Phase I < Phase II < Phase III < filing < approved");
            previousRank = rank;
            previousName = phases[i].Name;
        }
        Phases = phases.ToArray();
        Market = market;
        StartYear = startYear;
        Timing = timing;
    }

    public double DiscountRate { get; }
    public IReadOnlyList<DevelopmentPhase> Phases { get; }
    public MarketModel Market { get; }
    public int StartYear { get; }
    public DiscountTiming Timing { get; }

    /// <summary>Years until approval: the sum of phase years.</summary>
    public int DevelopmentYears => Phases.Sum(p => p.Years);

    /// <summary>Rows of the year table: development years plus years on market.</summary>
    public int HorizonYears => DevelopmentYears + Market.YearsOnMarket;

    /// <summary>Likelihood of approval (LOA): the product of all phase probabilities.</summary>
    public double LikelihoodOfApproval => Phases.Aggregate(1.0, (acc, p) => acc * p.Probability);

    /// <summary>Discount factor of table year t (0-based) under <see cref="Timing"/>.</summary>
    public double DiscountFactor(int t) =>
        Math.Pow(1 + DiscountRate, -(t + (Timing == DiscountTiming.MidYear ? 0.5 : 1.0)));

    /// <summary>Copy with one input replaced (used by Monte Carlo and the tornado).</summary>
    public DrugAsset With(AssetInput input, double value)
    {
        switch (input.Kind)
        {
            case AssetInputKind.PhaseCost:
            case AssetInputKind.PhaseProbability:
                var phases = Phases.ToArray();
                var ph = phases[input.PhaseIndex];
                phases[input.PhaseIndex] = input.Kind == AssetInputKind.PhaseCost
                    ? new DevelopmentPhase(ph.Name, ph.Years, value, ph.Probability)
                    : new DevelopmentPhase(ph.Name, ph.Years, ph.Cost, value);
                return new DrugAsset(DiscountRate, phases, Market, StartYear, Timing);
            case AssetInputKind.PeakSales:
                return new DrugAsset(DiscountRate, Phases, Market.With(peakSales: value), StartYear, Timing);
            case AssetInputKind.Margin:
                return new DrugAsset(DiscountRate, Phases, Market.With(margin: value), StartYear, Timing);
            case AssetInputKind.LaunchCost:
                return new DrugAsset(DiscountRate, Phases, Market.With(launchCost: value), StartYear, Timing);
            case AssetInputKind.DiscountRate:
                return new DrugAsset(value, Phases, Market, StartYear, Timing);
            default:
                throw new ArgumentOutOfRangeException(nameof(input));
        }
    }

    /// <summary>Current value of an input.</summary>
    public double Get(AssetInput input) => input.Kind switch
    {
        AssetInputKind.PhaseCost => Phases[input.PhaseIndex].Cost,
        AssetInputKind.PhaseProbability => Phases[input.PhaseIndex].Probability,
        AssetInputKind.PeakSales => Market.PeakSales,
        AssetInputKind.Margin => Market.Margin,
        AssetInputKind.LaunchCost => Market.LaunchCost,
        AssetInputKind.DiscountRate => DiscountRate,
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };
}

/// <summary>Kinds of asset inputs that may be uncertain.</summary>
public enum AssetInputKind { PhaseCost, PhaseProbability, PeakSales, Margin, LaunchCost, DiscountRate }

/// <summary>
/// Names one input of a <see cref="DrugAsset"/>; <see cref="Key"/> is its JSON-style key:
/// <c>phases[2].cost</c>, <c>phases[2].probability</c>, <c>market.peakSales</c>, <c>market.margin</c>,
/// <c>market.launchCost</c>, <c>discountRate</c>.
/// </summary>
public readonly record struct AssetInput(AssetInputKind Kind, int PhaseIndex = -1)
{
    public static AssetInput PhaseCost(int i) => new(AssetInputKind.PhaseCost, i);
    public static AssetInput PhaseProbability(int i) => new(AssetInputKind.PhaseProbability, i);
    public static readonly AssetInput PeakSales = new(AssetInputKind.PeakSales);
    public static readonly AssetInput Margin = new(AssetInputKind.Margin);
    public static readonly AssetInput LaunchCost = new(AssetInputKind.LaunchCost);
    public static readonly AssetInput DiscountRate = new(AssetInputKind.DiscountRate);

    public string Key => Kind switch
    {
        AssetInputKind.PhaseCost => $"phases[{PhaseIndex}].cost",
        AssetInputKind.PhaseProbability => $"phases[{PhaseIndex}].probability",
        AssetInputKind.PeakSales => "market.peakSales",
        AssetInputKind.Margin => "market.margin",
        AssetInputKind.LaunchCost => "market.launchCost",
        _ => "discountRate",
    };

    public override string ToString() => Key;

    /// <summary>Parses a key produced by <see cref="Key"/>; null if not recognised.</summary>
    public static AssetInput? Parse(string key)
    {
        switch (key)
        {
            case "market.peakSales": return PeakSales;
            case "market.margin": return Margin;
            case "market.launchCost": return LaunchCost;
            case "discountRate": return DiscountRate;
        }
        if (key.StartsWith("phases[", StringComparison.Ordinal))
        {
            var close = key.IndexOf(']');
            if (close > 7 && int.TryParse(key.AsSpan(7, close - 7), out var i) && i >= 0)
            {
                var rest = key[(close + 1)..];
                if (rest == ".cost") return PhaseCost(i);
                if (rest == ".probability") return PhaseProbability(i);
            }
        }
        return null;
    }
}
