using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ContinualDash.Core.Migrations;

/// <summary>The first schema: experiments, runs with tags and task phases, metric series and points, the job
/// queue, workers and API tokens. Provider-neutral: no store types, both providers' identity annotations.</summary>
[DbContext(typeof(DashDbContext))]
[Migration("20261122000000_Initial")]
internal sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Experiments",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                SpecJson = t.Column<string>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Experiments", x => x.Id));
        mb.CreateIndex("IX_Experiments_CreatedAt", "Experiments", "CreatedAt");

        mb.CreateTable(
            name: "Workers",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 100, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Labels = t.Column<string>(maxLength: 200, nullable: false),
                Slots = t.Column<int>(nullable: false),
                InProcess = t.Column<bool>(nullable: false),
                StartedAt = t.Column<DateTime>(nullable: false),
                HeartbeatAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Workers", x => x.Id));

        mb.CreateTable(
            name: "Runs",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ExperimentId = t.Column<long>(nullable: true),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                Seed = t.Column<int>(nullable: true),
                ConfigJson = t.Column<string>(nullable: false),
                Benchmark = t.Column<string>(maxLength: 100, nullable: true),
                Strategy = t.Column<string>(maxLength: 100, nullable: true),
                Notes = t.Column<string>(nullable: true),
                WorkerName = t.Column<string>(maxLength: 200, nullable: true),
                Attempt = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                StartedAt = t.Column<DateTime>(nullable: true),
                FinishedAt = t.Column<DateTime>(nullable: true),
                Error = t.Column<string>(nullable: true),
                FinalAvgAcc = t.Column<double>(nullable: true),
                FinalMinAcc = t.Column<double>(nullable: true),
                FinalWcAcc = t.Column<double>(nullable: true),
                FinalBwt = t.Column<double>(nullable: true),
                FinalForgetting = t.Column<double>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Runs", x => x.Id);
                t.ForeignKey("FK_Runs_Experiments_ExperimentId", x => x.ExperimentId, "Experiments", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_Runs_CreatedAt", "Runs", "CreatedAt");
        mb.CreateIndex("IX_Runs_ExperimentId", "Runs", "ExperimentId");
        mb.CreateIndex("IX_Runs_Status", "Runs", "Status");

        mb.CreateTable(
            name: "RunTags",
            columns: t => new
            {
                RunId = t.Column<long>(nullable: false),
                Tag = t.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_RunTags", x => new { x.RunId, x.Tag });
                t.ForeignKey("FK_RunTags_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_RunTags_Tag", "RunTags", "Tag");

        mb.CreateTable(
            name: "TaskPhases",
            columns: t => new
            {
                RunId = t.Column<long>(nullable: false),
                TaskIndex = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: true),
                BoundaryIteration = t.Column<long>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_TaskPhases", x => new { x.RunId, x.TaskIndex });
                t.ForeignKey("FK_TaskPhases_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "MetricSeries",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = t.Column<long>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                TaskKey = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MetricSeries", x => x.Id);
                t.ForeignKey("FK_MetricSeries_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_MetricSeries_RunId_Name_TaskKey", "MetricSeries", ["RunId", "Name", "TaskKey"], unique: true);

        mb.CreateTable(
            name: "MetricPoints",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = t.Column<long>(nullable: false),
                Iteration = t.Column<long>(nullable: false),
                Value = t.Column<double>(nullable: false),
                WallTimeMs = t.Column<long>(nullable: false),
                Attempt = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MetricPoints", x => x.Id);
                t.ForeignKey("FK_MetricPoints_MetricSeries_SeriesId", x => x.SeriesId, "MetricSeries", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_MetricPoints_SeriesId_Iteration", "MetricPoints", ["SeriesId", "Iteration"]);

        mb.CreateTable(
            name: "MetricBatches",
            columns: t => new
            {
                RunId = t.Column<long>(nullable: false),
                Key = t.Column<string>(maxLength: 100, nullable: false),
                Points = t.Column<int>(nullable: false),
                ReceivedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MetricBatches", x => new { x.RunId, x.Key });
                t.ForeignKey("FK_MetricBatches_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Jobs",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = t.Column<long>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                PayloadJson = t.Column<string>(nullable: false),
                Priority = t.Column<int>(nullable: false),
                Labels = t.Column<string>(maxLength: 200, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                Attempt = t.Column<int>(nullable: false),
                MaxAttempts = t.Column<int>(nullable: false),
                NextAttemptAt = t.Column<DateTime>(nullable: false),
                WorkerId = t.Column<string>(maxLength: 100, nullable: true),
                ClaimedAt = t.Column<DateTime>(nullable: true),
                HeartbeatAt = t.Column<DateTime>(nullable: true),
                CancelRequested = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                FinishedAt = t.Column<DateTime>(nullable: true),
                Error = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Jobs", x => x.Id);
                t.ForeignKey("FK_Jobs_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_Jobs_RunId", "Jobs", "RunId");
        mb.CreateIndex("IX_Jobs_Status_NextAttemptAt", "Jobs", ["Status", "NextAttemptAt"]);

        mb.CreateTable(
            name: "ApiTokens",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Prefix = t.Column<string>(maxLength: 16, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                RunId = t.Column<long>(nullable: true),
                CreatedBy = t.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                LastUsedAt = t.Column<DateTime>(nullable: true),
                RevokedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ApiTokens", x => x.Id);
                t.ForeignKey("FK_ApiTokens_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_ApiTokens_Hash", "ApiTokens", "Hash", unique: true);
        mb.CreateIndex("IX_ApiTokens_RunId", "ApiTokens", "RunId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "ApiTokens", "Jobs", "MetricBatches", "MetricPoints", "MetricSeries",
                     "TaskPhases", "RunTags", "Runs", "Workers", "Experiments" })
            mb.DropTable(table);
    }
}
