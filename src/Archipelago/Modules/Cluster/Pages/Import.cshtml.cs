using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Cluster.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>Upload a file, check it (dry run) or import it; the result lists every row error. Registry editors only.</summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportModel(RegistryImport import) : PageModel
{
    [BindProperty] public string Kind { get; set; } = "enablers";
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Encoding { get; set; }
    [BindProperty] public bool Commit { get; set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? FileError { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { FileError = "Choose a file to import."; return Page(); }
        if (Upload.Length > Limits.MaxUploadBytes)
        {
            FileError = $"{Upload.FileName} is {Upload.Length / 1048576} MB; the browser import takes up to {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago {Kind} import FILE.";
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            Outcome = await import.RunAsync(ClusterApi.ParseKind(Kind), stream, Upload.FileName, Commit, User.Username(),
                string.IsNullOrEmpty(Encoding) ? null : TabularFile.EncodingNamed(Encoding), ct: ct);
        }
        catch (DomainException e) { FileError = e.Message; }
        return Page();
    }
}
