using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Search;
using Archipelago.Numerics.Tests;
using Dapper;
using Npgsql;

namespace Archipelago.Tests.Patents;

/// <summary>The one tokeniser of PostgreSQL's word index (SearchIndex.Words, WordVector, migration 0018): the words
/// and vectors written out by hand, PostgreSQL's own to_tsvector on plain text, its limits on odd text, and search on
/// both databases.</summary>
public class PatentsWordVectorTests
{
    static string Vector(params string?[] texts)
    {
        var v = new WordVector();
        v.Clear();
        foreach (var t in texts) v.Add(t);
        return v.ToString();
    }

    [Theory]
    [InlineData("COVID-19 mRNA/antibody-free at pH 7.5", new[] { "covid", "19", "mrna", "antibody", "free", "at", "ph", "7", "5" })]
    [InlineData("mail: a@b.com, don't_stop", new[] { "mail", "a", "b", "com", "don", "t", "stop" })]
    [InlineData("PD-1抗体 for 癌症", new[] { "pd", "1", "抗", "体", "for", "癌", "症" })]
    [InlineData("Café ÉCOLE naïve Ελληνικά Ёлка", new[] { "cafe", "ecole", "naive", "ελληνικα", "елка" })]
    [InlineData("e\u0301te\u0301 \u0301 x", new[] { "ete", "x" })] // combining accents: folded; an accent alone is no word
    [InlineData("𠀀𠀁 ok 🙂 x²", new[] { "𠀀", "𠀁", "ok", "x" })] // an ideograph outside the BMP is a word; emoji and ² separate
    [InlineData("-- / . @ %", new string[0])]
    public void Words_AreLowerCasedRunsOfLettersAndDigits_CjkOneByOne(string text, string[] words) => Assert.Equal(words, SearchIndex.Words(text));

    [Fact]
    public void Vector_KeepsPositionsAcrossTitleAbstractAndClaims_InByteOrder()
    {
        Assert.Equal("'finger':2,4 'zinc':1,3", Vector("Zinc finger,", null, "zinc-FINGER"));
        // Byte order of UTF-8, as PostgreSQL sorts lexemes: ASCII, then 体 (E4), 克 (E5 85), 单 (E5 8D), 抗 (E6), 隆 (E9).
        Assert.Equal("'and':6 'antibody':7 '体':5 '克':2 '单':1 '抗':4 '隆':3", Vector("单克隆抗体", "and antibody"));
        Assert.Equal("'cafe':1,2", Vector("Café cafe"));
        Assert.Equal("'abcdefgh':3 'abcdefghi':2 'abcdefghij':1 'abcdefgi':4", Vector("abcdefghij abcdefghi abcdefgh abcdefgi"));
        Assert.Equal("", Vector(null, "", "---"));
    }

    [Fact]
    public void Vector_KeepsPostgresLimits()
    {
        // A word of 2047 bytes or more is left out and takes no position.
        Assert.Equal("'x':1 'y':2", Vector("x " + new string('a', 2047) + " y"));
        Assert.Equal($"'{new string('a', 2046)}':2 'x':1", Vector("x " + new string('a', 2046)));
        // A lexeme keeps its first 255 positions; positions past 16383 count as 16383.
        var many = Vector(string.Join(' ', Enumerable.Repeat("a", 16390)) + " b c");
        Assert.Equal("'a':" + string.Join(',', Enumerable.Range(1, 255)) + " 'b':16383 'c':16383", many);
        // Lexemes stop before the vector passes 1 MB: 600 distinct words of 2000 bytes.
        var v = new WordVector();
        v.Clear();
        v.Add(string.Join(' ', Enumerable.Range(0, 600).Select(i => i.ToString("D4") + new string('w', 1996))));
        var binary = v.Binary();
        Assert.True(binary.Count < 1 << 20);
        Assert.InRange(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(binary), 500, 524);
    }

