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
    private static readonly Lazy<Task<SqliteConnection>> SeededTemplate = new(() => CreateSeededTemplateAsync(withMeetings: false));

    private static readonly Lazy<Task<SqliteConnection>> SeededWithMeetingsTemplate = new(() => CreateSeededTemplateAsync(withMeetings: true));

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);

    public static Task<CoreHarness> StartAsync(bool seed = true, params string[] admins) => StartAsync(seed, null, admins);

    /// <summary>
    /// As above, with extra registrations (e.g. a fake chat platform) applied last. The seed's people, groups and
    /// channels are loaded, but not its meetings: meeting tests schedule their own and assert on exact series,
    /// slugs and due reminders, which the demo's meetings would add to.
    /// </summary>
    public static Task<CoreHarness> StartAsync(bool seed, Action<IServiceCollection>? configure, params string[] admins) =>
        StartAsync(seed, seedMeetings: false, configure, admins);

    /// <summary>The whole demo community, meetings and agendas included.</summary>
    public static Task<CoreHarness> StartWithSeedMeetingsAsync(Action<IServiceCollection>? configure = null) =>
        StartAsync(seed: true, seedMeetings: true, configure, []);

    private static async Task<CoreHarness> StartAsync(bool seed, bool seedMeetings, Action<IServiceCollection>? configure, string[] admins)
    {
        SqliteConnection? connection = null;
        string? postgres = null;
        if (TestPostgres.Enabled)
        {
            // PostgreSQL: a database of this test's own, copied from a template built (and seeded) once.
            postgres = await TestPostgres.CreateFromTemplateAsync(!seed ? "empty" : seedMeetings ? "seeded-with-meetings" : "seeded", async cs =>
            {
                var options = new DbContextOptionsBuilder<CollabBotDbContext>().UseNpgsql(cs).Options;
                await using var db = new CollabBotDbContext(options, new FakeTimeProvider(Start));
                await db.Database.EnsureCreatedAsync();
                if (seed)
                {
                    await SeedCommunityAsync(db, seedMeetings);
                }
            });
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            if (seed)
            {
                await CopySeededDatabaseAsync(connection, seedMeetings);
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

    /// <summary>
    /// A second instance of the service on the same database and clock, as a second process would be: its own
    /// singletons (dispatcher, digest service …), the same rows. On PostgreSQL its connections are its own, so the two
    /// really race; on SQLite they share the one in-memory connection.
    /// </summary>
    public ServiceProvider AnotherInstance()
    {
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
        services.AddSingleton<TimeProvider>(Clock);
        services.Configure<BotOptions>(o => o.Admins = [Admin]);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Writes the seeded demo community into an open SQLite database, e.g. a file for tests that need several connections.</summary>
    public static async Task CopySeededDatabaseAsync(SqliteConnection destination, bool withMeetings = false)
    {
        var template = await (withMeetings ? SeededWithMeetingsTemplate : SeededTemplate).Value;
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

    private static async Task<SqliteConnection> CreateSeededTemplateAsync(bool withMeetings)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<CollabBotDbContext>().UseSqlite(connection).Options;
        await using var db = new CollabBotDbContext(options, new FakeTimeProvider(Start));
        await db.Database.EnsureCreatedAsync();
        await SeedCommunityAsync(db, withMeetings);
        return connection;
    }

    /// <summary>The demo community; without its meetings unless asked, since meeting tests count their own series and reminders.</summary>
    private static async Task SeedCommunityAsync(CollabBotDbContext db, bool withMeetings)
    {
        var community = SeedLoader.Parse(await File.ReadAllTextAsync(SeedPath), "community.yaml");
        if (!withMeetings)
        {
            community.Groups.ForEach(g => g.Meetings.Clear());
        }

        await SeedLoader.LoadAsync(db, community, "community.yaml");
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
