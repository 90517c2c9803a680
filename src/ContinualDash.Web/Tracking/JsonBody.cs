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
        try
        {
            var body = JsonSerializer.Deserialize<T>(bytes.Span, JsonSerializerOptions.Web);
            return body is null ? (null, TrackingProblems.Invalid("body", "must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, TrackingProblems.Invalid(field, "is not valid JSON for this field (numbers must be finite; NaN and Infinity are not JSON)"));
        }
    }

    /// <summary>The raw body, within <see cref="MaxBytes"/>.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Error)> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return (default, TooLarge());
        // Kestrel enforces this while reading a chunked body, whose length is not known up front.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;
        if (!request.HasJsonContentType())
            return (default, TrackingProblems.Invalid("body", "must be JSON (Content-Type: application/json)"));
        try
        {
            using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 64 * 1024);
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBytes) return (default, TooLarge());
            return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge());
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TrackingProblems.TooLarge($"the request body is larger than {MaxBytes / (1024 * 1024)} MiB");
}
