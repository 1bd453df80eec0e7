using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;

namespace Archipelago.Modules.Valuation.Features.Deals;

/// <summary>CLI verbs of the deals register: <c>valuation deals list|import|export|analysis|comparables|edit|delete</c>.</summary>
public static class DealsCommands
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("deals", "The deals register: licences, options, co-development, acquisitions and equity deals between enablers.")
        { List(), Import(), Export(), Analysis(), Comparables(), Edit(), Delete() };

    static string N(double? v, string format = "N2") => v?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    static Command List()
    {
        var kind = new Option<string?>("--kind");
        var stage = new Option<string?>("--stage") { Description = "Stage at signing, e.g. \"Phase II\"." };
        var area = new Option<string?>("--area") { Description = "Therapeutic area." };
        var from = new Option<int?>("--from") { Description = "First year." };
        var to = new Option<int?>("--to") { Description = "Last year." };
        var cross = new Option<bool?>("--cross-border");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("list", "Deals, newest first.") { kind, stage, area, from, to, cross, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var rows = await new DealStore(db, TimeProvider.System).ListAsync(new DealQuery(r.GetValue(kind), r.GetValue(stage), r.GetValue(area), null,
                r.GetValue(from), r.GetValue(to), r.GetValue(cross)), false, ct);
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(rows.Select(DealDto.From), Json)); return 0; }
            Console.WriteLine($"{"Key",-12} {"Date",-10} {"Kind",-14} {"Stage",-12} {"From",-14} {"To",-14} {"Cur",-3} {"Upfront",10} {"Milestones",11} {"Royalty",13} {"Total",10}");
            foreach (var x in rows)
            {
                var d = x.Deal;
                var royalty = d.RoyaltyLow is null ? "-" : d.RoyaltyLow == d.RoyaltyHigh ? N(d.RoyaltyLow, "P1") : $"{N(d.RoyaltyLow, "P0")}–{N(d.RoyaltyHigh, "P0")}";
                Console.WriteLine($"{d.Key,-12} {d.Date,-10} {d.Kind,-14} {d.Stage,-12} {x.FromKey,-14} {x.ToKey,-14} {d.Currency ?? "",-3} {N(d.Upfront),10} {N(d.Milestones),11} {royalty,13} {N(d.DisclosedTotal),10}");
            }
            Console.WriteLine($"({rows.Count} deals)");
            return 0;
        }));
        return cmd;
    }

    static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = $"CSV, XLSX or JSON with the columns {string.Join(", ", DealStore.Columns)}." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; store nothing." };
        var user = new Option<string>("--as") { Description = "Username recorded in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var cmd = new Command("import", "Import deals; any row or field error and nothing is stored.") { file, dryRun, user };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists) throw new DomainException("not_found", $"{path.FullName} does not exist.", "file");
            var db = await Cli.OpenAsync(r, ct: ct);
            await using var stream = path.OpenRead();
            var outcome = await new DealStore(db, TimeProvider.System).ImportAsync(stream, path.Name, !r.GetValue(dryRun), "cli:" + r.GetValue(user), ct);
            if (!outcome.Ok)
            {
                foreach (var e in outcome.Errors) Console.Error.WriteLine(e);
                Console.Error.WriteLine($"error [import_failed]: {outcome.Errors.Count} error(s) in {outcome.File}; nothing was stored.");
                return 1;
            }
            Console.WriteLine(outcome.Committed ? $"{outcome.Created} deals imported from {outcome.File}." : $"{outcome.Rows} rows checked in {outcome.File}; no errors (dry run, nothing stored).");
            return 0;
        }));
        return cmd;
    }

    static Command Export()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: standard output)." };
        var cmd = new Command("export", "Write the register as CSV in the import columns.") { output };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var csv = await new DealStore(db, TimeProvider.System).ExportCsvAsync(new DealQuery(), ct);
            if (r.GetValue(output) is { } f) await File.WriteAllTextAsync(f.FullName, csv, new System.Text.UTF8Encoding(true), ct);
            else Console.Write(csv);
            return 0;
        }));
        return cmd;
    }

    static Command Analysis()
    {
        var cross = new Option<bool?>("--cross-border");
        var kind = new Option<string?>("--kind");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("analysis", "Deals by year, by stage at signing and by modality: count, disclosed value, median upfront share.") { kind, cross, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var a = DealsApi.Analyse(await new DealStore(db, TimeProvider.System).ListAsync(new DealQuery(Kind: r.GetValue(kind), CrossBorder: r.GetValue(cross)), false, ct));
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(a, Json)); return 0; }
            foreach (var (title, groups) in new[] { ("Year", a.ByYear), ("Stage at signing", a.ByStage), ("Modality", a.ByModality) })
            {
                Console.WriteLine($"{title,-20} {"Deals",6} {"Disclosed",9}  {"Disclosed value",-30} {"Median upfront share",20}");
                foreach (var g in groups)
                    Console.WriteLine($"{g.Group,-20} {g.Count,6} {g.Disclosed,9}  {string.Join("; ", g.DisclosedValueByCurrency.Select(kv => $"{kv.Key} {kv.Value:N1}")),-30} {N(g.MedianUpfrontShare, "P1"),20}");
                Console.WriteLine();
            }
            return 0;
        }));
        return cmd;
    }

    static Command Comparables()
    {
        var stage = new Option<string?>("--stage") { Description = "Stage at signing of the asset, e.g. \"Phase II\"." };
        var area = new Option<string?>("--area") { Description = "Therapeutic area." };
        var modality = new Option<string?>("--modality");
        var kind = new Option<string?>("--kind");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("comparables", "Terms of comparable deals: median and range of upfront, milestones, royalties, equity, total.") { stage, area, modality, kind, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var c = DealStore.Comparables(await new DealStore(db, TimeProvider.System).ListAsync(new DealQuery(r.GetValue(kind), r.GetValue(stage), r.GetValue(area), r.GetValue(modality)), false, ct));
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(c, Json)); return 0; }
            if (c.Count == 0) Console.WriteLine("No comparable deals.");
            foreach (var g in c)
            {
                Console.WriteLine($"{g.Deals} deals in {g.Currency ?? "no currency"}");
                Console.WriteLine($"  {"Term",-16} {"N",4} {"Median",12} {"Min",12} {"Max",12}");
                foreach (var t in g.Terms) Console.WriteLine($"  {t.Term,-16} {t.N,4} {N(t.Median, "N4"),12} {N(t.Min, "N4"),12} {N(t.Max, "N4"),12}");
            }
            return 0;
        }));
        return cmd;
    }

    static Command Edit()
    {
        var key = new Argument<string>("key") { Description = "Key of the deal (its joint action's key)." };
        var text = new Dictionary<string, Option<string?>>();
        Option<string?> T(string name, string description) => text[name] = new Option<string?>("--" + name) { Description = description };
        var options = new List<Option>
        {
            T("new-key", "A new key for the deal."), T("kind", $"One of {string.Join(", ", RegisteredDeal.Kinds)}."), T("date", "yyyy, yyyy-MM or yyyy-MM-dd."),
            T("from", "Key of the enabler granting rights, selling or raising money."), T("to", "Key of the enabler paying."), T("asset", "Asset."),
            T("stage", "Stage at signing."), T("area", "Therapeutic area."), T("modality", "Modality."), T("territory", "Territory."),
            T("cross-border", "yes or no (empty: from the parties' countries)."), T("currency", "ISO 4217 code."), T("upfront", "Amount."),
            T("milestones", "Amount."), T("royalty-low", "Fraction of net sales (0.08) or percent (8%)."), T("royalty-high", "Fraction or percent."),
            T("equity", "Amount."), T("disclosed-total", "Amount."), T("description", "Description."),
            T("development-milestones", "Amount, part of the milestones."), T("regulatory-milestones", "Amount, part of the milestones."),
            T("sales-milestones", "Amount, part of the milestones."),
        };
        var user = new Option<string>("--as") { Description = "Username recorded in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var cmd = new Command("edit", "Change fields of one deal; the others keep their values. An empty value (--asset \"\") clears a field.") { key, user };
        foreach (var o in options) cmd.Options.Add(o);
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new DealStore(db, TimeProvider.System);
            var row = await store.GetByKeyAsync(r.GetValue(key)!, false, ct) ?? throw new DomainException("not_found", $"No deal with key '{r.GetValue(key)}'.", "key");
            var given = text.Where(kv => r.GetResult(kv.Value) is not null).ToDictionary(kv => kv.Key, kv => r.GetValue(kv.Value)?.Trim());
            string? S(string name, string? old) => given.TryGetValue(name, out var v) ? (string.IsNullOrEmpty(v) ? null : v) : old;
            double? D(string name, double? old)
            {
                if (!given.TryGetValue(name, out var v)) return old;
                if (string.IsNullOrEmpty(v)) return null;
                var percent = v.EndsWith('%');
                return double.TryParse(percent ? v[..^1] : v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? percent ? x / 100 : x
                    : throw new DomainException("usage", $"--{name}: '{v}' is not a number.", name);
            }
            bool? B(string name, bool? old) => !given.TryGetValue(name, out var v) ? old : v?.ToLowerInvariant() switch
            {
                null or "" => null,
                "yes" or "y" or "true" or "1" => true,
                "no" or "n" or "false" or "0" => false,
                _ => throw new DomainException("usage", $"--{name}: '{v}' is not yes or no.", name),
            };
            var i = DealInput.From(row);
            var input = new DealInput(S("new-key", i.Key), S("kind", i.Kind) ?? "", S("date", i.Date) ?? "", S("from", i.FromEnabler) ?? "", S("to", i.ToEnabler) ?? "",
                S("asset", i.Asset), S("stage", i.Stage) ?? "", S("area", i.TherapeuticArea), S("modality", i.Modality), S("territory", i.Territory),
                B("cross-border", given.ContainsKey("from") || given.ContainsKey("to") ? null : i.CrossBorder), S("currency", i.Currency), D("upfront", i.Upfront), D("milestones", i.Milestones),
                D("royalty-low", i.RoyaltyLow), D("royalty-high", i.RoyaltyHigh), D("equity", i.Equity), D("disclosed-total", i.DisclosedTotal), S("description", i.Description),
                D("development-milestones", i.DevelopmentMilestones), D("regulatory-milestones", i.RegulatoryMilestones), D("sales-milestones", i.SalesMilestones));
            var deal = await DealsApi.ToDealAsync(input, row.Deal.Key, new Kernel.Enablers.EnablerStore(db, TimeProvider.System), ct);
            var stored = await store.UpdateAsync(row.Deal.ActionId, deal, "cli:" + r.GetValue(user), ct);
            Console.WriteLine($"Deal {stored.Key} updated ({string.Join(", ", given.Keys)}).");
            return 0;
        }));
        return cmd;
    }

    static Command Delete()
    {
        var key = new Argument<string>("key") { Description = "Key of the deal (its joint action's key)." };
        var user = new Option<string>("--as") { Description = "Username recorded in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var cmd = new Command("delete", "Delete one deal: its joint action, parties and terms.") { key, user };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new DealStore(db, TimeProvider.System);
            var row = await store.GetByKeyAsync(r.GetValue(key)!, false, ct) ?? throw new DomainException("not_found", $"No deal with key '{r.GetValue(key)}'.", "key");
            await store.DeleteAsync(row.Deal.ActionId, "cli:" + r.GetValue(user), ct);
            Console.WriteLine($"Deal {row.Deal.Key} deleted ({row.FromName} → {row.ToName}, {row.Deal.Date}).");
            return 0;
        }));
        return cmd;
    }
}
