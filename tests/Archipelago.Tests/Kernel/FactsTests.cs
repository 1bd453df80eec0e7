using System.CommandLine;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Archipelago.Kernel;
using Archipelago.Kernel.Data;

namespace Archipelago.Tests.Kernel;

/// <summary>The kernel routes a fact question to the module that has the answer, and to no other.</summary>
public class FactsTests
{
    sealed class Source(string module, string measure, DateOnly? expiry) : IFactSource
    {
        public int SeriesCalls;
        FactSeriesInfo Info => new($"{module}:1", measure, module + " series", "count");
        public Task<IReadOnlyList<FactSeriesInfo>> CatalogueAsync(Database db, string? m, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<FactSeriesInfo>>(m is null || m == measure ? [Info] : []);
        public Task<FactSeries?> SeriesAsync(Database db, string id, CancellationToken ct)
        {
            SeriesCalls++;
            return Task.FromResult<FactSeries?>(id == Info.Id ? new FactSeries(Info, [new("2020", 1)], module) : null);
        }
        public Task<FactDate?> DateAsync(Database db, string m, string key, CancellationToken ct) =>
            Task.FromResult(expiry is { } d && m == FactMeasure.PatentExpiry ? new FactDate(m, key, d, "test", module) : null);
    }

    sealed class Module(string name, IFactSource? facts) : IModule
    {
        public string Name => name;
        public IFactSource? Facts => facts;
        public void AddServices(IServiceCollection services) { }
        public void MapEndpoints(IEndpointRouteBuilder app) { }
        public IEnumerable<Command> Commands() => [];
        public Task SeedDemoAsync(Database db, CancellationToken ct) => Task.CompletedTask;
    }

    static readonly Database Db = Database.Sqlite(Path.Combine(Path.GetTempPath(), "archipelago-facts-tests"));

    [Fact]
    public async Task Catalogue_ListsEveryModulesSeries_OrOnlyOneMeasure()
    {
        var facts = new Facts([new Module("patents", new Source("patents", FactMeasure.Patents, null)),
            new Module("surveys", null), new Module("industry", new Source("industry", FactMeasure.Employment, null))]);
        Assert.Equal(["patents:1", "industry:1"], (await facts.CatalogueAsync(Db, null, default)).Select(i => i.Id));
        Assert.Equal(["industry:1"], (await facts.CatalogueAsync(Db, FactMeasure.Employment, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task Series_GoesOnlyToTheModuleNamedInItsId()
    {
        var patents = new Source("patents", FactMeasure.Patents, null);
        var industry = new Source("industry", FactMeasure.Employment, null);
        var facts = new Facts([new Module("patents", patents), new Module("industry", industry)]);
        var s = await facts.SeriesAsync(Db, "industry:1", default);
        Assert.Equal("industry", s!.Source);
        Assert.Equal((0, 1), (patents.SeriesCalls, industry.SeriesCalls));
        Assert.Null(await facts.SeriesAsync(Db, "valuation:1", default));
        Assert.Null(await facts.SeriesAsync(Db, "industry:2", default));
    }

    [Fact]
    public async Task Date_IsAnsweredByTheFirstModuleThatKnowsIt()
    {
        var facts = new Facts([new Module("industry", new Source("industry", FactMeasure.Employment, null)),
            new Module("patents", new Source("patents", FactMeasure.Patents, new DateOnly(2041, 3, 4)))]);
        var d = await facts.DateAsync(Db, FactMeasure.PatentExpiry, "EP1234567B1", default);
        Assert.Equal((new DateOnly(2041, 3, 4), "patents"), (d!.Date, d.Module));
        Assert.Null(await new Facts([]).DateAsync(Db, FactMeasure.PatentExpiry, "EP1234567B1", default));
    }
}
