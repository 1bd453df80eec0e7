using System.Data.Common;
using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.Import;
using Archipelago.Kernel.JointActions;
using Archipelago.Numerics.Finance;
using Dapper;

namespace Archipelago.Modules.Valuation.Features.Deals;

/// <summary>
/// A deal of the register: a joint action between the enabler that grants rights, sells or raises money
/// (<see cref="FromEnablerId"/>: licensor, target, investee) and the one that pays (<see cref="ToEnablerId"/>:
/// licensee, acquirer, investor), with its terms. Amounts are in <see cref="Currency"/> (millions by convention);
/// royalty rates are fractions of net sales; <see cref="Milestones"/> is the total of development, regulatory and
/// sales milestones, of which <see cref="DevelopmentMilestones"/>, <see cref="RegulatoryMilestones"/> and
/// <see cref="SalesMilestones"/> are the parts the announcement distinguishes (the total is their sum when not given;
/// they may add up to less when part of it was not broken down); the disclosed total is the headline figure as
/// announced (the joint action's value).
/// </summary>
public sealed record RegisteredDeal
{
    public static readonly string[] Kinds = ["licence", "option", "co_development", "acquisition", "equity"];
    public static readonly string[] Stages = ["Discovery", "Pre-clinical", "Phase I", "Phase II", "Phase III", "Filing", "Approved"];

    public long ActionId { get; init; }
    public string Key { get; }
    public string Kind { get; }
    public PartialDate Date { get; }
    public long FromEnablerId { get; }
    public long ToEnablerId { get; }
    public string? Asset { get; }
    public string Stage { get; }
    public int StageRank { get; }
    public string? TherapeuticArea { get; }
    public string? Modality { get; }
    public string? Territory { get; }
    /// <summary>Null until stored: then, when not given, whether the two parties are in different countries.</summary>
    public bool? CrossBorder { get; init; }
    public string? Currency { get; }
    public double? Upfront { get; }
    public double? Milestones { get; }
    public double? RoyaltyLow { get; }
    public double? RoyaltyHigh { get; }
    public double? Equity { get; }
    public double? DisclosedTotal { get; }
    public string? Description { get; }
    public double? DevelopmentMilestones { get; }
    public double? RegulatoryMilestones { get; }
    public double? SalesMilestones { get; }

