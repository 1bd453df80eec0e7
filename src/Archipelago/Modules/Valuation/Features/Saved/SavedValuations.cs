using System.Text.Json;
using System.Text.Json.Nodes;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Numerics.Finance;
using Dapper;

namespace Archipelago.Modules.Valuation.Features.Saved;

/// <summary>What is stored with each version: the results computed from its asset JSON when it was saved.
/// <see cref="MonteCarlo"/> and <see cref="Tornado"/> only when the asset has uncertain inputs, <see cref="Deal"/> only
/// when it has deal terms.</summary>
public sealed record SavedResults(RnpvReport Rnpv, DealReport? Deal, MonteCarloReport? MonteCarlo, TornadoReport? Tornado)
{
    /// <summary>Paths and seed of the Monte Carlo run stored with a version (reproducible; rerun more with the CLI).</summary>
    public const int Paths = 20_000;
    public const ulong Seed = 1;

    public static SavedResults Compute(ValuationCase c, PatentExclusivity? patent = null)
    {
        var uncertain = c.Asset.Inputs.Count > 0;
        return new SavedResults(
            RnpvReport.From(Numerics.Finance.Rnpv.Calculate(c.Asset.Base)) with { LinkedPatent = patent },
            c.Deal is null ? null : DealReport.For(c, null, null, "targetShare"),
            uncertain ? MonteCarloReport.From(Numerics.Finance.MonteCarlo.Run(c.Asset, new MonteCarloOptions(Paths, Seed))) : null,
            uncertain ? TornadoReport.For(c, 0.10, 0.90) : null);
    }
}

/// <summary>A saved valuation: its name, owner and latest version.</summary>
public sealed record SavedValuation(long Id, string Name, string Owner, int LatestVersion, string CreatedAt, string UpdatedAt,
    string? TherapeuticArea, string? Modality, string? CurrentPhase, string? Currency, double Rnpv);

/// <summary>One version of a saved valuation: who saved it, when, why, the asset JSON as entered and its results.</summary>
public sealed record ValuationVersion(long ValuationId, int Version, string Author, string SavedAt, string? Note,
    string AssetJson, string? TherapeuticArea, string? Modality, string? CurrentPhase, string? Currency,
    double Rnpv, double Npv, double Loa, SavedResults Results);

/// <summary>An input that differs between two versions: its JSON path, the old and new values (null when absent), and
/// the rNPV of the older version with only this change applied minus the older rNPV (null when the change cannot
/// stand alone, e.g. a phase added that other changes refer to).</summary>
public sealed record InputChange(string Path, string? From, string? To, double? RnpvEffectAlone);

/// <summary>Two versions compared: how the headline numbers moved and which inputs changed.</summary>
public sealed record ValuationDiff(long ValuationId, string Name, int FromVersion, int ToVersion, double RnpvFrom, double RnpvTo,
    double NpvFrom, double NpvTo, double LoaFrom, double LoaTo, IReadOnlyList<InputChange> Changes)
{
    public double RnpvChange => RnpvTo - RnpvFrom;
}

/// <summary>
/// Saved, versioned valuations in <c>valuation_saved</c> / <c>valuation_versions</c>. An asset is parsed and valued
/// before anything is written, so a rejected input (<see cref="ValuationInputException"/>) saves nothing; each save is
/// one transaction that allots the next version number by incrementing the row's counter (a row lock on PostgreSQL,
/// the write lock on SQLite), so two concurrent editors get versions n+1 and n+2, never the same one.
/// </summary>
public sealed class SavedValuationStore(Database db, TimeProvider clock, Facts? facts = null)
{
    public const int MaxNameLength = 200;

