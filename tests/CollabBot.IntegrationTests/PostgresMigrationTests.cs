using CollabBot.Core.Data;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CollabBot.IntegrationTests;

/// <summary>The PostgreSQL migrations and the EF model agree, and build a database from nothing (the latter when a server is configured).</summary>
public sealed class PostgresMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Model_ComparedWithPostgresMigrations_HasNoPendingChanges()
    {
        // Building the model needs no server.
        await using var db = Context("Host=127.0.0.1;Database=unused;Username=unused");

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no PostgreSQL migration captures; add one in src/CollabBot.Migrations.Postgres.");
    }

    [Fact]
    public async Task Migrate_EmptyPostgresDatabase_AppliesEveryMigrationAndCreatesEveryMappedColumn()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string (e.g. Host=127.0.0.1;Username=postgres;Password=…) to run this; .ci/run does.");
        }

        var connectionString = await TestPostgres.CreateAsync(Ct);
        try
        {
            await using var db = Context(connectionString);
            await db.Database.MigrateAsync(Ct);

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
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
        finally
        {
            await TestPostgres.DropAsync(connectionString);
        }
    }

    private static CollabBotDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Postgres", connectionString);
        return new CollabBotDbContext(options.Options);
    }
}
