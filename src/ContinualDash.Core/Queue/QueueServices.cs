using ContinualDash.Core.Access;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContinualDash.Core.Queue;

/// <summary>Registers the queue and what the worker protocol needs. Hosts add option binding and validation.</summary>
public static class QueueServices
{
    public static IServiceCollection AddJobQueue(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<QueueOptions>();
        services.TryAddSingleton(sp => new RetryBackoff(sp.GetRequiredService<IOptions<QueueOptions>>(), Random.Shared));
        services.TryAddScoped<JobQueue>();
        services.TryAddScoped<WorkerRegistry>();
        services.TryAddScoped<WorkerProtocol>();
        services.TryAddSingleton<TrackingNotifier>();
        services.TryAddSingleton<SeriesIdCache>();
        services.TryAddSingleton<LiveRunMetrics>();
        services.AddOptions<IngestOptions>();
        services.TryAddSingleton(sp => new MetricIngest(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TrackingNotifier>(), sp.GetRequiredService<SeriesIdCache>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.TryAddScoped<BoundaryRecorder>();
        services.TryAddScoped<RunLogWriter>();
        services.TryAddScoped<ApiTokenService>();
        return services;
    }
}
