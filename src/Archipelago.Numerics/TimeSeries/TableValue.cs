using System.Globalization;
using System.Text;

namespace Archipelago.Numerics.TimeSeries;

/// <summary>What a statistics-table cell turned out to be.</summary>
public enum TableValueKind
{
    /// <summary>A number (possibly a percentage or with a Chinese magnitude unit).</summary>
    Number,
    /// <summary>Explicitly missing: "—", "–", "-", "--", "…", "..", "/", "NA", "n/a" or empty.</summary>
    Missing,
    /// <summary>Readable more than one way; <see cref="TableValue.Reason"/> says how. Never guessed.</summary>
    Ambiguous,
    /// <summary>Not a number this parser understands.</summary>
    Invalid,
}

/// <summary>Which character marks decimals in the source table.</summary>
public enum DecimalMark
{
    /// <summary>"1,235.5" (Chinese and English statistical yearbooks).</summary>
    Point,
    /// <summary>"1.235,5" (most of continental Europe).</summary>
    Comma,
    /// <summary>Not known: a single separator followed by exactly three digits is ambiguous.</summary>
    Unknown,
}

/// <summary>How to read table cells.</summary>
/// <param name="Mark">Decimal mark of the source.</param>
/// <param name="TrustDecimalMark">
/// When false (default), a lone separator followed by exactly three digits ("1.235" under <see cref="DecimalMark.Point"/>,
/// "1,235" under <see cref="DecimalMark.Comma"/>) is reported ambiguous, because tables copied across locales often carry the
/// other convention. A lone comma under <see cref="DecimalMark.Point"/> is grouping (the yearbook norm) and is not ambiguous.
/// When true, the declared mark decides.
/// </param>
public sealed record TableValueOptions(DecimalMark Mark = DecimalMark.Point, bool TrustDecimalMark = false)
{
    public static TableValueOptions Default { get; } = new();
}

