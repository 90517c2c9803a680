using System.Globalization;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Tracking;

/// <summary>The error answers of the tracking API, all ProblemDetails; 400s carry an <c>errors</c> map of
/// field (JSON path) to messages, like ASP.NET Core's validation problems.</summary>
internal static class TrackingProblems
{
    public static ProblemHttpResult Invalid(string field, string message) => Invalid([(field, message)]);

    public static ProblemHttpResult Invalid(TrackingException e) => Invalid(e.Problems);

    public static ProblemHttpResult Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var map = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.Problem(new HttpValidationProblemDetails(map)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = string.Join("; ", map.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}")),
        });
    }

    /// <summary>503 with Retry-After: the ingest queue is full (back-pressure); the client sends the same batch later.</summary>
    public static ProblemHttpResult Busy(HttpResponse response, IngestBusyException e)
    {
        response.Headers.RetryAfter = Math.Ceiling(e.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server busy");
    }

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");

    public static ProblemHttpResult NotFound(long runId) =>
        TypedResults.Problem($"run {runId} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
