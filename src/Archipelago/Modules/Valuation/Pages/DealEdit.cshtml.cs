using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Localisation;
using Archipelago.Modules.Valuation.Features.Deals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary>The fields of a deal as the edit form posts them (enablers by key).</summary>
public sealed class DealForm
{
    public string? Key { get; set; }
    public string? Kind { get; set; }
    public string? Date { get; set; }
    public string? FromEnabler { get; set; }
    public string? ToEnabler { get; set; }
    public string? Asset { get; set; }
    public string? Stage { get; set; }
    public string? TherapeuticArea { get; set; }
    public string? Modality { get; set; }
    public string? Territory { get; set; }
    /// <summary>"yes", "no" or empty (then from the parties' countries).</summary>
    public string? CrossBorder { get; set; }
    public string? Currency { get; set; }
    public double? Upfront { get; set; }
    public double? Milestones { get; set; }
    public double? RoyaltyLow { get; set; }
    public double? RoyaltyHigh { get; set; }
    public double? Equity { get; set; }
    public double? DisclosedTotal { get; set; }
    public string? Description { get; set; }
    public double? DevelopmentMilestones { get; set; }
    public double? RegulatoryMilestones { get; set; }
    public double? SalesMilestones { get; set; }

    public static DealForm From(DealInput i) => new()
    {
        Key = i.Key, Kind = i.Kind, Date = i.Date, FromEnabler = i.FromEnabler, ToEnabler = i.ToEnabler, Asset = i.Asset, Stage = i.Stage,
        TherapeuticArea = i.TherapeuticArea, Modality = i.Modality, Territory = i.Territory, CrossBorder = i.CrossBorder switch { true => "yes", false => "no", _ => "" },
        Currency = i.Currency, Upfront = i.Upfront, Milestones = i.Milestones, RoyaltyLow = i.RoyaltyLow, RoyaltyHigh = i.RoyaltyHigh, Equity = i.Equity,
        DisclosedTotal = i.DisclosedTotal, Description = i.Description,
        DevelopmentMilestones = i.DevelopmentMilestones, RegulatoryMilestones = i.RegulatoryMilestones, SalesMilestones = i.SalesMilestones,
    };

    public DealInput ToInput() => new(Key, Kind ?? "", Date ?? "", FromEnabler ?? "", ToEnabler ?? "", Asset, Stage ?? "", TherapeuticArea, Modality, Territory,
        CrossBorder switch { "yes" => true, "no" => false, _ => null }, Currency, Upfront, Milestones, RoyaltyLow, RoyaltyHigh, Equity, DisclosedTotal, Description,
        DevelopmentMilestones, RegulatoryMilestones, SalesMilestones);
}

/// <summary>
/// <c>/valuation/deals/{id}/edit</c>: change one deal of the register, or delete it (after ticking a confirmation:
/// its joint action, parties and terms go). Deals are registry records: policy <see cref="Policies.EditRegistry"/>.
/// </summary>
[Authorize(Policy = Policies.EditRegistry)]
public sealed class DealEditModel(DealStore store, EnablerStore enablers) : PageModel
{
    [BindProperty] public DealForm Form { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    public DealRow? Deal { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if ((Deal = await store.GetAsync(id, Text.IsChinese, ct)) is null) return NotFound();
        Form = DealForm.From(DealInput.From(Deal));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        if ((Deal = await store.GetAsync(id, Text.IsChinese, ct)) is null) return NotFound();
        try
        {
            var deal = await DealsApi.ToDealAsync(Form.ToInput(), Deal.Deal.Key, enablers, ct);
            await store.UpdateAsync(id, deal, User.Username(), ct);
            return Redirect($"/valuation/deals?q={Uri.EscapeDataString(deal.Key)}");
        }
        catch (DomainException e) { Error = e.Message; ErrorField = e.Field; }
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if ((Deal = await store.GetAsync(id, Text.IsChinese, ct)) is null) return NotFound();
        if (!Confirm)
        {
            Form = DealForm.From(DealInput.From(Deal));
            Error = "Tick the box to confirm that the deal and its joint action are to be deleted.";
            ErrorField = "confirm";
            return Page();
        }
        await store.DeleteAsync(id, User.Username(), ct);
        return Redirect("/valuation/deals");
    }
}
