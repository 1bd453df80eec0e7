using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>Migration 0022 stores each classification symbol once and links records to it by number: a workspace
/// written at 0021 keeps every link, and a later import reuses the stored symbols' numbers and numbers new ones after them.</summary>
public class PatentsSymbolsMigrationTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AWorkspaceAt0021_KeepsItsLinks_AndAnImportReusesItsSymbols(string dialect)
    {
        var db = await TestDatabases.CreateAtAsync(dialect, "patents", 21);
        await using (var c = await db.OpenAsync())
        {
            foreach (var number in new[] { "US1A1", "US2A1" })
                await c.ExecuteAsync("INSERT INTO patents_records (publication_number, jurisdiction, family_id, publication_year, source, imported_at) VALUES (@number, 'US', @number, 2020, 'test', 'x')", new { number });
            // Written without their word-index entries: the index is marked for a rebuild, which the next import does first.
            await c.ExecuteAsync("INSERT INTO patents_search_stale (stale) VALUES (1)");
            // Four links, three symbols: C07K 16/28 twice as IPC, once as CPC (another symbol), C12N 15/11 once.
            await c.ExecuteAsync("""
                INSERT INTO patents_record_classes (record_id, scheme, code, subclass, main_group)
                SELECT id, 'ipc', 'C07K 16/28', 'C07K', 'C07K 16/00' FROM patents_records;
                INSERT INTO patents_record_classes (record_id, scheme, code, subclass, main_group)
                SELECT id, 'cpc', 'C07K 16/28', 'C07K', 'C07K 16/00' FROM patents_records WHERE publication_number = 'US1A1';
                INSERT INTO patents_record_classes (record_id, scheme, code, subclass, main_group)
                SELECT id, 'ipc', 'C12N 15/11', 'C12N', 'C12N 15/00' FROM patents_records WHERE publication_number = 'US2A1';
                """);
        }
        Assert.Contains(await new Migrator(db).MigrateAsync(), m => m.Module == "patents" && m.Version == 22);

        const string Links = """
            SELECT r.publication_number, k.scheme, k.code, k.subclass, k.main_group FROM patents_record_classes k JOIN patents_records r ON r.id = k.record_id
            ORDER BY r.publication_number, k.scheme, k.code
            """;
        await using (var c = await db.OpenAsync())
        {
            Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_symbols"));
            Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_record_symbols"));
            Assert.Equal([("US1A1", "cpc", "C07K 16/28", "C07K", "C07K 16/00"), ("US1A1", "ipc", "C07K 16/28", "C07K", "C07K 16/00"),
                ("US2A1", "ipc", "C07K 16/28", "C07K", "C07K 16/00"), ("US2A1", "ipc", "C12N 15/11", "C12N", "C12N 15/00")],
                await c.QueryAsync<(string, string, string, string, string)>(Links));
            // A symbol is one (scheme, code), and a record names it once.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => c.ExecuteAsync(
                "INSERT INTO patents_symbols (scheme, code, subclass, main_group) VALUES ('ipc', 'C12N 15/11', 'C12N', 'C12N 15/00')"));
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => c.ExecuteAsync(
                "INSERT INTO patents_record_symbols (record_id, symbol_id) SELECT record_id, symbol_id FROM patents_record_symbols"));
        }
        Assert.Equal(2, (await new PatentLandscape(db).RunAsync(new PatentFilter(Classification: "C07K 16/28"))).Records);
        Assert.Equal(1, (await new PatentLandscape(db).RunAsync(new PatentFilter(Classification: "C12N 15/00"))).Records);

        // An import into the migrated workspace: US2A1 again with one stored symbol and one new, and a new record.
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "again.csv");
        await File.WriteAllTextAsync(file, "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Applicants,IPCR Classifications\n" +
            "1,US,A1,US 2 A1,2,2020-01-01,2020,Antibody,ACME,C07K16/28;;A61K39/395\n" +
            "2,US,A1,US 3 A1,3,2021-01-01,2021,Vaccine,ACME,A61K39/395\n");
        var result = await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test");
        Assert.True(result.Committed);
        Assert.Equal((1L, 1L), (result.Created, result.Updated));
        await using (var c = await db.OpenAsync())
        {
            var symbols = (await c.QueryAsync<(long Id, string Scheme, string Code)>("SELECT id, scheme, code FROM patents_symbols ORDER BY id")).ToList();
            Assert.Equal(4, symbols.Count);
            // The new symbol is numbered after the stored ones; the stored ones keep their numbers.
            Assert.Equal(("ipc", "A61K 39/395"), (symbols[^1].Scheme, symbols[^1].Code));
            Assert.Equal([("US1A1", "cpc", "C07K 16/28", "C07K", "C07K 16/00"), ("US1A1", "ipc", "C07K 16/28", "C07K", "C07K 16/00"),
                ("US2A1", "ipc", "A61K 39/395", "A61K", "A61K 39/00"), ("US2A1", "ipc", "C07K 16/28", "C07K", "C07K 16/00"),
                ("US3A1", "ipc", "A61K 39/395", "A61K", "A61K 39/00")],
                await c.QueryAsync<(string, string, string, string, string)>(Links));
            // The identity goes on past the numbers the import gave (PostgreSQL), so a later insert without one fits.
            await c.ExecuteAsync("INSERT INTO patents_symbols (scheme, code, subclass, main_group) VALUES ('ipc', 'A01H 1/00', 'A01H', 'A01H 1/00')");
        }
        Assert.Equal(2, (await new PatentLandscape(db).RunAsync(new PatentFilter(Classification: "A61K"))).Records);
    }
}
