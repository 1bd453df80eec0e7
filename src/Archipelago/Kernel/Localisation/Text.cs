using System.Globalization;
using System.Text.Json;

namespace Archipelago.Kernel.Localisation;

/// <summary>
/// The interface's words in the reader's language. English text is the key; the kernel's <c>zh-Hans.json</c> and each
/// module's <c>Modules/&lt;Name&gt;/&lt;Name&gt;.zh-Hans.json</c> hold the Simplified Chinese for each key (one table:
/// a key given twice with different words is reported by a convention test; the first table's words are shown). A missing translation shows the English (a test lists any key
/// the pages use without one).
/// </summary>
public sealed class Text
{
    public static readonly string[] Cultures = ["en", "zh-Hans"];
    public const string CookieName = "archipelago.culture";

    static readonly Lazy<(Dictionary<string, string> Table, List<string> Conflicts)> Chinese = new(() =>
    {
        var table = new Dictionary<string, string>();
        var conflicts = new List<string>();
        var assembly = typeof(Text).Assembly;
        // Kernel first (resource names sort "Archipelago.Kernel…" before "Archipelago.Modules…"): its words win a clash.
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith("zh-Hans.json", StringComparison.Ordinal)).Order())
        {
            using var s = assembly.GetManifestResourceStream(name)!;
            foreach (var (english, chinese) in JsonSerializer.Deserialize<Dictionary<string, string>>(s)!)
                if (!table.TryAdd(english, chinese) && table[english] != chinese)
                    conflicts.Add($"{name}: \"{english}\" is \"{chinese}\" here but \"{table[english]}\" elsewhere");
        }
        return (table, conflicts);
    });

    public static IReadOnlyDictionary<string, string> ChineseTable => Chinese.Value.Table;

    /// <summary>Keys two tables translate differently (the first table's words are used; a convention test lists these).</summary>
    public static IReadOnlyList<string> Conflicts => Chinese.Value.Conflicts;

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public string this[string english] => IsChinese && Chinese.Value.Table.TryGetValue(english, out var zh) ? zh : english;

    /// <summary>A composite format in the reader's language, e.g. <c>T.Format("{0} enablers", n)</c>.</summary>
    public string Format(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[english], args);
}
