using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Data;

/// <summary>Provider choice and connection, from <c>Database:Provider</c> and <c>ConnectionStrings:CollabBot</c>.</summary>
public static class DatabaseSetup
{
    public const string DefaultConnection = "Data Source=collabbot.db";
    public const string SqliteMigrationsAssembly = "CollabBot.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "CollabBot.Migrations.Postgres";

    public static void Configure(DbContextOptionsBuilder options, string? provider, string? connectionString)
    {
        connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultConnection : connectionString;
        switch ((provider ?? "Sqlite").Trim().ToLowerInvariant())
        {
            case "sqlite":
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            case "postgres" or "postgresql" or "npgsql":
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }
    }
}
