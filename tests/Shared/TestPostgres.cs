using Npgsql;

namespace CollabBot.Tests.Shared;

/// <summary>
/// The whole suite runs on SQLite by default and on PostgreSQL when <see cref="Variable"/> holds a connection
/// string to a server (e.g. <c>Host=127.0.0.1;Username=postgres;Password=…</c>). Each test then gets a database
/// of its own, cloned from a template so that creating it costs little.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "COLLABBOT_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal);

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool Enabled => Server is not null;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static Task<string> CreateAsync(CancellationToken cancellationToken = default) => CreateFromAsync(null, cancellationToken);

    /// <summary>
    /// A new database copied from the template called <paramref name="templateKey"/>, which
    /// <paramref name="prepare"/> fills the first time it is asked for (once per test process).
    /// </summary>
    public static async Task<string> CreateFromTemplateAsync(string templateKey, Func<string, Task> prepare, CancellationToken cancellationToken = default)
    {
        string template;
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!Templates.TryGetValue(templateKey, out template!))
            {
                var connection = await CreateFromAsync(null, cancellationToken);
                await prepare(connection);
                NpgsqlConnection.ClearAllPools(); // a template may have no open connections while it is copied
                template = new NpgsqlConnectionStringBuilder(connection).Database!;
                Templates[templateKey] = template;
            }

            return await CreateFromAsync(template, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateFromAsync(string? template, CancellationToken cancellationToken)
    {
        var name = "collabbot_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var admin = new NpgsqlConnection(Admin());
        await admin.OpenAsync(cancellationToken);
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand(sql, admin);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;
    }

    private static string Admin() => new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString;
}
