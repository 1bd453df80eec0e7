using System.Globalization;
using System.Net;
using System.Text;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>
/// A chart drawn on the server as plain SVG, so pages show it without JavaScript and every number behind it can be
/// downloaded as CSV. Modules build one of <see cref="BarChart"/>, <see cref="LineChart"/>, <see cref="ScatterChart"/>,
/// <see cref="HeatMap"/> or <see cref="NetworkChart"/> and render it with <see cref="ChartFigure"/>. Labels are shown as given: translate them
/// before building the chart.
/// </summary>
public abstract class Chart
{
    /// <summary>Okabe–Ito colours (distinguishable with colour-vision deficiencies), then a few more for long legends.</summary>
    public static readonly string[] Palette =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#8C564B", "#17BECF", "#BCBD22"];

    protected Chart(string title)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("A chart needs a title (it is its accessible name).", nameof(title));
        Title = title;
    }

    public string Title { get; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 320;

    /// <summary>The data behind the chart, one row per mark, with a header row (RFC 4180 quoting).</summary>
    public abstract string Csv();

    /// <summary>The chart as a standalone SVG document (an <c>svg</c> element with its own styles).</summary>
    public string Svg()
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Escape(Title)}\" class=\"chart-svg\">");
        svg.Append("<style>.chart-svg text{font:11px system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;fill:#333}.ch-grid{stroke:#e5e5e5}.ch-axis{stroke:#888}.chart-svg .ch-t{font-size:13px;font-weight:600}</style>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/><text class=\"ch-t\" x=\"8\" y=\"16\">{Escape(Title)}</text>");
        Draw(svg);
        svg.Append("</svg>");
        return svg.ToString();
    }

    protected abstract void Draw(StringBuilder svg);

    /// <summary>Names of the series, for the legend; a single unnamed series draws none.</summary>
    protected void Legend(StringBuilder svg, IReadOnlyList<string> names, double x, double y)
    {
        if (names.Count < 2) return;
        for (var i = 0; i < names.Count; i++)
        {
            var ly = y + i * 15;
            svg.Append(F($"<rect x=\"{x}\" y=\"{ly - 9}\" width=\"10\" height=\"10\" fill=\"{Colour(i)}\"/><text x=\"{x + 14}\" y=\"{ly}\">{Escape(Clip(names[i], 22))}</text>"));
        }
    }

    /// <summary>
    /// A line through the given points, broken where a point is missing (null) so a gap in a series is not drawn as a
    /// straight bridge.
    /// </summary>
    protected static void BrokenLine(StringBuilder svg, IEnumerable<(double X, double Y)?> points, string colour, bool dashed)
    {
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) svg.Append(F($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"5 4\"" : "")}/>"));
            run.Clear();
        }
        foreach (var p in points)
        {
            if (p is not { } q) { Flush(); continue; }
            run.Add(F($"{q.X:0.##},{q.Y:0.##}"));
        }
        Flush();
    }

    public static string Colour(int i) => Palette[i % Palette.Length];

    public static string Escape(string s) => WebUtility.HtmlEncode(s);

    protected static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Formats with the invariant culture: SVG coordinates always use a decimal point.</summary>
    protected static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for a tick label or tooltip: thousands separated, at most three significant decimals.</summary>
    public static string Number(double v) =>
        double.IsNaN(v) ? "" : Math.Abs(v) >= 1000 || v == Math.Round(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    protected static string CsvField(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    protected static string CsvNumber(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Evenly spaced "nice" tick values (steps of 1, 2 or 5 × 10^k) covering [min, max] — the usual axis of
    /// spreadsheet and statistics packages, so readers see round numbers.
    /// </summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int target = 5)
    {
        if (double.IsNaN(min) || double.IsNaN(max)) return [0];
        if (max < min) (min, max) = (max, min);
        if (max == min) { var pad = min == 0 ? 1 : Math.Abs(min) * 0.1; min -= pad; max += pad; }
        var raw = (max - min) / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw * 0.999);
        var first = Math.Floor(min / step + 1e-9);
        var ticks = new List<double>();
        // Whole multiples of the step, from the one at or below min to the one at or above max.
        for (var k = first; ticks.Count < 50; k++)
        {
            ticks.Add(k * step);
            if (k * step >= max - step * 1e-9) break;
        }
        return ticks;
    }
}

/// <summary>The plotting area inside the margins and the mapping of data values to it.</summary>
internal readonly record struct Frame(double Left, double Top, double Right, double Bottom, double XMin, double XMax, double YMin, double YMax)
{
    public double X(double v) => XMax == XMin ? (Left + Right) / 2 : Left + (v - XMin) / (XMax - XMin) * (Right - Left);
    public double Y(double v) => YMax == YMin ? (Top + Bottom) / 2 : Bottom - (v - YMin) / (YMax - YMin) * (Bottom - Top);

    /// <summary>Horizontal grid lines with their values on the left, and the axis titles.</summary>
    public void ValueAxis(StringBuilder svg, IReadOnlyList<double> ticks, string? xLabel, string? yLabel, int height)
    {
        foreach (var t in ticks)
        {
            var y = Y(t);
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<line class=\"ch-grid\" x1=\"{Left}\" x2=\"{Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/><text x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Chart.Number(t)}</text>"));
        }
        svg.Append(string.Create(CultureInfo.InvariantCulture, $"<line class=\"ch-axis\" x1=\"{Left}\" x2=\"{Right}\" y1=\"{Bottom}\" y2=\"{Bottom}\"/>"));
        if (yLabel is not null)
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{(Top + Bottom) / 2:0.#}\" transform=\"rotate(-90 12 {(Top + Bottom) / 2:0.#})\" text-anchor=\"middle\">{Chart.Escape(yLabel)}</text>"));
        if (xLabel is not null)
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Right) / 2:0.#}\" y=\"{height - 4}\" text-anchor=\"middle\">{Chart.Escape(xLabel)}</text>"));
    }
}
