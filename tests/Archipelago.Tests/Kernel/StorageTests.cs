using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Dapper;

namespace Archipelago.Tests.Kernel;

/// <summary>The same repository code against both databases.</summary>
public class StorageTests
{
    static readonly TimeProvider Clock = TimeProvider.System;

    static Enabler New(string key, string en, string? zh = null, EnablerType? type = null, params string[] aliases) =>
        new(key, type ?? EnablerType.Enterprise, en, zh, aliases, new Region("Guangzhou", "Guangdong", "CN"), null, null, "test");

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect, migrate: false);
        Assert.NotEmpty(await new Migrator(db).MigrateAsync());
        Assert.Empty(await new Migrator(db).MigrateAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Migrate_DatabaseNewerThanBinary_IsRefused(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await using (var c = await db.OpenAsync())
            await c.ExecuteAsync("INSERT INTO kernel_schema_versions (module, version, name, applied_at) VALUES ('kernel', 9999, 'future', 'now')");
        var e = await Assert.ThrowsAsync<DomainException>(() => new Migrator(db).MigrateAsync());
        Assert.Equal("database_newer", e.Code);
        Assert.Contains("9999", e.Message);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Enablers_SearchByChineseEnglishAliasAndFilters(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new EnablerStore(db, Clock);
        var a = await store.AddAsync(New("E1", "Ruikang Biologics", "瑞康生物", null, "RK Bio"), "t");
        await store.AddAsync(New("E2", "Lingbay Medical University", "岭湾医科大学", EnablerType.University), "t");
        await store.AddAsync(new Enabler("E3", EnablerType.Enterprise, "Brightwater 100% Bio_Tech", null, null, new Region("Oxford", "England", "GB"), "discovery", null, "t"), "t");

        Assert.Equal("E1", Assert.Single((await store.SearchAsync(new EnablerQuery("瑞康"))).Items).Key);
        Assert.Equal("E1", Assert.Single((await store.SearchAsync(new EnablerQuery("rk bio"))).Items).Key);
        Assert.Equal("E1", Assert.Single((await store.SearchAsync(new EnablerQuery("RUIKANG"))).Items).Key);
        Assert.Equal("E2", Assert.Single((await store.SearchAsync(new EnablerQuery(Type: "university"))).Items).Key);
        Assert.Equal("E3", Assert.Single((await store.SearchAsync(new EnablerQuery(Country: "gb"))).Items).Key);
        Assert.Equal("E3", Assert.Single((await store.SearchAsync(new EnablerQuery(Segment: "discovery"))).Items).Key);
        Assert.Equal(2, (await store.SearchAsync(new EnablerQuery(City: "guangzhou"))).Total);
        // LIKE wildcards in the query are literal characters.
        Assert.Equal("E3", Assert.Single((await store.SearchAsync(new EnablerQuery("100%"))).Items).Key);
        Assert.Equal("E3", Assert.Single((await store.SearchAsync(new EnablerQuery("bio_tech"))).Items).Key);
        Assert.Equal(a, await store.GetAsync(a.Id));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Enablers_DuplicateKey_IsRefusedAndNothingChanges(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new EnablerStore(db, Clock);
        await store.AddAsync(New("E1", "One"), "t");
        Assert.Equal("duplicate_key", (await Assert.ThrowsAsync<DomainException>(() => store.AddAsync(New("E1", "Other"), "t"))).Code);
        Assert.Equal(1, await store.CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task JointActions_RoundTripWithParticipantsRolesAndPartialDates(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, Clock);
        var actions = new JointActionStore(db, Clock);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await enablers.AddAsync(New($"E{i}", $"Org {i}"), "t")).Id);
        var a = await actions.AddAsync(new JointAction("A1", "event", PartialDate.Parse("2021-11"), PartialDate.Parse("2021-12-02"),
            ids.Select((id, i) => new Participant(id, i == 0 ? "organiser" : "attendee")), 12345.67m, "cny", "Forum", "test"), "t");
        var back = await actions.GetAsync(a.Id);
        Assert.Equal(a, back);
        Assert.Equal(DatePrecision.Month, back!.Start.Precision);
        Assert.Equal("CNY", back.Currency);
        Assert.Equal(5, (await actions.YearlyForEnablerAsync(ids[0])).Single().Count + 4);

        var changed = await actions.UpdateAsync(new JointAction("A1", "collaboration", PartialDate.Parse("2022"), null,
            [new Participant(ids[1], "lead"), new Participant(ids[2], "partner")], null, null, null, "test") { Id = a.Id }, "t");
        Assert.Equal(changed, await actions.GetAsync(a.Id));
        Assert.Equal(1, (await actions.SearchAsync(new JointActionQuery(EnablerId: ids[2]))).Total);
        Assert.Equal(0, (await actions.SearchAsync(new JointActionQuery(EnablerId: ids[0]))).Total);
    }

    /// <summary>The network window query: years inclusive at both ends and open either side, types case-insensitive,
    /// oldest first by start date then id, with every participant.</summary>
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task JointActions_InWindow_YearsTypesOrderAndParticipants(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, Clock);
        var actions = new JointActionStore(db, Clock);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await enablers.AddAsync(New($"E{i}", $"Org {i}"), "t")).Id);
        async Task Add(string key, string type, string start) => await actions.AddAsync(new JointAction(key, type, PartialDate.Parse(start), null,
            ids.Select((id, i) => new Participant(id, i == 0 ? "lead" : "partner")), null, null, null, "t"), "t");
        await Add("A1", "collaboration", "2019-12-31");
        await Add("A2", "event", "2020");
        await Add("A3", "licence", "2020-03");
        await Add("A4", "collaboration", "2021-01-01");
        await Add("A5", "event", "2022-06");
        string Keys(IEnumerable<JointAction> a) => string.Join(",", a.Select(x => x.Key));
        Assert.Equal("A2,A3,A4", Keys(await actions.InWindowAsync(2020, 2021)));
        Assert.Equal("A1,A2,A3,A4,A5", Keys(await actions.InWindowAsync(null, null)));
        Assert.Equal("A4,A5", Keys(await actions.InWindowAsync(2021, null)));
        Assert.Equal("A1,A2,A3", Keys(await actions.InWindowAsync(null, 2020)));
        Assert.Equal("A1,A2,A4,A5", Keys(await actions.InWindowAsync(null, null, ["Collaboration", "event ", "event"])));
        Assert.Equal("A2,A5", Keys(await actions.InWindowAsync(null, null, ["EVENT"])));
        Assert.Empty(await actions.InWindowAsync(2023, 2030));
        Assert.Empty(await actions.InWindowAsync(2021, 2020));
        var a3 = Assert.Single(await actions.InWindowAsync(2020, 2020, ["licence"]));
        Assert.Equal(ids, a3.Participants.Select(p => p.EnablerId).Order());
        Assert.Equal("lead", a3.Participants.Single(p => p.EnablerId == ids[0]).Role);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task JointActions_UnknownParticipantOrType_IsRefused(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var e1 = await new EnablerStore(db, Clock).AddAsync(New("E1", "One"), "t");
        var actions = new JointActionStore(db, Clock);
        var missing = await Assert.ThrowsAsync<DomainException>(() => actions.AddAsync(new JointAction("A1", "collaboration", PartialDate.Parse("2020"), null,
            [new Participant(e1.Id, "a"), new Participant(999999, "b")], null, null, null, "t"), "t"));
        Assert.Equal("unknown_participant", missing.Code);
        var type = await Assert.ThrowsAsync<DomainException>(() => actions.AddAsync(new JointAction("A1", "alliance", PartialDate.Parse("2020"), null,
            [new Participant(e1.Id, "a"), new Participant(e1.Id + 1, "b")], null, null, null, "t"), "t"));
        Assert.Equal("unknown_action_type", type.Code);
        Assert.Equal(0, await actions.CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task JointActions_AppliedTogether_AllOrNone(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, Clock);
        var (e1, e2) = (await enablers.AddAsync(New("E1", "One"), "t"), await enablers.AddAsync(New("E2", "Two"), "t"));
        var actions = new JointActionStore(db, Clock);
        JointAction Action(string key, string year, long other) =>
            new(key, "collaboration", PartialDate.Parse(year), null, [new Participant(e1.Id, "a"), new Participant(other, "b")], null, null, null, "t");
        var a1 = await actions.AddAsync(Action("A1", "2019", e2.Id), "t");
        var a2 = await actions.AddAsync(Action("A2", "2020", e2.Id), "t");
        async Task<long> Audited()
        {
            await using var c = await db.OpenAsync();
            return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_audit WHERE entity = 'joint_action'");
        }
        var audited = await Audited();

        // The last add names a participant that does not exist: the delete, the update and the first add are undone.
        var refused = await Assert.ThrowsAsync<DomainException>(() => actions.ApplyAsync(new JointActionChanges(
            Add: [Action("A3", "2021", e2.Id), Action("A4", "2022", 999999)], Update: [Action("A2", "2023", e2.Id) with { Id = a2.Id }], Delete: [a1.Id]), "t"));
        Assert.Equal("unknown_participant", refused.Code);
        Assert.Equal(["A1", "A2"], (await actions.InWindowAsync(null, null)).Select(a => a.Key).Order().ToArray());
        Assert.Equal(2020, (await actions.GetAsync(a2.Id))!.Start.Year);
        Assert.Equal(audited, await Audited());

        // Deletes come first, so an added action may take a deleted one's key; ids follow on; each change is audited.
        var applied = await actions.ApplyAsync(new JointActionChanges(
            Add: [Action("A1", "2024", e2.Id), Action("A3", "2021", e2.Id)], Update: [Action("A2", "2023", e2.Id) with { Id = a2.Id }], Delete: [a1.Id, 424242]), "t");
        Assert.Equal((1, 1), (applied.Deleted, applied.Updated)); // the unknown id is skipped
        Assert.Equal([a2.Id + 1, a2.Id + 2], applied.Added.Select(a => a.Id).ToArray());
        Assert.Equal(["A1:2024", "A2:2023", "A3:2021"], (await actions.InWindowAsync(null, null)).Select(a => $"{a.Key}:{a.Start.Year}").Order().ToArray());
        Assert.Equal(audited + 4, await Audited());
        // The identity moved on with the explicit ids: an ordinary add still gets a fresh one.
        Assert.Equal(a2.Id + 3, (await actions.AddAsync(Action("A5", "2025", e2.Id), "t")).Id);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Merge_MovesActionsKeepsSurvivorRoleAddsAliasesAndDeletesDuplicates(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, Clock);
        var actions = new JointActionStore(db, Clock);
        var keep = await enablers.AddAsync(New("E1", "Ruikang Biologics", "瑞康生物"), "t");
        var dup = await enablers.AddAsync(New("E2", "Ruikang Biologics Co., Ltd.", "瑞康生物制药有限公司"), "t");
        var other = await enablers.AddAsync(New("E3", "Lingbay University", null, EnablerType.University), "t");
        var third = await enablers.AddAsync(New("E4", "Harbour CRO", null, EnablerType.ServiceProvider), "t");
        await actions.AddAsync(new JointAction("A1", "collaboration", PartialDate.Parse("2019"), null, [new(dup.Id, "lead"), new(other.Id, "partner")], null, null, null, "t"), "t");
        await actions.AddAsync(new JointAction("A2", "event", PartialDate.Parse("2020"), null, [new(keep.Id, "organiser"), new(dup.Id, "attendee"), new(third.Id, "attendee")], null, null, null, "t"), "t");
        await actions.AddAsync(new JointAction("A3", "supply", PartialDate.Parse("2021"), null, [new(keep.Id, "buyer"), new(dup.Id, "supplier")], null, null, null, "t"), "t");

        var merged = await enablers.MergeAsync(keep.Id, [dup.Id], "t");

        Assert.Null(await enablers.GetAsync(dup.Id));
        Assert.Contains("Ruikang Biologics Co., Ltd.", merged.Aliases);
        Assert.Contains("瑞康生物制药有限公司", merged.Aliases);
        Assert.Equal("E1", Assert.Single((await enablers.SearchAsync(new EnablerQuery("制药有限公司"))).Items).Key);
        var mine = (await actions.SearchAsync(new JointActionQuery(EnablerId: keep.Id))).Items.ToDictionary(a => a.Key);
        Assert.Equal("lead", mine["A1"].Participants.Single(p => p.EnablerId == keep.Id).Role);
        Assert.Equal("organiser", mine["A2"].Participants.Single(p => p.EnablerId == keep.Id).Role);
        Assert.Equal(2, mine["A2"].Participants.Count);
        // A3 was between the two duplicates only: after the merge it is not a joint action any more.
        Assert.False(mine.ContainsKey("A3"));
        Assert.Equal(2, await actions.CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Delete_RemovesActionsLeftWithOneParticipantOnly(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var enablers = new EnablerStore(db, Clock);
        var actions = new JointActionStore(db, Clock);
        var e = new List<Enabler>();
        for (var i = 0; i < 3; i++) e.Add(await enablers.AddAsync(New($"E{i}", $"Org {i}"), "t"));
        await actions.AddAsync(new JointAction("PAIR", "collaboration", PartialDate.Parse("2019"), null, [new(e[0].Id, "a"), new(e[1].Id, "b")], null, null, null, "t"), "t");
        await actions.AddAsync(new JointAction("TRIO", "event", PartialDate.Parse("2019"), null, [new(e[0].Id, "a"), new(e[1].Id, "b"), new(e[2].Id, "c")], null, null, null, "t"), "t");
        Assert.True(await enablers.DeleteAsync(e[0].Id, "t"));
        var left = Assert.Single((await actions.SearchAsync(new JointActionQuery())).Items);
        Assert.Equal("TRIO", left.Key);
        Assert.Equal(2, left.Participants.Count);
    }

    [Fact]
    public async Task NewSqliteWorkspace_Has32KbPages_AndAnExistingFileKeepsItsOwn()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using (var c = await db.OpenAsync())
        {
            Assert.Equal(32768L, await c.ExecuteScalarAsync<long>("PRAGMA page_size"));
            Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        }
        // A file made elsewhere with SQLite's default 4 KB pages is opened as it is.
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var old = Database.Sqlite(dir);
        await using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={old.SqliteFile}"))
        {
            await raw.OpenAsync();
            await raw.ExecuteAsync("CREATE TABLE made_before (x INTEGER)");
        }
        await new Migrator(old).MigrateAsync();
        await using (var c = await old.OpenAsync())
        {
            Assert.Equal(4096L, await c.ExecuteScalarAsync<long>("PRAGMA page_size"));
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM made_before"));
        }
    }

    [Fact]
    public async Task Backup_OfSqlite_IsAConsistentCopyThatOpens()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await new EnablerStore(db, Clock).AddAsync(New("E1", "One"), "t");
        var target = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"), "backup.db");
        await Backup.WriteAsync(db, target);
        var copy = Database.Sqlite(Path.GetDirectoryName(target)!);
        File.Move(target, copy.SqliteFile!);
        Assert.Equal(1, await new EnablerStore(copy, Clock).CountAsync());
    }
}
