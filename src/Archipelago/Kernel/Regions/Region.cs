namespace Archipelago.Kernel.Regions;

/// <summary>Where a joint action stands relative to the cluster's home region (seed 004 §1.2.9, the "closed container" trap).</summary>
public enum RegionScope { Unknown, Local, Domestic, Abroad }

/// <summary>
/// A place: city, province (or state) and ISO 3166-1 alpha-2 country code. Any part may be unknown, but a city or
/// province without a country is refused, because "abroad" could not be told from "at home".
/// </summary>
public sealed record Region
{
    public string? City { get; }
    public string? Province { get; }
    public string? Country { get; }

    public Region(string? city, string? province, string? country)
    {
        City = Clean(city);
        Province = Clean(province);
        Country = Clean(country)?.ToUpperInvariant();
        if (Country is not null && (Country.Length != 2 || !Country.All(char.IsAsciiLetterUpper)))
            throw new DomainException("bad_country", $"Country '{country}' is not an ISO 3166-1 two-letter code (e.g. CN, GB, US).", "country");
        if (Country is null && (City is not null || Province is not null))
            throw new DomainException("country_required", "A region with a city or province needs a country code.", "country");
    }

    public static Region None { get; } = new(null, null, null);

    public bool IsKnown => Country is not null;

    /// <summary>
    /// Local when in the home city (or, if the home region names no city, the home province); domestic when in the
    /// home country; abroad otherwise.
    /// </summary>
    public RegionScope ScopeFrom(Region home)
    {
        if (!IsKnown || !home.IsKnown) return RegionScope.Unknown;
        if (Country != home.Country) return RegionScope.Abroad;
        if (home.City is not null)
            return Same(City, home.City) ? RegionScope.Local : RegionScope.Domestic;
        if (home.Province is not null)
            return Same(Province, home.Province) ? RegionScope.Local : RegionScope.Domestic;
        return RegionScope.Local;
    }

    public override string ToString() => string.Join(", ", new[] { City, Province, Country }.Where(p => p is not null));

    static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
