using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>The fast import path: the hand-written delimited reader, the word index's preparation of CJK text, and
/// writing rows once (re-imports and repeats inside a file) on both databases.</summary>
public class PatentsSpeedPathTests
{
    static List<string[]> Records(string text, char? delimiter = null) => Records(System.Text.Encoding.UTF8.GetBytes(text), delimiter);

    static List<string[]> Records(byte[] utf8, char? delimiter = null)
    {
        var reader = new DelimitedReader(new MemoryStream(utf8)) { Delimiter = (byte?)delimiter };
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Cells.Texts());
        return rows;
    }

    [Fact]
    public void Reader_QuotesLineBreaksAndLineEnds()
    {
        // RFC 4180: doubled quotes, delimiters and line breaks inside quotes; CRLF, LF and lone CR line ends; blank lines.
        var rows = Records("a,b,c\r\n\"x, \"\"y\"\"\",\"line1\nline2\",\r\n\r\n1,2,3\r4,5,6\n7,,\"\"");
        Assert.Equal(5, rows.Count);
        Assert.Equal(["a", "b", "c"], rows[0]);
        Assert.Equal(["x, \"y\"", "line1\nline2", ""], rows[1]);
        Assert.Equal(["1", "2", "3"], rows[2]);
        Assert.Equal(["4", "5", "6"], rows[3]);
        Assert.Equal(["7", "", ""], rows[4]);
    }

    [Fact]
    public void Reader_SloppyQuotesAndTruncation_AndTheDelimiterFromTheFirstLine()
    {
        // A quote inside an unquoted field is text; text after a closing quote is kept; an open quote at the end of a
        // truncated file ends the field there.
        Assert.Equal([["ab\"c", "\"d\"e", "open to the end\n"]], Records("ab\"c,\"\"\"d\"\"\"e,\"open to the end\n"));
        Assert.Equal([["a", "b;c"], ["1", "2,3"]], Records("a\tb;c\n1\t2,3\n"));
        Assert.Equal([["a", "b"], ["1", "2"]], Records("a;b\n1;2\n"));
        var reader = new DelimitedReader(new MemoryStream("h1,h2\n\nx,y\n"u8.ToArray()));
        reader.Read();
        reader.Read();
        Assert.Equal(2, reader.Cells.Number); // the record's number: blank lines are not counted
        // A UTF-8 byte order mark is no part of the first cell.
        Assert.Equal([["a", "b"], ["1", "2"]], Records([0xEF, 0xBB, 0xBF, .. "a,b\n1,2\n"u8]));
    }

    /// <summary>The reader against CsvHelper (a second RFC 4180 implementation) on quoted fields of every kind laid over
    /// its 64 KB block ends: delimiters, doubled quotes and line breaks inside quotes, CJK and four-byte characters, empty
    /// and quoted-empty cells, CRLF and LF line ends.</summary>
    [Fact]
    public void Reader_AgreesWithCsvHelper_AcrossBlockEnds()
    {
        var random = new Random(4180);
        string[] pieces = ["a", "抗体", "😀", "x,y", "say \"hi\"", "line\nbreak", "crlf\r\ninside", " ", "é", new string('z', 70_000)];
        var rows = new List<string[]>();
        for (var r = 0; r < 400; r++)
        {
            var cells = new string[5];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length - (r % 40 == 0 ? 0 : 1))]));
            rows.Add(cells);
        }
        var text = new System.Text.StringBuilder("h1,h2,h3,h4,h5\r\n");
        foreach (var row in rows)
            text.Append(string.Join(",", row.Select((v, i) => v.Length > 0 && (v.IndexOfAny([',', '"', '\n', '\r']) >= 0 || i % 2 == 0) ? $"\"{v.Replace("\"", "\"\"")}\"" : v)))
                .Append(random.Next(2) == 0 ? "\n" : "\r\n");
        var ours = Records(text.ToString());

        using var csv = new CsvHelper.CsvParser(new StringReader(text.ToString()), System.Globalization.CultureInfo.InvariantCulture);
        var theirs = new List<string[]>();
        while (csv.Read()) theirs.Add(csv.Record!);
        Assert.Equal(rows.Count + 1, ours.Count);
        Assert.Equal(theirs.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++) Assert.Equal(theirs[i], ours[i]);
        Assert.Equal(rows, ours.Skip(1));
    }

    [Theory]
    [InlineData("  A61K 38/00 ")]
    [InlineData("\u3000北京大学\u00a0")]
    [InlineData("\t\r\n")]
    [InlineData("")]
    [InlineData("x\u2003 y")]
    public void Utf8Trim_IsStringTrim(string text) =>
        Assert.Equal(text.Trim(), Utf8Text.Decode(Utf8Text.Trim(System.Text.Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("NA")]
    [InlineData(" null ")]
    [InlineData("-")]
    [InlineData("N/A\u3000")]
    [InlineData("None of these")]
    [InlineData("n/a")]
    [InlineData("                                        ")]
    [InlineData("                                        x")]
    public void MissingMarkers_AreTheSameInUtf8(string text) =>
        Assert.Equal(Modules.Patents.Domain.PatentDate.IsMissing(text), Modules.Patents.Domain.PatentDate.IsMissing(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("us 2013/0101709 a1")]
    [InlineData(" EP-1.234,567 B1 ")]
    [InlineData("CN\u3000１２３A")]
    public void PublicationNumbers_NormaliseTheSameFromUtf8(string raw) =>
        Assert.Equal(Modules.Patents.Domain.PatentRecord.NormaliseNumber(raw), Modules.Patents.Domain.PatentRecord.NormaliseNumber(System.Text.Encoding.UTF8.GetBytes(raw)));

    [Theory]
    [InlineData("US1", "US2")]
    [InlineData("EP10", "EP1")]
    [InlineData("\uE000", "😀")] // UTF-8 puts U+E000 first, UTF-16 the surrogate pair
    [InlineData("抗", "abc")]
    public void Utf8Order_IsStringOrdinalOrder(string a, string b) =>
        Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Utf8Text.CompareOrdinal(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b)));

    [Fact]
    public void Spellings_ParseEachSpellingOnce_AndStayRightWhenEmptiedFull()
    {
        var spellings = new Spellings<string>();
        var parsed = 0;
        string Get(string s) => spellings.Get(System.Text.Encoding.UTF8.GetBytes(s), t => { parsed++; return t.ToUpperInvariant(); });
        Assert.Equal("A61K 38/00", Get("a61k 38/00"));
        Assert.Equal("A61K 38/00", Get("a61k 38/00"));
        Assert.Equal("A61K 39/00", Get("a61k 39/00")); // differs in one byte inside the first eight
        Assert.Equal(2, parsed);
        // Spellings that share a long start (the first 16 bytes are held apart from the rest), differ only past it at one
        // length, or differ only in length (trailing NUL bytes) stay apart.
        string[] near = ["acme biotech co shanghai", "acme biotech co beijing", "acme biotech co shanghaj", "acme biotech co ", "acme biotech co s",
            "acme biotech c", "ab", "ab\0", "ab\0\0"];
        foreach (var s in near) Assert.Equal(s.ToUpperInvariant(), Get(s));
        foreach (var s in near) Assert.Equal(s.ToUpperInvariant(), Get(s));
        Assert.Equal(2 + near.Length, parsed);
        // Past the bound (200,000 spellings) the map starts again; every answer stays that spelling's own.
        for (var i = 0; i < 250_000; i++) Assert.Equal($"N{i}", Get($"n{i}"));
        for (var i = 249_000; i < 250_000; i++) Assert.Equal($"N{i}", Get($"n{i}"));
        Assert.Equal(2 + near.Length + 250_000, parsed);
        Assert.Equal("北京大学", Get("北京大学"));
    }

    [Fact]
    public void EncodingCheck_ValidatesTheWholeFile_AcrossBlockEnds()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        string Detect(byte[] bytes)
        {
            var path = Temp("enc.csv", "");
            File.WriteAllBytes(path, bytes);
            var log = new ImportLog("enc.csv");
            var encoding = PatentCsv.DetectEncoding(PatentFile.Of(path), log);
            return encoding is System.Text.UTF8Encoding ? (log.Notes.Count == 0 ? "utf-8" : "utf-8 with a note") : encoding.WebName;
        }
        // Three- and four-byte characters laid over every 64 KB block end (one to three bytes before and after it).
        var text = new System.Text.StringBuilder("a,b\n");
        for (var i = 0; text.Length < 300_000; i++) text.Append(i % 3 == 0 ? "抗体" : i % 3 == 1 ? "😀x" : "é");
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text.ToString());
        for (var shift = 0; shift < 4; shift++) Assert.Equal("utf-8", Detect([.. new byte[shift].Select(_ => (byte)'x'), .. utf8]));
        // One bad byte far past the first block, and a lone continuation byte, are found.
        var bad = (byte[])utf8.Clone();
        bad[200_001] = 0xFF;
        Assert.NotEqual("utf-8", Detect(bad));
        Assert.NotEqual("utf-8", Detect([.. "a,b\n"u8.ToArray(), 0x80, (byte)'\n']));
        // A file cut inside its last character is UTF-8 still (the reader marks the cut character).
        Assert.Equal("utf-8", Detect(utf8[..^1]));
        // Other encodings, as before: GB18030 Chinese, Windows-1252 accents.
        Assert.Equal("gb18030", Detect(System.Text.Encoding.GetEncoding("gb18030").GetBytes("title,applicant\n一种单克隆抗体,北京大学\n")));
        Assert.Equal("windows-1252", Detect(System.Text.Encoding.GetEncoding(1252).GetBytes("title,applicant\nAnticorps humanisé,Société Générale\n")));
        // UTF-16 by its byte order mark (Excel's "Unicode text").
        Assert.Equal("utf-16", Detect([.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("title\tapplicant\n抗体\t北京大学\n")]));
        Assert.Equal("utf-16BE", Detect([.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes("title\n抗体\n")]));
    }

    /// <summary>A file read as UTF-8 at once is checked as it is read: characters cut by the reader's 64 KB blocks pass,
    /// and a byte that is not UTF-8 far past the first block is found.</summary>
    [Fact]
    public async Task ReadingAsUtf8_ChecksAsItReads_AcrossBlockEnds()
    {
        var text = new System.Text.StringBuilder("a,b\n");
        for (var i = 0; text.Length < 300_000; i++) text.Append(i % 3 == 0 ? "抗体" : i % 3 == 1 ? "😀x" : "é").Append(i % 50 == 49 ? "\n" : "");
        var lines = text.ToString().Split('\n').Skip(1).Count(l => l.Length > 0);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text.ToString());
        async Task<int> Rows(byte[] bytes)
        {
            var path = Temp("checked.csv", "");
            File.WriteAllBytes(path, bytes);
            var n = 0;
            await foreach (var _ in PatentCsv.ReadCellsAsync(PatentFile.Of(path), new ImportLog("checked.csv"), _ => { }, null, checkWhileReading: true, CancellationToken.None)) n++;
            return n;
        }
        // Three- and four-byte characters over every block end (the text shifted by one to three bytes).
        for (var shift = 0; shift < 4; shift++) Assert.Equal(lines, await Rows([.. Enumerable.Repeat((byte)'x', shift), .. utf8]));
        var bad = (byte[])utf8.Clone();
        bad[200_001] = 0xFF;
        await Assert.ThrowsAsync<PatentCsv.NotUtf8Exception>(() => Rows(bad));
    }

    /// <summary>A file whose first 64 KB are UTF-8 but a later row is not (Windows-1252 here) is imported in full, read
    /// again in its encoding after the check finds the row, with the note that says so; its progress never goes back
    /// (the first reading reports every 8,192 rows: more than once before it meets the row, so a second reading that
    /// started its bar again would report less than the first had).</summary>
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AFileThatTurnsOutNotUtf8_IsReadAgainInItsEncoding(string dialect)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var text = new System.Text.StringBuilder(Header);
        var n = 0;
        for (; n < 4 * 8192 + 100; n++) text.Append($"{n},US,A1,US {n} A1,{n:000},2021-01-01,2021,Zinc finger {n},Nucleases,BETA INC,SMITH JOHN,C12N 15/11\n");
        text.Append("99999,FR,A1,FR 99999 A1,99999,2021-01-01,2021,Anticorps humanisé,Résumé,SOCIÉTÉ GÉNÉRALE,DUPONT JEAN,C07K 16/28\n");
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("late-1252.csv", "");
        File.WriteAllBytes(file, System.Text.Encoding.GetEncoding(1252).GetBytes(text.ToString()));
        var reported = new List<double>();
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test", reported.Add);
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(n + 1, result.Created);
        Assert.True(reported.Count >= 6, string.Join(", ", reported));
        for (var i = 1; i < reported.Count; i++) Assert.True(reported[i] >= reported[i - 1], $"progress went back: {string.Join(", ", reported)}");
        Assert.Equal(1, reported[^1]);
        Assert.Contains(result.Notes, note => note.Contains("windows-1252"));
        await using var c = await db.OpenAsync();
        Assert.Equal(("Anticorps humanisé", "SOCIÉTÉ GÉNÉRALE"), await c.QuerySingleAsync<(string, string)>(
            "SELECT title, applicants FROM patents_records WHERE publication_number = 'FR99999A1'"));
        Assert.Equal(n + 1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
    }

    /// <summary>One export saved in five encodings imports to the same records: the reader works on UTF-8 bytes, and
    /// files in other encodings reach it transcoded.</summary>
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task OneExport_InFiveEncodings_ImportsTheSameRecords(string dialect)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var text = Header +
            "1,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,北京大学;;ACME CO LTD,王伟,C07K 16/28;;A61P 35/00\n" +
            "2,US,A1,US 2 A1,002,2021-01-01,2021,\"Zinc finger, \"\"engineered\"\"\",Nucleases,BETA INC,SMITH JOHN,C12N 15/11\n";
        var encodings = new (string Name, byte[] Bytes)[]
        {
            ("utf-8", System.Text.Encoding.UTF8.GetBytes(text)),
            ("utf-8 with BOM", [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)]),
            ("utf-16", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]),
            ("utf-16BE", [.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes(text)]),
            ("gb18030", System.Text.Encoding.GetEncoding("gb18030").GetBytes(text)),
        };
        foreach (var (name, bytes) in encodings)
        {
            var db = await TestDatabases.CreateAsync(dialect);
            var file = Temp("export.csv", "");
            File.WriteAllBytes(file, bytes);
            var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test");
            Assert.True(result.Committed, name + ": " + string.Join("\n", result.Errors));
            Assert.Equal("lens", result.Format);
            await using var c = await db.OpenAsync();
            var rows = (await c.QueryAsync<(string Number, string Title, string Applicants, string Ipc)>(
                "SELECT publication_number, title, applicants, ipc FROM patents_records ORDER BY publication_number")).ToList();
            Assert.Equal([("CN1A", "一种单克隆抗体", "北京大学;;ACME CO LTD", "C07K 16/28;;A61P 35/00"), ("US2A1", "Zinc finger, \"engineered\"", "BETA INC", "C12N 15/11")], rows);
        }
    }

    [Theory]
    [InlineData("zinc finger nucleases", "zinc finger nucleases")]
    [InlineData("一种单克隆抗体", " 一  种  单  克  隆  抗  体 ")]
    [InlineData("PD-1抗体 for 癌症", "PD-1 抗  体  for  癌  症 ")]
    public void Index_SpacesOutCjkCharacters(string text, string indexed) => Assert.Equal(indexed, SearchIndex.Prepare(text));

    [Theory]
    [InlineData("antibod", "\"antibod\"*")]
    [InlineData("抗体", "\" 抗  体 \"*")]
    [InlineData("zinc \"finger", "\"zinc \"\"finger\"*")]
    [InlineData("%", null)]
    public void Query_IsAPhraseWithAPrefixAtTheEnd(string word, string? query) => Assert.Equal(query, SearchIndex.Query(word));

    [Theory]
    [InlineData("antibod", "'antibod':*")]
    [InlineData("抗体", "'抗' <-> '体':*")]
    [InlineData("covid-19", "'covid' <-> '19':*")]
    [InlineData("it's", "'it' <-> 's':*")]
    [InlineData("%", null)]
    public void PostgresQuery_IsAPhraseOfWordsWithAPrefixAtTheEnd(string word, string? query) => Assert.Equal(query, SearchIndex.PostgresQuery(word));

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task TheWordIndex_FindsWordStarts_HyphenatedWords_AndCjkRuns_OnBothDatabases(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("words.csv", Header +
            "1,CN,A,CN 11 A,011,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28\n" +
            "2,US,A1,US 12 A1,012,2021-01-01,2021,COVID-19 mRNA vaccines,Lipid nanoparticles/antibodies,BETA INC,SMITH JOHN,A61K 39/00\n" +
            "3,US,A1,US 13 A1,013,2021-01-01,2021,Covidence of things,An antibody-free assay at pH 7.5,GAMMA INC,DOE JANE,G01N 33/53\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        var search = new PatentSearch(db);
        async Task<long> Count(string text) => (await search.RunAsync(new PatentFilter(Text: text))).Total;
        Assert.Equal(1, await Count("covid-19"));
        Assert.Equal(2, await Count("covid")); // a word start: COVID and Covidence
        Assert.Equal(2, await Count("antibod")); // after a slash and before a hyphen too
        Assert.Equal(0, await Count("tibod")); // not inside a word
        Assert.Equal(1, await Count("抗体"));
        Assert.Equal(0, await Count("体抗"));
        Assert.Equal(1, await Count("\"mrna vaccines\""));
        Assert.Equal(1, await Count("7.5"));
    }

    const string Header = "#,Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications\n";

    static string Temp(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task RepeatsInAFile_AndReimports_UpdateOnce_AndSearchSeesTheLastText(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        var first = Temp("one.csv", Header +
            "1,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28;;A61P 35/00\n" +
            "2,US,A1,US 2 A1,002,2021-01-01,2021,Zinc finger proteins,Engineered nucleases,BETA INC,SMITH JOHN,C12N 15/11\n" +
            "3,CN,A,CN 1 A,001,2020-01-01,2020,一种疫苗,mRNA 疫苗组合物,ACME CO LTD;;GAMMA UNIV,WANG WEI,A61K 39/00\n");
        var r1 = await import.RunAsync(first, "lens", "test");
        Assert.True(r1.Committed, string.Join("\n", r1.Errors));
        Assert.Equal((3L, 2L, 0L), (r1.Rows, r1.Created, r1.Updated)); // CN1A twice in the file: one record, the last row's
        // The stored landscape counted while reading (no repeats) or from the tables (repeats) is the same as computed afresh.
        var stored = await new PatentLandscape(db).RunAsync(new PatentFilter());
        var computed = await new PatentLandscape(db).RunAsync(new PatentFilter(FromYear: 1900));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(computed), System.Text.Json.JsonSerializer.Serialize(stored));
        Assert.Equal(2, stored.Records);
        Assert.Equal(new Dictionary<string, long> { ["ACME"] = 1, ["BETA"] = 1, ["GAMMA UNIV"] = 1 }, stored.TopApplicants);

        var search = new PatentSearch(db);
        Assert.Equal(0, (await search.RunAsync(new PatentFilter(Text: "抗体"))).Total); // replaced by the later row
        Assert.Equal(1, (await search.RunAsync(new PatentFilter(Text: "疫苗"))).Total);
        Assert.Equal(1, (await search.RunAsync(new PatentFilter(Text: "zinc"))).Total);

        var second = Temp("two.csv", Header +
            "1,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28\n" +
            "2,EP,A1,EP 3 A1,003,2022-01-01,2022,Antibody formulations,Stable antibodies,BETA INC,DOE JANE,A61K 39/395\n");
        var r2 = await import.RunAsync(second, "lens", "test");
        Assert.Equal((1L, 1L), (r2.Created, r2.Updated));
        Assert.Equal(1, (await search.RunAsync(new PatentFilter(Text: "抗体"))).Total);
        Assert.Equal(0, (await search.RunAsync(new PatentFilter(Text: "疫苗"))).Total);
        var antibod = await search.RunAsync(new PatentFilter(Text: "antibod"));
        Assert.Equal(1, antibod.Total);
        Assert.Contains(antibod.Hits[0].Snippet, p => p.Hit);
        await using var c = await db.OpenAsync();
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
        Assert.Equal(["ACME"], await c.QueryAsync<string>("SELECT a.applicant FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id WHERE r.publication_number = 'CN1A'"));
        Assert.Equal(["C07K 16/28"], await c.QueryAsync<string>("SELECT k.code FROM patents_record_classes k JOIN patents_records r ON r.id = k.record_id WHERE r.publication_number = 'CN1A'"));
        var landscape = await new PatentLandscape(db).RunAsync(new PatentFilter());
        Assert.Equal(3, landscape.Records);
        Assert.Equal(2, landscape.TopApplicants["BETA"]);

        // Into an empty workspace without repeats the import counts the landscape while reading; it equals the one
        // computed from the stored tables.
        var shared = Temp("three.csv", Header +
            "1,CN,A,CN 7 A,007,2019-05-01,2019,一种单克隆抗体,用于治疗癌症,ACME CO LTD;;GAMMA UNIV,WANG WEI,C07K 16/28;;A61P 35/00;;C07K 16/30\n" +
            "2,US,A1,US 8 A1,008,2021-01-01,2021,Zinc finger proteins,Engineered nucleases,GAMMA UNIV,SMITH JOHN,C12N 15/11;;A61K 38/00\n");
        var freshDb = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(freshDb, TimeProvider.System).RunAsync(shared, "lens", "test")).Committed);
        var counted = await new PatentLandscape(freshDb).RunAsync(new PatentFilter());
        var recomputed = await new PatentLandscape(freshDb).RunAsync(new PatentFilter(FromYear: 1900));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(recomputed), System.Text.Json.JsonSerializer.Serialize(counted));
        Assert.Equal(2, counted.TopApplicants["GAMMA UNIV"]);
        Assert.Equal(1, counted.TopSubclasses["C07K"]); // two C07K symbols on one record count once
    }

    [Theory]
    [InlineData("patents-lens-sangamo", "lens-export.csv")]
    [InlineData("patents-lens-drones-families", "drone_drones_fulltext_families_5884.csv")]
    public async Task SqlitesWriter_StoresTheLinksPostgresqlsCopyStores(string folder, string file)
    {
        // SQLite writes a record's links in statements of up to 16 rows bound from the record's own bytes; PostgreSQL
        // copies them row by row. On the real exports (Sangamo: up to 78 IPC and CPC symbols a record) both store the same rows.
        var path = SharedData.Path(folder, file);
        async Task<(List<(string, long, string, string)> Applicants, List<(string, string, string, string, string)> Classes, long Records)> Links(string dialect)
        {
            var db = await TestDatabases.CreateAsync(dialect);
            Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(path, "lens", "test")).Committed);
            await using var c = await db.OpenAsync();
            var applicants = (await c.QueryAsync<(string, long, string, string)>(
                "SELECT r.publication_number, a.position, a.applicant, a.raw_name FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id")).Order().ToList();
            var classes = (await c.QueryAsync<(string, string, string, string, string)>(
                "SELECT r.publication_number, k.scheme, k.code, k.subclass, k.main_group FROM patents_record_classes k JOIN patents_records r ON r.id = k.record_id")).Order().ToList();
            return (applicants, classes, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
        }
        var sqlite = await Links(TestDatabases.Sqlite);
        var postgres = await Links(TestDatabases.Postgres);
        Assert.Equal(postgres.Records, sqlite.Records);
        Assert.Equal(postgres.Applicants, sqlite.Applicants);
        Assert.Equal(postgres.Classes, sqlite.Classes);
        // The file's own counts, read without the importer: every IPC and CPC cell's symbols (distinct per record).
        using var csv = new CsvHelper.CsvReader(new StreamReader(path), System.Globalization.CultureInfo.InvariantCulture);
        long symbols = 0, most = 0;
        csv.Read(); csv.ReadHeader();
        while (csv.Read())
        {
            long n = 0;
            foreach (var column in new[] { "IPCR Classifications", "CPC Classifications" })
                n += csv.GetField(column)!.Split(";;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().Count();
            symbols += n;
            most = Math.Max(most, n);
        }
        Assert.Equal(symbols, sqlite.Classes.Count);
        if (folder.Contains("sangamo")) Assert.True(most > 16, $"the largest record has {most} symbols");
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task EmptyAndMissingFields_AreStoredAsBefore_EmptyTextNotNull(string dialect)
    {
        // SQLite binds the text encoded on the reading thread: an empty field must stay '' (an empty span would bind
        // NULL), a missing one NULL, and text with accents and CJK characters must arrive intact.
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("empty.csv", Header +
            "1,US,A1,US 5 A1,005,2020-01-01,2020,,,,,\n" +
            "2,CN,A,CN 6 A,006,2021-01-01,2021,Anticorps humanisé 抗体,Résumé,Société Générale;;北京大学,LI LEI,C07K 16/28\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        await using var c = await db.OpenAsync();
        var empty = await c.QuerySingleAsync<(string? Title, string Applicants, string Inventors, string Ipc, string Cpc)>(
            "SELECT title, applicants, inventors, ipc, cpc FROM patents_records WHERE publication_number = 'US5A1'");
        Assert.Equal((null, "", "", "", ""), empty);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id WHERE r.publication_number = 'US5A1'"));
        var full = await c.QuerySingleAsync<(string Title, string Abstract, string Applicants)>(
            "SELECT title, abstract, applicants FROM patents_records WHERE publication_number = 'CN6A'");
        Assert.Equal(("Anticorps humanisé 抗体", "Résumé", "Société Générale;;北京大学"), full);
        Assert.Equal(["Société Générale", "北京大学"], await c.QueryAsync<string>(
            "SELECT a.raw_name FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id WHERE r.publication_number = 'CN6A' ORDER BY a.position"));
        var search = new PatentSearch(db);
        Assert.Equal(1, (await search.RunAsync(new PatentFilter(Text: "抗体"))).Total);
        Assert.Equal(1, (await search.RunAsync(new PatentFilter(Text: "anticorps"))).Total);
    }

    [Fact]
    public async Task TheWordIndexWrittenBeside_AnswersAsTheOneWrittenInPlace_AndPassesFts5sOwnCheck()
    {
        // Into an empty workspace the word index is written on its own thread into a scratch file and copied in
        // (SeparateWordIndex); into one that holds records the import writes it in place. The same Lens export
        // (drones, full text; shared/data) both ways must answer every word alike.
        var sample = SharedData.Path("patents-lens-drones-families", "drone_drones_fulltext_families_5884.csv");
        var beside = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Assert.True((await new PatentImport(beside, TimeProvider.System).RunAsync(sample, "lens", "test")).Committed);
        // The scratch file (attached to the import's connection for the copy) is gone with its journals, and the
        // workspace is back in WAL mode.
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(beside.SqliteFile)!, Path.GetFileName(beside.SqliteFile) + "-import-words*"));
        var inPlace = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var one = Temp("one.csv", Header + "1,XX,A,XX 1 A,001,2020-01-01,2020,Quixotic zzyzx,Nothing alike,OTHER CO,NOBODY,A61K 38/00\n");
        Assert.True((await new PatentImport(inPlace, TimeProvider.System).RunAsync(one, "lens", "test")).Committed);
        Assert.True((await new PatentImport(inPlace, TimeProvider.System).RunAsync(sample, "lens", "test")).Committed);

        await using var a = await beside.OpenAsync();
        await using var b = await inPlace.OpenAsync();
        Assert.Equal("wal", await a.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        // FTS5's own consistency check of the copied index (it fails with SQLITE_CORRUPT on a damaged one).
        await a.ExecuteAsync("INSERT INTO patents_search (patents_search, rank) VALUES ('integrity-check', 0)");
        // Every word of the titles and abstracts that occurs at least twice, and the first 200 that occur once.
        var counts = (await a.QueryAsync<string>("SELECT coalesce(title, '') || ' ' || coalesce(abstract, '') FROM patents_records"))
            .SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t.ToLowerInvariant(), "[a-z0-9]+").Select(m => m.Value))
            .GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var words = counts.Where(x => x.Value > 1).Select(x => x.Key).Concat(counts.Where(x => x.Value == 1).Select(x => x.Key).Order().Take(200)).ToList();
        Assert.True(words.Count > 1000, $"{words.Count} words");
        const string Matched = "SELECT r.publication_number FROM patents_search s JOIN patents_records r ON r.id = s.rowid WHERE patents_search MATCH @q ORDER BY 1";
        var found = 0;
        foreach (var word in words)
        {
            var q = $"\"{word}\"";
            var fromBeside = (await a.QueryAsync<string>(Matched, new { q })).ToList();
            if (fromBeside.Count > 0) found++; // a piece of a word with non-ASCII letters is no word of the index
            Assert.Equal(fromBeside, (await b.QueryAsync<string>(Matched, new { q })).Where(n => n != "XX1A").ToList());
        }
        Assert.True(found > 0.95 * words.Count, $"{found} of {words.Count} words found");
        Assert.Equal(await a.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"), await a.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_search_docsize"));

        // The copied index takes later imports as one written in place does.
        Assert.True((await new PatentImport(beside, TimeProvider.System).RunAsync(one, "lens", "test")).Committed);
        Assert.Equal(1, (await new PatentSearch(beside).RunAsync(new PatentFilter(Text: "zzyzx"))).Total);
        await a.ExecuteAsync("INSERT INTO patents_search (patents_search, rank) VALUES ('integrity-check', 0)");

        // A failed import into an empty workspace leaves neither records, nor index entries, nor the scratch file.
        var failed = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var bad = Temp("bad.csv", Header + "1,US,A1,US 2 A1,002,2021-01-01,2021,Zinc finger,Nucleases,BETA INC,SMITH JOHN,C12N 15/11\n2,US,A1,,003,2021-01-01,2021,No number,X,BETA INC,SMITH JOHN,C12N 15/11\n");
        Assert.False((await new PatentImport(failed, TimeProvider.System).RunAsync(bad, "lens", "test")).Committed);
        Assert.False(File.Exists(failed.SqliteFile + "-import-words"));
        await using var f = await failed.OpenAsync();
        Assert.Equal(0, await f.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_search_docsize"));
        Assert.Equal(0, (await new PatentSearch(failed).RunAsync(new PatentFilter(Text: "zinc"))).Total);
    }

    [Fact]
    public async Task AStaleWordIndex_IsRebuiltBeforeTheFirstTextQuery()
    {
        // Migration 0005 marks the index stale when records exist (their prepared text needs the application).
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var file = Temp("cn.csv", Header + "1,CN,A,CN 9 A,009,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        await using (var c = await db.OpenAsync())
            await c.ExecuteAsync("INSERT INTO patents_search (patents_search) VALUES ('delete-all'); INSERT INTO patents_search_stale VALUES (1)");
        Assert.Equal(1, (await new PatentSearch(db).RunAsync(new PatentFilter(Text: "抗体"))).Total);
        await using (var c = await db.OpenAsync())
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_search_stale"));
        Assert.Equal(1, (await new PatentLandscape(db).RunAsync(new PatentFilter(Text: "癌症"))).Records);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ApplicantNames_WithBackslashTabAndLineBreak_AreStoredAlike(string dialect)
    {
        // PostgreSQL copies the applicant links of an empty workspace in COPY's text form, where a backslash starts an
        // escape: both databases keep it as written. Runs of white space inside a name (tab, line break) are one space.
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("names.csv", Header +
            "1,US,A1,US 9 A1,009,2021-01-01,2021,Title,Abstract,\"BACK\\SLASH LABS;;TAB\tBIO INC;;LINE\r\nBREAK CO\",SMITH JOHN,C12N 15/11\n");
        var r = await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test");
        Assert.True(r.Committed, string.Join("\n", r.Errors));
        await using var c = await db.OpenAsync();
        Assert.Equal(["BACK\\SLASH LABS", "TAB BIO INC", "LINE BREAK CO"],
            await c.QueryAsync<string>("SELECT raw_name FROM patents_record_applicants ORDER BY position"));
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT applicant) FROM patents_record_applicants"));
    }

    [Fact]
    public async Task CopyText_ReadsBackAsWritten_ByPostgres()
    {
        // The escapes of COPY's text form, checked by the server's own reading of them.
        string[] values = ["plain", @"back\slash", "tab\there", "line\nfeed", "carriage\rreturn", @"\N", "\\\t\n\r", "", "名称"];
        var db = await TestDatabases.CreateAsync(TestDatabases.Postgres, migrate: false);
        await using var c = (Npgsql.NpgsqlConnection)await db.OpenAsync();
        await c.ExecuteAsync("CREATE TABLE copied (n INT NOT NULL, v TEXT NOT NULL)");
        await using (var copy = await c.BeginTextImportAsync("COPY copied (n, v) FROM STDIN"))
            for (var i = 0; i < values.Length; i++)
            {
                await copy.WriteAsync($"{i}\t");
                PatentImport.WriteCopyText(copy, values[i]);
                await copy.WriteAsync('\n');
            }
        Assert.Equal(values, await c.QueryAsync<string>("SELECT v FROM copied ORDER BY n"));
    }
}
