namespace Archipelago.Modules.Patents;

/// <summary>The patents API under <c>/api/patents</c>.</summary>
public static class PatentsApi
{
    public static void MapPatentsApi(this IEndpointRouteBuilder app) { }
}
