using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Modules.Industry;

/// <summary>The industry module: its services, endpoints under <c>/api/industry</c>, pages and CLI verbs.</summary>
public sealed class IndustryModule : IModule
{
    public string Name => "industry";

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SeriesStore>();
        services.AddSingleton<SeriesImport>();
        services.AddSingleton<SeriesExport>();
        services.AddSingleton<SeriesAnalysis>();
        services.AddSingleton<Features.ValueChain.ValueChainMap>();
        services.AddSingleton<Features.Peers.PeerRegions>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapIndustryApi();
        app.MapSeriesApi();
        Features.Peers.PeersApi.MapPeersApi(app);
    }

    /// <summary>Employment series (indicators declared as <see cref="FactMeasure.Employment"/>) for other modules.</summary>
    public IFactSource? Facts => new Features.Facts.IndustryFacts();

    public IEnumerable<NavLink> Navigation() => [new("/industry", "Industry")];

    public IEnumerable<Command> Commands() => IndustryCommands.All();

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Features.Demo.DemoIndustry.SeedAsync(db, ct);
}
