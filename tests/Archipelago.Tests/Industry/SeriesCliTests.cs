using System.Text.Json;

namespace Archipelago.Tests.Industry;

/// <summary><c>archipelago industry import|list|show|derive|lifecycle|export</c> as a user runs them, on both databases.</summary>
public class SeriesCliTests
{
    static async Task<string[]> Workspace(string dialect)
    {
        var db = await TestDatabases.CreateAsync(dialect);
        return db.SqliteFile is { } file ? ["--data", Path.GetDirectoryName(file)!] : ["--database", db.ConnectionString];
    }

    [Theory, MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task ImportShowDeriveExport_AndBadFileExitsOne(string dialect)
    {
        var ws = await Workspace(dialect);
        var dir = Directory.CreateTempSubdirectory("industry-cli").FullName;
        var wide = Path.Combine(dir, "yearbook.csv");
        await File.WriteAllTextAsync(wide, """
            indicator,indicator_name,unit,region,source,2010年,2017年
            output_value,Gross industrial output value,bn yuan,China,seed 000 §IV,"1,235.0","3,641.2"
            """);
        var dry = await CliProcess.RunAsync([.. ws, "industry", "import", wide, "--dry-run"]);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("2 new", dry.Out);
        Assert.Contains("dry run, nothing stored", dry.Out);
        Assert.Equal(0, (await CliProcess.RunAsync([.. ws, "industry", "import", wide])).ExitCode);

        var list = await CliProcess.RunAsync([.. ws, "industry", "list"]);
        Assert.Contains("2010–2017, 2 periods", list.Out);
        var show = JsonDocument.Parse((await CliProcess.RunAsync([.. ws, "industry", "show", "output_value", "--format", "json"])).Out).RootElement;
        Assert.Equal(2, show.GetProperty("figures").GetArrayLength());
        var cagr = await CliProcess.RunAsync([.. ws, "industry", "derive", "cagr", "output_value"]);
        Assert.Contains("16.70 %", cagr.Out);                                    // seed 000's own figure

        var bad = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(bad, "indicator,region,period,value\noutput_value,China,2016,１２３５\noutput_value,China,2015,12.4%\n");
        var refused = await CliProcess.RunAsync([.. ws, "industry", "import", bad]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad.csv, row 3, column 'value': '12.4%' carries its own scale", refused.Error);
        Assert.Contains("nothing was imported", refused.Out);

        var csv = await CliProcess.RunAsync([.. ws, "industry", "export", "--indicator", "output_value"]);
        Assert.Equal(3, csv.Out.Trim().Split('\n').Length);
        var lifecycle = await CliProcess.RunAsync([.. ws, "industry", "lifecycle", "--indicator", "output_value", "--format", "json"]);
        Assert.Equal("too_few_points", JsonDocument.Parse(lifecycle.Out).RootElement.GetProperty("refusal").GetProperty("code").GetString());
        var both = await CliProcess.RunAsync([.. ws, "industry", "lifecycle", "--indicator", "output_value", "--series", wide]);
        Assert.Equal(2, both.ExitCode);
    }
}
