using System.Text;

namespace Archipelago.Modules.Patents.Domain;

/// <summary>
/// Applicant name normalisation, the rules written down once (docs/patents.md repeats them and the independent pandas
/// check in tests/ implements them again from that text):
/// 1. Unicode NFKC (full-width letters and digits become ASCII), upper case;
/// 2. every character that is not a letter, digit or CJK ideograph becomes a space (so <c>Co.,Ltd.</c> → <c>CO LTD</c>,
///    <c>KRESS; ROBERT W.</c> → <c>KRESS ROBERT W</c>); runs of spaces collapse;
/// 3. spaced initials of a legal form at the end (<c>S L</c>, <c>B V</c>, <c>S P A</c>) are removed; then trailing legal-form words are removed, repeatedly, while something else remains: English/European
///    (<see cref="LegalWords"/>: INC, CORP, CO, LTD, LLC, GMBH, AG, SA, …) and Chinese endings
///    (<see cref="ChineseEndings"/>: 股份有限公司, 有限责任公司, 有限公司, 公司, 集团), and a dangling AND (of "&amp; Co"). 大学 (university) is kept: it says
///    what the applicant is.
/// </summary>
public static class ApplicantName
{
    public static readonly IReadOnlySet<string> LegalWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC", "LLP", "LP", "PLC",
        "GMBH", "MBH", "AG", "KG", "SA", "SAS", "SARL", "SRL", "SPA", "BV", "NV", "AB", "AS", "ASA", "OY", "OYJ", "KK",
        "PTY", "LTDA", "SL", "SE", "CIE",
    };

    /// <summary>Chinese company-form endings, longest first so 股份有限公司 is removed whole.</summary>
    public static readonly IReadOnlyList<string> ChineseEndings = ["股份有限公司", "有限责任公司", "有限公司", "公司", "集团"];

    public static string Normalise(string raw)
    {
        var s = raw.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var keep = char.IsLetterOrDigit(ch);
            b.Append(keep ? ch : ' ');
        }
        var tokens = b.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // Spaced initials of a legal form (S L, S A, B V, S P A) are joined first so rule 3 sees them as one word.
        for (var n = Math.Min(3, tokens.Count - 1); n >= 2; n--)
            if (tokens.Count > n && tokens.TakeLast(n).All(t => t.Length == 1) && LegalWords.Contains(string.Concat(tokens.TakeLast(n))))
            {
                tokens.RemoveRange(tokens.Count - n, n);
                break;
            }
        while (true)
        {
            if (tokens.Count > 1 && (LegalWords.Contains(tokens[^1]) || ChineseEndings.Contains(tokens[^1]) || tokens[^1] == "AND")) { tokens.RemoveAt(tokens.Count - 1); continue; }
            if (tokens.Count > 0 && ChineseEndings.FirstOrDefault(e => tokens[^1].EndsWith(e, StringComparison.Ordinal) && tokens[^1].Length > e.Length) is { } end)
            {
                tokens[^1] = tokens[^1][..^end.Length];
                continue;
            }
            break;
        }
        return string.Join(' ', tokens);
    }

    /// <summary>Whether the raw name carries a company form (before normalisation removes it).</summary>
    public static bool LooksLikeCompany(string raw)
    {
        var s = raw.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        if (ChineseEndings.Any(e => s.Contains(e, StringComparison.Ordinal))) return true;
        var tokens = new string(s.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 1 && tokens.Skip(1).Any(LegalWords.Contains);
    }

    public static bool LooksLikeUniversity(string normalised) =>
        normalised.Contains("UNIV", StringComparison.Ordinal) || normalised.Contains("大学", StringComparison.Ordinal) ||
        normalised.Contains("学院", StringComparison.Ordinal) || normalised.Contains("COLLEGE", StringComparison.Ordinal) ||
        normalised.Contains("INSTITUTE OF TECHNOLOGY", StringComparison.Ordinal);
}
