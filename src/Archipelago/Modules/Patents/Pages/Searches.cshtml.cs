using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Saved searches: save the search shown on the search page under a name, list them (run, landscape,
/// export), delete them. Saving and deleting need <see cref="Policies.Analyse"/>.</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class SearchesModel(Database db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SavedSearch> Saved { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Saved = await new SavedSearches(db, clock).ListAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(string? name, string? q, string? classification, string? applicant, string? jurisdiction,
        int? from, int? to, string? basis, bool cluster, string? legalStatus, CancellationToken ct)
    {
        try
        {
            var saved = await new SavedSearches(db, clock).SaveAsync(name ?? "",
                new PatentFilter(q, classification, applicant, jurisdiction, from, to, PatentFilter.ParseBasis(basis), cluster, legalStatus), User.Username(), ct);
            Message = saved.Name;
        }
        catch (DomainException e) { Error = e.Message; }
        Saved = await new SavedSearches(db, clock).ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken ct)
    {
        if (!await new SavedSearches(db, clock).DeleteAsync(name, User.Username(), ct)) Error = $"No saved search named '{name}'.";
        Saved = await new SavedSearches(db, clock).ListAsync(ct);
        return Page();
    }

    /// <summary>The search page's query string for a saved filter.</summary>
    public static string Query(PatentFilter f, string textName = "Q") => string.Join("&", new (string, string?)[]
    {
        (textName, f.Text), ("Classification", f.Classification), ("Applicant", f.Applicant), ("Jurisdiction", f.Jurisdiction),
        ("From", f.FromYear?.ToString()), ("To", f.ToYear?.ToString()), ("Basis", f.Basis.ToString().ToLowerInvariant()),
        ("Cluster", f.ClusterMembers ? "true" : null), ("LegalStatus", f.LegalStatus),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    /// <summary>The filter in words, for the list.</summary>
    public static string Describe(PatentFilter f) => string.Join(" · ", new[]
    {
        f.Text is { Length: > 0 } t ? $"“{t}”" : null, f.Classification, f.Applicant, f.Jurisdiction,
        f.FromYear is not null || f.ToYear is not null ? $"{f.FromYear}–{f.ToYear} ({f.Basis.ToString().ToLowerInvariant()})" : null,
        f.ClusterMembers ? "cluster members" : null, f.LegalStatus,
    }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
