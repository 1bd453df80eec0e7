using System.Net;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Accounts;
using Archipelago.Modules.Valuation.Features.Form;
using Archipelago.Modules.Valuation.Features.Reference;
using Archipelago.Modules.Valuation.Features.Saved;
using Archipelago.Numerics.Finance;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Valuation;

/// <summary>The <c>/valuation</c> pages without JavaScript (plain form posts), and the form, view and reference table behind them.</summary>
public partial class ValuationPagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>A client that keeps cookies (the anti-forgery cookie) and authenticates with the role's token.</summary>
    internal static async Task<HttpClient> PageClientAsync(TestApp app, string role)
    {
        var token = (await app.ClientAsync(role)).DefaultRequestHeaders.Authorization!;
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    /// <summary>The fields of issue 6's minimal asset as the form posts them.</summary>
    internal static List<KeyValuePair<string, string>> MinimalFields()
    {
        var f = new List<KeyValuePair<string, string>>();
        void Add(string k, object v) => f.Add(new(k, Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!));
        Add("Form.Name", "Minimal from the form");
        Add("Form.DiscountRate", 0.1);
        (string, int, double, double)[] phases = [("Phase I", 2, 30, 0.52), ("Phase II", 2, 60, 0.289), ("Phase III", 3, 180, 0.578), ("Filing", 1, 5, 0.906)];
        for (var i = 0; i < phases.Length; i++)
        {
            Add($"Form.Phases[{i}].Name", phases[i].Item1);
            Add($"Form.Phases[{i}].Years", phases[i].Item2);
            Add($"Form.Phases[{i}].Cost", phases[i].Item3);
            Add($"Form.Phases[{i}].Probability", phases[i].Item4);
        }
        Add("Form.PeakSales", 800);
        Add("Form.YearsToPeak", 5);
        Add("Form.YearsOnMarket", 12);
        Add("Form.Margin", 0.6);
        Add("Paths", 1000);
        Add("Seed", 1);
        return f;
    }

    internal static async Task<(HttpStatusCode Status, string Body, Uri? Location)> PostAsync(HttpClient client, string page, string handler, List<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", Antiforgery().Match(html).Groups[1].Value) };
        using var response = await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    [Fact]
    public async Task Form_ValuesTheMinimalAsset_WithoutJavaScript()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await PageClientAsync(app, Role.Analyst);
        var start = await analyst.GetStringAsync("/valuation");
        Assert.Contains("name=\"Form.Phases[0].Name\"", start);
        // The default probabilities show their published source.
        Assert.Contains("BIO/Informa/QLS 2021 (2011-2020), All indications: Phase II to Phase III 28.9 %", WebUtility.HtmlDecode(start));

        var (status, body, _) = await PostAsync(analyst, "/valuation", "Calculate", MinimalFields());
        Assert.Equal(HttpStatusCode.OK, status);
        // 26.887284 by the hand table of ValuationCliTests.
        Assert.Contains("<div class=\"big\">26.89</div>", body);
        Assert.Contains("7.9%", body);
        Assert.DoesNotContain("class=\"error\"", body);
        Assert.Contains("Decision tree", body);
    }

    [Fact]
    public async Task Form_BadProbability_ShowsItsPath_AndSavesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await PageClientAsync(app, Role.Analyst);
        var fields = MinimalFields().Select(kv => kv.Key == "Form.Phases[1].Probability" ? new KeyValuePair<string, string>(kv.Key, "1.3") : kv).ToList();
        var (status, body, _) = await PostAsync(analyst, "/valuation", "Save", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("$.phases[1].probability", body);
        Assert.Contains("probability_out_of_range", body);
        Assert.Equal(0, (await new SavedValuationStore(app.Db, TimeProvider.System).ListAsync()).Total);
    }

    [Fact]
    public async Task Form_Saves_ThenEveryoneReadsTheSavedPage_ButViewersCannotValue()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await PageClientAsync(app, Role.Analyst);
        var (status, _, location) = await PostAsync(analyst, "/valuation", "Save", MinimalFields());
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Matches("^/valuation/saved/\\d+$", location!.ToString());
        var fields = MinimalFields().Select(kv => kv.Key == "Form.PeakSales" ? new KeyValuePair<string, string>(kv.Key, "900") : kv).ToList();
        fields.Add(new("Note", "new market study"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(analyst, "/valuation", "Save", fields)).Status);

        var viewer = await PageClientAsync(app, Role.Viewer);
        var page = await viewer.GetStringAsync(location.ToString());
        Assert.Contains("new market study", page);
        Assert.Contains("$.market.peakSales", page);
        Assert.Contains("Minimal from the form", await viewer.GetStringAsync("/valuation/saved"));
        // A token holder is refused with 403; a browser session is sent to /account/denied.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/valuation")).StatusCode);

        // The saved version opens again in the form.
        var reopened = await analyst.GetStringAsync($"/valuation?saved={location.ToString().Split('/')[^1]}&version=2");
        Assert.Contains("name=\"Form.PeakSales\" value=\"900\"", reopened);
    }

    [Fact]
    public async Task Defaults_FillThePhasesAhead_FromThePublishedTable()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await PageClientAsync(app, Role.Analyst);
        var fields = MinimalFields();
        fields.Add(new("Form.CurrentPhase", "Pre-clinical"));
        fields.Add(new("Form.RateSource", "BIO/Biomedtracker/Amplion 2016|Oncology"));
        var (status, body, _) = await PostAsync(analyst, "/valuation", "Defaults", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("name=\"Form.Phases[0].Name\" value=\"Pre-clinical\"", body);
        Assert.Contains("name=\"Form.Phases[1].Name\" value=\"Phase I\"", body);
        // Oncology 2006–2015, Phase I to Phase II 62.8 % (Report Figure 7); costs typed before are kept.
        Assert.Contains("name=\"Form.Phases[1].Probability\" value=\"0.628\"", body);
        Assert.Contains("name=\"Form.Phases[1].Cost\" value=\"30\"", body);
        Assert.Contains("No published rate in the shipped table for: Pre-clinical", body);
    }

    [Fact]
    public void ReferenceTable_IsACopyOfTheSharedCsv()
    {
        var lines = File.ReadAllLines(SharedData.Path("reference-drug-phase-success-rates", "phase_success_rates.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(lines.Count, PhaseSuccessRates.All.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var c = SharedData.SplitCsvLine(lines[i]);
            var r = PhaseSuccessRates.All[i];
            Assert.Equal((c[0], c[1], c[2], c[3]), (r.Report, r.Period, r.Category, r.Metric));
            Assert.Equal(double.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture), r.ValuePercent);
            Assert.Equal(c[5] == "" ? null : int.Parse(c[5]), r.N);
            Assert.Equal(c[6] == "yes", r.Verified);
            Assert.Equal(c[7] == "" ? null : c[7], r.SourceUrl);
        }
        Assert.Contains(PhaseSuccessRates.Areas, a => a.Key == "BIO/Informa/QLS 2021|All indications");
        Assert.Equal(0.289, PhaseSuccessRates.For("BIO/Informa/QLS 2021|All indications", "Phase 2")!.ValuePercent / 100, 1e-12);
        Assert.Null(PhaseSuccessRates.For("BIO/Informa/QLS 2021|All indications", "Pre-clinical"));
    }

    [Fact]
    public async Task View_TreeAndWaterfall_AddUpToTheRnpv()
    {
        var c = AssetJson.Parse(await File.ReadAllTextAsync(ValuationCliTests.Example("seed003-case.json")));
        var view = ValuationView.Compute(c, paths: 1000, oneShotPrice: 20);
        var rnpv = Rnpv.Calculate(c.Asset.Base).Value;
        Assert.Equal(rnpv, view.Waterfall.Sum(w => w.Contribution), 1e-9);
        Assert.Equal(rnpv, view.Tree.Sum(b => b.Probability * b.PathNpv), 1e-9);
        Assert.Equal(1, view.Tree.Sum(b => b.Probability), 1e-12);
        // Seed 003: asked 20 at once for an asset worth 5.54 risk-adjusted — the buyer's value is negative.
        Assert.Equal(20, view.OneShot!.LicensorValue, 1e-12);
        Assert.True(view.OneShot.LicenseeValue < 0);
        Assert.True(view.Deal!.LicenseeValue > 0);
    }

    [Fact]
    public async Task Form_RoundTripsTheExamples()
    {
        foreach (var name in new[] { "phase1-asset.json", "seed003-case.json" })
        {
            var json = await File.ReadAllTextAsync(ValuationCliTests.Example(name));
            var form = AssetForm.FromJson(json);
            Assert.False(form.UseJson, name);
            var again = AssetJson.Parse(form.ToJson());
            var original = AssetJson.Parse(json);
            Assert.Equal(Rnpv.Calculate(original.Asset.Base).Value, Rnpv.Calculate(again.Asset.Base).Value);
            if (original.Deal is not null)
                Assert.Equal(Deal.Value(original.Asset.Base, original.Deal).LicensorValue, Deal.Value(again.Asset.Base, again.Deal!).LicensorValue);
        }
        // Beta distributions and correlations cannot be shown in the fields: the JSON stays the source.
        Assert.True(AssetForm.FromJson(await File.ReadAllTextAsync(ValuationCliTests.Example("phase1-asset-uncertain.json"))).UseJson);
    }

    [Fact]
    public async Task DealPages_ImportListComparables_AndPrefillTheForm()
    {
        await using var app = await TestApp.StartAsync();
        var enablers = new Archipelago.Kernel.Enablers.EnablerStore(app.Db, TimeProvider.System);
        foreach (var (key, country) in new[] { ("CN1", "CN"), ("CN2", "CN"), ("US1", "US"), ("VC1", "CN") })
            await enablers.AddAsync(new Archipelago.Kernel.Enablers.Enabler(key, Archipelago.Kernel.Enablers.EnablerType.Parse("enterprise"), "Enabler " + key, null, [],
                new Archipelago.Kernel.Regions.Region(null, null, country), null, null, "test"), "test");
        var op = await PageClientAsync(app, Role.Operator);

        async Task<string> UploadAsync(string csv, bool commit)
        {
            var html = await op.GetStringAsync("/valuation/deals/import");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Antiforgery().Match(html).Groups[1].Value), "__RequestVerificationToken" },
                { new StringContent(csv), "File", "deals.csv" },
            };
            if (commit) form.Add(new StringContent("true"), "Commit");
            using var response = await op.PostAsync("/valuation/deals/import", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var rejected = await UploadAsync(DealsTests.Good.Replace("2021,CN2", "2021,NOPE"), commit: true);
        Assert.Contains("nothing was stored", rejected);
        Assert.Contains("no enabler with key &#x27;NOPE&#x27;", rejected);
        Assert.Contains("4 deals imported from deals.csv.", await UploadAsync(DealsTests.Good, commit: true));

        var viewer = await PageClientAsync(app, Role.Viewer);
        var list = await viewer.GetStringAsync("/valuation/deals?crossBorder=true");
        Assert.Contains("Enabler CN1 → Enabler US1", list);
        Assert.DoesNotContain("Enabler CN1 → Enabler CN2", list);
        Assert.Contains("deals-per-year", list);
        var comparables = await viewer.GetStringAsync("/valuation/comparables?stage=Phase%20II&area=Oncology");
        Assert.Contains("2 deals in USD", comparables);
        Assert.Contains("<td>32.5</td>", comparables);

        var analyst = await PageClientAsync(app, Role.Analyst);
        var analystView = await analyst.GetStringAsync("/valuation/comparables?stage=Phase%20II&area=Oncology");
        var link = WebUtility.HtmlDecode(Regex.Match(analystView, "href=\"(/valuation\\?upfront=[^\"]+)\"").Groups[1].Value);
        Assert.Equal("/valuation?upfront=32.5&royalty=0.1125&milestones=500&currency=USD%20million&comparables=2", link);
        var form = await analyst.GetStringAsync(link);
        Assert.Contains("name=\"Form.Upfront\" value=\"32.5\"", form);
        Assert.Contains("name=\"Form.RoyaltyTiers[0].Rate\" value=\"0.1125\"", form);
        // Only totals in these deals: 500 spread 10/20/30/40 % over Phase I, II, III and Filing (ComparableMilestonesTests).
        Assert.Contains("name=\"Form.DevelopmentMilestones[0].Phase\" value=\"Phase I\"", form);
        Assert.Contains("name=\"Form.DevelopmentMilestones[3].Phase\" value=\"Filing\"", form);
        Assert.Matches("name=\"Form.DevelopmentMilestones\\[3\\].Amount\"[^>]*value=\"200\"", form);
    }

    [Fact]
    public async Task PledgePage_ScoresWithoutJavaScript_AndShowsItsRule()
    {
        await using var app = await TestApp.StartAsync();
        var analyst = await PageClientAsync(app, Role.Analyst);
        // The form's defaults are the evidence of PledgeTests: weighted 4.028, strong, 40–50 %.
        var fields = new List<KeyValuePair<string, string>> { new("Granted", "true"), new("RemainingTermYears", "12"), new("OwnershipClear", "true"),
            new("IndependentClaims", "3"), new("CoversProduct", "true"), new("ShareOfProductValue", "0.8"), new("CurrentAnnualRevenue", "0"),
            new("PeakSalesForecast", "800"), new("LikelihoodOfApproval", "0.079"), new("ReferenceRevenue", "100") };
        var html = await analyst.GetStringAsync("/valuation/pledge");
        fields.Add(new("__RequestVerificationToken", Antiforgery().Match(html).Groups[1].Value));
        using var response = await analyst.PostAsync("/valuation/pledge", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<th>4.03</th>", body);
        Assert.Contains("<strong>strong</strong>", body);
        Assert.Contains("40%–50%", body);
        Assert.Contains("knock-out", body);
    }
}
