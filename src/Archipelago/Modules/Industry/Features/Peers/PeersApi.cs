using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Archipelago.Modules.Industry.Features.Peers;

/// <summary><c>GET /api/industry/peers</c>: peer regions by similarity over stored series (a read, for any signed-in account).</summary>
public static class PeersApi
{
    public static IEndpointRouteBuilder MapPeersApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/industry").WithTags("Industry series").RequireAuthorization()
            .MapGet("/peers", Peers).WithName("IndustryPeerRegions")
            .WithSummary("Regions most similar to one region over chosen indicators (features kind:indicator[:subsector], kind log, level, growth or share; repeat or comma-separate), by Euclidean distance of z-scores, with each pair's shared indicators.");
        return app;
    }

    static async Task<Ok<PeerReport>> Peers(PeerRegions peers, string region, [FromQuery] string[] features, string? period = null, int span = 5, int top = 5,
        [FromQuery(Name = "min_shared")] int? minShared = null, [FromQuery] string[]? exclude = null, CancellationToken ct = default) =>
        TypedResults.Ok(await peers.RankAsync(new PeerRequest(region, Split(features), period, span, top, minShared, Split(exclude ?? [])), ct));

    internal static IReadOnlyList<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
