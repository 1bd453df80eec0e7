using System.Text;
using Archipelago.Kernel;

namespace Archipelago.Modules.ServiceExchange.Domain;

/// <summary>
/// What an attachment really is, from its bytes (content sniffing), not from its name or the type the browser sent.
/// Accepted: PDF, PNG, JPEG, Office Open XML (docx, xlsx, pptx) and plain UTF-8 text (txt, csv, md). The file's
/// extension must agree with its content, so a script renamed to .pdf, or HTML/SVG renamed to .txt, is refused.
/// Attachments are always served as downloads with the content type decided here and <c>nosniff</c>.
/// </summary>
public static class AttachmentType
{
    public const int MaxBytes = 10 * 1024 * 1024;

    static readonly Dictionary<string, string> ByExtension = new()
    {
        [".pdf"] = "application/pdf", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".txt"] = "text/plain; charset=utf-8", [".csv"] = "text/csv; charset=utf-8", [".md"] = "text/plain; charset=utf-8",
    };

    /// <summary>The safe content type of the file, or a refusal: <c>empty_file</c>, <c>file_too_large</c>,
    /// <c>bad_file_name</c>, <c>unsupported_file_type</c>, <c>disguised_file</c>.</summary>
    public static string Check(string? fileName, ReadOnlySpan<byte> content)
    {
        var name = SafeName(fileName);
        if (content.Length == 0) throw new DomainException("empty_file", $"'{name}' is empty.", "file");
        if (content.Length > MaxBytes) throw new DomainException("file_too_large", $"'{name}' is {content.Length / 1024} KB; attachments are limited to {MaxBytes / 1024 / 1024} MB.", "file");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (!ByExtension.TryGetValue(ext, out var type))
            throw new DomainException("unsupported_file_type", $"'{name}': attachments may be {string.Join(", ", ByExtension.Keys)}.", "file");
        var actual = Sniff(content);
        var expected = ext switch { ".pdf" => "pdf", ".png" => "png", ".jpg" or ".jpeg" => "jpeg", ".docx" or ".xlsx" or ".pptx" => "zip", _ => "text" };
        if (actual != expected)
            throw new DomainException("disguised_file", $"'{name}' is named {ext} but its content is {Describe(actual)}.", "file");
        return type;
    }

    /// <summary>A file name safe to store and send back in Content-Disposition: no path, no control characters.</summary>
    public static string SafeName(string? fileName)
    {
        var n = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        n = new string(n.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray());
        if (n.Length == 0 || n.Length > 200 || n.Trim('.').Length == 0)
            throw new DomainException("bad_file_name", "An attachment needs a file name of at most 200 characters.", "file");
        return n;
    }

    static string Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return "pdf";
        if (b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "png";
        if (b.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "jpeg";
        if (b.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 })) return "zip";
        if (b.StartsWith(new byte[] { 0x4D, 0x5A })) return "executable";
        if (b.StartsWith(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })) return "executable";
        if (b.IndexOf((byte)0) >= 0) return "binary";
        string text;
        try { text = new UTF8Encoding(false, true).GetString(b); }
        catch (DecoderFallbackException) { return "binary"; }
        // Markup a browser would render or run, anywhere in the text.
        var lower = text.ToLowerInvariant();
        foreach (var marker in new[] { "<html", "<!doctype", "<script", "<svg", "<iframe", "<body", "<head", "<meta", "<object", "<embed", "<?xml", "javascript:", "onerror=", "onload=" })
            if (lower.Contains(marker)) return "markup";
        return "text";
    }

    static string Describe(string kind) => kind switch
    {
        "markup" => "HTML/SVG/XML markup", "executable" => "an executable program", "binary" => "binary data", "zip" => "a ZIP/Office file",
        "text" => "plain text", _ => kind.ToUpperInvariant(),
    };
}
