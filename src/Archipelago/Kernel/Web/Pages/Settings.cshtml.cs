using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Kernel.Web.Pages;

/// <summary>The workspace's name and home region (what "local", "domestic" and "abroad" are measured from). Administrators.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SettingsModel(Workspace workspace) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? City { get; set; }
    [BindProperty] public string? Province { get; set; }
    [BindProperty] public string? Country { get; set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = await workspace.GetAsync("workspace.name", ct);
        var home = await workspace.HomeRegionAsync(ct);
        (City, Province, Country) = (home.City, home.Province, home.Country);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var home = new Region(City, Province, Country);
            await workspace.SetHomeRegionAsync(home, ct);
            await workspace.SetAsync("workspace.name", Name?.Trim() ?? "", ct);
            Message = "Saved.";
        }
        catch (DomainException e) { Message = e.Message; Failed = true; }
        return Page();
    }
}
