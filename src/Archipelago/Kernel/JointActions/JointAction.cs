namespace Archipelago.Kernel.JointActions;

/// <summary>One enabler's part in a joint action: e.g. lead, partner, licensor, investee, attendee.</summary>
public sealed record Participant(long EnablerId, string Role)
{
    public static string CheckRole(string? role)
    {
        var r = string.IsNullOrWhiteSpace(role) ? "participant" : role.Trim().ToLowerInvariant();
        if (r.Length > 40 || !r.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new DomainException("bad_role", $"Role '{role}' must be lower-case letters, digits or '_' (at most 40).", "participants");
        return r;
    }
}

/// <summary>
/// Something enablers did together (seed 004 ch. 5–6). Rules, enforced here: two or more distinct participants (an
/// event with forty organisations is one joint action, not a clique of pairs); an end no earlier than the start; a
/// value only with a three-letter currency code, and never negative; a source naming what created the record.
/// </summary>
public sealed record JointAction
{
    public long Id { get; init; }
    public string Key { get; }
    public string Type { get; }
    public PartialDate Start { get; }
    public PartialDate? End { get; }
    public IReadOnlyList<Participant> Participants { get; }
    public decimal? Value { get; }
    public string? Currency { get; }
    public string? Description { get; }
    public string Source { get; }

    public JointAction(string key, string type, PartialDate start, PartialDate? end, IEnumerable<Participant> participants,
        decimal? value, string? currency, string? description, string source)
    {
        Key = Enablers.Enabler.CheckKey(key);
        Type = JointActionType.CheckCode(type);
        Start = start;
        if (end is { } e && e.CompareTo(start) < 0)
            throw new DomainException("end_before_start", $"The end {e} is before the start {start}.", "end");
        End = end;
        Participants = participants.ToArray();
        if (Participants.Select(p => p.EnablerId).Distinct().Count() != Participants.Count)
            throw new DomainException("repeated_participant", "An enabler is listed twice among the participants.", "participants");
        if (Participants.Count < 2)
            throw new DomainException("too_few_participants", "A joint action needs at least two different participants.", "participants");
        if (value < 0) throw new DomainException("negative_value", "A value cannot be negative.", "value");
        Currency = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
            throw new DomainException("bad_currency", $"Currency '{currency}' is not an ISO 4217 code such as CNY or USD.", "currency");
        if (value is not null && Currency is null)
            throw new DomainException("currency_required", "A value needs its currency.", "currency");
        Value = value;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Source = string.IsNullOrWhiteSpace(source) ? throw new DomainException("source_required", "Every record keeps its source.", "source") : source.Trim();
    }

    public bool Equals(JointAction? o) => o is not null && Id == o.Id && SameFacts(o) && Source == o.Source;
    public override int GetHashCode() => HashCode.Combine(Id, Key, Type, Start);

    /// <summary>Same facts, ignoring id and source.</summary>
    public bool SameFacts(JointAction o) => Key == o.Key && Type == o.Type && Start == o.Start && End == o.End &&
        Participants.OrderBy(p => p.EnablerId).SequenceEqual(o.Participants.OrderBy(p => p.EnablerId)) &&
        Value == o.Value && Currency == o.Currency && Description == o.Description;
}
