using Archipelago.Numerics.TimeSeries;

namespace Archipelago.Numerics.Tests.TimeSeries;

public class TableValueTests
{
    static TableValue P(string s, DecimalMark mark = DecimalMark.Point, bool trust = false) => TableValue.Parse(s, new TableValueOptions(mark, trust));

    [Theory]
    [InlineData("1,235.0", 1235.0)]
    [InlineData("1,235", 1235.0)]            // yearbook norm under a decimal point
    [InlineData("3,641.2", 3641.2)]
    [InlineData("29,826", 29826.0)]
    [InlineData("0.125", 0.125)]              // a leading zero cannot be a thousands group
    [InlineData("1.2345", 1.2345)]
    [InlineData("12.34", 12.34)]
    [InlineData("-8.1", -8.1)]
    [InlineData("−8.1", -8.1)]                // U+2212 minus
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1.5E+03", 1500.0)]
    [InlineData(" 351.97 ", 351.97)]
    public void Parse_PlainNumbers(string text, double expected)
    {
        var v = P(text);
        Assert.Equal(TableValueKind.Number, v.Kind);
        Assert.Equal(expected, v.Value!.Value, 12);
    }

    [Theory]
    [InlineData("１２３５", 1235.0)]
    [InlineData("１，２３５．０", 1235.0)]
    [InlineData("－８．１", -8.1)]
    [InlineData("１２．４％", 0.124)]
    public void Parse_FullWidth(string text, double expected)
    {
        var v = P(text);
        Assert.Equal(TableValueKind.Number, v.Kind);
        Assert.Equal(expected, v.Value!.Value, 12);
    }

    [Fact]
    public void Parse_Percent_KeepsNumberAndMultiplier()
    {
        var v = P("12.4%");
        Assert.Equal(12.4, v.Number);
        Assert.Equal(0.01, v.Multiplier);
        Assert.Equal(0.124, v.Value!.Value, 15);
        Assert.Equal("%", v.Unit);
        Assert.Equal(0.0081, P("8.1‰").Value!.Value, 15);
    }

    [Theory]
    [InlineData("1.5万", 1.5, 1e4, "万")]
    [InlineData("25537.1亿", 25537.1, 1e8, "亿")]
    [InlineData("25,537.1亿元", 25537.1, 1e8, "亿元")]
    [InlineData("2.6万亿元", 2.6, 1e12, "万亿元")]
    [InlineData("7,697家", 7697, 1, "家")]
    [InlineData("3千万", 3, 1e7, "千万")]
    public void Parse_ChineseUnits_Explicit(string text, double number, double multiplier, string unit)
    {
        var v = P(text);
        Assert.Equal(TableValueKind.Number, v.Kind);
        Assert.Equal(number, v.Number);
        Assert.Equal(multiplier, v.Multiplier);
        Assert.Equal(unit, v.Unit);
        Assert.Equal(number * multiplier, v.Value!.Value, 6);
    }

    [Theory]
    [InlineData("—")]
    [InlineData("-")]
    [InlineData("–")]
    [InlineData("--")]
    [InlineData("…")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("NA")]
    [InlineData(null)]
    public void Parse_MissingMarks(string? text) => Assert.Equal(TableValueKind.Missing, P(text!).Kind);

    [Fact]
    public void Parse_PointSource_SingleDotThreeDigits_Ambiguous()
    {
        var v = P("1.235");
        Assert.Equal(TableValueKind.Ambiguous, v.Kind);
        Assert.Null(v.Value);
        Assert.Contains("1235", v.Reason);
        Assert.Contains("1.235", v.Reason);
        Assert.Equal(1.235, P("1.235", DecimalMark.Point, trust: true).Value);   // declared and trusted
    }

    [Fact]
    public void Parse_CommaSource_SingleCommaThreeDigits_Ambiguous()
    {
        var v = P("1,235", DecimalMark.Comma);
        Assert.Equal(TableValueKind.Ambiguous, v.Kind);
        Assert.Contains("thousands", v.Reason);
        Assert.Equal(1.235, P("1,235", DecimalMark.Comma, trust: true).Value!.Value, 15);
        Assert.Equal(1235.5, P("1.235,5", DecimalMark.Comma).Value!.Value, 12);
        Assert.Equal(1.5, P("1,5", DecimalMark.Comma).Value!.Value, 15);
    }

    [Fact]
    public void Parse_UnknownMark_SingleSeparatorThreeDigits_Ambiguous()
    {
        Assert.Equal(TableValueKind.Ambiguous, P("1,235", DecimalMark.Unknown).Kind);
        Assert.Equal(TableValueKind.Ambiguous, P("1.235", DecimalMark.Unknown).Kind);
        Assert.Equal(1235.5, P("1,235.5", DecimalMark.Unknown).Value!.Value, 12);
        Assert.Equal(1235.5, P("1.235,5", DecimalMark.Unknown).Value!.Value, 12);
    }

    [Fact]
    public void Parse_ConventionContradictsDeclaredMark_Ambiguous()
    {
        Assert.Equal(TableValueKind.Ambiguous, P("1.235,5", DecimalMark.Point).Kind);
        Assert.Equal(TableValueKind.Ambiguous, P("1,235.5", DecimalMark.Comma).Kind);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,23,456")]     // Indian grouping
    [InlineData("12,34.5")]      // group of two
    [InlineData("1.2.3,4")]
    [InlineData("%")]
    [InlineData("1e")]
    public void Parse_Invalid(string text)
    {
        var v = P(text);
        Assert.Equal(TableValueKind.Invalid, v.Kind);
        Assert.False(string.IsNullOrEmpty(v.Reason));
    }
}
