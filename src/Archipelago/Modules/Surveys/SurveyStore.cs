using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using CsvHelper;
using Dapper;
using ExcelDataReader;

namespace Archipelago.Modules.Surveys;

/// <summary>A saved dataset: its name, the file it came from, a SHA-256 fingerprint of its CSV text, size and variables.</summary>
public sealed record SurveyDataset(long Id, string Name, string Description, string FileName, string Fingerprint, long Cases, IReadOnlyList<string> Variables, string CreatedBy, string CreatedAt);

/// <summary>A stored analysis: what ran (name, options, version), on which data (dataset and its fingerprint then), and the result JSON.</summary>
public sealed record StoredAnalysis(long Id, long DatasetId, string Analysis, IReadOnlyDictionary<string, string?> Options, string Result, string Version,
    string Fingerprint, string CreatedBy, string CreatedAt);

/// <summary>Datasets and analyses of the survey studio in <c>surveys_datasets</c> / <c>surveys_analyses</c>.</summary>
public sealed class SurveyStore(Database db, TimeProvider clock)
{
    /// <summary>Bumped when an analysis' numbers or result shape change, so a stored result says which code made it.</summary>
    public const string AnalysisVersion = "surveys-1";

    public const int MaxCells = 5_000_000;

    /// <summary>Turns an upload (CSV or XLSX, first sheet) into CSV text, checked by parsing it as a case table.</summary>
    public static (string Csv, CaseTable Table) ReadUpload(Stream stream, string fileName)
    {
        var file = Path.GetFileName(fileName);
        string csv;
        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".csv": case ".txt": case ".tsv":
                using (var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true))
                    csv = reader.ReadToEnd();
                break;
            case ".xlsx":
                csv = XlsxToCsv(stream, file);
                break;
            default:
                throw new DomainException("unsupported_format", $"{file}: upload a .csv or .xlsx file.", "file");
        }
        var table = CaseTable.ParseCsv(csv, file);
        if (table.Variables.Count == 0 || table.Cases == 0) throw new DomainException("empty_file", $"{file} has no data rows.", "file");
        if ((long)table.Cases * table.Variables.Count > MaxCells)
            throw new DomainException("too_large", $"{file} has {table.Cases} rows × {table.Variables.Count} columns; the studio keeps up to {MaxCells:N0} cells. Use the CLI for larger files.", "file");
        return (csv, table);
    }

    static string XlsxToCsv(Stream stream, string file)
    {
        // ExcelDataReader needs the legacy code pages (cp1252) even for .xlsx; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        IExcelDataReader reader;
        try { reader = ExcelReaderFactory.CreateOpenXmlReader(stream); }
        catch (Exception e) when (e is not OperationCanceledException) { throw new DomainException("unreadable_file", $"{file} is not a readable .xlsx workbook ({e.Message}).", "file"); }
        using (reader)
        {
            var sb = new StringWriter(CultureInfo.InvariantCulture);
            using var csv = new CsvWriter(sb, CultureInfo.InvariantCulture);
            while (reader.Read())
            {
                var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    null => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    bool b => b ? "1" : "0",
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
                }).ToArray();
                if (cells.All(c => c.Length == 0)) continue;
                foreach (var c in cells) csv.WriteField(c);
                csv.NextRecord();
            }
            csv.Flush();
            return sb.ToString();
        }
    }

    static string Fingerprint(string csv) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)));

    public async Task<SurveyDataset> SaveDatasetAsync(string name, string fileName, string csv, CaseTable table, string user, CancellationToken ct = default, string description = "")
    {
        if (string.IsNullOrWhiteSpace(name)) name = Path.GetFileNameWithoutExtension(fileName);
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var variables = JsonSerializer.Serialize(table.Variables);
        await using var c = await db.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys_datasets (name, description, file_name, fingerprint, cases, variables, content, created_by, created_at) " +
            "VALUES (@name, @description, @fileName, @fp, @cases, @variables, @csv, @user, @now) RETURNING id",
            new { name = name.Trim(), description, fileName, fp = Fingerprint(csv), cases = (long)table.Cases, variables, csv, user, now }, cancellationToken: ct));
        return new SurveyDataset(id, name.Trim(), description, fileName, Fingerprint(csv), table.Cases, table.Variables, user, now);
    }

    sealed record DatasetRow(long Id, string Name, string Description, string File_Name, string Fingerprint, long Cases, string Variables, string Created_By, string Created_At);

    static SurveyDataset ToDataset(DatasetRow r) =>
        new(r.Id, r.Name, r.Description, r.File_Name, r.Fingerprint, r.Cases, JsonSerializer.Deserialize<List<string>>(r.Variables)!, r.Created_By, r.Created_At);

    public async Task<IReadOnlyList<SurveyDataset>> DatasetsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<DatasetRow>(new CommandDefinition(
            "SELECT id, name, description, file_name, fingerprint, cases, variables, created_by, created_at FROM surveys_datasets ORDER BY id DESC", cancellationToken: ct));
        return rows.Select(ToDataset).ToList();
    }

    public async Task<(SurveyDataset Dataset, CaseTable Table)?> DatasetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(
            "SELECT id, name, description, file_name, fingerprint, cases, variables, created_by, created_at FROM surveys_datasets WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null) return null;
        var csv = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT content FROM surveys_datasets WHERE id = @id", new { id }, cancellationToken: ct));
        return (ToDataset(row), CaseTable.ParseCsv(csv!, row.File_Name));
    }

    /// <summary>Runs the analysis on the dataset and stores options, result, version and the data's fingerprint.</summary>
    public async Task<StoredAnalysis> RunAsync(long datasetId, AnalysisDeclaration analysis, IReadOnlyDictionary<string, string?> options, string user, CancellationToken ct = default)
    {
        var found = await DatasetAsync(datasetId, ct) ?? throw new DomainException("not_found", $"There is no dataset {datasetId}.", "dataset");
        var known = options.Where(o => analysis.Options.Any(d => d.Name == o.Key) && !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value);
        var report = analysis.Run(found.Table, new OptionValues(known));
        var result = JsonSerializer.Serialize(report, analysis.ReportType, AnalysisCatalogue.Json);
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var optionsJson = JsonSerializer.Serialize(known);
        await using var c = await db.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys_analyses (dataset_id, analysis, options, result, version, fingerprint, created_by, created_at) " +
            "VALUES (@datasetId, @name, @optionsJson, @result, @version, @fp, @user, @now) RETURNING id",
            new { datasetId, name = analysis.Name, optionsJson, result, version = AnalysisVersion, fp = found.Dataset.Fingerprint, user, now }, cancellationToken: ct));
        return new StoredAnalysis(id, datasetId, analysis.Name, known, result, AnalysisVersion, found.Dataset.Fingerprint, user, now);
    }

    sealed record AnalysisRow(long Id, long Dataset_Id, string Analysis, string Options, string Result, string Version, string Fingerprint, string Created_By, string Created_At);

    sealed record ListRow(long Id, long Dataset_Id, string Analysis, string Options, string Version, string Fingerprint, string Created_By, string Created_At);

    static StoredAnalysis ToAnalysis(AnalysisRow r) => new(r.Id, r.Dataset_Id, r.Analysis,
        JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Options)!, r.Result, r.Version, r.Fingerprint, r.Created_By, r.Created_At);

    public async Task<StoredAnalysis?> AnalysisAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            "SELECT id, dataset_id, analysis, options, result, version, fingerprint, created_by, created_at FROM surveys_analyses WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToAnalysis(row);
    }

    public async Task<IReadOnlyList<StoredAnalysis>> AnalysesAsync(long datasetId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // Without the result column: a list needs none, and an empty set would leave its type unknown to SQLite.
        var rows = await c.QueryAsync<ListRow>(new CommandDefinition(
            "SELECT id, dataset_id, analysis, options, version, fingerprint, created_by, created_at FROM surveys_analyses WHERE dataset_id = @datasetId ORDER BY id DESC",
            new { datasetId }, cancellationToken: ct));
        return rows.Select(r => ToAnalysis(new AnalysisRow(r.Id, r.Dataset_Id, r.Analysis, r.Options, "", r.Version, r.Fingerprint, r.Created_By, r.Created_At))).ToList();
    }

    /// <summary>The stored result as its report record again, for the tables and charts.</summary>
    public static object Report(StoredAnalysis a, AnalysisDeclaration d) => JsonSerializer.Deserialize(a.Result, d.ReportType, AnalysisCatalogue.Json)!;
}
