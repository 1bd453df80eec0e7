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

    /// <summary>The module's entries in the top navigation, in order (the label is English, translated on display).</summary>
    IEnumerable<NavLink> Navigation() => [];

    /// <summary>The module's name as a menu heading (English, translated on display) when it has several links.</summary>
    string Title => char.ToUpperInvariant(Name[0]) + Name[1..];

    /// <summary>The facts this module offers other modules (see <see cref="Kernel.Facts"/>), or null when it has none.</summary>
    IFactSource? Facts => null;

    /// <summary>Fills an empty workspace with this module's part of the demo (called in order, kernel data first).</summary>
    Task SeedDemoAsync(Data.Database db, CancellationToken ct);
}

/// <summary>A top-navigation entry; shown only to users who satisfy <paramref name="Policy"/> when one is named.</summary>
public sealed record NavLink(string Href, string Label, string? Policy = null);
