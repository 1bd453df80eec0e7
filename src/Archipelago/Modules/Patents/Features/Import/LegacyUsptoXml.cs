using System.Text.RegularExpressions;
using System.Xml.Linq;
using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// The two USPTO full-text layouts before red-book v4: the 2001–2002 pre-grant publications
/// (<c>patent-application-publication</c>, pap v1.5/1.6) and the 2001–2004 grants in WIPO ST.32 "PATDOC" XML
/// (<c>B110</c> number, <c>B130</c> kind, <c>B140</c> date, <c>B220</c> filing date, <c>B320</c> priority dates,
/// <c>B511</c>/<c>B512</c> IPC, <c>B540</c> title, <c>B721</c> inventors, <c>B731</c> assignees). Read through
/// <see cref="UsptoXmlSource"/>, which splits documents and decodes the DTD's named entities.
/// </summary>
public static partial class LegacyUsptoXml
{
    public static bool Reads(string root) => root is "patent-application-publication" or "PATDOC";

    public static PatentRecord? Parse(XElement root, int doc, ImportLog log) =>
        root.Name.LocalName == "PATDOC" ? Patdoc(root, doc, log) : Pap(root, doc, log);

    static PatentRecord? Pap(XElement root, int doc, ImportLog log)
    {
        var biblio = root.Element("subdoc-bibliographic-information");
        var id = biblio?.Element("document-id");
        var numberText = Clean(id?.Element("doc-number")?.Value);
        if (biblio is null || numberText is null)
        {
            log.Error(doc, "document-id", $"document {doc} has no publication number.");
            return null;
        }
        var kind = Clean(id!.Element("kind-code")?.Value);
        var number = PatentRecord.NormaliseNumber("US" + numberText.TrimStart('0') + kind);
        var publication = Date(id.Element("document-date")?.Value, doc, "document-date", log);
        var filing = biblio.Element("domestic-filing-data");
        var applicationDate = Date(filing?.Element("filing-date")?.Value, doc, "domestic-filing-data/filing-date", log);
        var priorities = biblio.Elements("foreign-priority-data").Select(p => Date(p.Element("filing-date")?.Value, doc, "foreign-priority-data/filing-date", log))
            .OfType<DateOnly>().ToList();
        var ipc = new List<IpcCode>();
        foreach (var s in biblio.Descendants("classification-ipc").Descendants("ipc")) Add(ipc, s.Value, doc, log);
        var inventors = biblio.Element("inventors")?.Elements().Select(i => PersonName(i.Element("name"))).OfType<string>().ToList() ?? [];
        var assignees = biblio.Elements("assignee").Select(a => Clean(a.Element("organization-name")?.Value) ?? PersonName(a.Element("name"))).OfType<string>().ToList();
        var title = Text(biblio.Descendants("title-of-invention").FirstOrDefault());
        var abstractText = Text(root.Element("subdoc-abstract"), "heading");
        var claims = root.Element("subdoc-claims") is { } cl ? string.Join("\n", cl.Elements("claim").Select(c => Text(c))) : null;
        return new PatentRecord(number, "US", kind, "Patent Application", title, abstractText, claims,
            Clean(filing?.Element("application-number")?.Element("doc-number")?.Value), priorities.Count > 0 ? priorities.Min() : applicationDate,
            applicationDate, publication, publication?.Year, number,
            (assignees.Count > 0 ? assignees : inventors).Distinct().ToList(), inventors.Distinct().ToList(), ipc, []);
    }

