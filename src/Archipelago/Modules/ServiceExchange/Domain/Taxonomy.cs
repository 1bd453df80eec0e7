using Archipelago.Kernel;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>An entry of a fixed list: a stable code and its English and Chinese names.</summary>
public sealed record Term(string Code, string NameEn, string NameZh)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>An IP service category (GUIDE §4, seed 001 §3–4) and the services it comprises.</summary>
public sealed record ServiceCategory(string Code, string NameEn, string NameZh, IReadOnlyList<Term> Services)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>
/// The fixed vocabularies of the exchange. Service categories and services are the GUIDE §4 list; demand areas are
/// the five of seed 001 §3; the expected demand × service matrix is what seed 001 §3.1–3.5 says each area needs.
/// A profile or need naming anything outside these lists is refused with the list in the message.
/// </summary>
public static class Taxonomy
{
    public static IReadOnlyList<ServiceCategory> Categories { get; } =
    [
        new("agency", "IP agency", "知识产权代理", [
            new("patent_filing", "Patent filing", "专利申请"), new("litigation", "Patent litigation", "专利诉讼"),
            new("strategic_layout", "Patent strategic layout", "专利战略布局"), new("overseas_filing", "Overseas filing", "海外申请"),
            new("trademark", "Trademark design and registration", "商标设计与注册")]),
        new("information", "IP information", "知识产权信息", [
            new("retrieval", "Retrieval", "检索"), new("analysis", "Analysis", "分析"),
            new("databases", "Database construction", "数据库建设"), new("competitor_monitoring", "Competitor monitoring", "竞争对手监测")]),
        new("legal", "IP legal", "知识产权法律", [
            new("ipo", "IPO", "上市"), new("mergers_acquisitions", "Mergers and acquisitions", "并购"),
            new("restructuring", "Restructuring", "重组"), new("liquidation", "Liquidation", "清算")]),
        new("commercialisation", "IP commercialisation", "知识产权商用化", [
            new("transactions", "Transactions", "交易"), new("licensing", "Licensing", "许可"), new("transfer", "Transfer", "转让"),
            new("operation", "Operation", "运营"), new("valuation", "Valuation", "评估"), new("pledge_financing", "Pledge financing", "质押融资"),
            new("patent_insurance", "Patent insurance", "专利保险"), new("patent_pools", "Patent pools", "专利池")]),
        new("consulting", "IP consulting", "知识产权咨询", [
            new("early_warning", "Early warning", "预警"), new("market_expansion", "Market expansion", "市场拓展"),
            new("standardisation", "Standardisation", "标准化")]),
        new("training", "IP training", "知识产权培训", [
            new("ip_training", "IP training", "知识产权培训")]),
    ];

    /// <summary>The five demand areas of the biopharmaceutical industry (seed 001 §3).</summary>
    public static IReadOnlyList<Term> DemandAreas { get; } =
    [
        new("cultivation", "Industrial cultivation and agglomeration", "产业培育与集聚"),
        new("rnd", "Independent R&D and innovation", "自主研发与创新"),
        new("financing", "Investment and financing", "投融资"),
        new("talent", "High-end talent", "高端人才"),
        new("cooperation", "Domestic and international regional cooperation", "国内外区域合作"),
    ];

