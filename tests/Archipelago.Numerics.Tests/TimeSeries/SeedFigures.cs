using System.Globalization;

namespace Archipelago.Numerics.Tests.TimeSeries;

/// <summary>One figure transcribed from a seed paper (seed000_figures.csv, seed003_figures.csv), with its citation.</summary>
public sealed record SeedFigure(string Series, string Subsector, int Year, double Value, string Unit, string Printed, string Citation, string Note)
{
    public static IReadOnlyList<SeedFigure> Load(string file)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "TimeSeries", file);
        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = SharedData.SplitCsvLine(l);
            return new SeedFigure(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6], f[7]);
        }).ToArray();
    }

    public static double Get(IReadOnlyList<SeedFigure> figures, string series, int year, string subsector = "all") =>
        figures.Single(f => f.Series == series && f.Year == year && f.Subsector == subsector).Value;
}
