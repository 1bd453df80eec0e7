using System.Text;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;

namespace Archipelago.Modules.Patents.Features.Demo;

/// <summary>
/// The demo workspace's patents: an invented portfolio of the demo cluster's universities and enterprises (read from
/// the registry), 2009–2025, growing as the park grows — first filings in China, some followed by PCT, US and EP
/// members of the same family; about one family in five co-filed by a university and an enterprise; applicant names
/// spelled as patent offices print them (upper case, legal forms, now and then the Chinese name), so the cleaning,
/// the merge suggestions and the link to the registry have something to do; a few invented filers from outside the
/// cluster make about one family in six, so the cluster filter has something to leave out. The records go through the Lens import,
/// as a user's file would, and the applicants are then linked to the registry (co-patents become joint actions).
/// Numbers, titles and people are invented; nothing is written when the registry has no demo enablers.
/// </summary>
public static class DemoPatents
{
    // A topic: English title, Chinese title, IPC symbols (Lens spelling), and what the abstract says it brings.
    static readonly (string En, string Zh, string[] Ipc, string Benefit)[] Topics =
    [
        ("Anti-PD-1 monoclonal antibody and use thereof", "抗PD-1单克隆抗体及其用途", ["C07K16/28", "A61K39/395", "A61P35/00"], "higher affinity and lower immunogenicity in tumour immunotherapy"),
        ("CAR-T cell targeting CD19 and preparation method thereof", "靶向CD19的CAR-T细胞及其制备方法", ["C12N5/0783", "A61K35/17", "A61P35/02"], "longer persistence of the modified T cells in patients with B-cell lymphoma"),
        ("mRNA vaccine composition against respiratory syncytial virus", "呼吸道合胞病毒mRNA疫苗组合物", ["A61K39/155", "A61K9/51", "A61P31/14"], "lipid nanoparticles that keep the mRNA stable at refrigerator temperature"),
        ("Gene editing system for the treatment of beta-thalassemia", "用于治疗β地中海贫血的基因编辑系统", ["C12N15/113", "C12N9/22", "A61K48/00"], "precise correction of the globin gene in haematopoietic stem cells"),
        ("Kit for early detection of liver cancer by DNA methylation markers", "基于DNA甲基化标志物的肝癌早期检测试剂盒", ["C12Q1/6886", "G01N33/574"], "detection of early-stage hepatocellular carcinoma from a blood sample"),
        ("Small-molecule kinase inhibitor and pharmaceutical composition thereof", "小分子激酶抑制剂及其药物组合物", ["C07D471/04", "A61K31/4745", "A61P35/00"], "selective inhibition of the kinase with good oral bioavailability"),
        ("Sustained-release microsphere formulation of a GLP-1 peptide", "GLP-1多肽缓释微球制剂", ["A61K9/16", "A61K38/26", "A61P3/10"], "once-monthly dosing for patients with type 2 diabetes"),
        ("Traditional Chinese medicine extract for treating chronic cough", "治疗慢性咳嗽的中药提取物", ["A61K36/484", "A61P11/14"], "a standardised extract with consistent content of active ingredients"),
        ("Single-use bioreactor for suspension cell culture", "用于悬浮细胞培养的一次性生物反应器", ["C12M1/00", "C12M3/00"], "uniform mixing and oxygen transfer at production scale"),
        ("Antibody-drug conjugate targeting HER2 and use thereof", "靶向HER2的抗体偶联药物及其用途", ["A61K47/68", "C07K16/32", "A61P35/00"], "a cleavable linker that releases the payload inside tumour cells"),
        ("Bispecific antibody binding PD-L1 and 4-1BB", "结合PD-L1和4-1BB的双特异性抗体", ["C07K16/28", "C07K16/30", "A61P35/00"], "tumour-dependent activation of T cells with less liver toxicity"),
        ("Adeno-associated virus vector for retinal gene therapy", "用于视网膜基因治疗的腺相关病毒载体", ["C12N15/864", "A61K48/00", "A61P27/02"], "efficient transduction of photoreceptor cells after subretinal injection"),
    ];

    // Filers outside the cluster (invented, not in the registry): the "cluster members only" filter leaves them out.
    static readonly (string Name, string Office)[] Outsiders =
    [
        ("MERIDIAN ONCOLOGY INC", "US"), ("ZHONGYUAN PHARMACEUTICAL CO LTD", "CN"), ("中原生物医药股份有限公司", "CN"), ("NORDLICHT PHARMA GMBH", "EP"),
        ("EASTERN PLAINS UNIVERSITY", "CN"), ("HANGHAI GENE THERAPY CO., LTD.", "CN"), ("SAKURA BIOMEDICAL CORP", "US"), ("ALPINE CELL SCIENCES AG", "EP"),
    ];

