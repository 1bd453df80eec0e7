using System.Diagnostics;

namespace Archipelago.Tests;

/// <summary>Runs the real <c>archipelago</c> binary (built beside the tests) as a user would, capturing its output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "archipelago.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("ARCHIPELAGO_DATABASE");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await stdout, await stderr);
    }
}
