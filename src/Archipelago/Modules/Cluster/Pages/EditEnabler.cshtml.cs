using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>Add, edit or delete an enabler. Operators may do all three; a member may edit their own enabler only.</summary>
public sealed class EditEnablerModel(EnablerStore store) : PageModel
{
    public sealed class EnablerForm
    {
        public string? Key { get; set; }
        public string Type { get; set; } = EnablerType.Enterprise.Code;
        public string? NameEn { get; set; }
        public string? NameZh { get; set; }
        public string? Aliases { get; set; }
        public string? City { get; set; }
        public string? Province { get; set; }
        public string? Country { get; set; }
        public string? Segment { get; set; }
        public Dictionary<string, string?> Attributes { get; set; } = [];
    }

    [BindProperty] public EnablerForm Form { get; set; } = new();
    public long? Id { get; private set; }
    public string? Error { get; private set; }
    Enabler? existing;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (existing is { } e)
            Form = new EnablerForm
            {
                Key = e.Key, Type = e.Type.Code, NameEn = e.NameEn, NameZh = e.NameZh, Aliases = string.Join("; ", e.Aliases),
                City = e.Region.City, Province = e.Region.Province, Country = e.Region.Country, Segment = e.Segment,
                Attributes = EnablerAttributes.Columns.ToDictionary(c => c, e.Attributes.Text),
            };
        else Form.Country = "CN";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        try
        {
            var attributes = EnablerAttributes.Empty;
            foreach (var (col, value) in Form.Attributes.Where(a => EnablerAttributes.Columns.Contains(a.Key))) attributes = attributes.With(col, value);
            var key = string.IsNullOrWhiteSpace(Form.Key) ? existing?.Key ?? "E-" + Guid.NewGuid().ToString("N")[..12] : Form.Key;
            var e = new Enabler(key, EnablerType.Parse(Form.Type), Form.NameEn, Form.NameZh,
                (Form.Aliases ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                new Region(Form.City, Form.Province, Form.Country), Form.Segment, attributes, existing?.Source ?? $"form:{User.Username()}");
            var saved = existing is null ? await store.AddAsync(e, User.Username(), ct) : await store.UpdateAsync(e with { Id = existing.Id }, User.Username(), ct);
            return Redirect($"/cluster/enablers/{saved.Id}");
        }
        catch (DomainException ex)
        {
            Error = ex.Field is null ? ex.Message : $"{ex.Field}: {ex.Message}";
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        await store.DeleteAsync(id, User.Username(), ct);
        return Redirect("/cluster/enablers");
    }

    /// <summary>Loads the enabler being edited and checks the user may; returns a result only when the request stops here.</summary>
    async Task<IActionResult?> LoadAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is null) return User.MayEditRegistry() ? null : Forbid();
        if (!User.MayEditEnabler(id.Value)) return Forbid();
        existing = await store.GetAsync(id.Value, ct);
        return existing is null ? NotFound() : null;
    }
}
