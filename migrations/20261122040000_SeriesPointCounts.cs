using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Migrations;

/// <summary>Per-series point counts, kept by the metric writer, so that the series cache can tell cheaply and
/// exactly whether a series changed. Existing series are counted once here.</summary>
[DbContext(typeof(DashDbContext))]
[Migration("20261122040000_SeriesPointCounts")]
internal sealed class SeriesPointCounts : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "MetricSeriesCounts",
            columns: t => new
            {
                SeriesId = t.Column<long>(nullable: false),
                Points = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MetricSeriesCounts", x => x.SeriesId);
                t.ForeignKey("FK_MetricSeriesCounts_MetricSeries_SeriesId", x => x.SeriesId, "MetricSeries", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        mb.Sql("""
            INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points")
            SELECT "SeriesId", COUNT(*) FROM "MetricPoints" GROUP BY "SeriesId"
            """);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("MetricSeriesCounts");
}
