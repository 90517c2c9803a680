using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ContinualDash.Core.Migrations;

/// <summary>
/// Points stored as chunks, one row per series per batch (docs/PERFORMANCE.md "Tracking API"). The rows of the
/// old table are moved into chunks by <see cref="Points.LegacyPointConversion"/>, which start-up runs after
/// this migration and before <see cref="DropMetricPoints"/>: packing doubles into bytes needs code, not SQL.
/// </summary>
[DbContext(typeof(DashDbContext))]
[Migration(Points.LegacyPointConversion.ChunksMigration)]
internal sealed class PointChunkTable : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "MetricChunks",
            columns: t => new
            {
                // AUTOINCREMENT on SQLite: an id is never reused after a delete, so a stream's cursor stays valid.
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = t.Column<long>(nullable: false),
                Attempt = t.Column<int>(nullable: false),
                FirstIteration = t.Column<long>(nullable: false),
                LastIteration = t.Column<long>(nullable: false),
                Count = t.Column<int>(nullable: false),
                Points = t.Column<byte[]>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MetricChunks", x => x.Id);
                t.ForeignKey("FK_MetricChunks_MetricSeries_SeriesId", x => x.SeriesId, "MetricSeries", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_MetricChunks_SeriesId_Id", "MetricChunks", ["SeriesId", "Id"]);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("MetricChunks");
}
