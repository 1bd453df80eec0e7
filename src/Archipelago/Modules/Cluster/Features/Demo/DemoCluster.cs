using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;

namespace Archipelago.Modules.Cluster.Features.Demo;

/// <summary>
/// The demo workspace: an invented cluster, "Pearl Isle Bio Park", shaped on the case of seed 004 (Guangzhou
/// International Bio Island): a state-owned park company as the first centre, research institutes, hospitals,
/// multinationals' innovation centres, local start-ups, CROs and CDMOs, investors, government bodies, an international
/// bridge programme with foreign partners, and yearly forums. Every name is invented. The joint actions from 2011 to
/// 2023 are generated from a fixed seed so that the network moves from one centre (2011–2014, the park company) to
/// several (2015–2018: leading firms, institutes, CROs) to a decentralised, outward-looking network (2019–2023).
/// </summary>
public static class DemoCluster
{
    public const string Source = "demo";
    public static readonly Region Home = new("Guangzhou", "Guangdong", "CN");

    static readonly (string Zh, string Py)[] Syllables =
    [
        ("康", "Kang"), ("瑞", "Rui"), ("华", "Hua"), ("泰", "Tai"), ("恒", "Heng"), ("博", "Bo"), ("安", "An"), ("信", "Xin"),
        ("诺", "Nuo"), ("启", "Qi"), ("明", "Ming"), ("越", "Yue"), ("澳", "Ao"), ("海", "Hai"), ("岭", "Ling"), ("珠", "Zhu"),
    ];

