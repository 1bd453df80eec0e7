using Archipelago.Kernel.Web.Charts;
using Archipelago.Numerics.Finance;
using Archipelago.Numerics.Statistics;

namespace Archipelago.Modules.Surveys;

/// <summary>The chart a reader would rather look at for each result: scree with parallel analysis (EFA), group means
/// with 95% CIs (ANOVA, t-test), a correlation heat map, counts per category (crosstab). Titles come translated.</summary>
public static class SurveyCharts
{
    public static (Chart Chart, string Name, string? Note)? For(object report, Func<string, string> t) => report switch
    {
        EfaReport e => (new LineChart(t("Scree plot with parallel analysis"), e.Eigenvalues.Select(v => (double)v.Number).ToList(),
        [
            new Line(t("Observed"), e.Eigenvalues.Select(v => v.Eigenvalue).ToList()),
            new Line(t("Random data (mean)"), e.Eigenvalues.Select(v => v.ParallelMean ?? double.NaN).ToList()) { Dashed = true, Markers = false },
        ]) { XLabel = t("Factor"), YLabel = t("Eigenvalue") }, "scree", null),
        OneWayAnovaReport a => Means(a.Groups, $"{a.Variable} × {a.Factor}", t),
        TTestReport tt when tt.Groups.Count == 2 => Means(tt.Groups, tt.Variable, t),
        CorrelationReport c => (new HeatMap(t("Correlation matrix"), c.Variables, c.Variables,
            ToMatrix(c.Variables.Count, (i, j) => c.Rows[i].R[j] ?? double.NaN)) { Diverging = true, CellFormat = "0.00" }, "correlations", null),
        CrosstabReport x => (new BarChart(t("Counts"), x.Table.Select(r => r.Row).ToList(),
            x.Columns.Select((col, j) => new Series(col, x.Table.Select(r => r.Observed[j]).ToList())).ToList()) { XLabel = x.RowsVariable }, "crosstab", null),
        _ => null,
    };

    /// <summary>Charts drawn from the case table as well as the result: item distributions (stacked bars of each
    /// Likert item's answers, for reliability and descriptives) and, for a regression, residuals against fitted
    /// values and a normal Q–Q plot of the standardised residuals.</summary>
    public static IReadOnlyList<(Chart Chart, string Name, string? Note)> WithData(object report, CaseTable table, Func<string, string> t)
    {
        var charts = new List<(Chart, string, string?)>();
        var items = report switch
        {
            ReliabilityReport r => r.Items.Select(i => i.Item).ToList(),
            DescriptivesReport d => d.Variables.Select(v => v.Variable).ToList(),
            _ => [],
        };
        if (ItemDistributions(items.Where(table.Variables.Contains).ToList(), table, t) is { } dist) charts.Add(dist);
        if (report is RegressionReport reg) charts.AddRange(Residuals(reg, table, t));
        return charts;
    }

    /// <summary>Stacked horizontal bars, one per item, each point of the scale a share of the item's answers. Only
    /// items answered on a scale (whole numbers 1…k, k ≤ 11) take part; none, no chart.</summary>
    public static (Chart, string, string?)? ItemDistributions(IReadOnlyList<string> items, CaseTable table, Func<string, string> t)
    {
        var answers = items.Select(i => (Item: i, Values: table.Numbers(i).Where(double.IsFinite).ToList()))
            .Where(x => x.Values.Count > 0 && x.Values.All(v => v == Math.Floor(v) && v >= 1 && v <= 11)).ToList();
        if (answers.Count == 0) return null;
        var points = (int)answers.Max(x => x.Values.Max());
        var series = Enumerable.Range(1, points).Select(k => new Series(k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            answers.Select(x => 100.0 * x.Values.Count(v => v == k) / x.Values.Count).ToList())).ToList();
        return (new BarChart(t("Item distributions"), answers.Select(x => x.Item).ToList(), series) { Stacked = true, Horizontal = true, YLabel = t("% of answers") },
            "item-distributions", null);
    }

