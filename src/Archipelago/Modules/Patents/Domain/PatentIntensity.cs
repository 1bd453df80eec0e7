using System.Globalization;
using Archipelago.Kernel;

namespace Archipelago.Modules.Patents.Domain;

/// <summary>
/// Patent intensity (seed 000 §II): invention patents per 10,000 employees of an industry or region, compared with the
/// national average. Seed 000's definition (SIPO 2016 catalogue): an industry is patent-intensive when its invention
/// patent density AND its invention-patent grant scale are above the national average; with no grant figures the
/// verdict rests on density alone and says so. Every input is echoed back so the verdict can be checked by hand.
/// </summary>
public sealed record PatentIntensity(long Patents, double Employees, double Density, double NationalDensity, double DensityRatio,
    long? Grants, double? NationalGrantAverage, bool? GrantsAbove, bool Intensive, bool DensityOnly, string Verdict, string PatentSource,
    string EmploymentSource = "entered")
{
    /// <param name="employmentSource">Where the employment figure comes from: "entered", or the series, year and
    /// source another module gave (see <c>EmploymentFacts</c>).</param>
    public static PatentIntensity Compute(long patents, double employees, double nationalDensity, long? grants, double? nationalGrantAverage, string patentSource,
        string employmentSource = "entered")
    {
        if (patents < 0) throw new DomainException("bad_patents", "The patent count cannot be negative.", "patents");
        if (!(employees > 0) || !double.IsFinite(employees)) throw new DomainException("bad_employees", "Employees must be a positive number.", "employees");
        if (!(nationalDensity > 0) || !double.IsFinite(nationalDensity)) throw new DomainException("bad_national_density", "The national average density (patents per 10,000 employees) must be positive.", "national_density");
        if ((grants is null) != (nationalGrantAverage is null))
            throw new DomainException("grants_pair", "Give both the grants and the national grant average, or neither.", grants is null ? "grants" : "national_grant_average");
        var density = patents / employees * 10_000;
        var ratio = density / nationalDensity;
        bool? grantsAbove = grants is { } g ? g > nationalGrantAverage : null;
        var densityAbove = density > nationalDensity;
        var intensive = densityAbove && grantsAbove != false;
        var f = CultureInfo.InvariantCulture;
        var verdict = string.Create(f, $"{density:F1} invention patents per 10,000 employees ({patents} / {employees:G} × 10,000) is {ratio:F2} × the national average {nationalDensity:G}")
            + (grants is { } gg ? string.Create(f, $"; grants {gg} are {(grantsAbove == true ? "above" : "not above")} the national average {nationalGrantAverage:G}") : "; no grant figures given, so the verdict rests on density alone")
            + (intensive ? ": patent-intensive." : ": not patent-intensive.");
        return new PatentIntensity(patents, employees, density, nationalDensity, ratio, grants, nationalGrantAverage, grantsAbove, intensive, grants is null, verdict, patentSource, employmentSource);
    }
}
