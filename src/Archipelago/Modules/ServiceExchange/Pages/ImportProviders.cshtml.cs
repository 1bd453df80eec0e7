using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Web;
using Archipelago.Modules.ServiceExchange.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.ServiceExchange.Pages;

/// <summary>Upload a provider directory (CSV/XLSX), check it (dry run) or import it with the CLI's importer; every row
/// error is listed by file, row and column. Operators and administrators only.</summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportProvidersModel(ProviderImport import, EnablerStore enablers) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool Publish { get; set; }
    [BindProperty] public bool Commit { get; set; }
    public ProviderImport.Outcome? Outcome { get; private set; }
    public string? FileError { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { FileError = "Choose a file to import."; return Page(); }
        if (Upload.Length > Limits.MaxUploadBytes)
        {
            FileError = $"{Upload.FileName} is {Upload.Length / 1048576} MB; the browser import takes up to {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago exchange providers import FILE.";
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            Outcome = await import.ImportAsync(stream, Upload.FileName, Publish, await ExchangeApi.ActorAsync(User, enablers, ct), ct: ct, dryRun: !Commit);
        }
        catch (DomainException e) { FileError = e.Message; }
        return Page();
    }
}
