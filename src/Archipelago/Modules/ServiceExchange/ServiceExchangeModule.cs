using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Modules.ServiceExchange;

/// <summary>The IP service exchange (seed 001 §6.3, GUIDE §4): provider profiles, needs, matching, engagements and
/// trust — pages under <c>/exchange</c>, the API under <c>/api/exchange</c> and the CLI verb <c>exchange</c>.</summary>
public sealed class ServiceExchangeModule : IModule
{
    public string Name => "serviceexchange";

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<NeedStore>();
        services.AddSingleton<EngagementStore>();
        services.AddSingleton<Matching.Matchmaker>();
        services.AddSingleton<Features.ProviderImport>();
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o => o.AddPolicy(ExchangePolicies.Participate,
            p => p.RequireRole(Kernel.Accounts.Role.Administrator, Kernel.Accounts.Role.Operator, Kernel.Accounts.Role.Member)));
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapExchangeApi();

    public IEnumerable<Command> Commands() => ExchangeCommands.All();

    public IEnumerable<NavLink> Navigation() => [new("/exchange/providers", "Service exchange")];

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Features.DemoExchange.SeedAsync(db, ct);
}
