using Archipelago.Kernel;
using Archipelago.Modules.Patents.Domain;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Modules.Patents.Features.Landscape;

namespace Archipelago.Tests.Patents;

/// <summary>IPC → WIPO technology fields (concordance shipped from reference-wipo-ipc-technology-concordance), the
/// editable biopharma-segment concordance, subclass titles (IPC 2023.01), and patent intensity.</summary>
public class PatentsClassificationTests
{
    const string Header = "\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Title,Applicants,IPCR Classifications\n";

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task TechnologyFieldsSegmentsAndTitles(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        var dir = Path.Combine(Path.GetTempPath(), "archipelago-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "fields.csv");
        await File.WriteAllTextAsync(file, Header +
            "1,US,A1,US 1 A1,1,2020-01-01,2020,Cosmetic,ACME,A61K8/02\n" +
            "2,US,A1,US 2 A1,2,2020-01-01,2020,Drug,ACME,A61K31/00;;A61P35/00\n" +
            "3,US,A1,US 3 A1,3,2020-01-01,2020,Guide RNA,ACME,C12N15/11;;C12N9/22\n");
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(file, "lens", "test")).Committed);
        var report = await new PatentLandscape(db).RunAsync(new PatentFilter());
        // ipc_technology.csv: 'A61K   8/%' → 14 Organic fine chemistry; 'A61K  31/%' and 'A61P%' → 16 Pharmaceuticals; 'C12N%' → 15 Biotechnology.
        Assert.Equal(new Dictionary<string, long> { ["Biotechnology"] = 1, ["Organic fine chemistry"] = 1, ["Pharmaceuticals"] = 1 }, report.TechnologyFields);
        Assert.Equal(1, report.Segments["Small-molecule drugs"]);
        Assert.Equal(1, report.Segments["Genetic engineering"]);
        Assert.Equal(1, report.Segments["Enzymes"]);
        Assert.False(report.Segments.ContainsKey("Formulation and drug delivery"));
        // IPC 2023.01 subclass title (ipc_subclasses_20230101.tsv).
        Assert.StartsWith("MICROORGANISMS OR ENZYMES", report.SubclassTitles["C12N"]);

        var concordance = new SegmentConcordance(db);
        Assert.Equal("A61K 8/", (await concordance.SetAsync("a61k8", "Cosmetics", "test")).Pattern);
        Assert.True(await concordance.RemoveAsync("C12N 9/"));
        var after = await new PatentLandscape(db).RunAsync(new PatentFilter());
        Assert.Equal(1, after.Segments["Cosmetics"]);
        Assert.False(after.Segments.ContainsKey("Enzymes"));
        Assert.Equal(1, after.Segments["Genetic engineering"]); // C12N 15/ still wins for record 3
        Assert.Equal("bad_pattern", (await Assert.ThrowsAsync<DomainException>(() => concordance.SetAsync("XYZ", "x", "test"))).Code);
    }

    [Fact]
    public void Intensity_DensityAgainstTheNationalAverage()
    {
        // Seed 000 §II: biopharma exceeds 100 invention patents per 10,000 people. 1,200 patents / 100,000 employees = 120.
        var r = PatentIntensity.Compute(1200, 100_000, 25, null, null, "entered");
        Assert.Equal(120, r.Density, 10);
        Assert.Equal(4.8, r.DensityRatio, 10);
        Assert.True(r.Intensive);
        Assert.True(r.DensityOnly);
        var withGrants = PatentIntensity.Compute(1200, 100_000, 25, 300, 450, "entered");
        Assert.False(withGrants.Intensive); // density above, grants not: both conditions are needed
        Assert.Contains("not patent-intensive", withGrants.Verdict);
        Assert.Equal("bad_employees", Assert.Throws<DomainException>(() => PatentIntensity.Compute(1, 0, 25, null, null, "entered")).Code);
    }
}
