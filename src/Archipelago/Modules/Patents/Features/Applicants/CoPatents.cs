using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Applicants;

public sealed record LinkOutcome(long Linked, long JointActions, long UniversityEnterprise);

/// <summary>
/// Links applicants to registry enablers whose English or Chinese name, or an alias, normalises to the same name; then
/// every record with two or more distinct linked enablers becomes one co-patent joint action (key
/// <c>patent-&lt;publication number&gt;</c>, dated by priority, else application, else publication date), written through
/// the kernel's <see cref="JointActionStore"/>. Running it again adds only what is new.
/// </summary>
public sealed class CoPatents(Database db, TimeProvider clock)
{
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
        var actions = new JointActionStore(db, clock);
        long written = 0, universityEnterprise = 0;
        List<(string Number, string? Priority, string? Application, string? Publication, long EnablerId, string Kind, string Type)> rows;
        HashSet<string> existing;
        await using (var c = await db.OpenAsync(ct))
        {
            rows = (await c.QueryAsync<(string, string?, string?, string?, long, string, string)>("""
                SELECT r.publication_number, r.priority_date, r.application_date, r.publication_date, p.enabler_id, p.kind, e.type
                FROM patents_record_applicants a
                JOIN patents_applicants p ON p.name = a.applicant
                JOIN patents_records r ON r.id = a.record_id
                JOIN kernel_enablers e ON e.id = p.enabler_id
                WHERE p.enabler_id IS NOT NULL
                ORDER BY r.publication_number
                """)).ToList();
            existing = (await c.QueryAsync<string>("SELECT key FROM kernel_joint_actions WHERE type = 'co_patent'")).ToHashSet(StringComparer.Ordinal);
        }
        foreach (var g in rows.GroupBy(r => r.Number))
        {
            var enablers = g.Select(r => r.EnablerId).Distinct().ToList();
            if (enablers.Count < 2) continue;
            var key = Key(g.Key);
            if (existing.Contains(key)) continue;
            var first = g.First();
            var date = first.Priority ?? first.Application ?? first.Publication;
            if (date is null) continue;
            var uniEnterprise = g.Any(r => r.Type == "university" || r.Kind == "university") && g.Any(r => r.Type == "enterprise");
            var description = $"Co-applicants of {g.Key}" + (uniEnterprise ? " (university–enterprise)" : "");
            await actions.AddAsync(new JointAction(key, JointActionType.CoPatent.Code, PartialDate.Parse(date), null,
                enablers.Select(id => new Participant(id, "co_applicant")), null, null, description, $"patents:{g.Key}"), username, ct);
            written++;
            if (uniEnterprise) universityEnterprise++;
        }
        return new LinkOutcome(linked, written, universityEnterprise);
    }

    static string Key(string number) => ("patent-" + number) is var k && k.Length <= 64 ? k : k[..64];
}
