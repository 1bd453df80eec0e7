using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Patents.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>Upload one patent export; the result lists every row error and warning. Registry editors only.</summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportPatentsModel(PatentImport import) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Format { get; set; } = "auto";
    public ImportResult? Result { get; private set; }
    public string? FileError { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { FileError = "Choose a file to import."; return Page(); }
        if (Upload.Length > Limits.MaxUploadBytes)
        {
            FileError = $"{Upload.FileName} is {Upload.Length / 1048576} MB; the browser import takes up to {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago patents import FILE.";
            return Page();
        }
        try { Result = await import.RunAsync(Upload, Format, User.Username(), ct); }
        catch (DomainException e) { FileError = e.Message; }
        return Page();
    }
}
