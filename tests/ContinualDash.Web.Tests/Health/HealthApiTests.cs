using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinualDash.Web.Tests.Health;

public sealed class HealthApiTests(DashFactory factory) : IClassFixture<DashFactory>
{
    [Fact]
    public async Task Healthz_WithMigratedDatabase_Returns200AndProvider()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(factory.Database.Provider == "Postgres" ? "postgres" : "sqlite", body.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Healthz_WhenDatabaseSchemaIsGone_Returns503()
    {
        await using var broken = new DashFactory();
        var client = broken.CreateClient();
        await using (var db = broken.CreateDbContext())
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, broken.Database.Provider == "Postgres"
                ? "DROP TABLE \"Runs\" CASCADE;"
                : "DROP TABLE ApiTokens; DROP TABLE Jobs; DROP TABLE MetricBatches; DROP TABLE MetricChunks; DROP TABLE MetricSeriesCounts; DROP TABLE MetricSeries; DROP TABLE TaskPhases; DROP TABLE RunTags; DROP TABLE Runs;");

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404ProblemDetails()
    {
        var response = await factory.CreateClient().GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BlazorScript_IsNotServed_BecausePagesRenderStatically()
    {
        var response = await factory.CreateClient().GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
