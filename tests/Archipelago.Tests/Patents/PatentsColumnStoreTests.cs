using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Archipelago.Modules.Patents.Features.Search;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>
/// The landscape's in-memory column store (LandscapeColumns) against the SQL path it replaced (filter as SQL, three
/// reads counted by LandscapeTally — itself checked against pandas in PatentsLandscapeTests): the same report, key for
/// key and in the same order, for every filter kind and every date basis, on the shipped Lens samples (both databases)
/// and on a generated 100,000-record file; and the store follows writes through the data version.
/// </summary>
public class PatentsColumnStoreTests
{
    static string Generator([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "bench", "patents", "generate_lens.py"));

    static async Task AssertSameAsSqlAsync(Database db, PatentFilter filter)
    {
        var landscape = new PatentLandscape(db);
        var sql = JsonSerializer.Serialize(await landscape.ComputeSqlAsync(filter));
        var columns = JsonSerializer.Serialize(await landscape.RunAsync(filter));
        Assert.True(sql == columns, $"{filter}:\nSQL     {sql}\ncolumns {columns}");
        // Selected and counted in row ranges side by side, as a store of a million records is (one this small is not).
        await using var fc = await db.OpenAsync();
        foreach (var parts in new[] { 2, 3, 7 })
        {
            var (store, selected) = (await landscape.SelectAsync(fc, filter, build: true, default, parts))!.Value;
            var split = JsonSerializer.Serialize(store.Count(selected, filter.Basis, parts));
            Assert.True(sql == split, $"{filter}, {parts} parts:\nSQL     {sql}\ncolumns {split}");
        }
    }

