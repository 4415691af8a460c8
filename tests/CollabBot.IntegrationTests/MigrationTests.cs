using CollabBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CollabBot.IntegrationTests;

/// <summary>The SQLite migrations and the EF model agree, and build a database from nothing.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("collabbot-migrations-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Model_ComparedWithSqliteMigrations_HasNoPendingChanges()
    {
        await using var db = HostConfiguredContext();

        // Fails when an entity or configuration changed without `dotnet ef migrations add` in src/CollabBot.Migrations.Sqlite.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no SQLite migration captures; add a migration.");
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndCreatesEveryMappedColumn()
    {
        await using var db = HostConfiguredContext();

        await db.Database.MigrateAsync(Ct);

        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync(Ct));

        // Every table and column the model maps exists, so the first query after an upgrade cannot fail on a missing one.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(p => p.GetColumnName(table)).OfType<string>().Select(c => $"\"{c}\"");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns)} FROM \"{table.Name}\" LIMIT 0";
            await command.ExecuteNonQueryAsync(Ct);
        }
    }

    /// <summary>A context configured exactly as the host configures it (provider, migrations assembly), on a file of its own.</summary>
    private CollabBotDbContext HostConfiguredContext()
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", $"Data Source={Path.Combine(directory.FullName, "migrate.db")}");
        return new CollabBotDbContext(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
