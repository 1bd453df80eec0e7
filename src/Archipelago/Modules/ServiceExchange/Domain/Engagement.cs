using Archipelago.Kernel;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>The states of an engagement: request → proposal → accepted → in progress → delivered → rated, or
/// declined / cancelled (with a reason) on the way.</summary>
public static class EngagementState
{
    public const string Request = "request";
    public const string Proposal = "proposal";
    public const string Accepted = "accepted";
    public const string InProgress = "in_progress";
    public const string Delivered = "delivered";
    public const string Rated = "rated";
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";
    public static IReadOnlyList<string> All { get; } = [Request, Proposal, Accepted, InProgress, Delivered, Rated, Declined, Cancelled];
    public static bool IsFinal(string s) => s is Rated or Declined or Cancelled;
}

/// <summary>The side of an engagement the acting user is on.</summary>
public enum Party { Client, Provider, Operator }

/// <summary>What a party does to an engagement.</summary>
public static class EngagementStep
{
    public const string Propose = "propose";
    public const string Accept = "accept";
    public const string Start = "start";
    public const string Deliver = "deliver";
    public const string Rate = "rate";
    public const string Decline = "decline";
    public const string Cancel = "cancel";
    public static IReadOnlyList<string> All { get; } = [Propose, Accept, Start, Deliver, Rate, Decline, Cancel];

    static readonly (string Step, string From, Party By, string To)[] Table =
    [
        (Propose, EngagementState.Request, Party.Provider, EngagementState.Proposal),
        (Accept, EngagementState.Proposal, Party.Client, EngagementState.Accepted),
        (Start, EngagementState.Accepted, Party.Provider, EngagementState.InProgress),
        (Deliver, EngagementState.InProgress, Party.Provider, EngagementState.Delivered),
        (Rate, EngagementState.Delivered, Party.Client, EngagementState.Rated),
        (Decline, EngagementState.Request, Party.Provider, EngagementState.Declined),
        (Decline, EngagementState.Proposal, Party.Client, EngagementState.Declined),
        (Cancel, EngagementState.Request, Party.Client, EngagementState.Cancelled),
        (Cancel, EngagementState.Proposal, Party.Provider, EngagementState.Cancelled),
        (Cancel, EngagementState.Accepted, Party.Client, EngagementState.Cancelled),
        (Cancel, EngagementState.Accepted, Party.Provider, EngagementState.Cancelled),
        (Cancel, EngagementState.InProgress, Party.Client, EngagementState.Cancelled),
        (Cancel, EngagementState.InProgress, Party.Provider, EngagementState.Cancelled),
    ];

    /// <summary>The steps <paramref name="party"/> may take from <paramref name="state"/> (operators may cancel any open engagement).</summary>
    public static IReadOnlyList<string> Allowed(string state, Party party) =>
        party == Party.Operator
            ? (EngagementState.IsFinal(state) || state == EngagementState.Delivered ? [] : [Cancel])
            : Table.Where(t => t.From == state && t.By == party).Select(t => t.Step).Distinct().ToList();

    /// <summary>The state after the step, or a refusal: <c>unknown_step</c>, <c>bad_transition</c> (not from this
    /// state), <c>not_your_step</c> (the other party's), <c>reason_required</c> (declining and cancelling need one).</summary>
    public static string Next(string state, string step, Party party, string? reason)
    {
        if (!All.Contains(step)) throw new DomainException("unknown_step", $"Unknown step '{step}'. Use one of: {string.Join(", ", All)}.", "step");
        if (step is Decline or Cancel && string.IsNullOrWhiteSpace(reason))
            throw new DomainException("reason_required", $"To {step} an engagement, give a reason.", "reason");
        if (party == Party.Operator && step == Cancel && Allowed(state, party).Contains(Cancel)) return EngagementState.Cancelled;
        var candidates = Table.Where(t => t.Step == step && t.From == state).ToList();
        if (candidates.Count == 0)
            throw new DomainException("bad_transition", $"An engagement in state '{state}' cannot be {Past(step)}.", "step");
        return candidates.FirstOrDefault(t => t.By == party) is { Step: not null } hit ? hit.To
            : throw new DomainException("not_your_step", $"In state '{state}', only the {candidates[0].By.ToString().ToLowerInvariant()} may {step}.", "step");
    }

    /// <summary>The English label of a step on pages ("decline" alone means a life-cycle stage elsewhere in the interface).</summary>
    public static string Label(string step) => step == Decline ? "Decline the engagement" : step;

    static string Past(string step) => step switch { Propose => "proposed", Accept => "accepted", Start => "started", Deliver => "delivered", Rate => "rated", Decline => "declined", _ => "cancelled" };
}

/// <summary>An engagement between a client enabler and a provider enabler about a need.</summary>
public sealed record Engagement(long Id, long NeedId, long ClientId, long ProviderId, string State, string? Reason, decimal? Fee, string? Currency,
    DateTimeOffset CreatedAt, DateTimeOffset? ProposedAt, DateTimeOffset? DeliveredAt, DateTimeOffset UpdatedAt, long? JointActionId);

/// <summary>A rating of a delivered engagement by its client: a score of 1–5 and an optional comment.</summary>
public sealed record Rating
{
    public int Score { get; }
    public string? Comment { get; }

    public Rating(int score, string? comment)
    {
        if (score is < 1 or > 5) throw new DomainException("bad_score", "A rating is a score from 1 to 5.", "score");
        Score = score;
        Comment = FreeText.Block(comment, "comment", 2_000);
    }
}
