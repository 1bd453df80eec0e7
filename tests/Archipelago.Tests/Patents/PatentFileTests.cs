using System.IO.Compression;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Import;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>Files as they are downloaded: gzip-compressed, or zipped as USPTO and PatentsView publish them. A compressed
/// file must import exactly as the plain file does (the plain imports are checked against the samples elsewhere), and a
/// cut or unreadable archive must be refused naming it, with nothing stored.</summary>
public class PatentFileTests
{
    static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    static string Gzip(string source, string target)
    {
        using var from = File.OpenRead(source);
        using var to = new GZipStream(File.Create(target), CompressionLevel.Fastest);
        from.CopyTo(to);
        return target;
    }

    static string Zip(string target, params (string Entry, byte[] Data)[] entries)
    {
        using var archive = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var (entry, data) in entries)
        {
            using var s = archive.CreateEntry(entry).Open();
            s.Write(data);
        }
        return target;
    }

    /// <summary>Every stored record's fields and links, in publication-number order.</summary>
    static async Task<List<string>> Stored(Database db)
    {
        await using var c = await db.OpenAsync();
        var records = await c.QueryAsync<string>("""
            SELECT publication_number || '|' || COALESCE(title, '') || '|' || COALESCE(abstract, '') || '|' || COALESCE(applicants, '') || '|' ||
                   COALESCE(inventors, '') || '|' || COALESCE(ipc, '') || '|' || COALESCE(cpc, '') || '|' || COALESCE(publication_date, '') || '|' ||
                   COALESCE(priority_date, '') || '|' || COALESCE(family_id, '') || '|' ||
                   (SELECT COUNT(*) FROM patents_record_symbols s WHERE s.record_id = r.id) || '|' ||
                   (SELECT COUNT(*) FROM patents_record_applicants a WHERE a.record_id = r.id)
            FROM patents_records r ORDER BY publication_number
            """);
        return records.ToList();
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ALensExport_GzippedOrZipped_ImportsAsThePlainFile(string dialect)
    {
        var plain = SharedData.Path("patents-lens-sangamo", "lens-export.csv");
        var dir = Folder();
        var gz = Gzip(plain, Path.Combine(dir, "lens-export.csv.gz"));
        // An archive as an archiver makes it: the export in a folder, with macOS's metadata and a file that is no data.
        var zip = Zip(Path.Combine(dir, "sangamo.zip"), ("export/", []), ("export/lens-export.csv", File.ReadAllBytes(plain)),
            ("__MACOSX/export/._lens-export.csv", [0, 5, 22, 7]), ("export/README.pdf", "%PDF-1.4"u8.ToArray()));

        var expected = await TestDatabases.CreateAsync(dialect);
        var reference = await new PatentImport(expected, TimeProvider.System).RunAsync(plain, "auto", "test");
        Assert.True(reference.Committed);
        var records = await Stored(expected);
        Assert.Equal(reference.Created, records.Count);

        foreach (var (file, name) in new[] { (gz, "lens-export.csv.gz"), (zip, "sangamo.zip/export/lens-export.csv") })
        {
            var db = await TestDatabases.CreateAsync(dialect);
            var progress = new List<double>();
            var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test", progress.Add);
            Assert.True(result.Committed, string.Join("\n", result.Errors));
            Assert.Equal(("lens", reference.Rows, reference.Created, reference.WarningCount), (result.Format, result.Rows, result.Created, result.WarningCount));
            Assert.Equal(name, result.File);
            Assert.All(result.Warnings, w => Assert.Equal(name, w.File));
            Assert.Equal(records, await Stored(db));
            // Progress is the share of the compressed file read: it never goes back, and ends full.
            Assert.NotEmpty(progress);
            for (var i = 1; i < progress.Count; i++) Assert.True(progress[i] >= progress[i - 1], string.Join(", ", progress));
            Assert.Equal(1, progress[^1]);
        }
    }

    [Fact]
    public async Task AGzippedExportNotInUtf8_IsReadInItsEncoding()
    {
        // The PATENTSCOPE sample is Mac OS Roman with CR-only lines (its SOURCE.md): the encoding check and the reading
        // each read the decompressed data from its start.
        var gz = Gzip(SharedData.Path("patents-patentscope-pizza", "pizza_medium.csv"), Path.Combine(Folder(), "pizza_medium.csv.gz"));
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(gz, "auto", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(("patentscope", 10000L), (result.Format, result.Rows));
        Assert.Contains(result.Notes, n => n.StartsWith("pizza_medium.csv.gz is not valid UTF-8; read as macintosh", StringComparison.Ordinal));
        await using var c = await db.OpenAsync();
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_applicants WHERE raw_name LIKE '%François%'") > 0);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AZippedUsptoWeeklyFile_IsRecognisedAndRead_ItsDtdPassedOver(string dialect)
    {
        // A weekly grant file (ipgYYMMDD.zip) holds one XML file of concatenated documents, some years a DTD beside it.
        var samples = new[] { "US08926509.xml", "US08927118.xml", "US08930553.xml" }
            .SelectMany(f => File.ReadAllBytes(SharedData.Path("patents-uspto-xml-samples", "xml2014", f))).ToArray();
        var zip = Zip(Path.Combine(Folder(), "ipg150106.zip"), ("ipg150106.xml", samples), ("us-patent-grant-v45-2014-04-03.dtd", "<!ELEMENT x ANY>"u8.ToArray()));
        Assert.Equal("uspto-xml", await PatentImport.DetectAsync(zip, default));
        var db = await TestDatabases.CreateAsync(dialect);
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(zip, "auto", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Created);
        await using var c = await db.OpenAsync();
        // Read off the XML by hand (as in PatentsImportTests.UsptoXml_GrantsAndApplications).
        Assert.Equal("Managing mid-dialog session initiation protocol (SIP) messages",
            await c.QuerySingleAsync<string>("SELECT title FROM patents_records WHERE publication_number = 'US8930553B2'"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PatentsViewTables_ZippedOneByOne_OrInOneArchive_JoinAsThePlainTables(string dialect)
    {
        var tables = PatentsViewAndMappingTests.PatentsViewTables();
        var plainDir = Folder();
        foreach (var (name, text) in tables) File.WriteAllText(Path.Combine(plainDir, name), text);
        var expected = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(expected, TimeProvider.System).RunAsync(Path.Combine(plainDir, "g_patent.tsv"), "auto", "test")).Committed);
        var records = await Stored(expected);
        Assert.Contains(records, r => r.StartsWith("US10000001B2|Anti-PD-1 antibody|An antibody that binds PD-1.|", StringComparison.Ordinal));

        // As PatentsView publishes them: each table its own zip; one side table gzipped instead, to mix the kinds.
        var oneByOne = Folder();
        foreach (var (name, text) in tables)
            if (name == "g_ipc_at_issue.tsv") Gzip(Path.Combine(plainDir, name), Path.Combine(oneByOne, name + ".gz"));
            else Zip(Path.Combine(oneByOne, name + ".zip"), (name, System.Text.Encoding.UTF8.GetBytes(text)));
        // All the tables in one archive.
        var together = Zip(Path.Combine(Folder(), "patentsview-2018.zip"), [.. tables.Select(t => (t.Key, System.Text.Encoding.UTF8.GetBytes(t.Value)))]);

        foreach (var file in new[] { Path.Combine(oneByOne, "g_patent.tsv.zip"), together })
        {
            var db = await TestDatabases.CreateAsync(dialect);
            var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test");
            Assert.Equal("patentsview", result.Format);
            Assert.True(result.Committed, string.Join("\n", result.Errors));
            Assert.Equal(records, await Stored(db));
            Assert.Equal(5, result.Notes.Count(n => n.StartsWith("joined ", StringComparison.Ordinal)));
        }
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ACutGzipFile_IsRefusedNamingIt_AndWhatWasStoredStays(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var dir = Folder();
        var earlier = Path.Combine(dir, "earlier.csv");
        File.WriteAllText(earlier, "Lens ID,Jurisdiction,Display Key,Title\n001,US,US 1 A1,Kept\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(earlier, "auto", "test")).Committed);

        var whole = File.ReadAllBytes(Gzip(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), Path.Combine(dir, "whole.csv.gz")));
        var cut = Path.Combine(dir, "cut.csv.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var e = await Assert.ThrowsAsync<ImportFileException>(() => new PatentImport(db, TimeProvider.System).RunAsync(cut, "auto", "test"));
        Assert.Equal("cut.csv.gz", e.File);
        Assert.Contains("cut short", e.Message);
        await using var c = await db.OpenAsync();
        Assert.Equal(["US1A1"], await c.QueryAsync<string>("SELECT publication_number FROM patents_records"));
    }

    [Fact]
    public async Task WhatAFileIs_IsReadFromItsFirstBytes_NotItsName()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var dir = Folder();
        var plain = SharedData.Path("patents-lens-sangamo", "lens-export.csv");
        // A gzipped export that lost its .gz on the way (a server's Content-Encoding, a rename) imports as the export.
        var renamed = Gzip(plain, Path.Combine(dir, "export.csv"));
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(renamed, "auto", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(("export.csv", "lens", 130L), (result.File, result.Format, result.Created));

        async Task<string> Refused(string file) =>
            (await Assert.ThrowsAsync<ImportFileException>(() => new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test"))).Message;
        // A tar archive, gzipped or not: its first header names the file and has "ustar" at byte 257 (POSIX.1-1988).
        var tar = new byte[1024];
        "lens-export.csv"u8.CopyTo(tar);
        "ustar"u8.CopyTo(tar.AsSpan(257));
        File.WriteAllBytes(Path.Combine(dir, "export.tar"), tar);
        Assert.Equal("export.tar: the file is a tar archive, which the import does not read; unpack it and import the file inside (or compress that file as .gz or .zip).",
            await Refused(Path.Combine(dir, "export.tar")));
        Assert.StartsWith("export.tgz: the file is a tar archive,", await Refused(Gzip(Path.Combine(dir, "export.tar"), Path.Combine(dir, "export.tgz"))));
        // bzip2's stream starts "BZh" and a block size digit; xz's with its six-byte magic.
        File.WriteAllBytes(Path.Combine(dir, "export.csv.bz2"), [.. "BZh91AY&SY"u8]);
        Assert.StartsWith("export.csv.bz2: the file is compressed with bzip2,", await Refused(Path.Combine(dir, "export.csv.bz2")));
        File.WriteAllBytes(Path.Combine(dir, "export.csv.xz"), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0, 4]);
        Assert.StartsWith("export.csv.xz: the file is compressed with xz,", await Refused(Path.Combine(dir, "export.csv.xz")));
        // A failed download saved under the archive's name.
        File.WriteAllText(Path.Combine(dir, "ipg150106.zip"), "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");
        Assert.Equal("ipg150106.zip: the name says .zip but the file is not a zip archive; a download that failed may have saved an error page under the name.",
            await Refused(Path.Combine(dir, "ipg150106.zip")));
        File.WriteAllText(Path.Combine(dir, "lens.csv.gz"), "Lens ID,Display Key\n1,US 1 A1\n");
        Assert.StartsWith("lens.csv.gz: the name says .gz but the file is not gzip data", await Refused(Path.Combine(dir, "lens.csv.gz")));
        await using var c = await db.OpenAsync();
        Assert.Equal(130, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
    }

    [Fact]
    public async Task ArchivesThatHoldNoSingleFileToImport_AreRefusedSayingWhatTheyHold()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var dir = Folder();
        async Task<string> Refused(string file) =>
            (await Assert.ThrowsAsync<ImportFileException>(() => new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test"))).Message;

        var two = Zip(Path.Combine(dir, "two.zip"), ("a.csv", "x\n"u8.ToArray()), ("b.csv", "y\n"u8.ToArray()));
        Assert.Equal("two.zip: the archive holds 2 files to import (a.csv, b.csv); import them one at a time (unzip it, or zip one file per archive).", await Refused(two));
        var none = Zip(Path.Combine(dir, "none.zip"), ("notes.pdf", "%PDF"u8.ToArray()));
        Assert.Contains("none.zip: the archive holds no file to import (it holds notes.pdf)", await Refused(none));
        var workbook = Zip(Path.Combine(dir, "book.zip"), ("book.xlsx", "PK"u8.ToArray()));
        Assert.Contains("book.zip/book.xlsx: an .xlsx workbook is compressed already", await Refused(workbook));
        // A download cut short loses the archive's directory, which is at its end.
        var whole = File.ReadAllBytes(Zip(Path.Combine(dir, "whole.zip"), ("a.csv", "Lens ID,Display Key\n1,US 1 A1\n"u8.ToArray())));
        var cut = Path.Combine(dir, "cut.zip");
        File.WriteAllBytes(cut, whole[..(whole.Length - 30)]);
        Assert.StartsWith("cut.zip: it is not a zip archive that can be read", await Refused(cut));
        await using var c = await db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
    }
}
