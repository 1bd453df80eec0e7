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

    const string Header = "indicator,indicator_name,name_zh,unit,price_basis,region,subsector,period,value,source,note\n";

    static string SeedFigures() => Header + """
        output_value,Gross industrial output value,工业总产值,bn yuan,current prices,China,,2010,"1,235",Seed 000 §IV ¶2 (text for Fig. 2),
        output_value,Gross industrial output value,工业总产值,bn yuan,current prices,China,,2017,"3,641.2",Seed 000 §IV ¶2 (text for Fig. 2),16.70 % compound annual growth 2010–2017 per the seed
        enterprises,Enterprises above designated size,规模以上企业数,count,,China,,2016,7449,Seed 000 §IV ¶1,implied: 7697 less the stated increase of 248
        enterprises,Enterprises above designated size,规模以上企业数,count,,China,,2017,"7,697",Seed 000 §IV ¶1 (text for Fig. 1),
        gross_profit_rate,Gross profit rate,毛利率,fraction,,China,,2017,32.4%,Seed 000 §IV ¶4 (text for Fig. 3),
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,China,,2013,2000,Seed 000 §IV ¶5,printed as 2 trillion
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,China,,2015,"25,537.1",Seed 000 §IV ¶5,as printed: a 亿元 slip (2013 = 2 trillion)
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,China,,2017,"29,826",Seed 000 §IV ¶5,as printed: a 亿元 slip
        profit_before_tax,Profit before tax,利润总额,bn yuan,current prices,China,,2017,351.97,Seed 000 §IV ¶5 (text for Fig. 4),
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,China,chinese_medicine_decoction_pieces,2017,16.7%,Seed 000 §IV ¶6 (text for Fig. 5),fastest
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,China,chemical_raw_materials,2017,14.7%,Seed 000 §IV ¶6 (text for Fig. 5),second fastest
        revenue_growth,Main business revenue growth,主营业务收入增长率,fraction,,China,pharmaceutical_equipment,2017,7.7%,Seed 000 §IV ¶6 (text for Fig. 5),slowest
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,China,biopharmaceutical_products,2017,26.8%,Seed 000 §IV ¶7 (text for Fig. 6),fastest
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,China,chemical_preparations,2017,13.7%,Seed 000 §IV ¶7 (text for Fig. 6),printed as chemical pharmaceutical manufacturing
        profit_growth,Profit before tax growth,利润总额增长率,fraction,,China,pharmaceutical_equipment,2017,-8.1%,Seed 000 §IV ¶7 (text for Fig. 6),slowest
        health_expenditure,Total health expenditure,卫生总费用,bn yuan,current prices,China,,2017,"5,159.88",Seed 000 §V.A.1,
        biotech_equipment_market,Molecular-biotech equipment market,分子生物技术设备市场规模,bn yuan,current prices,China,,2010,315.6,Seed 003 §2.1 (text for Figure 1),
        biotech_equipment_market,Molecular-biotech equipment market,分子生物技术设备市场规模,bn yuan,current prices,China,,2019,"1,271.6",Seed 003 §2.1 (text for Figure 1),an increase of 4.03 times per the seed
        """ + "\n";

    // The seed's 2015 and 2017 revenue read as 亿元 (÷ 10): a later vintage, as a statistics office would publish a correction.
    const string Revision = Header + """
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,China,,2015,2553.71,Demo correction of seed 000 §IV ¶5,"25,537.1 亿元 = 2,553.71 bn yuan"
        revenue,Main business revenue,主营业务收入,bn yuan,current prices,China,,2017,2982.6,Demo correction of seed 000 §IV ¶5,"29,826 亿元 = 2,982.6 bn yuan"
        """ + "\n";

    static string SyntheticFigures()
    {
        var csv = new StringBuilder(Header);
        void Add(string code, string name, string zh, string unit, string region, string subsector, int year, double value, string? note = null) =>
            csv.Append(CultureInfo.InvariantCulture, $"{code},{name},{zh},{unit},{(unit == "count" ? "" : "current prices")},{region},{subsector},{year},{Math.Round(value, 2).ToString("R", CultureInfo.InvariantCulture)},{Synthetic},{note}\n");
        // Output value 2011–2016 on the seed's own compound growth between its two printed end points.
        var rate = Math.Pow(3641.2 / 1235, 1.0 / 7);
        for (var y = 2011; y <= 2016; y++)
            Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", "China", "", y, 1235 * Math.Pow(rate, y - 2010), "interpolated at the seed's 16.70 % CAGR");
        // Invented provinces: output value of the industry and of biopharmaceutical products; the national sub-sector at 10–12 %.
        var provinces = new (string Name, double Share2010, double Growth, double BioShare)[]
            { ("Guangdong", 0.075, 0.19, 0.16), ("Jiangsu", 0.12, 0.165, 0.11), ("Shandong", 0.13, 0.14, 0.07) };
        for (var y = 2010; y <= 2017; y++)
        {
            var national = 1235 * Math.Pow(rate, y - 2010);
            Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", "China", "biopharmaceutical_products", y, national * (0.10 + 0.0025 * (y - 2010)));
            foreach (var p in provinces)
            {
                var total = 1235 * p.Share2010 * Math.Pow(1 + p.Growth, y - 2010);
                Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", p.Name, "", y, total);
                Add("output_value", "Gross industrial output value", "工业总产值", "bn yuan", p.Name, "biopharmaceutical_products", y, total * (p.BioShare + 0.003 * (y - 2010)));
            }
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
