using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;
using Archipelago.Modules.Patents.Features.Applicants;
using Archipelago.Modules.Patents.Features.Import;
using Archipelago.Numerics.Tests;

namespace Archipelago.Tests.Patents;

/// <summary>Applicants linked to registry enablers; co-applications become kernel co-patent joint actions.</summary>
public class PatentsCoPatentTests
{
    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task CoApplications_BecomeCoPatentJointActions(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        Assert.True((await new PatentImport(db, TimeProvider.System).RunAsync(SharedData.Path("patents-lens-sangamo", "lens-export.csv"), "lens", "test")).Committed);
        var enablers = new EnablerStore(db, TimeProvider.System);
        await enablers.AddAsync(new Enabler("sangamo", EnablerType.Enterprise, "Sangamo Therapeutics, Inc.", null, null, Region.None, null, null, "test"), "test");
        await enablers.AddAsync(new Enabler("dow", EnablerType.Enterprise, "Dow AgroSciences LLC", null, null, Region.None, null, null, "test"), "test");
        await enablers.AddAsync(new Enabler("utexas", EnablerType.University, "University of Texas", "德克萨斯大学", ["UNIV TEXAS"], Region.None, null, null, "test"), "test");

        var outcome = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal(3, outcome.Linked);
        // Counted from the raw file with pandas: rows whose Applicants hold both SANGAMO THERAPEUTICS INC and DOW
        // AGROSCIENCES LLC: 10; both SANGAMO THERAPEUTICS INC and UNIV TEXAS: 2; DOW and UNIV TEXAS: 0.
        Assert.Equal(12, outcome.JointActions);
        Assert.Equal(2, outcome.UniversityEnterprise);
        var actions = await new JointActionStore(db, TimeProvider.System).SearchAsync(new JointActionQuery(Type: "co_patent", Take: 100));
        Assert.Equal(12, actions.Total);
        Assert.All(actions.Items, a => Assert.StartsWith("patent-US", a.Key));

        var again = await new CoPatents(db, TimeProvider.System).LinkAsync("test");
        Assert.Equal(0, again.JointActions); // running again adds only what is new
    }
}
