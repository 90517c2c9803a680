namespace ContinualDash.Web.PythonClient;

/// <summary><c>/client/python/continualdash-{version}.tar.gz</c>: the Python client for <c>pip install URL</c>.
/// Anonymous, like the static assets: pip sends no token, and the client holds nothing secret.</summary>
public static class PythonClientEndpoints
{
    public static IEndpointRouteBuilder MapPythonClientEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/client/python/{file}", Download).AllowAnonymous().WithName("PythonClient")
            .WithSummary("The Python client package (source archive) of this dashboard's version.");
        return app;
    }

    private static IResult Download(string file, PythonClientPackage package) =>
        file == package.FileName
            ? TypedResults.File(package.Archive, "application/gzip", package.FileName)
            : TypedResults.NotFound();

    /// <summary>The package's address on the server at <paramref name="origin"/> (scheme, host, path base).</summary>
    public static string Url(string origin, PythonClientPackage package) => $"{origin.TrimEnd('/')}/client/python/{package.FileName}";
}
