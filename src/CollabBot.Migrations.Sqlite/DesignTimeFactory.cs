using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabBot.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite without starting the host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CollabBotDbContext>
{
    public CollabBotDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", "Data Source=design-time.db");
        return new CollabBotDbContext(options.Options);
    }
}