    public RegisteredDeal(string key, string kind, PartialDate date, long fromEnablerId, long toEnablerId, string? asset, string stage,
        string? therapeuticArea, string? modality, string? territory, bool? crossBorder, string? currency, double? upfront, double? milestones,
        double? royaltyLow, double? royaltyHigh, double? equity, double? disclosedTotal, string? description,
        double? developmentMilestones = null, double? regulatoryMilestones = null, double? salesMilestones = null)
    {
        Key = Enabler.CheckKey(key);
        var k = kind?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        if (k is "license") k = "licence";
        if (k is "m&a" or "merger" or "m_and_a") k = "acquisition";
        if (k is "codevelopment") k = "co_development";
        Kind = Kinds.Contains(k) ? k! : throw new DomainException("bad_kind", $"Deal kind '{kind}' is not one of {string.Join(", ", Kinds)}.", "kind");
        Date = date;
        if (fromEnablerId == toEnablerId) throw new DomainException("same_party", "A deal needs two different parties.", "to");
        FromEnablerId = fromEnablerId;
        ToEnablerId = toEnablerId;
        Asset = Blank(asset);
        var rank = string.IsNullOrWhiteSpace(stage) ? null : DevelopmentPhase.StandardRank(stage);
        if (rank is not int r) throw new DomainException("bad_stage", $"Stage at signing '{stage}' is not one of {string.Join(", ", Stages)}.", "stage");
        StageRank = r;
        Stage = Stages[r];
        TherapeuticArea = Blank(therapeuticArea);
        Modality = Blank(modality);
        Territory = Blank(territory);
        CrossBorder = crossBorder;
        Upfront = Amount(upfront, "upfront");
        Milestones = Amount(milestones, "milestones");
        DevelopmentMilestones = Amount(developmentMilestones, "development_milestones");
        RegulatoryMilestones = Amount(regulatoryMilestones, "regulatory_milestones");
        SalesMilestones = Amount(salesMilestones, "sales_milestones");
        if ((DevelopmentMilestones ?? RegulatoryMilestones ?? SalesMilestones) is not null)
        {
            var parts = (DevelopmentMilestones ?? 0) + (RegulatoryMilestones ?? 0) + (SalesMilestones ?? 0);
            Milestones ??= parts;
            if (parts > Milestones * (1 + 1e-9))
                throw new DomainException("milestone_parts", $"Development, regulatory and sales milestones add up to {parts}, more than the milestone total {Milestones}.", "milestones");
        }
        Equity = Amount(equity, "equity");
        DisclosedTotal = Amount(disclosedTotal, "disclosed_total");
        RoyaltyLow = Rate(royaltyLow, "royalty_low");
        RoyaltyHigh = Rate(royaltyHigh, "royalty_high") ?? RoyaltyLow;
        RoyaltyLow ??= RoyaltyHigh;
        if (RoyaltyLow > RoyaltyHigh)
            throw new DomainException("bad_royalty", $"The lowest royalty rate {RoyaltyLow} is above the highest {RoyaltyHigh}.", "royalty_low");
        Currency = Blank(currency)?.ToUpperInvariant();
        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
            throw new DomainException("bad_currency", $"Currency '{currency}' is not an ISO 4217 code such as CNY or USD.", "currency");
        if (Currency is null && (Upfront ?? Milestones ?? Equity ?? DisclosedTotal) is not null)
            throw new DomainException("currency_required", "Amounts need their currency.", "currency");
        Description = Blank(description);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static double? Amount(double? v, string field) => v is { } x && (!double.IsFinite(x) || x < 0)
        ? throw new DomainException("negative_amount", $"{field} must be a number ≥ 0, got {x}.", field) : v;

    static double? Rate(double? v, string field) => v is { } x && (!double.IsFinite(x) || x < 0 || x > 1)
        ? throw new DomainException("bad_royalty", $"{field} is a fraction of net sales in [0, 1] (8 % is 0.08), got {x}.", field) : v;

    /// <summary>The joint-action type a deal kind is recorded as.</summary>
    public static string ActionType(string kind) => kind switch
    {
        "licence" or "option" => JointActionType.Licence.Code,
        "co_development" => JointActionType.Collaboration.Code,
        "acquisition" => "acquisition",
        _ => JointActionType.Investment.Code,
    };

    /// <summary>The roles of the two parties in the joint action.</summary>
    public static (string From, string To) Roles(string kind) => kind switch
    {
        "acquisition" => ("target", "acquirer"),
        "equity" => ("investee", "investor"),
        "co_development" => ("originator", "partner"),
        _ => ("licensor", "licensee"),
    };

    /// <summary>Upfront as a share of the disclosed total, when both are known.</summary>
    public double? UpfrontShare => Upfront is { } u && DisclosedTotal is { } t && t > 0 ? u / t : null;
}

/// <summary>A stored deal with its parties' display names and keys.</summary>
public sealed record DealRow(RegisteredDeal Deal, string FromKey, string FromName, string ToKey, string ToName);

/// <summary>Filters of the deal list; all optional.</summary>
public sealed record DealQuery(string? Kind = null, string? Stage = null, string? Area = null, string? Modality = null, int? FromYear = null,
    int? ToYear = null, bool? CrossBorder = null, string? Text = null);

/// <summary>Count, disclosed value and median upfront share of a group of deals (a year, a stage, a modality).</summary>
public sealed record DealGroup(string Group, int Count, int Disclosed, IReadOnlyDictionary<string, double> DisclosedValueByCurrency, double? MedianUpfrontShare);

/// <summary>Median, minimum and maximum of one term over comparable deals, and how many deals disclosed it.</summary>
public sealed record TermSummary(string Term, int N, double? Median, double? Min, double? Max);

/// <summary>Deal terms of comparable deals, in one currency (amounts in different currencies are never mixed).</summary>
public sealed record ComparableTerms(string? Currency, int Deals, IReadOnlyList<TermSummary> Terms);

/// <summary>What an import did, or would do: rows read, deals created, and every row and field error.</summary>
public sealed record DealImportOutcome(string File, int Rows, int Created, bool Committed, IReadOnlyList<RowError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The deals register over <c>kernel_joint_actions</c> (the deal as a joint action of two enablers, through the
/// kernel's own columns and rules) and <c>valuation_deals</c> (its terms). A deal and its joint action are written in
/// one transaction; an import writes every row or none.
/// </summary>
public sealed class DealStore(Database db, TimeProvider clock)
{
    public const string Source = "valuation:deals";

    public static readonly string[] Columns =
    [
        "key", "kind", "date", "from_enabler", "to_enabler", "asset", "stage", "therapeutic_area", "modality", "territory",
        "cross_border", "currency", "upfront", "milestones", "royalty_low", "royalty_high", "equity", "disclosed_total", "description",
        "development_milestones", "regulatory_milestones", "sales_milestones",
    ];

    public async Task<RegisteredDeal> AddAsync(RegisteredDeal d, string username, string? source = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var stored = await InsertAsync(c, tx, [d], source ?? Source, ct);
        await Audit.WriteAsync(c, tx, clock, username, "create", "deal", d.Key);
        await tx.CommitAsync(ct);
        return stored[0];
    }

    /// <summary>The parties' countries (for the cross-border flag); every party must be an enabler of the workspace.</summary>
    static async Task<Dictionary<long, string?>> CountriesAsync(DbConnection c, DbTransaction tx, IEnumerable<RegisteredDeal> deals)
    {
        var ids = deals.SelectMany(d => new[] { d.FromEnablerId, d.ToEnablerId }).Distinct().ToArray();
        var countries = new Dictionary<long, string?>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var (id, country) in await c.QueryAsync<(long, string?)>($"SELECT id, country FROM kernel_enablers WHERE id IN ({string.Join(",", chunk)})", transaction: tx))
                countries[id] = country;
        var missing = ids.Where(i => !countries.ContainsKey(i)).ToArray();
        if (missing.Length > 0)
            throw new DomainException("unknown_participant", $"Enabler(s) {string.Join(", ", missing)} are not in this workspace.", "from_enabler");
        return countries;
    }

    /// <summary>Inserts deals as joint actions with participants and terms, under the joint-action table's lock.</summary>
    async Task<IReadOnlyList<RegisteredDeal>> InsertAsync(DbConnection c, DbTransaction tx, IReadOnlyList<RegisteredDeal> deals, string source, CancellationToken ct)
    {
        await db.Dialect.LockAsync(c, tx, "kernel_joint_actions", ct);
        var countries = await CountriesAsync(c, tx, deals);
        var keys = deals.Select(d => d.Key).ToArray();
        foreach (var chunk in keys.Chunk(500))
        {
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++) args.Add("k" + i, chunk[i]);
            var taken = (await c.QueryAsync<string>($"SELECT key FROM kernel_joint_actions WHERE key IN ({string.Join(", ", chunk.Select((_, i) => "@k" + i))})", args, tx)).ToList();
            if (taken.Count > 0) throw new DomainException("duplicate_key", $"Joint action key(s) already used: {string.Join(", ", taken)}.", "key");
        }
        var next = await c.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) + 1 FROM kernel_joint_actions", transaction: tx);
        var now = clock.GetUtcNow().ToString("O");
        var stored = new List<RegisteredDeal>();
        foreach (var d in deals)
        {
            var (fromRole, toRole) = RegisteredDeal.Roles(d.Kind);
            var crossBorder = d.CrossBorder ?? (countries[d.FromEnablerId] is { } a && countries[d.ToEnablerId] is { } b && a != b);
            var action = new JointAction(d.Key, RegisteredDeal.ActionType(d.Kind), d.Date, null, [new Participant(d.FromEnablerId, fromRole), new Participant(d.ToEnablerId, toRole)],
                d.DisclosedTotal is { } t ? (decimal)t : null, d.Currency, Describe(d), source);
            var id = next++;
            var values = JointActionStore.Values(id, action, now);
            await c.ExecuteAsync($"INSERT INTO kernel_joint_actions ({string.Join(", ", JointActionStore.InsertColumns)}) VALUES ({string.Join(", ", JointActionStore.InsertColumns.Select((_, i) => "@p" + i))})",
                EnablerStore.Params(values), tx);
            foreach (var p in action.Participants)
                await c.ExecuteAsync("INSERT INTO kernel_participants (action_id, enabler_id, role) VALUES (@id, @EnablerId, @Role)", new { id, p.EnablerId, p.Role }, tx);
            await c.ExecuteAsync("""
                INSERT INTO valuation_deals (action_id, kind, asset, stage, stage_rank, therapeutic_area, modality, territory, cross_border, upfront, milestones, royalty_low, royalty_high, equity, disclosed_total,
                    development_milestones, regulatory_milestones, sales_milestones)
                VALUES (@id, @Kind, @Asset, @Stage, @rank, @TherapeuticArea, @Modality, @Territory, @cb, @Upfront, @Milestones, @RoyaltyLow, @RoyaltyHigh, @Equity, @DisclosedTotal,
                    @DevelopmentMilestones, @RegulatoryMilestones, @SalesMilestones)
                """, new { id, d.Kind, d.Asset, d.Stage, rank = (long)d.StageRank, d.TherapeuticArea, d.Modality, d.Territory, cb = crossBorder ? 1L : 0L,
                    d.Upfront, d.Milestones, d.RoyaltyLow, d.RoyaltyHigh, d.Equity, d.DisclosedTotal, d.DevelopmentMilestones, d.RegulatoryMilestones, d.SalesMilestones }, tx);
            stored.Add(d with { ActionId = id, CrossBorder = crossBorder });
        }
        await db.Dialect.SyncIdentityAsync(c, tx, "kernel_joint_actions", ct);
        return stored;
    }

