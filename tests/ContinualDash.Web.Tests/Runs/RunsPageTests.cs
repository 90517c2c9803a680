using System.Net;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Tests.Runs;

public sealed class RunsPageTests
{
    [Fact]
    public async Task Home_OnEmptyDatabase_ShowsNoRunsYetWithNextStep()
    {
        await using var factory = new DashFactory();
        var html = await factory.CreateClient().GetStringAsync("/");

        Assert.Contains("No runs yet", html);
        Assert.Contains("Launch demo experiment", html);
        Assert.Contains("POST /api/jobs", html);
        Assert.Contains("href=\"launch\"", html);
        Assert.Contains("continualdash metrics", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public async Task Home_WithRuns_ListsThemNewestFirstAndEscapesNames()
    {
        await using var factory = new DashFactory();
        await using (var db = factory.CreateDbContext())
        {
            var created = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
            db.Runs.Add(new Run("er-seed-0", created) { Strategy = "ER", Seed = 0 });
            db.Runs.Add(new Run("<script>alert(1)</script>", created.AddMinutes(1)) { Strategy = "Finetune", Seed = 1 });
            await db.SaveChangesAsync();
        }

        var response = await factory.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("No runs yet", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.True(html.IndexOf("Finetune", StringComparison.Ordinal) < html.IndexOf("er-seed-0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_InvalidExpression_Returns200WithMessageNextToField()
    {
        await using var factory = new DashFactory();
        await using (var db = factory.CreateDbContext())
        {
            db.Runs.Add(new Run("er-seed-0", new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc)) { Strategy = "ER" });
            await db.SaveChangesAsync();
        }

        var response = await factory.CreateClient().GetAsync("/?filter=" + Uri.EscapeDataString("final.wc_acc > "));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"filter-error\"", html);
        Assert.Contains("at column 15: expected a value after", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public async Task Home_SortAndPageInQuery_RendersThatPageAndLinksKeepTheState()
    {
        await using var factory = new DashFactory();
        await using (var db = factory.CreateDbContext())
        {
            for (var i = 0; i < 5; i++)
                db.Runs.Add(new Run($"run-{i}", new DateTime(2026, 3, 1, 10, i, 0, DateTimeKind.Utc)) { Seed = i, Strategy = "ER" });
            await db.SaveChangesAsync();
        }

        var html = await factory.CreateClient().GetStringAsync("/?sort=seed&dir=asc&size=2&page=2&filter=strategy%20%3D%20ER");

        Assert.Contains("3–4 of 5", html);
        Assert.Contains(">run-2<", html);
        Assert.Contains(">run-3<", html);
        Assert.DoesNotContain(">run-1<", html);
        Assert.Contains("href=\"/?filter=strategy%20%3D%20ER&amp;sort=seed&amp;dir=asc&amp;page=3&amp;size=2\"", html);
    }

    [Fact]
    public async Task UnknownPage_Returns404WithNotFoundPage()
    {
        await using var factory = new DashFactory();
        var response = await factory.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
