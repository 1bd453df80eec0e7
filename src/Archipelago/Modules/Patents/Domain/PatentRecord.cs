namespace Archipelago.Modules.Patents.Domain;

/// <summary>
/// One patent publication as the importers deliver it, already cleaned: publication number normalised (upper case, no
/// spaces, '/' or '-'), dates checked, applicants and inventors split and trimmed, classification symbols parsed.
/// <see cref="FamilyId"/> groups publications of one family (the source's family key, or the publication itself).
/// <see cref="LegalStatus"/> is the source's status of the publication, upper case (Lens: ACTIVE, PENDING, EXPIRED,
/// INACTIVE, DISCONTINUED…), or null when the source gives none.
/// </summary>
public sealed record PatentRecord(
    string PublicationNumber, string Jurisdiction, string? Kind, string? DocumentType,
    string? Title, string? Abstract, string? Claims, string? ApplicationNumber,
    DateOnly? PriorityDate, DateOnly? ApplicationDate, DateOnly? PublicationDate, int? PublicationYear,
    string FamilyId, IReadOnlyList<string> Applicants, IReadOnlyList<string> Inventors,
    IReadOnlyList<IpcCode> Ipc, IReadOnlyList<IpcCode> Cpc, string? LegalStatus = null)
{
    /// <summary>Upper case without spaces, '/', '-' or '.' (<c>US 2013/0101709 A1</c> → <c>US20130101709A1</c>).</summary>
    public static string NormaliseNumber(string raw) =>
        new(raw.Trim().ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('/' or '-' or '.' or ',')).ToArray());

    /// <inheritdoc cref="NormaliseNumber(string)"/>
    public static string NormaliseNumber(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Ascii.IsValid(utf8)) return NormaliseNumber(System.Text.Encoding.UTF8.GetString(utf8));
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var n = 0;
        foreach (var b in utf8)
            if (!char.IsWhiteSpace((char)b) && b is not ((byte)'/' or (byte)'-' or (byte)'.' or (byte)','))
                chars[n++] = char.ToUpperInvariant((char)b);
        return new string(chars[..n]);
    }
}
