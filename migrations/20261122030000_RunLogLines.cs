using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Migrations;

/// <summary>The stdout and stderr lines of a run's job, per attempt, keyed so that a resent report is stored once.</summary>
[DbContext(typeof(DashDbContext))]
[Migration("20261122030000_RunLogLines")]
internal sealed class RunLogLines : Migration
{
    protected override void Up(MigrationBuilder mb) => mb.CreateTable(
        name: "RunLogLines",
        columns: t => new
        {
            RunId = t.Column<long>(nullable: false),
            Attempt = t.Column<int>(nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Stream = t.Column<string>(maxLength: 8, nullable: false),
            Text = t.Column<string>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        },
        constraints: t =>
        {
            t.PrimaryKey("PK_RunLogLines", x => new { x.RunId, x.Attempt, x.Sequence });
            t.ForeignKey("FK_RunLogLines_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
        });

    protected override void Down(MigrationBuilder mb) => mb.DropTable("RunLogLines");
}
