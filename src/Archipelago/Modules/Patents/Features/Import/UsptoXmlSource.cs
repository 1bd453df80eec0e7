using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// USPTO full-text "red book" XML, grants (<c>us-patent-grant</c>) and applications (<c>us-patent-application</c>),
/// DTD versions 4.0 to 4.5. A weekly bulk file concatenates documents, each starting with its own
/// <c>&lt;?xml …?&gt;</c> line; they are parsed one at a time (memory bounded by one document). The external DTD is
/// never read; named HTML/ISO entities it would define (<c>&amp;minus;</c>, <c>&amp;lsquo;</c>…) are decoded first.
/// Applicants are the assignees (organisations) when there are any, else the applicants; "row" in messages is the
/// document's position in the file.
/// </summary>
public static partial class UsptoXmlSource
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(PatentFile file, ImportLog log, Action<double>? progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var reading = file.Open();
        using var reader = new StreamReader(reading.Data, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new StringBuilder();
        var doc = 0;
        string? line;
        while (true)
        {
            line = await reader.ReadLineAsync(ct);
            if (line is null || (line.StartsWith("<?xml", StringComparison.Ordinal) && buffer.Length > 0))
            {
                if (buffer.ToString().Trim().Length > 0)
                {
                    doc++;
                    var record = Parse(buffer.ToString(), doc, log);
                    if (record is not null) yield return new(doc, record);
                    progress?.Invoke(reading.Fraction);
                }
                buffer.Clear();
                if (line is null) break;
            }
            buffer.AppendLine(line);
        }
        if (doc == 0) log.Error(1, null, "the file holds no XML document.");
    }

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex NamedEntity();
    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();
    [GeneratedRegex(@"<!DOCTYPE[^\[>]*(\[[^\]]*\])?\s*>", RegexOptions.Singleline)]
    private static partial Regex Doctype();

    static readonly HashSet<string> XmlEntities = ["amp", "lt", "gt", "quot", "apos"];

    static PatentRecord? Parse(string text, int doc, ImportLog log)
    {
        // Comments go first: a 2001 design grant comments out one DOCTYPE line before the real one.
        text = Doctype().Replace(Comment().Replace(text, ""), "");
        text = NamedEntity().Replace(text, m => XmlEntities.Contains(m.Groups[1].Value) ? m.Value
            : System.Net.WebUtility.HtmlDecode(m.Value) is var d && d != m.Value ? System.Security.SecurityElement.Escape(d)! : " ");
        XDocument x;
        try
        {
            using var r = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            x = XDocument.Load(r);
        }
        catch (XmlException e)
        {
            log.Error(doc, null, $"document {doc} is not well-formed XML (line {e.LineNumber}: {e.Message.Split('.')[0]}).");
            return null;
        }
        var root = x.Root!;
        if (LegacyUsptoXml.Reads(root.Name.LocalName)) return LegacyUsptoXml.Parse(root, doc, log);
        if (root.Name.LocalName is not ("us-patent-grant" or "us-patent-application"))
        {
            log.Error(doc, root.Name.LocalName, $"document {doc} is a <{root.Name.LocalName}>, not USPTO full-text XML (us-patent-grant, us-patent-application, 2001–2004 PATDOC or pap).");
            return null;
        }
        var biblio = root.Elements().First(e => e.Name.LocalName.StartsWith("us-bibliographic-data", StringComparison.Ordinal));
        var pub = biblio.Element("publication-reference")?.Element("document-id");
        var country = pub?.Element("country")?.Value.Trim() ?? "US";
        var numberText = pub?.Element("doc-number")?.Value.Trim();
        if (string.IsNullOrEmpty(numberText))
        {
            log.Error(doc, "publication-reference", $"document {doc} has no publication number.");
            return null;
        }
        var kind = pub!.Element("kind")?.Value.Trim();
        var number = PatentRecord.NormaliseNumber(country + numberText.TrimStart('0') + kind);
        var app = biblio.Element("application-reference")?.Element("document-id");
        var publication = Date(pub.Element("date")?.Value, doc, "publication-reference/date", log);
        var priorities = biblio.Element("priority-claims")?.Elements("priority-claim").Select(p => Date(p.Element("date")?.Value, doc, "priority-claim/date", log)).OfType<DateOnly>().ToList() ?? [];
        var applicationDate = Date(app?.Element("date")?.Value, doc, "application-reference/date", log);
        // A US application with no earlier priority claim has its own filing date as priority date.
        DateOnly? priority = priorities.Count > 0 ? priorities.Min() : applicationDate;

        var assignees = biblio.Descendants("assignee").Select(Name).OfType<string>().ToList();
        var applicantElements = biblio.Descendants().Where(e => e.Name.LocalName is "applicant" or "us-applicant").ToList();
        var inventors = biblio.Descendants("inventor").Select(Name).OfType<string>().ToList();
        if (inventors.Count == 0)
            inventors = applicantElements.Where(a => ((string?)a.Attribute("app-type"))?.Contains("inventor") == true).Select(Name).OfType<string>().ToList();
        var applicants = assignees.Count > 0 ? assignees : applicantElements.Select(Name).OfType<string>().ToList();

        var ipc = new List<IpcCode>();
        foreach (var c in biblio.Descendants("classification-ipcr"))
            Add(ipc, $"{c.Element("section")?.Value}{c.Element("class")?.Value}{c.Element("subclass")?.Value} {c.Element("main-group")?.Value}/{c.Element("subgroup")?.Value}", doc, log);
        foreach (var c in biblio.Elements("classification-ipc").Elements().Where(e => e.Name.LocalName is "main-classification" or "further-classification"))
            Add(ipc, c.Value, doc, log);
        var cpc = new List<IpcCode>();
        foreach (var c in biblio.Descendants("classification-cpc"))
            Add(cpc, $"{c.Element("section")?.Value}{c.Element("class")?.Value}{c.Element("subclass")?.Value} {c.Element("main-group")?.Value}/{c.Element("subgroup")?.Value}", doc, log);

        var title = Text(biblio.Element("invention-title"));
        var abstractText = Text(root.Element("abstract"));
        var claims = root.Element("claims") is { } cl ? string.Join("\n", cl.Elements("claim").Select(Text)) : null;
        var type = root.Name.LocalName == "us-patent-grant" ? "Granted Patent" : "Patent Application";
        return new PatentRecord(number, country.ToUpperInvariant(), kind, type, title, abstractText, claims,
            app?.Element("doc-number")?.Value.Trim(), priority, applicationDate, publication, publication?.Year, number,
            applicants.Distinct().ToList(), inventors.Distinct().ToList(), ipc, cpc);
    }

    static void Add(List<IpcCode> list, string symbol, int doc, ImportLog log)
    {
        // Edition-7 IPC strings are written 'G06F015/00' or with spaces; the parser takes both.
        var code = IpcCode.Parse(symbol.Replace(" ", "").Length > 4 ? symbol.Replace(" ", "") : symbol);
        if (code is null) log.Warn(doc, "classification", $"'{symbol.Trim()}' is not an IPC/CPC symbol; it is left out.");
        else if (!list.Contains(code)) list.Add(code);
    }

    static string? Name(XElement party)
    {
        var book = party.Element("addressbook") ?? party;
        var org = book.Element("orgname")?.Value.Trim();
        if (!string.IsNullOrEmpty(org)) return org;
        var last = book.Element("last-name")?.Value.Trim();
        var first = book.Element("first-name")?.Value.Trim();
        if (string.IsNullOrEmpty(last)) return null;
        return string.IsNullOrEmpty(first) ? last : $"{last} {first}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    static string? Text(XElement? e) => e is null ? null : Spaces().Replace(string.Concat(e.DescendantNodes().OfType<XText>().Select(t => t.Value + " ")), " ").Trim() is { Length: > 0 } s ? s : null;

    static DateOnly? Date(string? text, int doc, string field, ImportLog log)
    {
        if (PatentDate.TryParse(text, out var d)) return d;
        log.Warn(doc, field, $"'{text}' is not a valid date; the field is left empty.");
        return null;
    }
}
