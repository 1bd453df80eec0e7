using System.CommandLine;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Dapper;

namespace Archipelago.Kernel.Cli;

/// <summary>Workspace verbs of the kernel: <c>db migrate|status|backup</c>, <c>users add|list|passwd</c>, <c>tokens create</c>.</summary>
public static class KernelCommands
{
    public static IEnumerable<Command> All() => [Db(), Users(), Tokens(), WorkspaceVerbs()];

    static Command WorkspaceVerbs()
    {
        var name = new Option<string?>("--name") { Description = "Workspace name." };
        var city = new Option<string?>("--home-city");
        var province = new Option<string?>("--home-province");
        var country = new Option<string?>("--home-country") { Description = "ISO two-letter code of the home country, e.g. CN." };
        var set = new Command("set", "Set the workspace name and home region (local / domestic / abroad are measured from it).") { name, city, province, country };
        set.SetAction((r, ct) => Cli.Run(async () =>
        {
            var ws = new Workspace(await Cli.OpenAsync(r, ct: ct));
            var home = await ws.HomeRegionAsync(ct);
            var updated = new Regions.Region(r.GetValue(city) ?? home.City, r.GetValue(province) ?? home.Province, r.GetValue(country) ?? home.Country);
            await ws.SetHomeRegionAsync(updated, ct);
            if (r.GetValue(name) is { } n) await ws.SetAsync("workspace.name", n, ct);
            Console.WriteLine($"home region: {(updated.IsKnown ? updated.ToString() : "not set")}");
            return 0;
        }));
        var show = new Command("show", "Show the workspace's name, home region and database.");
        show.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var ws = new Workspace(db);
            var home = await ws.HomeRegionAsync(ct);
            Console.WriteLine($"name:        {await ws.GetAsync("workspace.name", ct) ?? "(none)"}");
            Console.WriteLine($"home region: {(home.IsKnown ? home.ToString() : "not set")}");
            Console.WriteLine($"database:    {db.Dialect.Name} {db.Location}");
            return 0;
        }));
        return new Command("workspace", "Workspace settings.") { show, set };
    }

    static Command Db()
    {
        var migrate = new Command("migrate", "Apply pending schema migrations (also done at every start).");
        migrate.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = Database.From(r.GetValue(Cli.Data), r.GetValue(Cli.DatabaseUrl));
            var applied = await new Migrator(db).MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? $"{db.Location}: schema is current." : string.Join(Environment.NewLine, applied.Select(m => $"applied {m.Module} {m.Version:D4} {m.Name}")));
            return 0;
        }));

        var status = new Command("status", "Show applied and known migrations per module.");
        status.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = Database.From(r.GetValue(Cli.Data), r.GetValue(Cli.DatabaseUrl));
            Console.WriteLine($"{db.Dialect.Name} {db.Location}");
            foreach (var s in await new Migrator(db).StatusAsync(ct))
                Console.WriteLine($"  {s.Module,-16} applied {s.Applied:D4}  known {s.Known:D4}{(s.Applied > s.Known ? "  NEWER THAN THIS BINARY" : s.Applied < s.Known ? "  pending" : "")}");
            return 0;
        }));

        var output = new Option<string>("--out") { Description = "Where to write the backup (SQLite: a .db file; PostgreSQL: a pg_dump custom-format file).", Required = true };
        var backup = new Command("backup", "Write a consistent copy of the workspace, safe while the server runs.") { output };
        backup.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var target = Path.GetFullPath(r.GetValue(output)!);
            await Backup.WriteAsync(db, target, ct);
            Console.WriteLine($"backup written to {target}");
            return 0;
        }));
        return new Command("db", "Workspace database: migrate, status, backup.") { migrate, status, backup };
    }

    static Command Users()
    {
        var username = new Option<string>("--username") { Required = true, Description = "Sign-in name." };
        var role = new Option<string>("--role") { DefaultValueFactory = _ => Role.Viewer, Description = "administrator, operator, member, analyst or viewer." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var password = new Option<string?>("--password") { Description = "Password (at least 10 characters); read from $ARCHIPELAGO_PASSWORD or generated and printed when omitted." };
        var enabler = new Option<string?>("--enabler") { Description = "Key of the enabler a member organisation user belongs to." };
        var add = new Command("add", "Create an account.") { username, role, name, password, enabler };
        add.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            long? enablerId = null;
            if (r.GetValue(enabler) is { } key)
            {
                await using var c = await db.OpenAsync(ct);
                enablerId = await c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM kernel_enablers WHERE key = @key", new { key })
                    ?? throw new DomainException("not_found", $"No enabler with key '{key}'.", "enabler");
            }
            var pw = r.GetValue(password) ?? Environment.GetEnvironmentVariable("ARCHIPELAGO_PASSWORD");
            var generated = pw is null;
            pw ??= NewPassword();
            var a = await new AccountStore(db, TimeProvider.System).CreateAsync(r.GetValue(username)!, r.GetValue(name) ?? "", r.GetValue(role)!, pw, enablerId, "cli", ct);
            Console.WriteLine($"created {a.Role} '{a.Username}'" + (generated ? $" with password: {pw}" : ""));
            return 0;
        }));

        var list = new Command("list", "List accounts.");
        list.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            foreach (var a in await new AccountStore(db, TimeProvider.System).ListAsync(ct))
                Console.WriteLine($"{a.Username,-24} {a.Role,-14} {a.DisplayName}{(a.Disabled ? " (disabled)" : "")}");
            return 0;
        }));

        var passwdUser = new Option<string>("--username") { Required = true };
        var passwdNew = new Option<string?>("--password") { Description = "New password; generated and printed when omitted." };
        var passwd = new Command("passwd", "Set an account's password.") { passwdUser, passwdNew };
        passwd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var pw = r.GetValue(passwdNew) ?? NewPassword();
            await new AccountStore(db, TimeProvider.System).SetPasswordAsync(r.GetValue(passwdUser)!, pw, "cli", ct);
            Console.WriteLine(r.GetValue(passwdNew) is null ? $"new password: {pw}" : "password changed");
            return 0;
        }));
        return new Command("users", "Local accounts.") { add, list, passwd };
    }

    static Command Tokens()
    {
        var username = new Option<string>("--username") { Required = true };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "cli" };
        var days = new Option<int?>("--days") { Description = "Expire after this many days (default: never)." };
        var create = new Command("create", "Create a personal access token for the API; it is printed once.") { username, name, days };
        create.SetAction((r, ct) => Cli.Run(async () =>
        {
            var db = await Cli.OpenAsync(r, ct: ct);
            var store = new AccountStore(db, TimeProvider.System);
            var a = await store.FindAsync(r.GetValue(username)!.ToLowerInvariant(), ct) ?? throw new DomainException("not_found", $"No account '{r.GetValue(username)}'.", "username");
            var expires = r.GetValue(days) is { } d ? DateTimeOffset.UtcNow.AddDays(d) : (DateTimeOffset?)null;
            Console.WriteLine(await store.CreateTokenAsync(a.Id, r.GetValue(name)!, expires, ct));
            return 0;
        }));
        return new Command("tokens", "Personal access tokens.") { create };
    }

    public static string NewPassword() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
}
