using System.Globalization;

namespace Archipelago.Numerics.Tests.TimeSeries;

/// <summary>
/// Values computed by R (reference/growth_curves.R → reference/growth_curves.csv, long format case,quantity,name,value).
/// Nothing here is computed by our code.
/// </summary>
public static class RReference
{
    static readonly Lazy<List<(string Case, string Quantity, string Name, string Value)>> Rows = new(Load);

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "TimeSeries", "reference", file);

    static List<(string, string, string, string)> Load()
    {
        var list = new List<(string, string, string, string)>();
        foreach (var line in File.ReadLines(Path("growth_curves.csv")).Skip(1))
        {
            var f = line.Split(',').Select(x => x.Trim('"').Trim()).ToArray();
            list.Add((f[0], f[1], f[2], f[3]));
        }
        return list;
    }

    public static string RVersion => Rows.Value.Single(r => r.Case == "meta").Name;

    public static double Get(string @case, string quantity, string name = "") =>
        double.Parse(Rows.Value.Single(r => r.Case == @case && r.Quantity == quantity && r.Name == name).Value, CultureInfo.InvariantCulture);

    public static IEnumerable<double> ForecastTimes(string @case) =>
        Rows.Value.Where(r => r.Case == @case && r.Quantity == "fc_fit").Select(r => double.Parse(r.Name, CultureInfo.InvariantCulture));
}
