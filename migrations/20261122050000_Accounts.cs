using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ContinualDash.Core.Migrations;

/// <summary>Local accounts, the owner of an API token, view-only share links and the Data Protection key ring.
/// Existing tokens get no owner and keep working as member-level tokens.</summary>
[DbContext(typeof(DashDbContext))]
[Migration("20261122050000_Accounts")]
internal sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Users",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserName = t.Column<string>(maxLength: 100, nullable: false),
                PasswordHash = t.Column<string>(maxLength: 200, nullable: false),
                Role = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                DisabledAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_Users", x => x.Id));
        mb.CreateIndex("IX_Users_UserName", "Users", "UserName", unique: true);

        mb.CreateTable(
            name: "ShareLinks",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                Target = t.Column<string>(maxLength: 2000, nullable: false),
                UserId = t.Column<long>(nullable: true),
                CreatedBy = t.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: true),
                RevokedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_ShareLinks", x => x.Id));
        mb.CreateIndex("IX_ShareLinks_UserId", "ShareLinks", "UserId");

        mb.CreateTable(
            name: "DataProtectionKeys",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
                Xml = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        if (mb.IsSqlite()) RebuildApiTokensOnSqlite(mb);
        else mb.AddColumn<long>(name: "UserId", table: "ApiTokens", nullable: true);
        mb.CreateIndex("IX_ApiTokens_UserId", "ApiTokens", "UserId");
    }

    // SQLite appends an added column after the table's constraints, so the schema would no longer be the one a
    // fresh database gets; rebuilding the table the way EF does keeps the two identical (MigrationGuardTests).
    private static void RebuildApiTokensOnSqlite(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "ef_temp_ApiTokens",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Prefix = t.Column<string>(maxLength: 16, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                RunId = t.Column<long>(nullable: true),
                CreatedBy = t.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                LastUsedAt = t.Column<DateTime>(nullable: true),
                RevokedAt = t.Column<DateTime>(nullable: true),
                UserId = t.Column<long>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ApiTokens", x => x.Id);
                t.ForeignKey("FK_ApiTokens_Runs_RunId", x => x.RunId, "Runs", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.Sql("""
            INSERT INTO "ef_temp_ApiTokens" ("Id", "Name", "Prefix", "Hash", "Kind", "RunId", "CreatedBy", "CreatedAt", "LastUsedAt", "RevokedAt")
            SELECT "Id", "Name", "Prefix", "Hash", "Kind", "RunId", "CreatedBy", "CreatedAt", "LastUsedAt", "RevokedAt" FROM "ApiTokens"
            """);
        mb.DropTable("ApiTokens");
        mb.RenameTable("ef_temp_ApiTokens", newName: "ApiTokens");
        mb.CreateIndex("IX_ApiTokens_Hash", "ApiTokens", "Hash", unique: true);
        mb.CreateIndex("IX_ApiTokens_RunId", "ApiTokens", "RunId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_ApiTokens_UserId", "ApiTokens");
        mb.DropColumn("UserId", "ApiTokens");
        mb.DropTable("DataProtectionKeys");
        mb.DropTable("ShareLinks");
        mb.DropTable("Users");
    }
}