    static string CheckName(string? name)
    {
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n)) throw new DomainException("name_required", "A saved valuation needs a name.", "name");
        if (n.Length > MaxNameLength) throw new DomainException("name_too_long", $"A name has at most {MaxNameLength} characters.", "name");
        return n;
    }

    /// <summary>Parses and values <paramref name="assetJson"/> (its linked patent's expiry as the exclusivity end, when it
    /// names one and gives none), or throws the parser's error. The JSON saved is the one entered.</summary>
    async Task<(ValuationCase Case, SavedResults Results, string? Area, string? Modality, string? Phase)> EvaluateAsync(string assetJson, CancellationToken ct)
    {
        var (resolved, patent) = await LinkedPatent.ResolveAsync(assetJson, db, facts ?? new Facts([]), ct);
        var c = AssetJson.Parse(resolved);
        using var doc = JsonDocument.Parse(assetJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? Text(string key) => doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;
        return (c, SavedResults.Compute(c, patent), Text("therapeuticArea"), Text("modality"), Text("currentPhase"));
    }

    /// <summary>Creates a valuation with version 1. The name defaults to the asset's <c>name</c>.</summary>
    public async Task<ValuationVersion> CreateAsync(string? name, string assetJson, string owner, string? note, CancellationToken ct = default)
    {
        var e = await EvaluateAsync(assetJson, ct);
        var n = CheckName(name ?? e.Case.Name);
        var now = clock.GetUtcNow().ToString("O");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM valuation_saved WHERE name = @n", new { n }, tx) > 0)
            throw new DomainException("duplicate_key", $"A valuation named '{n}' already exists; save a new version of it instead.", "name");
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO valuation_saved (name, owner, latest_version, created_at, updated_at) VALUES (@n, @owner, 1, @now, @now) RETURNING id",
            new { n, owner, now }, tx);
        var v = await InsertVersionAsync(c, tx, id, 1, owner, now, note, assetJson, e);
        await Audit.WriteAsync(c, tx, clock, owner, "create", "valuation", n, "version 1");
        await tx.CommitAsync(ct);
        return v;
    }

    /// <summary>Adds the next version of valuation <paramref name="id"/>.</summary>
    public async Task<ValuationVersion> AddVersionAsync(long id, string assetJson, string author, string? note, CancellationToken ct = default)
    {
        var e = await EvaluateAsync(assetJson, ct);
        var now = clock.GetUtcNow().ToString("O");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Name, long Version)>(
            "UPDATE valuation_saved SET latest_version = latest_version + 1, updated_at = @now WHERE id = @id RETURNING name, latest_version", new { id, now }, tx);
        if (row.Name is null) throw new DomainException("not_found", $"Valuation {id} does not exist.");
        var v = await InsertVersionAsync(c, tx, id, (int)row.Version, author, now, note, assetJson, e);
        await Audit.WriteAsync(c, tx, clock, author, "update", "valuation", row.Name, $"version {row.Version}");
        await tx.CommitAsync(ct);
        return v;
    }

    /// <summary>Creates the valuation named <paramref name="name"/>, or adds a version when it exists (the CLI's <c>save</c>).</summary>
    public async Task<ValuationVersion> SaveAsync(string? name, string assetJson, string author, string? note, CancellationToken ct = default)
    {
        var n = CheckName(name ?? AssetJson.Parse(assetJson).Name);
        return await FindAsync(n, ct) is { } existing
            ? await AddVersionAsync(existing.Id, assetJson, author, note, ct)
            : await CreateAsync(n, assetJson, author, note, ct);
    }

    static async Task<ValuationVersion> InsertVersionAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long id, int version,
        string author, string now, string? note, string assetJson,
        (ValuationCase Case, SavedResults Results, string? Area, string? Modality, string? Phase) e)
    {
        var results = JsonSerializer.Serialize(e.Results, ValuationReportJson.Options);
        var n = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await c.ExecuteAsync("""
            INSERT INTO valuation_versions (valuation_id, version, author, saved_at, note, asset_json, therapeutic_area, modality, current_phase, currency, rnpv, npv, loa, results_json)
            VALUES (@id, @version, @author, @now, @n, @assetJson, @Area, @Modality, @Phase, @Currency, @Rnpv, @Npv, @Loa, @results)
            """, new { id, version = (long)version, author, now, n, assetJson, e.Area, e.Modality, e.Phase, e.Case.Currency,
            e.Results.Rnpv.Rnpv, e.Results.Rnpv.Npv, e.Results.Rnpv.Loa, results }, tx);
        return new ValuationVersion(id, version, author, now, n, assetJson, e.Area, e.Modality, e.Phase, e.Case.Currency,
            e.Results.Rnpv.Rnpv, e.Results.Rnpv.Npv, e.Results.Rnpv.Loa, e.Results);
    }

    const string SummaryColumns = """
        s.id AS Id, s.name AS Name, s.owner AS Owner, s.latest_version AS LatestVersion, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt,
        v.therapeutic_area AS TherapeuticArea, v.modality AS Modality, v.current_phase AS CurrentPhase, v.currency AS Currency, v.rnpv AS Rnpv
        """ + SummaryFrom;

    const string SummaryFrom = " FROM valuation_saved s JOIN valuation_versions v ON v.valuation_id = s.id AND v.version = s.latest_version";

    sealed class SummaryRow
    {
        public long Id; public string Name = ""; public string Owner = ""; public long LatestVersion; public string CreatedAt = ""; public string UpdatedAt = "";
        public string? TherapeuticArea; public string? Modality; public string? CurrentPhase; public string? Currency; public double Rnpv;
        public SavedValuation ToSummary() => new(Id, Name, Owner, (int)LatestVersion, CreatedAt, UpdatedAt, TherapeuticArea, Modality, CurrentPhase, Currency, Rnpv);
    }

    /// <summary>Saved valuations, most recently changed first; <paramref name="text"/> filters by name, owner or area.</summary>
    public async Task<Page<SavedValuation>> ListAsync(string? text = null, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var where = "";
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(text))
        {
            where = @" WHERE (LOWER(s.name) LIKE @p ESCAPE '\' OR LOWER(s.owner) LIKE @p ESCAPE '\' OR LOWER(COALESCE(v.therapeutic_area, '')) LIKE @p ESCAPE '\')";
            args.Add("p", "%" + Kernel.Enablers.EnablerStore.EscapeLike(text.Trim().ToLowerInvariant()) + "%");
        }
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*){SummaryFrom}{where}", args);
        args.Add("skip", (long)Math.Max(0, skip));
        args.Add("take", (long)Math.Clamp(take, 1, 1000));
        var rows = await c.QueryAsync<SummaryRow>($"SELECT {SummaryColumns}{where} ORDER BY s.updated_at DESC, s.id DESC LIMIT @take OFFSET @skip", args);
        return new Page<SavedValuation>(rows.Select(r => r.ToSummary()).ToList(), total, skip, take);
    }

    public async Task<SavedValuation?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<SummaryRow>($"SELECT {SummaryColumns} WHERE s.id = @id", new { id }))?.ToSummary();
    }

    public async Task<SavedValuation?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<SummaryRow>($"SELECT {SummaryColumns} WHERE s.name = @name", new { name = name.Trim() }))?.ToSummary();
    }

    /// <summary>A valuation by id (all digits) or name, as the CLI takes it.</summary>
    public async Task<SavedValuation> ResolveAsync(string idOrName, CancellationToken ct = default) =>
        (long.TryParse(idOrName, out var id) ? await GetAsync(id, ct) : null) ?? await FindAsync(idOrName, ct)
        ?? throw new DomainException("not_found", $"No saved valuation '{idOrName}'.", "valuation");

    sealed class VersionRow
    {
        public long valuation_id; public long version; public string author = ""; public string saved_at = ""; public string? note; public string asset_json = "";
        public string? therapeutic_area; public string? modality; public string? current_phase; public string? currency;
        public double rnpv; public double npv; public double loa; public string results_json = "";
        public ValuationVersion ToVersion() => new(valuation_id, (int)version, author, saved_at, note, asset_json, therapeutic_area, modality, current_phase,
            currency, rnpv, npv, loa, JsonSerializer.Deserialize<SavedResults>(results_json, ValuationReportJson.Options)!);
    }

    /// <summary>One version (the latest when <paramref name="version"/> is null), or null.</summary>
    public async Task<ValuationVersion?> GetVersionAsync(long id, int? version = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = version is { } v
            ? await c.QuerySingleOrDefaultAsync<VersionRow>("SELECT * FROM valuation_versions WHERE valuation_id = @id AND version = @v", new { id, v = (long)v })
            : await c.QuerySingleOrDefaultAsync<VersionRow>("SELECT * FROM valuation_versions WHERE valuation_id = @id ORDER BY version DESC LIMIT 1", new { id });
        return row?.ToVersion();
    }

    /// <summary>Every version of a valuation, newest first, without the stored results.</summary>
    public async Task<IReadOnlyList<VersionSummary>> VersionsAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Version, string Author, string SavedAt, string? Note, double Rnpv, double Npv, double Loa)>(
            "SELECT version, author, saved_at, note, rnpv, npv, loa FROM valuation_versions WHERE valuation_id = @id ORDER BY version DESC", new { id }))
            .Select(r => new VersionSummary((int)r.Version, r.Author, r.SavedAt, r.Note, r.Rnpv, r.Npv, r.Loa)).ToList();
    }

    /// <summary>Scenarios side by side: each saved valuation (by id or name) at its latest version, in the order given.</summary>
    public async Task<IReadOnlyList<ScenarioColumn>> CompareAsync(IEnumerable<string> idsOrNames, CancellationToken ct = default)
    {
        var columns = new List<ScenarioColumn>();
        foreach (var x in idsOrNames.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct())
        {
            var s = await ResolveAsync(x, ct);
            columns.Add(ScenarioColumn.From(s, (await GetVersionAsync(s.Id, null, ct))!));
        }
        return columns;
    }

    /// <summary>Deletes a valuation with all its versions.</summary>
    public async Task<bool> DeleteAsync(long id, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var name = await c.QuerySingleOrDefaultAsync<string>("SELECT name FROM valuation_saved WHERE id = @id", new { id }, tx);
        if (name is null) return false;
        await c.ExecuteAsync("DELETE FROM valuation_versions WHERE valuation_id = @id", new { id }, tx);
        await c.ExecuteAsync("DELETE FROM valuation_saved WHERE id = @id", new { id }, tx);
        await Audit.WriteAsync(c, tx, clock, username, "delete", "valuation", name);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Compares version <paramref name="from"/> with <paramref name="to"/> of valuation <paramref name="id"/>.</summary>
    public async Task<ValuationDiff> DiffAsync(long id, int from, int to, CancellationToken ct = default)
    {
        var summary = await GetAsync(id, ct) ?? throw new DomainException("not_found", $"Valuation {id} does not exist.");
        var a = await GetVersionAsync(id, from, ct) ?? throw new DomainException("not_found", $"Valuation '{summary.Name}' has no version {from}.", "from");
        var b = await GetVersionAsync(id, to, ct) ?? throw new DomainException("not_found", $"Valuation '{summary.Name}' has no version {to}.", "to");
        // Compared as valued: a linked patent's exclusivity end is an input of the version that used it (else the
        // effects alone would be computed without it, against an rNPV computed with it).
        return new ValuationDiff(id, summary.Name, from, to, a.Rnpv, b.Rnpv, a.Npv, b.Npv, a.Loa, b.Loa, InputDiff.Compare(
            LinkedPatent.Apply(a.AssetJson, a.Results.Rnpv.LinkedPatent), LinkedPatent.Apply(b.AssetJson, b.Results.Rnpv.LinkedPatent), a.Rnpv));
    }
}

