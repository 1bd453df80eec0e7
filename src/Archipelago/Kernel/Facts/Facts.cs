using Archipelago.Kernel.Data;

namespace Archipelago.Kernel;

/// <summary>
/// What one module knows and another needs, asked through the Kernel so that modules never read each other's tables:
/// patents per year (Patents) for a life-cycle fit (Industry), employment (Industry) for patent intensity (Patents),
/// a patent's expiry (Patents) for a valuation's exclusivity end (Valuation). A module that has such facts returns an
/// <see cref="IFactSource"/> from <see cref="IModule.Facts"/>; consumers ask <see cref="Facts"/>, which asks them all.
/// </summary>
public interface IFactSource
{
    /// <summary>The series this module offers, only those of <paramref name="measure"/> when one is named.</summary>
    Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct);

    /// <summary>One series by the id its <see cref="FactSeriesInfo"/> gave, or null when it no longer exists.</summary>
    Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct);

    /// <summary>A dated fact about one thing (e.g. <see cref="FactMeasure.PatentExpiry"/> of a publication number), or null.</summary>
    Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct);
}

/// <summary>The measures modules exchange. A series or date says which one it is, so a consumer can list only what fits.</summary>
public static class FactMeasure
{
    /// <summary>Patent records or families per year (the series' label says which date and which count).</summary>
    public const string Patents = "patents";
    /// <summary>Persons employed, per year.</summary>
    public const string Employment = "employment";
    /// <summary>The date a patent's protection ends (key: publication number).</summary>
    public const string PatentExpiry = "patent-expiry";
}

/// <summary>A series a module offers. <paramref name="Id"/> is unique across modules ("module:local id").</summary>
public sealed record FactSeriesInfo(string Id, string Measure, string Label, string Unit, string? Region = null, string? SubSector = null);

/// <summary>A series' values by period ("2019", "2019Q1", "2019-03"), oldest first, with where they came from.</summary>
public sealed record FactSeries(FactSeriesInfo Info, IReadOnlyList<FactPoint> Points, string Source);

public sealed record FactPoint(string Period, double Value);

/// <summary>A dated fact and how it was found (e.g. "earliest filing 2021-03-04 + 20 years"), shown to the user beside it.</summary>
public sealed record FactDate(string Measure, string Key, DateOnly Date, string Basis, string Module);

/// <summary>All modules' facts. Series ids are "module:local id"; the module part routes the question.</summary>
public sealed class Facts(IReadOnlyList<IModule> modules)
{
    private IEnumerable<(IModule Module, IFactSource Source)> Sources() =>
        modules.Select(m => (m, m.Facts)).Where(p => p.Facts is not null).Select(p => (p.m, p.Facts!));

    /// <summary>Every module's series (of one measure when named), grouped by module in registration order.</summary>
    public async Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct)
    {
        var all = new List<FactSeriesInfo>();
        foreach (var (_, source) in Sources()) all.AddRange(await source.CatalogueAsync(db, measure, ct));
        return all;
    }

    /// <summary>A series by its id, or null when no module has it (deleted since, or a mistyped id).</summary>
    public Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct)
    {
        var module = id.Split(':', 2)[0];
        var source = Sources().FirstOrDefault(p => string.Equals(p.Module.Name, module, StringComparison.OrdinalIgnoreCase)).Source;
        return source is null ? Task.FromResult<FactSeries?>(null) : source.SeriesAsync(db, id, ct);
    }

    /// <summary>The first module that knows the dated fact answers; null when none does.</summary>
    public async Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct)
    {
        foreach (var (_, source) in Sources())
            if (await source.DateAsync(db, measure, key, ct) is { } d) return d;
        return null;
    }
}
