using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;
using Archipelago.Modules.Patents.Features.Saved;
using Archipelago.Numerics.Tests;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;

namespace Archipelago.Tests.Patents;

/// <summary>Saved searches (store, API, pages), exports of every selected record (CSV, XLSX) and of the landscape's tables.</summary>
public class PatentsSavedSearchTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task SavedSearches_SaveReplaceListDelete(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var store = new SavedSearches(db, TimeProvider.System);
        await store.SaveAsync("nucleases", new PatentFilter("nuclease", "C12N", Jurisdiction: "us", FromYear: 2015, Basis: DateBasis.Priority), "ana");
        await store.SaveAsync("aav", new PatentFilter("AAV"), "ana");
        var replaced = await store.SaveAsync("nucleases", new PatentFilter("zinc finger", "C12N"), "bob");
        Assert.Equal(new PatentFilter("zinc finger", "C12N"), replaced.Filter);
        Assert.Equal("bob", replaced.SavedBy);
        Assert.Equal(["aav", "nucleases"], (await store.ListAsync()).Select(s => s.Name));
        var got = await store.SaveAsync("years", new PatentFilter(Jurisdiction: "us", FromYear: 2015, ToYear: 2020, Basis: DateBasis.Application), "ana");
        Assert.Equal(new PatentFilter(null, null, null, "US", 2015, 2020, DateBasis.Application), (await store.GetAsync("years"))!.Filter);
        Assert.True(await store.DeleteAsync("aav", "ana"));
        Assert.False(await store.DeleteAsync("aav", "ana"));
        Assert.Equal("bad_classification", (await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => store.SaveAsync("x", new PatentFilter(Classification: "XYZ"), "ana"))).Code);
        Assert.Equal("empty_search", (await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => store.SaveAsync("x", new PatentFilter(), "ana"))).Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<Archipelago.Kernel.DomainException>(() => store.RequireAsync("aav"))).Code);
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ASavedSearch_RunsExportsAndHasALandscape_ThroughTheApi(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        Assert.True((await new PatentImport(app.Db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var viewer = await app.ClientAsync("viewer");
        var analyst = await app.ClientAsync("analyst");
        var body = new { name = "nucleases in C12N", q = "nuclease", classification = "C12N", date_basis = "priority" };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/patents/searches", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/patents/searches", body)).StatusCode);
        var list = (await viewer.GetFromJsonAsync<JsonArray>("/api/patents/searches"))!;
        Assert.Equal("nucleases in C12N", Assert.Single(list)!["name"]!.GetValue<string>());

        var name = Uri.EscapeDataString("nucleases in C12N");
        var direct = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/search?q=nuclease&classification=C12N"))!;
        var saved = (await viewer.GetFromJsonAsync<JsonObject>($"/api/patents/searches/{name}"))!;
        var total = direct["total"]!.GetValue<long>();
        Assert.True(total > 20);
        Assert.Equal(total, saved["total"]!.GetValue<long>());

        // The export holds every selected record, not one page.
        var csvResponse = await viewer.GetAsync($"/api/patents/searches/{name}?format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var numbers = ReadCsv(await csvResponse.Content.ReadAsStreamAsync()).Select(r => r["publication_number"]).ToList();
        Assert.Equal(total, numbers.Count);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var xlsx = await viewer.GetByteArrayAsync($"/api/patents/searches/{name}?format=xlsx");
        Assert.Equal([("records", total + 1)], Sheets(xlsx));
        var adHoc = ReadCsv(await viewer.GetStreamAsync("/api/patents/search/export?q=nuclease&classification=C12N&format=csv")).Select(r => r["publication_number"]);
        Assert.Equal(numbers, adHoc);

        var landscape = (await viewer.GetFromJsonAsync<JsonObject>($"/api/patents/searches/{name}/landscape"))!;
        var same = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/landscape?text=nuclease&classification=C12N&date_basis=priority"))!;
        Assert.Equal(same.ToJsonString(), landscape.ToJsonString());
        Assert.Equal("priority", landscape["date_basis"]!.GetValue<string>());
        var tables = Sheets(await viewer.GetByteArrayAsync($"/api/patents/searches/{name}/landscape?format=xlsx"));
        Assert.Contains(("top_applicants", landscape["top_applicants"]!.AsObject().Count + 1L), tables);
        Assert.Contains(("by_priority_year", landscape["by_basis_year"]!.AsObject().Count + 1L), tables);
        Assert.Contains(("life_cycle", landscape["life_cycle"]!.AsArray().Count + 1L), tables);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/patents/searches/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/patents/searches/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/patents/searches/{name}")).StatusCode);
    }

    [Fact]
    public async Task Pages_SaveASearch_OpenItsLandscape_AndDownload()
    {
        await using var app = await TestApp.StartAsync();
        Assert.True((await new PatentImport(app.Db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        await new SavedSearches(app.Db, TimeProvider.System).SaveAsync("zinc", new PatentFilter("zinc finger", Jurisdiction: "US"), "test");
        var viewer = await app.ClientAsync("viewer");
        var search = await viewer.GetStringAsync("/patents/search?Q=zinc+finger&Jurisdiction=US");
        Assert.Contains("id=\"save-search\"", search);
        Assert.Contains("id=\"saved-list\"", search);
        var landscape = await viewer.GetStringAsync("/patents?Saved=zinc");
        Assert.Contains("id=\"landscape-saved\"", landscape);
        Assert.Contains("value=\"zinc finger\"", landscape); // the saved filter fills the filter form
        var csv = await viewer.GetAsync("/patents/search?handler=Export&format=csv&Q=zinc+finger&Jurisdiction=US");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var api = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/search?q=zinc+finger&jurisdiction=US"))!;
        Assert.Equal(api["total"]!.GetValue<long>(), ReadCsv(await csv.Content.ReadAsStreamAsync()).Count);
        var tables = await viewer.GetAsync("/patents?handler=Export&Saved=zinc");
        Assert.Contains("summary", Sheets(await tables.Content.ReadAsByteArrayAsync()).Select(s => s.Name));
        Assert.Contains("id=\"saved-searches\"", await (await app.ClientAsync("analyst")).GetStringAsync("/patents/searches"));
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ClusterFilter_HoldsInSearchPage_Api_Export_AndSavedSearch(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        Assert.True((await new PatentImport(app.Db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var viewer = await app.ClientAsync("viewer");
        async Task<long> ApiTotal(string cluster) =>
            (await viewer.GetFromJsonAsync<JsonObject>($"/api/patents/search?q=zinc+finger{cluster}"))!["total"]!.GetValue<long>();
        var all = await ApiTotal("");
        // No applicant is linked to the registry yet: cluster members hold nothing, on the page as in the API.
        Assert.Equal(0, await ApiTotal("&cluster=true"));
        Assert.Contains("id=\"search-total\">0 records", await viewer.GetStringAsync("/patents/search?Q=zinc+finger&Cluster=true"));

        // Dow AgroSciences is on 4 of the sample's 30 zinc-finger records (all 30 are Sangamo's): linking it makes those 4 members.
        await new ApplicantEnablers(app.Db, TimeProvider.System).CreateAsync("DOW AGROSCIENCES", "enterprise", "test");
        var members = await ApiTotal("&cluster=true");
        Assert.Equal((30L, 4L), (all, members));
        var page = await viewer.GetStringAsync("/patents/search?Q=zinc+finger&Cluster=true");
        Assert.Contains($"id=\"search-total\">{members:N0} records", page);
        Assert.Contains("name=\"cluster\" value=\"true\"", page); // the save form keeps the filter
        var csv = await viewer.GetStreamAsync("/api/patents/search/export?q=zinc+finger&cluster=true&format=csv");
        Assert.Equal(members, ReadCsv(csv).Count);

        var analyst = await app.ClientAsync("analyst");
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/patents/searches", new { name = "members", q = "zinc finger", cluster = true })).StatusCode);
        Assert.Equal(members, (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/searches/members"))!["total"]!.GetValue<long>());
    }

    static List<Dictionary<string, string>> ReadCsv(Stream s)
    {
        using var reader = new StreamReader(s);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(kv => kv.Key, kv => (string)kv.Value)).ToList();
    }

    /// <summary>Sheet names and row counts (header included) of a workbook, read with OpenXML.</summary>
    static List<(string Name, long Rows)> Sheets(byte[] bytes)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var wb = doc.WorkbookPart!;
        return wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
            .Select(s => (s.Name!.Value!, (long)((WorksheetPart)wb.GetPartById(s.Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count()))
            .ToList();
    }
}
