using System.Globalization;
using System.Text.Json;

namespace Archipelago.Kernel.Localisation;

/// <summary>
/// The interface's words in the reader's language. English text is the key; the kernel's <c>zh-Hans.json</c> and each
/// module's <c>Modules/&lt;Name&gt;/&lt;Name&gt;.zh-Hans.json</c> hold the Simplified Chinese for each key (one table:
/// a key given twice with different words is an error). A missing translation shows the English (a test lists any key
/// the pages use without one).
/// </summary>
public sealed class Text
{
    public static readonly string[] Cultures = ["en", "zh-Hans"];
    public const string CookieName = "archipelago.culture";

    static readonly Lazy<IReadOnlyDictionary<string, string>> Chinese = new(() =>
    {
        var table = new Dictionary<string, string>();
        var assembly = typeof(Text).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith("zh-Hans.json", StringComparison.Ordinal)).Order())
        {
            using var s = assembly.GetManifestResourceStream(name)!;
            foreach (var (english, chinese) in JsonSerializer.Deserialize<Dictionary<string, string>>(s)!)
                if (!table.TryAdd(english, chinese) && table[english] != chinese)
                    throw new InvalidOperationException($"{name}: \"{english}\" is translated twice, differently.");
        }
        return table;
    });

    public static IReadOnlyDictionary<string, string> ChineseTable => Chinese.Value;

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public string this[string english] => IsChinese && Chinese.Value.TryGetValue(english, out var zh) ? zh : english;

    /// <summary>A composite format in the reader's language, e.g. <c>T.Format("{0} enablers", n)</c>.</summary>
    public string Format(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[english], args);
}
