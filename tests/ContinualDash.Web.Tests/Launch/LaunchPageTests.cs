using System.Net;
using System.Text.Json;
using ContinualDash.Core.Queue;
using ContinualDash.Training.Experiments;
using ContinualDash.Web.Launch;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Launch;

public sealed class LaunchPageTests
{
    [Fact]
    public async Task Get_NoClone_ShowsErProtocolDefaultsWithLabelledInputs()
    {
        await using var factory = LaunchForm.IdleFactory();

        var html = await factory.CreateClient().GetStringAsync("/launch");

        Assert.Contains("value=\"split-fmnist\"", html);
        Assert.Contains("<option value=\"er\" selected", html);
        Assert.Contains("value=\"0.01\"", html);
        Assert.Contains("value=\"0, 1, 2\"", html);
        Assert.Contains("name=\"_handler\" value=\"launch-command\"", html);
        // Every input has a label pointing at it.
        foreach (var id in System.Text.RegularExpressions.Regex.Matches(html, "<(?:input|select)[^>]* id=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
            Assert.Contains($"for=\"{id}\"", html);
    }

    [Fact]
    public async Task PostExperiment_ValidForm_RedirectsToExperimentWithOneQueuedRunPerSeed()
    {
        await using var factory = LaunchForm.IdleFactory();
        var input = LaunchInput.Default();
        input.Name = "lr sweep";
        input.LearningRate = 0.05;
        input.Seeds = "3, 4";
        input.Labels = "gpu";
        input.EvalInitialModel = false;

        var response = await LaunchForm.PostExperimentAsync(LaunchForm.Client(factory), input);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var experiment = await db.Experiments.SingleAsync();
        Assert.Equal($"/experiments/{experiment.Id}", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
        var jobs = await db.Jobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((JobKind.Builtin, "gpu"), (j.Kind, j.Labels)));
        var specs = jobs.Select(j => JsonSerializer.Deserialize<ExperimentSpec>(j.PayloadJson, JsonSerializerOptions.Web)!).ToList();
        Assert.Equal([3, 4], specs.Select(s => s.Seed));
        Assert.All(specs, s => Assert.Equal((0.05, "er", false, true), (s.LearningRate, s.Strategy, s.EvalInitialModel, s.EvalFullTestSets)));
        Assert.Equal(["lr sweep seed 3", "lr sweep seed 4"], await db.Runs.OrderBy(r => r.Id).Select(r => r.Name).ToListAsync());
    }

    [Fact]
    public async Task PostExperiment_NegativeLearningRate_ShowsValidatorMessageNextToFieldAndStoresNothing()
    {
        await using var factory = LaunchForm.IdleFactory();
        var input = LaunchInput.Default();
        input.LearningRate = -1;
        input.Strategy = "ewc";
        input.EwcDecay = 2;

        var response = await LaunchForm.PostExperimentAsync(LaunchForm.Client(factory), input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var expected = input.ToLaunch().Launch.Spec.Validate();
        Assert.Equal(expected.Single(e => e.Field == "learningRate").Message, LaunchForm.MessageAfter(html, "launch-lr"));
        Assert.Equal(expected.Single(e => e.Field == "ewcDecay").Message, LaunchForm.MessageAfter(html, "launch-ewc-decay"));
        Assert.Equal("", LaunchForm.MessageAfter(html, "launch-batch"));
        Assert.Contains("value=\"-1\"", html); // the user's value stays in the field
        await using var db = factory.CreateDbContext();
        Assert.Equal((0, 0, 0), (await db.Experiments.CountAsync(), await db.Runs.CountAsync(), await db.Jobs.CountAsync()));
    }

    [Theory]
    [InlineData("1, x", "launch-seeds", "'x' is not one")]
    [InlineData("1, 1", "launch-seeds", "must not repeat a seed")]
    [InlineData("", "launch-seeds", "needs 1 to 50 seeds")]
    public async Task PostExperiment_BadSeeds_ShowsSeedsMessageAndStoresNothing(string seeds, string inputId, string message)
    {
        await using var factory = LaunchForm.IdleFactory();
        var input = LaunchInput.Default();
        input.Seeds = seeds;

        var response = await LaunchForm.PostExperimentAsync(LaunchForm.Client(factory), input);

        Assert.Contains(message, LaunchForm.MessageAfter(await response.Content.ReadAsStringAsync(), inputId));
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [Fact]
    public async Task PostExperiment_LettersInNumberField_ShowsMessageAndStoresNothing()
    {
        await using var factory = LaunchForm.IdleFactory();

        var response = await LaunchForm.PostRawAsync(LaunchForm.Client(factory), "launch-experiment", new()
        {
            ["Input.Name"] = "x", ["Input.Benchmark"] = "split-fmnist", ["Input.Tasks"] = "five", ["Input.Seeds"] = "1",
        });

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.NotEqual("", LaunchForm.MessageAfter(await response.Content.ReadAsStringAsync(), "launch-tasks"));
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [Fact]
    public async Task PostExperiment_WithoutAntiforgeryToken_Returns400AndStoresNothing()
    {
        await using var factory = LaunchForm.IdleFactory();

        var response = await factory.CreateClient().PostAsync("/launch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "launch-experiment", ["Input.Name"] = "x", ["Input.Seeds"] = "1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [Fact]
    public async Task PostCommand_ValidCommand_QueuesCommandJobAndRedirectsToItsRun()
    {
        await using var factory = LaunchForm.IdleFactory();

        var response = await LaunchForm.PostCommandAsync(LaunchForm.Client(factory), new CommandLaunchInput
        {
            Name = "sweep", CommandLine = "python train.py --tag 'two words'", WorkingDirectory = "/srv/cl", Labels = "gpu, big",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var job = await db.Jobs.AsNoTracking().SingleAsync();
        Assert.EndsWith($"runs/{job.RunId}", response.Headers.Location?.OriginalString);
        var spec = CommandSpec.Parse(job.PayloadJson);
        Assert.Equal(["python", "train.py", "--tag", "two words"], spec.Argv);
        Assert.Equal(("/srv/cl", "big gpu", JobKind.Command), (spec.WorkingDirectory, job.Labels, job.Kind));
        Assert.Equal("sweep", (await db.Runs.SingleAsync()).Name);
    }

    [Fact]
    public async Task PostCommand_MemberWhenOnlyAdminsMay_RefusesWithMessageAndStoresNothing()
    {
        await using var factory = new Access.AccountsFactory();
        factory.Settings["Workers:InProcessSlots"] = "0";
        await factory.CreateUserAsync("admin", Core.Access.UserRole.Admin);
        await factory.CreateUserAsync("mia", Core.Access.UserRole.Member);
        var member = await factory.SignedInAsync("mia");

        var page = await member.GetStringAsync("/launch");
        var response = await LaunchForm.PostCommandAsync(member, new CommandLaunchInput { CommandLine = "python train.py" });

        Assert.Contains("data-testid=\"command-not-allowed\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only these roles may launch command jobs: admin", await response.Content.ReadAsStringAsync());
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Jobs.CountAsync());
    }

    [Theory]
    [InlineData("python 'train.py", "command-line", "unclosed ' quote")]
    [InlineData("   ", "command-line", "must name the program to run")]
    public async Task PostCommand_BadCommandLine_ShowsMessageNextToFieldAndStoresNothing(string line, string inputId, string message)
    {
        await using var factory = LaunchForm.IdleFactory();

        var response = await LaunchForm.PostCommandAsync(LaunchForm.Client(factory), new CommandLaunchInput { CommandLine = line });

        Assert.Contains(message, LaunchForm.MessageAfter(await response.Content.ReadAsStringAsync(), inputId));
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Jobs.CountAsync());
    }

    [Fact]
    public async Task PostCommand_BadLabel_ShowsQueueMessageNextToLabels()
    {
        await using var factory = LaunchForm.IdleFactory();

        var response = await LaunchForm.PostCommandAsync(LaunchForm.Client(factory), new CommandLaunchInput { CommandLine = "true", Labels = "gpu!" });

        Assert.Contains("'gpu!' is not a label", LaunchForm.MessageAfter(await response.Content.ReadAsStringAsync(), "command-labels"));
    }
}
