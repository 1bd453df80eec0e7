using System.Globalization;
using System.Text.RegularExpressions;

namespace Archipelago.Modules.Patents.Domain;

/// <summary>
/// Dates as patent exports write them: <c>2019-03-14</c>, <c>2019-03-14T00:00:00Z</c>, <c>20190314</c>,
/// <c>14.03.2019</c>, <c>2019/03/14</c>. Missing markers (empty, <c>NA</c>, <c>None</c>, <c>null</c>) are no date;
/// anything else that is not a real calendar day (<c>2019-13-45</c>, <c>20190000</c>) is a bad date.
/// </summary>
public static partial class PatentDate
{
    public static bool IsMissing(string? text) => text is null || IsMissing(text.AsSpan());

    public static bool IsMissing(ReadOnlySpan<char> text) => text.Trim() is [] or "NA" or "N/A" or "None" or "none" or "null" or "NULL" or "-";

    /// <summary>As <see cref="IsMissing(ReadOnlySpan{char})"/>, for UTF-8 text.</summary>
    public static bool IsMissing(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 32)
        {
            Span<char> chars = stackalloc char[32];
            return IsMissing(chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)]);
        }
        // Longer text is no marker: it is missing only when it is all white space.
        for (var s = utf8; s.Length > 0;)
        {
            System.Text.Rune.DecodeFromUtf8(s, out var r, out var n);
            if (!System.Text.Rune.IsWhiteSpace(r)) return false;
            s = s[n..];
        }
        return true;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$")]
    private static partial Regex IsoDay();
    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$")]
    private static partial Regex Compact();
    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")]
    private static partial Regex Dotted();
    [GeneratedRegex(@"^(\d{4})/(\d{1,2})/(\d{1,2})$")]
    private static partial Regex Slashed();

    /// <summary>True with the date, or false when the text is present but not a valid day (the caller warns).</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (IsMissing(text)) return true;
        var s = text!.Trim();
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4) && Digits(s, 5, 2) && Digits(s, 8, 2))
        {
            // The common yyyy-MM-dd spelling without the regular expressions (millions of dates in a large import).
            var (yy, mm, dd) = ((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'), (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
            if (yy < 1700 || yy > 2200 || mm is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(yy, mm)) return false;
            date = new DateOnly(yy, mm, dd);
            return true;
        }
        Match m;
        int y, mo, d;
        if ((m = IsoDay().Match(s)).Success || (m = Compact().Match(s)).Success || (m = Slashed().Match(s)).Success)
            (y, mo, d) = (Int(m, 1), Int(m, 2), Int(m, 3));
        else if ((m = Dotted().Match(s)).Success)
            (y, mo, d) = (Int(m, 3), Int(m, 2), Int(m, 1));
        else return false;
        if (y < 1700 || y > 2200 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
        date = new DateOnly(y, mo, d);
        return true;
    }

    static bool Digits(string s, int from, int count)
    {
        for (var i = from; i < from + count; i++) if (s[i] is < '0' or > '9') return false;
        return true;
    }

    static int Int(Match m, int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<!\d)(\d{4}-\d{2}-\d{2}|\d{8}|\d{2}\.\d{2}\.\d{4})(?!\d)")]
    private static partial Regex Embedded();

    /// <summary>The earliest valid date written anywhere in a priority field (<c>AT 33585 A 19850206</c>,
    /// <c>[200402236U 2004-10-01T23:59:59.000Z ES]</c>); numbers that are not valid days are ignored.</summary>
    public static DateOnly? EarliestIn(string? text)
    {
        if (IsMissing(text)) return null;
        DateOnly? best = null;
        foreach (Match m in Embedded().Matches(text!))
            if (TryParse(m.Value, out var d) && d is { } v && (best is null || v < best)) best = v;
        return best;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