    static async Task<NpgsqlConnection?> PostgresAsync()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Postgres, migrate: false);
        var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    static async Task<List<string>> CopiedAsync(NpgsqlConnection c, IReadOnlyList<string> texts)
    {
        await c.ExecuteAsync("CREATE TEMP TABLE v (n INT NOT NULL, words tsvector NOT NULL)");
        var vector = new WordVector();
        await using (var copy = await c.BeginBinaryImportAsync("COPY v (n, words) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < texts.Count; i++)
            {
                vector.Clear();
                vector.Add(texts[i]);
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(vector.Binary(), NpgsqlTypes.NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        var stored = (await c.QueryAsync<string>("SELECT words::text FROM v ORDER BY n")).ToList();
        await c.ExecuteAsync("DROP TABLE v");
        return stored;
    }

    [Fact]
    public async Task PostgresToTsvector_AgreesOnPlainText()
    {
        await using var c = await PostgresAsync();
        string[] texts =
        [
            "Zinc finger nucleases and methods of using the same for targeted genome editing in human cells",
            "A method comprising contacting a cell with 3 or more antibodies; the antibody binds CD20 and IL6 (see claim 12)",
            "Lipid nanoparticle compositions, eg LNP formulations for mRNA delivery at pH 7 and 40 degrees C",
            string.Join(' ', Enumerable.Repeat("repeated word", 400)),
        ];
        var ours = await CopiedAsync(c!, texts);
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
            Assert.Equal(await c!.ExecuteScalarAsync<string>("SELECT to_tsvector('simple', @text)::text", new { text }), ours[i]);
    }

    [Fact]
    public async Task OddText_IsCopied_AsTheVectorSays()
    {
        await using var c = await PostgresAsync();
        string[] texts =
        [
            "x " + new string('a', 5000) + " y",
            string.Join(' ', Enumerable.Range(0, 20000).Select(i => "w" + i)),
            string.Join(' ', Enumerable.Range(0, 600).Select(i => i.ToString("D4") + new string('w', 1996))),
            "it's a \"quoted\" back\\slash 'single' ''",
            "抗体 𠀀 🙂 e\u0301te\u0301 \u0000 \uD800 lone surrogate",
            "",
        ];
        var vectors = texts.Select(t =>
        {
            var v = new WordVector();
            v.Clear();
            v.Add(t);
            return v.ToString();
        }).ToList();
        Assert.Equal(vectors, await CopiedAsync(c!, texts));
    }

    const string Header = "#,Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications\n";

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Search_FoldsDiacritics_AndFindsWordStarts_OnBothDatabases(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "accents.csv");
        await File.WriteAllTextAsync(file, Header +
            "1,FR,A1,FR 1 A1,001,2020-01-01,2020,Café filtre,Hélices et anticorps,ACME SA,DUPONT JEAN,A47J 31/00\n" +
            "2,US,A1,US 2 A1,002,2021-01-01,2021,Cafeteria trays,Plain text,BETA INC,SMITH JOHN,A47J 31/00\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        var search = new PatentSearch(db);
        async Task<long> Count(string text) => (await search.RunAsync(new PatentFilter(Text: text))).Total;
        Assert.Equal(2, await Count("cafe"));
        Assert.Equal(2, await Count("café"));
        Assert.Equal(1, await Count("helices"));
        Assert.Equal(1, await Count("\"café filtre\""));
        Assert.Equal(0, await Count("afe"));
    }

    [Fact]
    public async Task Migration0018_IndexesExistingRecordsAgain_AtTheNextSearch()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "one.csv");
        await File.WriteAllTextAsync(file, Header + "1,FR,A1,FR 1 A1,001,2020-01-01,2020,Café filtre,Anticorps,ACME SA,DUPONT JEAN,A47J 31/00\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        await using (var c = await db.OpenAsync())
        {
            // As 0015's generated column left it: not folded. 0018 marks such a workspace stale.
            await c.ExecuteAsync("UPDATE patents_records SET words = to_tsvector('simple', title); INSERT INTO patents_search_stale VALUES (1)");
        }
        Assert.Equal(1, (await new PatentSearch(db).RunAsync(new PatentFilter(Text: "cafe"))).Total);
        await using (var c = await db.OpenAsync())
        {
            Assert.Equal("'anticorps':3 'cafe':1 'filtre':2", await c.ExecuteScalarAsync<string>("SELECT words::text FROM patents_records"));
            Assert.False(await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM patents_search_stale)"));
        }
    }
}
