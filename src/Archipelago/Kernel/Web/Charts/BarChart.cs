using System.Text;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>One named row of values, one value per category (bar chart) or per x (line chart); NaN = no value.</summary>
public sealed record Series(string Name, IReadOnlyList<double> Values);

/// <summary>
/// Bars for categories (years, types, applicants), one colour per series, grouped side by side or stacked.
/// Horizontal bars suit long category names such as applicants. Bars start at zero; negative values go below it.
/// </summary>
public sealed class BarChart : Chart
{
    public BarChart(string title, IReadOnlyList<string> categories, IReadOnlyList<Series> series) : base(title)
    {
        if (series.Count == 0) throw new ArgumentException("A bar chart needs at least one series.", nameof(series));
        foreach (var s in series)
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"Series \"{s.Name}\" has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
        Categories = categories;
        Data = series;
    }

    /// <summary>One series of counts per category, e.g. records per year.</summary>
    public BarChart(string title, IReadOnlyList<string> categories, IReadOnlyList<double> values, string name = "")
        : this(title, categories, [new Series(name, values)]) { }

    public IReadOnlyList<string> Categories { get; }
    public IReadOnlyList<Series> Data { get; }
    public bool Stacked { get; init; }
    public bool Horizontal { get; init; }

    /// <summary>Counts of values in equal-width bins between the smallest and largest value (a histogram).</summary>
    public static BarChart Histogram(string title, IReadOnlyList<double> values, int bins = 30)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return new BarChart(title, ["–"], [0]);
        double lo = finite.Min(), hi = finite.Max();
        var width = hi > lo ? (hi - lo) / bins : 1;
        var counts = new double[bins];
        foreach (var v in finite) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
        var labels = Enumerable.Range(0, bins).Select(i => Number(lo + i * width) + "–" + Number(lo + (i + 1) * width)).ToList();
        return new BarChart(title, labels, counts) { YLabel = "count" };
    }

    public override string Csv()
    {
        var csv = new StringBuilder("category," + string.Join(',', Data.Select((s, i) => CsvField(s.Name == "" ? "value" : s.Name))) + "\n");
        for (var c = 0; c < Categories.Count; c++)
            csv.Append(CsvField(Categories[c])).Append(',').Append(string.Join(',', Data.Select(s => CsvNumber(s.Values[c])))).Append('\n');
        return csv.ToString();
    }

    protected override void Draw(StringBuilder svg)
    {
        // The value range: stacked bars add positive and negative parts separately.
        double lo = 0, hi = 0;
        for (var c = 0; c < Categories.Count; c++)
        {
            if (Stacked)
            {
                hi = Math.Max(hi, Data.Sum(s => Math.Max(0, Value(s, c))));
                lo = Math.Min(lo, Data.Sum(s => Math.Min(0, Value(s, c))));
            }
            else foreach (var s in Data) { hi = Math.Max(hi, Value(s, c)); lo = Math.Min(lo, Value(s, c)); }
        }
        var ticks = Ticks(lo, hi);
        var legendWidth = Data.Count > 1 ? 150 : 0;
        if (Horizontal) DrawHorizontal(svg, ticks, legendWidth);
        else DrawVertical(svg, ticks, legendWidth);
        Legend(svg, Data.Select(s => s.Name).ToList(), Width - legendWidth + 10, 40);
    }

    static double Value(Series s, int c) => double.IsFinite(s.Values[c]) ? s.Values[c] : 0;

    void DrawVertical(StringBuilder svg, IReadOnlyList<double> ticks, int legendWidth)
    {
        var f = new Frame(56, 28, Width - 10 - legendWidth, Height - 44, 0, 1, ticks[0], ticks[^1]);
        f.ValueAxis(svg, ticks, XLabel, YLabel, Height);
        var band = (f.Right - f.Left) / Categories.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(Categories.Count * 40.0 / (f.Right - f.Left)));
        for (var c = 0; c < Categories.Count; c++)
        {
            var x0 = f.Left + c * band;
            double up = 0, down = 0;
            for (var i = 0; i < Data.Count; i++)
            {
                var v = Value(Data[i], c);
                double from, to, x, w;
                if (Stacked) { from = v >= 0 ? up : down; to = from + v; if (v >= 0) up = to; else down = to; x = x0 + band * 0.1; w = band * 0.8; }
                else { from = 0; to = v; w = band * 0.8 / Data.Count; x = x0 + band * 0.1 + i * w; }
                var (y1, y2) = (f.Y(Math.Max(from, to)), f.Y(Math.Min(from, to)));
                svg.Append(F($"<rect x=\"{x:0.##}\" y=\"{y1:0.##}\" width=\"{Math.Max(0.5, w - 1):0.##}\" height=\"{Math.Max(0, y2 - y1):0.##}\" fill=\"{Colour(i)}\"><title>{Escape(Categories[c])}{(Data[i].Name == "" ? "" : " · " + Escape(Data[i].Name))}: {Number(Data[i].Values[c])}</title></rect>"));
            }
            if (c % labelEvery == 0)
                svg.Append(F($"<text x=\"{x0 + band / 2:0.#}\" y=\"{f.Bottom + 14}\" text-anchor=\"middle\">{Escape(Clip(Categories[c], Math.Max(4, (int)(band * labelEvery / 7))))}</text>"));
        }
    }

    void DrawHorizontal(StringBuilder svg, IReadOnlyList<double> ticks, int legendWidth)
    {
        const double labelWidth = 170;
        var f = new Frame(labelWidth, 28, Width - 10 - legendWidth, Height - 36, ticks[0], ticks[^1], 0, 1);
        foreach (var t in ticks)
        {
            var x = f.X(t);
            svg.Append(F($"<line class=\"ch-grid\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{f.Top}\" y2=\"{f.Bottom}\"/><text x=\"{x:0.#}\" y=\"{f.Bottom + 14}\" text-anchor=\"middle\">{Number(t)}</text>"));
        }
        if (XLabel is not null) svg.Append(F($"<text x=\"{(f.Left + f.Right) / 2:0.#}\" y=\"{Height - 4}\" text-anchor=\"middle\">{Escape(XLabel)}</text>"));
        var band = (f.Bottom - f.Top) / Categories.Count;
        for (var c = 0; c < Categories.Count; c++)
        {
            var y0 = f.Top + c * band;
            double right = 0, left = 0;
            for (var i = 0; i < Data.Count; i++)
            {
                var v = Value(Data[i], c);
                double from, to, y, h;
                if (Stacked) { from = v >= 0 ? right : left; to = from + v; if (v >= 0) right = to; else left = to; y = y0 + band * 0.1; h = band * 0.8; }
                else { from = 0; to = v; h = band * 0.8 / Data.Count; y = y0 + band * 0.1 + i * h; }
                var (x1, x2) = (f.X(Math.Min(from, to)), f.X(Math.Max(from, to)));
                svg.Append(F($"<rect x=\"{x1:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(0, x2 - x1):0.##}\" height=\"{Math.Max(0.5, h - 1):0.##}\" fill=\"{Colour(i)}\"><title>{Escape(Categories[c])}{(Data[i].Name == "" ? "" : " · " + Escape(Data[i].Name))}: {Number(Data[i].Values[c])}</title></rect>"));
            }
            if (band >= 9)
                svg.Append(F($"<text x=\"{f.Left - 4}\" y=\"{y0 + band / 2 + 4:0.#}\" text-anchor=\"end\">{Escape(Clip(Categories[c], 28))}</text>"));
        }
        svg.Append(F($"<line class=\"ch-axis\" x1=\"{f.X(0):0.#}\" x2=\"{f.X(0):0.#}\" y1=\"{f.Top}\" y2=\"{f.Bottom}\"/>"));
    }
}
