using ContinualDash.Training.Data;
using ContinualDash.Worker.Channels;
using ContinualDash.Worker.Loop;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Queue;

/// <summary>Hosts the in-process worker slots: the same <see cref="WorkerLoop"/> as a remote worker, on the
/// in-process channel, registered as one worker row with <c>InProcess</c> set.</summary>
public sealed class InProcessWorkerService(
    IServiceScopeFactory scopes, IOptions<InProcessWorkerOptions> options, IServer server, IConfiguration config,
    ILogger<InProcessWorkerService> logger, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.InProcessSlots == 0) return;
        // Hosted services start before the server listens: wait for it, to know the URL handed to commands.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        var worker = new WorkerOptions
        {
            Id = WorkerOptions.NewId("web"),
            Name = $"{Environment.MachineName} (web app)",
            Labels = o.Labels.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Slots = o.InProcessSlots,
            InProcess = true,
            ServerUrl = o.ServerUrl ?? ServerAddress(),
            HeartbeatInterval = o.HeartbeatInterval,
            DataDirectory = config["Training:DataDirectory"] is { Length: > 0 } data ? data : ImageDatasetFiles.DefaultDirectory,
        };
        await new WorkerLoop(new InProcessWorkerChannel(scopes), worker, logger, time).RunAsync(stoppingToken);
    }

    private string? ServerAddress() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? config["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