    /// <summary>
    /// Seed 001 §3: the service categories each demand area needs. 3.1 cultivation: agency, information, legal,
    /// commercialisation; 3.2 R&amp;D: agency, information, training, commercialisation; 3.3 financing:
    /// commercialisation; 3.4 talent: agency, training, commercialisation; 3.5 cooperation: agency, information,
    /// commercialisation, consulting. The default expectation the market view compares the data against.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ExpectedMatrix { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        ["cultivation"] = new HashSet<string> { "agency", "information", "legal", "commercialisation" },
        ["rnd"] = new HashSet<string> { "agency", "information", "training", "commercialisation" },
        ["financing"] = new HashSet<string> { "commercialisation" },
        ["talent"] = new HashSet<string> { "agency", "training", "commercialisation" },
        ["cooperation"] = new HashSet<string> { "agency", "information", "commercialisation", "consulting" },
    };

    /// <summary>Technology fields: the WIPO technology fields of the biopharmaceutical area and biopharma segments.</summary>
    public static IReadOnlyList<Term> TechnologyFields { get; } =
    [
        new("pharmaceuticals", "Pharmaceuticals (WIPO 16)", "药品"),
        new("biotechnology", "Biotechnology (WIPO 15)", "生物技术"),
        new("organic_fine_chemistry", "Organic fine chemistry (WIPO 14)", "有机精细化学"),
        new("medical_technology", "Medical technology (WIPO 13)", "医疗技术"),
        new("analysis_biological_materials", "Analysis of biological materials (WIPO 11)", "生物材料分析"),
        new("food_chemistry", "Food chemistry (WIPO 18)", "食品化学"),
        new("biologics", "Biologics and antibodies", "生物制品与抗体"),
        new("cell_gene_therapy", "Cell and gene therapy", "细胞与基因治疗"),
        new("vaccines", "Vaccines", "疫苗"),
        new("small_molecules", "Small-molecule drugs", "小分子药物"),
        new("diagnostics", "In-vitro diagnostics", "体外诊断"),
        new("medical_devices", "Medical devices", "医疗器械"),
        new("traditional_chinese_medicine", "Traditional Chinese medicine", "中医药"),
        new("marine_biopharma", "Marine biopharmaceuticals", "海洋生物医药"),
    ];

    /// <summary>Which biopharma segments fall under which WIPO field, for partial field credit in matching.</summary>
    public static IReadOnlyDictionary<string, string> FieldParent { get; } = new Dictionary<string, string>
    {
        ["biologics"] = "biotechnology", ["cell_gene_therapy"] = "biotechnology", ["vaccines"] = "biotechnology",
        ["marine_biopharma"] = "biotechnology", ["small_molecules"] = "pharmaceuticals", ["traditional_chinese_medicine"] = "pharmaceuticals",
        ["diagnostics"] = "analysis_biological_materials", ["medical_devices"] = "medical_technology",
    };

    public static IReadOnlyList<Term> Languages { get; } =
        [new("zh", "Chinese", "中文"), new("en", "English", "英语"), new("yue", "Cantonese", "粤语"), new("ja", "Japanese", "日语"), new("de", "German", "德语"), new("fr", "French", "法语")];

    public static ServiceCategory Category(string? code, string field = "category") =>
        Categories.FirstOrDefault(c => c.Code == Norm(code))
        ?? throw new DomainException("unknown_category", $"Unknown service category '{code}'. Use one of: {string.Join(", ", Categories.Select(c => c.Code))}.", field);

    /// <summary>The category a service belongs to, or a refusal naming the known services.</summary>
    public static ServiceCategory CategoryOfService(string? service, string field = "services") =>
        Categories.FirstOrDefault(c => c.Services.Any(s => s.Code == Norm(service)))
        ?? throw new DomainException("unknown_service", $"Unknown service '{service}'. Use one of: {string.Join(", ", Categories.SelectMany(c => c.Services).Select(s => s.Code))}.", field);

    public static string DemandArea(string? code) => DemandAreas.Any(a => a.Code == Norm(code)) ? Norm(code)!
        : throw new DomainException("unknown_demand_area", $"Unknown demand area '{code}'. Use one of: {string.Join(", ", DemandAreas.Select(a => a.Code))}.", "demand_area");

    public static string Field(string? code, string field = "technology_fields") => TechnologyFields.Any(f => f.Code == Norm(code)) ? Norm(code)!
        : throw new DomainException("unknown_technology_field", $"Unknown technology field '{code}'. Use one of: {string.Join(", ", TechnologyFields.Select(f => f.Code))}.", field);

    public static string Language(string? code, string field = "languages") => Languages.Any(l => l.Code == Norm(code)) ? Norm(code)!
        : throw new DomainException("unknown_language", $"Unknown language '{code}'. Use one of: {string.Join(", ", Languages.Select(l => l.Code))}.", field);

    public static string TermName(IReadOnlyList<Term> list, string code, bool chinese) => list.FirstOrDefault(t => t.Code == code)?.Name(chinese) ?? code;

    public static string ServiceName(string code, bool chinese) =>
        Categories.SelectMany(c => c.Services).FirstOrDefault(s => s.Code == code)?.Name(chinese) ?? code;

    static string? Norm(string? code) => code?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
}
