using System.Data.Common;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Tests.Kernel;

/// <summary>The keys a bulk load may set aside (<see cref="SqlDialect.BeginBulkLoadAsync"/>): only of empty tables,
/// only on PostgreSQL, built again under their own names, and a row that breaks one rolls the load back.</summary>
public class BulkLoadTests
{
    const string Tables = """
        CREATE TABLE load_parent (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE);
        CREATE TABLE load_child (parent_id BIGINT NOT NULL REFERENCES load_parent (id), position BIGINT NOT NULL, PRIMARY KEY (parent_id, position));
        """;

    static async Task<(Database Db, DbConnection C)> OpenAsync(string dialect, string tables = Tables)
    {
        var db = await TestDatabases.CreateAsync(dialect, migrate: false);
        var c = await db.OpenAsync();
        await c.ExecuteAsync(tables);
        return (db, c);
    }

    static async Task<List<string>> KeysAsync(DbConnection c) => (await c.QueryAsync<string>(
        "SELECT conname FROM pg_constraint WHERE conrelid IN ('load_parent'::regclass, 'load_child'::regclass) AND contype IN ('p', 'u') ORDER BY conname")).ToList();

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task EmptyTables_KeysSetAsideOnPostgres_AndBackUnderTheirNames(string dialect)
    {
        var (db, c) = await OpenAsync(dialect);
        await using var _ = c;
        var before = dialect == TestDatabases.Postgres ? await KeysAsync(c) : [];
        var load = await db.Dialect.BeginBulkLoadAsync(c, ["load_parent", "load_child"], ["load_parent", "load_child"], default);
        Assert.Equal(dialect == TestDatabases.Postgres, load.KeysSetAside);
        if (load.KeysSetAside)
            Assert.Empty(await c.QueryAsync<string>("SELECT conname FROM pg_constraint WHERE conrelid = 'load_parent'::regclass AND contype IN ('p', 'u')", transaction: load.Transaction));
        await c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (1, 'a'), (2, 'b'); INSERT INTO load_child (parent_id, position) VALUES (1, 1), (1, 2), (2, 1)", transaction: load.Transaction);
        await load.RestoreChecksAsync(default);
        Assert.False(load.KeysSetAside);
        await load.Transaction.CommitAsync();

        if (dialect == TestDatabases.Postgres) Assert.Equal(before, await KeysAsync(c));
        // Every key holds again: a repeated code, a repeated link and a link to no parent are refused.
        await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (3, 'a')"));
        await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("INSERT INTO load_child (parent_id, position) VALUES (1, 2)"));
        if (dialect == TestDatabases.Postgres)
            await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("INSERT INTO load_child (parent_id, position) VALUES (9, 1)"));
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM load_parent"));
    }

    [Fact]
    public async Task RowsBreakingASetAsideKey_FailItsRestore_AndTheLoadRollsBack()
    {
        var (db, c) = await OpenAsync(TestDatabases.Postgres);
        await using var _ = c;
        var load = await db.Dialect.BeginBulkLoadAsync(c, ["load_parent", "load_child"], ["load_parent"], default);
        Assert.True(load.KeysSetAside);
        await c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (1, 'a'), (2, 'a')", transaction: load.Transaction);
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => load.RestoreKeysAsync(default));
        Assert.Equal("23505", e.SqlState); // unique_violation
        await load.Transaction.RollbackAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM load_parent"));
        Assert.Equal(["load_child_pkey", "load_parent_code_key", "load_parent_pkey"], await KeysAsync(c));
    }

    [Fact]
    public async Task KeysRestoredEarly_ServeAnUpsert_AndAreNotBuiltTwice()
    {
        var (db, c) = await OpenAsync(TestDatabases.Postgres);
        await using var _ = c;
        var load = await db.Dialect.BeginBulkLoadAsync(c, ["load_parent", "load_child"], ["load_parent"], default);
        await c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (1, 'a')", transaction: load.Transaction);
        await load.RestoreKeysAsync(default);
        await c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (2, 'a') ON CONFLICT (code) DO UPDATE SET id = excluded.id", transaction: load.Transaction);
        await load.RestoreChecksAsync(default); // the keys are in place: building them again would fail ("already exists")
        await load.Transaction.CommitAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT id FROM load_parent WHERE code = 'a'"));
    }

    [Fact]
    public async Task TablesWithRows_OrKeysAnotherTableReliesOn_KeepTheirKeys()
    {
        var (db, c) = await OpenAsync(TestDatabases.Postgres);
        await using var _ = c;
        await c.ExecuteAsync("INSERT INTO load_parent (id, code) VALUES (1, 'a')");
        var load = await db.Dialect.BeginBulkLoadAsync(c, ["load_parent"], ["load_parent"], default);
        Assert.False(load.KeysSetAside);
        await load.RestoreChecksAsync(default);
        await load.Transaction.RollbackAsync();

        // load_child (outside the load) references load_parent's id: that key stays, the code key goes.
        await c.ExecuteAsync("DELETE FROM load_parent");
        load = await db.Dialect.BeginBulkLoadAsync(c, ["load_parent"], ["load_parent"], default);
        Assert.True(load.KeysSetAside);
        Assert.Equal(["load_parent_pkey"], await c.QueryAsync<string>(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'load_parent'::regclass AND contype IN ('p', 'u')", transaction: load.Transaction));
        await load.RestoreChecksAsync(default);
        await load.Transaction.CommitAsync();
        Assert.Equal(["load_child_pkey", "load_parent_code_key", "load_parent_pkey"], await KeysAsync(c));
    }
}
