using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Cluster.Features.Export;
using Archipelago.Modules.Cluster.Features.Import;

namespace Archipelago.Modules.Cluster;

/// <summary>CLI verbs of the registry: <c>enablers list|import|export|template</c>, <c>actions list|import|export|template</c>.</summary>
public static class ClusterCommands
{
    public static IEnumerable<Command> All() => [Enablers(), Actions(), Features.Network.NetworkCommands.Create()];

    static Command Enablers()
    {
        var q = new Option<string?>("--q") { Description = "Text in a name (Chinese or English), alias or key." };
        var type = new Option<string?>("--type") { Description = "Enabler type code, e.g. enterprise." };
        var country = new Option<string?>("--country");
        var province = new Option<string?>("--province");
        var city = new Option<string?>("--city");
        var segment = new Option<string?>("--segment");
        var take = new Option<int>("--take") { DefaultValueFactory = _ => 50 };
        var skip = new Option<int>("--skip") { DefaultValueFactory = _ => 0 };
        var format = Cli.Format("table", "table", "json");
        var list = new Command("list", "List enablers matching the filters.") { q, type, country, province, city, segment, take, skip, format };
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            PageDto<EnablerDto> page;
            if (Cli.RemoteClient(r) is { } api)
            {
                var query = string.Join("&", new (string Name, object? Value)[] { ("q", r.GetValue(q)), ("type", r.GetValue(type)), ("country", r.GetValue(country)),
                    ("province", r.GetValue(province)), ("city", r.GetValue(city)), ("segment", r.GetValue(segment)), ("skip", r.GetValue(skip)), ("take", r.GetValue(take)) }
                    .Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.ToString()!)}"));
                using var response = await api.GetAsync("api/cluster/enablers?" + query, ct);
                await Cli.EnsureSuccessAsync(response, ct);
                page = (await response.Content.ReadFromJsonAsync<PageDto<EnablerDto>>(JsonOut, ct))!;
            }
            else
            {
                var db = await Cli.OpenAsync(r, ct: ct);
                var found = await new EnablerStore(db, TimeProvider.System).SearchAsync(new EnablerQuery(r.GetValue(q), r.GetValue(type), r.GetValue(country),
                    r.GetValue(province), r.GetValue(city), r.GetValue(segment), r.GetValue(skip), r.GetValue(take)), ct);
                page = new PageDto<EnablerDto>(found.Items.Select(EnablerDto.From).ToList(), found.Total, found.Skip, found.Take);
            }
            if (r.GetValue(format) == "json")
                Console.WriteLine(JsonSerializer.Serialize(page, JsonOut));
            else
            {
                foreach (var e in page.Items)
                    Console.WriteLine($"{e.Key,-14} {e.Type,-20} {e.NameEn ?? "",-44} {e.NameZh ?? "",-20} {string.Join(", ", new[] { e.Region.City, e.Region.Province, e.Region.Country }.Where(x => x is not null))}");
                Console.WriteLine($"({page.Items.Count} of {page.Total})");
            }
            return 0;
        }));
        return new Command("enablers", "The cluster's enablers.") { list, ImportVerb(RegistryKind.Enablers), ExportVerb(RegistryKind.Enablers), TemplateVerb(RegistryKind.Enablers) };
    }

    static Command Actions()
    {
        var type = new Option<string?>("--type");
        var from = new Option<int?>("--from") { Description = "First year." };
        var to = new Option<int?>("--to") { Description = "Last year." };
        var enabler = new Option<string?>("--enabler") { Description = "Key of a participant." };
        var take = new Option<int>("--take") { DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List joint actions, newest first.") { type, from, to, enabler, take };
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var enablers = new EnablerStore(db, TimeProvider.System);
            long? enablerId = r.GetValue(enabler) is { } k ? (await enablers.GetByKeyAsync(k, ct))?.Id ?? throw new DomainException("not_found", $"No enabler '{k}'.", "enabler") : null;
            var page = await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(r.GetValue(type), r.GetValue(from), r.GetValue(to), enablerId, Take: r.GetValue(take)), ct);
            var names = await ClusterApi.ParticipantsOf(page.Items, enablers, ct);
            foreach (var a in page.Items)
                Console.WriteLine($"{a.Key,-14} {a.Type,-20} {a.Start,-10} {string.Join("; ", a.Participants.Select(p => names[p.EnablerId].Key + ":" + p.Role))}");
            Console.WriteLine($"({page.Items.Count} of {page.Total})");
            return 0;
        }));
        return new Command("actions", "Joint actions between enablers.") { list, ImportVerb(RegistryKind.Actions), ExportVerb(RegistryKind.Actions), TemplateVerb(RegistryKind.Actions) };
    }

    static Command ImportVerb(RegistryKind kind)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv, .xlsx or .json file in the template's columns." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and show the plan; store nothing." };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV that is not UTF-8, e.g. gb18030." };
        var user = new Option<string>("--as") { Description = "Username recorded in the audit log.", DefaultValueFactory = _ => Environment.UserName };
        var cmd = new Command("import", $"Import {Noun(kind)}, all or nothing (re-importing the same file changes nothing).") { file, dryRun, encoding, user };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists) throw new DomainException("not_found", $"{path.FullName} does not exist.", "FILE");
            await using var stream = path.OpenRead();
            var started = DateTime.UtcNow;
            ImportOutcome outcome;
            if (Cli.RemoteClient(r) is { } api)
            {
                // Against a server: the same import, run there under the token's account.
                using var form = new MultipartFormDataContent { { new StreamContent(stream), "file", path.Name } };
                var url = $"api/cluster/import/{(kind == RegistryKind.Enablers ? "enablers" : "actions")}?dryRun={r.GetValue(dryRun).ToString().ToLowerInvariant()}"
                    + (r.GetValue(encoding) is { } e ? $"&encoding={Uri.EscapeDataString(e)}" : "");
                using var response = await api.PostAsync(url, form, ct);
                if (response.StatusCode != System.Net.HttpStatusCode.UnprocessableEntity) await Cli.EnsureSuccessAsync(response, ct);
                outcome = (await response.Content.ReadFromJsonAsync<ImportOutcome>(JsonOut, ct))!;
            }
            else
            {
                var db = await Cli.OpenAsync(r, ct: ct);
                var enc = r.GetValue(encoding) is { } name ? TabularFile.EncodingNamed(name) : null;
                outcome = await Cli.WithProgressAsync($"{(r.GetValue(dryRun) ? "Checking" : "Importing")} {path.Name}", progress =>
                    new RegistryImport(db, TimeProvider.System).RunAsync(kind, stream, path.Name, !r.GetValue(dryRun), "cli:" + r.GetValue(user), enc, progress, ct));
            }
            foreach (var w in outcome.Warnings) Console.Error.WriteLine("warning: " + w);
            foreach (var e in outcome.Errors) Console.Error.WriteLine("error: " + e);
            if (outcome.ErrorCount > outcome.Errors.Count) Console.Error.WriteLine($"… and {outcome.ErrorCount - outcome.Errors.Count} more errors.");
            var verb = outcome.Committed ? "imported" : r.GetValue(dryRun) && outcome.Ok ? "dry run" : "NOT imported";
            Console.WriteLine($"{outcome.File}: {verb} — {outcome.Rows} rows: {outcome.Created} to create, {outcome.Updated} to update, {outcome.Unchanged} unchanged, {outcome.ErrorCount} errors ({(DateTime.UtcNow - started).TotalSeconds:F1} s).");
            if (!outcome.Ok) Console.WriteLine("Nothing was stored. Fix the rows above and import again.");
            return outcome.Ok ? 0 : 1;
        }));
        return cmd;
    }

    static Command ExportVerb(RegistryKind kind)
    {
        var format = Cli.Format("csv", "csv", "xlsx", "json");
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)." };
        var cmd = new Command("export", $"Export all {Noun(kind)} in the import template's columns.") { format, output };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var f = r.GetValue(format)!;
            if (Cli.RemoteClient(r) is { } api)
            {
                using var response = await api.GetAsync($"api/cluster/export/{(kind == RegistryKind.Enablers ? "enablers" : "actions")}?format={f}", HttpCompletionOption.ResponseHeadersRead, ct);
                await Cli.EnsureSuccessAsync(response, ct);
                await using var target = r.GetValue(output) is { } o ? o.Create() : Console.OpenStandardOutput();
                await response.Content.CopyToAsync(target, ct);
                return 0;
            }
            var db = await Cli.OpenAsync(r, ct: ct);
            var export = new RegistryExport(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System));
            if (r.GetValue(output) is not { } path)
            {
                if (f == "xlsx") throw new DomainException("usage", "XLSX is binary: give --out FILE.xlsx.", "out");
                await using var stdout = Console.OpenStandardOutput();
                await export.WriteAsync(kind, f, stdout, ct: ct);
                return 0;
            }
            await using var file = path.Create();
            var n = await Cli.WithProgressAsync($"Exporting {Noun(kind)}", async p => await export.WriteAsync(kind, f, file, ct: ct));
            Console.Error.WriteLine($"wrote {n} {Noun(kind)} to {path.FullName}");
            return 0;
        }));
        return cmd;
    }

    static Command TemplateVerb(RegistryKind kind)
    {
        var format = Cli.Format("csv", "csv", "xlsx", "json");
        var output = new Option<FileInfo>("--out") { Required = true };
        var cmd = new Command("template", $"Write the import template for {Noun(kind)} with two example rows.") { format, output };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            await using var file = r.GetValue(output)!.Create();
            await RegistryExport.TemplateAsync(kind, r.GetValue(format)!, file, ct);
            return 0;
        }));
        return cmd;
    }

    static string Noun(RegistryKind kind) => kind == RegistryKind.Enablers ? "enablers" : "joint actions";

    static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
