using System.CommandLine;

namespace Archipelago.Kernel;

/// <summary>
/// A vertical slice of the platform (Cluster, Patents, ServiceExchange, Surveys, Valuation, Industry). Modules talk
/// to each other only through the Kernel; each contributes its services, its endpoints and pages, and its CLI verbs.
/// Its migrations are found by convention (<c>Modules/&lt;Name&gt;/Migrations/NNNN_*.sql</c>).
/// </summary>
public interface IModule
{
    string Name { get; }
    void AddServices(IServiceCollection services);
    void MapEndpoints(IEndpointRouteBuilder app);
    IEnumerable<Command> Commands();

    /// <summary>Fills an empty workspace with this module's part of the demo (called in order, kernel data first).</summary>
    Task SeedDemoAsync(Data.Database db, CancellationToken ct);
}
