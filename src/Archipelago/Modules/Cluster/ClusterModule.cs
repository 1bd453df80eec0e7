using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Cluster.Features.Demo;
using Archipelago.Modules.Cluster.Features.Export;
using Archipelago.Modules.Cluster.Features.Import;

namespace Archipelago.Modules.Cluster;

/// <summary>The cluster registry (seed 004 ch. 5–6): enablers and their joint actions — browse, edit, merge, import,
/// export — in pages, the API (<c>/api/cluster</c>) and the CLI (<c>enablers</c>, <c>actions</c>).</summary>
public sealed class ClusterModule : IModule
{
    public string Name => "cluster";

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<RegistryImport>();
        services.AddSingleton<RegistryExport>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapClusterApi();

    public IEnumerable<Command> Commands() => ClusterCommands.All();

    public IEnumerable<NavLink> Navigation() =>
    [
        new("/cluster/enablers", "Enablers"),
        new("/cluster/actions", "Joint actions"),
        new("/cluster/network", "Network"),
        new("/cluster/import", "Import", Kernel.Accounts.Policies.EditRegistry),
        new("/cluster/export", "Export"),
    ];

    public Task SeedDemoAsync(Database db, CancellationToken ct) => DemoCluster.SeedAsync(db, ct);
}
