using Archipelago.Modules.Surveys;

namespace Archipelago.Tests.Surveys;

/// <summary>The seed-002-shaped synthetic demo: reproducible, 477 valid responses, and the analyses seeded on both databases.</summary>
public class DemoStudyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Demo_data_are_reproducible_with_477_valid_five_point_responses()
    {
        var csv = DemoStudy.Csv();
        Assert.Equal(csv, DemoStudy.Csv());
        var t = CaseTable.ParseCsv(csv, "demo.csv");
        Assert.Equal(DemoStudy.Valid, t.Cases);
        Assert.Equal(3 + 3 * DemoStudy.Constructs.Sum(c => c.Items.Length), t.Variables.Count);
        Assert.All(t.Variables.Skip(3), v => Assert.All(t.Numbers(v), x => Assert.InRange(x, 1, 5)));
        Assert.Equal(47, t.Labels("org_type").Count(l => l == "government")); // every tenth returned questionnaire
        Assert.Contains("95.40%", DemoStudy.Description);
    }

    [Fact]
    public void Stepwise_regression_recovers_the_stated_model_first()
    {
        var t = CaseTable.ParseCsv(DemoStudy.Csv(), "demo.csv");
        var predictors = DemoStudy.Constructs.Where(c => c.Construct != "success").SelectMany(c => c.Items).Select(i => "pre_" + i).ToList();
        var r = SurveyAnalyses.Regress(t, "pre_success1", predictors, "stepwise");
        // Success was generated from techmarket, resource, capital and network (docs/surveys-demo.md): the first
        // variables to enter must be among them, and the model must explain a real share of the variance.
        var entered = r.Steps.Select(s => s.Entered).Where(e => e is not null).Take(2).ToList();
        Assert.All(entered, e => Assert.Matches("pre_(techmarket|resource|cap_|net_)", e));
        Assert.InRange(r.R2!.Value, 0.15, 0.6);
        output.WriteLine($"entered {string.Join(", ", r.Steps.Select(s => s.Entered ?? "-" + s.Removed))}; R2 {r.R2:F3}, adj {r.AdjR2:F3}, F {r.F:F3}");
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Seeding_stores_the_dataset_and_its_analyses_once(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await DemoStudy.SeedAsync(db, CancellationToken.None);
        await DemoStudy.SeedAsync(db, CancellationToken.None);
        var store = new SurveyStore(db, TimeProvider.System);
        var ds = Assert.Single(await store.DatasetsAsync());
        Assert.Equal(477, ds.Cases);
        var analyses = await store.AnalysesAsync(ds.Id);
        Assert.Equal(["regress", "regress", "regress", "reliability", "ttest", "efa"], analyses.Select(a => a.Analysis).Reverse());
        var q = Assert.Single(await new QuestionnaireStore(db, TimeProvider.System).ListAsync());
        Assert.Equal(500, q.Sent);
    }
}
