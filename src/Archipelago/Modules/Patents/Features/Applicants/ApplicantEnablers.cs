using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Applicants;

/// <summary>An applicant not yet linked to the registry, its record count and the enabler type its name suggests.</summary>
public sealed record UnlinkedApplicant(string Name, string DisplayName, string Kind, long Records, string SuggestedType);

/// <summary>What creating an enabler from an applicant did: the new enabler, and the co-patent linking run after it.</summary>
public sealed record EnablerCreated(string Applicant, string EnablerKey, long EnablerId, string Type, LinkOutcome Links);

/// <summary>
/// The "create" half of linking applicants to the cluster registry (the "match" half is <see cref="CoPatents"/>): an
/// applicant with no enabler becomes a new registry enabler of the type the user chooses — suggested from the name —
/// written through the kernel's <see cref="EnablerStore"/>, and is linked to it; co-applications between linked
/// enablers then become co-patent joint actions.
/// </summary>
public sealed class ApplicantEnablers(Database db, TimeProvider clock)
{
    static readonly string[] UserWords = ["HOSPITAL", "CLINIC", "医院", "卫生院", "MEDICAL CENTER", "MEDICAL CENTRE"];
    static readonly string[] UniversityWords = ["INSTITUTE", "ACADEMY", "研究院", "研究所", "科学院", "RESEARCH CENTER", "RESEARCH CENTRE", "LABORATORY OF"];
    static readonly string[] InvestorWords = ["CAPITAL", "VENTURES", "VENTURE", "INVESTMENT", "投资", "基金"];
    static readonly string[] GovernmentWords = ["MINISTRY", "GOVERNMENT", "政府", "委员会", "DEPARTMENT OF HEALTH", "NATIONAL INSTITUTES OF HEALTH"];

    /// <summary>The enabler type an applicant's normalised name and kind suggest: 大学/University/College → university
    /// (as are institutes, academies, 研究院/研究所), hospitals → user, funds → investor, ministries → government, a
    /// person → talent, anything else → enterprise.</summary>
    public static EnablerType SuggestType(string name, string kind)
    {
        bool Has(string[] words) => words.Any(w => name.Contains(w, StringComparison.Ordinal));
        if (Has(UserWords)) return EnablerType.User;
        if (kind == "university" || ApplicantName.LooksLikeUniversity(name) || Has(UniversityWords)) return EnablerType.University;
        if (Has(GovernmentWords)) return EnablerType.Government;
        if (Has(InvestorWords)) return EnablerType.Investor;
        if (kind == "individual") return EnablerType.Talent;
        return EnablerType.Enterprise;
    }

    /// <summary>Applicants with no enabler, most records first; <paramref name="text"/> narrows by name.</summary>
    public async Task<IReadOnlyList<UnlinkedApplicant>> UnlinkedAsync(string? text = null, int take = 50, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Name, string Display, string Kind, long Records)>($"""
            SELECT p.name, p.display_name, p.kind, COUNT(a.record_id) AS n
            FROM patents_applicants p LEFT JOIN patents_record_applicants a ON a.applicant = p.name
            WHERE p.enabler_id IS NULL {(string.IsNullOrWhiteSpace(text) ? "" : "AND p.name LIKE @like")}
            GROUP BY p.name, p.display_name, p.kind ORDER BY n DESC, p.name LIMIT {Math.Clamp(take, 1, 500)}
            """, new { like = "%" + ApplicantName.Normalise(text ?? "") + "%" });
        return rows.Select(r => new UnlinkedApplicant(r.Name, r.Display, r.Kind, r.Records, SuggestType(r.Name, r.Kind).Code)).ToList();
    }

    /// <summary>Creates a registry enabler for the applicant (type given, or suggested when null), links the applicant to
    /// it, and writes the co-patent joint actions that link makes possible.</summary>
    public async Task<EnablerCreated> CreateAsync(string applicant, string? type, string username, CancellationToken ct = default)
    {
        var name = ApplicantName.Normalise(applicant ?? "");
        List<(string Display, string Kind, long? EnablerId)> rows;
        await using (var c = await db.OpenAsync(ct))
            rows = (await c.QueryAsync<(string, string, long?)>(
                "SELECT display_name, kind, enabler_id FROM patents_applicants WHERE name = @name", new { name })).ToList();
        if (rows.Count == 0) throw new DomainException("not_found", $"No applicant '{applicant}' in the patent records.", "applicant");
        var a = rows[0];
        if (a.EnablerId is { } linked) throw new DomainException("already_linked", $"Applicant {name} is already linked to enabler {linked}.", "applicant");
        var enablerType = string.IsNullOrWhiteSpace(type) ? SuggestType(name, a.Kind) : EnablerType.Parse(type);
        var chinese = a.Display.Any(ch => ch is >= '\u4e00' and <= '\u9fff');
        var store = new EnablerStore(db, clock);
        var key = await FreeKeyAsync(store, name, ct);
        var enabler = await store.AddAsync(new Enabler(key, enablerType, chinese ? null : a.Display, chinese ? a.Display : null,
            a.Display == name ? [] : [name], Region.None, null, null, $"patents:applicant {name}"), username, ct);
        await using (var c = await db.OpenAsync(ct))
        {
            await using var tx = await Database.BeginWriteAsync(c, ct);
            await c.ExecuteAsync("UPDATE patents_applicants SET enabler_id = @id WHERE name = @name", new { id = enabler.Id, name }, tx);
            await Audit.WriteAsync(c, tx, clock, username, "link", "patents_applicant", name, enabler.Key);
            await tx.CommitAsync(ct);
        }
        var links = await new CoPatents(db, clock).LinkAsync(username, ct);
        return new EnablerCreated(name, enabler.Key, enabler.Id, enablerType.Code, links);
    }

    /// <summary>A registry key from the name: "pat-" and its ASCII letters and digits (a hash for names without any,
    /// e.g. Chinese ones), with "-2", "-3"… when taken.</summary>
    static async Task<string> FreeKeyAsync(EnablerStore store, string name, CancellationToken ct)
    {
        var slug = string.Join('-', new string(name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length == 0) slug = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..10].ToLowerInvariant();
        var stem = "pat-" + (slug.Length > 50 ? slug[..50].TrimEnd('-') : slug);
        var key = stem;
        for (var i = 2; await store.GetByKeyAsync(key, ct) is not null; i++) key = $"{stem}-{i}";
        return key;
    }
}