    /// <summary>Searches answered with the column store (counts and facets in memory) against the same searches counted by
    /// SQL (no store held, no snapshot stored): the same totals, hits, facets and order.</summary>
    static async Task AssertSearchSameAsSqlAsync(Database db, IEnumerable<PatentFilter> filters)
    {
        var search = new PatentSearch(db);
        var list = filters.ToList();
        Assert.NotNull(LandscapeColumns.Held(db));
        var withStore = new List<string>();
        // Every search with words walks the matches newest first and scores only what it shows (PatentSearch.RankAsync),
        // however few they are; a second page too.
        PatentSearch.RankAllBelow = 0;
        try
        {
            foreach (var f in list) withStore.Add(JsonSerializer.Serialize(await search.RunAsync(f, 0, 30)));
            foreach (var f in list) withStore.Add(JsonSerializer.Serialize(await search.RunAsync(f, 30, 30)));
        }
        finally { PatentSearch.RankAllBelow = 5000; }
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("DELETE FROM patents_landscape_store");
            LandscapeColumns.Forget(db);
            for (var i = 0; i < 2 * list.Count; i++)
            {
                var sql = JsonSerializer.Serialize(await search.RunAsync(list[i % list.Count], i < list.Count ? 0 : 30, 30));
                Assert.True(sql == withStore[i], $"{list[i % list.Count]}:\nSQL     {sql}\ncolumns {withStore[i]}");
            }
            Assert.Null(LandscapeColumns.Held(db)); // the SQL path did not build the store
        }
    }

    /// <summary>Filters of every kind, taking the applicant, jurisdiction and subclass from the data itself.</summary>
    static async Task<List<PatentFilter>> FiltersAsync(Database db, string word, string mainGroup, string symbol)
    {
        var all = await new PatentLandscape(db).ComputeSqlAsync(new PatentFilter());
        var years = all.ByYear.Keys.Select(int.Parse).Order().ToList();
        var (from, to) = (years[years.Count / 3], years[2 * years.Count / 3]);
        var filters = new List<PatentFilter>();
        foreach (var basis in Enum.GetValues<DateBasis>())
        {
            filters.Add(new PatentFilter(Basis: basis));
            filters.Add(new PatentFilter(FromYear: from, ToYear: to, Basis: basis));
            filters.Add(new PatentFilter(FromYear: from, Basis: basis));
            filters.Add(new PatentFilter(Text: word, Basis: basis));
            filters.Add(new PatentFilter(Classification: all.TopSubclasses.Keys.First(), Basis: basis));
            filters.Add(new PatentFilter(Applicant: all.TopApplicants.Keys.First(), Basis: basis));
            filters.Add(new PatentFilter(Jurisdiction: all.Jurisdictions.Keys.First().ToLowerInvariant(), Basis: basis));
            filters.Add(new PatentFilter(ClusterMembers: true, Basis: basis));
            filters.Add(new PatentFilter(LegalStatus: all.LegalStatuses.Keys.FirstOrDefault()?.ToLowerInvariant() ?? "active", Basis: basis));
        }
        filters.Add(new PatentFilter(Classification: mainGroup));
        filters.Add(new PatentFilter(Classification: symbol));
        filters.Add(new PatentFilter(Classification: all.TopSubclasses.Keys.Skip(1).First(), FromYear: from, ToYear: to, Basis: DateBasis.Priority));
        filters.Add(new PatentFilter(Text: word, Jurisdiction: all.Jurisdictions.Keys.First(), Applicant: all.TopApplicants.Keys.Skip(1).First()));
        filters.Add(new PatentFilter(Applicant: "NO SUCH APPLICANT"));
        filters.Add(new PatentFilter(Jurisdiction: "XX"));
        filters.Add(new PatentFilter(Text: "zzqqxx"));
        filters.Add(new PatentFilter(Text: "抗体"));
        filters.Add(new PatentFilter(LegalStatus: "NO SUCH STATUS"));
        filters.Add(new PatentFilter(Text: word, LegalStatus: "PENDING", FromYear: from));
        return filters;
    }

    /// <summary>Links the two largest applicants to new registry enablers, so the cluster filter selects something.</summary>
    static async Task LinkTopApplicantsAsync(Database db)
    {
        var all = await new PatentLandscape(db).ComputeSqlAsync(new PatentFilter());
        foreach (var name in all.TopApplicants.Keys.Take(2)) await new ApplicantEnablers(db, TimeProvider.System).CreateAsync(name, "enterprise", "test");
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ColumnStore_EqualsSql_OnTheLensSamples_ForEveryFilterAndBasis(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        foreach (var f in new[]
        {
            SharedData.Path("patents-lens-sangamo", "lens-export.csv"),
            SharedData.Path("patents-lens-drones-families", "drone_drones_fulltext_families_5884.csv"),
        })
            Assert.True((await import.RunAsync(f, "auto", "test")).Committed);
        // Before any link the cluster filter selects nothing, on both paths.
        Assert.Equal(0, (await new PatentLandscape(db).RunAsync(new PatentFilter(ClusterMembers: true))).Records);
        await LinkTopApplicantsAsync(db);
        var filters = await FiltersAsync(db, "zinc", "C12N 15/00", "C12N 15/11");
        // The store the last import made (from the tables: the workspace held records), then the same store loaded from
        // the snapshot the import wrote, as a new process would.
        Assert.Equal("built", LandscapeColumns.Held(db)!.Origin);
        foreach (var filter in filters) await AssertSameAsSqlAsync(db, filter);
        LandscapeColumns.Forget(db);
        foreach (var filter in filters) await AssertSameAsSqlAsync(db, filter);
        Assert.Equal("snapshot", LandscapeColumns.Held(db)!.Origin);
        var cluster = await new PatentLandscape(db).RunAsync(new PatentFilter(ClusterMembers: true));
        Assert.True(cluster.Records > 0 && cluster.Records < 6014);
        await AssertSearchSameAsSqlAsync(db, filters.Append(new PatentFilter(Text: "zinc finger")).Append(new PatentFilter(Text: "nuclease", Jurisdiction: "US")));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AnImportIntoAnEmptyWorkspace_MakesTheStoreFromTheRowsRead_AndItsSnapshotLoadsTheSame(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(
            SharedData.Path("patents-lens-drones-families", "drone_drones_fulltext_families_5884.csv"), "auto", "test")).Committed);
        var made = LandscapeColumns.Held(db)!;
        Assert.Equal("made by the import", made.Origin);
        await using (var c = await db.OpenAsync())
        {
            var version = await PatentLandscape.VersionAsync(c, null);
            Assert.Equal(version, made.Version);
            // The snapshot in the database is the import's store, byte for byte; a store read back from the tables counts the same.
            var loaded = await LandscapeColumns.LoadSnapshotAsync(c, null, version);
            Assert.NotNull(loaded);
            Assert.Equal(made.ToSnapshot(), loaded.ToSnapshot());
            var built = await LandscapeColumns.BuildAsync(db);
            foreach (var basis in Enum.GetValues<DateBasis>())
                Assert.Equal(JsonSerializer.Serialize(built.Count(null, basis)), JsonSerializer.Serialize(made.Count(null, basis)));
        }
        await LinkTopApplicantsAsync(db);
        var filters = await FiltersAsync(db, "drone", "B64C 39/00", "B64C 39/024");
        foreach (var filter in filters) await AssertSameAsSqlAsync(db, filter);
        LandscapeColumns.Forget(db);
        foreach (var filter in filters) await AssertSameAsSqlAsync(db, filter);
        Assert.Equal("snapshot", LandscapeColumns.Held(db)!.Origin);
        // Search with the loaded store: its search order was worked out by the import and came with the snapshot.
        await AssertSearchSameAsSqlAsync(db, filters.Where(f => f.Basis == DateBasis.Publication)
            .Append(new PatentFilter(Text: "unmanned aerial")).Append(new PatentFilter(Text: "camera", FromYear: 2015)));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task LegalStatus_IsCountedAndFiltered_TheSameOnEveryPath(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "auto", "test")).Committed);
        // The sample's SOURCE.md counts its Legal Status column: ACTIVE 68, DISCONTINUED 25, PENDING 22, INACTIVE 10, EXPIRED 5.
        var expected = new Dictionary<string, long> { ["ACTIVE"] = 68, ["DISCONTINUED"] = 25, ["PENDING"] = 22, ["INACTIVE"] = 10, ["EXPIRED"] = 5 };
        var made = LandscapeColumns.Held(db)!;
        Assert.Equal("made by the import", made.Origin);
        Assert.Equal(expected, made.Count(null, DateBasis.Publication).LegalStatuses);
        Assert.Equal(expected, (await new PatentLandscape(db).ComputeSqlAsync(new PatentFilter())).LegalStatuses);
        Assert.Equal(JsonSerializer.Serialize((await LandscapeColumns.BuildAsync(db)).Count(null, DateBasis.Priority)),
            JsonSerializer.Serialize(made.Count(null, DateBasis.Priority)));
        await using (var c = await db.OpenAsync())
        {
            Assert.Equal(68, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records WHERE legal_status = 'ACTIVE'"));
            Assert.Equal(made.ToSnapshot(), (await LandscapeColumns.LoadSnapshotAsync(c, null, made.Version))!.ToSnapshot());
        }
        foreach (var filter in new[] { new PatentFilter(LegalStatus: "pending"), new PatentFilter(LegalStatus: " Expired ", Classification: "C12N"), new PatentFilter(LegalStatus: "LAPSED") })
            await AssertSameAsSqlAsync(db, filter);
        Assert.Equal(22, (await new PatentLandscape(db).RunAsync(new PatentFilter(LegalStatus: "pending"))).Records);
        Assert.Equal(22, (await new PatentSearch(db).RunAsync(new PatentFilter(LegalStatus: "pending"))).Total);
        Assert.Equal(expected, (await new PatentSearch(db).RunAsync(new PatentFilter(Jurisdiction: "US"))).LegalStatuses); // the facet
        await AssertSearchSameAsSqlAsync(db, [new PatentFilter(LegalStatus: "pending"), new PatentFilter(Text: "zinc"), new PatentFilter(Text: "nuclease", LegalStatus: "ACTIVE")]);

        // A saved search keeps it; the records export names it.
        var saved = await new SavedSearches(db, TimeProvider.System).SaveAsync("active", new PatentFilter(LegalStatus: "active"), "ana");
        Assert.Equal(new PatentFilter(LegalStatus: "ACTIVE"), saved.Filter);
        var rows = await new PatentExport(db).Records(saved.Filter).Rows.ToListAsync();
        Assert.Equal(68, rows.Count);
        Assert.All(rows, r => Assert.Equal("ACTIVE", r[PatentExport.RecordColumns.ToList().IndexOf("legal_status")]));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AStaleSnapshot_IsNotUsed_AndTheNextBuildWritesANewOne(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "auto", "test")).Committed);
        long before;
        await using (var c = await db.OpenAsync())
        {
            before = await PatentLandscape.VersionAsync(c, null);
            Assert.NotNull(await LandscapeColumns.LoadSnapshotAsync(c, null, before));
            // The version moves without the snapshot being deleted (as a write by an older build of the program would):
            // the snapshot describes other data now and is not read.
            await c.ExecuteAsync("UPDATE patents_data_version SET version = version + 1");
            Assert.Null(await LandscapeColumns.LoadSnapshotAsync(c, null, before + 1));
        }
        LandscapeColumns.Forget(db);
        var cn = new PatentFilter(Jurisdiction: "US");
        await AssertSameAsSqlAsync(db, cn);
        Assert.Equal("built", LandscapeColumns.Held(db)!.Origin);
        await using (var c = await db.OpenAsync())
            Assert.Equal([before + 1], await c.QueryAsync<long>("SELECT DISTINCT version FROM patents_landscape_store"));

        // A write that moves the version (a concordance edit) deletes the snapshot; the next landscape builds and writes it.
        await new SegmentConcordance(db).SetAsync("C12N 9/", "Enzymes (test)", "t");
        await using (var c = await db.OpenAsync())
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_landscape_store"));
        LandscapeColumns.Forget(db);
        await AssertSameAsSqlAsync(db, cn);
        Assert.Equal("built", LandscapeColumns.Held(db)!.Origin);
        LandscapeColumns.Forget(db);
        await AssertSameAsSqlAsync(db, cn with { Classification = "C12N" });
        Assert.Equal("snapshot", LandscapeColumns.Held(db)!.Origin);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AFailedImport_LeavesNoSnapshotOfItsData(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var path = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N") + ".csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The second row has no publication number: the file is refused as a whole.
        File.WriteAllText(path, "#,Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications\n" +
            "1,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28\n" +
            "2,CN,A,,002,2021-01-01,2021,一种疫苗,mRNA,BETA CO LTD,WANG WEI,A61K 39/00\n");
        Assert.False((await new PatentImport(db, TimeProvider.System).RunAsync(path, "lens", "test")).Committed);
        Assert.Null(LandscapeColumns.Held(db));
        await using var c = await db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_landscape_store"));
        File.Delete(path);
    }

    [Fact]
    public async Task ColumnStore_EqualsSql_OnAGenerated100kFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "lens100k.csv");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true };
        foreach (var a in new[] { Generator(), "100000", file, SharedData.Root }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            var error = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, error);
        }
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        // The import's snapshot (~3 MB: several of the snapshot writer's blocks) loads back as the same store.
        var made = LandscapeColumns.Held(db)!;
        await using (var c = await db.OpenAsync())
        {
            var loaded = await LandscapeColumns.LoadSnapshotAsync(c, null, made.Version);
            Assert.True(loaded!.SnapshotBytes > 2 << 20, $"snapshot of {loaded.SnapshotBytes} bytes");
            Assert.Equal(made.ToSnapshot(), loaded.ToSnapshot());
        }
        await LinkTopApplicantsAsync(db);
        var filters = await FiltersAsync(db, "battery", "A61K 39/00", "A61K 39/395");
        foreach (var filter in filters) await AssertSameAsSqlAsync(db, filter);
        await AssertSearchSameAsSqlAsync(db, filters.Where(f => f.Basis == DateBasis.Publication).Append(new PatentFilter(Text: "zinc")));
        File.Delete(file);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task TheStore_FollowsEveryWrite_ThroughTheDataVersion(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        const string header = "#,Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Abstract,Applicants,Inventors,IPCR Classifications\n";
        string Temp(string text)
        {
            var path = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N") + ".csv");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, header + text);
            return path;
        }
        var import = new PatentImport(db, TimeProvider.System);
        Assert.True((await import.RunAsync(Temp("1,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,ACME CO LTD,WANG WEI,C07K 16/28\n"), "lens", "t")).Committed);
        var landscape = new PatentLandscape(db);
        var cn = new PatentFilter(Jurisdiction: "CN");
        Assert.Equal(1, (await landscape.RunAsync(cn)).Records);

        // An import: a new record and a changed one.
        Assert.True((await import.RunAsync(Temp(
            "1,CN,A,CN 2 A,002,2021-01-01,2021,一种疫苗,mRNA,ACME CO LTD,WANG WEI,A61K 39/00\n" +
            "2,CN,A,CN 1 A,001,2020-01-01,2020,一种单克隆抗体,用于治疗癌症,BETA CO LTD,WANG WEI,C07K 16/28\n"), "lens", "t")).Committed);
        var after = await landscape.RunAsync(cn);
        Assert.Equal(2, after.Records);
        Assert.Equal(new Dictionary<string, long> { ["ACME"] = 1, ["BETA"] = 1 }, after.TopApplicants);

        // A segment-concordance edit.
        await new SegmentConcordance(db).SetAsync("C07K 16/", "Antibodies (test)", "t");
        Assert.Equal(1, (await landscape.RunAsync(cn)).Segments["Antibodies (test)"]);
        await AssertSameAsSqlAsync(db, cn);

        // An applicant merge.
        await new ApplicantMerges(db, TimeProvider.System).MergeAsync("BETA", "ACME", "test", "t");
        Assert.Equal(new Dictionary<string, long> { ["ACME"] = 2 }, (await landscape.RunAsync(cn)).TopApplicants);
        await AssertSameAsSqlAsync(db, cn);

        // A link to the registry needs no rebuild: the cluster filter reads the links at query time.
        Assert.Equal(0, (await landscape.RunAsync(cn with { ClusterMembers = true })).Records);
        await new ApplicantEnablers(db, TimeProvider.System).CreateAsync("ACME", "enterprise", "t");
        Assert.Equal(2, (await landscape.RunAsync(cn with { ClusterMembers = true })).Records);
        // A saved search keeps the cluster filter.
        var saved = await new SavedSearches(db, TimeProvider.System).SaveAsync("members", new PatentFilter(ClusterMembers: true), "t");
        Assert.Equal(new PatentFilter(ClusterMembers: true), saved.Filter);
    }
}
