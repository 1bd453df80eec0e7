using Archipelago.Kernel;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>Who may read a need. Public: every signed-in user; providers only: the providers of the exchange (and
/// the poster); invited only: the providers the poster invited (and the poster).</summary>
public static class Confidentiality
{
    public const string Public = "public";
    public const string ProvidersOnly = "providers_only";
    public const string InvitedOnly = "invited_only";
    public static IReadOnlyList<string> All { get; } = [Public, ProvidersOnly, InvitedOnly];

    public static string Parse(string? level)
    {
        var l = string.IsNullOrWhiteSpace(level) ? Public : level.Trim().ToLowerInvariant().Replace('-', '_');
        return All.Contains(l) ? l : throw new DomainException("unknown_confidentiality", $"Unknown confidentiality '{level}'. Use one of: {string.Join(", ", All)}.", "confidentiality");
    }
}

/// <summary>The industrialisation phase of a need (seed 002), for partner suggestions.</summary>
public static class Phase
{
    public const string PreClinical = "preclinical";
    public const string Clinical = "clinical";
    public const string Market = "market";
    public static IReadOnlyList<string> All { get; } = [PreClinical, Clinical, Market];

    public static string? Parse(string? phase)
    {
        if (string.IsNullOrWhiteSpace(phase)) return null;
        var p = phase.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");
        return All.Contains(p) ? p : throw new DomainException("unknown_phase", $"Unknown phase '{phase}'. Use one of: {string.Join(", ", All)}.", "phase");
    }
}

public static class NeedStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
    /// <summary>Taken down by an operator (moderation); seen only by the poster and operators.</summary>
    public const string Hidden = "hidden";
}

/// <summary>
/// A service need posted by an enabler. Rules, enforced here: a title of 3–200 characters; a demand area (seed 001
/// §3), a service category and (optionally) a service of that category, a technology field, all from the taxonomy;
/// a budget never negative and with its currency; a confidentiality level.
/// </summary>
public sealed record Need
{
    public long Id { get; init; }
    public long EnablerId { get; }
    public string Title { get; }
    public string DemandArea { get; }
    public string Category { get; }
    public string? Service { get; }
    public string TechnologyField { get; }
    public string Description { get; }
    public decimal? Budget { get; }
    public string? Currency { get; }
    public DateOnly? Deadline { get; }
    public string Confidentiality { get; }
    public string Language { get; }
    public string? Phase { get; }
    public string Status { get; init; } = NeedStatus.Open;
    public DateTimeOffset CreatedAt { get; init; }

    public Need(long enablerId, string? title, string? demandArea, string? category, string? service, string? technologyField,
        string? description, decimal? budget, string? currency, DateOnly? deadline, string? confidentiality, string? language = null, string? phase = null)
    {
        EnablerId = enablerId;
        Title = FreeText.Line(title, "title", 200);
        if (Title.Length < 3) throw new DomainException("title_too_short", "A title has at least 3 characters.", "title");
        DemandArea = Taxonomy.DemandArea(demandArea);
        Category = Taxonomy.Category(category).Code;
        if (!string.IsNullOrWhiteSpace(service))
        {
            var of = Taxonomy.CategoryOfService(service, "service");
            if (of.Code != Category)
                throw new DomainException("service_not_in_category", $"Service '{service}' belongs to '{of.Code}', not to '{Category}'.", "service");
            Service = service.Trim().ToLowerInvariant().Replace('-', '_');
        }
        TechnologyField = Taxonomy.Field(technologyField, "technology_field");
        Description = FreeText.Block(description, "description", 10_000) ?? "";
        (Budget, _, Currency) = Money.Range(budget, null, currency, "budget");
        Deadline = deadline;
        Confidentiality = Domain.Confidentiality.Parse(confidentiality);
        Language = Taxonomy.Language(string.IsNullOrWhiteSpace(language) ? "zh" : language, "language");
        Phase = Domain.Phase.Parse(phase);
    }
}
