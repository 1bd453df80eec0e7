using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Archipelago.Modules.Cluster.Features.Network;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>The cluster's joint-action network for a window: its summary and Baran form, seed 004's indicators, Freeman
/// degree centralisation per year, and the enablers who bridge the most.</summary>
public sealed class NetworkModel(EnablerStore enablers, JointActionStore actions, Workspace workspace) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Exclude { get; set; }
    [BindProperty(SupportsGet = true)] public string? EnablerType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Projection { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    public IReadOnlyList<JointActionType> Types { get; private set; } = [];
    public ClusterNetworkSummary? Summary { get; private set; }
    public SeedIndicators? Indicators { get; private set; }
    public IReadOnlyList<NetworkYear> Years { get; private set; } = [];
    public IReadOnlyList<EnablerMeasure> Top { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Columns the top-enablers table can be sorted by (a link per header, no script).</summary>
    public static readonly string[] SortColumns = ["betweenness", "degree", "weighted_degree", "eigenvector", "constraint", "brokerage", "liaison", "gatekeeper"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = await actions.TypesAsync(ct);
        try
        {
            var net = await ClusterNetwork.LoadAsync(enablers, actions, workspace, Query.Window(), ct);
            Summary = NetworkAnalysis.Summary(net);
            Indicators = NetworkAnalysis.Indicators(net);
            Years = NetworkAnalysis.Evolution(net);
            var top = NetworkAnalysis.Measures(net).OrderByDescending(m => m.Betweenness ?? 0).ThenByDescending(m => m.Degree).Take(20);
            Top = (SortColumns.Contains(Sort) ? Sort : "betweenness") switch
            {
                "degree" => top.OrderByDescending(m => m.Degree).ToList(),
                "weighted_degree" => top.OrderByDescending(m => m.WeightedDegree).ToList(),
                "eigenvector" => top.OrderByDescending(m => m.Eigenvector ?? 0).ToList(),
                "constraint" => top.OrderBy(m => m.Constraint ?? double.MaxValue).ToList(),
                "brokerage" => top.OrderByDescending(m => m.Brokerage).ToList(),
                "liaison" => top.OrderByDescending(m => m.Liaison).ToList(),
                "gatekeeper" => top.OrderByDescending(m => m.Gatekeeper).ToList(),
                _ => top.ToList(),
            };
        }
        catch (DomainException e) { Error = e.Message; }
    }

    /// <summary>The filters as the API takes them (the graph script reads the same query).</summary>
    public NetworkQuery Query => new(From, To, Type, Exclude, EnablerType, Scope, Projection);

    public string TypeName(string code) => Types.FirstOrDefault(t => t.Code == code)?.Name(Text.IsChinese) ?? code;
    public static string EnablerTypeName(string code) => Kernel.Enablers.EnablerType.TryParse(code, out var t) ? t.Name(Text.IsChinese) : code;
    public string SortLink(string column) => Url.Page(null, new { From, To, Type, Exclude, EnablerType, Scope, Projection, Sort = column })!;
}
