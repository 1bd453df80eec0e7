using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using CsvHelper;
using Dapper;

namespace Archipelago.Modules.Surveys;

public sealed record StoredQuestionnaire(long Id, string Title, QuestionnaireDefinition Definition, string PublicKey, long Sent, long? Quota,
    string? ClosesAt, string CreatedBy, string CreatedAt);

/// <summary>Response accounting as seed 002 reports it: sent, returned, excluded (with reasons), valid and the rates.
/// Sent counts the questionnaires sent outside (entered by the owner) plus the one-time links generated.</summary>
public sealed record ResponseAccounting(long Sent, int Returned, int Excluded, int Valid, double? ResponseRate, double? EffectiveRate,
    IReadOnlyList<(string Reason, int Count)> Reasons);

/// <summary>The one-time links of a questionnaire: how many were generated, how many used, and the unused tokens to hand out.</summary>
public sealed record InvitationSummary(int Generated, int Used, IReadOnlyList<string> Unused);

/// <summary>A partly answered questionnaire: its answers so far and the one-time token it came through, if any.</summary>
public sealed record Draft(string ResumeCode, IReadOnlyDictionary<string, string> Answers, string? Token);

/// <summary>Questionnaires, their open and one-time links, drafts saved to resume later and the responses submitted.</summary>
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
    /// is kept but excluded with that reason, as a researcher would after checking the returned questionnaires.
    /// Through a one-time link, the token is used up in the same transaction (a second completion is refused); a
    /// response resumed from a draft removes the draft.</summary>
    public async Task<long> SubmitAsync(StoredQuestionnaire q, IReadOnlyDictionary<string, string?> submitted, CancellationToken ct = default,
        string? token = null, string? resumeCode = null)
    {
        if (await ClosedBecauseAsync(q, ct) is { } why) throw new DomainException("closed", why, "questionnaire");
        var answers = q.Definition.Validate(submitted);
        await CheckEnablersAsync(q, answers, ct);
        var likert = q.Definition.Items.Where(i => i.IsLikert && answers.ContainsKey(i.Code)).Select(i => answers[i.Code]).ToList();
        var excluded = likert.Count >= 5 && likert.Distinct().Count() == 1 ? "straight-lining: every scale answer is the same" : null;
        var now = Now();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (token is not null)
        {
            var used = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE surveys_invitations SET used_at = @now WHERE questionnaire_id = @id AND token = @token AND used_at IS NULL",
                new { id = q.Id, token, now }, tx, cancellationToken: ct));
            if (used != 1) throw new DomainException("link_used", "This one-time link has already been used (or does not exist).", "token");
        }
        var responseId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys_responses (questionnaire_id, answers, submitted_at, excluded_reason) VALUES (@id, @answers, @now, @excluded) RETURNING id",
            new { id = q.Id, answers = JsonSerializer.Serialize(answers), now, excluded }, tx, cancellationToken: ct));
        if (resumeCode is not null)
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM surveys_drafts WHERE questionnaire_id = @id AND resume_code = @resumeCode",
                new { id = q.Id, resumeCode }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return responseId;
    }

    string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An enabler answer must name an enabler of the registry (by key).</summary>
    async Task CheckEnablersAsync(StoredQuestionnaire q, Dictionary<string, string> answers, CancellationToken ct)
    {
        var enablers = new EnablerStore(db, clock);
        foreach (var i in q.Definition.Items.Where(i => i.Kind == ItemKind.Enabler && answers.ContainsKey(i.Code)))
            if (await enablers.GetByKeyAsync(answers[i.Code], ct) is null)
                throw new DomainException("invalid_answer", $"“{answers[i.Code]}” is not an enabler of the registry (“{i.Text}”).", i.Code);
    }

    /// <summary>The enablers a respondent may pick as their own organisation, by name (the first 1000).</summary>
    public async Task<IReadOnlyList<Enabler>> EnablerChoicesAsync(CancellationToken ct = default) =>
        (await new EnablerStore(db, clock).SearchAsync(new EnablerQuery(Take: 1000), ct)).Items;

    /// <summary>Generates <paramref name="count"/> single-use tokens; each link <c>/s/{key}?t={token}</c> takes one completed response.</summary>
    public async Task<IReadOnlyList<string>> InviteAsync(StoredQuestionnaire q, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > 10_000) throw new DomainException("usage", $"Generate between 1 and 10000 one-time links at a time; asked for {count}.", "count");
        var tokens = Enumerable.Range(0, count).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))).ToList();
        var now = Now();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("INSERT INTO surveys_invitations (questionnaire_id, token, created_at) VALUES (@id, @token, @now)",
            tokens.Select(token => new { id = q.Id, token, now }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return tokens;
    }

    sealed record InvitationRow(string Token, string? Used_At);
    sealed record DraftRow(string Answers, string? Invitation_Token);

    public async Task<InvitationSummary> InvitationsAsync(StoredQuestionnaire q, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<InvitationRow>(new CommandDefinition(
            "SELECT token, used_at FROM surveys_invitations WHERE questionnaire_id = @id ORDER BY id", new { id = q.Id }, cancellationToken: ct))).ToList();
        return new InvitationSummary(rows.Count, rows.Count(r => r.Used_At is not null), rows.Where(r => r.Used_At is null).Select(r => r.Token).ToList());
    }

    /// <summary>Null when the one-time token may still be used; otherwise why not.</summary>
    public async Task<string?> TokenRefusedBecauseAsync(StoredQuestionnaire q, string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
            "SELECT token, used_at FROM surveys_invitations WHERE questionnaire_id = @id AND token = @token", new { id = q.Id, token }, cancellationToken: ct));
        return row is null ? "This one-time link does not exist." : row.Used_At is not null ? "This one-time link has already been used." : null;
    }

    /// <summary>Keeps the answers so far under a resume code (a new one, or the code being resumed) and returns the code.</summary>
    public async Task<string> SaveDraftAsync(StoredQuestionnaire q, IReadOnlyDictionary<string, string?> submitted, string? token, string? resumeCode,
        CancellationToken ct = default)
    {
        if (await ClosedBecauseAsync(q, ct) is { } why) throw new DomainException("closed", why, "questionnaire");
        if (token is not null && await TokenRefusedBecauseAsync(q, token, ct) is { } refused) throw new DomainException("link_used", refused, "token");
        var answers = JsonSerializer.Serialize(q.Definition.Draft(submitted));
        await using var c = await db.OpenAsync(ct);
        if (resumeCode is not null && await c.ExecuteAsync(new CommandDefinition(
                "UPDATE surveys_drafts SET answers = @answers, saved_at = @now WHERE questionnaire_id = @id AND resume_code = @resumeCode",
                new { id = q.Id, resumeCode, answers, now = Now() }, cancellationToken: ct)) == 1)
            return resumeCode;
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO surveys_drafts (questionnaire_id, resume_code, invitation_token, answers, saved_at) VALUES (@id, @code, @token, @answers, @now)",
            new { id = q.Id, code, token, answers, now = Now() }, cancellationToken: ct));
        return code;
    }

    public async Task<Draft?> DraftAsync(StoredQuestionnaire q, string resumeCode, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<DraftRow>(new CommandDefinition(
            "SELECT answers, invitation_token FROM surveys_drafts WHERE questionnaire_id = @id AND resume_code = @resumeCode",
            new { id = q.Id, resumeCode }, cancellationToken: ct));
        return row is null ? null : new Draft(resumeCode, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Answers)!, row.Invitation_Token);
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
        var sent = q.Sent + (await InvitationsAsync(q, ct)).Generated;
        return new ResponseAccounting(sent, rows.Count, excluded.Count, valid, sent > 0 ? (double)rows.Count / sent : null,
            sent > 0 ? (double)valid / sent : null, excluded.GroupBy(r => r.Excluded_Reason!).Select(g => (g.Key, g.Count())).ToList());
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
