namespace Archipelago.Kernel.JointActions;

/// <summary>
/// A kind of joint action between enablers (seed 004 §5–6; GUIDE §1). The list is extensible per workspace: these are
/// the built-in types every workspace starts with; more are added with <c>archipelago actions types add</c>.
/// </summary>
public sealed record JointActionType(string Code, string NameEn, string NameZh)
{
    public static readonly JointActionType Collaboration = new("collaboration", "R&D collaboration", "研发合作");
    public static readonly JointActionType CoPatent = new("co_patent", "Co-patent", "联合专利");
    public static readonly JointActionType Licence = new("licence", "Technology licensing or transfer", "技术许可与转让");
    public static readonly JointActionType Investment = new("investment", "Investment", "投资");
    public static readonly JointActionType ServiceEngagement = new("service_engagement", "Service engagement", "服务合作");
    public static readonly JointActionType Supply = new("supply", "Supply", "供应");
    public static readonly JointActionType TalentMove = new("talent_move", "Talent move", "人才流动");
    public static readonly JointActionType Event = new("event", "Event co-participation", "活动共同参与");
    public static readonly JointActionType Bridge = new("bridge_programme", "International bridge programme", "国际桥梁项目");
    public static readonly JointActionType Policy = new("policy_support", "Policy or funding support", "政策与资助支持");

    public static IReadOnlyList<JointActionType> BuiltIn { get; } =
        [Collaboration, CoPatent, Licence, Investment, ServiceEngagement, Supply, TalentMove, Event, Bridge, Policy];

    public static string CheckCode(string? code)
    {
        var c = code?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(c) || c.Length > 40 || !c.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
            throw new DomainException("bad_action_type", $"Joint-action type '{code}' must be 1–40 lower-case letters, digits or '_'.", "type");
        return c;
    }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}
