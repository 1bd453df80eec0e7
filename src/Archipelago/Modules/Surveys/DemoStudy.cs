using System.Globalization;
using System.Text;
using Archipelago.Kernel.Data;

namespace Archipelago.Modules.Surveys;

/// <summary>
/// A synthetic study shaped like seed 002 (documented in docs/surveys-demo.md): 500 questionnaires sent (450 to
/// enterprises, 50 to government), 482 returned, 5 excluded for missing information, 477 valid; five-point Likert items
/// on the factors of industrialisation asked for three phases (pre-clinical, clinical, market). The data come from a
/// stated model with a fixed seed, so the demo is the same every time; the numbers are not seed 002's.
/// </summary>
public static class DemoStudy
{
    public static readonly string[] Phases = ["pre", "cli", "mkt"];

    /// <summary>Constructs and their items, per phase (prefix "pre_", "cli_", "mkt_"). Success is the dependent variable.</summary>
    public static readonly (string Construct, string[] Items)[] Constructs =
    [
        ("policy", ["policy"]),
        ("network", ["net_inst", "net_cro", "net_lead", "net_gov"]),
        ("capital", ["cap_own", "cap_gov", "cap_vc", "cap_ind", "cap_risk"]),
        ("rnd", ["rnd"]),
        ("techmarket", ["techmarket"]),
        ("resource", ["resource"]),
        ("management", ["mgmt"]),
        ("guidance", ["guidance"]),
        ("production", ["production"]),
        ("sales", ["sales"]),
        ("competition", ["competition"]),
        ("success", ["success1", "success2", "success3"]),
    ];

    /// <summary>Wording of each item (English), used by the questionnaire template.</summary>
    public static readonly (string Code, string Text)[] ItemWording =
    [
        ("policy", "National policies and regulations"),
        ("net_inst", "Cooperation with universities and research institutes"), ("net_cro", "Cooperation with CROs"),
        ("net_lead", "Cooperation with leading enterprises"), ("net_gov", "Cooperation with government agencies"),
        ("cap_own", "Own funds"), ("cap_gov", "Government funding"), ("cap_vc", "Venture capital"), ("cap_ind", "Industrial capital"),
        ("cap_risk", "Risk financing"), ("rnd", "R&D capability"), ("techmarket", "Synergy of technology and market"),
        ("resource", "Resource guarantee"), ("mgmt", "Management team"), ("guidance", "Guidance by leading enterprises and government"),
        ("production", "Production capacity"), ("sales", "Sales network"), ("competition", "Market competition"),
        ("success1", "The project advanced as planned"), ("success2", "The project met its milestones"), ("success3", "The project reached its goals"),
    ];

    public const int Sent = 500, Returned = 482, Excluded = 5, Valid = 477;

    public static string Description =>
        $"Synthetic demo study shaped like seed 002 (not its data): {Sent} questionnaires sent (450 enterprises, 50 government), " +
        $"{Returned} returned, {Excluded} excluded for missing information, {Valid} valid; effective response rate {100.0 * Valid / Sent:F2}%. " +
        "Five-point Likert items per construct and phase; generated from the model in docs/surveys-demo.md (seed 2002).";

    static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    static int Likert(double z) => Math.Clamp((int)Math.Round(3 + z), 1, 5);

    /// <summary>The 477 valid responses as CSV: id, org_type, role, then each phase's items.</summary>
    public static string Csv()
    {
        var rng = new Random(2002);
        var header = new List<string> { "id", "org_type", "role" };
        foreach (var p in Phases) foreach (var (_, items) in Constructs) header.AddRange(items.Select(i => $"{p}_{i}"));
        var sb = new StringBuilder(string.Join(",", header)).Append('\n');
        // Returned questionnaires: 482 of 500; the 5 with missing information are the last five generated, dropped here.
        for (var r = 0; r < Returned; r++)
        {
            var government = r % 10 == 9; // one in ten sent to government agencies
            var general = Normal(rng);     // a respondent's overall view of the cluster, shared by all constructs (r ≈ .3)
            var row = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), government ? "government" : "enterprise",
                government ? "official" : (r % 3 == 0 ? "manager" : "researcher") };
            foreach (var p in Phases)
            {
                var latent = Constructs.ToDictionary(c => c.Construct, _ => 0.55 * general + 0.835 * Normal(rng));
                // The stated model: success depends on technology–market synergy, resource guarantee, capital and the network,
                // with weights that differ by phase (capital matters most before the clinic, sales network in the market).
                var (wTm, wRes, wCap, wNet) = p switch { "pre" => (0.35, 0.25, 0.30, 0.15), "cli" => (0.30, 0.20, 0.25, 0.20), _ => (0.30, 0.15, 0.15, 0.25) };
                latent["success"] = wTm * latent["techmarket"] + wRes * latent["resource"] + wCap * latent["capital"] + wNet * latent["network"]
                    + (government ? 0.2 : 0) + 0.75 * Normal(rng);
                foreach (var (construct, items) in Constructs)
                    foreach (var _ in items)
                        row.Add(Likert(0.9 * latent[construct] + 0.6 * Normal(rng)).ToString(CultureInfo.InvariantCulture));
            }
            if (r < Valid) sb.AppendJoin(",", row).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Stores the demo dataset and the analyses a reader of seed 002 would look at first.</summary>
    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var store = new SurveyStore(db, TimeProvider.System);
        if ((await store.DatasetsAsync(ct)).Count > 0) return;
        // The questionnaire as a template to publish (its 500 paper copies were answered before the studio existed).
        await new QuestionnaireStore(db, TimeProvider.System).CreateAsync("Factors of biopharmaceutical industrialisation (seed 002)",
            QuestionnaireDefinition.Seed002Template(), Sent, null, null, "demo", ct);
        var csv = Csv();
        var table = CaseTable.ParseCsv(csv, "seed002-demo.csv");
        var ds = await store.SaveDatasetAsync("Seed 002 demo study (synthetic)", "seed002-demo.csv", csv, table, "demo", ct, Description);
        var predictors = Constructs.Where(c => c.Construct != "success").SelectMany(c => c.Items).ToList();
        foreach (var p in Phases)
        {
            // Success as the mean of its three items is what seed 002 regresses; the demo regresses its first item,
            // which keeps the CSV free of computed columns.
            await store.RunAsync(ds.Id, AnalysisCatalogue.Find("regress")!, new Dictionary<string, string?>
                { ["y"] = $"{p}_success1", ["x"] = string.Join(",", predictors.Select(i => $"{p}_{i}")), ["method"] = "stepwise" }, "demo", ct);
        }
        await store.RunAsync(ds.Id, AnalysisCatalogue.Find("reliability")!, new Dictionary<string, string?>
            { ["items"] = "pre_cap_own,pre_cap_gov,pre_cap_vc,pre_cap_ind,pre_cap_risk" }, "demo", ct);
        await store.RunAsync(ds.Id, AnalysisCatalogue.Find("ttest")!, new Dictionary<string, string?>
            { ["y"] = "mkt_success1", ["group"] = "org_type" }, "demo", ct);
        await store.RunAsync(ds.Id, AnalysisCatalogue.Find("efa")!, new Dictionary<string, string?>
            { ["items"] = "pre_net_inst,pre_net_cro,pre_net_lead,pre_net_gov,pre_cap_own,pre_cap_gov,pre_cap_vc,pre_cap_ind,pre_cap_risk", ["factors"] = "2", ["rotation"] = "oblimin" }, "demo", ct);
    }
}
