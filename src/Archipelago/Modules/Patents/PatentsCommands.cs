using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Archipelago.Modules.Patents.Features.Search;

namespace Archipelago.Modules.Patents;

/// <summary>CLI verbs: <c>patents import|landscape|search|searches|applicants|mapping|segments|intensity</c>.</summary>
public static class PatentsCommands
{
    public static IEnumerable<Command> All() =>
        [new Command("patents", "Patent records: import exports, landscape, search, applicants.") { Import(), Imports(), Landscape(), CoApplicants(), Search(), Searches(), Applicants(), Mapping(), Segments(), Intensity() }];

    internal static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The export: Lens CSV, PATENTSCOPE CSV, WIPO landscape CSV, Google Patents CSV, USPTO XML, PatentsView g_patent.tsv, or any CSV/XLSX with a saved mapping; plain, .gz or .zip." };
        var format = new Option<string>("--format") { Description = "auto|lens|patentsview|uspto-xml|patentscope|wipo-landscape|google|mapping:NAME (default auto: recognised from the header).", DefaultValueFactory = _ => "auto" };
        var cmd = new Command("import", "Import one file (plain, .gz or .zip), all-or-nothing; re-importing updates records (keyed on publication number).") { file, format };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        cmd.Options.Add(json);
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var path = r.GetValue(file)!.FullName;
            ImportResult result;
            // Ctrl+C (SIGINT) or SIGTERM cancels the import instead of killing the process: the file's one transaction
            // rolls back, so nothing of it is stored, and the command says so.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void Stop(System.Runtime.InteropServices.PosixSignalContext signal) { signal.Cancel = true; stop.Cancel(); }
            using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
            try
            {
                result = await Cli.WithProgressAsync($"Importing {Path.GetFileName(path)}",
                    progress => new PatentImport(db, TimeProvider.System) { SoleWriter = true }.RunAsync(path, r.GetValue(format)!, Environment.UserName, progress, stop.Token));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"{Path.GetFileName(path)}: import cancelled; nothing from the file was stored.");
                return 130;
            }
            if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(result, JsonOut));
            else
            {
                foreach (var n in result.Notes) Console.Error.WriteLine("note: " + n);
                foreach (var w in result.Warnings.Take(50)) Console.Error.WriteLine("warning: " + w);
                if (result.WarningCount > 50) Console.Error.WriteLine($"… {result.WarningCount - 50} more warnings (use --json to see up to 1000).");
                foreach (var e in result.Errors.Take(50)) Console.Error.WriteLine("error: " + e);
                Console.WriteLine(result.Committed
                    ? $"{result.File} ({result.Format}): {result.Rows} rows, {result.Created} records created, {result.Updated} updated, {result.WarningCount} warnings."
                    : $"{result.File}: nothing imported ({result.ErrorCount} errors).");
            }
            return result.Committed || result.Rows == 0 && result.ErrorCount == 0 ? 0 : 1;
        }));
        return cmd;
    }

    static Command Imports()
    {
        var format = Cli.Format("table", "table", "json");
        var take = new Option<int>("--take") { Description = "How many, newest first.", DefaultValueFactory = _ => 20 };
        var cmd = new Command("imports", "The workspace's committed imports, newest first: when, by whom, which file, what it did.") { format, take };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var list = await new ImportHistory(await Cli.OpenAsync(r, ct: ct)).RecentAsync(r.GetValue(take), ct);
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(list, JsonOut)); return 0; }
            foreach (var i in list) Console.WriteLine($"{i.At[..Math.Min(19, i.At.Length)].Replace('T', ' ')}  {i.Username,-12} {i.File}: {i.Result}");
            Console.WriteLine($"({list.Count} imports)");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The landscape filters shared by landscape and search.</summary>
    sealed class Filters
    {
        public readonly Option<string?> Text = new("--text") { Description = "Words that must all occur in title, abstract or claims (English or Chinese)." };
        public readonly Option<string?> Classification = new("--classification") { Description = "IPC/CPC subclass, main group or symbol: C12N, C12N 15/00, C12N 15/11." };
        public readonly Option<string?> Applicant = new("--applicant") { Description = "Applicant name (matched after normalisation)." };
        public readonly Option<string?> Jurisdiction = new("--jurisdiction") { Description = "Publishing office: US, EP, WO, CN…" };
        public readonly Option<int?> From = new("--from") { Description = "First year (on the date basis)." };
        public readonly Option<int?> To = new("--to") { Description = "Last year (on the date basis)." };
        public readonly Option<string> Basis = new("--date-basis") { Description = "priority|application|publication: which date the year filter and per-year series use.", DefaultValueFactory = _ => "publication" };

        public readonly Option<bool> Cluster = new("--cluster") { Description = "Only records with an applicant linked to an enabler of the cluster registry (patents applicants link)." };
        public readonly Option<string?> LegalStatus = new("--legal-status") { Description = "Legal status as the source states it: ACTIVE, PENDING, EXPIRED, INACTIVE, DISCONTINUED… (Lens)." };

        public Filters() => Basis.AcceptOnlyFromAmong("priority", "application", "publication");

        public void AddTo(Command c) { foreach (var o in new Option[] { Text, Classification, Applicant, Jurisdiction, From, To, Basis, Cluster, LegalStatus }) c.Options.Add(o); }

        public PatentFilter Read(ParseResult r, string? text = null) => new(text ?? r.GetValue(Text), r.GetValue(Classification), r.GetValue(Applicant),
            r.GetValue(Jurisdiction), r.GetValue(From), r.GetValue(To), PatentFilter.ParseBasis(r.GetValue(Basis)), r.GetValue(Cluster), r.GetValue(LegalStatus));
    }

    static Command Landscape()
    {
        var filters = new Filters();
        var format = Cli.Format("table", "table", "json", "xlsx");
        var saved = new Option<string?>("--saved") { Description = "Use a saved search's filter (patents searches lists them) instead of the filter options." };
        var output = new Option<FileInfo?>("--output") { Description = "File to write (needed with --format xlsx)." };
        var cmd = new Command("landscape", "Counts of the selected records: per year, top applicants and IPC hotspots with their trends and growth, jurisdictions, legal statuses, co-applicants, new entrants, life cycle.") { format, saved, output };
        filters.AddTo(cmd);
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var filter = r.GetValue(saved) is { } name ? (await new SavedSearches(db, TimeProvider.System).RequireAsync(name, ct)).Filter : filters.Read(r);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = await new PatentLandscape(db).RunAsync(filter, ct);
            if (r.GetValue(format) == "xlsx")
            {
                await WriteFileAsync(r.GetValue(output), "xlsx", PatentExport.Landscape(report, filter), ct);
                return 0;
            }
            // The benchmark's measure of the query alone (bench/patents/run.sh): the first one in this process (which
            // builds the column store when the query needs it) and the same query again, as a long-running server
            // answers it once the store is built.
            if (Environment.GetEnvironmentVariable("ARCHIPELAGO_PATENTS_TIMINGS") is { Length: > 0 })
            {
                var first = watch.Elapsed;
                var store = LandscapeColumns.Held(db);
                var warm = System.Diagnostics.Stopwatch.StartNew();
                await new PatentLandscape(db).RunAsync(filter, ct);
                Console.Error.WriteLine($"  landscape query: first {first.TotalMilliseconds:F0} ms" + (store is null ? "" :
                    $" (column store of {store.Records} records {(store.Origin == "snapshot" ? $"loaded from its {store.SnapshotBytes / 1048576.0:F1} MB snapshot" : store.Origin)} in {store.BuildTime.TotalMilliseconds:F0} ms, ~{store.ApproximateBytes() / 1048576.0:F0} MB)") +
                    $", again {warm.Elapsed.TotalMilliseconds:F1} ms");
            }
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(report, JsonOut)); return 0; }
            Console.WriteLine($"records {report.Records}, families {report.Families}, applicants {report.Applicants}");
            Console.WriteLine($"by {report.DateBasis} year: " + string.Join("  ", report.ByBasisYear.Select(k => $"{k.Key}:{k.Value}")));
            // Growth beside each name when the data has a window: records in the recent years against the years before.
            var window = report.GrowthWindow is { } w ? $" (growth: {w.RecentFrom}–{w.RecentTo} against {w.BeforeFrom}–{w.BeforeTo})" : "";
            string Growth(IReadOnlyDictionary<string, double?> growth, string key) =>
                report.GrowthWindow is null ? "" : $"{LifeCycle.GrowthText(growth, key, s => s),6}  ";
            Console.WriteLine("top applicants" + window + ":");
            foreach (var (k, v) in report.TopApplicants) Console.WriteLine($"  {v,7}  {Growth(report.ApplicantGrowth, k)}{k}");
            Console.WriteLine("top IPC subclasses" + window + ":");
            foreach (var (k, v) in report.TopSubclasses) Console.WriteLine($"  {v,7}  {Growth(report.SubclassGrowth, k)}{k}  {Short(report.SubclassTitles.GetValueOrDefault(k))}");
            Console.WriteLine($"co-applicants: {report.CoApplicants.Records} records name two or more applicants" + (report.CoApplicants.Edges.Count > 0 ? "; the pairs sharing most:" : ""));
            foreach (var e in report.CoApplicants.Edges.Take(10)) Console.WriteLine($"  {e.Records,7}  {e.A} + {e.B}");
            Console.WriteLine("jurisdictions: " + string.Join("  ", report.Jurisdictions.Select(k => $"{k.Key}:{k.Value}")));
            if (report.LegalStatuses.Count > 0)
                Console.WriteLine("legal status:  " + string.Join("  ", report.LegalStatuses.Select(k => $"{k.Key}:{k.Value}")));
            Console.WriteLine($"life cycle: {report.Phase.Phase}");
            foreach (var e in report.Phase.Evidence) Console.WriteLine("  - " + e);
            return 0;
        }));
        return cmd;
    }

    static Command CoApplicants()
    {
        var filters = new Filters();
        var saved = new Option<string?>("--saved") { Description = "Use a saved search's filter instead of the filter options." };
        var output = new Option<FileInfo?>("--output") { Description = "File to write (standard output when omitted)." };
        var cmd = new Command("co-applicants", "The whole co-applicant network of the selected records as a CSV edge list (source,target,weight = records naming both): " +
            "archipelago network metrics --edges FILE --weight weight analyses it.") { saved, output };
        filters.AddTo(cmd);
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var filter = r.GetValue(saved) is { } name ? (await new SavedSearches(db, TimeProvider.System).RequireAsync(name, ct)).Filter : filters.Read(r);
            await WriteFileAsync(r.GetValue(output), "csv", [PatentExport.EdgeList(await new PatentLandscape(db).CoApplicationsAsync(filter, ct))], ct);
            return 0;
        }));
        return cmd;
    }

    static string Short(string? s) => s is null ? "" : s.Length > 70 ? s[..70] + "…" : s;

    static Command Search()
    {
        var query = new Argument<string>("QUERY") { Description = "Words (all must occur); \"quoted phrase\" keeps words together." };
        var filters = new Filters();
        var take = new Option<int>("--take") { DefaultValueFactory = _ => 20 };
        var skip = new Option<int>("--skip") { DefaultValueFactory = _ => 0 };
        var format = Cli.Format("table", "table", "json", "csv", "xlsx");
        var save = new Option<string?>("--save") { Description = "Also save this search under NAME (replacing one of that name); run it again with patents searches run NAME." };
        var output = new Option<FileInfo?>("--output") { Description = "File to write with --format csv|xlsx (csv: standard output when omitted)." };
        var cmd = new Command("search", "Full-text search over title, abstract and claims, with facets and snippets; --format csv|xlsx exports every record it selects.") { query, take, skip, format, save, output };
        filters.AddTo(cmd);
        filters.Text.Hidden = true;
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var filter = filters.Read(r, r.GetValue(query));
            if (r.GetValue(save) is { } name)
            {
                var s = await new SavedSearches(db, TimeProvider.System).SaveAsync(name, filter, Environment.UserName, ct);
                Console.Error.WriteLine($"Saved search '{s.Name}'.");
            }
            return await PrintSearchAsync(db, filter, r.GetValue(format)!, r.GetValue(skip), r.GetValue(take), r.GetValue(output), ct);
        }));
        return cmd;
    }

    /// <summary>Writes an export to the named file, or CSV to standard output when no file is named.</summary>
    static async Task WriteFileAsync(FileInfo? output, string format, IReadOnlyList<ExportTable> tables, CancellationToken ct)
    {
        if (output is null)
        {
            if (format == "xlsx") throw new DomainException("usage", "--format xlsx writes a workbook: name the file with --output FILE.xlsx.", "output");
            await using var stdout = Console.OpenStandardOutput();
            await PatentExport.WriteAsync(tables, format, stdout, ct);
            return;
        }
        long rows;
        await using (var f = File.Create(output.FullName)) rows = await PatentExport.WriteAsync(tables, format, f, ct);
        Console.Error.WriteLine($"Wrote {output.Name} ({rows} rows).");
    }

    static async Task<int> PrintSearchAsync(Kernel.Data.Database db, PatentFilter filter, string format, int skip, int take, FileInfo? output, CancellationToken ct)
    {
        if (format is "csv" or "xlsx")
        {
            filter.Sql(db.Dialect);
            await WriteFileAsync(output, format, [new PatentExport(db).Records(filter)], ct);
            return 0;
        }
        {
            var result = await new PatentSearch(db).RunAsync(filter, skip, take, ct);
            if (format == "json") { Console.WriteLine(JsonSerializer.Serialize(result, JsonOut)); return 0; }
            Console.WriteLine($"{result.Total} records");
            foreach (var h in result.Hits)
            {
                Console.WriteLine($"{h.PublicationNumber,-18} {h.PublicationYear?.ToString(CultureInfo.InvariantCulture) ?? "",4}  {h.Title}");
                Console.WriteLine($"    {h.Field}: " + string.Concat(h.Snippet.Select(s => s.Hit ? $"«{s.Text}»" : s.Text)));
            }
            Console.WriteLine("jurisdictions: " + string.Join("  ", result.Jurisdictions.Select(k => $"{k.Key}:{k.Value}")));
            Console.WriteLine("applicants:    " + string.Join("  ", result.Applicants.Select(k => $"{k.Key}:{k.Value}")));
            if (result.LegalStatuses.Count > 0)
                Console.WriteLine("legal status:  " + string.Join("  ", result.LegalStatuses.Select(k => $"{k.Key}:{k.Value}")));
            return 0;
        }
    }

    static Command Searches()
    {
        var listFormat = Cli.Format("table", "table", "json");
        var cmd = new Command("searches", "Saved searches: list them (the default), run, delete; their landscape: patents landscape --saved NAME.") { listFormat };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var list = await new SavedSearches(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).ListAsync(ct);
            if (r.GetValue(listFormat) == "json") { Console.WriteLine(JsonSerializer.Serialize(list, JsonOut)); return 0; }
            foreach (var s in list) Console.WriteLine($"{s.Name,-24} {Pages.SearchesModel.Describe(s.Filter)}   ({s.SavedBy}, {s.SavedAt[..10]})");
            Console.WriteLine($"({list.Count} saved searches)");
            return 0;
        }));
        var runName = new Argument<string>("NAME");
        var format = Cli.Format("table", "table", "json", "csv", "xlsx");
        var take = new Option<int>("--take") { DefaultValueFactory = _ => 20 };
        var skip = new Option<int>("--skip") { DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo?>("--output") { Description = "File to write with --format csv|xlsx (csv: standard output when omitted)." };
        var run = new Command("run", "Run a saved search; --format csv|xlsx exports every record it selects.") { runName, format, take, skip, output };
        run.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var saved = await new SavedSearches(db, TimeProvider.System).RequireAsync(r.GetValue(runName)!, ct);
            return await PrintSearchAsync(db, saved.Filter, r.GetValue(format)!, r.GetValue(skip), r.GetValue(take), r.GetValue(output), ct);
        }));
        var deleteName = new Argument<string>("NAME");
        var delete = new Command("delete", "Delete a saved search.") { deleteName };
        delete.SetAction((r, ct) => Cli.Run(async () =>
        {
            var gone = await new SavedSearches(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).DeleteAsync(r.GetValue(deleteName)!, Environment.UserName, ct);
            Console.WriteLine(gone ? "Deleted." : $"No saved search named '{r.GetValue(deleteName)}'.");
            return gone ? 0 : 1;
        }));
        cmd.Subcommands.Add(run);
        cmd.Subcommands.Add(delete);
        return cmd;
    }

    static Command Applicants()
    {
        var format = Cli.Format("table", "table", "json");
        var suggest = new Command("suggest", "Propose merges of applicant name variants, with the evidence for each.") { format };
        suggest.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var list = await new ApplicantMerges(db, TimeProvider.System).SuggestAsync(ct);
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(list, JsonOut)); return 0; }
            foreach (var s in list) Console.WriteLine($"{s.Variant}  →  {s.Canonical}   [{s.Rule}; {s.Evidence}]");
            Console.WriteLine($"({list.Count} suggestions)");
            return 0;
        }));
        var variant = new Argument<string>("VARIANT");
        var canonical = new Argument<string>("CANONICAL");
        var merge = new Command("merge", "Accept a merge: VARIANT is from now on counted as CANONICAL (stored in the reviewed alias table).") { variant, canonical };
        merge.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var moved = await new ApplicantMerges(db, TimeProvider.System).MergeAsync(r.GetValue(variant)!, r.GetValue(canonical)!, "cli", Environment.UserName, ct);
            Console.WriteLine($"{moved} record links moved to {ApplicantNameOf(r.GetValue(canonical)!)}.");
            return 0;
        }));
        var link = new Command("link", "Link applicants to registry enablers with the same normalised name, and record co-applications between linked enablers as co-patent joint actions.");
        link.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var outcome = await new CoPatents(db, TimeProvider.System).LinkAsync(Environment.UserName, ct);
            Console.WriteLine($"{outcome.Linked} applicants linked to enablers; {outcome.JointActionsText}.");
            return 0;
        }));
        var text = new Option<string?>("--text") { Description = "Only names containing these words." };
        var unlinkedFormat = Cli.Format("table", "table", "json");
        var unlinked = new Command("unlinked", "Applicants not linked to a registry enabler, most records first, with the enabler type their name suggests.") { text, unlinkedFormat };
        unlinked.SetAction((r, ct) => Cli.Run(async () =>
        {
            var list = await new ApplicantEnablers(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).UnlinkedAsync(r.GetValue(text), 50, ct);
            if (r.GetValue(unlinkedFormat) == "json") { Console.WriteLine(JsonSerializer.Serialize(list, JsonOut)); return 0; }
            foreach (var a in list) Console.WriteLine($"{a.Records,6}  {a.Name,-50} {a.SuggestedType}");
            return 0;
        }));
        var applicant = new Argument<string>("APPLICANT") { Description = "The applicant's name (any spelling; it is normalised)." };
        var type = new Option<string?>("--type") { Description = "Enabler type: " + string.Join(", ", Kernel.Enablers.EnablerType.All.Select(t => t.Code)) + " (default: suggested from the name)." };
        var create = new Command("create-enabler", "Create a registry enabler from an applicant, link them, and write the co-patent joint actions this makes possible.") { applicant, type };
        create.SetAction((r, ct) => Cli.Run(async () =>
        {
            var made = await new ApplicantEnablers(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).CreateAsync(r.GetValue(applicant)!, r.GetValue(type), Environment.UserName, ct);
            Console.WriteLine($"Enabler {made.EnablerKey} ({made.Type}) created for {made.Applicant}; {made.Links.JointActionsText}.");
            return 0;
        }));
        return new Command("applicants", "Applicant names: merge suggestions, reviewed aliases, links to the registry (match or create).") { suggest, merge, link, unlinked, create };
    }

    static string ApplicantNameOf(string s) => Domain.ApplicantName.Normalise(s);

    static Command Segments()
    {
        var format = Cli.Format("table", "table", "json");
        var list = new Command("list", "The biopharma-segment concordance (IPC pattern → segment).") { format };
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            var rules = await new SegmentConcordance(await Cli.OpenAsync(r, ct: ct)).ListAsync(ct);
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(rules, JsonOut));
            else foreach (var x in rules) Console.WriteLine($"{x.Pattern,-12} {x.Segment,-34} {x.EditedBy}");
            return 0;
        }));
        var pattern = new Argument<string>("PATTERN") { Description = "IPC subclass (A61P) or main group (A61K 31/)." };
        var segment = new Argument<string>("SEGMENT");
        var set = new Command("set", "Add or change a rule of the concordance.") { pattern, segment };
        set.SetAction((r, ct) => Cli.Run(async () =>
        {
            var rule = await new SegmentConcordance(await Cli.OpenAsync(r, ct: ct)).SetAsync(r.GetValue(pattern)!, r.GetValue(segment)!, Environment.UserName, ct);
            Console.WriteLine($"{rule.Pattern} → {rule.Segment}");
            return 0;
        }));
        var removePattern = new Argument<string>("PATTERN");
        var remove = new Command("remove", "Remove a rule of the concordance.") { removePattern };
        remove.SetAction((r, ct) => Cli.Run(async () =>
        {
            var gone = await new SegmentConcordance(await Cli.OpenAsync(r, ct: ct)).RemoveAsync(r.GetValue(removePattern)!, ct);
            Console.WriteLine(gone ? "Removed." : "No such rule.");
            return gone ? 0 : 1;
        }));
        return new Command("segments", "The editable IPC → biopharma-segment concordance (shipped defaults).") { list, set, remove };
    }

    static Command Intensity()
    {
        var employees = new Option<double?>("--employees") { Description = "Employees of the industry or region (or --employment-series with --year)." };
        var series = new Option<string?>("--employment-series") { Description = "An employment series another module offers (the industry monitor), by id; see --list-employment." };
        var year = new Option<int?>("--year") { Description = "The year of the employment series to use." };
        var listSeries = new Option<bool>("--list-employment") { Description = "List the employment series on offer and stop." };
        var national = new Option<double?>("--national-density") { Description = "National average: invention patents per 10,000 employees (required to compute)." };
        var patents = new Option<long?>("--patents") { Description = "Invention patents of the industry or region; without it, the records selected by the filters are counted." };
        var grants = new Option<long?>("--grants") { Description = "Invention-patent grants of the industry (with --national-grant-average)." };
        var nationalGrants = new Option<double?>("--national-grant-average") { Description = "National average invention-patent grants per industry." };
        var filters = new Filters();
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("intensity", "Patents per 10,000 employees against the national average, and seed 000's patent-intensive verdict, with the inputs shown.")
            { employees, series, year, listSeries, national, patents, grants, nationalGrants, format };
        filters.AddTo(cmd);
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var employment = new Features.Intensity.EmploymentFacts(Cli.Facts, db);
            if (r.GetValue(listSeries))
            {
                var list = await employment.CatalogueAsync(ct);
                if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(list, JsonOut));
                else foreach (var s in list) Console.WriteLine($"{s.Id,-28} {s.Label}{(s.Region is null ? "" : $" — {s.Region}")}{(s.SubSector is null ? "" : $" — {s.SubSector}")} ({s.Unit})");
                if (list.Count == 0) Console.Error.WriteLine("No module offers employment series yet; give --employees.");
                return 0;
            }
            var nationalDensity = r.GetValue(national) ?? throw new DomainException("usage", "Give --national-density (national invention patents per 10,000 employees).", "national_density");
            var staff = r.GetValue(series) is { Length: > 0 } id
                ? await employment.ValueAsync(id, r.GetValue(year) ?? throw new DomainException("usage", "Give --year with --employment-series.", "year"), ct)
                : new Features.Intensity.EmploymentFigure(r.GetValue(employees) ?? throw new DomainException("usage", "Give --employees, or --employment-series with --year.", "employees"), "entered");
            long count;
            string source;
            if (r.GetValue(patents) is { } given) { count = given; source = "entered"; }
            else
            {
                var report = await new PatentLandscape(db).RunAsync(filters.Read(r), ct);
                count = report.Records;
                source = "records in the workspace matching the filters";
            }
            var result = Domain.PatentIntensity.Compute(count, staff.Employees, nationalDensity, r.GetValue(grants), r.GetValue(nationalGrants), source, staff.Source);
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(result, JsonOut));
            else Console.WriteLine($"patents {result.Patents} ({result.PatentSource}), employees {result.Employees.ToString(CultureInfo.InvariantCulture)} ({result.EmploymentSource})\n{result.Verdict}");
            return 0;
        }));
        return cmd;
    }

    static Command Mapping()
    {
        var name = new Argument<string>("NAME");
        var file = new Argument<FileInfo>("FILE") { Description = "JSON object naming columns: {\"publicationNumber\": \"Pub No\", \"title\": \"Title\", \"applicants\": \"Owner\", \"separator\": \";\"}." };
        var save = new Command("save", "Save (or replace) a column mapping for generic CSV/XLSX files; use it with import --format mapping:NAME.") { name, file };
        save.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var path = r.GetValue(file)!.FullName;
            var mapping = ColumnMapping.FromJson(await File.ReadAllTextAsync(path, ct), Path.GetFileName(path));
            await new MappingStore(db, TimeProvider.System).SaveAsync(r.GetValue(name)!, mapping, Environment.UserName, ct);
            Console.WriteLine($"Saved mapping '{r.GetValue(name)}'.");
            return 0;
        }));
        var listFormat = Cli.Format("table", "table", "json");
        var list = new Command("list", "The saved column mappings.") { listFormat };
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            var all = await new MappingStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System).AllAsync(ct);
            if (r.GetValue(listFormat) == "json") Console.WriteLine(JsonSerializer.Serialize(all, JsonOut));
            else foreach (var (n, m) in all) Console.WriteLine($"{n,-20} publication number: {m.PublicationNumber}; separator '{m.Separator}'");
            return 0;
        }));
        return new Command("mapping", "Saved column mappings for generic CSV/XLSX files.") { save, list };
    }
}
