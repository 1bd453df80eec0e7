using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Facts;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;

namespace Archipelago.Modules.Patents;

/// <summary>Patent and IP intelligence (seeds 000 §II–III, 001 §3.1; GUIDE §3): import patent exports, clean applicants,
/// classify, landscape and search — in the CLI (<c>patents …</c>), the API (<c>/api/patents</c>) and pages (<c>/patents</c>).</summary>
public sealed class PatentsModule : IModule
{
    public string Name => "patents";

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<PatentImport>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<PatentLandscape>();
        services.AddSingleton<PatentSearch>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapPatentsApi();

    public IEnumerable<Command> Commands() => PatentsCommands.All();

    public IFactSource? Facts => new PatentFacts();

    public IEnumerable<NavLink> Navigation() => [new("/patents", "Patents")];

    public Task SeedDemoAsync(Database db, CancellationToken ct) => Features.Demo.DemoPatents.SeedAsync(db, ct);
}
