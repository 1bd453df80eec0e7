using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Valuation.Features.Pledge;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/pledge</c>: score a patent offered as loan collateral (seed 001) with the rule written on the page.</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class PledgeModel : PageModel
{
    [BindProperty] public bool Granted { get; set; } = true;
    [BindProperty] public double RemainingTermYears { get; set; } = 12;
    [BindProperty] public bool OwnershipClear { get; set; } = true;
    [BindProperty] public bool Encumbered { get; set; }
    [BindProperty] public bool ChallengePending { get; set; }
    [BindProperty] public int IndependentClaims { get; set; } = 3;
    [BindProperty] public bool CoversProduct { get; set; } = true;
    [BindProperty] public double ShareOfProductValue { get; set; } = 0.8;
    [BindProperty] public bool HardToDesignAround { get; set; }
    [BindProperty] public double CurrentAnnualRevenue { get; set; }
    [BindProperty] public double PeakSalesForecast { get; set; } = 800;
    [BindProperty] public double LikelihoodOfApproval { get; set; } = 0.079;
    [BindProperty] public double ReferenceRevenue { get; set; } = 100;
    [BindProperty] public double? AppraisedValue { get; set; }

    public PledgeReport? Report { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public void OnPost()
    {
        try
        {
            Report = PledgeReport.For(new PledgeRequest(new IpPledgeEvidence(Granted, RemainingTermYears, OwnershipClear, Encumbered, ChallengePending,
                IndependentClaims, CoversProduct, ShareOfProductValue, HardToDesignAround, CurrentAnnualRevenue, PeakSalesForecast, LikelihoodOfApproval),
                new IpPledgeRule(ReferenceRevenue: ReferenceRevenue), AppraisedValue));
        }
        catch (ValuationInputException e) { Error = $"{e.Field}: {e.Detail} [{e.Code}]"; }
    }
}
