using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Industry;

/// <summary>The industry module: its services, endpoints under <c>/api/industry</c>, pages and CLI verbs.</summary>
public sealed class IndustryModule : IModule
{
    public string Name => "industry";

    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapIndustryApi();

    public IEnumerable<Command> Commands() => IndustryCommands.All();

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
}
