using System.Data.Common;
using Dapper;

namespace Archipelago.Kernel.Data;

/// <summary>Who changed what, written in the same transaction as the change itself.</summary>
public static class Audit
{
    public static Task WriteAsync(DbConnection c, DbTransaction tx, TimeProvider clock, string username, string action,
        string entity, string? entityKey, string? detail = null) =>
        c.ExecuteAsync("INSERT INTO kernel_audit (at, username, action, entity, entity_key, detail) VALUES (@At, @Username, @Action, @Entity, @EntityKey, @Detail)",
            new { At = clock.GetUtcNow().ToString("O"), Username = username, Action = action, Entity = entity, EntityKey = entityKey, Detail = detail }, tx);
}

/// <summary>A page of results with the total count, for lists and the API.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int Skip, int Take)
{
    public bool HasNext => Skip + Items.Count < Total;
    public bool HasPrevious => Skip > 0;
}