    /// <summary>
    /// Rewrites deal <paramref name="id"/> — its joint action (key, type, date, parties, disclosed value, currency,
    /// description; its source kept) and its terms — in one transaction, under the joint-action table's lock, with the
    /// same checks as a new deal. Audited as an update of the deal.
    /// </summary>
    public async Task<RegisteredDeal> UpdateAsync(long id, RegisteredDeal d, string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await db.Dialect.LockAsync(c, tx, "kernel_joint_actions", ct);
        var source = await c.QuerySingleOrDefaultAsync<string>(
            "SELECT a.source FROM kernel_joint_actions a JOIN valuation_deals d ON d.action_id = a.id WHERE a.id = @id", new { id }, tx)
            ?? throw new DomainException("not_found", $"Deal {id} does not exist.");
        var countries = await CountriesAsync(c, tx, [d]);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_joint_actions WHERE key = @Key AND id <> @id", new { d.Key, id }, tx) > 0)
            throw new DomainException("duplicate_key", $"Joint action key '{d.Key}' is already used.", "key");
        var (fromRole, toRole) = RegisteredDeal.Roles(d.Kind);
        var crossBorder = d.CrossBorder ?? (countries[d.FromEnablerId] is { } a && countries[d.ToEnablerId] is { } b && a != b);
        var action = new JointAction(d.Key, RegisteredDeal.ActionType(d.Kind), d.Date, null, [new Participant(d.FromEnablerId, fromRole), new Participant(d.ToEnablerId, toRole)],
            d.DisclosedTotal is { } t ? (decimal)t : null, d.Currency, Describe(d), source);
        await c.ExecuteAsync($"UPDATE kernel_joint_actions SET {JointActionStore.UpdateSet} WHERE id = @p0",
            EnablerStore.Params(JointActionStore.Values(id, action, clock.GetUtcNow().ToString("O"))), tx);
        await c.ExecuteAsync("DELETE FROM kernel_participants WHERE action_id = @id", new { id }, tx);
        foreach (var p in action.Participants)
            await c.ExecuteAsync("INSERT INTO kernel_participants (action_id, enabler_id, role) VALUES (@id, @EnablerId, @Role)", new { id, p.EnablerId, p.Role }, tx);
        await c.ExecuteAsync("""
            UPDATE valuation_deals SET kind = @Kind, asset = @Asset, stage = @Stage, stage_rank = @rank, therapeutic_area = @TherapeuticArea, modality = @Modality,
                territory = @Territory, cross_border = @cb, upfront = @Upfront, milestones = @Milestones, royalty_low = @RoyaltyLow, royalty_high = @RoyaltyHigh,
                equity = @Equity, disclosed_total = @DisclosedTotal, development_milestones = @DevelopmentMilestones,
                regulatory_milestones = @RegulatoryMilestones, sales_milestones = @SalesMilestones
            WHERE action_id = @id
            """, new { id, d.Kind, d.Asset, d.Stage, rank = (long)d.StageRank, d.TherapeuticArea, d.Modality, d.Territory, cb = crossBorder ? 1L : 0L,
                d.Upfront, d.Milestones, d.RoyaltyLow, d.RoyaltyHigh, d.Equity, d.DisclosedTotal, d.DevelopmentMilestones, d.RegulatoryMilestones, d.SalesMilestones }, tx);
        await Audit.WriteAsync(c, tx, clock, username, "update", "deal", d.Key);
        await tx.CommitAsync(ct);
        return d with { ActionId = id, CrossBorder = crossBorder };
    }

