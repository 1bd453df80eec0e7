using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

public sealed class ActionsModel(JointActionStore actions, EnablerStore enablers) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public Page<JointAction> Result { get; private set; } = new([], 0, 0, 50);
    public IReadOnlyList<JointActionType> Types { get; private set; } = [];
    public IReadOnlyDictionary<long, Enabler> Names { get; private set; } = new Dictionary<long, Enabler>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await actions.SearchAsync(new JointActionQuery(Type, From, To, null, Q, Math.Max(0, Skip), 50), ct);
        Types = await actions.TypesAsync(ct);
        Names = await ClusterApi.ParticipantsOf(Result.Items, enablers, ct);
    }

    public string TypeName(string code) => Types.FirstOrDefault(t => t.Code == code)?.Name(Text.IsChinese) ?? code;
    public string PageLink(int skip) => Url.Page(null, new { Q, Type, From, To, Skip = Math.Max(0, skip) })!;
}
