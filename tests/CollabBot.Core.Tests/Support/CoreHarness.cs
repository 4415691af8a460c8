using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Seeding;
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

    private readonly SqliteConnection connection;

    private CoreHarness(SqliteConnection connection, ServiceProvider services, FakeTimeProvider clock)
    {
        this.connection = connection;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public Dispatcher Dispatcher => Services.GetRequiredService<Dispatcher>();

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
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddCollabBotCore(db => db.UseSqlite(connection));
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<BotOptions>(o => o.Admins = admins.Length > 0 ? [.. admins] : [Admin]);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new CoreHarness(connection, provider, clock);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            await db.Database.EnsureCreatedAsync();
            if (seed)
            {
                var community = SeedLoader.Parse(await File.ReadAllTextAsync(SeedPath), "community.yaml");
                if (!seedMeetings)
                {
                    community.Groups.ForEach(g => g.Meetings.Clear());
                }

                await SeedLoader.LoadAsync(db, community, "community.yaml");
            }
        }

        return harness;
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
        await connection.DisposeAsync();
    }
}