/// <summary>One column of a side-by-side comparison of scenarios (saved valuations at their latest versions).</summary>
public sealed record ScenarioColumn(long Id, string Name, int Version, string? Currency, double Rnpv, double Npv, double Loa,
    double? MonteCarloMean, double? P5, double? P50, double? P95, double? PPositive, double? LicensorValue, double? LicenseeValue, double? Biobucks)
{
    public static ScenarioColumn From(SavedValuation s, ValuationVersion v) => new(s.Id, s.Name, v.Version, v.Currency, v.Rnpv, v.Npv, v.Loa,
        v.Results.MonteCarlo?.Mean, v.Results.MonteCarlo?.P5, v.Results.MonteCarlo?.P50, v.Results.MonteCarlo?.P95, v.Results.MonteCarlo?.PPositive,
        v.Results.Deal?.LicensorValue, v.Results.Deal?.LicenseeValue, v.Results.Deal?.Biobucks);
}

/// <summary>A version in a valuation's history.</summary>
public sealed record VersionSummary(int Version, string Author, string SavedAt, string? Note, double Rnpv, double Npv, double Loa);

/// <summary>
/// Leaf-by-leaf comparison of two asset JSON documents (paths as in error messages, <c>$.phases[1].cost</c>). Each
/// change is also valued alone: applied to the older document by itself, what would its rNPV have been? The effects
/// do not add up to the total change when inputs interact (a probability and the cost after it), which is why the
/// total is reported beside them.
/// </summary>
public static class InputDiff
{
    static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<InputChange> Compare(string fromJson, string toJson, double fromRnpv)
    {
        var a = JsonNode.Parse(fromJson, documentOptions: Lenient);
        var b = JsonNode.Parse(toJson, documentOptions: Lenient);
        var left = new Dictionary<string, string>();
        var right = new Dictionary<string, string>();
        Flatten(a, "$", left);
        Flatten(b, "$", right);
        var changes = new List<InputChange>();
        foreach (var path in left.Keys.Union(right.Keys).Distinct())
        {
            left.TryGetValue(path, out var x);
            right.TryGetValue(path, out var y);
            if (x == y) continue;
            changes.Add(new InputChange(path, x, y, EffectAlone(fromJson, path, y, fromRnpv)));
        }
        return changes;
    }

