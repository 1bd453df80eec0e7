using Microsoft.AspNetCore.Diagnostics;

namespace Archipelago.Kernel.Web;

/// <summary>
/// Turns exceptions into ProblemDetails for API clients — a broken domain rule becomes 400 (404, 409) with its stable
/// <c>code</c> and <c>field</c>; anything else a 500 without a stack trace. Pages get the error page.
/// </summary>
public sealed class Errors(ILogger<Errors> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception ex, CancellationToken ct)
    {
        var (status, title, code, field) = ex switch
        {
            DomainException d => (d.Code switch { "not_found" => 404, "forbidden" => 403, "duplicate_key" or "duplicate_username" => 409, _ => 400 }, d.Message, d.Code, d.Field),
            BadHttpRequestException b => (b.StatusCode, b.Message, "bad_request", null),
            OperationCanceledException => (499, "The request was cancelled.", "cancelled", null),
            _ => (500, "Something went wrong on the server. The error has been logged.", "server_error", (string?)null),
        };
        if (status >= 500) log.LogError(ex, "Unhandled error on {Method} {Path}", ctx.Request.Method, ctx.Features.Get<IExceptionHandlerPathFeature>()?.Path);
        // The middleware has already pointed the request at the error page; the original path tells API from page.
        var path = ctx.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? ctx.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return false;
        await Results.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field }).ExecuteAsync(ctx);
        return true;
    }
}
