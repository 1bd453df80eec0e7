namespace Archipelago.Tests.Surveys;

/// <summary>The R reference outputs kept with the numerics tests (shared data: <see cref="Archipelago.Numerics.Tests.SharedData"/>).</summary>
public static class StatsReference
{
    /// <summary>A file of tests/Archipelago.Numerics.Tests/Statistics/reference (R scripts and their outputs).</summary>
    public static string RReference(string file)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Archipelago.slnx")))
                return System.IO.Path.Combine(d.FullName, "tests", "Archipelago.Numerics.Tests", "Statistics", "reference", file);
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
