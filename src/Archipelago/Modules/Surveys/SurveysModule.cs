using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Surveys;

/// <summary>The surveys module: its services, endpoints under <c>/api/surveys</c>, pages and CLI verbs.</summary>
public sealed class SurveysModule : IModule
{
    public string Name => "surveys";

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<QuestionnaireStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapSurveysApi();

    public IEnumerable<NavLink> Navigation() => [new NavLink("/surveys", "Surveys", Policies.Analyse)];

    public IEnumerable<Command> Commands() => SurveysCommands.All();

    public Task SeedDemoAsync(Database db, CancellationToken ct) => DemoStudy.SeedAsync(db, ct);
}
