using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

public sealed class ProfileForm
{
    public List<string> Services { get; set; } = [];
    public List<string> Fields { get; set; } = [];
    public List<string> Languages { get; set; } = ["zh"];
    public string? Regions { get; set; }
    public int TeamSize { get; set; } = 1;
    public int PatentAgents { get; set; }
    public string? Credentials { get; set; }
    public decimal? FeeMin { get; set; }
    public decimal? FeeMax { get; set; }
    public string? Currency { get; set; } = "CNY";
    public int TurnaroundDays { get; set; } = 30;
    public int Capacity { get; set; } = 5;
    public string? Description { get; set; }
}

/// <summary>Create or edit a provider profile (the provider's members, operators). Saving a public profile sends it back to review.</summary>
[Authorize(Policy = ExchangePolicies.Participate)]
public sealed class EditProviderModel(ProfileStore profiles, EnablerStore enablers) : PageModel
{
    [BindProperty] public ProfileForm Form { get; set; } = new();
    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await enablers.GetAsync(id, ct) is not { } e) return NotFound();
        (Id, Name) = (id, e.DisplayName(Archipelago.Kernel.Localisation.Text.IsChinese));
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        if (!actor.ActsFor(id)) return Forbid();
        if (await profiles.GetAsync(id, actor, ct) is { Profile: var p })
            Form = new ProfileForm
            {
                Services = [.. p.Services], Fields = [.. p.TechnologyFields], Languages = [.. p.Languages], Regions = string.Join("; ", p.Regions),
                TeamSize = p.TeamSize, PatentAgents = p.PatentAgents, Credentials = string.Join("; ", p.Credentials), FeeMin = p.FeeMin, FeeMax = p.FeeMax,
                Currency = p.Currency, TurnaroundDays = p.TurnaroundDays, Capacity = p.Capacity, Description = p.Description,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await enablers.GetAsync(id, ct) is not { } e) return NotFound();
        (Id, Name) = (id, e.DisplayName(Archipelago.Kernel.Localisation.Text.IsChinese));
        try
        {
            static string[] Split(string? s) => (s ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var profile = new ProviderProfile(id, null, Form.Services, Form.Fields, Split(Form.Regions), Form.Languages, Form.TeamSize, Form.PatentAgents,
                Split(Form.Credentials), Form.FeeMin, Form.FeeMax, Form.Currency, Form.TurnaroundDays, Form.Capacity, Form.Description);
            await profiles.SaveAsync(profile, await ExchangeApi.ActorAsync(User, enablers, ct), ct);
            return Redirect($"/exchange/providers/{id}");
        }
        catch (DomainException ex) when (ex.Code == "forbidden") { return Forbid(); }
        catch (DomainException ex)
        {
            Error = ex.Field is null ? ex.Message : $"{ex.Field}: {ex.Message}";
            return Page();
        }
    }
}
