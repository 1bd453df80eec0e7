using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Cluster.Features.Network;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archipelago.Modules.Cluster.Pages;

/// <summary>The workspace's stage thresholds (docs/cluster-stages.md): every rule with its default, source and the value in
/// force; analysts change them here as with <c>archipelago network thresholds --set</c>.</summary>
[Authorize(Policy = Policies.Analyse)]
public sealed class StageThresholdsModel(Workspace workspace) : PageModel
{
    public IReadOnlyDictionary<string, double> Values { get; private set; } = new Dictionary<string, double>();
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Values = await StageDiagnosis.ThresholdsAsync(workspace, ct);

    public async Task<IActionResult> OnPostAsync(bool reset, CancellationToken ct)
    {
        try
        {
            var values = new Dictionary<string, double>();
            foreach (var rule in StageDiagnosis.Rules)
            {
                var text = Request.Form[rule.Indicator].ToString().Trim();
                if (text.Length == 0) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new DomainException("bad_threshold", $"Threshold '{rule.Indicator}': '{text}' is not a number.", rule.Indicator);
                if (v != rule.Default) values[rule.Indicator] = v;
            }
            // the form shows every threshold, so it replaces the workspace's set: those equal to their default are dropped
            Values = await StageDiagnosis.SetThresholdsAsync(workspace, reset ? new Dictionary<string, double>() : values, reset: true, ct);
            Saved = true;
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Values = await StageDiagnosis.ThresholdsAsync(workspace, ct);
        }
        return Page();
    }

    public string Value(StageRule r) => (Values.TryGetValue(r.Indicator, out var v) ? v : r.Default).ToString(CultureInfo.InvariantCulture);
}
