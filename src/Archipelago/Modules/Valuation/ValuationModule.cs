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
        services.AddSingleton<Features.Deals.DealStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapValuationApi();

    public IEnumerable<Command> Commands() => ValuationCommands.All();

    public IEnumerable<NavLink> Navigation() =>
    [
        new("/valuation", "Valuation", Kernel.Accounts.Policies.Analyse),
        new("/valuation/saved", "Saved valuations"),
        new("/valuation/deals", "Deals"),
        new("/valuation/pledge", "IP pledge", Kernel.Accounts.Policies.Analyse),
    ];

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Features.Demo.DemoValuation.SeedAsync(db, ct);
}
