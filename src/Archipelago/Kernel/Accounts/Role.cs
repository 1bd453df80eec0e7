namespace Archipelago.Kernel.Accounts;

/// <summary>
/// What an account may do. Administrators manage accounts and everything else; cluster operators maintain the
/// registry; a member organisation user is bound to one enabler and may edit only that enabler; analysts and viewers
/// read (analysts will also save analyses).
/// </summary>
public static class Role
{
    public const string Administrator = "administrator";
    public const string Operator = "operator";
    public const string Member = "member";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Operator, Member, Analyst, Viewer];

    public static string Parse(string? role)
    {
        var r = role?.Trim().ToLowerInvariant();
        if (r is "admin") r = Administrator;
        if (r is "cluster_operator" or "cluster-operator") r = Operator;
        return All.Contains(r) ? r! : throw new DomainException("unknown_role", $"Unknown role '{role}'. Use one of: {string.Join(", ", All)}.", "role");
    }
}

/// <summary>Authorisation policies, by name. Every write endpoint and page names one.</summary>
public static class Policies
{
    /// <summary>Create, edit, merge, delete and import registry records: administrators and cluster operators.</summary>
    public const string EditRegistry = "registry.edit";

    /// <summary>Run analyses and computations through the API (nothing stored but the analysis itself): administrators,
    /// operators and analysts.</summary>
    public const string Analyse = "analyse";

    /// <summary>Manage accounts and workspace settings: administrators.</summary>
    public const string Administer = "administer";
}
