using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Modules.ServiceExchange.Domain;
using Archipelago.Modules.ServiceExchange.Features;
using Archipelago.Modules.ServiceExchange.Matching;

namespace Archipelago.Modules.ServiceExchange;

/// <summary>
/// CLI verbs of the exchange, run on the workspace's own files as an operator:
/// <c>exchange providers import FILE [--publish]</c>, <c>exchange match --need ID</c> or <c>--provider ID</c>,
/// <c>exchange market</c>. Data output takes <c>--format json</c>.
/// </summary>
public static class ExchangeCommands
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEnumerable<Command> All() =>
        [new Command("exchange", "IP service exchange: provider directory, matching, market.") { Providers(), Match(), Market() }];

    static Command Providers()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV or XLSX, one provider per row (docs/exchange.md lists the columns)." };
        var publish = new Option<bool>("--publish") { Description = "Make the imported profiles public at once (the operator has reviewed the file)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and store nothing." };
        var import = new Command("import", "Import a provider directory, all or nothing; errors name row and column.") { file, publish, dryRun };
        import.SetAction((r, ct) => Cli.Run(async () =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists) throw new DomainException("not_found", $"{path.FullName} does not exist.", "FILE");
            var db = await Cli.OpenAsync(r, ct: ct);
            await using var stream = path.OpenRead();
            var outcome = await Cli.WithProgressAsync($"Importing {path.Name}", p =>
                new ProviderImport(db, TimeProvider.System).ImportAsync(stream, path.Name, r.GetValue(publish), Actor.Cli(), p, ct, r.GetValue(dryRun)));
            if (outcome.Errors.Count > 0)
            {
                foreach (var e in outcome.Errors.Take(50)) Console.Error.WriteLine(e);
                if (outcome.Errors.Count > 50) Console.Error.WriteLine($"… and {outcome.Errors.Count - 50} more.");
                Console.Error.WriteLine($"error [import_failed]: {outcome.Errors.Count} error(s); nothing was imported.");
                return 1;
            }
            if (outcome.DryRun) { Console.WriteLine($"{outcome.Valid} row(s) checked, no errors; nothing was stored (dry run)."); return 0; }
            Console.WriteLine($"Imported {outcome.Imported} provider profile(s){(r.GetValue(publish) ? ", public" : " as drafts")}.");
            return 0;
        }));
        return new Command("providers", "The provider directory.") { import };
    }

    static Command Match()
    {
        var need = new Option<long?>("--need") { Description = "Rank providers for this need id." };
        var provider = new Option<long?>("--provider") { Description = "Rank open needs for this provider (enabler id)." };
        var take = new Option<int>("--take") { Description = "How many to list.", DefaultValueFactory = _ => 10 };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("match", "Rank providers for a need (or needs for a provider), with each score explained.") { need, provider, take, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            if (r.GetValue(need) is null == r.GetValue(provider) is null) throw new DomainException("usage", "Give exactly one of --need or --provider.");
            var db = await Cli.OpenAsync(r, ct: ct);
            var m = new Matchmaker(db, TimeProvider.System);
            IReadOnlyList<Match> matches;
            Func<Match, string> label;
            if (r.GetValue(need) is { } id)
            {
                var (_, list, names) = await m.ProvidersForNeedAsync(id, Actor.Cli(), r.GetValue(take), ct);
                matches = list;
                label = x => names.GetValueOrDefault(x.ProviderId)?.DisplayName(false) ?? x.ProviderId.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                var (list, needs, _) = await m.NeedsForProviderAsync(r.GetValue(provider)!.Value, Actor.Cli(), r.GetValue(take), ct);
                matches = list;
                label = x => $"#{x.NeedId} {needs.GetValueOrDefault(x.NeedId)?.Title}";
            }
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(matches, Json)); return 0; }
            var rank = 0;
            foreach (var x in matches)
            {
                Console.WriteLine($"{++rank,3}. {x.Score.ToString("0.000", CultureInfo.InvariantCulture)}  {label(x)}");
                foreach (var c in x.Components)
                    Console.WriteLine($"       {c.Name,-16} {c.Score.ToString("0.00", CultureInfo.InvariantCulture)} × {c.Weight.ToString("0.00", CultureInfo.InvariantCulture)}  {c.Explanation}");
            }
            if (matches.Count == 0) Console.WriteLine("(no matches)");
            return 0;
        }));
        return cmd;
    }

    static Command Market()
    {
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("market", "Needs × supply × completed engagements by demand area and service category, against seed 001's expected matrix.") { format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var view = await MarketView.BuildAsync(db, TimeProvider.System, ct);
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(view, Json)); return 0; }
            Console.WriteLine("Needs (completed) by demand area × service category; * = expected by seed 001 §3");
            Console.WriteLine($"{"",-14}" + string.Concat(Taxonomy.Categories.Select(c => $"{c.Code,19}")));
            foreach (var a in Taxonomy.DemandAreas)
                Console.WriteLine($"{a.Code,-14}" + string.Concat(Taxonomy.Categories.Select(c =>
                {
                    var cell = view.Cells.Single(x => x.DemandArea == a.Code && x.Category == c.Code);
                    return $"{$"{cell.Needs} ({cell.Completed}){(cell.Expected ? "*" : " ")}",19}";
                })));
            Console.WriteLine();
            Console.WriteLine("Supply: listed providers per category (needs per provider)");
            foreach (var s in view.Supply) Console.WriteLine($"  {s.Category,-18} {s.Providers,5} providers  {s.Needs,5} needs  {s.NeedsPerProvider.ToString("0.00", CultureInfo.InvariantCulture),6}");
            Console.WriteLine($"Unmet needs: {view.UnmetNeeds}; median response: {(view.MedianResponseHours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "n/a")}; profiles under review: {view.ProfilesUnderReview}");
            foreach (var u in view.Unexpected) Console.WriteLine($"  departs from seed 001: {u.Needs} need(s) for {u.Category} in {u.DemandArea}");
            return 0;
        }));
        return cmd;
    }
}
