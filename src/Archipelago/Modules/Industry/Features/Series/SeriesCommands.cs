using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Kernel.Import;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>CLI verbs over the workspace's indicator series: <c>industry import|list|show|export|derive|subsectors</c>.</summary>
public static class SeriesCommands
{
    public static IEnumerable<Command> All() => [Import(), List(), Show(), Export(), Derive(), Subsectors(), ValueChainVerb()];

    internal static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string N(double x, string format = "G8") => x.ToString(format, CultureInfo.InvariantCulture);

    internal static Option<string?> DecimalMarkOption()
    {
        var o = new Option<string?>("--decimal-mark") { Description = "point or comma: the file's decimal mark, when known. Without it \"1.235\" is refused as ambiguous (1.235 or 1235?)." };
        o.AcceptOnlyFromAmong("point", "comma");
        return o;
    }

    /// <summary>The options that name a stored series.</summary>
    internal sealed record KeyOptions(Option<string> Region, Option<string?> Subsector)
    {
        public static KeyOptions Create(string regionDefault = "China") => new(
            new Option<string>("--region") { Description = "Region of the series.", DefaultValueFactory = _ => regionDefault },
            new Option<string?>("--subsector") { Description = "Sub-sector code (default: the whole industry)." });
        public SeriesKey Key(ParseResult r, string indicator) => new(indicator, r.GetValue(Region)!, r.GetValue(Subsector) ?? Series.Subsector.Total);
    }

