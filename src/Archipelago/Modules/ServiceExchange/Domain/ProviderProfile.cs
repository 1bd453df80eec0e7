using Archipelago.Kernel;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>Where a provider profile is in its review: operators make it public; it expires if not refreshed.</summary>
public static class ProfileStatus
{
    public const string Draft = "draft";
    public const string UnderReview = "under_review";
    public const string Public = "public";
    /// <summary>Shown, never stored: a public profile not refreshed within <see cref="ProviderProfile.ValidFor"/>.</summary>
    public const string Expired = "expired";
}

/// <summary>
/// What a professional service provider (an enabler of that type) offers on the exchange. Rules, enforced here:
/// at least one service, every service, field, language in the taxonomy (<see cref="Taxonomy"/>); categories are
/// those of the services plus any named alone; a team of 1–100 000 with no more patent agents than people; fees
/// non-negative, the lower no higher than the upper, with a currency; turnaround 1–730 days; capacity (engagements at
/// once) 1–10 000.
/// </summary>
public sealed record ProviderProfile
{
    /// <summary>A public profile not refreshed for this long drops out of the directory and matching until refreshed.</summary>
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(365);

    public long EnablerId { get; }
    public IReadOnlyList<string> Categories { get; }
    public IReadOnlyList<string> Services { get; }
    public IReadOnlyList<string> TechnologyFields { get; }
    /// <summary>Provinces or countries served (free names, e.g. "Guangdong", "CN", "international").</summary>
    public IReadOnlyList<string> Regions { get; }
    public IReadOnlyList<string> Languages { get; }
    public int TeamSize { get; }
    public int PatentAgents { get; }
    public IReadOnlyList<string> Credentials { get; }
    public decimal? FeeMin { get; }
    public decimal? FeeMax { get; }
    public string? Currency { get; }
    public int TurnaroundDays { get; }
    public int Capacity { get; }
    public string Description { get; }

    public string Status { get; init; } = ProfileStatus.Draft;
    public DateTimeOffset? RefreshedAt { get; init; }
    public string? ReviewNote { get; init; }

    public ProviderProfile(long enablerId, IEnumerable<string>? categories, IEnumerable<string> services, IEnumerable<string>? technologyFields,
        IEnumerable<string>? regions, IEnumerable<string>? languages, int teamSize, int patentAgents, IEnumerable<string>? credentials,
        decimal? feeMin, decimal? feeMax, string? currency, int turnaroundDays, int capacity, string? description)
    {
        EnablerId = enablerId;
        Services = Clean(services).Select(s => { Taxonomy.CategoryOfService(s); return s.ToLowerInvariant().Replace('-', '_'); }).Distinct().ToList();
        if (Services.Count == 0) throw new DomainException("services_required", "A profile offers at least one service.", "services");
        Categories = Clean(categories).Select(c => Taxonomy.Category(c, "categories").Code)
            .Concat(Services.Select(s => Taxonomy.CategoryOfService(s).Code)).Distinct()
            .OrderBy(c => Taxonomy.Categories.ToList().FindIndex(x => x.Code == c)).ToList();
        TechnologyFields = Clean(technologyFields).Select(f => Taxonomy.Field(f)).Distinct().ToList();
        Regions = Clean(regions).Select(r => FreeText.Line(r, "regions", 80)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Languages = Clean(languages).Select(l => Taxonomy.Language(l)).Distinct().ToList();
        if (Languages.Count == 0) Languages = ["zh"];
        if (teamSize is < 1 or > 100_000) throw new DomainException("bad_team_size", "Team size must be between 1 and 100 000.", "team_size");
        if (patentAgents < 0 || patentAgents > teamSize) throw new DomainException("bad_patent_agents", "Patent agents must be between 0 and the team size.", "patent_agents");
        TeamSize = teamSize;
        PatentAgents = patentAgents;
        Credentials = Clean(credentials).Select(c => FreeText.Line(c, "credentials", 200)).ToList();
        (FeeMin, FeeMax, Currency) = Money.Range(feeMin, feeMax, currency, "fee_min");
        if (turnaroundDays is < 1 or > 730) throw new DomainException("bad_turnaround", "Typical turnaround must be between 1 and 730 days.", "turnaround_days");
        if (capacity is < 1 or > 10_000) throw new DomainException("bad_capacity", "Capacity (engagements at once) must be between 1 and 10 000.", "capacity");
        TurnaroundDays = turnaroundDays;
        Capacity = capacity;
        Description = FreeText.Block(description, "description", 10_000) ?? "";
    }

    /// <summary>The status a reader sees at <paramref name="now"/>: public profiles past their validity show as expired.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == ProfileStatus.Public && (RefreshedAt is null || now - RefreshedAt > ValidFor) ? ProfileStatus.Expired : Status;

    public bool IsListedAt(DateTimeOffset now) => StatusAt(now) == ProfileStatus.Public;

    static IEnumerable<string> Clean(IEnumerable<string>? items) => (items ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());
}

/// <summary>Checks for the free text of the exchange. Text is stored as typed (HTML included) and always encoded on
/// display; control characters other than line breaks and tabs are refused.</summary>
public static class FreeText
{
    public static string Line(string? value, string field, int max, bool required = true)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0)
            return required ? throw new DomainException("required", $"'{field}' is required.", field) : "";
        if (v.Length > max) throw new DomainException("too_long", $"'{field}' is longer than {max} characters.", field);
        if (v.Any(char.IsControl)) throw new DomainException("control_characters", $"'{field}' contains control characters.", field);
        return v;
    }

    public static string? Block(string? value, string field, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > max) throw new DomainException("too_long", $"'{field}' is longer than {max} characters.", field);
        if (v.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new DomainException("control_characters", $"'{field}' contains control characters.", field);
        return v;
    }
}

public static class Money
{
    public static string? Currency(string? currency, string field = "currency")
    {
        var c = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
        if (c is not null && (c.Length != 3 || !c.All(char.IsAsciiLetterUpper)))
            throw new DomainException("bad_currency", $"Currency '{currency}' is not an ISO 4217 code such as CNY or USD.", field);
        return c;
    }

    public static (decimal?, decimal?, string?) Range(decimal? min, decimal? max, string? currency, string field)
    {
        if (min < 0 || max < 0) throw new DomainException("negative_amount", "An amount cannot be negative.", field);
        if (min is { } a && max is { } b && a > b) throw new DomainException("bad_range", "The lower amount is above the upper.", field);
        var c = Currency(currency);
        if ((min is not null || max is not null) && c is null) throw new DomainException("currency_required", "An amount needs its currency.", "currency");
        return (min, max, c);
    }
}
