using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Queue;

/// <summary>The app with a manual clock and no in-process worker slots (unless asked), for queue tests.</summary>
public sealed class QueueFactory : DashFactory
{
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public int InProcessSlots { get; init; }

    /// <summary>The in-process worker's <c>Training:DataDirectory</c>; null leaves the default.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A database owned by the test (it outlives this app, e.g. across a server restart); null for the factory's own.</summary>
    public TestDatabase? SharedDatabase { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (SharedDatabase is not null)
        {
            builder.UseSetting("Database:Provider", SharedDatabase.Provider);
            builder.UseSetting("ConnectionStrings:Default", SharedDatabase.ConnectionString);
        }
        if (DataDirectory is not null) builder.UseSetting("Training:DataDirectory", DataDirectory);
        builder.UseSetting("Workers:InProcessSlots", InProcessSlots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<string> CreateTokenAsync(string kind = ApiTokenKind.User, long? runId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync("test", kind, runId, null, CancellationToken.None);
        return secret;
    }

    public async Task<(long JobId, long RunId)> EnqueueAsync(CommandSpec command, string[]? labels = null, int maxAttempts = 2)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(
            new JobRequest(JobKind.Command, command.ToJson(), "job", Labels: labels, MaxAttempts: maxAttempts), CancellationToken.None);
    }
}
