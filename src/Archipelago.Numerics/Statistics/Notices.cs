namespace Archipelago.Numerics.Statistics;

/// <summary>
/// A non-fatal message attached to a result, with a stable machine-readable <see cref="Code"/>
/// (see <see cref="NoticeCodes"/>) and, when it concerns one variable, that variable's name.
/// </summary>
public sealed record Notice(string Code, string Message, string? Variable = null);

/// <summary>Stable codes used by <see cref="Notice"/> and <see cref="StatisticsInputException"/>.</summary>
public static class NoticeCodes
{
    public const string Collinear = "collinear";
    public const string Constant = "constant";
    public const string TooFewCases = "too_few_cases";
    public const string AllMissing = "all_missing";
    public const string MissingExcluded = "missing_excluded";
    public const string LengthMismatch = "length_mismatch";
    public const string NoPredictors = "no_predictors";
    public const string NegativeAverageCovariance = "negative_average_covariance";
    public const string NotPositiveDefinite = "not_positive_definite";
}

/// <summary>
/// Input that a statistical procedure cannot analyse (constant or collinear variable, too few cases,
/// all values missing…). <see cref="Code"/> is one of <see cref="NoticeCodes"/>; <see cref="ArgumentException.ParamName"/>
/// and <see cref="Variable"/> name the offending variable when there is one.
/// </summary>
public sealed class StatisticsInputException(string code, string message, string? variable = null)
    : ArgumentException(message, variable)
{
    public string Code { get; } = code;
    public string? Variable { get; } = variable;
}
