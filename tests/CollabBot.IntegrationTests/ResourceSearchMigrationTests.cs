using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace CollabBot.IntegrationTests;

/// <summary>The SQLite full-text index comes with the migrations as it comes with EnsureCreated, and survives a table rebuild.</summary>
public sealed class ResourceSearchMigrationTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("collabbot-search-migration-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CollabBotDbContext Context(string name)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", $"Data Source={Path.Combine(directory.FullName, name)}");
        return new CollabBotDbContext(options.Options);
    }

    private static async Task<List<string>> SearchObjectsAsync(CollabBotDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE name LIKE 'resource_search%' OR name LIKE 'resources_search_%' ORDER BY name").ToListAsync(Ct);

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesTheSameSearchIndexAsEnsureCreated()
    {
        await using var migrated = Context("migrated.db");
        await using var created = Context("created.db");

        await migrated.Database.MigrateAsync(Ct);
        await created.Database.EnsureCreatedAsync(Ct);

        var objects = await SearchObjectsAsync(migrated);
        Assert.Contains("resource_search", objects);
        Assert.Equal(["resources_search_delete", "resources_search_insert", "resources_search_update"], objects.Where(o => o.StartsWith("resources_", StringComparison.Ordinal)));
        Assert.Equal(objects, await SearchObjectsAsync(created));
    }

    [Fact]
    public async Task Migrate_ThenAddResource_IsFoundBySearch()
    {
        await using var db = Context("search.db");
        await db.Database.MigrateAsync(Ct);
        db.Resources.Add(new Resource { Title = "Graph networks for tracking", Url = "https://example.org/gnn", Kind = ResourceKind.Tutorial, AddedAt = db.Now });
        await db.SaveChangesAsync(Ct);

        var result = await new ResourceSearch(db).SearchAsync(new ResourceQuery { Text = "network" }, Ct);

        Assert.Equal("Graph networks for tracking", Assert.Single(result.Hits).Resource.Title);
    }

    [Fact]
    public async Task SqlGenerator_RebuildRenamingIntoResources_RecreatesTriggersAndRebuildsTheIndex()
    {
        await using var db = Context("rebuild.db");
        var generator = db.GetService<IMigrationsSqlGenerator>();

        var commands = generator.Generate([new RenameTableOperation { Name = "ef_temp_resources", NewName = "resources" }], db.Model);

        var sql = string.Join("\n", commands.Select(c => c.CommandText));
        Assert.Contains("CREATE TRIGGER IF NOT EXISTS \"resources_search_insert\"", sql, StringComparison.Ordinal);
        Assert.Contains("VALUES ('rebuild')", sql, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
