using Archipelago.Kernel;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Landscape;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Patent intensity with its inputs shown: patents entered, or counted from the workspace for a classification.</summary>
public sealed class IntensityModel(PatentLandscape landscape) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Patents { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public double? Employees { get; set; }
    [BindProperty(SupportsGet = true)] public double? NationalDensity { get; set; }
    [BindProperty(SupportsGet = true)] public long? Grants { get; set; }
    [BindProperty(SupportsGet = true)] public double? NationalGrantAverage { get; set; }
    public PatentIntensity? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Employees is null || NationalDensity is null) return;
        try
        {
            var (count, source) = Patents is { } p ? (p, "entered")
                : ((await landscape.RunAsync(new PatentFilter(Classification: Classification), ct)).Records, "records in the workspace" + (Classification is null ? "" : $" classified {Classification}"));
            Result = PatentIntensity.Compute(count, Employees.Value, NationalDensity.Value, Grants, NationalGrantAverage, source);
        }
        catch (DomainException e) { Error = e.Message; }
    }
}
