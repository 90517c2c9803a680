using ContinualDash.Core.Data;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace ContinualDash.Core.Tests.Data;

/// <summary>
/// The two guards of the hand-written migrations (docs/DEVELOPMENT.md): the snapshot equals the model on
/// each provider, and applying every migration gives the same schema as creating it from the model.
/// </summary>
public sealed class MigrationGuardTests
{
    [Theory]
    [InlineData("Sqlite", "Data Source=:memory:")]
    [InlineData("Postgres", "Host=127.0.0.1")] // builds the model only; no connection is opened
    public void Snapshot_EqualsModel_OnEachProvider(string provider, string connection)
    {
        var options = new DbContextOptionsBuilder<DashDbContext>();
        DatabaseOptions.Configure(options, provider, connection);
        using var db = new DashDbContext(options.Options);

        IModel snapshot = ((ModelSnapshot)Activator.CreateInstance(
            db.GetService<IMigrationsAssembly>().ModelSnapshot!.GetType())!).Model;
        if (snapshot is IMutableModel mutable) snapshot = mutable.FinalizeModel();
        snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            snapshot.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        // On failure the list says exactly what the next migration and the snapshot must add.
        Assert.True(operations.Count == 0,
            "model changes without a migration: " + string.Join("; ", operations.Select(Describe)));
    }

    [Fact]
    public async Task Migrate_OnEmptySqliteFile_GivesTheModelsSchema()
    {
        await using var migrated = TestDatabase.Sqlite();
        await using var created = TestDatabase.Sqlite();
        await using (var db = await migrated.CreateMigratedContextAsync())
            Assert.False(db.Database.HasPendingModelChanges());
        await using (var db = created.CreateContext())
            await db.Database.EnsureCreatedAsync();

        Assert.Equal(await SqliteSchemaAsync(created), await SqliteSchemaAsync(migrated));
    }

    [Fact]
    public async Task Migrate_OnEmptyPostgresDatabase_GivesTheModelsSchema()
    {
        await using var migrated = TestDatabase.Postgres();
        await using var created = TestDatabase.Postgres();
        await using (var db = await migrated.CreateMigratedContextAsync())
            Assert.False(db.Database.HasPendingModelChanges());
        await using (var db = created.CreateContext())
            await db.Database.EnsureCreatedAsync();

        var expected = await PostgresSchemaAsync(created);
        Assert.Contains(expected, line => line.StartsWith("column MetricChunks.FirstIteration", StringComparison.Ordinal));
        Assert.Equal(expected, await PostgresSchemaAsync(migrated));
    }

    private static async Task<List<string>> SqliteSchemaAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        const string sql = """
            SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS "Value" FROM sqlite_master
             WHERE name NOT LIKE '__EFMigrations%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name
            """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        Assert.NotEmpty(rows);
        return rows;
    }

    private static async Task<List<string>> PostgresSchemaAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                   || ' ' || coalesce(character_maximum_length::text, '') || ' ' || coalesce(column_default, '')
                   || ' ' || is_identity
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
            UNION ALL
            SELECT 'constraint ' || table_name || '.' || constraint_name || ' ' || constraint_type
              FROM information_schema.table_constraints WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
               AND constraint_name NOT LIKE '%_not_null' -- named after table oids; nullability is in the columns
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef
              FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'
            ORDER BY 1
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static string Describe(MigrationOperation op) => op switch
    {
        AddColumnOperation c => $"add column {c.Table}.{c.Name}",
        DropColumnOperation c => $"drop column {c.Table}.{c.Name}",
        AlterColumnOperation c => $"alter column {c.Table}.{c.Name}",
        CreateTableOperation t => $"create table {t.Name}",
        DropTableOperation t => $"drop table {t.Name}",
        CreateIndexOperation i => $"create index {i.Name} on {i.Table}",
        DropIndexOperation i => $"drop index {i.Name}",
        AddForeignKeyOperation f => $"add foreign key {f.Name}",
        DropForeignKeyOperation f => $"drop foreign key {f.Name}",
        _ => op.GetType().Name,
    };
}
