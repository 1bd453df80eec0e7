using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Modules.Industry.Features.Facts;

/// <summary>
/// What the industry monitor offers other modules through the kernel: the series of every indicator the user declared as
/// <see cref="FactMeasure.Employment"/> (persons employed), one per region and sub-sector, latest vintage, with their
/// citations — e.g. for the Patents module's patent intensity (patents per employee). An indicator is offered only when
/// its <see cref="Indicator.Measure"/> says so; nothing is inferred from its name or unit. Ids are
/// <c>industry:indicator|region|subsector</c> (subsector empty for the whole industry); periods are "2019", "2019Q1", "2019-03".
/// The industry monitor knows no dated facts.
/// </summary>
public sealed class IndustryFacts : IFactSource
{
    public const string Prefix = "industry:";

    public async Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? measure, CancellationToken ct)
    {
        var store = new SeriesStore(db, TimeProvider.System);
        var indicators = (await store.IndicatorsAsync(ct)).Where(i => i.Measure is not null && (measure is null || i.Measure == measure)).ToList();
        if (indicators.Count == 0) return [];
        var subsectors = (await store.SubsectorsAsync(ct)).ToDictionary(s => s.Code);
        var list = new List<FactSeriesInfo>();
        foreach (var i in indicators)
            foreach (var s in await store.SeriesAsync(i.Code, null, ct))
                list.Add(Info(i, new SeriesKey(s.Indicator, s.Region, s.Subsector), subsectors));
        return list;
    }

    public async Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct)
    {
        if (!id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || id[Prefix.Length..].Split('|') is not [var code, var region, var subsector]) return null;
        var store = new SeriesStore(db, TimeProvider.System);
        if (await store.IndicatorAsync(code, ct) is not { Measure: not null } indicator) return null;
        var key = new SeriesKey(code, region, subsector);
        var figures = await store.ObservationsAsync(key, false, ct);
        if (figures.Count == 0) return null;
        var citations = figures.Select(f => f.Source).Where(c => !c.IsEmpty).Distinct().Select(c => c.ToString()).ToList();
        var source = citations.Count > 0 ? string.Join("; ", citations) : indicator.Source.IsEmpty ? "industry monitor (no source recorded)" : indicator.Source.ToString();
        return new FactSeries(Info(indicator, key, (await store.SubsectorsAsync(ct)).ToDictionary(s => s.Code)),
            figures.Select(f => new FactPoint(f.Period.Replace("-Q", "Q", StringComparison.Ordinal), f.Value)).ToList(), source);
    }

    public Task<FactDate?> DateAsync(Database db, string measure, string key, CancellationToken ct) => Task.FromResult<FactDate?>(null);

    static FactSeriesInfo Info(Indicator i, SeriesKey key, IReadOnlyDictionary<string, Subsector> subsectors)
    {
        var subsector = key.Subsector.Length == 0 ? null : subsectors.TryGetValue(key.Subsector, out var s) ? s.NameEn : key.Subsector;
        return new FactSeriesInfo($"{Prefix}{key.Indicator}|{key.Region}|{key.Subsector}", i.Measure!,
            $"{i.NameEn} ({i.Code}), {key.Region}{(subsector is null ? "" : ", " + subsector)}", i.Unit, key.Region, subsector);
    }
}