    static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv, .xlsx or .json table of figures: long (indicator, region, subsector, period, value) or wide (one column per period, as yearbooks print)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every cell and show what would change; store nothing." };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV that is not UTF-8, e.g. gb18030." };
        var mark = DecimalMarkOption();
        var user = new Option<string>("--as") { Description = "Username recorded with the figures and in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var format = Cli.Format("table", "table", "json");
        var (publication, table, page, url) = (
            new Option<string?>("--source-publication") { Description = "The publication the whole file comes from (a row's own source_publication column wins)." },
            new Option<string?>("--source-table") { Description = "The table (or figure) in it, for every row without a source_table." },
            new Option<string?>("--source-page") { Description = "The page (or locator such as §IV ¶2), for every row without a source_page." },
            new Option<string?>("--source-url") { Description = "An http(s) address of the source, for every row without a source_url." });
        var cmd = new Command("import", "Import indicator figures, all or nothing; a changed figure adds a vintage, an equal one changes nothing.")
            { file, dryRun, encoding, mark, user, publication, table, page, url, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists) throw new DomainException("not_found", $"{path.FullName} does not exist.", "FILE");
            var db = await Cli.OpenAsync(r, ct: ct);
            await using var stream = path.OpenRead();
            var enc = r.GetValue(encoding) is { } name ? TabularFile.EncodingNamed(name) : null;
            var outcome = await Cli.WithProgressAsync($"{(r.GetValue(dryRun) ? "Checking" : "Importing")} {path.Name}", progress =>
                new SeriesImport(db, TimeProvider.System).RunAsync(stream, path.Name, !r.GetValue(dryRun), "cli:" + r.GetValue(user),
                    SeriesTable.DecimalMarkNamed(r.GetValue(mark)), enc, progress,
                    new Citation(r.GetValue(publication), r.GetValue(table), r.GetValue(page), r.GetValue(url)), ct));
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(outcome, JsonOut));
            else
            {
                foreach (var e in outcome.Errors) Console.Error.WriteLine("error: " + e);
                if (outcome.ErrorCount > outcome.Errors.Count) Console.Error.WriteLine($"… and {outcome.ErrorCount - outcome.Errors.Count} more errors.");
                Console.WriteLine(outcome.Ok
                    ? $"{outcome.File} ({outcome.Layout} table, {outcome.Rows} rows, {outcome.Figures} figures, {outcome.Gaps} gaps): {outcome.Created} new, {outcome.Revised} revised (new vintage), {outcome.Unchanged} unchanged"
                      + (outcome.NewIndicators.Count > 0 ? $"; new indicators: {string.Join(", ", outcome.NewIndicators)}" : "")
                      + (outcome.Committed ? "." : " — dry run, nothing stored.")
                    : $"{outcome.File}: {outcome.ErrorCount} errors; nothing was imported.");
            }
            return outcome.Ok ? 0 : 1;
        }));
        return cmd;
    }

    static Command List()
    {
        var indicator = new Option<string?>("--indicator") { Description = "Only this indicator's series." };
        var region = new Option<string?>("--region") { Description = "Only this region's series." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("list", "The workspace's indicators and the series stored for each.") { indicator, region, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var store = new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System);
            var indicators = await store.IndicatorsAsync(ct);
            var series = await store.SeriesAsync(r.GetValue(indicator), r.GetValue(region), ct);
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new { indicators, series }, JsonOut));
                return 0;
            }
            foreach (var i in indicators.Where(i => r.GetValue(indicator) is not { } only || i.Code == only))
            {
                Console.WriteLine($"{i.Code,-28} {i.NameEn}{(i.NameZh is null ? "" : " / " + i.NameZh)} [{i.Unit}{(i.PriceBasis is null ? "" : ", " + i.PriceBasis)}; by {i.Frequency}]");
                foreach (var s in series.Where(s => s.Indicator == i.Code))
                    Console.WriteLine($"    {s.Region,-16} {(s.Subsector.Length == 0 ? "(industry)" : s.Subsector),-36} {s.FirstPeriod}–{s.LastPeriod}, {s.Periods} periods{(s.Revised > 0 ? $", {s.Revised} revised" : "")}");
            }
            return 0;
        }));
        return cmd;
    }

    static Command Show()
    {
        var indicator = new Argument<string>("INDICATOR") { Description = "Indicator code, e.g. output_value." };
        var key = KeyOptions.Create();
        var vintages = new Option<bool>("--vintages") { Description = "Show every vintage of each figure, not only the latest." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("show", "One stored series: its figures (latest vintage, or all), growth, CAGR, index and suspected unit slips.") { indicator, key.Region, key.Subsector, vintages, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var store = new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System);
            var k = key.Key(r, r.GetValue(indicator)!);
            var (ind, latest, _) = await new SeriesAnalysis(store).LoadAsync(k, ct);
            var figures = r.GetValue(vintages) ? await store.ObservationsAsync(k, true, ct) : latest;
            var growth = await new SeriesAnalysis(store).GrowthAsync(k, ct);
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new { indicator = ind, series = k, figures, growth }, JsonOut));
                return 0;
            }
            Console.WriteLine($"{k}: {ind.NameEn} [{ind.Unit}]{(ind.Measure is null ? "" : $" (offered as {ind.Measure})")}");
            if (!ind.Source.IsEmpty) Console.WriteLine($"source: {ind.Source}");
            Console.WriteLine($"{"period",-9} {"value",14} {"vintage",7} {"y/y",9}  source");
            foreach (var f in figures)
            {
                var yoy = growth.YearOnYear.FirstOrDefault(g => g.To == f.Time);
                Console.WriteLine($"{f.Period,-9} {N(f.Value),14} {f.Vintage,7} {(yoy is null ? "" : yoy.Rate.ToString("P2", CultureInfo.InvariantCulture)),9}  {f.Source}{(f.Note is null ? "" : " — " + f.Note)}");
            }
            Console.WriteLine($"cagr      {(growth.Cagr is { } c ? c.ToString("P2", CultureInfo.InvariantCulture) : "—")} over {growth.CagrYears?.ToString(CultureInfo.InvariantCulture) ?? "—"} years (×{growth.Multiple?.ToString("G4", CultureInfo.InvariantCulture) ?? "—"})");
            foreach (var f in growth.ScaleFlags) Console.WriteLine("UNIT?     " + f.Message);
            foreach (var n in growth.Notes) Console.WriteLine("note      " + n);
            return 0;
        }));
        return cmd;
    }

    static Command Export()
    {
        var indicator = new Option<string?>("--indicator") { Description = "Only this indicator." };
        var region = new Option<string?>("--region") { Description = "Only this region." };
        var vintages = new Option<bool>("--vintages") { Description = "Every vintage, with vintage, recorded_at and recorded_by columns." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var cmd = new Command("export", "Write stored figures as a long CSV in the import's columns (it re-imports unchanged).") { indicator, region, vintages, output };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var export = new SeriesExport(db);
            if (r.GetValue(output) is { } file)
            {
                await using var writer = new StreamWriter(file.FullName, false, new UTF8Encoding(false));
                var n = await export.WriteCsvAsync(writer, r.GetValue(indicator), r.GetValue(region), r.GetValue(vintages), ct);
                Console.Error.WriteLine($"{n} figures written to {file.FullName}.");
            }
            else
            {
                await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
                await export.WriteCsvAsync(stdout, r.GetValue(indicator), r.GetValue(region), r.GetValue(vintages), ct);
            }
            return 0;
        }));
        return cmd;
    }

    static Command Derive()
    {
        var kind = new Argument<string>("KIND") { Description = "yoy, cagr, index, share, ratio, lq or deflate." };
        kind.AcceptOnlyFromAmong([.. SeriesAnalysis.Kinds]);
        var indicator = new Argument<string>("INDICATOR") { Description = "Indicator code." };
        var key = KeyOptions.Create();
        var per = new Option<string?>("--per") { Description = "ratio: the denominator indicator (revenue, population, employees); deflate: the price index." };
        var ofRegion = new Option<string?>("--of-region") { Description = "share: the larger region; lq: the nation." };
        var basePeriod = new Option<string?>("--base") { Description = "index, deflate: the base period." };
        var from = new Option<string?>("--from") { Description = "cagr: first period (default: the first)." };
        var to = new Option<string?>("--to") { Description = "cagr: last period (default: the last)." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("derive", "Derived figures of a stored series: growth, CAGR over a span, index, shares, ratios (margins, per capita), location quotients, deflated values.")
            { kind, indicator, key.Region, key.Subsector, per, ofRegion, basePeriod, from, to, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var store = new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System);
            var k = key.Key(r, r.GetValue(indicator)!);
            var d = await new SeriesAnalysis(store).DeriveAsync(new DeriveRequest(r.GetValue(kind)!, k.Indicator, k.Region, k.Subsector, r.GetValue(per), r.GetValue(ofRegion),
                r.GetValue(basePeriod), r.GetValue(from), r.GetValue(to)), ct);
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(d, JsonOut));
            else
            {
                Console.WriteLine($"{d.Name}  [{d.Formula}; {d.Unit}]");
                foreach (var p in d.Points)
                    Console.WriteLine($"{p.Period,-9} {(d.Unit == "fraction" ? p.Value.ToString("P2", CultureInfo.InvariantCulture) : N(p.Value, "G6")),12}   {string.Join(", ", p.Inputs.Select(i => $"{i.Key} {N(i.Value, "G8")}"))}");
                foreach (var n in d.Notes) Console.WriteLine("note      " + n);
            }
            return 0;
        }));
        return cmd;
    }

    static Command ValueChainVerb()
    {
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("value-chain", "The registry's enablers and joint actions per value-chain segment (the smile curve of seed 000 §VI).") { format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var report = await new ValueChain.ValueChainMap(await Cli.OpenAsync(r, ct: ct)).BuildAsync(ct);
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(report, JsonOut));
            else
            {
                Console.WriteLine($"{"segment",-14} {"enablers",8} {"actions",8} {"cross-segment",13}  by type");
                foreach (var s in report.Segments)
                    Console.WriteLine($"{s.Segment,-14} {s.Enablers,8} {s.JointActions,8} {s.CrossSegmentActions,13}  {string.Join(", ", s.EnablersByType.Select(t => $"{t.Key} {t.Value}"))}");
                if (report.ShareAtEnds is { } ends) Console.WriteLine($"share of placed enablers at the ends of the smile (not manufacturing): {ends.ToString("P1", CultureInfo.InvariantCulture)}");
                foreach (var n in report.Notes) Console.WriteLine("note: " + n);
            }
            return 0;
        }));
        return cmd;
    }

    static Command Subsectors()
    {
        var list = new Command("list", "The sub-sectors (seed 000's eight by default).");
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            foreach (var s in await new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).SubsectorsAsync(ct))
                Console.WriteLine($"{s.Position,2} {s.Code,-36} {s.NameEn} / {s.NameZh}");
            return 0;
        }));
        var code = new Argument<string>("CODE");
        var nameEn = new Option<string>("--name-en") { Required = true };
        var nameZh = new Option<string>("--name-zh") { Required = true };
        var position = new Option<int>("--position") { DefaultValueFactory = _ => 99 };
        var add = new Command("add", "Add a sub-sector, or rename one.") { code, nameEn, nameZh, position };
        add.SetAction((r, ct) => Cli.Run(async () =>
        {
            await new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).SaveSubsectorAsync(
                new Subsector(r.GetValue(code)!, r.GetValue(nameEn)!, r.GetValue(nameZh)!, r.GetValue(position)), ct);
            return 0;
        }));
        return new Command("subsectors", "The industry's sub-sectors.") { list, add };
    }
}
