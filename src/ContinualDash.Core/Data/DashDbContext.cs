using ContinualDash.Core.Access;
using ContinualDash.Core.Experiments;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Sharing;
using ContinualDash.Core.Workers;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Data;

/// <summary>The one database of ContinualDash (SQLite file by default, PostgreSQL for teams).</summary>
public sealed class DashDbContext(DbContextOptions<DashDbContext> options) : DbContext(options)
{
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunTag> RunTags => Set<RunTag>();
    public DbSet<TaskPhase> TaskPhases => Set<TaskPhase>();
    public DbSet<MetricSeries> MetricSeries => Set<MetricSeries>();
    public DbSet<MetricChunk> MetricChunks => Set<MetricChunk>();
    public DbSet<MetricSeriesCount> MetricSeriesCounts => Set<MetricSeriesCount>();
    public DbSet<MetricBatch> MetricBatches => Set<MetricBatch>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Worker> Workers => Set<Worker>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<RunLogLine> RunLogLines => Set<RunLogLine>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashDbContext).Assembly);
        ConfigJson.Map(modelBuilder, Database.ProviderName);
        RunTime.Map(modelBuilder, Database.ProviderName);
    }
}
