using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContinualDash.Web.Storage;

/// <summary>
/// Turns a full disk into 507 Insufficient Storage and an expired lock wait into 503 with Retry-After, both
/// as ProblemDetails, instead of an anonymous 500. The failed request's transaction was rolled back by the
/// database, so what was stored before stays intact; loggers keep their batch and retry (same key) later.
/// </summary>
internal sealed partial class StorageFaultHandler(IProblemDetailsService problems, ILogger<StorageFaultHandler> logger)
    : IExceptionHandler
{
    /// <summary>How long a client should wait before retrying after a lock timeout.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFaults.TryClassify(exception, out var fault, out var reason)) return false;
        var (status, title, detail) = fault switch
        {
            StorageFault.Full => (StatusCodes.Status507InsufficientStorage, "Insufficient storage",
                "the database is out of disk space; nothing from this request was stored, earlier data is intact"),
            _ => (StatusCodes.Status503ServiceUnavailable, "Database busy",
                "the database stayed locked by another process; nothing from this request was stored, retry later"),
        };
        if (fault == StorageFault.Full) LogFull(logger, context.Request.Method, context.Request.Path, reason);
        else
        {
            LogBusy(logger, context.Request.Method, context.Request.Path, reason);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(EventId = 5070, Level = LogLevel.Error, Message = "Database full: {Method} {Path} was not stored ({Reason})")]
    private static partial void LogFull(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "Database locked too long: {Method} {Path} was not stored ({Reason})")]
    private static partial void LogBusy(ILogger logger, string method, PathString path, string reason);
}
