using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ContinualDash.Core.Migrations;

/// <summary>
/// Hand-maintained, provider-neutral model snapshot. With it, a model change that has no migration makes
/// <c>Migrate()</c> throw at start-up and fails the guard tests (tests/ContinualDash.Core.Tests/Data).
/// </summary>
[DbContext(typeof(DashDbContext))]
internal sealed class DashDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("ContinualDash.Core.Access.ApiToken", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTime>("CreatedAt");
            b.Property<string>("CreatedBy").HasMaxLength(100);
            b.Property<string>("Hash").IsRequired().HasMaxLength(64);
            b.Property<string>("Kind").IsRequired().HasMaxLength(16);
            b.Property<DateTime?>("LastUsedAt");
            b.Property<string>("Name").IsRequired().HasMaxLength(200);
            b.Property<string>("Prefix").IsRequired().HasMaxLength(16);
            b.Property<DateTime?>("RevokedAt");
            b.Property<long?>("RunId");
            b.Property<long?>("UserId");
            b.HasKey("Id");
            b.HasIndex("Hash").IsUnique();
            b.HasIndex("RunId");
            b.HasIndex("UserId");
            b.ToTable("ApiTokens");
        });

        modelBuilder.Entity("ContinualDash.Core.Access.DataProtectionKey", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<string>("FriendlyName").HasMaxLength(200);
            b.Property<string>("Xml").IsRequired();
            b.HasKey("Id");
            b.ToTable("DataProtectionKeys");
        });

        modelBuilder.Entity("ContinualDash.Core.Access.User", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTime>("CreatedAt");
            b.Property<DateTime?>("DisabledAt");
            b.Property<string>("PasswordHash").IsRequired().HasMaxLength(200);
            b.Property<string>("Role").IsRequired().HasMaxLength(16);
            b.Property<string>("UserName").IsRequired().HasMaxLength(100);
            b.HasKey("Id");
            b.HasIndex("UserName").IsUnique();
            b.ToTable("Users");
        });

        modelBuilder.Entity("ContinualDash.Core.Sharing.ShareLink", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTime>("CreatedAt");
            b.Property<string>("CreatedBy").IsRequired().HasMaxLength(100);
            b.Property<DateTime?>("ExpiresAt");
            b.Property<string>("Kind").IsRequired().HasMaxLength(16);
            b.Property<DateTime?>("RevokedAt");
            b.Property<string>("Target").IsRequired().HasMaxLength(2000);
            b.Property<long?>("UserId");
            b.HasKey("Id");
            b.HasIndex("UserId");
            b.ToTable("ShareLinks");
        });

        modelBuilder.Entity("ContinualDash.Core.Experiments.Experiment", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTime>("CreatedAt");
            b.Property<string>("CreatedBy").HasMaxLength(100);
            b.Property<string>("Name").IsRequired().HasMaxLength(200);
            b.Property<string>("SpecJson").IsRequired();
            b.HasKey("Id");
            b.HasIndex("CreatedAt");
            b.ToTable("Experiments");
        });

        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricBatch", b =>
        {
            b.Property<long>("RunId");
            b.Property<string>("Key").HasMaxLength(100);
            b.Property<int>("Points");
            b.Property<DateTime>("ReceivedAt");
            b.HasKey("RunId", "Key");
            b.ToTable("MetricBatches");
        });

        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricChunk", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<int>("Attempt");
            b.Property<int>("Count");
            b.Property<long>("FirstIteration");
            b.Property<long>("LastIteration");
            b.Property<byte[]>("Points").IsRequired();
            b.Property<long>("SeriesId");
            b.HasKey("Id");
            b.HasIndex("SeriesId", "Id");
            b.ToTable("MetricChunks");
        });

        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricSeries", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<string>("Name").IsRequired().HasMaxLength(200);
            b.Property<long>("RunId");
            b.Property<int>("TaskKey");
            b.HasKey("Id");
            b.HasIndex("RunId", "Name", "TaskKey").IsUnique();
            b.ToTable("MetricSeries");
        });

        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricSeriesCount", b =>
        {
            b.Property<long>("SeriesId");
            b.Property<long>("Points");
            b.HasKey("SeriesId");
            b.ToTable("MetricSeriesCounts");
        });

        modelBuilder.Entity("ContinualDash.Core.Queue.Job", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<int>("Attempt");
            b.Property<bool>("CancelRequested");
            b.Property<DateTime?>("ClaimedAt");
            b.Property<DateTime>("CreatedAt");
            b.Property<string>("Error");
            b.Property<DateTime?>("FinishedAt");
            b.Property<DateTime?>("HeartbeatAt");
            b.Property<string>("Kind").IsRequired().HasMaxLength(16);
            b.Property<string>("Labels").IsRequired().HasMaxLength(200);
            b.Property<int>("MaxAttempts");
            b.Property<DateTime>("NextAttemptAt");
            b.Property<string>("PayloadJson").IsRequired();
            b.Property<int>("Priority");
            b.Property<long>("RunId");
            b.Property<string>("Status").IsRequired().HasMaxLength(16);
            b.Property<string>("WorkerId").HasMaxLength(100);
            b.HasKey("Id");
            b.HasIndex("RunId");
            b.HasIndex("Status", "NextAttemptAt");
            b.ToTable("Jobs");
        });

        modelBuilder.Entity("ContinualDash.Core.RunLogs.RunLogLine", b =>
        {
            b.Property<long>("RunId");
            b.Property<int>("Attempt");
            b.Property<long>("Sequence");
            b.Property<DateTime>("At");
            b.Property<string>("Stream").IsRequired().HasMaxLength(8);
            b.Property<string>("Text").IsRequired();
            b.HasKey("RunId", "Attempt", "Sequence");
            b.ToTable("RunLogLines");
        });

        modelBuilder.Entity("ContinualDash.Core.Runs.Run", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd()
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<int>("Attempt");
            b.Property<string>("Benchmark").HasMaxLength(100);
            b.Property<string>("ConfigJson").IsRequired();
            b.Property<DateTime>("CreatedAt");
            b.Property<string>("Error");
            b.Property<long?>("ExperimentId");
            b.Property<double?>("FinalAvgAcc");
            b.Property<double?>("FinalBwt");
            b.Property<double?>("FinalForgetting");
            b.Property<double?>("FinalMinAcc");
            b.Property<double?>("FinalWcAcc");
            b.Property<DateTime?>("FinishedAt");
            b.Property<string>("Name").IsRequired().HasMaxLength(200);
            b.Property<string>("Notes");
            b.Property<int?>("Seed");
            b.Property<DateTime?>("StartedAt");
            b.Property<string>("Status").IsRequired().HasMaxLength(16);
            b.Property<string>("Strategy").HasMaxLength(100);
            b.Property<string>("WorkerName").HasMaxLength(200);
            b.HasKey("Id");
            b.HasIndex("CreatedAt");
            b.HasIndex("ExperimentId");
            b.HasIndex("Status");
            b.ToTable("Runs");
        });

        modelBuilder.Entity("ContinualDash.Core.Runs.RunTag", b =>
        {
            b.Property<long>("RunId");
            b.Property<string>("Tag").HasMaxLength(100);
            b.HasKey("RunId", "Tag");
            b.HasIndex("Tag");
            b.ToTable("RunTags");
        });

        modelBuilder.Entity("ContinualDash.Core.Runs.TaskPhase", b =>
        {
            b.Property<long>("RunId");
            b.Property<int>("TaskIndex");
            b.Property<long?>("BoundaryIteration");
            b.Property<string>("Name").HasMaxLength(200);
            b.HasKey("RunId", "TaskIndex");
            b.ToTable("TaskPhases");
        });

        modelBuilder.Entity("ContinualDash.Core.Workers.Worker", b =>
        {
            b.Property<string>("Id").HasMaxLength(100);
            b.Property<DateTime>("HeartbeatAt");
            b.Property<bool>("InProcess");
            b.Property<string>("Labels").IsRequired().HasMaxLength(200);
            b.Property<string>("Name").IsRequired().HasMaxLength(200);
            b.Property<int>("Slots");
            b.Property<DateTime>("StartedAt");
            b.HasKey("Id");
            b.ToTable("Workers");
        });

        modelBuilder.Entity("ContinualDash.Core.Access.ApiToken", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade));
        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricBatch", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricChunk", b =>
            b.HasOne("ContinualDash.Core.Metrics.MetricSeries", null).WithMany().HasForeignKey("SeriesId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricSeriesCount", b =>
            b.HasOne("ContinualDash.Core.Metrics.MetricSeries", null).WithOne().HasForeignKey("ContinualDash.Core.Metrics.MetricSeriesCount", "SeriesId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Metrics.MetricSeries", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Queue.Job", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.RunLogs.RunLogLine", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Runs.Run", b =>
            b.HasOne("ContinualDash.Core.Experiments.Experiment", null).WithMany().HasForeignKey("ExperimentId").OnDelete(DeleteBehavior.Cascade));
        modelBuilder.Entity("ContinualDash.Core.Runs.RunTag", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany("Tags").HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
        modelBuilder.Entity("ContinualDash.Core.Runs.TaskPhase", b =>
            b.HasOne("ContinualDash.Core.Runs.Run", null).WithMany().HasForeignKey("RunId").OnDelete(DeleteBehavior.Cascade).IsRequired());
    }
}
