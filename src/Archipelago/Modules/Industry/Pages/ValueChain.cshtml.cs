using Archipelago.Modules.Industry.Features.ValueChain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>Seed 000 §VI's upgrading question: where the cluster's enablers sit on the value chain, drawn on the smile curve,
/// with the counts and joint actions per segment beside it.</summary>
public sealed class ValueChainModel(ValueChainMap map) : PageModel
{
    public ValueChainReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await map.BuildAsync(ct);
}
