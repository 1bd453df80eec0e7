using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>The indicator browser: every indicator with its unit and source, and the series stored for it.</summary>
public sealed class IndexModel(SeriesStore store) : PageModel
{
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public IReadOnlyDictionary<string, Subsector> Subsectors { get; private set; } = new Dictionary<string, Subsector>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Indicators = await store.IndicatorsAsync(ct);
        Series = await store.SeriesAsync(null, null, ct);
        Subsectors = (await store.SubsectorsAsync(ct)).ToDictionary(s => s.Code);
    }

    public string SubsectorName(string code, bool zh) => code.Length == 0 ? "" : Subsectors.TryGetValue(code, out var s) ? s.DisplayName(zh) : code;
}
