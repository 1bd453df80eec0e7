using System.IO.Compression;
using Archipelago.Kernel.Import;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// A file to import as the analyst has it: plain, gzip-compressed (<c>.gz</c>), or inside a zip archive (<c>.zip</c>;
/// USPTO publishes its weekly full-text files and PatentsView its bulk tables zipped) — told apart by their first bytes,
/// not their names; tar, bzip2, xz, 7-Zip and RAR files are refused with what they are. Compressed data is decompressed
/// as it is read, never unpacked to disk, so an import of a compressed file keeps the plain file's constant memory and
/// its progress (the share of the compressed bytes read). A zip archive must hold one file of a type the importers
/// read (<c>.csv .tsv .txt .xml .xlsx</c>; others, such as the DTDs beside some USPTO files, are passed over); a
/// PatentsView archive may hold <c>g_patent.tsv</c> with its side tables. Messages name an archive's file as
/// <c>archive.zip/entry.csv</c>.
/// </summary>
public sealed class PatentFile
{
    static readonly string[] DataTypes = [".csv", ".tsv", ".txt", ".xml", ".xlsx", ".xlsm"];

    readonly string? entry;
    readonly bool gzip;

    PatentFile(string path, string? entry, bool gzip)
    {
        Path = path;
        this.entry = entry;
        this.gzip = gzip;
        var file = System.IO.Path.GetFileName(path);
        DataName = entry is not null ? System.IO.Path.GetFileName(entry)
            : gzip && file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? file[..^".gz".Length] : file;
        Name = entry is not null ? $"{file}/{entry}" : file;
    }

    /// <summary>The file on disk.</summary>
    public string Path { get; }

    /// <summary>The data's own name: the archive entry's, or the file's without <c>.gz</c> (its type decides the reader).</summary>
    public string DataName { get; }

    /// <summary>How messages name it.</summary>
    public string Name { get; }

    public bool Compressed => gzip || entry is not null;

