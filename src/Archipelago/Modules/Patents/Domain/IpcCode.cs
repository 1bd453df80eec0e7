using System.Text.RegularExpressions;

namespace Archipelago.Modules.Patents.Domain;

/// <summary>
/// An IPC (or CPC, which shares the layout) symbol parsed into section, class, subclass, main group and subgroup.
/// <see cref="Code"/> is the canonical WIPO display form <c>A61K 38/00</c>; a symbol with no group
/// (<c>C12N</c>, or a truncated <c>C12N/</c>) is kept at subclass level with <see cref="Group"/> null.
/// Accepted spellings: <c>A61K 38/00</c>, <c>A61K38/00</c>, <c>A61K-38/00</c>, <c>a61k 38/00</c>, WIPO's compact
/// <c>C07D41700</c> (main group zero-padded to three digits: C07D 417/00) and the 14-character
/// <c>A61K0038000000</c> form; trailing version tags such as <c>(2006.01)</c> or KIPO's <c>20060101AFI20130528VHKR</c> are dropped.
/// </summary>
public sealed partial record IpcCode(char Section, string Class, string Subclass, string? MainGroup, string? Subgroup)
{
    // Both forms are made once per symbol (an import parses each distinct spelling once and asks for them on every
    // row); they follow from the parts, so equality is unchanged. A `with` copy would keep them stale: there is none.
    public string Code { get; } = MainGroup is null ? Subclass : $"{Subclass} {MainGroup}/{Subgroup}";

    /// <summary>The main group as a symbol (<c>A61K 38/00</c>), or the subclass when there is no group.</summary>
    public string MainGroupCode { get; } = MainGroup is null ? Subclass : $"{Subclass} {MainGroup}/00";

    public bool HasGroup => MainGroup is not null;

    public override string ToString() => Code;

    [GeneratedRegex(@"^([A-HY])(\d{2})([A-Z])(?:[\s\-_]*(\d{1,4})\s*/\s*(\d{1,6})?)?$")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"^([A-HY])(\d{2})([A-Z])[\s\-_]*(\d{4,10})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"\s*\(\d{4}\.\d{2}\)\s*$|\s+\d{8}[0-9A-Z]*\s*$|\s+[A-Z]?\s*$")]
    private static partial Regex VersionTag();

    /// <summary>Parses one symbol; null when it is not an IPC symbol (the caller warns and drops the field).</summary>
    public static IpcCode? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().ToUpperInvariant();
        s = VersionTag().Replace(s, "");
        s = s.TrimEnd('/').Length == 4 ? s.TrimEnd('/') : s;
        var m = Slashed().Match(s);
        if (m.Success)
        {
            var (section, cls, sub) = (m.Groups[1].Value[0], m.Groups[1].Value + m.Groups[2].Value, m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value);
            if (!m.Groups[4].Success) return new IpcCode(section, cls, sub, null, null);
            if (!m.Groups[5].Success) return new IpcCode(section, cls, sub, null, null); // "A21D 13/": truncated → subclass level
            return new IpcCode(section, cls, sub, Trim(m.Groups[4].Value), SubgroupOf(m.Groups[5].Value));
        }
        m = Compact().Match(s);
        if (m.Success)
        {
            var digits = m.Groups[4].Value;
            var section = m.Groups[1].Value[0];
            var cls = m.Groups[1].Value + m.Groups[2].Value;
            var sub = cls + m.Groups[3].Value;
            // 14-character WIPO symbol: 4-digit main group, 6-digit subgroup; otherwise WIPO's compact export pads the
            // main group to three digits (C07D41700 = 417/00, A61K031426 = 31/426); four digits are 2 + 2.
            var (main, rest) = digits.Length == 10 ? (digits[..4], digits[4..])
                : digits.Length == 4 ? (digits[..2], digits[2..])
                : (digits[..3], digits[3..]);
            return new IpcCode(section, cls, sub, Trim(main), SubgroupOf(rest));
        }
        return null;
    }

    static string Trim(string main) => main.TrimStart('0') is { Length: > 0 } t ? t : "0";

    static string SubgroupOf(string sub)
    {
        var t = sub.TrimEnd('0');
        return t.Length >= 2 ? t : sub.Length >= 2 ? sub[..2] : sub.PadRight(2, '0');
    }

    /// <summary>Whether the text, once parsed, lost its group because it was cut off (e.g. <c>A21D 13/</c>, <c>C12N/</c>).</summary>
    public static bool IsTruncated(ReadOnlySpan<char> text) => text.TrimEnd().EndsWith('/');
}