    static readonly string[] Surnames = ["LI", "WANG", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "WU", "ZHOU", "XU", "SUN", "MA", "ZHU", "HU", "GUO", "HE", "LIN", "LUO", "LIANG"];
    static readonly string[] Given = ["WEI", "FANG", "MIN", "JING", "LEI", "JUN", "YAN", "TAO", "MING", "HUA", "QIANG", "LING", "XIN", "PENG", "HAO", "YU", "JIE", "TING"];

    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var clock = TimeProvider.System;
        var universities = new List<Enabler>();
        var enterprises = new List<Enabler>();
        await foreach (var e in new EnablerStore(db, clock).AllAsync(ct))
        {
            if (e.Source != "demo") continue;
            if (e.Type == EnablerType.University) universities.Add(e);
            else if (e.Type == EnablerType.Enterprise) enterprises.Add(e);
        }
        if (universities.Count == 0 || enterprises.Count == 0) return;

        var dir = Directory.CreateTempSubdirectory("archipelago-demo-patents-");
        try
        {
            var path = Path.Combine(dir.FullName, "pearl-isle-demo-patents.csv");
            await File.WriteAllTextAsync(path, Portfolio(universities, enterprises), new UTF8Encoding(false), ct);
            var result = await new PatentImport(db, clock).RunAsync(path, "lens", "demo", ct: ct);
            if (!result.Committed) throw new InvalidOperationException($"The demo patents did not import: {string.Join("; ", result.Errors.Take(3))}");
        }
        finally { dir.Delete(recursive: true); }
        await new CoPatents(db, clock).LinkAsync("demo", ct);
    }

    /// <summary>The demo portfolio as a Lens.org CSV export (fixed seed: the same file every time).</summary>
    static string Portfolio(List<Enabler> universities, List<Enabler> enterprises)
    {
        var rng = new Random(2009);
        var csv = new StringBuilder("\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Application Number,Application Date," +
            "Priority Numbers,Earliest Priority Date,Title,Abstract,Applicants,Inventors,Document Type,Simple Family Members,IPCR Classifications,CPC Classifications,Legal Status\r\n");
        var row = 0;
        var cnSerial = 101_000_000;
        // Nothing is published after this date, so the portfolio is the same whatever day the demo is made.
        var lastPublication = new DateOnly(2026, 6, 30);
        T Pick<T>(IReadOnlyList<T> list) => list[rng.Next(list.Count)];

        string Spelling(Enabler e, bool inChina)
        {
            if (inChina && e.NameZh is { } zh && rng.NextDouble() < 0.25) return zh;
            var name = (e.NameEn ?? e.NameZh!).ToUpperInvariant();
            // Enterprises are printed with a legal form about half the time ("RUIKANG BIOLOGICS CO LTD"), with or without
            // the punctuation of the registered name.
            if (e.Type == EnablerType.Enterprise && !name.Contains("LTD", StringComparison.Ordinal) && rng.NextDouble() < 0.5)
                name += rng.NextDouble() < 0.5 ? " CO LTD" : " CO., LTD.";
            return rng.NextDouble() < 0.3 ? name.Replace(",", "").Replace(".", "") : name;
        }

        for (var year = 2009; year <= 2025; year++)
        {
            // Families a year grow along an S-curve (about 4 in 2009, 36 by 2025), as the park fills.
            var families = (int)Math.Round(4 + 32 / (1 + Math.Exp(-(year - 2017) / 2.0)));
            // Enterprises founded by then file; the older institutes file from the start.
            var filers = enterprises.Where(e => e.Attributes.Founded is not { } f || f <= year).ToList();
            if (filers.Count == 0) filers = universities;
            for (var f = 0; f < families; f++)
            {
                var topic = Pick(Topics);
                var outsider = rng.NextDouble() < 0.17 ? Pick(Outsiders) : default;
                var first = rng.NextDouble() < 0.35 ? Pick(universities) : Pick(filers);
                var applicants = new List<Enabler>();
                if (outsider.Name is null)
                {
                    applicants.Add(first);
                    var partner = rng.NextDouble() < 0.15 ? first.Type == EnablerType.University ? Pick(filers) : Pick(universities) : first;
                    if (partner != first) applicants.Add(partner);
                }
                var inventors = Enumerable.Range(0, 2 + rng.Next(4)).Select(_ => $"{Pick(Surnames)} {Pick(Given)}").Distinct().ToList();
                var priority = new DateOnly(year, 1 + rng.Next(12), 1 + rng.Next(28));
                var home = outsider.Office ?? (first.Region.Country is { Length: > 0 } c && c != "CN" ? c == "US" ? "US" : "EP" : "CN");

                // The first filing, then its PCT, US and EP members.
                var members = new List<(string Office, DateOnly Filed, DateOnly Published)> { (home, priority, priority.AddMonths(18)) };
                if (rng.NextDouble() < 0.3) members.Add(("WO", priority.AddMonths(12), priority.AddMonths(18)));
                if (home != "US" && rng.NextDouble() < 0.15) members.Add(("US", priority.AddMonths(30), priority.AddMonths(36)));
                if (home != "EP" && rng.NextDouble() < 0.08) members.Add(("EP", priority.AddMonths(31), priority.AddMonths(37)));
                members.RemoveAll(m => m.Published > lastPublication);
                if (members.Count == 0) continue;

                var keys = new List<((string Office, DateOnly Filed, DateOnly Published) Member, string Number, string Lens)>();
                foreach (var m in members) keys.Add((m, Number(m.Office, m.Published, ref cnSerial, rng), LensId(rng)));
                var priorityNumber = $"{home} {year}{rng.Next(10_000_000, 99_999_999)} A";
                foreach (var (m, number, lens) in keys)
                {
                    var chinese = m.Office == "CN";
                    var title = chinese ? topic.Zh : topic.En;
                    var abstractText = $"The invention discloses {char.ToLowerInvariant(topic.En[0])}{topic.En[1..]}. It provides {topic.Benefit}.";
                    var names = outsider.Name ?? string.Join(";;", applicants.Select(a => Spelling(a, chinese)));
                    var ipc = string.Join(";;", topic.Ipc);
                    string[] cells =
                    [
                        (++row).ToString(), m.Office, number.Split(' ')[^1], number, lens,
                        m.Published.ToString("yyyy-MM-dd"), m.Published.Year.ToString(),
                        $"{m.Office} {m.Filed.Year}{rng.Next(10_000_000, 99_999_999)} A", m.Filed.ToString("yyyy-MM-dd"),
                        priorityNumber, priority.ToString("yyyy-MM-dd"), title, abstractText, names, string.Join(";;", inventors),
                        "Patent Application", string.Join(";;", keys.Select(k => k.Lens)), ipc, ipc, LegalStatus(m.Office, m.Published, lastPublication, row),
                    ];
                    csv.AppendJoin(',', cells.Select(Quoted)).Append("\r\n");
                }
            }
        }
        return csv.ToString();
    }

    static string Number(string office, DateOnly published, ref int cnSerial, Random rng) => office switch
    {
        "CN" => $"CN {cnSerial += 1 + rng.Next(40_000)} A",
        "WO" => $"WO {published.Year}/{rng.Next(10_000, 999_999):D6} A1",
        "US" => $"US {published.Year}/{rng.Next(100_000, 999_999):D7} A1",
        _ => $"EP {rng.Next(1_000_000, 4_999_999)} A1",
    };

    /// <summary>A status as Lens states it, from the publication's age (the row number varies it without drawing from
    /// the generator, so the rest of the portfolio stays as it was): a PCT application is pending until its national
    /// phases (30 months), then inactive; others are pending for three years, then mostly active, some discontinued or inactive.</summary>
    static string LegalStatus(string office, DateOnly published, DateOnly now, int row)
    {
        var months = (now.Year - published.Year) * 12 + now.Month - published.Month;
        if (office == "WO") return months > 30 ? "INACTIVE" : "PENDING";
        if (months < 36) return "PENDING";
        return (row % 10) switch { < 6 => "ACTIVE", < 8 => "DISCONTINUED", 8 => "INACTIVE", _ => months < 60 ? "PENDING" : "ACTIVE" };
    }

    static string LensId(Random rng) =>
        $"{rng.Next(1000):D3}-{rng.Next(1000):D3}-{rng.Next(1000):D3}-{rng.Next(1000):D3}-{rng.Next(1000):D3}";

    static string Quoted(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
