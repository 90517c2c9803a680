using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Web.Access;
using ContinualDash.Web.Components;
using ContinualDash.Web.Health;
using ContinualDash.Core.Queue;
using ContinualDash.Web.Launch;
using ContinualDash.Web.Queue;
using ContinualDash.Web.RunView;
using ContinualDash.Web.Tracking;
using ContinualDash.Core.Series;
using ContinualDash.Web.Runs;
using ContinualDash.Web.Storage;
using ContinualDash.Web.Demo;
using ContinualDash.Web.Compare;
using ContinualDash.Web.Sharing;
using ContinualDash.Web.PythonClient;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Hosting;

/// <summary>All service registration and the request pipeline of the dashboard, in one place.</summary>
public static class DashboardHost
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Running from build output (./run.sh, tests) in any environment: serve wwwroot and the build's
        // pre-compressed copies through the build's manifest. Without it, a request that accepts gzip gets an
        // empty body outside Development. Published output has no such manifest, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        // The lambda reads configuration lazily (at the first context), so tests can point the app at their own
        // database; the options are then built once, not per request (that showed in the profile of a metric post).
        services.AddDbContext<DashDbContext>((sp, o) =>
        {
            DatabaseOptions.Configure(o, sp.GetRequiredService<IConfiguration>());
            o.AddInterceptors(sp.GetRequiredService<TrackingChangeInterceptor>());
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddSingleton<TrackingChangeInterceptor>();
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageFaultHandler>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<RunCreator>();
        services.AddScoped<BoundaryRecorder>();
        services.AddScoped<RunFinisher>();
        services.AddScoped<ExperimentLauncher>();
        services.AddScoped<RunsListing>();
        services.AddScoped<DemoExperiment>();
        services.AddScoped<CurveReader>();
        services.AddScoped<CompareBuilder>();
        services.AddSingleton<TrackingNotifier>();
        services.AddSingleton<LiveRunMetrics>();
        services.AddSingleton(new SeriesPointCache());
        services.AddSingleton<TokenReveal>();
        services.AddSingleton<PythonClientPackage>();
        services.AddOpenApi();
        services.AddJobQueue();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InProcessWorkerOptions>().BindConfiguration(InProcessWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<InProcessWorkerService>();
        services.AddDashboardAccess(builder.Configuration);
        services.AddRazorComponents();
        services.AddAntiforgery();
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
        await DatabaseStartup.MigrateAsync(db, app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        // API errors are ProblemDetails (RFC 9457); pages get the status-code page.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardAccess();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthApi();
        app.MapPythonClientEndpoints();
        app.MapAccessEndpoints();
        app.MapShareEndpoints();
        app.MapWorkerApi();
        app.MapJobsApi();
        app.MapRunViewEndpoints();
        app.MapCompareEndpoints();
        app.MapOpenApi();
        app.MapTrackingApi();
        app.MapRazorComponents<App>();
        return app;
    }
}
