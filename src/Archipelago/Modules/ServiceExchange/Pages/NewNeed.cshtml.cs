using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

public sealed class NeedForm
{
    public long? EnablerId { get; set; }
    public string? Title { get; set; }
    public string? DemandArea { get; set; } = "rnd";
    public string? Service { get; set; } = "patent_filing";
    public string? TechnologyField { get; set; } = "biologics";
    public string? Phase { get; set; }
    public decimal? Budget { get; set; }
    public string? Currency { get; set; } = "CNY";
    public DateOnly? Deadline { get; set; }
    public string? Language { get; set; } = "zh";
    public string? Confidentiality { get; set; } = "public";
    public string? Description { get; set; }
}

/// <summary>Post a need for the member's own enabler (operators: for any enabler).</summary>
[Authorize(Policy = ExchangePolicies.Participate)]
public sealed class NewNeedModel(NeedStore needs, EnablerStore enablers) : PageModel
{
    [BindProperty] public NeedForm Form { get; set; } = new();
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await ExchangeApi.ActorAsync(User, enablers, ct);
        try
        {
            var enabler = actor.IsOperator ? Form.EnablerId : actor.EnablerId;
            if (enabler is null) throw new DomainException("required", "Name the enabler the need is for.", "enabler_id");
            var category = Taxonomy.CategoryOfService(Form.Service, "service").Code;
            var need = await needs.PostAsync(new Need(enabler.Value, Form.Title, Form.DemandArea, category, Form.Service, Form.TechnologyField, Form.Description,
                Form.Budget, Form.Budget is null ? null : Form.Currency, Form.Deadline, Form.Confidentiality, Form.Language, Form.Phase), null, actor, ct);
            return Redirect($"/exchange/needs/{need.Id}");
        }
        catch (DomainException ex) when (ex.Code == "forbidden") { return Forbid(); }
        catch (DomainException ex)
        {
            Error = ex.Field is null ? ex.Message : $"{ex.Field}: {ex.Message}";
            return Page();
        }
    }
}
