namespace Archipelago.Kernel.Enablers;


/// <summary>Seed 004 §6.1 groups the enablers of a cluster of innovation in three families.</summary>
public enum EnablerFamily { ExplicitOrganisational, ExplicitFlow, Implicit }

/// <summary>
/// The enabler taxonomy of seed 004 §6.1 (GUIDE §1). <see cref="Code"/> is the stable identifier used in
/// files, the API and the database; names are for people.
/// </summary>
public sealed record EnablerType(string Code, EnablerFamily Family, string NameEn, string NameZh)
{
    public static readonly EnablerType University = new("university", EnablerFamily.ExplicitOrganisational, "University or research institution", "大学与科研院所");
    public static readonly EnablerType Enterprise = new("enterprise", EnablerFamily.ExplicitOrganisational, "Innovative enterprise", "创新型企业");
    public static readonly EnablerType Government = new("government", EnablerFamily.ExplicitOrganisational, "Entrepreneurial government or regulator", "企业家型政府与监管机构");
    public static readonly EnablerType ServiceProvider = new("service_provider", EnablerFamily.ExplicitOrganisational, "Professional service provider", "专业服务机构");
    public static readonly EnablerType Investor = new("investor", EnablerFamily.ExplicitFlow, "Technology capital and professional investor", "技术资本与专业投资者");
    public static readonly EnablerType KnowledgeSource = new("knowledge_source", EnablerFamily.ExplicitFlow, "Knowledge and technology source", "知识与技术来源");
    public static readonly EnablerType Talent = new("talent", EnablerFamily.ExplicitFlow, "Innovative and entrepreneurial talent", "创新创业人才");
    public static readonly EnablerType User = new("user", EnablerFamily.ExplicitFlow, "User (hospital, doctor, patient)", "用户（医院、医生、患者）");
    public static readonly EnablerType InnovationOrganiser = new("innovation_organiser", EnablerFamily.Implicit, "Innovation organiser", "创新组织者");
    public static readonly EnablerType ClusterPromotion = new("cluster_promotion", EnablerFamily.Implicit, "Organisation for cluster promotion", "集群促进组织");
    public static readonly EnablerType Institution = new("institution", EnablerFamily.Implicit, "Innovation institution (programme, policy, rule)", "创新制度与文化（项目、政策、规则）");

    public static IReadOnlyList<EnablerType> All { get; } =
    [
        University, Enterprise, Government, ServiceProvider, Investor, KnowledgeSource, Talent, User,
        InnovationOrganiser, ClusterPromotion, Institution,
    ];

    static readonly Dictionary<string, EnablerType> ByCode = All.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? code, out EnablerType type)
    {
        type = null!;
        return code is not null && ByCode.TryGetValue(code.Trim(), out type!);
    }

    public static EnablerType Parse(string code) =>
        TryParse(code, out var t) ? t : throw new DomainException("unknown_enabler_type",
            $"Unknown enabler type '{code}'. Use one of: {string.Join(", ", All.Select(a => a.Code))}.");

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
    public override string ToString() => Code;
}

/// <summary>
/// The pharmaceutical value chain's "smile curve" (seed 000 §VI): high value at discovery and at sales/brand,
/// low in manufacturing. <c>services</c> covers providers who serve every segment.
/// </summary>
public static class ValueChainSegment
{
    public const string Discovery = "discovery";
    public const string Development = "development";
    public const string Manufacturing = "manufacturing";
    public const string Sales = "sales";
    public const string Services = "services";

    public static IReadOnlyList<string> All { get; } = [Discovery, Development, Manufacturing, Sales, Services];

    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        if (v is "sales/brand" or "brand") v = Sales;
        return All.Contains(v) ? v : throw new DomainException("unknown_segment",
            $"Unknown value-chain segment '{value}'. Use one of: {string.Join(", ", All)}.");
    }
}
