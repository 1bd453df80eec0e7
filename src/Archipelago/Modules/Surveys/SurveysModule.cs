using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Surveys;

/// <summary>The surveys module: its services, endpoints under <c>/api/surveys</c>, pages and CLI verbs.</summary>
public sealed class SurveysModule : IModule
{
    public string Name => "surveys";

    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapSurveysApi();

    public IEnumerable<Command> Commands() => SurveysCommands.All();

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
}
