namespace Archipelago.Numerics.Statistics;

/// <summary>What to do when a predictor is constant or (nearly) a linear combination of predictors before it.</summary>
public enum CollinearityAction
{
    /// <summary>Leave the predictor out, list it in <see cref="RegressionResult.Excluded"/> and add a <see cref="Notice"/> (SPSS behaviour).</summary>
    Drop,
    /// <summary>Throw <see cref="StatisticsInputException"/> naming the predictor.</summary>
    Stop,
}

/// <summary>Options for <see cref="LinearRegression.Fit"/>.</summary>
/// <param name="IncludeIntercept">Fit a constant (SPSS <c>/ORIGIN</c> is <c>false</c>).</param>
/// <param name="Tolerance">
/// A predictor is declared collinear when its tolerance given the predictors accepted before it,
/// 1 − R²ⱼ = ‖(I − P)xⱼ‖² / ‖xⱼ − x̄ⱼ‖², falls below this value. SPSS REGRESSION's default is 0.0001
/// (CRITERIA=TOLERANCE(.0001)); the NIST polynomial problems need a much smaller value.
/// </param>
/// <param name="OnCollinearity">Drop the predictor or stop.</param>
/// <param name="ConfidenceLevel">Level of the confidence interval for B (SPSS: 95%).</param>
public sealed record RegressionOptions(
    bool IncludeIntercept = true,
    double Tolerance = 1e-4,
    CollinearityAction OnCollinearity = CollinearityAction.Drop,
    double ConfidenceLevel = 0.95);

/// <summary>One row of the SPSS "Coefficients" table.</summary>
/// <param name="Term">"(Constant)" or the predictor name.</param>
/// <param name="B">Unstandardised coefficient.</param>
/// <param name="StdError">SE B = s·√[(X'X)⁻¹]ⱼⱼ.</param>
/// <param name="Beta">Standardised coefficient bⱼ·sⱼ/s_y (null for the constant).</param>
/// <param name="T">t = B / SE B.</param>
/// <param name="P">Two-sided p of t on the residual degrees of freedom.</param>
/// <param name="LowerBound">B − t₁₋α/₂·SE B.</param>
/// <param name="UpperBound">B + t₁₋α/₂·SE B.</param>
/// <param name="ZeroOrder">Pearson r of the predictor with the dependent variable.</param>
/// <param name="Partial">Partial correlation t/√(t² + df_res).</param>
/// <param name="Part">Part (semipartial) correlation t·√((1 − R²)/df_res).</param>
/// <param name="Tolerance">1 − R²ⱼ of predictor j on the other predictors = 1/VIF.</param>
/// <param name="Vif">Variance inflation factor [R_xx⁻¹]ⱼⱼ.</param>
public sealed record RegressionCoefficient(
    string Term, double B, double StdError, double? Beta, double T, double P,
    double LowerBound, double UpperBound,
    double? ZeroOrder, double? Partial, double? Part, double? Tolerance, double? Vif);

/// <summary>SPSS "Model Summary": R, R², adjusted R², standard error of the estimate, Durbin–Watson.</summary>
public sealed record RegressionModelSummary(
    int N, double R, double RSquared, double AdjustedRSquared, double StdErrorOfEstimate, double DurbinWatson);

/// <summary>One row of an analysis-of-variance table (F and P only on the effect row).</summary>
public sealed record AnovaRow(string Source, double SumOfSquares, int Df, double? MeanSquare, double? F, double? P);

/// <summary>Regression / Residual / Total analysis of variance.</summary>
public sealed record RegressionAnova(AnovaRow Regression, AnovaRow Residual, AnovaRow Total)
{
    public double F => Regression.F ?? double.NaN;
    public double P => Regression.P ?? double.NaN;
}

/// <summary>A predictor left out of the model, with the statistics it would have on entering next (SPSS "Excluded Variables").</summary>
/// <param name="BetaIn">Standardised coefficient the variable would have if entered next.</param>
/// <param name="T">t for that coefficient (df_res − 1 degrees of freedom).</param>
/// <param name="P">Two-sided p of <paramref name="T"/>.</param>
/// <param name="Partial">Partial correlation with the dependent variable controlling for the model.</param>
/// <param name="Tolerance">1 − R² of the variable on the predictors in the model.</param>
/// <param name="Reason">Null, or a <see cref="NoticeCodes"/> value when left out for collinearity / constancy.</param>
public sealed record ExcludedVariable(
    string Variable, double BetaIn, double T, double P, double Partial, double Tolerance, string? Reason = null);

/// <summary>Full result of an ordinary-least-squares fit (SPSS REGRESSION /STATISTICS COEFF OUTS CI R ANOVA ZPP COLLIN TOL, /RESIDUALS DURBIN).</summary>
public sealed record RegressionResult(
    string Dependent,
    bool IncludesIntercept,
    RegressionModelSummary Summary,
    RegressionAnova Anova,
    IReadOnlyList<RegressionCoefficient> Coefficients,
    IReadOnlyList<ExcludedVariable> Excluded,
    IReadOnlyList<double> Residuals,
    IReadOnlyList<double> Fitted,
    IReadOnlyList<Notice> Notices)
{
    public double RSquared => Summary.RSquared;
    public double AdjustedRSquared => Summary.AdjustedRSquared;
    public double F => Anova.F;
    public double PValueF => Anova.P;
    public RegressionCoefficient this[string term] => Coefficients.Single(c => c.Term == term);
}
