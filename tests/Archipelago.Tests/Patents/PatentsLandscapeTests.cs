using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Patents;

/// <summary>
/// The CLI contract on the shipped samples: <c>patents import</c> then <c>patents landscape --format json</c> must give
/// exactly the counts an independent pandas script (landscape_reference.py, written from the documented rules, run
/// with /usr/bin/python3) computes from the raw files — on SQLite and on PostgreSQL.
/// </summary>
public class PatentsLandscapeTests
{
    static string Script([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "landscape_reference.py");

    static async Task<JsonObject> ReferenceAsync(params string[] files)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script());
        foreach (var f in files) psi.ArgumentList.Add(f);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    static async Task<string[]> WorkspaceAsync(string dialect) =>
        dialect == TestDatabases.Sqlite
            ? ["--data", Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"))]
            : ["--database", (await TestDatabases.CreateAsync(dialect, migrate: false)).ConnectionString];

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Landscape_MatchesPandas_OnTheLensSamples(string dialect)
    {
        var files = new[]
        {
            SharedData.Path("patents-lens-sangamo", "lens-export.csv"),
            SharedData.Path("patents-lens-drones-families", "drone_drones_fulltext_families_5884.csv"),
        };
        var ws = await WorkspaceAsync(dialect);
        foreach (var f in files)
        {
            var import = await CliProcess.RunAsync([.. ws, "patents", "import", f]);
            Assert.True(import.ExitCode == 0, import.Error + import.Out);
        }
        // Importing the same file again updates; it adds nothing.
        var again = await CliProcess.RunAsync([.. ws, "patents", "import", files[0], "--format", "lens"]);
        Assert.Contains("0 records created, 130 updated", again.Out);

        var landscape = await CliProcess.RunAsync([.. ws, "patents", "landscape", "--format", "json"]);
        Assert.True(landscape.ExitCode == 0, landscape.Error);
        var ours = JsonNode.Parse(landscape.Out)!.AsObject();
        var reference = await ReferenceAsync(files);
        SameAsPandas(reference, ours);
        // The mixed samples reach back far enough for a growth window, and their co-applicants form a network.
        Assert.NotNull(ours["growth_window"]);
        Assert.True(ours["co_applicants"]!["edges"]!.AsArray().Count > 0);
        Assert.Equal(6014, ours["records"]!.GetValue<long>());
        // The Sangamo sample's SOURCE.md counts its Legal Status column: ACTIVE 68, DISCONTINUED 25, PENDING 22, INACTIVE 10, EXPIRED 5
        // (the drones export has none).
        Assert.Equal("""{"ACTIVE":68,"DISCONTINUED":25,"PENDING":22,"INACTIVE":10,"EXPIRED":5}""", ours["legal_statuses"]!.ToJsonString());
        // The whole co-applicant network as an edge list, every pair as pandas counts it, read by the network measures.
        var edgeList = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N") + "-co.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(edgeList)!);
        var co = await CliProcess.RunAsync([.. ws, "patents", "co-applicants", "--output", edgeList]);
        Assert.True(co.ExitCode == 0, co.Error);
        using (var reader = new StreamReader(edgeList))
        using (var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture))
        {
            var rows = csv.GetRecords<EdgeRow>().Select(e => $"{e.Source}|{e.Target}|{e.Weight}").ToList();
            Assert.Equal(reference["co_applicant_pairs"]!.AsArray().Select(p => $"{p![0]}|{p[1]}|{p[2]}"), rows);
        }
        var measured = await CliProcess.RunAsync([.. ws, "network", "summary", "--edges", edgeList, "--weight", "weight"]);
        Assert.True(measured.ExitCode == 0, measured.Error);
        var summary = JsonNode.Parse(measured.Out)!;
        var pairs = reference["co_applicant_pairs"]!.AsArray();
        Assert.Equal(pairs.Count, summary["edges"]!.GetValue<int>());
        Assert.Equal(pairs.SelectMany(p => new[] { p![0]!.GetValue<string>(), p[1]!.GetValue<string>() }).Distinct().Count(), summary["nodes"]!.GetValue<int>());

        var active = await CliProcess.RunAsync([.. ws, "patents", "landscape", "--legal-status", "active", "--format", "json"]);
        Assert.True(active.ExitCode == 0, active.Error);
        var activeReport = JsonNode.Parse(active.Out)!;
        Assert.Equal(68, activeReport["records"]!.GetValue<long>());
        Assert.Equal("""{"ACTIVE":68}""", activeReport["legal_statuses"]!.ToJsonString());

