using System.CommandLine;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Web;

namespace Archipelago.Kernel.Cli;

/// <summary><c>archipelago serve [--demo] [--urls URL]</c>: migrate, seed the demo when asked, create the first
/// administrator when there is none (printing its password once), and run the web server.</summary>
public static class ServeCommand
{
    public const string DemoDataDirectory = "data/demo";

    public static Command Create(IReadOnlyList<IModule> modules)
    {
        var demo = new Option<bool>("--demo") { Description = $"Use the demo workspace (in {DemoDataDirectory} unless --data or --database is given), filling it on first start." };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => "http://localhost:5080" };
        var logs = new Option<string>("--log-format") { Description = "json (structured, default) or simple.", DefaultValueFactory = _ => "json" };
        logs.AcceptOnlyFromAmong("json", "simple");
        var serve = new Command("serve", "Run the web application and the JSON API.") { demo, urls, logs };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((r, ct) => Cli.Run(async () =>
        {
            var isDemo = r.GetValue(demo);
            var db = await Cli.OpenAsync(r, isDemo ? DemoDataDirectory : null, ct);
            var workspace = new Workspace(db);
            if (isDemo && await workspace.GetAsync("demo.seeded", ct) is null)
            {
                Console.WriteLine("Filling the demo workspace (invented names; see the About page)…");
                foreach (var m in modules) await m.SeedDemoAsync(db, ct);
                await workspace.SetAsync("demo.seeded", DateTimeOffset.UtcNow.ToString("O"), ct);
            }
            var accounts = new AccountStore(db, TimeProvider.System);
            string? firstPassword = null;
            if (await accounts.CountAsync(ct) == 0)
            {
                firstPassword = Environment.GetEnvironmentVariable("ARCHIPELAGO_ADMIN_PASSWORD") ?? KernelCommands.NewPassword();
                await accounts.CreateAsync("admin", "Administrator", Role.Administrator, firstPassword, null, "serve", ct);
            }
            var args = new List<string> { "--urls", r.GetValue(urls)! };
            args.AddRange(r.UnmatchedTokens);
            var app = WebHost.Build(db, args.ToArray(), modules, jsonLogs: r.GetValue(logs) == "json");
            await app.StartAsync(ct);
            Console.WriteLine($"Archipelago is running at {string.Join(", ", WebHost.Addresses(app))}  ({db.Dialect.Name}: {db.Location})");
            if (firstPassword is not null)
                Console.WriteLine($"First administrator — username: admin  password: {firstPassword}  (shown once; change it with `archipelago users passwd`)");
            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return serve;
    }
}
