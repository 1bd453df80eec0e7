using Archipelago.Kernel.Data;
using Archipelago.Kernel.Regions;
using Dapper;

namespace Archipelago.Kernel;

/// <summary>
/// Workspace-wide settings kept in <c>kernel_settings</c>: the name, whether it is the demo, and the cluster's home
/// region (what "local", "domestic" and "abroad" are measured from).
/// </summary>
public sealed class Workspace(Database db)
{
    public Database Database => db;

    public async Task<string?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string>("SELECT value FROM kernel_settings WHERE key = @key", new { key });
    }

    public async Task SetAsync(string key, string value, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO kernel_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value });
    }

    public async Task<Region> HomeRegionAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var s = (await c.QueryAsync<(string Key, string Value)>("SELECT key, value FROM kernel_settings WHERE key LIKE 'home.%'")).ToDictionary(r => r.Key, r => r.Value);
        return new Region(s.GetValueOrDefault("home.city"), s.GetValueOrDefault("home.province"), s.GetValueOrDefault("home.country"));
    }

    public async Task SetHomeRegionAsync(Region home, CancellationToken ct = default)
    {
        await SetAsync("home.city", home.City ?? "", ct);
        await SetAsync("home.province", home.Province ?? "", ct);
        await SetAsync("home.country", home.Country ?? "", ct);
    }
}
