using System.Text;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>A line over x, optionally with a shaded band (a confidence or forecast interval) and drawn dashed
/// (a fitted or projected curve rather than observations).</summary>
public sealed record Line(string Name, IReadOnlyList<double> Values)
{
    public IReadOnlyList<double>? Lower { get; init; }
    public IReadOnlyList<double>? Upper { get; init; }
    public bool Dashed { get; init; }
    public bool Markers { get; init; } = true;
}

/// <summary>
/// Lines over a numeric x (years, periods, doses): series of observations, fitted curves and their intervals.
/// A NaN value breaks the line, so gaps in a series stay visible.
/// </summary>
public sealed class LineChart : Chart
{
    public LineChart(string title, IReadOnlyList<double> x, IReadOnlyList<Line> lines) : base(title)
    {
        if (lines.Count == 0) throw new ArgumentException("A line chart needs at least one line.", nameof(lines));
        foreach (var l in lines)
            if (l.Values.Count != x.Count || l.Lower is { } lo && lo.Count != x.Count || l.Upper is { } up && up.Count != x.Count)
                throw new ArgumentException($"Line \"{l.Name}\" does not have one value per x ({x.Count}).", nameof(lines));
        X = x;
        Lines = lines;
    }

    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<Line> Lines { get; }

    /// <summary>Start the value axis at zero (counts, money) rather than at the smallest value.</summary>
    public bool FromZero { get; init; }

    public override string Csv()
    {
        var csv = new StringBuilder("x");
        foreach (var l in Lines)
        {
            csv.Append(',').Append(CsvField(l.Name));
            if (l.Lower is not null) csv.Append(',').Append(CsvField(l.Name + " lower"));
            if (l.Upper is not null) csv.Append(',').Append(CsvField(l.Name + " upper"));
        }
        csv.Append('\n');
        for (var i = 0; i < X.Count; i++)
        {
            csv.Append(CsvNumber(X[i]));
            foreach (var l in Lines)
            {
                csv.Append(',').Append(CsvNumber(l.Values[i]));
                if (l.Lower is not null) csv.Append(',').Append(CsvNumber(l.Lower[i]));
                if (l.Upper is not null) csv.Append(',').Append(CsvNumber(l.Upper[i]));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    protected override void Draw(StringBuilder svg)
    {
        var ys = Lines.SelectMany(l => l.Values.Concat(l.Lower ?? []).Concat(l.Upper ?? [])).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var yTicks = Ticks(FromZero ? Math.Min(0, ys.Min()) : ys.Min(), FromZero ? Math.Max(0, ys.Max()) : ys.Max());
        var xs = X.Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var xTicks = Ticks(xs.Min(), xs.Max(), 8);
        var legendWidth = Lines.Count > 1 ? 150 : 0;
        var f = new Frame(56, 28, Width - 10 - legendWidth, Height - 44, Math.Min(xTicks[0], xs.Min()), Math.Max(xTicks[^1], xs.Max()), yTicks[0], yTicks[^1]);
        f.ValueAxis(svg, yTicks, XLabel, YLabel, Height);
        foreach (var t in xTicks.Where(t => t >= f.XMin && t <= f.XMax))
            svg.Append(F($"<text x=\"{f.X(t):0.#}\" y=\"{f.Bottom + 14}\" text-anchor=\"middle\">{Number(t).Replace(",", "")}</text>"));
        for (var k = 0; k < Lines.Count; k++)
        {
            var l = Lines[k];
            if (l.Lower is { } lower && l.Upper is { } upper)
            {
                var idx = Enumerable.Range(0, X.Count).Where(i => double.IsFinite(lower[i]) && double.IsFinite(upper[i])).ToList();
                if (idx.Count > 1)
                {
                    var pts = idx.Select(i => F($"{f.X(X[i]):0.##},{f.Y(upper[i]):0.##}")).Concat(idx.AsEnumerable().Reverse().Select(i => F($"{f.X(X[i]):0.##},{f.Y(lower[i]):0.##}")));
                    svg.Append(F($"<polygon points=\"{string.Join(' ', pts)}\" fill=\"{Colour(k)}\" fill-opacity=\"0.15\" stroke=\"none\"/>"));
                }
            }
            // Split at gaps so a missing value is not drawn as a straight bridge.
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1) svg.Append(F($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{Colour(k)}\" stroke-width=\"2\"{(l.Dashed ? " stroke-dasharray=\"5 4\"" : "")}/>"));
                run.Clear();
            }
            for (var i = 0; i < X.Count; i++)
            {
                if (!double.IsFinite(l.Values[i]) || !double.IsFinite(X[i])) { Flush(); continue; }
                run.Add(F($"{f.X(X[i]):0.##},{f.Y(l.Values[i]):0.##}"));
            }
            Flush();
            if (l.Markers && X.Count <= 120)
                for (var i = 0; i < X.Count; i++)
                    if (double.IsFinite(l.Values[i]) && double.IsFinite(X[i]))
                        svg.Append(F($"<circle cx=\"{f.X(X[i]):0.##}\" cy=\"{f.Y(l.Values[i]):0.##}\" r=\"3\" fill=\"{Colour(k)}\"><title>{(l.Name == "" ? "" : Escape(l.Name) + " · ")}{Number(X[i]).Replace(",", "")}: {Number(l.Values[i])}</title></circle>"));
        }
        Legend(svg, Lines.Select(l => l.Name).ToList(), Width - legendWidth + 10, 40);
    }
}
