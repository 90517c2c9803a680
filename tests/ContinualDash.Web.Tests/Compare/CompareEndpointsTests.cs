using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Web.Compare;

namespace ContinualDash.Web.Tests.Compare;

public sealed class CompareEndpointsTests
{
    [Fact]
    public async Task Traces_ZoomedRange_ReturnsOnlyThatRangeAtFullResolution()
    {
        await using var factory = new DashFactory();
        long a, b;
        await using (var db = factory.CreateDbContext())
        {
            a = await CompareSeed.AddRunAsync(db, "er-0", "er", 0, 0.9, points: 5000);
            b = await CompareSeed.AddRunAsync(db, "ft-0", "finetune", 0, 0.5);
        }

        var traces = await factory.CreateClient().GetFromJsonAsync<List<CompareTrace>>(
            $"/compare/traces?runs={a},{b}&metric=acc&task=0&from=40&to=60", JsonSerializerOptions.Web);

        Assert.Equal(2, traces!.Count);
        Assert.All(traces, t => Assert.Equal(Enumerable.Range(40, 21).Select(i => (double)i), t.X));
        Assert.Equal(0.05, traces[0].Y[10]);
    }

    [Fact]
    public async Task Traces_NoRuns_Returns400NamingRuns()
    {
        await using var factory = new DashFactory();

        var response = await factory.CreateClient().GetAsync("/compare/traces?metric=acc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("runs", problem.RootElement.GetProperty("field").GetString());
    }
}
