using System.Text;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Localisation;
using Microsoft.AspNetCore.Html;

namespace Archipelago.Kernel.Web.Charts;

/// <summary>
/// A chart as it appears on a page: the SVG, its title as caption, and downloads of the picture (SVG; PNG where the
/// browser runs <c>/js/charts.js</c>) and of its data (CSV). Downloads are data links, so they work without a
/// second request and without JavaScript (except PNG, which the browser rasterises).
/// In a Razor page: <c>@ChartFigure.Render(chart, T, "filings-per-year")</c>.
/// </summary>
public static partial class ChartFigure
{
    public static IHtmlContent Render(Chart chart, Text t, string name, string? note = null)
    {
        var file = FileName().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (file.Length == 0) file = "chart";
        var svg = chart.Svg();
        var html = new StringBuilder();
        html.Append($"<figure class=\"chart\" data-chart=\"{file}\">").Append(svg).Append("<figcaption>");
        if (note is not null) html.Append(Chart.Escape(note)).Append(' ');
        html.Append($"<span class=\"downloads\">{Chart.Escape(t["Download"])}: ");
        html.Append($"<a download=\"{file}.svg\" href=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">SVG</a> · ");
        html.Append($"<a download=\"{file}.png\" href=\"#\" class=\"png\" hidden>PNG</a> · ");
        // A byte-order mark so spreadsheet programs read Chinese labels as UTF-8.
        html.Append($"<a download=\"{file}.csv\" href=\"data:text/csv;charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(chart.Csv())).ToArray())}\">{Chart.Escape(t["Data (CSV)"])}</a>");
        html.Append("</span></figcaption></figure>");
        return new HtmlString(html.ToString());
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex FileName();
}
