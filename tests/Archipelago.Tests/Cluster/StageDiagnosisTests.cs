using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Cluster.Features.Demo;
using Archipelago.Modules.Cluster.Features.Network;

namespace Archipelago.Tests.Cluster;

/// <summary>Seed 004's stage diagnosis on the demo trajectory (one centre 2011–2014 → polycentric 2015–2018 → decentralised
/// 2019–2023) and on hand-set values, on both databases.</summary>
public class StageDiagnosisTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static async Task<StageDiagnosisResult> DiagnoseAsync(Database db, int from, int to)
    {
        var workspace = new Workspace(db);
        var net = await ClusterNetwork.LoadAsync(new EnablerStore(db, TimeProvider.System), new JointActionStore(db, TimeProvider.System), workspace,
            new NetworkWindow(from, to));
        return StageDiagnosis.Diagnose(net, await StageDiagnosis.ThresholdsAsync(workspace));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Demo_StageRises_AlongTheTrajectory_AndThresholdsAreConfigurable(string provider)
    {
        var db = await TestDatabases.CreateAsync(provider);
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var early = await DiagnoseAsync(db, 2011, 2014);
        var middle = await DiagnoseAsync(db, 2015, 2018);
        var late = await DiagnoseAsync(db, 2019, 2023);
        foreach (var (name, d) in new[] { ("2011-2014", early), ("2015-2018", middle), ("2019-2023", late) })
            output.WriteLine($"{name}: stage {d.Stage} {d.StageCode}; " + string.Join("; ", d.Evidence.Select(e => $"{e.Indicator}={e.Value:0.000} {e.Comparison} {e.Threshold} {(e.Met ? "met" : "-")}")));
        Assert.True(early.Stage < middle.Stage || early.Stage < late.Stage);
        Assert.True(middle.Stage <= late.Stage);
        Assert.Equal(4, late.Stage);
        Assert.Empty(late.UnmetForNext);
        Assert.NotEmpty(early.UnmetForNext);
        Assert.All(early.UnmetForNext, e => Assert.Equal(early.Stage + 1, e.Stage));
        Assert.Contains(early.UnmetForNext, e => e.Indicator == "enterprise_enterprise_share");
        Assert.Contains(middle.UnmetForNext, e => e.Indicator == "abroad_share"); // 2015–2018: no joint action abroad yet

        // A workspace that asks more of openness keeps the late years at stage 3, and says why.
        await StageDiagnosis.SetThresholdsAsync(new Workspace(db), new Dictionary<string, double> { ["abroad_share"] = 0.5 }, reset: false);
        var strict = await DiagnoseAsync(db, 2019, 2023);
        Assert.Equal(3, strict.Stage);
        var abroad = Assert.Single(strict.UnmetForNext);
        Assert.Equal(("abroad_share", 0.5, false), (abroad.Indicator, abroad.Threshold, abroad.Default));
        await Assert.ThrowsAsync<DomainException>(() => StageDiagnosis.SetThresholdsAsync(new Workspace(db), new Dictionary<string, double> { ["nonsense"] = 1 }, false));
        await Assert.ThrowsAsync<DomainException>(() => StageDiagnosis.SetThresholdsAsync(new Workspace(db), new Dictionary<string, double> { ["abroad_share"] = 2 }, false));
        await StageDiagnosis.SetThresholdsAsync(new Workspace(db), new Dictionary<string, double>(), reset: true);
        Assert.Equal(4, (await DiagnoseAsync(db, 2019, 2023)).Stage);
    }

    /// <summary>Rules by hand: a condition needs a defined value; stage 3 is not reached while a stage-2 condition fails;
    /// a warning needs a defined value beyond its threshold.</summary>
    [Fact]
    public void Rules_StagesAreCumulative_UndefinedValuesNeverMeet()
    {
        var values = StageDiagnosis.Rules.ToDictionary(r => r.Indicator, r => (double?)r.Default); // every condition exactly at its threshold
        values["newcomer_share"] = 0.2; values["local_share"] = 0.2; values["top_type_share"] = 0.2;
        var all = StageDiagnosis.Diagnose(values, new Dictionary<string, double>());
        Assert.Equal((4, "cluster_of_innovation"), (all.Stage, all.StageCode));
        Assert.Empty(all.Warnings);
        values["connected_enterprise_share"] = null;
        var none = StageDiagnosis.Diagnose(values, new Dictionary<string, double>());
        Assert.Equal(1, none.Stage); // stage 3 and 4 conditions hold, but the way through stage 2 is blocked
        Assert.Equal("connected_enterprise_share", Assert.Single(none.UnmetForNext).Indicator);
        values["local_share"] = 0.9; values["newcomer_share"] = null;
        var warned = StageDiagnosis.Diagnose(values, new Dictionary<string, double>());
        Assert.Equal("local_share", Assert.Single(warned.Warnings).Indicator);
    }

    [Fact]
    public async Task ApiAndCli_StageAndThresholds()
    {
        await using var app = await TestApp.StartAsync();
        await DemoCluster.SeedAsync(app.Db, CancellationToken.None);
        var viewer = await app.ClientAsync(Role.Viewer);
        var stage = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/stage?from=2011&to=2014");
        Assert.Equal(1, stage.GetProperty("diagnosis").GetProperty("stage").GetInt32());
        // Each year's own stage along the evolution: the first years below the last ones.
        var years = (await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/evolution")).GetProperty("years").EnumerateArray()
            .Select(y => y.GetProperty("stage").GetInt32()).ToList();
        Assert.Equal(13, years.Count);
        Assert.True(years.Take(4).Max() < years.TakeLast(4).Min(), string.Join(",", years));
        Assert.Equal(12, stage.GetProperty("diagnosis").GetProperty("evidence").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/cluster/network/stage-thresholds", new { values = new { abroad_share = 0.5 } })).StatusCode);
        var analyst = await app.ClientAsync(Role.Analyst);
        var put = await analyst.PutAsJsonAsync("/api/cluster/network/stage-thresholds", new { values = new { abroad_share = 0.5 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var rows = await viewer.GetFromJsonAsync<JsonElement>("/api/cluster/network/stage-thresholds");
        Assert.Equal(0.5, rows.EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "abroad_share").GetProperty("value").GetDouble());
        var bad = await analyst.PutAsJsonAsync("/api/cluster/network/stage-thresholds", new { values = new { nonsense = 0.5 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unknown_threshold", await bad.Content.ReadAsStringAsync());
        var page = await viewer.GetStringAsync("/cluster/network?from=2019&to=2023");
        Assert.Contains("Stage diagnosis", page);
        Assert.Contains("3 / 4: Industrial cluster", page); // abroad_share 0.5 now blocks stage 4

        // The thresholds page: analysts only; its form replaces the set, and a bad value is an error on the page.
        Assert.NotEqual(HttpStatusCode.OK, (await viewer.GetAsync("/cluster/network/thresholds")).StatusCode);
        var form = await analyst.GetStringAsync("/cluster/network/thresholds");
        Assert.Contains("name=\"abroad_share\" value=\"0.5\"", form);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = StageDiagnosis.Rules.ToDictionary(r => r.Indicator, r => r.Default.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["newcomer_share"] = "0.1"; fields["__RequestVerificationToken"] = token;
        var saved = await analyst.PostAsync("/cluster/network/thresholds", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var now = await StageDiagnosis.ThresholdsAsync(new Workspace(app.Db));
        Assert.Equal(0.1, Assert.Single(now).Value); // abroad_share back to its default, newcomer_share set
        fields["top_type_share"] = "lots";
        Assert.Contains("is not a number", await (await analyst.PostAsync("/cluster/network/thresholds", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cli_StageAndThresholds_OnTheDemo()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        var db = Database.Sqlite(dir);
        await new Migrator(db).MigrateAsync();
        await DemoCluster.SeedAsync(db, CancellationToken.None);
        var r = await CliProcess.RunAsync("--data", dir, "network", "stage", "--from", "2019", "--to", "2023");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.StartsWith("stage 4 of 4: Cluster of innovation", r.Out);
        var set = await CliProcess.RunAsync("--data", dir, "network", "thresholds", "--set", "abroad_share=0.5", "explicit_types_active=7");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("abroad_share", set.Out);
        var json = await CliProcess.RunAsync("--data", dir, "network", "stage", "--from", "2019", "--to", "2023", "--format", "json");
        var d = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(3, d.GetProperty("stage").GetInt32());
        Assert.Equal(2, d.GetProperty("unmet_for_next").GetArrayLength());
        var bad = await CliProcess.RunAsync("--data", dir, "network", "thresholds", "--set", "abroad_share");
        Assert.Equal(1, bad.ExitCode);
    }
}