    /// <summary>Leaves as compact JSON text; a distribution object counts as one leaf (it is one input).</summary>
    static void Flatten(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject o when !o.ContainsKey("dist"):
                foreach (var (k, v) in o) Flatten(v, $"{path}.{k}", leaves);
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++) Flatten(arr[i], $"{path}[{i}]", leaves);
                if (arr.Count == 0) leaves[path] = "[]";
                break;
            default:
                leaves[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }

    static double? EffectAlone(string fromJson, string path, string? newValue, double fromRnpv)
    {
        try
        {
            var root = JsonNode.Parse(fromJson, documentOptions: Lenient)!;
            if (!Set(root, path, newValue is null ? null : JsonNode.Parse(newValue))) return null;
            var c = AssetJson.Parse(root.ToJsonString());
            return Numerics.Finance.Rnpv.Calculate(c.Asset.Base).Value - fromRnpv;
        }
        catch (ValuationInputException) { return null; }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException) { return null; }
    }

    /// <summary>Sets (or removes, when <paramref name="value"/> is null) the node at a path of the form <c>$.a[1].b</c>.</summary>
    static bool Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = new List<object>();
        foreach (var part in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var bracket = name.IndexOf('[');
            if (bracket >= 0)
            {
                if (bracket > 0) steps.Add(name[..bracket]);
                foreach (var idx in name[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries)) steps.Add(int.Parse(idx));
            }
            else steps.Add(name);
        }
        var node = root;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            node = steps[i] switch
            {
                string k => node is JsonObject o && o[k] is { } n ? n : null,
                int ix => node is JsonArray arr && ix < arr.Count ? arr[ix] : null,
                _ => null,
            };
            if (node is null) return false;
        }
        switch (steps[^1], node)
        {
            case (string k, JsonObject o):
                if (value is null) o.Remove(k); else o[k] = value;
                return true;
            case (int ix, JsonArray arr) when ix < arr.Count && value is not null:
                arr[ix] = value;
                return true;
            default:
                return false;
        }
    }
}
