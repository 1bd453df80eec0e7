using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Web;
using Archipelago.Modules.Patents.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Patents.Pages;

/// <summary>
/// Upload one patent export. The import runs beside the request: a small file's result shows at once; a large one
/// redirects to its status (<c>?Job=…</c>), which refreshes itself (a Refresh header, no JavaScript) with the progress
/// and offers Cancel — the import then rolls back and nothing is stored. The result lists every row error and warning.
/// Registry editors only.
/// </summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(Limits.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportPatentsModel(ImportJobs jobs, Kernel.Data.Database db, TimeProvider clock) : PageModel
{
    /// <summary>Saved column mappings (offered as mapping:NAME formats).</summary>
    public IReadOnlyDictionary<string, ColumnMapping> Mappings { get; private set; } = new Dictionary<string, ColumnMapping>();
    [BindProperty] public string? MappingName { get; set; }
    [BindProperty] public string? MappingJson { get; set; }
    public string? MappingMessage { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Format { get; set; } = "auto";
    [BindProperty(SupportsGet = true)] public string? Job { get; set; }
    public ImportJobs.Job? Running { get; private set; }
    public ImportResult? Result { get; private set; }
    public bool Cancelled { get; private set; }
    public string? FileError { get; private set; }

    /// <summary>The latest committed imports, newest first.</summary>
    public IReadOnlyList<ImportedFile> Recent { get; private set; } = [];

    bool Administrator => User.IsInRole(Role.Administrator);

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        await next();
        Mappings = await new MappingStore(db, clock).AllAsync(HttpContext.RequestAborted);
        Recent = await new ImportHistory(db).RecentAsync(20, HttpContext.RequestAborted);
    }

    /// <summary>Saves (or replaces) a column mapping for generic CSV/XLSX files from its JSON.</summary>
    public async Task<IActionResult> OnPostSaveMappingAsync(CancellationToken ct)
    {
        try
        {
            var name = MappingName?.Trim() ?? "";
            await new MappingStore(db, clock).SaveAsync(name, ColumnMapping.FromJson(MappingJson ?? "", $"mapping '{name}'"), User.Username(), ct);
            MappingMessage = name.ToLowerInvariant();
            Format = "mapping:" + MappingMessage;
        }
        catch (DomainException e) { FileError = e.Message; }
        return Page();
    }

    public IActionResult OnGet()
    {
        if (Job is null) return Page();
        var job = jobs.Get(Job, User.Username(), Administrator);
        if (job is null) { FileError = "This import is not known (finished long ago, or started by someone else)."; return Page(); }
        Show(job);
        if (job.Running) Response.Headers["Refresh"] = $"1; url=/patents/import?Job={job.Id}";
        return Page();
    }

    void Show(ImportJobs.Job job)
    {
        Running = job.Running ? job : null;
        Result = job.Result;
        Cancelled = job.Cancelled;
        FileError = job.Error;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { FileError = "Choose a file to import."; return Page(); }
        if (Upload.Length > Limits.MaxUploadBytes)
        {
            FileError = $"{Upload.FileName} is {Upload.Length / 1048576} MB; the browser import takes up to {Limits.MaxUploadBytes / 1048576} MB. Import larger files with the CLI: archipelago patents import FILE.";
            return Page();
        }
        // Importers read a file twice (encoding check, then rows): the upload is spooled to a temporary file first.
        var spool = Directory.CreateTempSubdirectory("archipelago-patents-").FullName;
        var path = Path.Combine(spool, Path.GetFileName(Upload.FileName));
        await using (var target = System.IO.File.Create(path)) await Upload.CopyToAsync(target, ct);
        var job = jobs.Start(path, spool, Format, User.Username());
        if (!await ImportJobs.WaitAsync(job, TimeSpan.FromSeconds(3), ct)) return Redirect($"/patents/import?Job={job.Id}");
        Show(job);
        return Page();
    }

    public IActionResult OnPostCancel()
    {
        if (Job is not null) jobs.Cancel(Job, User.Username(), Administrator);
        return Redirect($"/patents/import?Job={Job}");
    }
}
