using System.Text;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Modules.Cluster.Features.Export;
using Archipelago.Modules.Cluster.Features.Import;

namespace Archipelago.Tests.Cluster;

public class RegistryImportTests
{
    static readonly TimeProvider Clock = TimeProvider.System;

    const string Enablers = """
        key,type,name_en,name_zh,aliases,city,province,country,segment,size,listed
        E1,enterprise,Ruikang Biologics,瑞康生物,RK Bio; Ruikang,Guangzhou,Guangdong,CN,manufacturing,large,yes
        E2,university,Lingbay Medical University,岭湾医科大学,,Guangzhou,Guangdong,CN,discovery,,
        E3,investor,Harbour Ventures,,,Shenzhen,Guangdong,CN,,,
        """;

    static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));

    static async Task<ImportOutcome> Import(Database db, RegistryKind kind, string text, bool commit = true, string file = "file.csv") =>
        await new RegistryImport(db, Clock).RunAsync(kind, Utf8(text), file, commit, "test");

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task DryRun_ReportsThePlanAndStoresNothing(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var o = await Import(db, RegistryKind.Enablers, Enablers, commit: false);
        Assert.True(o.Ok);
        Assert.False(o.Committed);
        Assert.Equal((3, 3L), ((int)o.Rows, o.Created));
        Assert.Equal(0, await new EnablerStore(db, Clock).CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Commit_ThenSameFileAgain_ChangesNothing(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await Import(db, RegistryKind.Enablers, Enablers)).Committed);
        var again = await Import(db, RegistryKind.Enablers, Enablers);
        Assert.Equal((0L, 0L, 3L), (again.Created, again.Updated, again.Unchanged));
        var e1 = await new EnablerStore(db, Clock).GetByKeyAsync("E1");
        Assert.Equal(["RK Bio", "Ruikang"], e1!.Aliases);
        Assert.True(e1.Attributes.Listed);
        Assert.Equal("import:file.csv", e1.Source);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task BadRows_EachReportedWithRowAndColumn_AndNothingStored(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var bad = """
            key,type,name_en,name_zh,country,founded
            E1,enterprise,Good One,,CN,2010
            E2,startup,Unknown Type,,CN,
            E3,enterprise,,,CN,
            E1,enterprise,Duplicate,,CN,
            E5,enterprise,Bad Country,,China,
            E6,enterprise,Bad Year,,CN,twenty
            """;
        var o = await Import(db, RegistryKind.Enablers, bad, file: "bad.csv");
        Assert.False(o.Committed);
        Assert.Equal(
            [(3, "type"), (4, "name_en"), (5, "key"), (6, "country"), (7, "founded")],
            o.Errors.Select(e => (e.Row, e.Column!)).ToArray());
        Assert.All(o.Errors, e => Assert.Equal("bad.csv", e.File));
        Assert.Contains("duplicate of row 2", o.Errors.Single(e => e.Row == 5).Reason);
        Assert.Equal(0, await new EnablerStore(db, Clock).CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task FailedImport_KeepsWhatWasStoredBefore(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await Import(db, RegistryKind.Enablers, Enablers);
        var changedAndBroken = """
            key,type,name_en
            E1,enterprise,Renamed
            E9,nonsense,Broken
            """;
        Assert.False((await Import(db, RegistryKind.Enablers, changedAndBroken)).Committed);
        Assert.Equal("Ruikang Biologics", (await new EnablerStore(db, Clock).GetByKeyAsync("E1"))!.NameEn);
        Assert.Equal(3, await new EnablerStore(db, Clock).CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Actions_ImportWithParticipantsAndRoles_AndUnknownParticipantFails(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        await Import(db, RegistryKind.Enablers, Enablers);
        var actions = """
            key,type,start,end,participants,value,currency,description
            A1,licence,2019-05,,E2:licensor; E1:licensee,"1,500,000",CNY,Licence of a candidate
            ,event,2020-11-18,,E1:attendee; E2:organiser; E3:attendee,,,Forum 2020
            """;
        var o = await Import(db, RegistryKind.Actions, actions);
        Assert.True(o.Committed, string.Join("; ", o.Errors));
        var store = new JointActionStore(db, Clock);
        var page = await store.SearchAsync(new JointActionQuery());
        Assert.Equal(2, page.Total);
        var forum = page.Items.Single(a => a.Type == "event");
        Assert.Equal(3, forum.Participants.Count);
        Assert.StartsWith("A-", forum.Key);
        Assert.Equal(1_500_000m, page.Items.Single(a => a.Key == "A1").Value);

        // Re-import: keyless rows get the same derived key, so nothing is duplicated.
        var again = await Import(db, RegistryKind.Actions, actions);
        Assert.Equal((0L, 2L), (again.Created, again.Updated));
        Assert.Equal(2, await store.CountAsync());

        var unknown = await Import(db, RegistryKind.Actions, "type,start,participants\ncollaboration,2021,E1:lead; E404:partner\n");
        var error = Assert.Single(unknown.Errors);
        Assert.Equal((2, "participants"), (error.Row, error.Column));
        Assert.Contains("E404", error.Reason);
        Assert.Equal(2, await store.CountAsync());
    }

    [Fact]
    public async Task Actions_BadDatesTypesAndSingleParticipant_AreRowErrors()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await Import(db, RegistryKind.Enablers, Enablers);
        var o = await Import(db, RegistryKind.Actions, """
            type,start,participants
            collaboration,2019-13-45,E1;E2
            alliance,2019,E1;E2
            collaboration,2019,E1
            """);
        Assert.Equal([(2, "start"), (3, "type"), (4, "participants")], o.Errors.Select(e => (e.Row, e.Column!)).ToArray());
    }

    [Fact]
    public async Task GbkFile_IsRefusedWithAHint_ThenImportsWithTheEncodingNamed()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("gb18030").GetBytes("type,name_zh,country\nenterprise,瑞康生物制药有限公司,CN\n");
        var e = await Assert.ThrowsAsync<Archipelago.Kernel.Import.ImportFileException>(() =>
            new RegistryImport(db, Clock).RunAsync(RegistryKind.Enablers, new MemoryStream(bytes), "gbk.csv", true, "t"));
        Assert.Contains("gbk.csv", e.Message);
        Assert.Contains("GB18030", e.Message);
        Assert.Equal(0, await new EnablerStore(db, Clock).CountAsync());

        var ok = await new RegistryImport(db, Clock).RunAsync(RegistryKind.Enablers, new MemoryStream(bytes), "gbk.csv", true, "t", Encoding.GetEncoding("gb18030"));
        Assert.True(ok.Committed);
        Assert.Equal("瑞康生物制药有限公司", Assert.Single((await new EnablerStore(db, Clock).SearchAsync(new EnablerQuery("瑞康"))).Items).NameZh);
    }

    [Fact]
    public async Task MissingRequiredColumn_IsOneErrorOnTheHeader()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var o = await Import(db, RegistryKind.Enablers, "name_en,country\nAcme,CN\n");
        var e = Assert.Single(o.Errors);
        Assert.Equal((1, "type"), (e.Row, e.Column!));
    }

    [Fact]
    public async Task Json_ArrayOfObjects_Imports()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var json = """[{"key":"E1","type":"enterprise","name_en":"Acme","aliases":["A1 Corp","Acme Bio"],"country":"CN","listed":true}]""";
        var o = await new RegistryImport(db, Clock).RunAsync(RegistryKind.Enablers, Utf8(json), "e.json", true, "t");
        Assert.True(o.Committed, string.Join("; ", o.Errors));
        Assert.Equal(["A1 Corp", "Acme Bio"], (await new EnablerStore(db, Clock).GetByKeyAsync("E1"))!.Aliases);
    }

    [Fact]
    public async Task MalformedJson_IsAFileErrorNamingTheFile()
    {
        var db = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var e = await Assert.ThrowsAsync<Archipelago.Kernel.Import.ImportFileException>(() =>
            new RegistryImport(db, Clock).RunAsync(RegistryKind.Enablers, Utf8("""[{"key":"E1", """), "broken.json", true, "t"));
        Assert.Contains("broken.json", e.Message);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task Export_ThenImportIntoAnEmptyWorkspace_ReproducesTheRegistry(string format)
    {
        var source = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await Import(source, RegistryKind.Enablers, Enablers);
        await Import(source, RegistryKind.Actions, "type,start,participants,value,currency\nevent,2020-11,E1:attendee; E2:organiser; E3:attendee,12.5,USD\n");
        var export = new RegistryExport(new EnablerStore(source, Clock), new JointActionStore(source, Clock));
        var target = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        foreach (var kind in new[] { RegistryKind.Enablers, RegistryKind.Actions })
        {
            var buffer = new MemoryStream();
            await export.WriteAsync(kind, format, buffer);
            buffer.Position = 0;
            var o = await new RegistryImport(target, Clock).RunAsync(kind, buffer, $"{kind}.{format}", true, "t");
            Assert.True(o.Committed, string.Join("; ", o.Errors));
        }
        var before = await new EnablerStore(source, Clock).SearchAsync(new EnablerQuery());
        var after = await new EnablerStore(target, Clock).SearchAsync(new EnablerQuery());
        Assert.Equal(before.Items.Select(e => (e.Key, e.NameEn, e.NameZh, string.Join("|", e.Aliases), e.Region, e.Segment, e.Attributes.ToJson())),
            after.Items.Select(e => (e.Key, e.NameEn, e.NameZh, string.Join("|", e.Aliases), e.Region, e.Segment, e.Attributes.ToJson())));
        var a = Assert.Single((await new JointActionStore(target, Clock).SearchAsync(new JointActionQuery())).Items);
        Assert.Equal((3, 12.5m, "USD", DatePrecision.Month), (a.Participants.Count, a.Value!.Value, a.Currency!, a.Start.Precision));
    }
}
