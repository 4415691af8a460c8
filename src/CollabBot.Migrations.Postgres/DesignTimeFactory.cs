using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabBot.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; no server is needed to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CollabBotDbContext>
{
    public CollabBotDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Postgres", "Host=127.0.0.1;Database=collabbot_design;Username=postgres");
        return new CollabBotDbContext(options.Options);
    }
}