    /// <summary>Deletes deal <paramref name="id"/>: its joint action goes through the Kernel's
    /// <see cref="JointActionStore"/> (which audits it), and with it its participants and terms (foreign keys cascade).</summary>
    public async Task<bool> DeleteAsync(long id, string username, CancellationToken ct = default)
    {
        string? key;
        await using (var c = await db.OpenAsync(ct))
            key = await c.QuerySingleOrDefaultAsync<string>("SELECT a.key FROM valuation_deals d JOIN kernel_joint_actions a ON a.id = d.action_id WHERE d.action_id = @id", new { id });
        if (key is null || !await new JointActionStore(db, clock).DeleteAsync(id, username, ct)) return false;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await Database.BeginWriteAsync(c, ct))
        {
            await Audit.WriteAsync(c, tx, clock, username, "delete", "deal", key);
            await tx.CommitAsync(ct);
        }
        return true;
    }

    /// <summary>One deal by its joint action's id, or null.</summary>
    public async Task<DealRow?> GetAsync(long id, bool chinese = false, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(Select + " WHERE a.id = @id", new { id })).Select(r => ToDealRow(r, chinese)).FirstOrDefault();
    }

    /// <summary>One deal by its key, or null.</summary>
    public async Task<DealRow?> GetByKeyAsync(string key, bool chinese = false, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(Select + " WHERE a.key = @key", new { key = key.Trim() })).Select(r => ToDealRow(r, chinese)).FirstOrDefault();
    }

    /// <summary>The joint action's description: what a reader of the kernel registry sees of the deal.</summary>
    static string Describe(RegisteredDeal d) => d.Description ??
        $"{d.Kind.Replace('_', '-')} deal{(d.Asset is { } a ? " for " + a : "")} at {d.Stage}{(d.TherapeuticArea is { } t ? ", " + t : "")}";

    sealed class Row
    {
        public long id; public string key = ""; public string start_date = ""; public string start_precision = ""; public string? currency; public string? description;
        public string kind = ""; public string? asset; public string stage = ""; public string? therapeutic_area; public string? modality; public string? territory;
        public long cross_border; public double? upfront; public double? milestones; public double? royalty_low; public double? royalty_high; public double? equity; public double? disclosed_total;
        public double? development_milestones; public double? regulatory_milestones; public double? sales_milestones;
        public long from_id; public string from_key = ""; public string? from_en; public string? from_zh; public long to_id; public string to_key = ""; public string? to_en; public string? to_zh;
    }

    const string Select = """
        SELECT a.id, a.key, a.start_date, a.start_precision, a.currency, a.description,
               d.kind, d.asset, d.stage, d.therapeutic_area, d.modality, d.territory, d.cross_border, d.upfront, d.milestones, d.royalty_low, d.royalty_high, d.equity, d.disclosed_total,
               d.development_milestones, d.regulatory_milestones, d.sales_milestones,
               f.id AS from_id, f.key AS from_key, f.name_en AS from_en, f.name_zh AS from_zh, t.id AS to_id, t.key AS to_key, t.name_en AS to_en, t.name_zh AS to_zh
        FROM valuation_deals d
        JOIN kernel_joint_actions a ON a.id = d.action_id
        JOIN kernel_participants pf ON pf.action_id = a.id AND pf.role IN ('licensor', 'target', 'investee', 'originator')
        JOIN kernel_enablers f ON f.id = pf.enabler_id
        JOIN kernel_participants pt ON pt.action_id = a.id AND pt.role IN ('licensee', 'acquirer', 'investor', 'partner')
        JOIN kernel_enablers t ON t.id = pt.enabler_id
        """;

    static DealRow ToDealRow(Row r, bool chinese)
    {
        var date = PartialDate.Parse(r.start_date) with { Precision = Enum.Parse<DatePrecision>(r.start_precision, true) };
        var deal = new RegisteredDeal(r.key, r.kind, date, r.from_id, r.to_id, r.asset, r.stage, r.therapeutic_area, r.modality, r.territory, r.cross_border != 0,
            r.currency, r.upfront, r.milestones, r.royalty_low, r.royalty_high, r.equity, r.disclosed_total, r.description,
            r.development_milestones, r.regulatory_milestones, r.sales_milestones) { ActionId = r.id };
        string Name(string? en, string? zh) => (chinese ? zh ?? en : en ?? zh) ?? "";
        return new DealRow(deal, r.from_key, Name(r.from_en, r.from_zh), r.to_key, Name(r.to_en, r.to_zh));
    }

    /// <summary>Deals matching the query, newest first.</summary>
    public async Task<IReadOnlyList<DealRow>> ListAsync(DealQuery q, bool chinese = false, CancellationToken ct = default)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q.Kind)) { clauses.Add("d.kind = @Kind"); args.Add("Kind", q.Kind.Trim().ToLowerInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.Stage))
        {
            var rank = DevelopmentPhase.StandardRank(q.Stage) ?? throw new DomainException("bad_stage", $"Unknown stage '{q.Stage}'.", "stage");
            clauses.Add("d.stage_rank = @Rank"); args.Add("Rank", (long)rank);
        }
        if (!string.IsNullOrWhiteSpace(q.Area)) { clauses.Add("LOWER(d.therapeutic_area) = @Area"); args.Add("Area", q.Area.Trim().ToLowerInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.Modality)) { clauses.Add("LOWER(d.modality) = @Modality"); args.Add("Modality", q.Modality.Trim().ToLowerInvariant()); }
        if (q.FromYear is { } fy) { clauses.Add("a.year >= @FromYear"); args.Add("FromYear", (long)fy); }
        if (q.ToYear is { } ty) { clauses.Add("a.year <= @ToYear"); args.Add("ToYear", (long)ty); }
        if (q.CrossBorder is { } cb) { clauses.Add("d.cross_border = @Cb"); args.Add("Cb", cb ? 1L : 0L); }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            clauses.Add(@"(LOWER(COALESCE(d.asset, '')) LIKE @Text ESCAPE '\' OR LOWER(a.key) LIKE @Text ESCAPE '\' OR LOWER(COALESCE(f.name_en, '')) LIKE @Text ESCAPE '\' OR LOWER(COALESCE(t.name_en, '')) LIKE @Text ESCAPE '\' OR COALESCE(f.name_zh, '') LIKE @Text ESCAPE '\' OR COALESCE(t.name_zh, '') LIKE @Text ESCAPE '\')");
            args.Add("Text", "%" + EnablerStore.EscapeLike(q.Text.Trim().ToLowerInvariant()) + "%");
        }
        var where = clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(Select + where + " ORDER BY a.start_date DESC, a.id DESC", args)).Select(r => ToDealRow(r, chinese)).ToList();
    }

    /// <summary>Counts, disclosed value per currency and median upfront share, grouped by <paramref name="by"/>.</summary>
    public static IReadOnlyList<DealGroup> Analyse(IReadOnlyList<DealRow> deals, Func<RegisteredDeal, string> by) => deals
        .GroupBy(d => by(d.Deal))
        .OrderBy(g => DevelopmentPhase.StandardRank(g.Key) ?? 99).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new DealGroup(g.Key, g.Count(), g.Count(d => d.Deal.DisclosedTotal is not null),
            g.Where(d => d.Deal.DisclosedTotal is not null).GroupBy(d => d.Deal.Currency!).ToDictionary(c => c.Key, c => c.Sum(d => d.Deal.DisclosedTotal!.Value)),
            Median(g.Select(d => d.Deal.UpfrontShare).OfType<double>().ToList())))
        .ToList();

    /// <summary>Deal terms of comparable deals (same stage at signing, same therapeutic area when given), one summary per
    /// currency: medians and ranges of upfront, milestones, royalties, equity and disclosed total, then of the
    /// development, regulatory and sales milestones of the deals that break their milestones down.</summary>
    public static IReadOnlyList<ComparableTerms> Comparables(IReadOnlyList<DealRow> deals) => deals
        .GroupBy(d => d.Deal.Currency)
        .OrderByDescending(g => g.Count())
        .Select(g => new ComparableTerms(g.Key, g.Count(),
        [
            Summary("upfront", g.Select(d => d.Deal.Upfront)),
            Summary("milestones", g.Select(d => d.Deal.Milestones)),
            Summary("royalty_low", g.Select(d => d.Deal.RoyaltyLow)),
            Summary("royalty_high", g.Select(d => d.Deal.RoyaltyHigh)),
            Summary("equity", g.Select(d => d.Deal.Equity)),
            Summary("disclosed_total", g.Select(d => d.Deal.DisclosedTotal)),
            Summary("upfront_share", g.Select(d => d.Deal.UpfrontShare)),
            Summary("development_milestones", g.Select(d => d.Deal.DevelopmentMilestones)),
            Summary("regulatory_milestones", g.Select(d => d.Deal.RegulatoryMilestones)),
            Summary("sales_milestones", g.Select(d => d.Deal.SalesMilestones)),
        ]))
        .ToList();

    static TermSummary Summary(string term, IEnumerable<double?> values)
    {
        var v = values.OfType<double>().ToList();
        return new TermSummary(term, v.Count, Median(v), v.Count == 0 ? null : v.Min(), v.Count == 0 ? null : v.Max());
    }

    /// <summary>The middle value, or the mean of the two middle values (R's <c>median</c>).</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>
    /// Imports deals from a CSV, XLSX or JSON file with <see cref="Columns"/> (enablers by key). Every row is checked
    /// first; any error — a bad value (row and column named), an unknown enabler, a key used twice — and nothing is
    /// stored. With <paramref name="commit"/> false it only reports.
    /// </summary>
    public async Task<DealImportOutcome> ImportAsync(Stream stream, string fileName, bool commit, string username, CancellationToken ct = default)
    {
        var file = Path.GetFileName(fileName);
        var rows = new List<SourceRow>();
        await foreach (var row in TabularFile.ReadAsync(stream, fileName, TabularFile.FormatOf(fileName), ct: ct)) rows.Add(row);
        if (rows.Count > 0)
        {
            var missing = new[] { "key", "kind", "date", "from_enabler", "to_enabler", "stage" }.Where(col => !rows[0].Cells.ContainsKey(col)).ToList();
            if (missing.Count > 0) throw new ImportFileException(file, $"missing column(s) {string.Join(", ", missing)}; the columns are {string.Join(", ", Columns)}.", 1);
            var unknown = rows[0].Cells.Keys.Where(k => !Columns.Contains(k)).ToList();
            if (unknown.Count > 0) throw new ImportFileException(file, $"unknown column(s) {string.Join(", ", unknown)}; the columns are {string.Join(", ", Columns)}.", 1);
        }
        var errors = new List<RowError>();
        var enablers = new EnablerStore(db, clock);
        var keys = new Dictionary<string, long?>(StringComparer.Ordinal);
        async Task<long?> EnablerAsync(string? key)
        {
            if (key is null) return null;
            if (!keys.TryGetValue(key, out var id)) keys[key] = id = (await enablers.GetByKeyAsync(key, ct))?.Id;
            return id;
        }
        var deals = new List<RegisteredDeal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var before = errors.Count;
            void Fail(string? column, string reason) => errors.Add(new RowError(file, r.Number, column, reason));
            double? Num(string column)
            {
                if (r[column] is not { } text) return null;
                var t = text.Trim();
                var percent = t.EndsWith('%');
                if (percent) t = t[..^1];
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return percent ? v / 100 : v;
                Fail(column, $"'{text}' is not a number");
                return null;
            }
            bool? Bool(string column) => r[column]?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "1" or "true" or "yes" or "y" or "是" => true,
                "0" or "false" or "no" or "n" or "否" => false,
                var other => Fail2(column, $"'{other}' is not yes or no"),
            };
            bool? Fail2(string column, string reason) { Fail(column, reason); return null; }
            PartialDate? date = null;
            if (r["date"] is { } dt)
            {
                if (PartialDate.TryParse(dt, out var pd)) date = pd; else Fail("date", $"'{dt}' is not a date; write yyyy, yyyy-MM or yyyy-MM-dd");
            }
            else Fail("date", "required");
            var from = await EnablerAsync(r["from_enabler"]);
            var to = await EnablerAsync(r["to_enabler"]);
            if (r["from_enabler"] is null) Fail("from_enabler", "required");
            else if (from is null) Fail("from_enabler", $"no enabler with key '{r["from_enabler"]}'");
            if (r["to_enabler"] is null) Fail("to_enabler", "required");
            else if (to is null) Fail("to_enabler", $"no enabler with key '{r["to_enabler"]}'");
            var (upfront, milestones, low, high, equity, total) = (Num("upfront"), Num("milestones"), Num("royalty_low"), Num("royalty_high"), Num("equity"), Num("disclosed_total"));
            var (development, regulatory, sales) = (Num("development_milestones"), Num("regulatory_milestones"), Num("sales_milestones"));
            var cross = Bool("cross_border");
            if (r["key"] is { } key && !seen.Add(key)) Fail("key", $"key '{key}' appears twice in the file");
            if (errors.Count > before || date is null || from is null || to is null) continue;
            try
            {
                deals.Add(new RegisteredDeal(r["key"] ?? "", r["kind"] ?? "", date.Value, from.Value, to.Value, r["asset"], r["stage"] ?? "", r["therapeutic_area"], r["modality"],
                    r["territory"], cross, r["currency"], upfront, milestones, low, high, equity, total, r["description"], development, regulatory, sales));
            }
            catch (DomainException e) { Fail(e.Field, e.Message); }
        }
        if (errors.Count > 0 || !commit) return new DealImportOutcome(file, rows.Count, 0, false, errors);
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        try { await InsertAsync(c, tx, deals, "import:" + file, ct); }
        catch (DomainException e) when (e.Code == "duplicate_key")
        {
            return new DealImportOutcome(file, rows.Count, 0, false, [new RowError(file, 0, "key", e.Message)]);
        }
        await Audit.WriteAsync(c, tx, clock, username, "import", "deal", file, $"{deals.Count} deals");
        await tx.CommitAsync(ct);
        return new DealImportOutcome(file, rows.Count, deals.Count, true, []);
    }

    /// <summary>The register as CSV in the import columns (enablers by key), so an export imports again.</summary>
    public async Task<string> ExportCsvAsync(DealQuery q, CancellationToken ct = default)
    {
        static string F(string? s) => s is null ? "" : s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        var csv = new System.Text.StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var r in await ListAsync(q, false, ct))
        {
            var d = r.Deal;
            csv.AppendJoin(',', [F(d.Key), d.Kind, d.Date.ToString(), F(r.FromKey), F(r.ToKey), F(d.Asset), F(d.Stage), F(d.TherapeuticArea), F(d.Modality), F(d.Territory),
                d.CrossBorder == true ? "yes" : "no", d.Currency ?? "", N(d.Upfront), N(d.Milestones), N(d.RoyaltyLow), N(d.RoyaltyHigh), N(d.Equity), N(d.DisclosedTotal), F(d.Description),
                N(d.DevelopmentMilestones), N(d.RegulatoryMilestones), N(d.SalesMilestones)]).Append('\n');
        }
        return csv.ToString();
    }
}
