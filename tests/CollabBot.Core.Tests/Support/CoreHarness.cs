using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Seeding;
using CollabBot.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Core.Tests.Support;

/// <summary>
/// The real command core on an in-memory SQLite database (real constraints and transactions, unlike EF's
/// InMemory provider), a fake clock, and admins from configuration. One harness per test.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    public const string Admin = "console:admin";

    private readonly SqliteConnection? connection;
    private readonly string? postgres;

    private CoreHarness(SqliteConnection? connection, string? postgres, ServiceProvider services, FakeTimeProvider clock)
    {
        this.connection = connection;
        this.postgres = postgres;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public Dispatcher Dispatcher => Services.GetRequiredService<Dispatcher>();

    /// <summary>When every harness starts; the seeded SQLite template was written at this time too.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// On SQLite, the demo community is created and seeded once per test run; each seeded harness copies it with
    /// SQLite's backup API, which takes about a millisecond where seeding takes a few hundred.
    /// </summary>
    private static readonly Lazy<Task<SqliteConnection>> SeededTemplate = new(CreateSeededTemplateAsync);

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);

    public static Task<CoreHarness> StartAsync(bool seed = true, params string[] admins) => StartAsync(seed, null, admins);

    /// <summary>As above, with extra registrations (e.g. a fake chat platform) applied last.</summary>
    public static async Task<CoreHarness> StartAsync(bool seed, Action<IServiceCollection>? configure, params string[] admins)
    {
        SqliteConnection? connection = null;
        string? postgres = null;
        if (TestPostgres.Enabled)
        {
            // PostgreSQL: a database of this test's own, copied from a template built (and seeded) once.
            postgres = await TestPostgres.CreateFromTemplateAsync(seed ? "seeded" : "empty", async cs =>
            {
                var options = new DbContextOptionsBuilder<CollabBotDbContext>().UseNpgsql(cs).Options;
                await using var db = new CollabBotDbContext(options);
                await db.Database.EnsureCreatedAsync();
                if (seed)
                {
                    await SeedLoader.LoadAsync(db, await File.ReadAllTextAsync(SeedPath), "community.yaml");
                }
            });
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            if (seed)
            {
                await CopySeededDatabaseAsync(connection);
            }
        }

        var clock = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddCollabBotCore(db =>
        {
            if (postgres is not null)
            {
                db.UseNpgsql(postgres);
            }
            else
            {
                db.UseSqlite(connection!);
            }
        });
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<BotOptions>(o => o.Admins = admins.Length > 0 ? [.. admins] : [Admin]);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new CoreHarness(connection, postgres, provider, clock);
        if (postgres is not null)
        {
            return harness;
        }

        // A seeded database was copied from the template above; an empty one is created here.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            await db.Database.EnsureCreatedAsync();
        }

        return harness;
    }

    /// <summary>Writes the seeded demo community into an open SQLite database, e.g. a file for tests that need several connections.</summary>
    public static async Task CopySeededDatabaseAsync(SqliteConnection destination)
    {
        var template = await SeededTemplate.Value;
        await TemplateLock.WaitAsync();
        try
        {
            template.BackupDatabase(destination);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<SqliteConnection> CreateSeededTemplateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<CollabBotDbContext>().UseSqlite(connection).Options;
        await using var db = new CollabBotDbContext(options, new FakeTimeProvider(Start));
        await db.Database.EnsureCreatedAsync();
        await SeedLoader.LoadAsync(db, await File.ReadAllTextAsync(SeedPath), "community.yaml");
        return connection;
    }

    /// <summary>The repository's demo community, copied beside the tests at build.</summary>
    public static string SeedPath => Path.Combine(AppContext.BaseDirectory, "seeds", "community.yaml");

    /// <summary>Runs a typed line as <paramref name="identity"/> on the console platform.</summary>
    public Task<Reply> SayAsync(string identity, string line, string? channel = null) =>
        Dispatcher.DispatchTextAsync(Platform.Console, "local", channel, new Caller(identity), line);

    /// <summary>A fresh context for assertions on what was saved.</summary>
    public async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        if (postgres is not null)
        {
            await TestPostgres.DropAsync(postgres);
        }
    }
}
