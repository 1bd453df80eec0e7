using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Numerics.Finance;

namespace Archipelago.Modules.Valuation.Features.Saved;

/// <summary>
/// CLI verbs of saved valuations in a workspace: <c>valuation save|list|show|diff</c>. A valuation is named by its id
/// or its name. <c>save</c> creates the valuation or, when the name exists, saves the file as its next version.
/// </summary>
public static class SavedValuationCommands
{
    public static IEnumerable<Command> All() => [Save(), List(), Show(), Diff(), Compare(), Delete()];

    static Command Compare()
    {
        var valuations = new Argument<string[]>("valuations") { Description = "Ids or names of saved valuations (two or more).", Arity = ArgumentArity.OneOrMore };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("compare", "Scenarios side by side: saved valuations at their latest versions.") { valuations, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var columns = await new SavedValuationStore(db, TimeProvider.System, Cli.Facts).CompareAsync(r.GetValue(valuations)!, ct);
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(columns, ValuationReportJson.Options)); return 0; }
            string O(double? v) => v is { } x ? N(x, 2) : "-";
            void Row(string label, Func<ScenarioColumn, string> value) => Console.WriteLine($"{label,-20}" + string.Concat(columns.Select(c => $" {value(c),18}")));
            Row("", c => Cut(c.Name, 18));
            Row("version", c => c.Version.ToString(CultureInfo.InvariantCulture));
            Row("currency", c => Cut(c.Currency ?? "-", 18));
            Row("rNPV", c => N(c.Rnpv, 2));
            Row("NPV", c => N(c.Npv, 2));
            Row("LOA", c => c.Loa.ToString("P2", CultureInfo.InvariantCulture));
            Row("MC mean", c => O(c.MonteCarloMean));
            Row("MC p5", c => O(c.P5));
            Row("MC p95", c => O(c.P95));
            Row("licensor value", c => O(c.LicensorValue));
            Row("licensee value", c => O(c.LicenseeValue));
            return 0;
        }));
        return cmd;
    }

    static Argument<string> Valuation() => new("valuation") { Description = "Id or name of the saved valuation." };

    static string N(double v, int decimals = 4) => v.ToString("N" + decimals, CultureInfo.InvariantCulture);

    static Command Save()
    {
        var asset = new Option<FileInfo>("--asset") { Required = true, Description = "Asset JSON file (docs/valuation-asset-schema.md)." };
        var name = new Option<string?>("--name") { Description = "Name of the valuation (default: the asset's \"name\")." };
        var note = new Option<string?>("--note") { Description = "What changed and why, kept with the version." };
        var user = new Option<string>("--as") { Description = "Username recorded as the author.", DefaultValueFactory = _ => Environment.UserName };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("save", "Save the asset as a named valuation, or as the next version of the valuation with that name.") { asset, name, note, user, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var file = r.GetValue(asset)!;
            if (!file.Exists) throw new DomainException("not_found", $"asset file {file.FullName} does not exist.", "asset");
            var json = await File.ReadAllTextAsync(file.FullName, ct);
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new SavedValuationStore(db, TimeProvider.System, Cli.Facts);
            ValuationVersion v;
            try { v = await store.SaveAsync(r.GetValue(name), json, "cli:" + r.GetValue(user), r.GetValue(note), ct); }
            catch (ValuationInputException e)
            {
                throw new DomainException(e.Code, $"{(e.Field.StartsWith('$') ? file.Name + " " : "")}{e.Field}: {e.Detail}", e.Field);
            }
            var s = (await store.GetAsync(v.ValuationId, ct))!;
            Console.WriteLine(r.GetValue(format) == "json"
                ? JsonSerializer.Serialize(SavedVersionDto.From(s, v), ValuationReportJson.Options)
                : $"saved '{s.Name}' (id {s.Id}) version {v.Version}: rNPV {N(v.Rnpv)}, NPV {N(v.Npv)}, LOA {v.Loa.ToString("P2", CultureInfo.InvariantCulture)}");
            return 0;
        }));
        return cmd;
    }

    static Command List()
    {
        var q = new Option<string?>("--q") { Description = "Text in the name, owner or therapeutic area." };
        var take = new Option<int>("--take") { DefaultValueFactory = _ => 50 };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("list", "Saved valuations, most recently changed first.") { q, take, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var page = await new SavedValuationStore(db, TimeProvider.System, Cli.Facts).ListAsync(r.GetValue(q), 0, r.GetValue(take), ct);
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new SavedPageDto(page.Items, page.Total, page.Skip, page.Take), ValuationReportJson.Options));
                return 0;
            }
            Console.WriteLine($"{"Id",5} {"Name",-36} {"Owner",-16} {"Ver",4} {"Area",-18} {"rNPV",14}  Updated");
            foreach (var s in page.Items)
                Console.WriteLine($"{s.Id,5} {Cut(s.Name, 36),-36} {Cut(s.Owner, 16),-16} {s.LatestVersion,4} {Cut(s.TherapeuticArea ?? "", 18),-18} {N(s.Rnpv, 2),14}  {s.UpdatedAt[..Math.Min(16, s.UpdatedAt.Length)]}");
            Console.WriteLine($"({page.Items.Count} of {page.Total})");
            return 0;
        }));
        return cmd;
    }

    static Command Show()
    {
        var valuation = Valuation();
        var version = new Option<int?>("--version") { Description = "Version to show (default: the latest)." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("show", "A saved valuation: its versions and, for one version, the inputs' headline and stored results.") { valuation, version, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new SavedValuationStore(db, TimeProvider.System, Cli.Facts);
            var s = await store.ResolveAsync(r.GetValue(valuation)!, ct);
            var v = await store.GetVersionAsync(s.Id, r.GetValue(version), ct)
                ?? throw new DomainException("not_found", $"Valuation '{s.Name}' has no version {r.GetValue(version)}.", "version");
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(SavedVersionDto.From(s, v), ValuationReportJson.Options));
                return 0;
            }
            var o = new StringBuilder();
            o.AppendLine($"{s.Name} (id {s.Id}), owner {s.Owner}; version {v.Version} of {s.LatestVersion}, saved by {v.Author} at {v.SavedAt}");
            if (v.Note is { } note) o.AppendLine($"note: {note}");
            if ((v.TherapeuticArea ?? v.Modality ?? v.CurrentPhase) is not null)
                o.AppendLine($"area: {v.TherapeuticArea ?? "-"}; modality: {v.Modality ?? "-"}; current phase: {v.CurrentPhase ?? "-"}");
            if (v.Currency is { } cur) o.AppendLine($"Amounts in {cur}.");
            o.AppendLine($"rNPV  {N(v.Rnpv)}");
            o.AppendLine($"NPV   {N(v.Npv)}   (every phase succeeds)");
            o.AppendLine($"LOA   {v.Loa.ToString("P2", CultureInfo.InvariantCulture)}");
            if (v.Results.MonteCarlo is { } mc)
                o.AppendLine($"Monte Carlo ({mc.Paths} paths, seed {mc.Seed}): mean {N(mc.Mean)} ± {N(mc.StdError)}, p5 {N(mc.P5)}, p50 {N(mc.P50)}, p95 {N(mc.P95)}, P(NPV > 0) {mc.PPositive.ToString("P1", CultureInfo.InvariantCulture)}");
            if (v.Results.Deal is { } d)
                o.AppendLine($"Deal: licensor {N(d.LicensorValue)}, licensee {N(d.LicenseeValue)}, biobucks {N(d.Biobucks, 2)}");
            o.AppendLine();
            o.AppendLine("Versions:");
            foreach (var x in await store.VersionsAsync(s.Id, ct))
                o.AppendLine($"{x.Version,5}  {x.SavedAt[..Math.Min(19, x.SavedAt.Length)]}  {Cut(x.Author, 20),-20} rNPV {N(x.Rnpv),14}  {x.Note}");
            Console.Write(o.ToString());
            return 0;
        }));
        return cmd;
    }

    static Command Diff()
    {
        var valuation = Valuation();
        var from = new Option<int?>("--from") { Description = "Older version (default: the one before --to)." };
        var to = new Option<int?>("--to") { Description = "Newer version (default: the latest)." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("diff", "Compare two versions of a saved valuation: the inputs that changed and how rNPV moved.") { valuation, from, to, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new SavedValuationStore(db, TimeProvider.System, Cli.Facts);
            var s = await store.ResolveAsync(r.GetValue(valuation)!, ct);
            var t = r.GetValue(to) ?? s.LatestVersion;
            var d = await store.DiffAsync(s.Id, r.GetValue(from) ?? Math.Max(1, t - 1), t, ct);
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(d, ValuationReportJson.Options));
                return 0;
            }
            var o = new StringBuilder();
            o.AppendLine($"{d.Name}: version {d.FromVersion} → {d.ToVersion}");
            o.AppendLine($"rNPV  {N(d.RnpvFrom),14} → {N(d.RnpvTo),14}  ({(d.RnpvChange >= 0 ? "+" : "")}{N(d.RnpvChange)})");
            o.AppendLine($"NPV   {N(d.NpvFrom),14} → {N(d.NpvTo),14}");
            o.AppendLine($"LOA   {d.LoaFrom.ToString("P2", CultureInfo.InvariantCulture),14} → {d.LoaTo.ToString("P2", CultureInfo.InvariantCulture),14}");
            o.AppendLine();
            if (d.Changes.Count == 0) o.AppendLine("No input changed.");
            else
            {
                o.AppendLine($"{"Input",-36} {"From",-20} {"To",-20} {"rNPV effect alone",18}");
                foreach (var c in d.Changes)
                    o.AppendLine($"{Cut(c.Path, 36),-36} {Cut(c.From ?? "(absent)", 20),-20} {Cut(c.To ?? "(absent)", 20),-20} {(c.RnpvEffectAlone is { } e ? N(e) : "n/a"),18}");
            }
            Console.Write(o.ToString());
            return 0;
        }));
        return cmd;
    }

    static string Cut(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";

    /// <summary>Deletes a saved valuation with all its versions; without <c>--yes</c> it only says what would go.</summary>
    static Command Delete()
    {
        var valuation = Valuation();
        var yes = new Option<bool>("--yes") { Description = "Confirm: delete the valuation and all its versions." };
        var user = new Option<string>("--as") { Description = "Username recorded in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var cmd = new Command("delete", "Delete a saved valuation with all its versions (asks for --yes).") { valuation, yes, user };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new SavedValuationStore(db, TimeProvider.System, Cli.Facts);
            var s = await store.ResolveAsync(r.GetValue(valuation)!, ct);
            var what = $"'{s.Name}' (id {s.Id}) with all its {s.LatestVersion} versions, owner {s.Owner}, latest rNPV {N(s.Rnpv)}";
            if (!r.GetValue(yes)) throw new DomainException("confirmation_required", $"This would delete {what}; run again with --yes.", "yes");
            await store.DeleteAsync(s.Id, "cli:" + r.GetValue(user), ct);
            Console.WriteLine($"Deleted {what}.");
            return 0;
        }));
        return cmd;
    }
}
