using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>Migration 0017 keys the link tables on the record id: a workspace written at 0016 keeps every link.</summary>
public class PatentsRecordKeysMigrationTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task AWorkspaceAt0016_MigratesTo0017_WithTheSameLinks(string dialect)
    {
        var db = await TestDatabases.CreateAtAsync(dialect, "patents", 16);
        await using (var c = await db.OpenAsync())
        {
            // Three records inserted out of publication-number order, so ids and numbers sort differently; one without links.
            foreach (var number in new[] { "US2B1", "CN1A", "EP3A1" })
                await c.ExecuteAsync("INSERT INTO patents_records (publication_number, jurisdiction, family_id, publication_year, source, imported_at) VALUES (@number, substr(@number, 1, 2), @number, 2020, 'test', 'x')", new { number });
            await c.ExecuteAsync("""
                INSERT INTO patents_record_applicants (publication_number, position, applicant, raw_name) VALUES
                    ('CN1A', 1, 'ACME', 'Acme Co Ltd'), ('CN1A', 2, 'GAMMA UNIV', 'Gamma Univ'), ('US2B1', 1, 'BETA', 'Beta Inc');
                INSERT INTO patents_record_classes (publication_number, scheme, code, subclass, main_group) VALUES
                    ('CN1A', 'ipc', 'C07K 16/28', 'C07K', 'C07K 16/00'), ('CN1A', 'cpc', 'C07K 16/28', 'C07K', 'C07K 16/00'),
                    ('US2B1', 'ipc', 'C12N 15/11', 'C12N', 'C12N 15/00');
                """);
        }
        Assert.Contains(await new Migrator(db).MigrateAsync(), m => m.Module == "patents" && m.Version == 17);

        await using (var c = await db.OpenAsync())
        {
            var applicants = await c.QueryAsync<(string, long, string, string)>("""
                SELECT r.publication_number, a.position, a.applicant, a.raw_name FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id
                ORDER BY r.publication_number, a.position
                """);
            Assert.Equal([("CN1A", 1L, "ACME", "Acme Co Ltd"), ("CN1A", 2L, "GAMMA UNIV", "Gamma Univ"), ("US2B1", 1L, "BETA", "Beta Inc")], applicants);
            var classes = await c.QueryAsync<(string, string, string, string, string)>("""
                SELECT r.publication_number, k.scheme, k.code, k.subclass, k.main_group FROM patents_record_classes k JOIN patents_records r ON r.id = k.record_id
                ORDER BY r.publication_number, k.scheme
                """);
            Assert.Equal([("CN1A", "cpc", "C07K 16/28", "C07K", "C07K 16/00"), ("CN1A", "ipc", "C07K 16/28", "C07K", "C07K 16/00"), ("US2B1", "ipc", "C12N 15/11", "C12N", "C12N 15/00")], classes);
            // The keys hold: a second link at the same position of a record is refused.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => c.ExecuteAsync(
                "INSERT INTO patents_record_applicants (record_id, position, applicant, raw_name) SELECT id, 1, 'X', 'X' FROM patents_records WHERE publication_number = 'CN1A'"));
        }
        // The queries over the links see the migrated rows.
        var landscape = await new PatentLandscape(db).RunAsync(new PatentFilter(Applicant: "GAMMA UNIV"));
        Assert.Equal(1, landscape.Records);
        Assert.Equal(1, (await new PatentLandscape(db).RunAsync(new PatentFilter(Classification: "C12N"))).Records);
    }

    /// <summary>PostgreSQL: migration 0023 names the applicant links' key after its table again (0017 built the table
    /// under another name), and an import into an empty workspace — which sets the keys aside and builds them after
    /// the load — brings every key back under the same name.</summary>
    [Fact]
    public async Task OnPostgres_TheRecordTablesKeys_AreNamedAfterTheirTables_BeforeAndAfterAnImport()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        const string keys = """
            SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u')
                AND conrelid IN ('patents_records'::regclass, 'patents_record_applicants'::regclass, 'patents_record_symbols'::regclass)
            ORDER BY conname
            """;
        string[] expected = ["patents_record_applicants_pkey", "patents_record_symbols_pkey", "patents_records_pkey", "patents_records_publication_number_key"];
        await using (var c = await db.OpenAsync()) Assert.Equal(expected, await c.QueryAsync<string>(keys));
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(
            SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "auto", "test")).Committed);
        await using (var c = await db.OpenAsync()) Assert.Equal(expected, await c.QueryAsync<string>(keys));
    }
}