    public static async Task SeedAsync(Database db, CancellationToken ct)
    {
        var clock = TimeProvider.System;
        await new Workspace(db).SetHomeRegionAsync(Home, ct);
        await new Workspace(db).SetAsync("workspace.name", "Pearl Isle Bio Park (demo)", ct);
        var enablers = new EnablerStore(db, clock);
        var actions = new JointActionStore(db, clock);
        var rng = new Random(2011);
        var list = new List<Enabler>();
        var n = 0;

        async Task<Enabler> Add(EnablerType type, string en, string zh, Region region, string? segment, EnablerAttributes? attrs = null, params string[] aliases)
        {
            var e = await enablers.AddAsync(new Enabler($"E{++n:D4}", type, en, zh, aliases, region, segment, attrs, Source), "demo", ct);
            list.Add(e);
            return e;
        }

        var sz = new Region("Shenzhen", "Guangdong", "CN");
        var sh = new Region("Shanghai", "Shanghai", "CN");
        var bj = new Region("Beijing", "Beijing", "CN");
        var suzhou = new Region("Suzhou", "Jiangsu", "CN");

        var park = await Add(EnablerType.ClusterPromotion, "Pearl Isle Bio Park Development Co., Ltd.", "珠岛生物园区开发有限公司", Home, ValueChainSegment.Services, null, "Pearl Isle Company", "珠岛公司");
        var gov = new[]
        {
            await Add(EnablerType.Government, "Pearl Isle District Government", "珠岛区人民政府", Home, null),
            await Add(EnablerType.Government, "Municipal Science and Technology Bureau (demo)", "市科学技术局（示例）", Home, null),
            await Add(EnablerType.Government, "Provincial Medical Products Administration (demo)", "省药品监督管理局（示例）", new Region(null, "Guangdong", "CN"), null),
            await Add(EnablerType.Government, "Municipal Development and Reform Commission (demo)", "市发展和改革委员会（示例）", Home, null),
        };
        var institutes = new List<Enabler>();
        foreach (var (en, zh, kind) in new[]
        {
            ("South Harbour Institute of Biomedicine", "南港生物医药研究院", "institute"), ("Pearl Isle Laboratory for Regenerative Medicine", "珠岛再生医学实验室", "lab"),
            ("Lingbay Medical University", "岭湾医科大学", "university"), ("Coastal University School of Life Sciences", "滨海大学生命科学学院", "university"),
            ("Institute of Respiratory Health (demo)", "呼吸健康研究所（示例）", "institute"), ("Greater Bay Institute of Translational Medicine", "大湾区转化医学研究院", "institute"),
            ("Huaxin Pharmaceutical University", "华信药科大学", "university"), ("Northbank Institute of Biophysics", "北岸生物物理研究所", "institute"),
        })
            institutes.Add(await Add(EnablerType.University, en, zh, institutes.Count < 6 ? Home : bj, ValueChainSegment.Discovery, new EnablerAttributes { InstitutionKind = kind }));
        var hospitals = new List<Enabler>();
        foreach (var (en, zh) in new[] { ("First Affiliated Hospital of Lingbay Medical University", "岭湾医科大学附属第一医院"), ("Pearl Isle People's Hospital", "珠岛人民医院"),
            ("Provincial Cancer Hospital (demo)", "省肿瘤医院（示例）"), ("Children's Medical Centre (demo)", "儿童医学中心（示例）"), ("Coastal Traditional Chinese Medicine Hospital", "滨海中医院") })
            hospitals.Add(await Add(EnablerType.User, en, zh, Home, null, new EnablerAttributes { UserKind = "hospital" }));
        var multinationals = new List<Enabler>();
        foreach (var (en, zh, seg) in new[] { ("Aldermoor Pharma Innovation Centre", "奥德摩尔制药创新中心", ValueChainSegment.Development), ("Veldhaven Diagnostics China", "维德海文诊断（中国）", ValueChainSegment.Manufacturing),
            ("Northgate Biosciences Greater Bay Hub", "诺盖特生物科学大湾区中心", ValueChainSegment.Discovery), ("Sunreach Medical Devices Innovation Centre", "森瑞医疗器械创新中心", ValueChainSegment.Development),
            ("Kestrel Life Sciences Asia", "凯斯特生命科学亚洲", ValueChainSegment.Sales) })
            multinationals.Add(await Add(EnablerType.Enterprise, en, zh, Home, seg, new EnablerAttributes { Size = "large", Listed = true, Multinational = true }));
        var leaders = new List<Enabler>();
        foreach (var (en, zh, seg) in new[] { ("Hengtai Pharmaceutical Group", "恒泰医药集团", ValueChainSegment.Sales), ("Ruikang Biologics", "瑞康生物制药", ValueChainSegment.Manufacturing),
            ("Anxin Gene Technology", "安信基因科技", ValueChainSegment.Development), ("Boming Medical", "博明医疗", ValueChainSegment.Sales) })
            leaders.Add(await Add(EnablerType.Enterprise, en, zh, leaders.Count < 3 ? Home : sz, seg, new EnablerAttributes { Size = "large", Listed = true, Leading = true, Founded = 1998 + leaders.Count * 3 }));
        var startups = new List<Enabler>();
        var segments = new[] { ValueChainSegment.Discovery, ValueChainSegment.Development, ValueChainSegment.Development, ValueChainSegment.Manufacturing, ValueChainSegment.Sales };
        var kinds = new[] { ("Biotech", "生物科技"), ("Therapeutics", "医药科技"), ("Gene Medicine", "基因医药"), ("Diagnostics", "诊断技术"), ("Cell Technology", "细胞技术") };
        for (var i = 0; startups.Count < 56; i++)
        {
            var s1 = Syllables[i % Syllables.Length];
            var b = Syllables[(i * 7 + 3) % Syllables.Length];
            if (s1 == b) continue;
            var kind = kinds[i % kinds.Length];
            startups.Add(await Add(EnablerType.Enterprise, $"{s1.Py}{b.Py.ToLowerInvariant()} {kind.Item1} Co., Ltd.", $"{s1.Zh}{b.Zh}{kind.Item2}有限公司",
                i % 9 == 0 ? sz : Home, segments[i % segments.Length], new EnablerAttributes { Size = i % 4 == 0 ? "small" : "micro", Listed = false, Founded = 2011 + i % 12 }, $"{s1.Py}{b.Py.ToLowerInvariant()}"));
        }
        var providers = new List<Enabler>();
        foreach (var (en, zh, cat) in new[]
        {
            ("Isleside Clinical Research (CRO)", "岛畔临床研究", "cro"), ("Greater Bay Preclinical Services", "大湾区临床前服务", "cro"), ("Pearl Biologics CDMO", "珠岛生物CDMO", "cmo_cdmo"),
            ("Southcoast Cell Therapy Manufacturing", "南岸细胞治疗生产", "cmo_cdmo"), ("Harbour Clinical Operations", "海港临床运营", "cro"), ("Lingnan Medical Sales Partners (CSO)", "岭南医药营销", "cso"),
            ("Xinming IP Agency", "信明知识产权代理", "ip_agency"), ("Clearwater Patent & Trademark", "清源专利商标事务所", "ip_agency"), ("Pearl Isle Law Offices", "珠岛律师事务所", "law_accounting"),
            ("Bay Area Biotech Incubator", "湾区生物孵化器", "incubation"), ("Talent Bridge Recruitment", "人才桥招聘", "recruitment"), ("Biopharma Training Academy (demo)", "生物医药培训学院（示例）", "training"),
        })
            providers.Add(await Add(EnablerType.ServiceProvider, en, zh, providers.Count % 5 == 4 ? sh : Home, ValueChainSegment.Services, new EnablerAttributes { ServiceCategories = [cat], Size = "medium" }));
        var investors = new List<Enabler>();
        foreach (var (en, zh, kind, region) in new[]
        {
            ("Pearl Isle Industry Guidance Fund", "珠岛产业引导基金", "government_fund", Home), ("Qiming Harbour Ventures", "启明港湾创投", "vc", Home), ("Hengtai Corporate Ventures", "恒泰企业创投", "cvc", Home),
            ("South Bay Angel Network", "南湾天使会", "angel", Home), ("Shenzhen Life Science Capital", "深圳生命科学资本", "vc", sz), ("Shanghai Healthcare Partners", "上海医疗健康投资", "vc", sh),
            ("Bank of the Coast Tech Finance (demo)", "滨海银行科技金融（示例）", "bank", Home), ("Lighthouse Bio Capital", "灯塔生物资本", "vc", new Region("Boston", "Massachusetts", "US")),
            ("Beijing Innovation Medicine Fund", "北京创新医药基金", "vc", bj), ("Suzhou BioBay Capital (demo)", "苏州生物港资本（示例）", "vc", suzhou),
        })
            investors.Add(await Add(EnablerType.Investor, en, zh, region, null, new EnablerAttributes { InvestorKind = kind }));
        var foreign = new List<Enabler>();
        foreach (var (en, zh, type, region) in new[]
        {
            ("University of Eastbridge (UK)", "东桥大学（英国）", EnablerType.University, new Region("Cambridge", "England", "GB")),
            ("Thameside Medicines Discovery Centre", "泰晤士药物发现中心", EnablerType.University, new Region("London", "England", "GB")),
            ("Brightwater Bio (UK)", "明水生物（英国）", EnablerType.Enterprise, new Region("Oxford", "England", "GB")),
            ("Charles Point Therapeutics", "查尔斯角治疗公司", EnablerType.Enterprise, new Region("Boston", "Massachusetts", "US")),
            ("Rhine Valley Biologics", "莱茵谷生物制剂", EnablerType.Enterprise, new Region("Basel", "Basel-Stadt", "CH")),
            ("Isar Medical Technology", "伊萨尔医疗技术", EnablerType.Enterprise, new Region("Munich", "Bavaria", "DE")),
            ("Lion City Institute of Molecular Medicine", "狮城分子医学研究所", EnablerType.University, new Region("Singapore", null, "SG")),
            ("UK–China Life Science Bridge Office (demo)", "中英生命科学桥梁办公室（示例）", EnablerType.ClusterPromotion, new Region("London", "England", "GB")),
        })
            foreign.Add(await Add(type, en, zh, region, type == EnablerType.Enterprise ? ValueChainSegment.Development : null,
                type == EnablerType.Enterprise ? new EnablerAttributes { Size = "medium", Multinational = true } : type == EnablerType.University ? new EnablerAttributes { InstitutionKind = "university" } : null));
        var bridge = await Add(EnablerType.Institution, "Two-Shores Bio Bridge Programme", "两岸生物桥梁计划", Home, null, null, "Bio Bridge");
        await Add(EnablerType.Institution, "Pearl Isle Talent Policy (10 measures)", "珠岛人才政策十条", Home, null);
        var organisers = new List<Enabler>();
        foreach (var (en, zh) in new[] { ("Dr. Lin Qiming (founder-investor, demo)", "林启明博士（示例）"), ("Prof. Helen Marsh (bridge convenor, demo)", "海伦·马什教授（示例）"), ("Dr. Zhou Anhua (hospital–industry liaison, demo)", "周安华博士（示例）") })
            organisers.Add(await Add(EnablerType.InnovationOrganiser, en, zh, Home, null));
        var talents = new List<Enabler>();
        for (var i = 0; i < 8; i++)
            talents.Add(await Add(EnablerType.Talent, $"Returnee scientist {i + 1} (demo)", $"海归科学家{i + 1}（示例）", Home, ValueChainSegment.Discovery, new EnablerAttributes { TalentKind = i % 3 == 0 ? "entrepreneur" : "returnee" }));
        await Add(EnablerType.KnowledgeSource, "Open Biobank of the Greater Bay (demo)", "大湾区开放生物样本库（示例）", Home, ValueChainSegment.Discovery);

        // ---- joint actions ----
        var a = 0;
        async Task Act(string type, int year, string? description, params (Enabler E, string Role)[] parts)
        {
            var distinct = parts.DistinctBy(p => p.E.Id).ToArray();
            if (distinct.Length < 2) return;
            var start = new PartialDate(year, rng.Next(1, 13), 1, DatePrecision.Month);
            decimal? value = type is "investment" or "licence" ? Math.Round((decimal)(rng.NextDouble() * 90 + 5), 1) * 1_000_000m : null;
            await actions.AddAsync(new JointAction($"A{++a:D4}", type, start, null, distinct.Select(p => new Participant(p.E.Id, p.Role)),
                value, value is null ? null : "CNY", description, Source), "demo", ct);
        }
        T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

        for (var year = 2011; year <= 2023; year++)
        {
            var phase = year <= 2014 ? 0 : year <= 2018 ? 1 : 2;
            var live = startups.Where(s => s.Attributes.Founded <= year).ToList();
            // Yearly forum: one joint action with many participants (organised by the park company, later co-organised).
            var attendees = live.OrderBy(_ => rng.Next()).Take(8 + 3 * (year - 2011)).Select(s => (s, "attendee"))
                .Concat(institutes.Take(3 + phase * 2).Select(i => (i, "speaker"))).ToList();
            attendees.Insert(0, (park, "organiser"));
            if (phase >= 1) attendees.Add((Pick(leaders), "co_organiser"));
            if (phase == 2) attendees.AddRange(foreign.Take(3).Select(f => (f, "attendee")));
            await Act("event", year, $"Pearl Isle Bio Forum {year}", attendees.ToArray());

            var count = phase switch { 0 => 18, 1 => 38, _ => 60 };
            for (var k = 0; k < count; k++)
            {
                var s = live.Count > 0 ? Pick(live) : Pick(startups);
                var roll = rng.NextDouble();
                switch (phase)
                {
                    case 0: // one centre: the park company incubates, funds and links everything
                        if (roll < 0.45) await Act("service_engagement", year, "Incubation and park services", (park, "provider"), (s, "client"));
                        else if (roll < 0.7) await Act("policy_support", year, "Settlement subsidy", (park, "funder"), (s, "recipient"), (gov[0], "co_funder"));
                        else if (roll < 0.85) await Act("collaboration", year, "Matchmaking project", (park, "broker"), (s, "partner"), (Pick(institutes), "partner"));
                        else await Act("investment", year, "Seed round via the guidance fund", (investors[0], "investor"), (s, "investee"), (park, "sponsor"));
                        break;
                    case 1: // several centres: leaders, institutes and CROs become hubs
                        if (roll < 0.2) await Act("service_engagement", year, "Pre-clinical study", (Pick(providers.Take(2).ToList()), "provider"), (s, "client"));
                        else if (roll < 0.35) await Act("collaboration", year, "Joint research project", (Pick(institutes), "lead"), (s, "partner"));
                        else if (roll < 0.5) await Act("supply", year, "Supply agreement", (Pick(leaders), "buyer"), (s, "supplier"));
                        else if (roll < 0.6) await Act("licence", year, "Licence of a candidate", (Pick(institutes), "licensor"), (Pick(leaders.Concat(multinationals).ToList()), "licensee"));
                        else if (roll < 0.72) await Act("investment", year, "Series A", (Pick(investors.Take(6).ToList()), "investor"), (s, "investee"));
                        else if (roll < 0.8) await Act("co_patent", year, "Co-filed invention patent", (Pick(institutes), "applicant"), (s, "applicant"));
                        else if (roll < 0.88) await Act("collaboration", year, "Clinical collaboration", (Pick(hospitals), "site"), (Pick(multinationals), "sponsor"));
                        else if (roll < 0.94) await Act("service_engagement", year, "Patent filing", (Pick(providers.Skip(6).Take(2).ToList()), "provider"), (s, "client"));
                        else await Act("service_engagement", year, "Park services", (park, "provider"), (s, "client"));
                        break;
                    default: // decentralised and outward-looking
                        var other = Pick(live.Where(x => x.Id != s.Id).ToList());
                        if (roll < 0.18) await Act("collaboration", year, "Start-up co-development", (s, "partner"), (other, "partner"));
                        else if (roll < 0.3) await Act("investment", year, "Growth round", (Pick(investors), "investor"), (s, "investee"), (Pick(investors), "co_investor"));
                        else if (roll < 0.4) await Act("service_engagement", year, "CRO/CDMO engagement", (Pick(providers.Take(6).ToList()), "provider"), (s, "client"));
                        else if (roll < 0.5) await Act("licence", year, "Licence-out", (s, "licensor"), (Pick(foreign.Concat(multinationals).ToList()), "licensee"));
                        else if (roll < 0.58) await Act("bridge_programme", year, "Bridge programme exchange", (bridge, "programme"), (s, "participant"), (Pick(foreign), "partner"));
                        else if (roll < 0.66) await Act("collaboration", year, "Hospital–industry study", (Pick(hospitals), "site"), (s, "sponsor"), (Pick(organisers), "convenor"));
                        else if (roll < 0.74) await Act("co_patent", year, "Co-filed invention patent", (Pick(institutes.Concat(foreign.Take(2)).ToList()), "applicant"), (s, "applicant"));
                        else if (roll < 0.8) await Act("talent_move", year, "Scientist joins start-up", (Pick(talents), "talent"), (s, "employer"), (Pick(institutes), "origin"));
                        else if (roll < 0.88) await Act("supply", year, "Supply agreement", (s, "supplier"), (other, "buyer"));
                        else if (roll < 0.94) await Act("collaboration", year, "Institute spin-out support", (Pick(institutes), "lead"), (s, "partner"), (Pick(leaders), "partner"));
                        else await Act("service_engagement", year, "Park services", (park, "provider"), (s, "client"));
                        break;
                }
            }
        }
    }
}
