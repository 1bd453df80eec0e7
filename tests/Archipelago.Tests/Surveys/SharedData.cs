namespace Archipelago.Tests.Surveys;

/// <summary>Finds the reference data folder <c>../shared/data</c> beside the clone (CI puts it there), and the R reference
/// outputs kept with the numerics tests.</summary>
public static class SharedData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A file of tests/Archipelago.Numerics.Tests/Statistics/reference (R scripts and their outputs).</summary>
    public static string RReference(string file)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Archipelago.slnx")))
                return System.IO.Path.Combine(d.FullName, "tests", "Archipelago.Numerics.Tests", "Statistics", "reference", file);
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }

    static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("ARCHIPELAGO_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory + "; set ARCHIPELAGO_SHARED_DATA.");
    }
}
