using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Import;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;

namespace Archipelago.Modules.ServiceExchange.Features;

/// <summary>
/// Bulk import of a provider directory from CSV or XLSX: one row per provider, naming an existing enabler of type
/// professional service provider by its key. Lists are separated by ';'. Every row is checked first; any error and
/// nothing is stored, and the errors name file, row and column. Columns: enabler_key, services, categories,
/// technology_fields, regions, languages, team_size, patent_agents, credentials, fee_min, fee_max, currency,
/// turnaround_days, capacity, description.
/// </summary>
public sealed class ProviderImport(Database db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Columns =
        ["enabler_key", "services", "categories", "technology_fields", "regions", "languages", "team_size", "patent_agents", "credentials",
         "fee_min", "fee_max", "currency", "turnaround_days", "capacity", "description"];

    /// <summary><paramref name="Imported"/> profiles stored; <paramref name="Valid"/> rows that passed every check (the dry run's
    /// count); with any error nothing is stored.</summary>
    public sealed record Outcome(string File, int Imported, int Valid, bool DryRun, IReadOnlyList<RowError> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    /// <summary>Reads and checks every row; stores all (published when <paramref name="publish"/>) only if none failed
    /// and this is not a <paramref name="dryRun"/>.</summary>
    public async Task<Outcome> ImportAsync(Stream stream, string fileName, bool publish, Actor actor, Action<double>? progress = null,
        CancellationToken ct = default, bool dryRun = false)
    {
        if (!actor.IsOperator) throw ProfileStore.Forbidden("import a provider directory");
        var file = Path.GetFileName(fileName);
        var format = TabularFile.FormatOf(fileName);
        if (format == TabularFormat.Json) throw new DomainException("unsupported_format", $"{file}: the provider directory is imported from CSV or XLSX.", "file");
        var enablers = new EnablerStore(db, clock);
        var errors = new List<RowError>();
        var profiles = new List<ProviderProfile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in TabularFile.ReadAsync(stream, fileName, format, null, progress, ct))
            {
                var unknown = row.Cells.Keys.FirstOrDefault(k => !Columns.Contains(k));
                if (unknown is not null) { errors.Add(new RowError(file, row.Number, unknown, $"unknown column; use: {string.Join(", ", Columns)}")); continue; }
                var key = row["enabler_key"];
                if (key is null) { errors.Add(new RowError(file, row.Number, "enabler_key", "required")); continue; }
                if (!seen.Add(key)) { errors.Add(new RowError(file, row.Number, "enabler_key", $"'{key}' appears twice in the file")); continue; }
                var e = await enablers.GetByKeyAsync(key, ct);
                if (e is null) { errors.Add(new RowError(file, row.Number, "enabler_key", $"no enabler '{key}' in the workspace")); continue; }
                if (e.Type != EnablerType.ServiceProvider) { errors.Add(new RowError(file, row.Number, "enabler_key", $"'{key}' is a {e.Type.Code}, not a professional service provider")); continue; }
                try
                {
                    profiles.Add(new ProviderProfile(e.Id, List(row["categories"]), List(row["services"]), List(row["technology_fields"]), List(row["regions"]),
                        List(row["languages"]), Int(row, "team_size", 1), Int(row, "patent_agents", 0), List(row["credentials"]), Dec(row, "fee_min"),
                        Dec(row, "fee_max"), row["currency"], Int(row, "turnaround_days", 30), Int(row, "capacity", 5), row["description"]));
                }
                catch (DomainException ex) { errors.Add(new RowError(file, row.Number, ex.Field, ex.Message)); }
            }
        }
        catch (ImportFileException ex) { errors.Add(new RowError(ex.File, ex.Row ?? 0, null, ex.Message)); }
        if (errors.Count == 0 && profiles.Count == 0) errors.Add(new RowError(file, 0, null, "the file has no rows"));
        if (errors.Count > 0) return new Outcome(file, 0, profiles.Count, dryRun, errors);
        if (dryRun) return new Outcome(file, 0, profiles.Count, true, []);
        await new ProfileStore(db, clock).SaveManyAsync(profiles, publish, actor, ct);
        return new Outcome(file, profiles.Count, profiles.Count, false, []);
    }

    static IEnumerable<string> List(string? cell) => (cell ?? "").Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static int Int(SourceRow row, string column, int fallback)
    {
        var v = row[column];
        if (v is null) return fallback;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
            : throw new DomainException("bad_number", $"'{v}' is not a whole number.", column);
    }

    static decimal? Dec(SourceRow row, string column)
    {
        var v = row[column];
        if (v is null) return null;
        return decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
            : throw new DomainException("bad_number", $"'{v}' is not a number.", column);
    }
}
