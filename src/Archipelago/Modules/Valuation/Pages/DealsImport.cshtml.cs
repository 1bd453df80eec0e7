using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Valuation.Features.Deals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Valuation.Pages;

/// <summary><c>/valuation/deals/import</c>: upload a deals file; check it, then import all rows or none. Registry editors only.</summary>
[Authorize(Policy = Policies.EditRegistry)]
public sealed class DealsImportModel(DealStore store) : PageModel
{
    [BindProperty] public IFormFile? File { get; set; }
    [BindProperty] public bool Commit { get; set; }
    public DealImportOutcome? Outcome { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync(CancellationToken ct)
    {
        if (File is null || File.Length == 0) { Error = "Choose a file."; return; }
        try
        {
            await using var stream = File.OpenReadStream();
            Outcome = await store.ImportAsync(stream, File.FileName, Commit, User.Username(), ct);
        }
        catch (DomainException e) { Error = e.Message; }
    }
}
