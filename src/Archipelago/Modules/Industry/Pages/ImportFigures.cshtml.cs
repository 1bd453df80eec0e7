using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Industry.Features.Series;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Industry.Pages;

/// <summary>Upload a table of figures, check it (dry run) or import it; every row error is listed. Registry editors only.</summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportFiguresModel(SeriesImport import) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Encoding { get; set; }
    [BindProperty] public string? DecimalMark { get; set; }
    [BindProperty] public bool Commit { get; set; }
    /// <summary>The citation of the whole file; each part fills in what a row's own source columns leave empty.</summary>
    [BindProperty] public string? SourcePublication { get; set; }
    [BindProperty] public string? SourceTable { get; set; }
    [BindProperty] public string? SourcePage { get; set; }
    [BindProperty] public string? SourceUrl { get; set; }
    public SeriesImportOutcome? Outcome { get; private set; }
    public string? FileError { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { FileError = "Choose a file to import."; return Page(); }
        if (Upload.Length > Limits.MaxUploadBytes)
        {
            FileError = $"{Upload.FileName} is {Upload.Length / 1048576} MB; the browser import takes up to {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago industry import FILE.";
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            Outcome = await import.RunAsync(stream, Upload.FileName, Commit, User.Username(), SeriesTable.DecimalMarkNamed(DecimalMark),
                string.IsNullOrEmpty(Encoding) ? null : TabularFile.EncodingNamed(Encoding),
                source: new Citation(SourcePublication, SourceTable, SourcePage, SourceUrl), ct: ct);
        }
        catch (DomainException e) { FileError = e.Message; }
        return Page();
    }
}