/// <summary>
/// A parsed statistics-table cell. <see cref="Value"/> = <see cref="Number"/> · <see cref="Multiplier"/>, where the multiplier
/// comes from an explicit unit written in the cell: % (0.01), ‰ (0.001), 十 (10), 百 (100), 千 (10^3), 万 (10^4), 十万 (10^5),
/// 百万 (10^6), 千万 (10^7), 亿 (10^8), 十亿 (10^9), 百亿 (10^10), 千亿 (10^11), 万亿 (10^12); an optional trailing
/// currency/count word (元, 美元, 人, 家, 个, 项, 件) is recorded in <see cref="Unit"/> and does not scale.
/// </summary>
public sealed record TableValue(string Text, TableValueKind Kind, double? Number, double Multiplier, string? Unit, double? Value, string? Reason)
{
    static readonly (string Suffix, double Multiplier)[] Magnitudes =
    [
        ("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("十亿", 1e9), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6),
        ("十万", 1e5), ("万", 1e4), ("千", 1e3), ("百", 1e2), ("十", 1e1),
    ];
    static readonly string[] CountWords = ["美元", "元", "人", "家", "个", "项", "件"];
    static readonly HashSet<string> MissingMarks = ["", "—", "——", "–", "-", "--", "…", "……", "...", "..", "/", "na", "n/a", "nan", "null", "x", "×"];

    static TableValue Missing(string text) => new(text, TableValueKind.Missing, null, 1, null, null, null);
    static TableValue Ambiguous(string text, string reason) => new(text, TableValueKind.Ambiguous, null, 1, null, null, reason);
    static TableValue Invalid(string text, string reason) => new(text, TableValueKind.Invalid, null, 1, null, null, reason);

    /// <summary>
    /// Parses one cell. Full-width characters (０–９, ，．％－＋) and the ideographic space are folded to ASCII first;
    /// U+2212 and full-width minus are minus signs. Grouping must be in threes ("1,23,456" is invalid).
    /// </summary>
    public static TableValue Parse(string? text, TableValueOptions? options = null)
    {
        options ??= TableValueOptions.Default;
        var original = text ?? "";
        var s = Fold(original).Trim();
        if (MissingMarks.Contains(s.ToLowerInvariant())) return Missing(original);

        double multiplier = 1;
        string? unit = null;
        foreach (var w in CountWords)
            if (s.EndsWith(w, StringComparison.Ordinal)) { unit = w; s = s[..^w.Length].TrimEnd(); break; }
        if (s.EndsWith('%')) { multiplier = 0.01; unit = "%" + unit; s = s[..^1].TrimEnd(); }
        else if (s.EndsWith('‰')) { multiplier = 0.001; unit = "‰" + unit; s = s[..^1].TrimEnd(); }
        else
            foreach (var (suffix, m) in Magnitudes)
                if (s.EndsWith(suffix, StringComparison.Ordinal)) { multiplier = m; unit = suffix + unit; s = s[..^suffix.Length].TrimEnd(); break; }

        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            negative = s[0] == '-';
            s = s[1..].TrimStart();
        }
        if (s.Length == 0) return Invalid(original, "No digits.");

        // Split off an exponent (1.2E+05).
        var exponent = "";
        var e = s.IndexOfAny(['e', 'E']);
        if (e > 0)
        {
            exponent = s[e..];
            s = s[..e];
            if (!int.TryParse(exponent[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                return Invalid(original, $"Malformed exponent '{exponent}'.");
        }
        foreach (var c in s)
            if (!char.IsAsciiDigit(c) && c != '.' && c != ',')
                return Invalid(original, $"Unexpected character '{c}'.");
        if (!s.Any(char.IsAsciiDigit)) return Invalid(original, "No digits.");

        var points = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        char? decimalChar;
        char? groupChar;
        if (points > 0 && commas > 0)
        {
            // Both present: the last one is the decimal mark, which must occur once and must not contradict the declared mark.
            var last = s.LastIndexOfAny(['.', ',']);
            decimalChar = s[last];
            groupChar = decimalChar == '.' ? ',' : '.';
            if (s.Count(c => c == decimalChar) != 1) return Invalid(original, $"'{decimalChar}' appears both as grouping and decimal mark.");
            var intGroups = s[..last].Split(groupChar.Value);
            if (intGroups[0].Length is < 1 or > 3 || intGroups.Skip(1).Any(x => x.Length != 3))
                return Invalid(original, $"Thousands grouping with '{groupChar}' must be in groups of three.");
            if (options.Mark == DecimalMark.Point && decimalChar == ',')
                return Ambiguous(original, "The source is declared to use a decimal point, but this cell is written with a decimal comma (\"1.235,5\").");
            if (options.Mark == DecimalMark.Comma && decimalChar == '.')
                return Ambiguous(original, "The source is declared to use a decimal comma, but this cell is written with a decimal point (\"1,235.5\").");
        }
        else if (points + commas == 0)
        {
            decimalChar = null; groupChar = null;
        }
        else
        {
            var sep = points > 0 ? '.' : ',';
            var count = Math.Max(points, commas);
            var groups = s.Split(sep);
            var looksGrouped = groups.Skip(1).All(g => g.Length == 3) && groups[0].Length is >= 1 and <= 3 && groups[0] != "0";
            if (count > 1)
            {
                // Several of the same separator can only be grouping.
                if (!looksGrouped) return Invalid(original, $"'{sep}' used several times but not in groups of three.");
                decimalChar = null; groupChar = sep;
            }
            else if (!looksGrouped)
            {
                decimalChar = sep; groupChar = null;   // "1,5", "0.125", "12.34": cannot be grouping
            }
            else
            {
                // A single separator followed by exactly three digits: "1.235" or "1,235".
                var declaredDecimal = options.Mark switch { DecimalMark.Point => '.', DecimalMark.Comma => ',', _ => (char?)null };
                if (declaredDecimal is null)
                    return Ambiguous(original, $"'{s}' has one '{sep}' followed by three digits: it is {Alt(s, sep, true)} if '{sep}' groups thousands and {Alt(s, sep, false)} if it marks decimals; the source's decimal mark is unknown.");
                if (options.Mark == DecimalMark.Point && sep == ',')
                {
                    decimalChar = null; groupChar = ',';   // yearbook norm: "1,235" = 1235
                }
                else if (options.TrustDecimalMark)
                {
                    if (sep == declaredDecimal) { decimalChar = sep; groupChar = null; }
                    else { decimalChar = null; groupChar = sep; }
                }
                else
                    return Ambiguous(original, $"'{s}' has one '{sep}' followed by exactly three digits: {Alt(s, sep, false)} with '{sep}' as the declared decimal mark, but {Alt(s, sep, true)} if a thousands separator was meant. Set TrustDecimalMark to accept the declared mark.");
            }
        }

        if (groupChar is { } g2)
        {
            var intPart = decimalChar is { } d0 ? s[..s.IndexOf(d0)] : s;
            var groups = intPart.Split(g2);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(x => x.Length != 3))
                return Invalid(original, $"Thousands grouping with '{g2}' must be in groups of three.");
            s = s.Replace(g2.ToString(), "");
        }
        if (decimalChar is { } d)
        {
            var parts = s.Split(d);
            if (parts.Length != 2 || parts[1].Length == 0) return Invalid(original, "Malformed decimal part.");
            s = (parts[0].Length == 0 ? "0" : parts[0]) + "." + parts[1];
        }
        if (!double.TryParse(s + exponent, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            return Invalid(original, "Not a number.");
        if (negative) number = -number;
        return new TableValue(original, TableValueKind.Number, number, multiplier, unit, number * multiplier, null);
    }

    static string Alt(string s, char sep, bool asGrouping) =>
        double.Parse(asGrouping ? s.Replace(sep.ToString(), "") : s.Replace(sep, '.'), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Folds full-width forms (U+FF01–U+FF5E) to ASCII, the ideographic space to a space, U+2212 to '-'; removes ordinary spaces inside numbers is not done.</summary>
    static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c >= '\uFF01' && c <= '\uFF5E') sb.Append((char)(c - 0xFEE0));
            else if (c == '\u3000' || c == '\u00A0') sb.Append(' ');
            else if (c == '\u2212') sb.Append('-');
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
