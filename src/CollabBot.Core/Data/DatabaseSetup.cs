using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Provider choice and connection, from <c>Database:Provider</c> and <c>ConnectionStrings:CollabBot</c>.</summary>
public static class DatabaseSetup
{
    public const string DefaultConnection = "Data Source=collabbot.db";
    public const string SqliteMigrationsAssembly = "CollabBot.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "CollabBot.Migrations.Postgres";

    /// <summary>The provider a <c>Database:Provider</c> value names (case-insensitive; empty is SQLite), or null when it names none.</summary>
    public static DatabaseProvider? ParseProvider(string? provider) => (provider ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => null,
    };

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database) =>
        Configure(options, database.Provider, database.ConnectionString);

    public static void Configure(DbContextOptionsBuilder options, string? provider, string? connectionString)
    {
        connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultConnection : connectionString;
        switch (ParseProvider(provider))
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(SqliteConcurrency.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }
    }
}
