using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Patents;

/// <summary>The patents API: upload import (operator or administrator only), landscape and search with facets and snippets.</summary>
public class PatentsApiTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ImportThenLandscapeAndSearch_ThroughTheApi(string dialect)
    {
        await using var app = await TestApp.StartAsync(dialect);
        var bytes = await File.ReadAllBytesAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"));
        MultipartFormDataContent Form() => new() { { new ByteArrayContent(bytes), "file", "lens-export.csv" } };

        var viewer = await app.ClientAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/patents/import", Form())).StatusCode);

        var editor = await app.ClientAsync("operator");
        var import = await editor.PostAsync("/api/patents/import", Form());
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(130, (await import.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<long>());

        var landscape = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/landscape?jurisdiction=US&date_basis=priority"))!;
        Assert.Equal(130, landscape["records"]!.GetValue<long>());
        // Every record of this export names Sangamo Therapeutics (SOURCE.md: 130 rows).
        Assert.Equal(130, landscape["top_applicants"]!["SANGAMO THERAPEUTICS"]!.GetValue<long>());
        Assert.Equal("priority", landscape["date_basis"]!.GetValue<string>());
        Assert.Equal(68, landscape["legal_statuses"]!["ACTIVE"]!.GetValue<long>()); // SOURCE.md: ACTIVE 68
        var pending = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/landscape?legal_status=pending"))!;
        Assert.Equal(22, pending["records"]!.GetValue<long>()); // SOURCE.md: PENDING 22
        Assert.Equal(22, (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/search?legal_status=PENDING"))!["total"]!.GetValue<long>());
        // Every endpoint that selects records takes the same filters (FilterQuery): the intensity counts them too.
        var intensity = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/intensity?employees=10000&national_density=20&legal_status=active&date_basis=priority"))!;
        Assert.Equal(68, intensity["patents"]!.GetValue<long>());
        Assert.Equal(0, (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/intensity?employees=10000&national_density=20&cluster=true"))!["patents"]!.GetValue<long>());
        var export = await viewer.GetStringAsync("/api/patents/search/export?legal_status=EXPIRED&format=csv");
        Assert.Equal(1 + 5, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + SOURCE.md's EXPIRED 5
        // The whole co-applicant network as an edge list: every pair of the landscape's network is in it, with its records.
        var edges = (await viewer.GetStringAsync("/api/patents/landscape/co-applicants?jurisdiction=US")).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,target,weight", edges[0].TrimEnd('\r'));
        var network = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/landscape?jurisdiction=US"))!["co_applicants"]!["edges"]!.AsArray();
        Assert.NotEmpty(network);
        foreach (var e in network)
            Assert.Contains($"{e!["a"]},{e["b"]},{e["records"]}", edges.Select(line => line.TrimEnd('\r')));
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/patents/landscape/co-applicants?classification=XYZ")).StatusCode);
        var badBasis = await viewer.GetAsync("/api/patents/landscape?date_basis=grant");
        Assert.Equal(HttpStatusCode.BadRequest, badBasis.StatusCode);

        var search = (await viewer.GetFromJsonAsync<JsonObject>("/api/patents/search?q=nuclease&classification=C12N"))!;
        Assert.True(search["total"]!.GetValue<long>() > 0);
        // The classification filter matches IPC or CPC; the subclass facet counts IPC only, so it can be smaller.
        Assert.InRange(search["subclasses"]!["C12N"]!.GetValue<long>(), 1, search["total"]!.GetValue<long>());
        Assert.All(search["hits"]!.AsArray(), h => Assert.Contains(h!["snippet"]!.AsArray(), s => s!["hit"]!.GetValue<bool>()));

        // Linking is a write: refused to a viewer; an operator's run reports what it did (no registry enablers here).
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/patents/applicants/link", null)).StatusCode);
        var link = await editor.PostAsync("/api/patents/applicants/link", null);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.Equal("""{"linked":0,"jointActions":0,"universityEnterprise":0,"updated":0,"removed":0}""", (await link.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());

        var bad = await viewer.GetAsync("/api/patents/landscape?classification=XYZ");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("bad_classification", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACompressedUpload_ImportsAsItsFile_AndACutOneIsRefusedNamingIt()
    {
        await using var app = await TestApp.StartAsync();
        var gz = new MemoryStream();
        await using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            await zip.WriteAsync(await File.ReadAllBytesAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv")));
        var bytes = gz.ToArray();
        MultipartFormDataContent Form(byte[] data) => new() { { new ByteArrayContent(data), "file", "lens-export.csv.gz" } };
        var editor = await app.ClientAsync("operator");
        Assert.Empty((await editor.GetFromJsonAsync<JsonArray>("/api/patents/imports"))!);

        var cut = await editor.PostAsync("/api/patents/import", Form(bytes[..(bytes.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        var problem = (await cut.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("bad_file", problem["code"]!.GetValue<string>());
        Assert.StartsWith("lens-export.csv.gz: the compressed data cannot be read", problem["title"]!.GetValue<string>());

        var import = await editor.PostAsync("/api/patents/import", Form(bytes));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var result = (await import.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("lens-export.csv.gz", "lens", 130L), (result["file"]!.GetValue<string>(), result["format"]!.GetValue<string>(), result["created"]!.GetValue<long>()));
        // The workspace's imports: the committed one; the refused one stored nothing and is not among them.
        var imports = (await (await app.ClientAsync("viewer")).GetFromJsonAsync<JsonArray>("/api/patents/imports"))!;
        var only = Assert.Single(imports)!;
        Assert.Equal(("operator", "lens-export.csv.gz", "130 created, 0 updated (lens)"),
            (only["username"]!.GetValue<string>(), only["file"]!.GetValue<string>(), only["result"]!.GetValue<string>()));
    }
}

/// <summary>The pages render server-side (no JavaScript needed) with tables and kernel charts.</summary>
public class PatentsPageTests
{
    [Fact]
    public async Task LandscapeSearchApplicantsAndIntensityPages_Render()
    {
        await using var app = await TestApp.StartAsync();
        var result = await new Archipelago.Modules.Patents.Features.Import.PatentImport(app.Db, TimeProvider.System)
            .RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "auto", "test");
        Assert.True(result.Committed);
        var viewer = await app.ClientAsync("viewer");
        var landscape = await viewer.GetStringAsync("/patents?Jurisdiction=US&Basis=priority");
        Assert.Contains("id=\"landscape-totals\"", landscape);
        Assert.Contains("130", landscape);
        Assert.Contains("<svg", landscape);
        Assert.Contains("SANGAMO THERAPEUTICS", landscape);
        // The legal status mix, each status a link to the landscape filtered on it.
        Assert.Contains("id=\"legal-statuses\"", landscape);
        Assert.Contains("LegalStatus=DISCONTINUED", landscape);
        var expired = await viewer.GetStringAsync("/patents?LegalStatus=EXPIRED");
        Assert.Contains("value=\"EXPIRED\"", expired);
        Assert.Matches(@"id=""landscape-totals"">5 records", expired); // SOURCE.md: EXPIRED 5
        var search = await viewer.GetStringAsync("/patents/search?Q=zinc+finger");
        Assert.Contains("<mark>", search);
        Assert.Contains("id=\"suggestions\"", await viewer.GetStringAsync("/patents/applicants"));
        var intensity = await viewer.GetStringAsync("/patents/intensity?Employees=10000&NationalDensity=25&Classification=C12N");
        Assert.Contains("id=\"intensity\"", intensity);
    }
}
