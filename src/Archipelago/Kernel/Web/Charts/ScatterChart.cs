using System.Text;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>A point with an optional label (shown beside it) and group (its colour and legend entry).</summary>
public sealed record Point(double X, double Y, string? Label = null, string? Group = null);

/// <summary>
/// Points on two numeric axes, coloured by group. With <see cref="Connect"/> the points of each group are joined in
/// the order given — a trajectory, such as the EPO maturity map of patent families against applicants year by year.
/// </summary>
public sealed class ScatterChart : Chart
{
    public ScatterChart(string title, IReadOnlyList<Point> points) : base(title) => Points = points;

    public IReadOnlyList<Point> Points { get; }
    public bool Connect { get; init; }

    /// <summary>Extra lines drawn over the points, e.g. a fitted regression line, as (x, y) pairs in data units.</summary>
    public IReadOnlyList<Line>? Overlays { get; init; }
    public IReadOnlyList<double>? OverlayX { get; init; }

    public override string Csv()
    {
        var csv = new StringBuilder("x,y,label,group\n");
        foreach (var p in Points)
            csv.Append(CsvNumber(p.X)).Append(',').Append(CsvNumber(p.Y)).Append(',').Append(CsvField(p.Label ?? "")).Append(',').Append(CsvField(p.Group ?? "")).Append('\n');
        return csv.ToString();
    }

    protected override void Draw(StringBuilder svg)
    {
        var finite = Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xs = finite.Select(p => p.X).Concat(OverlayX ?? []).DefaultIfEmpty(0).ToList();
        var ys = finite.Select(p => p.Y).Concat(Overlays?.SelectMany(o => o.Values).Where(double.IsFinite) ?? []).DefaultIfEmpty(0).ToList();
        // A margin of 5% so points at the extremes are not drawn on the frame.
        double xPad = (xs.Max() - xs.Min()) * 0.05, yPad = (ys.Max() - ys.Min()) * 0.05;
        var xTicks = Ticks(xs.Min() - xPad, xs.Max() + xPad, 8);
        var yTicks = Ticks(ys.Min() - yPad, ys.Max() + yPad);
        var groups = finite.Select(p => p.Group ?? "").Distinct().ToList();
        var legendWidth = groups.Count > 1 ? 150 : 0;
        var f = new Frame(56, 28, Width - 10 - legendWidth, Height - 44, xTicks[0], xTicks[^1], yTicks[0], yTicks[^1]);
        f.ValueAxis(svg, yTicks, XLabel, YLabel, Height);
        foreach (var t in xTicks)
            svg.Append(F($"<line class=\"ch-grid\" x1=\"{f.X(t):0.#}\" x2=\"{f.X(t):0.#}\" y1=\"{f.Top}\" y2=\"{f.Bottom}\"/><text x=\"{f.X(t):0.#}\" y=\"{f.Bottom + 14}\" text-anchor=\"middle\">{Number(t)}</text>"));
        for (var g = 0; g < groups.Count; g++)
        {
            var members = finite.Where(p => (p.Group ?? "") == groups[g]).ToList();
            if (Connect && members.Count > 1)
                svg.Append(F($"<polyline points=\"{string.Join(' ', members.Select(p => F($"{f.X(p.X):0.##},{f.Y(p.Y):0.##}")))}\" fill=\"none\" stroke=\"{Colour(g)}\" stroke-opacity=\"0.6\"/>"));
            var r = finite.Count > 2000 ? 1.5 : 3.5;
            foreach (var p in members)
            {
                svg.Append(F($"<circle cx=\"{f.X(p.X):0.##}\" cy=\"{f.Y(p.Y):0.##}\" r=\"{r}\" fill=\"{Colour(g)}\" fill-opacity=\"0.8\"><title>{Escape(p.Label ?? "")} ({Number(p.X)}, {Number(p.Y)})</title></circle>"));
                if (p.Label is not null && members.Count <= 40)
                    svg.Append(F($"<text x=\"{f.X(p.X) + 5:0.#}\" y=\"{f.Y(p.Y) - 4:0.#}\">{Escape(Clip(p.Label, 18))}</text>"));
            }
        }
        if (Overlays is not null && OverlayX is not null)
            for (var k = 0; k < Overlays.Count; k++)
            {
                var pts = Enumerable.Range(0, OverlayX.Count).Where(i => double.IsFinite(Overlays[k].Values[i]))
                    .Select(i => F($"{f.X(OverlayX[i]):0.##},{f.Y(Overlays[k].Values[i]):0.##}"));
                svg.Append(F($"<polyline points=\"{string.Join(' ', pts)}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"{(Overlays[k].Dashed ? " stroke-dasharray=\"5 4\"" : "")}><title>{Escape(Overlays[k].Name)}</title></polyline>"));
            }
        Legend(svg, groups, Width - legendWidth + 10, 40);
    }
}
