using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using CsvHelper;
using Dapper;

namespace Archipelago.Modules.Surveys;

public sealed record StoredQuestionnaire(long Id, string Title, QuestionnaireDefinition Definition, string PublicKey, long Sent, long? Quota,
    string? ClosesAt, string CreatedBy, string CreatedAt);

/// <summary>Response accounting as seed 002 reports it: sent, returned, excluded (with reasons), valid and the rates.</summary>
public sealed record ResponseAccounting(long Sent, int Returned, int Excluded, int Valid, double? ResponseRate, double? EffectiveRate,
    IReadOnlyList<(string Reason, int Count)> Reasons);

/// <summary>Questionnaires, their public links and the responses submitted through them.</summary>
public sealed class QuestionnaireStore(Database db, TimeProvider clock)
{
    public async Task<StoredQuestionnaire> CreateAsync(string title, string definitionText, long sent, long? quota, string? closesAt, string user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("usage", "Give the questionnaire a title.", "title");
        if (sent < 0) throw new DomainException("usage", "The number sent cannot be negative.", "sent");
        if (quota is < 1) throw new DomainException("usage", "A quota must be at least 1.", "quota");
        if (closesAt is { Length: > 0 } && !DateOnly.TryParseExact(closesAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new DomainException("usage", $"Closing date '{closesAt}' is not a date (YYYY-MM-DD).", "closes_at");
        var definition = QuestionnaireDefinition.Parse(definitionText);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await using var c = await db.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys_questionnaires (title, definition, public_key, sent, quota, closes_at, created_by, created_at) " +
            "VALUES (@title, @definition, @key, @sent, @quota, @closesAt, @user, @now) RETURNING id",
            new { title = title.Trim(), definition = JsonSerializer.Serialize(definition), key, sent, quota, closesAt = string.IsNullOrEmpty(closesAt) ? null : closesAt, user, now },
            cancellationToken: ct));
        return new StoredQuestionnaire(id, title.Trim(), definition, key, sent, quota, closesAt, user, now);
    }

    sealed record Row(long Id, string Title, string Definition, string Public_Key, long Sent, long? Quota, string? Closes_At, string Created_By, string Created_At);

    static StoredQuestionnaire ToQuestionnaire(Row r) => new(r.Id, r.Title, JsonSerializer.Deserialize<QuestionnaireDefinition>(r.Definition)!, r.Public_Key, r.Sent,
        r.Quota, r.Closes_At, r.Created_By, r.Created_At);

    const string Columns = "id, title, definition, public_key, sent, quota, closes_at, created_by, created_at";

    public async Task<IReadOnlyList<StoredQuestionnaire>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM surveys_questionnaires ORDER BY id DESC", cancellationToken: ct))).Select(ToQuestionnaire).ToList();
    }

    public async Task<StoredQuestionnaire?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM surveys_questionnaires WHERE id = @id", new { id }, cancellationToken: ct));
        return r is null ? null : ToQuestionnaire(r);
    }

    public async Task<StoredQuestionnaire?> ByKeyAsync(string key, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM surveys_questionnaires WHERE public_key = @key", new { key }, cancellationToken: ct));
        return r is null ? null : ToQuestionnaire(r);
    }

    /// <summary>Null when the link takes responses; otherwise why not (closed, quota reached).</summary>
    public async Task<string?> ClosedBecauseAsync(StoredQuestionnaire q, CancellationToken ct = default)
    {
        if (q.ClosesAt is { } d && DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            return $"This questionnaire closed on {d}.";
        if (q.Quota is { } quota && (await AccountAsync(q, ct)).Returned >= quota) return "This questionnaire has received all the responses it needs.";
        return null;
    }

    /// <summary>Validates and stores one response. A response whose Likert answers are all the same (straight-lining)
    /// is kept but excluded with that reason, as a researcher would after checking the returned questionnaires.</summary>
    public async Task<long> SubmitAsync(StoredQuestionnaire q, IReadOnlyDictionary<string, string?> submitted, CancellationToken ct = default)
    {
        if (await ClosedBecauseAsync(q, ct) is { } why) throw new DomainException("closed", why, "questionnaire");
        var answers = q.Definition.Validate(submitted);
        var likert = q.Definition.Items.Where(i => i.IsLikert && answers.ContainsKey(i.Code)).Select(i => answers[i.Code]).ToList();
        var excluded = likert.Count >= 5 && likert.Distinct().Count() == 1 ? "straight-lining: every scale answer is the same" : null;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys_responses (questionnaire_id, answers, submitted_at, excluded_reason) VALUES (@id, @answers, @now, @excluded) RETURNING id",
            new { id = q.Id, answers = JsonSerializer.Serialize(answers), now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), excluded }, cancellationToken: ct));
    }

    sealed record ResponseRow(long Id, string Answers, string Submitted_At, string? Excluded_Reason);

    async Task<List<ResponseRow>> ResponsesAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ResponseRow>(new CommandDefinition(
            "SELECT id, answers, submitted_at, excluded_reason FROM surveys_responses WHERE questionnaire_id = @id ORDER BY id", new { id }, cancellationToken: ct))).ToList();
    }

    public async Task<ResponseAccounting> AccountAsync(StoredQuestionnaire q, CancellationToken ct = default)
    {
        var rows = await ResponsesAsync(q.Id, ct);
        var excluded = rows.Where(r => r.Excluded_Reason is not null).ToList();
        var valid = rows.Count - excluded.Count;
        return new ResponseAccounting(q.Sent, rows.Count, excluded.Count, valid, q.Sent > 0 ? (double)rows.Count / q.Sent : null,
            q.Sent > 0 ? (double)valid / q.Sent : null, excluded.GroupBy(r => r.Excluded_Reason!).Select(g => (g.Key, g.Count())).ToList());
    }

    /// <summary>The valid responses as a case table's CSV: one column per item in order (choice and text answers as
    /// given); each reverse-keyed item also as <c>code_r</c> = (points + 1) − answer, ready for scale scores.</summary>
    public async Task<string> CasesCsvAsync(StoredQuestionnaire q, CancellationToken ct = default)
    {
        var rows = (await ResponsesAsync(q.Id, ct)).Where(r => r.Excluded_Reason is null).ToList();
        var items = q.Definition.Items.ToList();
        var sb = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(sb, CultureInfo.InvariantCulture);
        csv.WriteField("response");
        foreach (var i in items) { csv.WriteField(i.Code); if (i.Reverse) csv.WriteField(i.Code + "_r"); }
        csv.NextRecord();
        foreach (var r in rows)
        {
            var a = JsonSerializer.Deserialize<Dictionary<string, string>>(r.Answers)!;
            csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var i in items)
            {
                var v = a.GetValueOrDefault(i.Code) ?? "";
                csv.WriteField(v);
                if (i.Reverse) csv.WriteField(v.Length == 0 ? "" : (i.Points + 1 - int.Parse(v, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
            }
            csv.NextRecord();
        }
        csv.Flush();
        return sb.ToString();
    }
}
