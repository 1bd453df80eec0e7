using System.Text.Json;
using Archipelago.Kernel;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// Which column of a delimited export holds which field. A column may name alternatives separated by '|' (the first
/// present is used); names are compared after normalisation (lower case, '_' for spaces). <see cref="Separator"/>
/// splits multi-valued cells (Lens <c>;;</c>, PATENTSCOPE <c>;</c>, WIPO's ritonavir export <c>|</c>).
/// <see cref="Family"/> holds family members (the family key is the smallest member, the record's own
/// <see cref="FamilySelf"/> value included); without it each publication is its own family.
/// The built-in mappings are the documented layouts of each source (docs/patents.md); users save their own for
/// generic CSV/XLSX files and reuse them with <c>--format mapping:NAME</c>.
/// </summary>
public sealed record ColumnMapping
{
    public required string PublicationNumber { get; init; }
    public string? Kind { get; init; }
    public string? Jurisdiction { get; init; }
    public string? DocumentType { get; init; }
    public string? Title { get; init; }
    public string? Abstract { get; init; }
    public string? Claims { get; init; }
    public string? ApplicationNumber { get; init; }
    public string? PriorityDate { get; init; }
    public string? PriorityNumbers { get; init; }
    public string? ApplicationDate { get; init; }
    public string? PublicationDate { get; init; }
    public string? PublicationYear { get; init; }
    public string? Family { get; init; }
    public string? FamilySelf { get; init; }
    public string? Applicants { get; init; }
    public string? Inventors { get; init; }
    public string? Ipc { get; init; }
    public string? Cpc { get; init; }
    /// <summary>The publication's legal status as the source states it (Lens: ACTIVE, PENDING, EXPIRED…), kept upper case.</summary>
    public string? LegalStatus { get; init; }
    public string Separator { get; init; } = ";;";

    /// <summary>The Lens.org export, current (2020s) and older (2016) layouts.</summary>
    public static readonly ColumnMapping Lens = new()
    {
        PublicationNumber = "display_key|publication_number", Kind = "kind", Jurisdiction = "jurisdiction", DocumentType = "document_type|type",
        Title = "title", Abstract = "abstract", Claims = "claims", ApplicationNumber = "application_number",
        PriorityDate = "earliest_priority_date", PriorityNumbers = "priority_numbers", ApplicationDate = "application_date",
        PublicationDate = "publication_date", PublicationYear = "publication_year", Family = "simple_family_members", FamilySelf = "lens_id",
        Applicants = "applicants", Inventors = "inventors", Ipc = "ipcr_classifications", Cpc = "cpc_classifications", LegalStatus = "legal_status",
        Separator = ";;",
    };

    /// <summary>A WIPO PATENTSCOPE result-list export (Publication Number, Publication Date, Title, Priority Data, IPC, Applicants, Inventors).</summary>
    public static readonly ColumnMapping Patentscope = new()
    {
        PublicationNumber = "publication_number", Title = "title", PriorityNumbers = "priority_data", PublicationDate = "publication_date",
        Applicants = "applicants", Inventors = "inventors", Ipc = "ipc", Separator = ";",
    };

    /// <summary>A WIPO patent landscape report table (row no, publication number, kind code, … ipc classes, family members), '|'-separated.</summary>
    public static readonly ColumnMapping WipoLandscape = new()
    {
        PublicationNumber = "publication_number", Kind = "kind_code", Title = "title", PriorityDate = "earliest_priority_date",
        PriorityNumbers = "priority_document", ApplicationDate = "application_date", PublicationDate = "publication_date",
        PublicationYear = "publication_year", Family = "family_members", FamilySelf = "publication_number",
        Applicants = "applicant", Inventors = "inventors", Ipc = "ipc_classes", Separator = "|",
    };

    /// <summary>A Google Patents result CSV (after its 'search URL' line): id, title, assignee, inventor/author, dates; ','-separated names.</summary>
    public static readonly ColumnMapping GooglePatents = new()
    {
        PublicationNumber = "id", Title = "title", PriorityDate = "priority_date", ApplicationDate = "filing/creation_date",
        PublicationDate = "publication_date", Applicants = "assignee", Inventors = "inventor/author", Separator = ",",
    };

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ColumnMapping FromJson(string json, string source)
    {
        try
        {
            var m = JsonSerializer.Deserialize<ColumnMapping>(json, Json) ?? throw new JsonException("empty");
            if (string.IsNullOrWhiteSpace(m.PublicationNumber)) throw new JsonException("publicationNumber is required");
            // Multi-valued cells are split on the separator: an empty one would never move past the start of a cell.
            if (string.IsNullOrEmpty(m.Separator)) throw new JsonException("separator must not be empty (e.g. \";;\" or \";\")");
            return m;
        }
        catch (JsonException e)
        {
            throw new DomainException("bad_mapping", $"{source}: not a column mapping ({e.Message}). It is a JSON object naming columns, e.g. {{\"publicationNumber\": \"Pub No\", \"title\": \"Title\", \"separator\": \";\"}}.", "mapping");
        }
    }
}
