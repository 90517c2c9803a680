using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Migrations;

/// <summary>Drops the backfill list, empty once <see cref="LiveMetrics.FinalMetricsBackfill"/> has run.</summary>
[DbContext(typeof(DashDbContext))]
[Migration(LiveMetrics.FinalMetricsBackfill.DropMigration)]
internal sealed class DropFinalMetricsBackfill : Migration
{
    protected override void Up(MigrationBuilder mb) => mb.DropTable(LiveMetrics.FinalMetricsBackfill.Table);

    protected override void Down(MigrationBuilder mb) => mb.CreateTable(
        name: LiveMetrics.FinalMetricsBackfill.Table,
        columns: t => new { RunId = t.Column<long>(nullable: false) },
        constraints: t => t.PrimaryKey("PK_PendingFinalMetrics", x => x.RunId));
}
