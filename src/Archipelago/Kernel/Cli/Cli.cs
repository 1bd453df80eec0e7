using System.CommandLine;
using Archipelago.Kernel.Data;
using Spectre.Console;

namespace Archipelago.Kernel.Cli;

/// <summary>The options every workspace command shares, and how a command opens its workspace and reports failure.</summary>
public static class Cli
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data directory of the SQLite workspace (default ./data, or $ARCHIPELAGO_DATA).",
        Recursive = true,
    };

    public static readonly Option<string?> DatabaseUrl = new("--database")
    {
        Description = "PostgreSQL connection string or postgresql:// URL (or $ARCHIPELAGO_DATABASE); overrides --data.",
        Recursive = true,
    };

    public static readonly Option<string?> Server = new("--server")
    {
        Description = "Work against a running Archipelago at this address (or $ARCHIPELAGO_SERVER) through its API, instead of a local workspace.",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Personal access token for --server (or $ARCHIPELAGO_TOKEN); create one on /account/tokens.",
        Recursive = true,
    };

    /// <summary>An API client for <c>--server</c>, or null when the command works on a local workspace.</summary>
    public static HttpClient? RemoteClient(ParseResult r)
    {
        var server = r.GetValue(Server) ?? Environment.GetEnvironmentVariable("ARCHIPELAGO_SERVER");
        if (string.IsNullOrWhiteSpace(server)) return null;
        var token = r.GetValue(Token) ?? Environment.GetEnvironmentVariable("ARCHIPELAGO_TOKEN")
            ?? throw new DomainException("usage", "--server needs a personal access token: --token or $ARCHIPELAGO_TOKEN.", "token");
        var client = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromHours(1) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Turns an API refusal into the same one-line error a local command gives.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        string? title = null, code = null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            title = doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (System.Text.Json.JsonException) { }
        throw new DomainException(code ?? $"http_{(int)response.StatusCode}", $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}" + (title is null ? "." : $": {title}"));
    }

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var o = new Option<string>("--format") { Description = "Output format: " + string.Join(", ", allowed) + ".", DefaultValueFactory = _ => defaultValue };
        o.AcceptOnlyFromAmong(allowed);
        return o;
    }

    /// <summary>The modules' facts for verbs that need another module's figures; set once when the command line is wired.</summary>
    public static Facts Facts { get; private set; } = new([]);

    public static void UseModules(IReadOnlyList<IModule> modules) => Facts = new Facts(modules);

    /// <summary>Opens the workspace named by the flags and brings its schema up to date.</summary>
    public static async Task<Database> OpenAsync(ParseResult r, string? dataOverride = null, CancellationToken ct = default)
    {
        var db = Database.From(r.GetValue(Data) ?? dataOverride, r.GetValue(DatabaseUrl));
        await new Migrator(db).MigrateAsync(ct);
        return db;
    }

    /// <summary>Runs a command body, turning expected failures into a one-line message on stderr and exit code 1 (2 for usage).</summary>
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try { return await body(); }
        catch (DomainException e)
        {
            Console.Error.WriteLine($"error [{e.Code}]: {e.Message}");
            return e.Code is "usage" ? 2 : 1;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>Whether to draw progress bars: only on an interactive terminal.</summary>
    public static bool Interactive => !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs work with a progress bar on stderr (or nothing when not interactive). The callback gets 0–1.</summary>
    public static async Task<T> WithProgressAsync<T>(string label, Func<Action<double>, Task<T>> work)
    {
        if (!Interactive) return await work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = await work(f => task.Value = f);
                task.Value = 1;
            });
        return result;
    }
}
