using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;
using Dapper;

namespace Archipelago.Tests.Patents;

/// <summary>The 2001–2002 USPTO layouts: pre-grant publications (pap) and ST.32 PATDOC grants, on the shipped samples.
/// Expected values read off the XML by hand (document-id, B110/B130/B140, B220, B320, B511/B512, B540, B721, B731).</summary>
public class PatentsLegacyXmlTests
{
    [Theory]
    [InlineData("G06F 1516", "G06F 15/16")]
    [InlineData("G06F 1300", "G06F 13/00")]
    [InlineData("B32B 302", "B32B 3/02")]
    [InlineData("1402", null)] // a design patent's Locarno class
    public void St32Ipc_SplitsGroupAndSubgroup(string text, string? symbol) => Assert.Equal(symbol, LegacyUsptoXml.St32Ipc(text));

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task PapAndPatdocDocuments_Import(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var import = new PatentImport(db, TimeProvider.System);
        foreach (var f in new[] { "pap/US20010000943A1.xml", "pap/US20010000044A1.xml", "pap/US20010009014A1.xml", "sgml/US06336130.xml", "sgml/US06337117.xml", "sgml/USD435854S1.xml" })
        {
            var r = await import.RunAsync(SharedData.Path("patents-uspto-xml-samples", f), "auto", "test");
            Assert.True(r.Committed, f + ": " + string.Join("; ", r.Errors));
        }
        await using var c = await db.OpenAsync();
        Assert.Equal(6, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patents_records"));

        var pap = await c.QuerySingleAsync<(string Title, string Ipc, string Pub, string App, string Priority, string Applicants, string Inventors, string Type)>(
            "SELECT title, ipc, publication_date, application_date, priority_date, applicants, inventors, document_type FROM patents_records WHERE publication_number = 'US20010000943A1'");
        Assert.Equal(("Organic electroluminescence device and method of manufacturing same", "H01J 1/62", "2001-05-10", "2000-12-04", "1999-04-05"),
            (pap.Title, pap.Ipc, pap.Pub, pap.App, pap.Priority));
        Assert.Equal(("IDEMITSU KOSAN CO., LTD.", "Fukuoka Kenichi;;Eida Mitsura", "Patent Application"), (pap.Applicants, pap.Inventors, pap.Type));
        Assert.Equal("IDEMITSU KOSAN", await c.QuerySingleAsync<string>("SELECT a.applicant FROM patents_record_applicants a JOIN patents_records r ON r.id = a.record_id WHERE r.publication_number = 'US20010000943A1'"));
        // No assignee: the inventor is the applicant; no foreign priority: the filing date is the priority date.
        var lone = await c.QuerySingleAsync<(string Ipc, string Pub, string Priority, string Applicants)>(
            "SELECT ipc, publication_date, priority_date, applicants FROM patents_records WHERE publication_number = 'US20010000044A1'");
        Assert.Equal(("G06F 17/60", "2001-03-15", "1999-06-29", "Lin Wayne"), lone);

        var grant = await c.QuerySingleAsync<(string Title, string Ipc, string Pub, string App, string Priority, string Applicants, string Inventors, string Type)>(
            "SELECT title, ipc, publication_date, application_date, priority_date, applicants, inventors, document_type FROM patents_records WHERE publication_number = 'US6336130B1'");
        Assert.Equal(("Arrangement for improving availability of services in a communication system", "G06F 15/16;;G06F 13/00", "2002-01-01", "1999-10-05", "1997-04-08"),
            (grant.Title, grant.Ipc, grant.Pub, grant.App, grant.Priority));
        Assert.Equal(("Telefonaktiebolaget LM Ericsson (publ)", "Do Thanh Van", "Granted Patent"), (grant.Applicants, grant.Inventors, grant.Type));
        Assert.Equal("Mitsubishi Chemical Corporation", await c.QuerySingleAsync<string>("SELECT applicants FROM patents_records WHERE publication_number = 'US6337117B1'"));
        var design = await c.QuerySingleAsync<(string Title, string Ipc)>("SELECT title, ipc FROM patents_records WHERE publication_number = 'USD435854S'");
        Assert.Equal(("Disc cartridge", ""), design);
    }
}
