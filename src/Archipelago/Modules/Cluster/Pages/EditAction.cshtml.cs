using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Cluster.Features.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>View a joint action; operators also add, edit and delete. Participants are typed as in import files.</summary>
public sealed class EditActionModel(JointActionStore actions, EnablerStore enablers) : PageModel
{
    public sealed class ActionForm
    {
        public string? Key { get; set; }
        public string Type { get; set; } = "collaboration";
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Participants { get; set; }
        public string? Value { get; set; }
        public string? Currency { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public ActionForm Form { get; set; } = new();
    public long? Id { get; private set; }
    public string? Error { get; private set; }
    public string? Source { get; private set; }
    public IReadOnlyList<JointActionType> Types { get; private set; } = [];
    public IReadOnlyList<(Enabler Enabler, string Role)> Participants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        Types = await actions.TypesAsync(ct);
        if (id is null) return User.MayEditRegistry() ? Page() : Forbid();
        if (await actions.GetAsync(id.Value, ct) is not { } a) return NotFound();
        var names = await ClusterApi.ParticipantsOf([a], enablers, ct);
        Participants = a.Participants.Select(p => (names[p.EnablerId], p.Role)).ToList();
        Source = a.Source;
        Form = new ActionForm
        {
            Key = a.Key, Type = a.Type, Start = a.Start.ToString(), End = a.End?.ToString(),
            Participants = string.Join("; ", Participants.Select(p => $"{p.Enabler.Key}:{p.Role}")),
            Value = a.Value?.ToString(CultureInfo.InvariantCulture), Currency = a.Currency, Description = a.Description,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        Id = id;
        Types = await actions.TypesAsync(ct);
        try
        {
            var old = id is null ? null : await actions.GetAsync(id.Value, ct) ?? throw new DomainException("not_found", "This joint action no longer exists.");
            var keys = new Dictionary<string, long>();
            foreach (var k in (Form.Participants ?? "").Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Split(':')[0].Trim()))
                if (await enablers.GetByKeyAsync(k, ct) is { } e) keys[k] = e.Id;
            var participants = RegistryImport.Participants(Form.Participants, keys);
            decimal? value = string.IsNullOrWhiteSpace(Form.Value) ? null
                : decimal.TryParse(Form.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : throw new DomainException("bad_value", $"'{Form.Value}' is not a number.", "value");
            var a = new JointAction(string.IsNullOrWhiteSpace(Form.Key) ? old?.Key ?? "A-" + Guid.NewGuid().ToString("N")[..12] : Form.Key, Form.Type,
                PartialDate.Parse(Form.Start, "start"), string.IsNullOrWhiteSpace(Form.End) ? null : PartialDate.Parse(Form.End, "end"),
                participants.Select(p => p.Participant), value, Form.Currency, Form.Description, old?.Source ?? $"form:{User.Username()}");
            var saved = old is null ? await actions.AddAsync(a, User.Username(), ct) : await actions.UpdateAsync(a with { Id = old.Id }, User.Username(), ct);
            return Redirect($"/cluster/action/{saved.Id}");
        }
        catch (DomainException e)
        {
            Error = e.Field is null ? e.Message : $"{e.Field}: {e.Message}";
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (!User.MayEditRegistry()) return Forbid();
        await actions.DeleteAsync(id, User.Username(), ct);
        return Redirect("/cluster/actions");
    }
}
