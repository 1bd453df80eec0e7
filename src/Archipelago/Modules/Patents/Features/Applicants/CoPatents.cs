using System.Security.Cryptography;
using System.Text;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Applicants;

/// <summary>What a link run did: applicants linked, and co-patent joint actions added (of them university–enterprise),
/// brought up to date, and removed (no longer supported by the records, or written per publication by earlier versions).</summary>
public sealed record LinkOutcome(long Linked, long JointActions, long UniversityEnterprise, long Updated = 0, long Removed = 0)
{
    /// <summary>The joint actions part, as pages and the CLI report it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string JointActionsText =>
        $"co-patent joint actions: {JointActions} added ({UniversityEnterprise} university–enterprise), {Updated} updated, {Removed} removed";
}

/// <summary>
/// Links applicants to registry enablers whose English or Chinese name, or an alias, normalises to the same name; then
/// every patent family in which a publication has two or more distinct linked enablers becomes one co-patent joint action
/// (key <c>patent-family-&lt;family&gt;</c>): a co-filing with PCT, US and EP members is one joint action, not one per
/// publication. Its participants are the enablers of the family's co-filed publications, its date the earliest of their
/// priority (else application, else publication) dates. Written through the kernel's <see cref="JointActionStore"/>.
/// Running it again reconciles: new families are added, changed ones updated (value, currency, end and a description
/// written by hand kept), and actions the records no longer support — an applicant unlinked, or the per-publication
/// actions of earlier versions — removed; all of the joint-action changes of a run in one transaction.
/// </summary>
public sealed partial class CoPatents(Database db, TimeProvider clock)
{
    const string SourcePrefix = "patents:";
    const string FamilySource = "patents:family ";

    public async Task<LinkOutcome> LinkAsync(string username, CancellationToken ct = default)
    {
        var byName = new Dictionary<string, Enabler>(StringComparer.Ordinal);
        await foreach (var e in new EnablerStore(db, clock).AllAsync(ct))
            foreach (var n in new[] { e.NameEn, e.NameZh }.Concat(e.Aliases).OfType<string>())
                byName.TryAdd(ApplicantName.Normalise(n), e);
        long linked = 0;
        await using (var c = await db.OpenAsync(ct))
        {
            await using var tx = await Database.BeginWriteAsync(c, ct);
            foreach (var name in (await c.QueryAsync<string>("SELECT name FROM patents_applicants WHERE enabler_id IS NULL", transaction: tx)).ToList())
                if (byName.TryGetValue(name, out var e))
                    linked += await c.ExecuteAsync("UPDATE patents_applicants SET enabler_id = @id WHERE name = @name", new { id = e.Id, name }, tx);
            await tx.CommitAsync(ct);
        }

        List<Applicant> rows;
        await using (var c = await db.OpenAsync(ct))
            rows = (await c.QueryAsync<Applicant>("""
                SELECT r.family_id AS Family, r.publication_number AS Number, r.priority_date AS Priority, r.application_date AS Application,
                       r.publication_date AS Publication, p.enabler_id AS EnablerId, p.kind AS Kind, e.type AS Type
                FROM patents_record_applicants a
                JOIN patents_applicants p ON p.name = a.applicant
                JOIN patents_records r ON r.id = a.record_id
                JOIN kernel_enablers e ON e.id = p.enabler_id
                WHERE p.enabler_id IS NOT NULL
                """)).ToList();
        var wanted = new Dictionary<string, (JointAction Action, bool UniversityEnterprise)>(StringComparer.Ordinal);
        foreach (var family in rows.GroupBy(r => r.Family, StringComparer.Ordinal))
            if (FamilyAction(family.Key, family) is { } a) wanted[a.Action.Key] = a;

        var store = new JointActionStore(db, clock);
        var existing = (await store.InWindowAsync(null, null, [JointActionType.CoPatent.Code], ct))
            .Where(a => a.Source.StartsWith(SourcePrefix, StringComparison.Ordinal)).ToList();
        var updates = new List<JointAction>();
        var deletes = new List<long>();
        foreach (var old in existing)
        {
            if (wanted.TryGetValue(old.Key, out var now) && old.Source == now.Action.Source)
            {
                wanted.Remove(old.Key);
                var description = IsDerived(old.Description) ? now.Action.Description : old.Description;
                if (Same(old, now.Action, description)) continue;
                updates.Add(new JointAction(old.Key, old.Type, now.Action.Start, old.End is { } end && end.CompareTo(now.Action.Start) >= 0 ? end : null,
                    now.Action.Participants, old.Value, old.Currency, description, now.Action.Source) { Id = old.Id });
                continue;
            }
            // A family no longer co-filed between linked enablers, or a per-publication action ("patents:<number>").
            if (old.Source.StartsWith(FamilySource, StringComparison.Ordinal) || !old.Source.Contains(' ')) deletes.Add(old.Id);
        }
        var adds = wanted.Values.OrderBy(w => w.Action.Start.SortKey, StringComparer.Ordinal).ThenBy(w => w.Action.Key, StringComparer.Ordinal).ToList();
        // One transaction: a failure midway leaves the joint actions as they were, not half reconciled.
        var applied = await store.ApplyAsync(new JointActionChanges(adds.Select(w => w.Action).ToList(), updates, deletes), username, ct);
        return new LinkOutcome(linked, applied.Added.Count, adds.Count(w => w.UniversityEnterprise), applied.Updated, applied.Deleted);
    }

