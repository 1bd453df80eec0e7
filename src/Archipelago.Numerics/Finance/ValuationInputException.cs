namespace Archipelago.Numerics.Finance;

/// <summary>
/// A valuation input was rejected. <see cref="Code"/> is stable (safe to match on in callers and tests);
/// <see cref="Field"/> names the offending field, as a JSON path when the input came from JSON
/// (for example <c>$.phases[1].probability</c>), otherwise the parameter name.
/// </summary>
public sealed class ValuationInputException : ArgumentException
{
    public ValuationInputException(string code, string field, string message)
        : base($"{field}: {message} [{code}]")
    {
        Code = code;
        Field = field;
        Detail = message;
    }

    /// <summary>Stable error code, one of the constants in <see cref="ValuationErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Field name or JSON path of the bad value.</summary>
    public string Field { get; }

    /// <summary>Message without field and code.</summary>
    public string Detail { get; }

    /// <summary>Same error, located under a JSON path prefix (<c>$.phases[0]</c> + <c>probability</c>).</summary>
    public ValuationInputException At(string pathPrefix) =>
        new(Code, Field.StartsWith('$') ? Field : pathPrefix + "." + Field, Detail);
}

/// <summary>Stable error codes of <see cref="ValuationInputException"/>.</summary>
public static class ValuationErrorCodes
{
    public const string ProbabilityOutOfRange = "probability_out_of_range";
    public const string NegativeDuration = "negative_duration";
    public const string DiscountRateTooLow = "discount_rate_too_low";
    public const string PhasesOutOfOrder = "phases_out_of_order";
    public const string NegativeAmount = "negative_amount";
    public const string ShareOutOfRange = "share_out_of_range";
    public const string NotFinite = "not_finite";
    public const string Required = "required";
    public const string InvalidDistribution = "invalid_distribution";
    public const string CorrelationNotPositiveDefinite = "correlation_not_positive_definite";
    public const string InvalidCorrelation = "invalid_correlation";
    public const string RoyaltyTierGap = "royalty_tier_gap";
    public const string RoyaltyTierOverlap = "royalty_tier_overlap";
    public const string RoyaltyTierInvalid = "royalty_tier_invalid";
    public const string UnknownPhase = "unknown_phase";
    public const string InvalidJson = "invalid_json";
    public const string WrongType = "wrong_type";
    public const string UnknownValue = "unknown_value";
    public const string NoSolution = "no_solution";
    public const string ZeroDurationWithCost = "zero_duration_with_cost";
}

internal static class Check
{
    public static double Finite(double value, string field)
    {
        if (!double.IsFinite(value))
            throw new ValuationInputException(ValuationErrorCodes.NotFinite, field, $"must be a finite number, got {value}");
        return value;
    }

    public static double Probability(double value, string field)
    {
        Finite(value, field);
        if (value < 0 || value > 1)
            throw new ValuationInputException(ValuationErrorCodes.ProbabilityOutOfRange, field, $"probability must be in [0, 1], got {value}");
        return value;
    }

    public static double Share(double value, string field)
    {
        Finite(value, field);
        if (value < 0 || value > 1)
            throw new ValuationInputException(ValuationErrorCodes.ShareOutOfRange, field, $"share must be in [0, 1], got {value}");
        return value;
    }

    public static double NonNegative(double value, string field)
    {
        Finite(value, field);
        if (value < 0)
            throw new ValuationInputException(ValuationErrorCodes.NegativeAmount, field, $"must be >= 0, got {value}");
        return value;
    }

    public static int Duration(int value, string field)
    {
        if (value < 0)
            throw new ValuationInputException(ValuationErrorCodes.NegativeDuration, field, $"duration must be >= 0 years, got {value}");
        return value;
    }

    public static double DiscountRate(double value, string field)
    {
        Finite(value, field);
        if (value <= -1)
            throw new ValuationInputException(ValuationErrorCodes.DiscountRateTooLow, field, $"discount rate must be > -100% (> -1), got {value}");
        return value;
    }
}
