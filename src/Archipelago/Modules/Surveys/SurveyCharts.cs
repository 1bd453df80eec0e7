using Archipelago.Kernel.Web.Charts;

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
