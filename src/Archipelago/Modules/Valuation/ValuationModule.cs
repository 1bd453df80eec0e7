using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Valuation;

/// <summary>The valuation module: its services, endpoints under <c>/api/valuation</c>, pages and CLI verbs.</summary>
public sealed class ValuationModule : IModule
{
    public string Name => "valuation";

    public void AddServices(IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", ValuationApi.DescribeSnakeCase);
        services.AddSingleton<Features.Saved.SavedValuationStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapValuationApi();

    public IEnumerable<Command> Commands() => ValuationCommands.All();

    public IEnumerable<NavLink> Navigation() =>
    [
        new("/valuation", "Valuation", Kernel.Accounts.Policies.Analyse),
        new("/valuation/saved", "Saved valuations"),
    ];

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
}
