using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>Importers on the shipped samples and on the bad input, on both databases.</summary>
public class PatentsImportTests
{
    static string Temp(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    const string LensHeader = "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Application Number,Application Date,Priority Numbers,Earliest Priority Date,Title,Abstract,Applicants,Inventors,IPCR Classifications\n";

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadDatesAndSymbols_AreDroppedWithWarnings_TheRecordKept(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("bad.csv", LensHeader +
            "1,US,A1,US 2019/0000001 A1,001,2019-13-45,2019,US 1 A,20190000,,2018-01-02,Antibody,An antibody.,\"Acme Bio Co., Ltd.\",SMITH JOHN,A61K-38/00;;a61k 38/00;;XYZ\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test");
        Assert.True(result.Committed);
        Assert.Equal(1, result.Created);
        Assert.Contains(result.Warnings, w => w.Row == 2 && w.Column == "publication_date" && w.Reason.Contains("2019-13-45"));
        Assert.Contains(result.Warnings, w => w.Row == 2 && w.Column == "application_date" && w.Reason.Contains("20190000"));
        Assert.Contains(result.Warnings, w => w.Row == 2 && w.Column == "ipcr_classifications" && w.Reason.Contains("'XYZ'"));
        Assert.Contains("bad.csv, row 2, column 'ipcr_classifications'", result.Warnings.First(w => w.Reason.Contains("XYZ")).ToString());
        await using var c = await db.OpenAsync();
        var r = await c.QuerySingleAsync<(string Ipc, string? Pub, string? App, long? Year)>("SELECT ipc, publication_date, application_date, publication_year FROM patents_records");
        Assert.Equal("A61K 38/00", r.Ipc); // both spellings normalise to one symbol
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_symbols"));
        Assert.Null(r.Pub);
        Assert.Null(r.App);
        Assert.Equal(2019, r.Year); // the Publication Year column stands in for the bad date
        Assert.Equal("ACME BIO", await c.QuerySingleAsync<string>("SELECT applicant FROM patents_record_applicants"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Symbols_AreNumberedOncePerScheme_AndKeepTheirNumbersInLaterImports(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        const string header = "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Title,Applicants,IPCR Classifications,CPC Classifications\n";
        var first = Temp("first.csv", header +
            "1,US,A1,US 1 A1,001,2019-01-01,One,ACME,A61K 38/00;;a61k 38/00;;C07K 16/00,A61K-38/00;;A61K 38/00\n" +
            "2,US,A1,US 2 A1,002,2019-01-02,Two,ACME,C07K16/00,A61K 38/00;;C12N 15/00;;A61K38/00\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(first, "lens", "test")).Committed);
        await using var c = await db.OpenAsync();
        async Task<List<string>> Links() => (await c.QueryAsync<string>(
            "SELECT r.publication_number || ' ' || s.scheme || ' ' || s.code FROM patents_record_symbols l " +
            "JOIN patents_symbols s ON s.id = l.symbol_id JOIN patents_records r ON r.id = l.record_id ORDER BY 1")).ToList();
        async Task<Dictionary<string, long>> Numbers() =>
            (await c.QueryAsync<(string Key, long Id)>("SELECT scheme || ' ' || code, id FROM patents_symbols")).ToDictionary(x => x.Key, x => x.Id);
        // One code is one symbol of each scheme; its spellings share it, and a record links it once.
        Assert.Equal(["US1A1 cpc A61K 38/00", "US1A1 ipc A61K 38/00", "US1A1 ipc C07K 16/00",
            "US2A1 cpc A61K 38/00", "US2A1 cpc C12N 15/00", "US2A1 ipc C07K 16/00"], await Links());
        var before = await Numbers();
        Assert.Equal(["cpc A61K 38/00", "cpc C12N 15/00", "ipc A61K 38/00", "ipc C07K 16/00"], before.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, before.Values.Distinct().Count());

        // A later import numbers on: the symbols it meets again keep their numbers.
        var second = Temp("second.csv", header + "3,US,A1,US 3 A1,003,2020-01-01,Three,ACME,A61K 39/00;;C07K 16/00,C12N 15/00\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(second, "lens", "test")).Committed);
        var after = await Numbers();
        Assert.Equal(5, after.Count);
        foreach (var (key, id) in before) Assert.Equal(id, after[key]);
        Assert.Equal(["US3A1 cpc C12N 15/00", "US3A1 ipc A61K 39/00", "US3A1 ipc C07K 16/00"], (await Links()).Where(l => l.StartsWith("US3A1", StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SymbolCells_SplitOnTheSeparatorAndOnALoneSemicolon_AroundEmptyParts(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        const string header = "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Title,Applicants,IPCR Classifications,CPC Classifications\n";
        var file = Temp("semicolons.csv", header +
            "1,US,A1,US 1 A1,001,2019-01-01,One,ACME,A61K 38/00; C07K 16/00;;;A61P 35/00 ;; ;;,;;C12N 15/00;;;;A61K 38/00;\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(0, result.WarningCount);
        await using var c = await db.OpenAsync();
        var r = await c.QuerySingleAsync<(string Ipc, string Cpc)>("SELECT ipc, cpc FROM patents_records");
        Assert.Equal("A61K 38/00;;C07K 16/00;;A61P 35/00", r.Ipc);
        Assert.Equal("C12N 15/00;;A61K 38/00", r.Cpc);
        Assert.Equal(5, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_symbols"));
    }

    [Fact]
    public void AMappingWithAnEmptySeparator_IsRejectedWithAStableCode()
    {
        var e = Assert.Throws<DomainException>(() => ColumnMapping.FromJson("{\"publicationNumber\": \"Pub No\", \"separator\": \"\"}", "mapping 'x'"));
        Assert.Equal("bad_mapping", e.Code);
        Assert.Contains("separator must not be empty", e.Message);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ARowWithoutPublicationNumber_StoresNothingFromTheFile(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var file = Temp("half.csv", LensHeader +
            "1,US,A1,US 1 A1,001,2019-01-01,2019,,,,,Good,,ACME,,A61K 38/00\n" +
            "2,US,A1,,002,2019-01-01,2019,,,,,No number,,ACME,,A61K 38/00\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test");
        Assert.False(result.Committed);
        var e = Assert.Single(result.Errors);
        Assert.Equal("half.csv, row 3, column 'display_key': the publication number is empty; every record is keyed on it.", e.ToString());
        await using var c = await db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
    }

    [Fact]
    public async Task WrongDelimiter_IsRefusedNamingTheColumns()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var file = Temp("semi.csv", "Publication Number|Title\nUS1|x\n");
        var e = await Assert.ThrowsAsync<Archipelago.Kernel.Import.ImportFileException>(() => new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test"));
        Assert.Contains("not recognised", e.Message);
    }

    [Theory]
    [InlineData("patents-lens-sangamo/lens-export.csv", "lens")]
    [InlineData("patents-lens-drones-families/drone_drones_fulltext_families_5884.csv", "lens")]
    [InlineData("patents-patentscope-pizza/pizza_medium.csv", "patentscope")]
    [InlineData("patents-wipo-ritonavir/ritonavir.csv", "wipo-landscape")]
    [InlineData("patents-uspto-xml-samples/xml2014/US08930553.xml", "uspto-xml")]
    public async Task Formats_AreRecognised(string file, string format) =>
        Assert.Equal(format, await PatentImport.DetectAsync(SharedData.Path(file.Split('/')), default));

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task UsptoXml_GrantsAndApplications(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        foreach (var f in new[] { "xml2014/US08930553.xml", "xml2004/US06859910.xml", "xmlApp2004/US20050004437A1.xml" })
            Assert.True((await import.RunAsync(SharedData.Path("patents-uspto-xml-samples", f), "auto", "test")).Committed, f);
        await using var c = await db.OpenAsync();
        // Values read off the XML by hand: publication-reference, classification-ipcr, invention-title.
        var g = await c.QuerySingleAsync<(string Title, string Ipc, string Date, string Type)>("SELECT title, ipc, publication_date, document_type FROM patents_records WHERE publication_number = 'US8930553B2'");
        Assert.Equal("Managing mid-dialog session initiation protocol (SIP) messages", g.Title);
        Assert.Equal("G06F 15/16", g.Ipc);
        Assert.Equal("2015-01-06", g.Date);
        Assert.Equal("Granted Patent", g.Type);
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));
        // XML that is not a patent document (the CPC master file) is refused, not misread.
        var other = await import.RunAsync(SharedData.Path("patents-uspto-xml-samples", "cpcMaster", "cpcMaster.xml"), "uspto-xml", "test");
        Assert.False(other.Committed);
        Assert.Contains("not USPTO full-text XML", Assert.Single(other.Errors).Reason);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Patentscope_MessyExport_MergeSuggestionsOnRealVariants(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-patentscope-pizza", "pizza_medium.csv"), "auto", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(10000, result.Rows);
        Assert.Contains(result.Notes, n => n.Contains("macintosh")); // Mac OS Roman, CR-only lines
        await using (var c = await db.OpenAsync())
            Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_applicants WHERE raw_name LIKE '%François%'") > 0);

        var merges = new ApplicantMerges(db, TimeProvider.System);
        var suggestions = await merges.SuggestAsync();
        var s = Assert.Single(suggestions, x => x.Variant == "GRAPHIC PACKAGING INT");
        Assert.Equal("GRAPHIC PACKAGING INTERNATIONAL", s.Canonical);
        Assert.Equal("abbreviation", s.Rule);
        Assert.True(s.SharedInventors > 0);
        Assert.Contains(suggestions, x => x.Variant == "KRAFTFOODS HOLDINGS" && x.Canonical == "KRAFT FOODS HOLDINGS" && x.Rule == "spacing");
        Assert.Contains(suggestions, x => x.Variant == "JENO F PAULUCCI" && x.Canonical == "PAULUCCI JENO F" && x.Rule == "word order");

        var landscape = new PatentLandscape(db);
        var before = (await landscape.RunAsync(new PatentFilter())).TopApplicants["GRAPHIC PACKAGING INTERNATIONAL"];
        var moved = await merges.MergeAsync("Graphic Packaging Int", "GRAPHIC PACKAGING INTERNATIONAL", s.Evidence, "test");
        Assert.Equal(s.VariantRecords, moved);
        var after = await landscape.RunAsync(new PatentFilter());
        Assert.False(after.TopApplicants.ContainsKey("GRAPHIC PACKAGING INT"));
        Assert.True(after.TopApplicants["GRAPHIC PACKAGING INTERNATIONAL"] > before);
        // The reviewed alias applies to later imports too.
        await using var c2 = await db.OpenAsync();
        Assert.Equal("GRAPHIC PACKAGING INTERNATIONAL", await c2.QuerySingleAsync<string>("SELECT canonical FROM patents_aliases WHERE variant = 'GRAPHIC PACKAGING INT'"));
    }
}

/// <summary>PatentsView tables (no sample ships: a small hand-made set with the data dictionary's column names,
/// https://patentsview.org/download/data-download-dictionary) and a generic CSV through a saved column mapping.</summary>
public class PatentsViewAndMappingTests
{
    /// <summary>The hand-made PatentsView tables: file name → text.</summary>
    internal static Dictionary<string, string> PatentsViewTables()
    {
        static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
        return new()
        {
            ["g_patent.tsv"] = Lines("patent_id\tpatent_type\tpatent_date\tpatent_title\twipo_kind\tnum_claims\twithdrawn\tfilename",
                "10000001\tutility\t2018-06-19\tAnti-PD-1 antibody\tB2\t20\t0\tipg180619.xml",
                "10000002\tutility\t2018-13-45\tVaccine adjuvant\tB1\t12\t0\tipg180619.xml"),
            ["g_patent_abstract.tsv"] = Lines("patent_id\tpatent_abstract", "10000001\tAn antibody that binds PD-1."),
            ["g_application.tsv"] = Lines("application_id\tpatent_id\tpatent_application_type\tfiling_date\tseries_code\trule_47_flag",
                "15/123456\t10000001\t15\t2016-02-01\t15\t0"),
            ["g_assignee_disambiguated.tsv"] = Lines("patent_id\tassignee_sequence\tassignee_id\tdisambig_assignee_individual_name_first\tdisambig_assignee_individual_name_last\tdisambig_assignee_organization\tassignee_type\tlocation_id",
                "10000001\t1\ta2\t\t\tTsinghua University\t3\tl1", "10000001\t0\ta1\t\t\tJiangsu Hengrui Medicine Co., Ltd.\t3\tl2"),
            ["g_inventor_disambiguated.tsv"] = Lines("patent_id\tinventor_sequence\tinventor_id\tdisambig_inventor_name_first\tdisambig_inventor_name_last\tgender_code\tlocation_id",
                "10000001\t0\ti1\tWei\tZhang\tM\tl1"),
            ["g_ipc_at_issue.tsv"] = Lines("patent_id\tipc_sequence\tclassification_level\tsection\tipc_class\tsubclass\tmain_group\tsubgroup\tsymbol_position\tclassification_value\tclassification_status\tclassification_data_source\taction_date\tipc_version_indicator",
                "10000001\t0\tA\tC\t07\tK\t16\t28\tF\tI\tB\tH\t2018-06-19\t2006-01-01", "10000001\t1\tA\tA\t61\tP\t35\t00\tL\tI\tB\tH\t2018-06-19\t2006-01-01"),
        };
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PatentsView_PatentTableJoinedWithItsSideTables(string dialect)
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in PatentsViewTables()) File.WriteAllText(Path.Combine(dir, name), text);
        var db = await TestDatabases.CreateAsync(dialect);
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(Path.Combine(dir, "g_patent.tsv"), "auto", "test");
        Assert.Equal("patentsview", result.Format);
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Created);
        Assert.Contains(result.Warnings, w => w.Row == 3 && w.Column == "patent_date");
        var landscape = await new PatentLandscape(db).RunAsync(new PatentFilter());
        Assert.Equal(["JIANGSU HENGRUI MEDICINE", "TSINGHUA UNIVERSITY"], landscape.TopApplicants.Keys);
        Assert.Equal(["A61P", "C07K"], landscape.TopSubclasses.Keys);
        await using var c = await db.OpenAsync();
        var r = await c.QuerySingleAsync<(string Ipc, string Abstract, string Priority, string Inventors)>("SELECT ipc, abstract, priority_date, inventors FROM patents_records WHERE publication_number = 'US10000001B2'");
        Assert.Equal("C07K 16/28;;A61P 35/00", r.Ipc);
        Assert.Equal("An antibody that binds PD-1.", r.Abstract);
        Assert.Equal("2016-02-01", r.Priority);
        Assert.Equal("Zhang Wei", r.Inventors);
        Assert.Equal("university", await c.QuerySingleAsync<string>("SELECT kind FROM patents_applicants WHERE name = 'TSINGHUA UNIVERSITY'"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task GenericCsv_ThroughASavedMapping(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var json = """{"publicationNumber": "公开号", "title": "标题", "applicants": "申请人", "publicationDate": "公开日", "ipc": "IPC分类号", "separator": ";"}""";
        await new MappingStore(db, TimeProvider.System).SaveAsync("cnipa", ColumnMapping.FromJson(json, "test"), "test");
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "cn.csv");
        await File.WriteAllTextAsync(file, "公开号,标题,申请人,公开日,IPC分类号\nCN112345678A,一种单克隆抗体,江苏恒瑞医药股份有限公司;清华大学,2021-02-05,C07K 16/28;A61P 35/00\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "mapping:cnipa", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal("mapping:cnipa", result.Format);
        var landscape = await new PatentLandscape(db).RunAsync(new PatentFilter(Text: "抗体"));
        Assert.Equal(1, landscape.Records);
        Assert.Equal(["江苏恒瑞医药", "清华大学"], landscape.TopApplicants.Keys);
        Assert.Equal(1, landscape.Jurisdictions["CN"]);
        var unknown = await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => new PatentImport(db, TimeProvider.System).RunAsync(file, "mapping:nope", "test"));
        Assert.Equal("unknown_mapping", unknown.Code);
    }
}

/// <summary>Google Patents result CSV (no sample ships; a hand-made file in the export's layout: a 'search URL' line,
/// then id, title, assignee, inventor/author, priority date, filing/creation date, publication date, grant date …).</summary>
public class GooglePatentsImportTests
{
    [Fact]
    public async Task GooglePatentsCsv_IsRecognisedAndRead()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "gp.csv");
        await File.WriteAllTextAsync(file,
            "search URL:,https://patents.google.com/?q=antibody\n" +
            "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,grant date,result link,representative figure link\n" +
            "US-10000001-B2,Anti-PD-1 antibody,\"Jiangsu Hengrui Medicine Co., Ltd.\",\"Wei Zhang, Li Wang\",2015-01-02,2016-02-01,2018-06-19,2018-06-19,https://patents.google.com/patent/US10000001B2/en,\n" +
            "CN-112345678-A,一种单克隆抗体,清华大学,张伟,2020-03-04,2020-03-04,2021-02-05,,https://patents.google.com/patent/CN112345678A/zh,\n");
        Assert.Equal("google", await PatentImport.DetectAsync(file, default));
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "auto", "test");
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Created);
        var landscape = await new PatentLandscape(db).RunAsync(new PatentFilter(FromYear: 2015, ToYear: 2015, Basis: DateBasis.Priority));
        Assert.Equal(1, landscape.Records);
        Assert.Equal(1, landscape.Jurisdictions["US"]);
        await using var c = await db.OpenAsync();
        Assert.Equal("Wei Zhang;;Li Wang", await c.QuerySingleAsync<string>("SELECT inventors FROM patents_records WHERE publication_number = 'US10000001B2'"));
        // "Co., Ltd." is not split into two applicants by the ',' separator.
        Assert.Equal("Jiangsu Hengrui Medicine Co., Ltd.", await c.QuerySingleAsync<string>("SELECT applicants FROM patents_records WHERE publication_number = 'US10000001B2'"));
    }
}