    sealed record Applicant(string Family, string Number, string? Priority, string? Application, string? Publication, long EnablerId, string Kind, string Type);

    /// <summary>The family's co-patent joint action, or null when none of its publications has two linked enablers.</summary>
    static (JointAction Action, bool UniversityEnterprise)? FamilyAction(string family, IEnumerable<Applicant> rows)
    {
        var coFiled = rows.GroupBy(r => r.Number, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.EnablerId).Distinct().Count() >= 2)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (coFiled.Count == 0) return null;
        var date = coFiled.Select(g => g.First()).Select(r => r.Priority ?? r.Application ?? r.Publication).OfType<string>().Min(StringComparer.Ordinal);
        if (date is null) return null;
        var all = coFiled.SelectMany(g => g).ToList();
        var uniEnterprise = all.Any(r => r.Type == "university" || r.Kind == "university") && all.Any(r => r.Type == "enterprise");
        var numbers = coFiled.Select(g => g.Key).ToList();
        var notes = new[] { numbers.Count > 1 ? "one family" : null, uniEnterprise ? "university–enterprise" : null }.OfType<string>().ToList();
        var description = $"Co-applicants of {string.Join(", ", numbers.Take(5))}"
            + (numbers.Count > 5 ? $" and {numbers.Count - 5} more publications" : "")
            + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "");
        var participants = all.Select(r => r.EnablerId).Distinct().Order().Select(id => new Participant(id, "co_applicant"));
        return (new JointAction(Key(family), JointActionType.CoPatent.Code, PartialDate.Parse(date), null, participants, null, null,
            description, FamilySource + family), uniEnterprise);
    }

    static bool Same(JointAction a, JointAction b, string? description) =>
        a.Start.Equals(b.Start) && a.Description == description
        && a.Participants.Select(p => (p.EnablerId, p.Role)).Order().SequenceEqual(b.Participants.Select(p => (p.EnablerId, p.Role)).Order());

    /// <summary>Whether a description is in the form <see cref="FamilyAction"/> writes (or empty): the platform's, to
    /// follow the records. Any other was written by a person in the registry and is kept, as value, currency and end are.</summary>
    static bool IsDerived(string? description) => description is null || DerivedDescription().IsMatch(description);

    [System.Text.RegularExpressions.GeneratedRegex(@"^Co-applicants of [^,\s()]+(, [^,\s()]+){0,4}( and \d+ more publications)?( \((one family|university–enterprise|one family; university–enterprise)\))?$")]
    private static partial System.Text.RegularExpressions.Regex DerivedDescription();

    /// <summary>A registry key for the family: <c>patent-family-</c> and the family key, with characters a key cannot hold
    /// replaced, and a long one cut and told apart by a hash of the whole.</summary>
    static string Key(string family)
    {
        var k = "patent-family-" + new string(family.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_').ToArray());
        if (k.Length <= 64) return k;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(family)))[..12];
        return k[..51] + "-" + hash;
    }
}
