using System.Diagnostics;
using Dapper;

namespace Archipelago.Kernel.Data;

/// <summary>
/// A consistent copy of a running workspace. SQLite: <c>VACUUM INTO</c>, which reads one snapshot while writers go on
/// (WAL). PostgreSQL: <c>pg_dump</c> in custom format, which also reads one snapshot.
/// </summary>
public static class Backup
{
    public static async Task WriteAsync(Database db, string target, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) throw new DomainException("exists", $"{target} exists already; choose a new file name.", "out");
        if (db.SqliteFile is not null)
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteAsync("VACUUM INTO @target", new { target });
            return;
        }
        var b = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString);
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--format=custom", "--file", target, "--host", b.Host ?? "localhost", "--port", b.Port.ToString(), "--username", b.Username ?? "postgres", b.Database ?? "" })
            psi.ArgumentList.Add(a);
        if (b.Password is not null) psi.Environment["PGPASSWORD"] = b.Password;
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception) { throw new DomainException("pg_dump_missing", "PostgreSQL backups use pg_dump, which is not on PATH (Debian: apt-get install postgresql-client)."); }
        var err = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new DomainException("backup_failed", "pg_dump failed: " + err.Trim());
    }
}