    static PatentRecord? Patdoc(XElement root, int doc, ImportLog log)
    {
        var biblio = root.Element("SDOBI");
        var b100 = biblio?.Element("B100");
        var numberText = Clean(b100?.Element("B110")?.Value);
        if (biblio is null || numberText is null)
        {
            log.Error(doc, "B110", $"document {doc} has no publication number.");
            return null;
        }
        var country = Clean(b100!.Element("B190")?.Value) ?? "US";
        var kind = Clean(b100.Element("B130")?.Value);
        // Design and plant numbers carry a letter before zero padding: D0435854 → D435854.
        var digits = LeadingLetters().Match(numberText) is { Success: true } m ? m.Value + numberText[m.Length..].TrimStart('0') : numberText.TrimStart('0');
        var number = PatentRecord.NormaliseNumber(country + digits + kind);
        var publication = Date(b100.Element("B140")?.Value, doc, "B140", log);
        var b200 = biblio.Element("B200");
        var applicationDate = Date(b200?.Element("B220")?.Value, doc, "B220", log);
        var priorities = biblio.Elements("B300").Elements("B320").Select(p => Date(p.Value, doc, "B320", log)).OfType<DateOnly>().ToList();
        var ipc = new List<IpcCode>();
        foreach (var s in biblio.Elements("B500").Elements("B510").Elements().Where(e => e.Name.LocalName is "B511" or "B512"))
            if (St32Ipc(s.Value) is { } symbol) Add(ipc, symbol, doc, log);
            else log.Warn(doc, s.Name.LocalName, $"'{s.Value.Trim()}' is not an IPC symbol (a design patent's Locarno class?); it is left out.");
        var b700 = biblio.Element("B700");
        var inventors = b700?.Element("B720")?.Elements("B721").Select(p => Party(p)).OfType<string>().ToList() ?? [];
        var assignees = b700?.Element("B730")?.Elements("B731").Select(p => Party(p)).OfType<string>().ToList() ?? [];
        var title = Text(biblio.Element("B500")?.Element("B540"));
        var abstractText = Text(root.Element("SDOAB"));
        var claims = root.Element("SDOCL") is { } cl ? string.Join("\n", cl.Descendants("CLM").Select(c => Text(c))) : null;
        return new PatentRecord(number, country.ToUpperInvariant(), kind, "Granted Patent", title, abstractText, claims,
            Clean(b200?.Element("B210")?.Value), priorities.Count > 0 ? priorities.Min() : applicationDate, applicationDate, publication,
            publication?.Year, number, (assignees.Count > 0 ? assignees : inventors).Distinct().ToList(), inventors.Distinct().ToList(), ipc, []);
    }

    [GeneratedRegex(@"^[A-Z]+")]
    private static partial Regex LeadingLetters();
    [GeneratedRegex(@"^([A-H]\d\d[A-Z])\s*(\d{3,})$")]
    private static partial Regex St32Symbol();

    /// <summary>ST.32 writes IPC edition 7 as subclass, a space and the group and subgroup run together with the
    /// subgroup's two digits last: <c>G06F 1516</c> = G06F 15/16, <c>B32B 302</c> = B32B 3/02.</summary>
    internal static string? St32Ipc(string text)
    {
        var m = St32Symbol().Match(text.Trim());
        return m.Success ? $"{m.Groups[1].Value} {m.Groups[2].Value[..^2]}/{m.Groups[2].Value[^2..]}" : null;
    }

    static void Add(List<IpcCode> list, string symbol, int doc, ImportLog log)
    {
        var code = IpcCode.Parse(symbol.Trim());
        if (code is null) log.Warn(doc, "classification", $"'{symbol.Trim()}' is not an IPC symbol; it is left out.");
        else if (!list.Contains(code)) list.Add(code);
    }

    /// <summary>A pap name: family name then given name (as the v4 reader writes people).</summary>
    static string? PersonName(XElement? name)
    {
        if (name is null) return null;
        var family = Clean(name.Element("family-name")?.Value);
        var given = Clean(name.Element("given-name")?.Value);
        return family is null ? given : given is null ? family : $"{family} {given}";
    }

    /// <summary>A PATDOC party: organisation name, else surname and first name.</summary>
    static string? Party(XElement p)
    {
        var nam = p.Descendants("NAM").FirstOrDefault();
        if (nam is null) return null;
        if (Clean(nam.Element("ONM")?.Value) is { } org) return org;
        var last = Clean(nam.Element("SNM")?.Value);
        var first = Clean(nam.Element("FNM")?.Value);
        return last is null ? first : first is null ? last : $"{last} {first}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : Spaces().Replace(s, " ").Trim();

    static string? Text(XElement? e, string? skip = null) => e is null ? null
        : Clean(string.Concat(e.DescendantNodes().OfType<XText>().Where(t => skip is null || t.Parent?.Name.LocalName != skip).Select(t => t.Value + " ")));

    static DateOnly? Date(string? text, int doc, string field, ImportLog log)
    {
        if (text is null) return null;
        if (PatentDate.TryParse(text.Trim(), out var d)) return d;
        log.Warn(doc, field, $"'{text.Trim()}' is not a valid date; the field is left empty.");
        return null;
    }
}
