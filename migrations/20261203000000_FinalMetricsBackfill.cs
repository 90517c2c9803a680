using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Migrations;

/// <summary>
/// Lists every existing run for <see cref="LiveMetrics.FinalMetricsBackfill"/>, which computes its final-metric
/// columns from its stored points (no code wrote them before). The next migration drops the list once it is empty.
/// </summary>
[DbContext(typeof(DashDbContext))]
[Migration(LiveMetrics.FinalMetricsBackfill.ListMigration)]
internal sealed class FinalMetricsBackfill : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: LiveMetrics.FinalMetricsBackfill.Table,
            columns: t => new { RunId = t.Column<long>(nullable: false) },
            constraints: t => t.PrimaryKey("PK_PendingFinalMetrics", x => x.RunId));
        mb.Sql("""INSERT INTO "PendingFinalMetrics" ("RunId") SELECT "Id" FROM "Runs" """);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable(LiveMetrics.FinalMetricsBackfill.Table);
}
