using System.Globalization;
using System.Text.Json;

namespace Archipelago.Kernel.Localisation;

/// <summary>
/// The interface's words in the reader's language. English text is the key; <c>zh-Hans.json</c> holds the Simplified
/// Chinese for each key. A missing translation shows the English (a test lists any key the pages use without one).
/// </summary>
public sealed class Text
{
    public static readonly string[] Cultures = ["en", "zh-Hans"];
    public const string CookieName = "archipelago.culture";

    static readonly Lazy<IReadOnlyDictionary<string, string>> Chinese = new(() =>
    {
        using var s = typeof(Text).Assembly.GetManifestResourceStream("Archipelago.Kernel.Localisation.zh-Hans.json")!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(s)!;
    });

    public static IReadOnlyDictionary<string, string> ChineseTable => Chinese.Value;

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public string this[string english] => IsChinese && Chinese.Value.TryGetValue(english, out var zh) ? zh : english;

    /// <summary>A composite format in the reader's language, e.g. <c>T.Format("{0} enablers", n)</c>.</summary>
    public string Format(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[english], args);
}