    /// <summary>The file at <paramref name="path"/>; a zip archive's data file is chosen here (see the class's rules),
    /// and an archive that cannot be read or holds no single one is refused naming what it holds.</summary>
    public static PatentFile Of(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        // The first bytes say what the file is, whatever its name (a download may lose its extension); an .xlsx is a
        // zip archive of its own and is read as a workbook.
        var head = new byte[Tar.Offset + Tar.Magic.Length];
        int read;
        using (var f = File.OpenRead(path)) read = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);
        if (start.StartsWith(GzipMagic))
        {
            var gzip = new PatentFile(path, null, gzip: true);
            using var reading = gzip.Open();
            var inner = new byte[head.Length];
            if (IsTar(inner.AsSpan(0, reading.Data.ReadAtLeast(inner, inner.Length, throwOnEndOfStream: false)))) throw Unreadable(file, "a tar archive");
            return gzip;
        }
        if (IsTar(start)) throw Unreadable(file, "a tar archive");
        foreach (var (magic, kind) in OtherCompression)
            if (start.StartsWith(magic)) throw Unreadable(file, kind);
        var extension = System.IO.Path.GetExtension(file).ToLowerInvariant();
        var zip = start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith("PK\u0005\u0006"u8);
        if (extension is ".gz" || extension is ".zip" && !zip)
            throw new ImportFileException(file, $"the name says {extension} but the file is not {(extension == ".gz" ? "gzip data" : "a zip archive")}; a download that failed may have saved an error page under the name.");
        if (!zip || extension is ".xlsx" or ".xlsm") return new PatentFile(path, null, gzip: false);
        var names = Entries(path, file);
        var data = names.Where(n => DataTypes.Contains(System.IO.Path.GetExtension(n).ToLowerInvariant())).ToList();
        var chosen = data.Count == 1 ? data[0] : data.FirstOrDefault(n => System.IO.Path.GetFileName(n) == PatentsViewSource.PatentTable);
        if (chosen is not null) return new PatentFile(path, chosen, gzip: false);
        throw new ImportFileException(file, data.Count == 0
            ? $"the archive holds no file to import (it holds {Listed(names)}); the importers read {string.Join(", ", DataTypes)}."
            : $"the archive holds {data.Count} files to import ({Listed(data)}); import them one at a time (unzip it, or zip one file per archive).");
    }

    /// <summary>A table published beside this one (PatentsView's side tables): in the same archive, or in the same
    /// folder as <paramref name="dataName"/>, <c>.gz</c> or <c>.zip</c>; null when there is none.</summary>
    public PatentFile? Beside(string dataName)
    {
        if (entry is not null)
        {
            var inArchive = Entries(Path, System.IO.Path.GetFileName(Path)).FirstOrDefault(n => System.IO.Path.GetFileName(n) == dataName);
            if (inArchive is not null) return new PatentFile(Path, inArchive, gzip: false);
        }
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        foreach (var candidate in new[] { dataName, dataName + ".gz", dataName + ".zip" })
            if (File.Exists(System.IO.Path.Combine(folder, candidate))) return Of(System.IO.Path.Combine(folder, candidate));
        return null;
    }

    /// <summary>Opens the data for one reading from its start.</summary>
    public Reading Open() => new(this);

    /// <summary>One reading of the data: <see cref="Data"/> is the plain bytes, <see cref="Fraction"/> how far into the
    /// file on disk it has got.</summary>
    public sealed class Reading : IDisposable
    {
        readonly FileStream disk;
        readonly ZipArchive? archive;

        internal Reading(PatentFile file)
        {
            disk = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            try
            {
                if (file.entry is not null)
                {
                    archive = new ZipArchive(disk, ZipArchiveMode.Read, leaveOpen: true);
                    Data = new Unpacked(archive.GetEntry(file.entry)!.Open(), file.Name);
                }
                else Data = file.gzip ? new Unpacked(new GZipStream(disk, CompressionMode.Decompress, leaveOpen: true), file.Name) : disk;
            }
            catch (InvalidDataException e)
            {
                disk.Dispose();
                throw new ImportFileException(file.Name, $"the compressed data cannot be read ({e.Message}); the file may be cut short or damaged.");
            }
        }

        public Stream Data { get; }

        public double Fraction => Math.Min(1, (double)disk.Position / Math.Max(1, disk.Length));

        public void Dispose()
        {
            if (!ReferenceEquals(Data, disk)) Data.Dispose();
            archive?.Dispose();
            disk.Dispose();
        }
    }

    static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    static readonly (byte[] Magic, string Kind)[] OtherCompression =
    [
        ("BZh"u8.ToArray(), "compressed with bzip2"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "compressed with xz"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ("Rar!"u8.ToArray(), "a RAR archive"),
    ];

    /// <summary>A POSIX tar header: "ustar" at byte 257.</summary>
    static class Tar
    {
        public const int Offset = 257;
        public static ReadOnlySpan<byte> Magic => "ustar"u8;
    }

    static bool IsTar(ReadOnlySpan<byte> head) => head.Length >= Tar.Offset + Tar.Magic.Length && head[Tar.Offset..].StartsWith(Tar.Magic);

    static ImportFileException Unreadable(string file, string kind) =>
        new(file, $"the file is {kind}, which the import does not read; unpack it and import the file inside (or compress that file as .gz or .zip).");

    static List<string> Entries(string path, string file)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            // Folders, and the metadata macOS's archiver adds beside each file, hold no data.
            return archive.Entries.Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith('.'))
                .Select(e => e.FullName).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new ImportFileException(file, $"it is not a zip archive that can be read ({e.Message}); the download may be cut short.");
        }
    }

    static string Listed(List<string> names) => names.Count == 0 ? "nothing" : string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");

    /// <summary>Decompressed bytes; data that stops making sense (a cut or damaged file) is an import error naming the
    /// file, not a crash.</summary>
    sealed class Unpacked(Stream inner, string name) : ForwardStream
    {
        public override int Read(Span<byte> buffer)
        {
            try { return inner.Read(buffer); }
            catch (InvalidDataException e) { throw new ImportFileException(name, $"the compressed data cannot be read ({e.Message}); the file may be cut short or damaged."); }
        }

        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
