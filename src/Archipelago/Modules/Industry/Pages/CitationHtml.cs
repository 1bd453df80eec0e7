using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Html;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>A citation as the pages show it: "publication, table, p. page" with the URL as a link (on the publication when
/// there is one, else on the address itself); "—" when empty.</summary>
public static class CitationHtml
{
    public static IHtmlContent Render(Citation c)
    {
        if (c.IsEmpty) return new HtmlString("—");
        var b = new HtmlContentBuilder();
        b.AppendHtml("<cite class=\"citation\">");
        var text = (c with { Url = null }).ToString();
        if (c.Url is { } url)
        {
            b.AppendHtml("<a href=\"").Append(url).AppendHtml("\" rel=\"noopener noreferrer\">");
            b.Append(text.Length > 0 ? text : url);
            b.AppendHtml("</a>");
        }
        else b.Append(text);
        b.AppendHtml("</cite>");
        return b;
    }
}