        var search = await CliProcess.RunAsync([.. ws, "patents", "search", "zinc finger", "--format", "json"]);
        Assert.True(search.ExitCode == 0, search.Error);
        var hits = JsonNode.Parse(search.Out)!;
        Assert.True(hits["total"]!.GetValue<long>() > 0);
        Assert.Contains(hits["hits"]!.AsArray().SelectMany(h => h!["snippet"]!.AsArray()), s => s!["hit"]!.GetValue<bool>() && s["text"]!.GetValue<string>().Equals("zinc", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every count of the report as pandas has it, and the rankings in its order (the order of the keys).</summary>
    static void SameAsPandas(JsonObject reference, JsonObject ours)
    {
        foreach (var key in new[] { "records", "families", "by_year", "top_applicants", "top_subclasses", "jurisdictions", "legal_statuses",
                     "applicant_trends", "subclass_trends", "growth_window", "co_applicants" })
            Assert.True(JsonNode.DeepEquals(reference[key], ours[key]), $"{key}: pandas {reference[key]!.ToJsonString()} vs ours {ours[key]!.ToJsonString()}");
        // Growth is a fraction: compared as numbers (Python writes -1.0 where .NET writes -1); null (new) as null.
        foreach (var key in new[] { "applicant_growth", "subclass_growth" })
        {
            var (theirs, mine) = (reference[key]!.AsObject(), ours[key]!.AsObject());
            Assert.Equal(theirs.Select(p => p.Key), mine.Select(p => p.Key));
            foreach (var (name, value) in theirs)
                if (value is null) Assert.Null(mine[name]);
                else Assert.Equal(value.GetValue<double>(), mine[name]!.GetValue<double>(), 1e-12);
        }
        Assert.Equal(reference["top_applicants"]!.AsObject().Select(p => p.Key), ours["top_applicants"]!.AsObject().Select(p => p.Key));
        Assert.Equal(reference["top_subclasses"]!.AsObject().Select(p => p.Key), ours["top_subclasses"]!.AsObject().Select(p => p.Key));
    }

    /// <summary>The other shipped exports, each in its built-in format or (Thomson) through the worked mapping docs/patents.md
    /// ships: WIPO's ritonavir landscape table (' | ' separators, compact IPC such as A61K031426, ISO timestamps), PATENTSCOPE's
    /// pizza list (Mac OS Roman, CR-only lines, dd.MM.yyyy dates, truncated symbols, repeated numbers) and Thomson Innovation's
    /// synthetic-biology set ('; ' separators, NA for missing, IPC as A61K-0031/12).</summary>
    public static TheoryData<string, string, string, string> OtherExports()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var dialect in new[] { TestDatabases.Sqlite, TestDatabases.Postgres })
        {
            // Each SOURCE.md's rows: ritonavir 804, synbio 644, pizza 10,000 — of which four repeat a publication number
            // (pandas's drop_duplicates), so 9,996 records: the last row of a publication wins.
            data.Add(dialect, "patents-wipo-ritonavir/ritonavir.csv", "auto", "\"records\":804");
            data.Add(dialect, "patents-patentscope-pizza/pizza_medium.csv", "auto", "\"records\":9996");
            data.Add(dialect, "patents-thomson-synbio/synbio.csv", "mapping:thomson", "\"records\":644");
        }
        return data;
    }

    [Theory, MemberData(nameof(OtherExports))]
    public async Task Landscape_MatchesPandas_OnTheOtherExports(string dialect, string sample, string format, string records)
    {
        var file = SharedData.Path(sample.Split('/'));
        var ws = await WorkspaceAsync(dialect);
        var save = await CliProcess.RunAsync([.. ws, "patents", "mapping", "save", "thomson", Mapping("thomson-innovation.json")]);
        Assert.True(save.ExitCode == 0, save.Error);
        var import = await CliProcess.RunAsync([.. ws, "patents", "import", file, "--format", format]);
        Assert.True(import.ExitCode == 0, import.Error + import.Out);
        var imports = await CliProcess.RunAsync([.. ws, "patents", "imports", "--format", "json"]);
        Assert.True(imports.ExitCode == 0, imports.Error);
        Assert.Equal(Path.GetFileName(file), JsonNode.Parse(imports.Out)!.AsArray().Single()!["file"]!.GetValue<string>());
        var landscape = await CliProcess.RunAsync([.. ws, "patents", "landscape", "--format", "json"]);
        Assert.True(landscape.ExitCode == 0, landscape.Error);
        var ours = JsonNode.Parse(landscape.Out)!.AsObject();
        Assert.Contains(records, ours.ToJsonString());
        SameAsPandas(await ReferenceAsync(file), ours);
    }

    static string Mapping(string name, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "patents-mappings", name));

    sealed record EdgeRow
    {
        [CsvHelper.Configuration.Attributes.Name("source")] public string Source { get; init; } = "";
        [CsvHelper.Configuration.Attributes.Name("target")] public string Target { get; init; } = "";
        [CsvHelper.Configuration.Attributes.Name("weight")] public long Weight { get; init; }
    }
}
