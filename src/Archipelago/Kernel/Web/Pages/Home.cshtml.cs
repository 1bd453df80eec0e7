using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Kernel.Web.Pages;

public sealed class HomeModel(Workspace workspace, EnablerStore enablers, JointActionStore actions) : PageModel
{
    public string? WorkspaceName { get; private set; }
    public long Enablers { get; private set; }
    public long Actions { get; private set; }
    public Region Home { get; private set; } = Region.None;
    public bool IsDemo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        WorkspaceName = await workspace.GetAsync("workspace.name", ct);
        IsDemo = await workspace.GetAsync("demo.seeded", ct) is not null;
        Enablers = await enablers.CountAsync(ct);
        Actions = await actions.CountAsync(ct);
        Home = await workspace.HomeRegionAsync(ct);
    }
}
