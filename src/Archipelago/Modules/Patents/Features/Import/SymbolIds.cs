using System.Data.Common;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// The numbers of classification symbols (patents_symbols, migration 0022) for one import: those stored already, read
/// when it starts, and new ones numbered on from the largest as its records are read — the import holds the table's
/// lock (<see cref="SqlDialect.LockAsync"/>) until it commits, so no other import numbers symbols meanwhile. The new
/// ones are stored with the import (<see cref="StoreAsync"/>). A symbol is one (scheme, code): the same code as IPC
/// and as CPC is two symbols.
/// </summary>
public sealed class SymbolIds
{
    readonly Dictionary<string, long> ipc = new(StringComparer.Ordinal), cpc = new(StringComparer.Ordinal);
    readonly List<(long Id, string Scheme, IpcCode Code)> added = [];
    long next;

    SymbolIds() { }

    public static async Task<SymbolIds> LoadAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, CancellationToken ct)
    {
        await dialect.LockAsync(c, tx, "patents_symbols", ct);
        var ids = new SymbolIds();
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition("SELECT id, scheme, code FROM patents_symbols", transaction: tx, cancellationToken: ct)))
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                (r.GetString(1) == "ipc" ? ids.ipc : ids.cpc)[r.GetString(2)] = id;
                ids.next = Math.Max(ids.next, id);
            }
        ids.next++;
        return ids;
    }

    /// <summary>The record's symbols, its IPC ones first, then its CPC ones, each in the record's order.</summary>
    public long[] Of(PatentRecord r)
    {
        var result = new long[r.Ipc.Count + r.Cpc.Count];
        for (var i = 0; i < r.Ipc.Count; i++) result[i] = Id(ipc, "ipc", r.Ipc[i]);
        for (var i = 0; i < r.Cpc.Count; i++) result[r.Ipc.Count + i] = Id(cpc, "cpc", r.Cpc[i]);
        return result;
    }

    /// <summary>The number of one symbol of IPC (or, with <paramref name="cpc"/>, of CPC).</summary>
    public long Of(IpcCode code, bool cpc) => cpc ? Id(this.cpc, "cpc", code) : Id(ipc, "ipc", code);

    long Id(Dictionary<string, long> ofScheme, string scheme, IpcCode code)
    {
        if (ofScheme.TryGetValue(code.Code, out var id)) return id;
        id = ofScheme[code.Code] = next++;
        added.Add((id, scheme, code));
        return id;
    }

    /// <summary>Stores the symbols numbered by this import (inside its transaction).</summary>
    public async Task StoreAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, CancellationToken ct)
    {
        if (added.Count == 0) return;
        await dialect.BulkInsertAsync(c, tx, "patents_symbols", ["id", "scheme", "code", "subclass", "main_group"],
            added.Select(a => new object?[] { a.Id, a.Scheme, a.Code.Code, a.Code.Subclass, a.Code.MainGroupCode }), ct);
        await dialect.SyncIdentityAsync(c, tx, "patents_symbols", ct);
    }
}
