using System.Runtime.InteropServices;
using ContinualDash.Core.Queue;
using ContinualDash.Worker.Channels;
using ContinualDash.Worker.Loop;

namespace ContinualDash.Cli.Worker;

/// <summary>
/// <c>continualdash worker --server URL --token TOKEN [--labels gpu,big] [--slots 1] [--name NAME] [--data DIR]</c>: a remote
/// worker that talks to the server only over HTTP. Runs until SIGINT or SIGTERM.
/// </summary>
internal static class WorkerCommand
{
    public const string Summary = "run a remote worker: --server URL --token TOKEN [--labels gpu] [--slots 1] [--name NAME] [--data DIR]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        WorkerArguments parsed;
        try
        {
            parsed = WorkerArguments.Parse(args, Environment.GetEnvironmentVariable("CONTINUALDASH_TOKEN"));
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"continualdash worker: {e.Message}");
            return CommandLine.Usage;
        }

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var options = new WorkerOptions
        {
            Id = WorkerOptions.NewId("worker"),
            Name = parsed.Name,
            Labels = parsed.Labels,
            Slots = parsed.Slots,
            ServerUrl = parsed.Server.ToString().TrimEnd('/'),
            DataDirectory = parsed.DataDirectory,
        };
        var logger = new TextWriterLogger(stderr);
        try
        {
            await new WorkerLoop(new HttpWorkerChannel(http, parsed.Server, parsed.Token), options, logger, TimeProvider.System).RunAsync(stop.Token);
            return CommandLine.Ok;
        }
        catch (UnauthorizedAccessException e)
        {
            await stderr.WriteLineAsync($"continualdash worker: {e.Message}");
            return CommandLine.Failure;
        }
        catch (QueueException e)
        {
            await stderr.WriteLineAsync($"continualdash worker: the server refused the worker: {e.Field}: {e.Message}");
            return CommandLine.Usage;
        }
    }
}
