using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Surveys.Pages;

/// <summary>The survey studio's entrance: saved datasets and the upload of a new one (CSV or XLSX). Analysts only.</summary>
[Authorize(Policy = Policies.Analyse)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class StudioModel(SurveyStore store) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public IReadOnlyList<SurveyDataset> Datasets { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Datasets = await store.DatasetsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) Error = "Choose a CSV or XLSX file.";
        else if (Upload.Length > Limits.MaxUploadBytes) Error = $"{Upload.FileName} is larger than {Limits.MaxUploadBytes / 1048576} MB; analyse it with the CLI (archipelago stats).";
        else
            try
            {
                await using var stream = Upload.OpenReadStream();
                var (csv, table) = SurveyStore.ReadUpload(stream, Upload.FileName);
                var saved = await store.SaveDatasetAsync(Name ?? "", Path.GetFileName(Upload.FileName), csv, table, User.Username(), ct);
                return Redirect($"/surveys/datasets/{saved.Id}");
            }
            catch (DomainException e) { Error = e.Message; }
        Datasets = await store.DatasetsAsync(ct);
        return Page();
    }
}
