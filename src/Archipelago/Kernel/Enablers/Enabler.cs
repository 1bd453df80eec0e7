using Archipelago.Kernel.Regions;

namespace Archipelago.Kernel.Enablers;

/// <summary>
/// An actor of the cluster (seed 004 §6.1). Rules, enforced here: a key of 1–64 letters, digits, '-', '_' or '.'
/// (the stable handle files use); at least one name, English or Chinese; aliases without blanks or repeats; attributes
/// that apply to the type; and the source of the record (which import, form or module created it).
/// </summary>
public sealed record Enabler
{
    public long Id { get; init; }
    public string Key { get; }
    public EnablerType Type { get; }
    public string? NameEn { get; }
    public string? NameZh { get; }
    public IReadOnlyList<string> Aliases { get; }
    public Region Region { get; }
    public string? Segment { get; }
    public EnablerAttributes Attributes { get; }
    public string Source { get; }

    public Enabler(string key, EnablerType type, string? nameEn, string? nameZh, IEnumerable<string>? aliases,
        Region region, string? segment, EnablerAttributes? attributes, string source)
    {
        Key = CheckKey(key);
        Type = type ?? throw new DomainException("type_required", "An enabler needs a type.", "type");
        NameEn = Clean(nameEn);
        NameZh = Clean(nameZh);
        if (NameEn is null && NameZh is null)
            throw new DomainException("name_required", "An enabler needs a name in English or Chinese.", "name_en");
        if (NameEn?.Length > 300 || NameZh?.Length > 300)
            throw new DomainException("name_too_long", "Names are at most 300 characters.", "name_en");
        Aliases = (aliases ?? []).Select(Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        Region = region ?? Region.None;
        Segment = ValueChainSegment.Normalise(segment);
        Attributes = attributes ?? EnablerAttributes.Empty;
        Attributes.Validate(Type);
        Source = Clean(source) ?? throw new DomainException("source_required", "Every record keeps its source.", "source");
    }

    /// <summary>The name to show: the one in the reader's language when there is one.</summary>
    public string DisplayName(bool chinese) => (chinese ? NameZh ?? NameEn : NameEn ?? NameZh)!;

    /// <summary>Lower-cased names, aliases and key, the text that search matches (Chinese is unaffected by case).</summary>
    public string SearchText => string.Join(" | ", new[] { Key, NameEn, NameZh }.Concat(Aliases).OfType<string>()).ToLowerInvariant();

    public static string CheckKey(string? key)
    {
        var k = key?.Trim();
        if (string.IsNullOrEmpty(k) || k.Length > 64 || !k.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new DomainException("bad_key", $"Key '{key}' must be 1–64 characters of letters, digits, '-', '_' or '.'.", "key");
        return k;
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public bool Equals(Enabler? o) => o is not null && Id == o.Id && Key == o.Key && Type == o.Type && NameEn == o.NameEn &&
        NameZh == o.NameZh && Aliases.SequenceEqual(o.Aliases) && Region == o.Region && Segment == o.Segment &&
        Attributes.Equals(o.Attributes) && Source == o.Source;
    public override int GetHashCode() => HashCode.Combine(Id, Key, NameEn, NameZh);

    /// <summary>Same facts, ignoring id and source: used to tell "unchanged" from "updated" on import.</summary>
    public bool SameFacts(Enabler o) => Key == o.Key && Type == o.Type && NameEn == o.NameEn && NameZh == o.NameZh &&
        Aliases.SequenceEqual(o.Aliases) && Region == o.Region && Segment == o.Segment && Attributes.Equals(o.Attributes);
}
