using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Migrations;

/// <summary>
/// PostgreSQL only: stores point chunks uncompressed and, up to a page, inline. A chunk of a typical batch
/// (100 points, 2.4 kB) is above PostgreSQL's 2 kB TOAST threshold, so every insert tried to compress it
/// (packed doubles barely compress) and moved it to the TOAST table: CPU and an extra row per chunk.
/// <c>EXTERNAL</c> turns compression off; <c>toast_tuple_target</c> keeps rows up to about 8 kB in the table.
/// Existing rows stay as they are; SQLite stores blobs inline anyway.
/// </summary>
[DbContext(typeof(DashDbContext))]
[Migration("20261203010000_InlineChunks")]
internal sealed class InlineChunks : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        if (mb.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        mb.Sql("""ALTER TABLE "MetricChunks" ALTER COLUMN "Points" SET STORAGE EXTERNAL""");
        mb.Sql("""ALTER TABLE "MetricChunks" SET (toast_tuple_target = 8160)""");
    }

    protected override void Down(MigrationBuilder mb)
    {
        if (mb.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        mb.Sql("""ALTER TABLE "MetricChunks" ALTER COLUMN "Points" SET STORAGE EXTENDED""");
        mb.Sql("""ALTER TABLE "MetricChunks" RESET (toast_tuple_target)""");
    }
}