    /// <summary>The final model's fitted values and residuals recomputed from its coefficients on the cases complete
    /// on the dependent variable and the model's predictors; at most 2000 points drawn (every k-th, in order).</summary>
    public static IReadOnlyList<(Chart, string, string?)> Residuals(RegressionReport r, CaseTable table, Func<string, string> t)
    {
        if (r.Coefficients.Count == 0 || r.Coefficients.Any(c => c.B is null) || r.SeEstimate is not { } se || se <= 0) return [];
        var terms = r.Coefficients.Where(c => c.Term != LinearRegression.ConstantTerm).ToList();
        if (!table.Variables.Contains(r.Dependent) || terms.Any(c => !table.Variables.Contains(c.Term))) return [];
        var b0 = r.Coefficients.FirstOrDefault(c => c.Term == LinearRegression.ConstantTerm)?.B ?? 0;
        var y = table.Numbers(r.Dependent);
        var x = terms.Select(c => table.Numbers(c.Term)).ToArray();
        var fitted = new List<double>(); var residuals = new List<double>();
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i]) || x.Any(col => !double.IsFinite(col[i]))) continue;
            var f = b0;
            for (var j = 0; j < terms.Count; j++) f += terms[j].B!.Value * x[j][i];
            fitted.Add(f); residuals.Add(y[i] - f);
        }
        if (residuals.Count < 3) return [];
        var step = Math.Max(1, residuals.Count / 2000);
        var scatter = Enumerable.Range(0, residuals.Count).Where(i => i % step == 0).Select(i => new Point(fitted[i], residuals[i])).ToList();
        double lo = scatter.Min(p => p.X), hi = scatter.Max(p => p.X);
        var vsFitted = new ScatterChart(t("Residuals against fitted values"), scatter)
        {
            XLabel = t("Fitted value"), YLabel = t("Residual"), OverlayX = [lo, hi], Overlays = [new Line("0", [0, 0]) { Dashed = true, Markers = false }],
        };
        // Q–Q: standardised residuals in order against normal quantiles at Blom's plotting positions (i − 3/8)/(n + 1/4).
        var sorted = residuals.Select(e => e / se).Order().ToList();
        var n = sorted.Count;
        var qq = Enumerable.Range(0, n).Where(i => i % step == 0 || i == n - 1)
            .Select(i => new Point(StandardNormal.InverseCdf((i + 1 - 0.375) / (n + 0.25)), sorted[i])).ToList();
        var q = Math.Max(Math.Abs(qq[0].X), Math.Abs(qq[^1].X));
        var qqChart = new ScatterChart(t("Normal Q–Q plot of standardised residuals"), qq)
        {
            XLabel = t("Expected normal quantile"), YLabel = t("Standardised residual"), OverlayX = [-q, q], Overlays = [new Line("y = x", [-q, q]) { Dashed = true, Markers = false }],
        };
        return [(vsFitted, "residuals-fitted", null), (qqChart, "residuals-qq", null)];
    }

    static (Chart, string, string?) Means(IReadOnlyList<GroupDto> groups, string title, Func<string, string> t)
    {
        var x = Enumerable.Range(1, groups.Count).Select(i => (double)i).ToList();
        var line = new Line(t("Mean"), groups.Select(g => g.Mean ?? double.NaN).ToList())
        {
            Lower = groups.Select(g => g.CiLower ?? double.NaN).ToList(),
            Upper = groups.Select(g => g.CiUpper ?? double.NaN).ToList(),
        };
        var note = string.Join(", ", groups.Select((g, i) => $"{i + 1} = {g.Group}"));
        return (new LineChart($"{t("Means with 95% confidence intervals")}: {title}", x, [line]) { XLabel = t("Group"), YLabel = t("Mean") }, "means", note);
    }

    static double[,] ToMatrix(int n, Func<int, int, double> f)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) m[i, j] = f(i, j);
        return m;
    }
}
