using System.Text.Json;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Data;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Localisation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.DataProtection;

namespace Archipelago.Kernel.Web;

/// <summary>Builds the web application: kernel services, security, localisation, pages, each module's endpoints, the
/// OpenAPI document at <c>/openapi/v1.json</c> and <c>/health</c>.</summary>
public static class WebHost
{
    public static WebApplication Build(Database db, string[] args, IReadOnlyList<IModule> modules, bool jsonLogs = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Pages are compiled into this assembly; name it so tests (whose entry assembly is the test host) find them.
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Logging.ClearProviders();
        if (jsonLogs) builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        else builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Limits.MaxUploadBytes + 1024 * 1024);

        var s = builder.Services;
        s.AddSingleton(db);
        s.AddSingleton(modules);
        s.AddSingleton(new Facts(modules));
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton<Workspace>();
        s.AddSingleton<EnablerStore>();
        s.AddSingleton<JointActionStore>();
        s.AddSingleton<AccountStore>();
        s.AddSingleton<Text>();
        s.AddArchipelagoSecurity();
        // Sign-in cookies survive restarts: the keys that protect them live beside the SQLite file (or in
        // $ARCHIPELAGO_KEYS, or the user's data folder, for PostgreSQL workspaces).
        var keys = Environment.GetEnvironmentVariable("ARCHIPELAGO_KEYS")
            ?? (db.SqliteFile is { } file ? Path.Combine(Path.GetDirectoryName(file)!, "keys")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "archipelago", "keys"));
        s.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("archipelago");
        s.AddProblemDetails();
        s.AddExceptionHandler<Errors>();
        // A broken domain rule is the client's mistake, answered with a 400: no error log with a stack trace for it.
        s.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c => c.Exception is DomainException);
        s.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Archipelago API";
            doc.Info.Description = "The JSON API of Archipelago. Authenticate with a personal access token: `Authorization: Bearer arch_…` (create one on /account/tokens or with `archipelago tokens create`).";
            return Task.CompletedTask;
        }));
        s.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.AllowAnonymousToPage("/Kernel/Web/Pages/SignIn");
            o.Conventions.AllowAnonymousToPage("/Kernel/Web/Pages/Error");
            o.Conventions.AllowAnonymousToPage("/Kernel/Web/Pages/Culture");
        });
        s.AddRequestLocalization(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(Text.Cultures).AddSupportedUICultures(Text.Cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = Text.CookieName }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        s.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Limits.MaxUploadBytes + 1024 * 1024);
        foreach (var m in modules) m.AddServices(s);

        var app = builder.Build();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePages(async ctx =>
        {
            // API clients get ProblemDetails for bare status codes; pages keep the browser's own handling.
            if (ctx.HttpContext.Request.Path.StartsWithSegments("/api") && ctx.HttpContext.Response.ContentLength is null && !ctx.HttpContext.Response.HasStarted)
                await Results.Problem(statusCode: ctx.HttpContext.Response.StatusCode).ExecuteAsync(ctx.HttpContext);
        });
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.MapRazorPages();
        foreach (var m in modules) m.MapEndpoints(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", Health).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> Health(Database db, CancellationToken ct)
    {
        try
        {
            var status = await new Migrator(db).StatusAsync(ct);
            var current = status.All(x => x.Applied == x.Known);
            return Results.Json(new
            {
                status = current ? "ok" : "degraded",
                database = new { dialect = db.Dialect.Name, reachable = true, migrations = status.Select(x => new { x.Module, x.Applied, x.Known }) },
            }, statusCode: current ? 200 : 503);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Json(new { status = "unavailable", database = new { dialect = db.Dialect.Name, reachable = false, error = e.GetType().Name } }, statusCode: 503);
        }
    }

    /// <summary>The addresses the server listens on, once started.</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}

/// <summary>Size limits that protect the server.</summary>
public static class Limits
{
    /// <summary>Uploads through the browser or API; larger files go through the CLI, which streams from disk.</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;
}
