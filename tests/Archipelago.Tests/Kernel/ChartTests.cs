using System.Xml.Linq;
using Archipelago.Kernel.Web.Charts;

namespace Archipelago.Tests.Kernel;

public class ChartTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static XElement Parse(Chart c) => XElement.Parse(c.Svg());

    [Theory]
    [InlineData(0, 97, new double[] { 0, 20, 40, 60, 80, 100 })]
    [InlineData(0, 1, new double[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 12, new double[] { 0, 5, 10, 15 })]
    [InlineData(-3, 7, new double[] { -4, -2, 0, 2, 4, 6, 8 })]
    [InlineData(2011, 2023, new double[] { 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024 })]
    public void Ticks_AreRoundStepsCoveringTheRange(double min, double max, double[] expected)
    {
        var target = max - min > 10 && min > 1000 ? 8 : 5;
        var ticks = Chart.Ticks(min, max, target);
        Assert.Equal(expected, ticks.Select(t => Math.Round(t, 10)));
    }

    [Fact]
    public void StackedBars_DrawOneRectanglePerValue_AndTheirHeightsAddUp()
    {
        var chart = new BarChart("Actions", ["2020", "2021"], [new Series("licence", [1, 3]), new Series("co-patent", [2, 1])]) { Stacked = true };
        var bars = Parse(chart).Elements(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(4, bars.Count);
        double Height(int i) => double.Parse(bars[i].Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        // Stacks are 3 (1+2) and 4 (3+1) high.
        Assert.Equal(4 * (Height(0) + Height(1)), 3 * (Height(2) + Height(3)), 1);
        // Heights are proportional to values: 2 vs 1 in 2020, 3 vs 1 in 2021.
        Assert.Equal(2 * Height(0), Height(1), 1);
        Assert.Equal(3 * Height(3), Height(2), 1);
    }

    [Fact]
    public void Labels_AreEscaped_SoTextCannotBecomeMarkup()
    {
        var chart = new BarChart("<script>alert(1)</script>", ["<b>x</b>"], [1.0]);
        var svg = chart.Svg();
        Assert.DoesNotContain("<script>", svg);
        Assert.DoesNotContain("<b>", svg);
        Parse(chart); // still well-formed
    }

    [Fact]
    public void NetworkChart_DrawsEveryTieAndNode_WiderAndLargerForMore_TheSameEachTime()
    {
        var chart = new NetworkChart("Co-applicants", [new NetworkNode("A", 40), new NetworkNode("B, Inc.", 10), new NetworkNode("C", 10), new NetworkNode("D", 1)],
            [new NetworkEdge(0, 1, 9), new NetworkEdge(0, 2, 1), new NetworkEdge(1, 2, 1)]);
        var svg = Parse(chart);
        var lines = svg.Elements(Svg + "line").ToList();
        var circles = svg.Elements(Svg + "circle").ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(4, circles.Count); // D has no tie and is still drawn
        double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Attr(lines[0], "stroke-width") > Attr(lines[1], "stroke-width"));
        Assert.True(Attr(circles[0], "r") > Attr(circles[1], "r"));
        Assert.Equal(Attr(circles[1], "r"), Attr(circles[2], "r"));
        foreach (var c in circles)
        {
            Assert.InRange(Attr(c, "cx"), 0, chart.Width);
            Assert.InRange(Attr(c, "cy"), 0, chart.Height);
        }
        Assert.Equal(chart.Svg(), new NetworkChart("Co-applicants", chart.Nodes, chart.Edges).Svg()); // a fixed seed: one drawing
        Assert.Equal("kind,source,target,value\nnode,A,,40\nnode,\"B, Inc.\",,10\nnode,C,,10\nnode,D,,1\ntie,A,\"B, Inc.\",9\ntie,A,C,1\ntie,\"B, Inc.\",C,1\n", chart.Csv());
        Assert.Throws<ArgumentException>(() => new NetworkChart("t", [new NetworkNode("A", 1)], [new NetworkEdge(0, 1, 1)]));
    }

    [Fact]
    public void Csv_HoldsEveryValue_QuotedWhereNeeded()
    {
        var chart = new BarChart("t", ["Co., Ltd.", "B"], [new Series("n", [1.5, double.NaN])]);
        Assert.Equal("category,n\n\"Co., Ltd.\",1.5\nB,\n", chart.Csv());
    }

    [Fact]
    public void LineChart_BreaksAtMissingValues_AndDrawsItsBand()
    {
        var chart = new LineChart("t", [1, 2, 3, 4, 5], [new Line("y", [1, 2, double.NaN, 4, 5]) { Lower = [0, 1, 2, 3, 4], Upper = [2, 3, 4, 5, 6] }]);
        var svg = Parse(chart);
        Assert.Equal(2, svg.Elements(Svg + "polyline").Count());
        Assert.Single(svg.Elements(Svg + "polygon"));
        Assert.Equal(4, svg.Elements(Svg + "circle").Count());
        Assert.Equal("x,y,y lower,y upper\n1,1,0,2\n2,2,1,3\n3,,2,4\n4,4,3,5\n5,5,4,6\n", chart.Csv());
    }

    [Fact]
    public void HeatMap_RejectsAMatrixOfTheWrongShape_AndColoursEveryFiniteCell()
    {
        Assert.Throws<ArgumentException>(() => new HeatMap("t", ["a"], ["x", "y"], new double[2, 2]));
        var map = new HeatMap("r", ["a", "b"], ["a", "b"], new[,] { { 1, -0.5 }, { double.NaN, 1 } }) { Diverging = true };
        Assert.Equal(3, Parse(map).Elements(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));
    }

    [Fact]
    public void Scatter_ConnectsEachGroupInOrder()
    {
        var chart = new ScatterChart("maturity", [new Point(1, 2, "2019", "A"), new Point(2, 3, "2020", "A"), new Point(1, 1, "2020", "B")]) { Connect = true };
        var svg = Parse(chart);
        Assert.Single(svg.Elements(Svg + "polyline"));
        Assert.Equal(3, svg.Elements(Svg + "circle").Count());
    }

    [Fact]
    public void Histogram_CountsEveryValueOnce()
    {
        var values = Enumerable.Range(0, 1000).Select(i => Math.Sin(i) * 10).ToList();
        var h = BarChart.Histogram("h", values, 20);
        Assert.Equal(1000, h.Data[0].Values.Sum());
    }

    [Fact]
    public void SecondAxis_DrawsTheRateOverTheBars_AndAddsItsColumnToTheData()
    {
        // Seed 000's gross output value 2015–2017 (bn yuan) with growth on the previous year (%).
        var chart = new BarChart("Output", ["2015", "2016", "2017"], [3, 3.5, 3.6412]) { SecondAxis = new Line("growth %", [double.NaN, 16.7, 4.0]) };
        var svg = Parse(chart);
        Assert.Single(svg.Elements(Svg + "polyline"));
        Assert.Equal(2, svg.Elements(Svg + "circle").Count());
        Assert.Equal("category,value,growth %\n2015,3,\n2016,3.5,16.7\n2017,3.6412,4\n", chart.Csv());
        Assert.Throws<ArgumentException>(() => new BarChart("x", ["a", "b"], [1.0, 2]) { SecondAxis = new Line("r", [1.0]) });
    }
}
