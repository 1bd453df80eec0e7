using Archipelago.Kernel;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>
/// Where a figure was printed: the <see cref="Publication"/> (a yearbook, a report, a paper), the <see cref="Table"/> (or figure)
/// in it, the <see cref="Page"/> (a page number or another locator such as "§IV ¶2"), and a <see cref="Url"/> (absolute
/// http or https). Any part may be missing; a citation with none is <see cref="IsEmpty"/>. Before structured sources a
/// figure's source was one text, which the migration kept as the publication.
/// </summary>
public sealed record Citation(string? Publication = null, string? Table = null, string? Page = null, string? Url = null)
{
    public static readonly Citation None = new();

    /// <summary>The import's and export's column names, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["source_publication", "source_table", "source_page", "source_url"];

    public bool IsEmpty => Publication is null && Table is null && Page is null && Url is null;

    /// <summary>Empty texts as null, outer spaces trimmed, so that "" and a missing cell are the same citation.</summary>
    public Citation Normalised() => new(Clean(Publication), Clean(Table), Clean(Page), Clean(Url));

    /// <summary>Each part of this citation, or of <paramref name="fallback"/> where this one has none (a file's defaults under a row's own).</summary>
    public Citation Or(Citation fallback) => new(Publication ?? fallback.Publication, Table ?? fallback.Table, Page ?? fallback.Page, Url ?? fallback.Url);

    /// <summary>Null when the citation is acceptable; otherwise the reason (the URL must be an absolute http(s) address).</summary>
    public string? Problem() =>
        Url is null || Uri.TryCreate(Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"'{Url}' is not a web address: source_url takes an absolute http:// or https:// URL.";

    public Citation Validated(string field = "source_url") =>
        Problem() is { } p ? throw new DomainException("bad_source_url", p, field) : this;

    /// <summary>"Publication, table, p. page, URL" — as a reference list prints it; "" when empty.</summary>
    public override string ToString() => string.Join(", ", new[]
    {
        Publication, Table, Page is null ? null : (char.IsDigit(Page[0]) ? "p. " + Page : Page), Url,
    }.Where(s => s is not null));

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
