using System.Globalization;
using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Modules.Industry.Features.Demo;

/// <summary>
/// The industry monitor's part of the demo workspace, loaded through the ordinary importer (so it also shows vintages).
/// Two kinds of figures, told apart by their <c>source</c>:
/// <list type="bullet">
/// <item>the seeds' own figures with their citations (seed 000 §IV–V: output value, enterprises, gross profit rate, revenue as
/// printed, profit before tax, sub-sector growth, health expenditure; seed 003 §2.1: the molecular-biotech equipment market).
/// Seed 000 prints 2015 and 2017 revenue in "billion" where 亿元 (100 million) was meant; the printed figures are vintage 1
/// and a demo correction is vintage 2, so the series page shows both and the unit-slip check flags the printed ones;</item>
/// <item>figures marked <see cref="Synthetic"/>: output value 2011–2016 interpolated at the seed's 16.70 % CAGR (the seed prints
/// them only in a figure), and invented regional series (output value and biopharmaceutical products by province, and an
/// S-shaped count of biopharma enterprises) so that comparisons, location quotients and the life-cycle fit have data.</item>
/// </list>
/// </summary>
public static class DemoIndustry
{
    public const string Synthetic = "SYNTHETIC demo data (invented; not official statistics)";
    const string Seed000 = "Seed 000 (industry statistics 2010–2017)";

    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var clock = TimeProvider.System;
        if (!await new SeriesStore(db, clock).IsEmptyAsync(ct)) return;
        var import = new SeriesImport(db, clock);
        foreach (var (name, text) in new[] { ("demo-seed-figures.csv", SeedFigures()), ("demo-synthetic.csv", SyntheticFigures()), ("demo-revision.csv", Revision) })
        {
            var outcome = await import.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, true, "demo", ct: ct);
            if (!outcome.Ok) throw new InvalidOperationException($"The industry demo data does not import: {string.Join("; ", outcome.Errors.Take(5))}");
        }
    }

    const string Header = "indicator,indicator_name,name_zh,unit,price_basis,measure,region,subsector,period,value,source_publication,source_table,source_page,note\n";
    const string Seed000Publication = "\"Zhou & Wang, Research on the Transition and Upgrading of the Patent-Intensive Industry in China: A Case of the bio-Pharmaceutical Industry (seed 000)\"";
    const string Seed003Publication = "\"Li, Research Report on Market Value and Industrialization Management of Biotechnology (seed 003)\"";

    static string SeedFigures() => Header + $"""
        output_value,Gross industrial output value,工业总产值,bn yuan,current prices,,China,,2010,"1,235",{Seed000Publication},Fig. 2,§IV ¶2,
        output_value,Gross industrial output value,工业总产值,bn yuan,current prices,,China,,2017,"3,641.2",{Seed000Publication},Fig. 2,§IV ¶2,16.70 % compound annual growth 2010–2017 per the seed
        enterprises,Enterprises above designated size,规模以上企业数,count,,,China,,2016,7449,{Seed000Publication},,§IV ¶1,implied: 7697 less the stated increase of 248
        enterprises,Enterprises above designated size,规模以上企业数,count,,,China,,2017,"7,697",{Seed000Publication},Fig. 1,§IV ¶1,
        gross_profit_rate,Gross profit rate,毛利率,fraction,,,China,,2017,32.4%,{Seed000Publication},Fig. 3,§IV ¶4,
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,,China,,2013,2000,{Seed000Publication},,§IV ¶5,printed as 2 trillion
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,,China,,2015,"25,537.1",{Seed000Publication},,§IV ¶5,as printed: a 亿元 slip (2013 = 2 trillion)
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,,China,,2017,"29,826",{Seed000Publication},,§IV ¶5,as printed: a 亿元 slip
        profit_before_tax,Profit before tax,利润总额,bn yuan,current prices,,China,,2017,351.97,{Seed000Publication},Fig. 4,§IV ¶5,
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,,China,chinese_medicine_decoction_pieces,2017,16.7%,{Seed000Publication},Fig. 5,§IV ¶6,fastest
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,,China,chemical_raw_materials,2017,14.7%,{Seed000Publication},Fig. 5,§IV ¶6,second fastest
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,,China,pharmaceutical_equipment,2017,7.7%,{Seed000Publication},Fig. 5,§IV ¶6,slowest
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,,China,biopharmaceutical_products,2017,26.8%,{Seed000Publication},Fig. 6,§IV ¶7,fastest
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,,China,chemical_preparations,2017,13.7%,{Seed000Publication},Fig. 6,§IV ¶7,printed as chemical pharmaceutical manufacturing
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,,China,pharmaceutical_equipment,2017,-8.1%,{Seed000Publication},Fig. 6,§IV ¶7,slowest
        health_expenditure,Total health expenditure,卫生总费用,bn yuan,current prices,,China,,2017,"5,159.88",{Seed000Publication},,§V.A.1,
        biotech_equipment_market,Molecular-biotech equipment market,分子生物技术设备市场规模,bn yuan,current prices,,China,,2010,315.6,{Seed003Publication},Figure 1,§2.1,
        biotech_equipment_market,Molecular-biotech equipment market,分子生物技术设备市场规模,bn yuan,current prices,,China,,2019,"1,271.6",{Seed003Publication},Figure 1,§2.1,an increase of 4.03 times per the seed
        """ + "\n";

    // The seed's 2015 and 2017 revenue read as 亿元 (÷ 10): a later vintage, as a statistics office would publish a correction.
    const string Revision = Header + """
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,,China,,2015,2553.71,Demo correction of seed 000,,§IV ¶5,"25,537.1 亿元 = 2,553.71 bn yuan"
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,,China,,2017,2982.6,Demo correction of seed 000,,§IV ¶5,"29,826 亿元 = 2,982.6 bn yuan"
        """ + "\n";

    static string SyntheticFigures()
    {
        var csv = new StringBuilder(Header);
        void Add(string code, string name, string zh, string unit, string region, string subsector, int year, double value, string? note = null) =>
            csv.Append(CultureInfo.InvariantCulture, $"{code},{name},{zh},{unit},{(unit is "count" or "persons" ? "" : "current prices")},{(unit == "persons" ? FactMeasure.Employment : "")},{region},{subsector},{year},{Math.Round(value, 2).ToString("R", CultureInfo.InvariantCulture)},{Synthetic},,,{note}\n");
        // Output value 2011–2016 on the seed's own compound growth between its two printed end points.
        var rate = Math.Pow(3641.2 / 1235, 1.0 / 7);
        for (var y = 2011; y <= 2016; y++)
            Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", "China", "", y, 1235 * Math.Pow(rate, y - 2010), "interpolated at the seed's 16.70 % CAGR");
        // Invented provinces: output value of the industry and of biopharmaceutical products (the national sub-sector at
        // 10–12 %), enterprises and persons employed (declared as the kernel's employment measure) — for comparisons,
        // location quotients, similarity-based peers and other modules' per-employee figures.
        var provinces = new (string Name, double Share2010, double Growth, double BioShare, double Firms2010, double FirmGrowth, double Employed2010, double EmployedGrowth)[]
        {
            ("Guangdong", 0.075, 0.19, 0.16, 520, 0.06, 210_000, 0.05), ("Jiangsu", 0.12, 0.165, 0.11, 780, 0.04, 330_000, 0.035),
            ("Shandong", 0.13, 0.14, 0.07, 850, 0.02, 380_000, 0.015), ("Zhejiang", 0.07, 0.17, 0.12, 560, 0.045, 200_000, 0.04),
            ("Shanghai", 0.045, 0.18, 0.2, 260, 0.05, 95_000, 0.045), ("Beijing", 0.035, 0.2, 0.22, 210, 0.055, 80_000, 0.05),
            ("Hubei", 0.04, 0.15, 0.08, 330, 0.03, 150_000, 0.02), ("Sichuan", 0.038, 0.145, 0.09, 360, 0.025, 160_000, 0.02),
        };
        for (var y = 2010; y <= 2017; y++)
        {
            var national = 1235 * Math.Pow(rate, y - 2010);
            Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", "China", "biopharmaceutical_products", y, national * (0.10 + 0.0025 * (y - 2010)));
            foreach (var p in provinces)
            {
                var total = 1235 * p.Share2010 * Math.Pow(1 + p.Growth, y - 2010);
                Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", p.Name, "", y, total);
                Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", p.Name, "biopharmaceutical_products", y, total * (p.BioShare + 0.003 * (y - 2010)));
                Add("enterprises", "Enterprises above designated size", "规模以上企业数", "count", p.Name, "", y,
                    Math.Round(p.Firms2010 * Math.Pow(1 + p.FirmGrowth, y - 2010)));
                Add("employment", "Persons employed (annual average)", "从业人员平均人数", "persons", p.Name, "", y, 100 * Math.Round(p.Employed2010 * Math.Pow(1 + p.EmployedGrowth, y - 2010) / 100));
            }
            Add("employment", "Persons employed (annual average)", "从业人员平均人数", "persons", "China", "", y, 1000 * Math.Round(2_050 * Math.Pow(1.03, y - 2010)));
        }
        // An S-shaped count of biopharma enterprises in the demo cluster's province (logistic, K = 1,200, midpoint 2013,
        // rate 0.45, with a fixed ±2 % wobble): enough points for the life-cycle fit to give a verdict.
        for (var y = 2003; y <= 2023; y++)
        {
            var wobble = 1 + 0.02 * Math.Sin(1.7 * y);
            Add("bio_enterprises", "Biopharmaceutical enterprises", "生物医药企业数", "count", "Guangdong", "", y, Math.Round(1200 / (1 + Math.Exp(-0.45 * (y - 2013))) * wobble));
        }
        return csv.ToString();
    }
}
