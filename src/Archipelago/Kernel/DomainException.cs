namespace Archipelago.Kernel;

/// <summary>A broken domain rule. <see cref="Code"/> is stable (clients may switch on it); the message is for people.</summary>
public class DomainException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The input field the rule is about, when there is one (e.g. <c>name_en</c>).</summary>
    public string? Field { get; } = field;
}
