using System.Text.Json;
using System.Text.Json.Serialization;

namespace Archipelago.Kernel.Enablers;

/// <summary>
/// Typed attributes of an enabler (seed 004 §6.1). Each attribute belongs to certain enabler types; setting one on
/// another type is refused, so a university never carries a "listed" flag by accident. Founding year applies to all
/// organisations.
/// </summary>
public sealed record EnablerAttributes
{
    public static readonly IReadOnlyList<string> Sizes = ["large", "medium", "small", "micro"];
    public static readonly IReadOnlyList<string> InvestorKinds = ["vc", "cvc", "angel", "government_fund", "bank", "other"];
    public static readonly IReadOnlyList<string> ProviderServices =
        ["cro", "cmo_cdmo", "cso", "ip_agency", "law_accounting", "finance", "training", "recruitment", "incubation", "other"];
    public static readonly IReadOnlyList<string> InstitutionKinds = ["university", "institute", "lab"];
    public static readonly IReadOnlyList<string> UserKinds = ["hospital", "doctor", "patient"];
    public static readonly IReadOnlyList<string> TalentKinds = ["scientist", "entrepreneur", "returnee", "manager"];

    /// <summary>Attribute column names in import files and the API, in template order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["size", "listed", "multinational", "leading", "founded", "investor_kind", "service_categories", "institution_kind", "user_kind", "talent_kind"];

    public string? Size { get; init; }
    public bool? Listed { get; init; }
    public bool? Multinational { get; init; }
    /// <summary>A leading enterprise with a sales network (seed 002: the partner of the market phase).</summary>
    public bool? Leading { get; init; }
    public int? Founded { get; init; }
    public string? InvestorKind { get; init; }
    public IReadOnlyList<string>? ServiceCategories { get; init; }
    public string? InstitutionKind { get; init; }
    public string? UserKind { get; init; }
    public string? TalentKind { get; init; }

    public static EnablerAttributes Empty { get; } = new();

    /// <summary>Throws <see cref="DomainException"/> naming the attribute when a value is out of its list or type.</summary>
    public void Validate(EnablerType type)
    {
        Only(Size, "size", type, EnablerType.Enterprise, EnablerType.ServiceProvider);
        In(Size, Sizes, "size");
        Only(Listed, "listed", type, EnablerType.Enterprise, EnablerType.ServiceProvider);
        Only(Multinational, "multinational", type, EnablerType.Enterprise, EnablerType.ServiceProvider, EnablerType.Investor);
        Only(Leading, "leading", type, EnablerType.Enterprise);
        Only(InvestorKind, "investor_kind", type, EnablerType.Investor);
        In(InvestorKind, InvestorKinds, "investor_kind");
        Only(ServiceCategories, "service_categories", type, EnablerType.ServiceProvider);
        foreach (var c in ServiceCategories ?? []) In(c, ProviderServices, "service_categories");
        Only(InstitutionKind, "institution_kind", type, EnablerType.University);
        In(InstitutionKind, InstitutionKinds, "institution_kind");
        Only(UserKind, "user_kind", type, EnablerType.User);
        In(UserKind, UserKinds, "user_kind");
        Only(TalentKind, "talent_kind", type, EnablerType.Talent);
        In(TalentKind, TalentKinds, "talent_kind");
        if (Founded is { } y && (y < 1000 || y > 2200))
            throw new DomainException("bad_attribute", $"Founding year {y} is not a plausible year.", "founded");
    }

    /// <summary>Reads one attribute from text as files carry it; throws naming the column when it does not parse.</summary>
    public EnablerAttributes With(string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        var v = text.Trim();
        return column switch
        {
            "size" => this with { Size = v.ToLowerInvariant() },
            "listed" => this with { Listed = Bool(v, column) },
            "multinational" => this with { Multinational = Bool(v, column) },
            "leading" => this with { Leading = Bool(v, column) },
            "founded" => this with { Founded = int.TryParse(v, out var y) ? y : throw new DomainException("bad_attribute", $"'{v}' is not a year.", column) },
            "investor_kind" => this with { InvestorKind = v.ToLowerInvariant() },
            "service_categories" => this with { ServiceCategories = v.Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToArray() },
            "institution_kind" => this with { InstitutionKind = v.ToLowerInvariant() },
            "user_kind" => this with { UserKind = v.ToLowerInvariant() },
            "talent_kind" => this with { TalentKind = v.ToLowerInvariant() },
            _ => throw new DomainException("unknown_attribute", $"Unknown attribute '{column}'.", column),
        };
    }

    /// <summary>The attribute as text, the inverse of <see cref="With"/>.</summary>
    public string? Text(string column) => column switch
    {
        "size" => Size,
        "listed" => Listed?.ToString().ToLowerInvariant(),
        "multinational" => Multinational?.ToString().ToLowerInvariant(),
        "leading" => Leading?.ToString().ToLowerInvariant(),
        "founded" => Founded?.ToString(),
        "investor_kind" => InvestorKind,
        "service_categories" => ServiceCategories is null ? null : string.Join(";", ServiceCategories),
        "institution_kind" => InstitutionKind,
        "user_kind" => UserKind,
        "talent_kind" => TalentKind,
        _ => null,
    };

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static EnablerAttributes FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? Empty : JsonSerializer.Deserialize<EnablerAttributes>(json, Json) ?? Empty;

    static bool Bool(string v, string column) => v.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "是" => true,
        "false" or "no" or "n" or "0" or "否" => false,
        _ => throw new DomainException("bad_attribute", $"'{v}' is not yes/no.", column),
    };

    static void Only(object? value, string column, EnablerType type, params EnablerType[] allowed)
    {
        if (value is not null && !allowed.Contains(type))
            throw new DomainException("attribute_not_applicable",
                $"'{column}' does not apply to {type.Code}; it applies to {string.Join(", ", allowed.Select(a => a.Code))}.", column);
    }

    static void In(string? value, IReadOnlyList<string> list, string column)
    {
        if (value is not null && !list.Contains(value))
            throw new DomainException("bad_attribute", $"'{value}' is not a valid {column}; use one of: {string.Join(", ", list)}.", column);
    }

    // Records compare lists by reference; attributes are compared by their JSON form.
    public bool Equals(EnablerAttributes? other) => other is not null && ToJson() == other.ToJson();
    public override int GetHashCode() => ToJson().GetHashCode();
}
