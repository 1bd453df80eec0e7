using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Intensity;
using Archipelago.Modules.Patents.Features.Landscape;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Patent intensity with its inputs shown: patents entered, or counted from the workspace for a classification;
/// employment entered, or an employment series another module offers (the industry monitor) for a year.</summary>
public sealed class IntensityModel(PatentLandscape landscape, Facts facts, Database db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Patents { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public double? Employees { get; set; }
    /// <summary>An employment series id ("module:local id"); empty: the employees entered.</summary>
    [BindProperty(SupportsGet = true)] public string? EmploymentSeries { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public double? NationalDensity { get; set; }
    [BindProperty(SupportsGet = true)] public long? Grants { get; set; }
    [BindProperty(SupportsGet = true)] public double? NationalGrantAverage { get; set; }
    public IReadOnlyList<FactSeriesInfo> Series { get; private set; } = [];
    public PatentIntensity? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var employment = new EmploymentFacts(facts, db);
        Series = await employment.CatalogueAsync(ct);
        if (NationalDensity is null || Employees is null && string.IsNullOrWhiteSpace(EmploymentSeries)) return;
        try
        {
            var (count, source) = Patents is { } p ? (p, "entered")
                : ((await landscape.RunAsync(new PatentFilter(Classification: Classification), ct)).Records, "records in the workspace" + (Classification is null ? "" : $" classified {Classification}"));
            var staff = string.IsNullOrWhiteSpace(EmploymentSeries) ? new EmploymentFigure(Employees!.Value, "entered")
                : await employment.ValueAsync(EmploymentSeries, Year ?? throw new DomainException("year_required", "Choose the year of the employment series.", "year"), ct);
            Result = PatentIntensity.Compute(count, staff.Employees, NationalDensity.Value, Grants, NationalGrantAverage, source, staff.Source);
        }
        catch (DomainException e) { Error = e.Message; }
    }
}
