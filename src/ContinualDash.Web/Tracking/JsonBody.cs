using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// Reads a JSON request body ourselves rather than through parameter binding, so that malformed JSON (NaN,
/// a string for a number, ...) is answered with the JSON path of the bad field, and an oversized body with 413.
/// </summary>
internal static class JsonBody
{
    /// <summary>Largest body accepted: 10,000 points with long names fit with room to spare.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    public static async Task<(T? Body, ProblemHttpResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var (bytes, error) = await ReadBytesAsync(request, ct);
        if (error is not null) return (null, error);
        using var owned = bytes!;
        try
        {
            var body = JsonSerializer.Deserialize<T>(owned.Span, JsonSerializerOptions.Web);
            return body is null ? (null, TrackingProblems.Invalid("body", "must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, TrackingProblems.Invalid(field, "is not valid JSON for this field (numbers must be finite; NaN and Infinity are not JSON)"));
        }
    }

    /// <summary>The raw body, within <see cref="MaxBytes"/>, in a pooled buffer the caller disposes.</summary>
    public static async Task<(PooledBody? Body, ProblemHttpResult? Error)> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return (default, TooLarge());
        // Kestrel enforces this while reading a chunked body, whose length is not known up front.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;
        if (!request.HasJsonContentType())
            return (default, TrackingProblems.Invalid("body", "must be JSON (Content-Type: application/json)"));
        try
        {
            var body = await PooledBody.ReadAsync(request.Body, request.ContentLength, MaxBytes, ct);
            return body is null ? (default, TooLarge()) : (body, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge());
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TrackingProblems.TooLarge($"the request body is larger than {MaxBytes / (1024 * 1024)} MiB");
}
