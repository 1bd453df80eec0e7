using System.Globalization;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>Minimal reader for the simple CSVs used here (header row, optional double quotes, no embedded commas); empty/NA = NaN.</summary>
public sealed class ReferenceCsv
{
    public string[] Header { get; }
    public List<string[]> Rows { get; }

    ReferenceCsv(string[] header, List<string[]> rows) { Header = header; Rows = rows; }

    public static ReferenceCsv Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        static string[] Split(string l) => l.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
        return new ReferenceCsv(Split(lines[0]), lines.Skip(1).Select(Split).ToList());
    }

    public static ReferenceCsv Reference(string file) =>
        Read(Path.Combine(AppContext.BaseDirectory, "Statistics", "reference", file));

    public int Col(string name) => Array.IndexOf(Header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);

    public double[] Numbers(string name)
    {
        var c = Col(name);
        return Rows.Select(r => Num(r[c])).ToArray();
    }

    public string[] Strings(string name)
    {
        var c = Col(name);
        return Rows.Select(r => r[c]).ToArray();
    }

    public static double Num(string s) =>
        s is "" or "NA" ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>psych::bfi as exported in /work/shared/data/survey-psych-bfi/bfi.csv.</summary>
    public static ReferenceCsv Bfi() => Read(SharedData.Path("survey-psych-bfi", "bfi.csv"));
}
