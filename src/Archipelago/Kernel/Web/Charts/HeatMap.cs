using System.Text;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>
/// A matrix of values as coloured cells with the value written in each — a cross-tabulation (demand area × service
/// category), a correlation matrix (<see cref="Diverging"/>, −1…1) or a year × classification table.
/// NaN cells are left blank.
/// </summary>
public sealed class HeatMap : Chart
{
    public HeatMap(string title, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values) : base(title)
    {
        if (values.GetLength(0) != rows.Count || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"The values are {values.GetLength(0)}×{values.GetLength(1)} for {rows.Count} rows and {columns.Count} columns.", nameof(values));
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public IReadOnlyList<string> Rows { get; }
    public IReadOnlyList<string> Columns { get; }
    public double[,] Values { get; }

    /// <summary>Blue below zero, red above, white at zero, on a symmetric scale (correlations, changes).</summary>
    public bool Diverging { get; init; }

    /// <summary>How each cell's value is written (a .NET format string); null writes nothing in the cells.</summary>
    public string? CellFormat { get; init; } = "0.##";

    public override string Csv()
    {
        var csv = new StringBuilder("row," + string.Join(',', Columns.Select(CsvField)) + "\n");
        for (var r = 0; r < Rows.Count; r++)
        {
            csv.Append(CsvField(Rows[r]));
            for (var c = 0; c < Columns.Count; c++) csv.Append(',').Append(CsvNumber(Values[r, c]));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    protected override void Draw(StringBuilder svg)
    {
        var all = Values.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double lo = all.Min(), hi = all.Max();
        var extent = Math.Max(Math.Abs(lo), Math.Abs(hi));
        const double left = 170, top = 96;
        var cellW = Math.Max(14, (Width - left - 10) / Math.Max(1, Columns.Count));
        var cellH = Math.Max(12, (Height - top - 10) / Math.Max(1, Rows.Count));
        for (var c = 0; c < Columns.Count; c++)
        {
            var x = left + c * cellW + cellW / 2;
            svg.Append(F($"<text x=\"{x:0.#}\" y=\"{top - 6}\" transform=\"rotate(-40 {x:0.#} {top - 6})\">{Escape(Clip(Columns[c], 20))}</text>"));
        }
        for (var r = 0; r < Rows.Count; r++)
        {
            var y = top + r * cellH;
            svg.Append(F($"<text x=\"{left - 4}\" y=\"{y + cellH / 2 + 4:0.#}\" text-anchor=\"end\">{Escape(Clip(Rows[r], 28))}</text>"));
            for (var c = 0; c < Columns.Count; c++)
            {
                var v = Values[r, c];
                if (!double.IsFinite(v)) continue;
                var t = Diverging ? (extent == 0 ? 0 : v / extent) : (hi == lo ? 0.5 : (v - lo) / (hi - lo));
                var fill = Diverging ? Mix(t < 0 ? (33, 102, 172) : (178, 24, 43), Math.Abs(t)) : Mix((8, 81, 156), 0.08 + 0.92 * t);
                var dark = Diverging ? Math.Abs(t) > 0.6 : t > 0.55;
                svg.Append(F($"<rect x=\"{left + c * cellW:0.##}\" y=\"{y:0.##}\" width=\"{cellW - 1:0.##}\" height=\"{cellH - 1:0.##}\" fill=\"{fill}\"><title>{Escape(Rows[r])} × {Escape(Columns[c])}: {Number(v)}</title></rect>"));
                if (CellFormat is not null && cellW >= 26 && cellH >= 12)
                    svg.Append(F($"<text x=\"{left + c * cellW + cellW / 2:0.#}\" y=\"{y + cellH / 2 + 4:0.#}\" text-anchor=\"middle\" style=\"fill:{(dark ? "#fff" : "#222")}\">{Escape(v.ToString(CellFormat, System.Globalization.CultureInfo.InvariantCulture))}</text>"));
            }
        }
    }

    /// <summary>White blended toward a colour by <paramref name="t"/> in [0, 1].</summary>
    static string Mix((int R, int G, int B) to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        int Channel(int c) => (int)Math.Round(255 + (c - 255) * t);
        return $"#{Channel(to.R):x2}{Channel(to.G):x2}{Channel(to.B):x2}";
    }
}
