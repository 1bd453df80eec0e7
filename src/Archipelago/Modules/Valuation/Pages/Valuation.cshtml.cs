using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Valuation.Features.Deals;
using Archipelago.Modules.Valuation.Features.Form;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Modules.Valuation.Features.Saved;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary>
/// <c>/valuation</c>: describe an asset in a form (or paste its JSON), value it — rNPV with the phase waterfall, the
/// year table and the decision tree; Monte Carlo and the tornado when inputs are uncertain; the deal split and a
/// one-shot price beside it — and save it as a version. Every button is a POST that re-renders the page, so it works
/// without JavaScript. Computing and saving are analyses: policy <see cref="Policies.Analyse"/>.
/// </summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class ValuationModel(SavedValuationStore store, Database db, Facts facts) : PageModel
{
    public const int MaxPagePaths = 200_000;

    [BindProperty] public AssetForm Form { get; set; } = AssetForm.Example();
    [BindProperty] public int Paths { get; set; } = 20_000;
    [BindProperty] public ulong Seed { get; set; } = 1;
    [BindProperty] public string? Solve { get; set; }
    [BindProperty] public double? TargetShare { get; set; }
    [BindProperty] public string? Note { get; set; }

    public ValuationView? Result { get; private set; }
    /// <summary>What the linked patent gave (its expiry and basis), shown beside the input; null without one.</summary>
    public PatentExclusivity? Patent { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    /// <summary>Phases for which the chosen table has no published rate (after "Apply reference rates").</summary>
    public IReadOnlyList<string> MissingRates { get; private set; } = [];

    /// <summary>The saved valuation the form was loaded from, if any.</summary>
    [BindProperty(SupportsGet = true)] public long? SavedId { get; set; }

    /// <summary>Number of comparable deals whose medians prefilled the deal terms (from <c>/valuation/comparables</c>).</summary>
    public int? PrefilledFrom { get; private set; }
    /// <summary>Whether the prefilled milestones are the comparables' development, regulatory and sales parts (else their total, spread).</summary>
    public bool MilestonesFromParts { get; private set; }

    public async Task OnGetAsync(long? saved, int? version, double? upfront, double? royalty, double? milestones, double? development, double? regulatory,
        double? sales, string? currency, int? comparables, CancellationToken ct)
    {
        if (saved is { } id && await store.GetVersionAsync(id, version, ct) is { } v)
        {
            SavedId = id;
            Form = AssetForm.FromJson(v.AssetJson);
            await CalculateAsync(ct);
        }
        else Form = AssetForm.Example();
        if (upfront is not null || royalty is not null || milestones is not null || development is not null || regulatory is not null || sales is not null)
        {
            Form.Upfront = upfront;
            Form.RoyaltyTiers = royalty is { } rate ? [new TierRow { From = 0, Rate = Math.Round(rate, 4) }] : [];
            var phases = Form.Phases.Where(p => !string.IsNullOrWhiteSpace(p.Name)).Select(p => p.Name!.Trim()).ToList();
            var placed = MilestonePlacement.Place(phases, milestones, development, regulatory, sales, Form.PeakSales);
            Form.DevelopmentMilestones = placed.Development.Select(m => new MilestoneRow { Phase = m.Phase, Amount = m.Amount }).ToList();
            Form.SalesMilestones = placed.Sales.Select(m => new MilestoneRow { Threshold = m.Threshold, Amount = m.Amount }).ToList();
            MilestonesFromParts = placed.FromParts;
            if (currency is not null) Form.Currency = currency;
            Form.UseJson = false;
            Form.Padded();
            PrefilledFrom = comparables;
        }
        Form.Json = Form.UseJson ? Form.Json : Form.ToJson();
    }

    public async Task OnPostCalculateAsync(CancellationToken ct)
    {
        Form.Padded();
        await CalculateAsync(ct);
    }

    /// <summary>Fills the phase rows from the current phase to filing (keeping rows already there) and sets each
    /// probability from the chosen published table, with its source.</summary>
    public void OnPostDefaults()
    {
        ModelState.Clear();
        var rows = new List<PhaseRow>();
        foreach (var name in AssetForm.PhasesAhead(Form.CurrentPhase))
        {
            var rank = DevelopmentPhase.StandardRank(name);
            rows.Add(Form.Phases.FirstOrDefault(p => p.Name is { } n && DevelopmentPhase.StandardRank(n) == rank) ?? new PhaseRow { Name = name });
        }
        Form.Phases = rows;
        MissingRates = Form.ApplyReferenceRates();
        Form.UseJson = false;
        Form.Padded();
        Form.Json = Form.ToJson();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Form.Padded();
        var json = Form.ToJson();
        try
        {
            var v = await store.SaveAsync(Form.Name, json, User.Username(), Note, ct);
            return Redirect($"/valuation/saved/{v.ValuationId}");
        }
        catch (ValuationInputException e) { Fail(e); }
        catch (DomainException e) { Error = e.Message; ErrorField = e.Field; }
        Form.Json = json;
        return Page();
    }

    async Task CalculateAsync(CancellationToken ct)
    {
        // The fields show the model, not the posted text, since handlers rewrite it (the JSON, the defaults).
        ModelState.Clear();
        var json = Form.ToJson();
        Form.Json = json;
        try
        {
            var (resolved, patent) = await LinkedPatent.ResolveAsync(json, db, facts, ct);
            Patent = patent;
            var c = AssetJson.Parse(resolved);
            Result = ValuationView.Compute(c, Math.Clamp(Paths, 100, MaxPagePaths), Seed, Form.OneShotPrice, Solve, TargetShare);
            Result = Result with { Rnpv = Result.Rnpv with { LinkedPatent = patent } };
        }
        catch (ValuationInputException e) { Fail(e); }
    }

    void Fail(ValuationInputException e)
    {
        Error = $"{e.Field}: {e.Detail} [{e.Code}]";
        ErrorField = e.Field;
        Result = null;
    }
}
