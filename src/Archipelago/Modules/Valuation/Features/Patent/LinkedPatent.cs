using System.Text.Json;
using System.Text.Json.Nodes;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Numerics.Finance;

namespace Archipelago.Modules.Valuation.Features.Patent;

/// <summary>
/// What an asset's linked patent did to its valuation: the publication number as typed and as found, the expiry the
/// Patents module gave with its basis, the exclusivity end year used, and whether it came from the patent
/// (<see cref="Applied"/>) or from an explicit <c>market.exclusivityEndYear</c>, which always wins.
/// </summary>
public sealed record PatentExclusivity(string LinkedPatent, string? PublicationNumber, DateOnly? Expiry, string? Basis,
    int ExclusivityEndYear, bool Applied, string Note);

/// <summary>
/// The <c>linkedPatent</c> of an asset JSON (docs/valuation-asset-schema.md): when the asset gives no
/// <c>market.exclusivityEndYear</c>, the year its patent expires — asked of the Kernel's facts
/// (<see cref="FactMeasure.PatentExpiry"/>), so Valuation never reads the Patents module's tables — becomes the
/// exclusivity end. The JSON as entered is what is saved; the resolved year only goes into the computation.
/// </summary>
public static class LinkedPatent
{
    public const string UnknownPatent = "unknown_patent";
    public const string WorkspaceRequired = "workspace_required";
    const string Field = "$.linkedPatent";

    static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// The JSON to compute with and what the linked patent did, or (the same JSON, null) without a linked patent.
    /// <paramref name="db"/> is null when there is no workspace (the CLI with <c>--asset</c> only): then only an
    /// explicit exclusivity end can stand beside a linked patent. Errors are <see cref="ValuationInputException"/>s
    /// with a code and a JSON path, like every other bad input.
    /// </summary>
    public static async Task<(string Json, PatentExclusivity? Patent)> ResolveAsync(string json, Database? db, Facts facts, CancellationToken ct)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: Lenient); }
        catch (JsonException) { return (json, null); } // the asset parser reports it, with its own message
        if (root is not JsonObject o || !o.TryGetPropertyValue("linkedPatent", out var node) || node is null) return (json, null);
        if (node is not JsonValue v || !v.TryGetValue<string>(out var typed))
            throw new ValuationInputException(ValuationErrorCodes.WrongType, Field, "expected a publication number as text, e.g. \"EP 1234567 B1\"");
        if (string.IsNullOrWhiteSpace(typed)) return (json, null);
        typed = typed.Trim();
        int? explicitEnd = o["market"] is JsonObject m && m["exclusivityEndYear"] is JsonValue ev && ev.TryGetValue<int>(out var e) ? e : null;
        var fact = db is null ? null : await facts.DateAsync(db, FactMeasure.PatentExpiry, typed, ct);

        if (explicitEnd is int year)
            return (json, new PatentExclusivity(typed, fact?.Key, fact?.Date, fact?.Basis, year, false,
                fact is not null ? $"The exclusivity end {year} given in the asset is used, not the patent's expiry ({fact.Date:yyyy-MM-dd})."
                : db is null ? $"The exclusivity end {year} given in the asset is used; {typed} was not looked up (no workspace)."
                : $"The exclusivity end {year} given in the asset is used; {typed} is not among this workspace's patent records."));
        if (db is null)
            throw new ValuationInputException(WorkspaceRequired, Field,
                $"the expiry of {typed} is looked up in a workspace's patent records: give --data DIR or --database URL, or set market.exclusivityEndYear");
        if (fact is null)
            throw new ValuationInputException(UnknownPatent, Field,
                $"{typed} is not among this workspace's patent records (import it under Patents), or give market.exclusivityEndYear");
        if (o["startYear"] is not JsonValue sy || !sy.TryGetValue<int>(out var start) || start == 0)
            throw new ValuationInputException(ValuationErrorCodes.Required, "$.startYear",
                $"the linked patent {fact.Key} expires {fact.Date:yyyy-MM-dd}: give startYear (the calendar year of the table's first year) to place that on the table");
        if (o["market"] is JsonObject market) market["exclusivityEndYear"] = fact.Date.Year;
        return (o.ToJsonString(), new PatentExclusivity(typed, fact.Key, fact.Date, fact.Basis, fact.Date.Year, true,
            $"Exclusivity ends {fact.Date.Year}, the year {fact.Key} expires ({fact.Date:yyyy-MM-dd}; {fact.Basis})."));
    }

    /// <summary>A saved version's asset JSON with the exclusivity end its patent gave when it was saved, so that it is
    /// recomputed as it was valued, whatever the patent records say today.</summary>
    public static string Apply(string json, PatentExclusivity? patent)
    {
        if (patent is not { Applied: true }) return json;
        if (JsonNode.Parse(json, documentOptions: Lenient) is not JsonObject o || o["market"] is not JsonObject market) return json;
        market["exclusivityEndYear"] = patent.ExclusivityEndYear;
        return o.ToJsonString();
    }
}
