using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ContinualDash.Core.Migrations;

/// <summary>The row-per-point table, empty once <see cref="Points.LegacyPointConversion"/> has moved its rows into chunks.</summary>
[DbContext(typeof(DashDbContext))]
[Migration(Points.LegacyPointConversion.DropMigration)]
internal sealed class DropMetricPoints : Migration
{
    protected override void Up(MigrationBuilder mb) => mb.DropTable("MetricPoints");

    /// <summary>Recreates the table empty: going back below this migration does not unpack the chunks.</summary>
    protected override void Down(MigrationBuilder mb)
    {
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
    }
}
