namespace Archipelago.Modules.Valuation.Features.Reference;

/// <summary>One published figure: a phase-transition success rate or a likelihood of approval, in percent.</summary>
/// <param name="Verified">Whether the collector read the number in the text at <paramref name="SourceUrl"/>.</param>
public sealed record PhaseSuccessRate(string Report, string Period, string Category, string Metric, double ValuePercent, int? N,
    bool Verified, string? SourceUrl)
{
    /// <summary>"BIO/Informa/QLS 2021 (2011-2020), All indications: Phase II to Phase III 28.9 %".</summary>
    public string Citation => $"{Report} ({Period}), {Category}: {Metric} {ValuePercent:0.0} %" + (N is { } n ? $", n = {n}" : "") + (Verified ? "" : " (not verified in the source text)");
}

/// <summary>
/// The published phase-transition success rates shipped as defaults for phase probabilities: a copy of
/// <c>shared/data/reference-drug-phase-success-rates/phase_success_rates.csv</c> (BIO / Informa / QLS 2011–2020 and
/// BIO / Biomedtracker / Amplion 2006–2015; see that folder's SOURCE.md for terms and caveats). A test checks the copy
/// row by row against the CSV. The defaults are suggestions shown with their source; every one can be edited.
/// </summary>
public static class PhaseSuccessRates
{
    public static readonly IReadOnlyList<PhaseSuccessRate> All =
    [
        new("BIO/Informa/QLS 2021", "2011-2020", "All indications", "LOA Phase I to approval", 7.9, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "All indications", "Phase I to Phase II", 52.0, null, false, null),
        new("BIO/Informa/QLS 2021", "2011-2020", "All indications", "Phase II to Phase III", 28.9, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "All indications", "Phase III to NDA/BLA", 57.8, null, false, null),
        new("BIO/Informa/QLS 2021", "2011-2020", "All indications", "NDA/BLA to approval", 90.6, null, false, null),
        new("BIO/Informa/QLS 2021", "2011-2020", "Hematology", "LOA Phase I to approval", 23.9, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Urology", "LOA Phase I to approval", 3.6, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Oncology (all approaches)", "LOA Phase I to approval", 5.3, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Cardiovascular", "LOA Phase I to approval", 4.8, null, true, "https://ambiom.com/7-9-of-drugs-entering-clinical-development-were-approved-by-fda-over-the-past-decade"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Immuno-oncology", "LOA Phase I to approval", 12.4, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Rare disease", "LOA Phase I to approval", 17.0, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Chronic, high prevalence disease", "LOA Phase I to approval", 5.9, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Modality: CAR-T", "LOA Phase I to approval", 17.3, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Modality: RNA interference", "LOA Phase I to approval", 13.5, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Programs with patient-preselection biomarkers", "LOA Phase I to approval", 15.9, null, true, "https://pharmaintelligence.informa.com/resources/product-content/2021-clinical-development-success-rates"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Modality: biologics", "LOA Phase I to approval", 9.1, null, true, "https://www.cphi-online.com/clinical-development-success-rates-and-news111181.html"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Modality: new molecular entities (small molecules)", "LOA Phase I to approval", 5.7, null, true, "https://www.cphi-online.com/clinical-development-success-rates-and-news111181.html"),
        new("BIO/Informa/QLS 2021", "2011-2020", "Modality: vaccines", "LOA Phase I to approval", 9.7, null, true, "https://www.cphi-online.com/clinical-development-success-rates-and-news111181.html"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "All indications", "Phase I to Phase II", 63.2, 3582, true, "http://www.essaywriterpros.com/financial-valuation-methods-for-biotechnology/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "All indications", "Phase II to Phase III", 30.7, 3862, true, "http://www.essaywriterpros.com/financial-valuation-methods-for-biotechnology/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "All indications", "Phase III to NDA/BLA", 58.1, 1491, true, "http://www.essaywriterpros.com/financial-valuation-methods-for-biotechnology/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "All indications", "NDA/BLA to approval", 85.3, 1050, true, "http://www.essaywriterpros.com/financial-valuation-methods-for-biotechnology/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "All indications", "LOA Phase I to approval", 9.6, 9985, true, "http://www.essaywriterpros.com/financial-valuation-methods-for-biotechnology/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology", "Phase I to Phase II", 62.8, 1222, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology", "Phase II to Phase III", 24.6, 1416, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology", "Phase III to NDA/BLA", 40.1, 349, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology", "NDA/BLA to approval", 82.4, 176, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology", "LOA Phase I to approval", 5.1, 3163, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: solid tumors", "Phase I to Phase II", 64.1, 860, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: solid tumors", "Phase II to Phase III", 23.0, 1055, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: solid tumors", "Phase III to NDA/BLA", 34.2, 260, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: solid tumors", "NDA/BLA to approval", 79.6, 108, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: solid tumors", "LOA Phase I to approval", 4.0, 2283, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: hematologic cancers", "Phase I to Phase II", 61.8, 327, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: hematologic cancers", "Phase II to Phase III", 28.7, 341, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: hematologic cancers", "Phase III to NDA/BLA", 52.6, 78, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: hematologic cancers", "NDA/BLA to approval", 86.4, 59, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Oncology: hematologic cancers", "LOA Phase I to approval", 8.1, 805, true, "http://www.essaywriterpros.com/us-food-and-drug-administration/"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Rare disease", "Phase I to Phase II", 76, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Rare disease", "Phase II to Phase III", 50, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Rare disease", "Phase III to NDA/BLA", 73, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Rare disease", "NDA/BLA to approval", 89, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Rare disease", "LOA Phase I to approval", 25.3, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Chronic, high prevalence disease", "Phase I to Phase II", 58, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Chronic, high prevalence disease", "Phase II to Phase III", 27, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Chronic, high prevalence disease", "Phase III to NDA/BLA", 61, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Chronic, high prevalence disease", "NDA/BLA to approval", 87, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Chronic, high prevalence disease", "LOA Phase I to approval", 8.7, null, true, "https://statinvestor.com/data/12771/development-phase-success-rates-for-rare-and-common-disease-drugs"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "With selection biomarkers", "Phase I to Phase II", 76, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "With selection biomarkers", "Phase II to Phase III", 46, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "With selection biomarkers", "Phase III to NDA/BLA", 76, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "With selection biomarkers", "NDA/BLA to approval", 94, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "With selection biomarkers", "LOA Phase I to approval", 25.9, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Without selection biomarkers", "Phase I to Phase II", 63, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Without selection biomarkers", "Phase II to Phase III", 28, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Without selection biomarkers", "Phase III to NDA/BLA", 55, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Without selection biomarkers", "NDA/BLA to approval", 83, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
        new("BIO/Biomedtracker/Amplion 2016", "2006-2015", "Without selection biomarkers", "LOA Phase I to approval", 8.4, null, true, "https://statinvestor.com/data/12779/development-phase-success-rates-for-drugs-withwithout-biomarkers"),
    ];

    /// <summary>The metric that gives the success probability of a phase of the asset schema, by standard phase name.</summary>
    public static string? MetricFor(string phase) => Numerics.Finance.DevelopmentPhase.StandardRank(phase) switch
    {
        2 => "Phase I to Phase II",
        3 => "Phase II to Phase III",
        4 => "Phase III to NDA/BLA",
        5 => "NDA/BLA to approval",
        _ => null,
    };

    /// <summary>Report-and-category pairs that give a rate for every clinical phase, as "report|category" keys.</summary>
    public static IReadOnlyList<(string Key, string Label)> Areas { get; } = All
        .GroupBy(r => (r.Report, r.Period, r.Category))
        .Where(g => g.Select(r => r.Metric).Distinct().Count(m => m.StartsWith("Phase") || m.StartsWith("NDA")) == 4)
        .Select(g => ($"{g.Key.Report}|{g.Key.Category}", $"{g.Key.Category} — {g.Key.Report} ({g.Key.Period})"))
        .ToList();

    /// <summary>The rate for a phase in an area key of <see cref="Areas"/>, or null when the table has none.</summary>
    public static PhaseSuccessRate? For(string areaKey, string phase)
    {
        var parts = areaKey.Split('|', 2);
        if (parts.Length != 2 || MetricFor(phase) is not { } metric) return null;
        return All.FirstOrDefault(r => r.Report == parts[0] && r.Category == parts[1] && r.Metric == metric);
    }

    /// <summary>Likelihood of approval from Phase I for an area of the 2011–2020 report (disease areas and modalities
    /// for which only the LOA is published), shown beside the phase rates.</summary>
    public static IEnumerable<PhaseSuccessRate> LikelihoodsOfApproval => All.Where(r => r.Metric == "LOA Phase I to approval");
}
