using System.Globalization;
using System.Text;
using Archipelago.Kernel;
using CsvHelper;
using CsvHelper.Configuration;

namespace Archipelago.Modules.Surveys;

/// <summary>
/// A data matrix of cases (rows) by variables (columns) as a survey export gives it: cells stay text until a variable is
/// asked for as numbers, so an identifier or comment column that no analysis uses never stops the analysis. Missing
/// values are empty cells and <c>NA</c>, and become NaN (the statistics library's missing value).
/// </summary>
public sealed class CaseTable
{
    readonly string source;
    readonly IReadOnlyList<string> names;
    readonly Func<string, double[]> numbers;
    readonly Func<string, string?[]> labels;

    CaseTable(string source, IReadOnlyList<string> names, Func<string, double[]> numbers, Func<string, string?[]> labels)
    {
        this.source = source;
        this.names = names;
        this.numbers = numbers;
        this.labels = labels;
    }

    public IReadOnlyList<string> Variables => names;

    /// <summary>Number of cases (rows).</summary>
    public int Cases => names.Count == 0 ? 0 : labels(names[0]).Length;

    /// <summary>
    /// Reads a UTF-8 CSV with a header row. The delimiter (comma, semicolon or tab) is the one the header line uses most;
    /// with a semicolon, a decimal comma is accepted (the European spreadsheet export).
    /// </summary>
    public static CaseTable ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new DomainException("not_found", $"{path} does not exist.", "data");
        return ParseCsv(File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: false)), Path.GetFileName(path));
    }

    /// <summary>The same from CSV text (a stored dataset, an upload); <paramref name="file"/> names it in messages.</summary>
    public static CaseTable ParseCsv(string text, string file)
    {
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = new[] { ",", ";", "\t" }.MaxBy(d => firstLine.Split(d[0]).Length)!;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, HasHeaderRecord = true, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(new StringReader(text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw new DomainException("empty_file", $"{file} has no header row.", "data");
        header = header.Select(h => h.Trim().Trim('\uFEFF')).ToArray();
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DomainException("duplicate_column", $"{file}: column '{duplicate.Key}' appears twice in the header.", "data");
        var rows = new List<(int Line, string[] Cells)>();
        while (csv.Read())
        {
            var cells = new string[header.Length];
            for (var j = 0; j < header.Length; j++) cells[j] = csv.TryGetField<string>(j, out var v) ? v ?? "" : "";
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((csv.Parser.Row, cells));
        }
        var decimalComma = delimiter == ";";
        return new CaseTable(file, header, name =>
        {
            var j = Array.IndexOf(header, name);
            var values = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var cell = rows[i].Cells[j].Trim();
                if (IsMissing(cell)) { values[i] = double.NaN; continue; }
                if (!double.TryParse(decimalComma ? cell.Replace(',', '.') : cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                    throw new DomainException("not_a_number", $"{file}, row {rows[i].Line}, column '{name}': '{cell}' is not a number (leave the cell empty or write NA for a missing value).", name);
            }
            return values;
        }, name => rows.Select(r => r.Cells[Array.IndexOf(header, name)].Trim() is var c && IsMissing(c) ? null : c).ToArray());
    }

    /// <summary>Variables as an API client sends them: equal-length arrays of numbers, null for a missing value.</summary>
    public static CaseTable FromColumns(IReadOnlyDictionary<string, double?[]>? columns)
    {
        if (columns is null || columns.Count == 0) throw new DomainException("no_data", "The request has no columns.", "columns");
        var lengths = columns.Select(c => c.Value?.Length ?? 0).Distinct().ToList();
        if (lengths.Count > 1)
            throw new DomainException("length_mismatch", "All columns must have the same number of values: " +
                string.Join(", ", columns.Select(c => $"{c.Key} has {c.Value?.Length ?? 0}")) + ".", "columns");
        return new CaseTable("request", columns.Keys.ToList(), name => columns[name]!.Select(v => v ?? double.NaN).ToArray(),
            name => columns[name]!.Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    static bool IsMissing(string cell) => cell.Length == 0 || cell.Equals("NA", StringComparison.OrdinalIgnoreCase);

    /// <summary>The variable's cells as text (null = missing): group codes or labels such as "enterprise".</summary>
    public string?[] Labels(string name)
    {
        Known(name);
        return labels(name);
    }

    /// <summary>The variable's values (NaN = missing); an unknown name is an error that lists the variables there are.</summary>
    public double[] Numbers(string name)
    {
        Known(name);
        return numbers(name);
    }

    void Known(string name)
    {
        if (!names.Contains(name))
        {
            var hint = names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } near ? $" Did you mean '{near}'?" : "";
            throw new DomainException("unknown_column", $"{source} has no column '{name}'.{hint} Columns: {string.Join(", ", names)}.", name);
        }
    }
}
