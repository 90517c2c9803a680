using ContinualDash.Core.Experiments;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Tests.Experiments;

public sealed class ExperimentPageTests
{
    [Fact]
    public async Task Experiment_WithTwoRuns_ShowsRunsSpecAndOneAggregateTracePerStrategy()
    {
        await using var factory = new DashFactory();
        long id;
        await using (var db = factory.CreateDbContext())
        {
            var experiment = new Experiment { Name = "er-vs-ft", SpecJson = """{"strategies":["er","finetune"]}""", CreatedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) };
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
            id = experiment.Id;
            foreach (var (name, strategy) in new[] { ("er-seed-0", "er"), ("finetune-seed-0", "finetune") })
                db.Runs.Add(new Run(name, experiment.CreatedAt, id) { Strategy = strategy, ConfigJson = $$"""{"strategy":"{{strategy}}"}""" });
            await db.SaveChangesAsync();
        }

        var html = await factory.CreateClient().GetStringAsync($"/experiments/{id}");

        Assert.Contains("er-vs-ft", html);
        Assert.Contains(">er-seed-0<", html);
        Assert.Contains(">finetune-seed-0<", html);
        Assert.Contains("&quot;strategies&quot;", html);
        Assert.Contains("&quot;name&quot;:&quot;er&quot;", html);
        Assert.Contains("&quot;name&quot;:&quot;finetune&quot;", html);
        // Both runs are still queued: the table follows their status over the run-list event stream.
        Assert.Contains("data-runs-live=\"api/runs/events\"", html);
        Assert.Contains("js/runs-live", html);
    }

    [Fact]
    public async Task Experiment_UnknownId_Returns404SayingNotFound()
    {
        await using var factory = new DashFactory();

        var response = await factory.CreateClient().GetAsync("/experiments/12345");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
