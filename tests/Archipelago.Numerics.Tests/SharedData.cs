namespace Archipelago.Numerics.Tests;

/// <summary>Finds the reference data folder <c>../shared/data</c> beside the clone (CI puts it there).</summary>
public static class SharedData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

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
