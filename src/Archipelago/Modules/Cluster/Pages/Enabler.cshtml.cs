using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Archipelago.Kernel.Regions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>One enabler: its facts, where it stands relative to the home region, and its joint actions over time.</summary>
public sealed class EnablerModel(EnablerStore enablers, JointActionStore actions, Workspace workspace) : PageModel
{
    public Enabler Enabler { get; private set; } = null!;
    public Page<JointAction> Actions { get; private set; } = null!;
    public IReadOnlyList<(int Year, string Type, long Count)> Yearly { get; private set; } = [];
    public IReadOnlyDictionary<long, Enabler> Names { get; private set; } = new Dictionary<long, Enabler>();
    public string? Scope { get; private set; }
    public bool MayEdit { get; private set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    IReadOnlyDictionary<string, JointActionType> types = new Dictionary<string, JointActionType>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await enablers.GetAsync(id, ct) is not { } e) return NotFound();
        Enabler = e;
        MayEdit = User.MayEditEnabler(id);
        Actions = await actions.SearchAsync(new JointActionQuery(EnablerId: id, Skip: Math.Max(0, Skip), Take: 50), ct);
        Yearly = await actions.YearlyForEnablerAsync(id, ct);
        Names = await ClusterApi.ParticipantsOf(Actions.Items, enablers, ct);
        types = (await actions.TypesAsync(ct)).ToDictionary(t => t.Code);
        var scope = e.Region.ScopeFrom(await workspace.HomeRegionAsync(ct));
        Scope = scope == RegionScope.Unknown ? null : scope.ToString().ToLowerInvariant();
        return Page();
    }

    public string TypeName(string code) => types.TryGetValue(code, out var t) ? t.Name(Text.IsChinese) : code;
}
