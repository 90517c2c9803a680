using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Training.Experiments;
using ContinualDash.Web.Launch;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Launch;

public sealed class LaunchPrefillTests
{
    [Fact]
    public async Task Get_FromBuiltinRun_PrefillsItsSpecSeedAndLabels()
    {
        await using var factory = LaunchForm.IdleFactory();
        LaunchedExperiment launched;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var spec = new ExperimentSpec { Strategy = "ewc", LearningRate = 0.05, EwcLambda = 42, Tasks = 2, HiddenSizes = [64] };
            launched = await scope.ServiceProvider.GetRequiredService<ExperimentLauncher>()
                .LaunchAsync(new ExperimentLaunch("ewc probe", spec, [7, 8], ["gpu"]), default);
        }

        var html = await factory.CreateClient().GetStringAsync($"/launch?from={launched.Runs[1].RunId}");

        Assert.Contains("<option value=\"ewc\" selected", html);
        Assert.Equal(["ewc probe (clone)", "0.05", "42", "2", "64", "8", "gpu"],
            new[] { "Name", "LearningRate", "EwcLambda", "Tasks", "HiddenSizes", "Seeds", "Labels" }.Select(f => LaunchForm.ValueOf(html, $"Input.{f}")));
        Assert.DoesNotContain("data-testid=\"launch-notice\"", html);
    }

    [Fact]
    public async Task Get_FromCommandRun_PrefillsCommandFormAndSaysSo()
    {
        await using var factory = LaunchForm.IdleFactory();
        long runId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var command = new CommandSpec(["python", "train.py", "--tag", "two words"], WorkingDirectory: "/srv");
            (_, runId) = await scope.ServiceProvider.GetRequiredService<JobQueue>()
                .EnqueueAsync(new JobRequest(JobKind.Command, command.ToJson(), "cmd"), default);
        }

        var html = await factory.CreateClient().GetStringAsync($"/launch?from={runId}");

        Assert.Equal("python train.py --tag 'two words'", LaunchForm.ValueOf(html, "Command.CommandLine"));
        Assert.Equal("/srv", LaunchForm.ValueOf(html, "Command.WorkingDirectory"));
        Assert.Contains("was a command job", html);
    }

    [Fact]
    public async Task Get_FromLoggedRunOrUnknownRun_ShowsDefaultsWithNotice()
    {
        await using var factory = LaunchForm.IdleFactory();
        long logged;
        await using (var db = factory.CreateDbContext())
        {
            var run = new Run("from a script", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            logged = run.Id;
        }
        var client = factory.CreateClient();

        var fromLogged = await client.GetStringAsync($"/launch?from={logged}");
        var fromUnknown = await client.GetStringAsync("/launch?from=999999");

        Assert.Contains("was logged by a script", fromLogged);
        Assert.Contains("There is no run 999999", fromUnknown);
        Assert.All([fromLogged, fromUnknown], html => Assert.Contains("<option value=\"er\" selected", html));
    }
}
