using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.Core.Seeding;
using CollabBot.GitHub.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.GitHub.Tests.Support;

/// <summary>
/// The command core and CollabBot.GitHub wired as the host wires them, on a SQLite file of its own (so a second
/// harness on the same file is a restart), a fake clock, a recording chat platform, and GitHub pointed at a fake.
/// </summary>
public sealed class GitHubHarness : IAsyncDisposable
{
    public const string Admin = "console:admin";
    public const string Channel = "C0TRACK";

    private readonly WebApplication app;

    private GitHubHarness(WebApplication app, FakeTimeProvider clock, FakePoster poster, string databasePath)
    {
        this.app = app;
        Clock = clock;
        Poster = poster;
        DatabasePath = databasePath;
    }

    public IServiceProvider Services => app.Services;

    public FakeTimeProvider Clock { get; }

    public FakePoster Poster { get; }

    public string DatabasePath { get; }

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Starts on a new database (seeded with the demo community and datasets), or on <paramref name="databasePath"/> as a restart.</summary>
    public static async Task<GitHubHarness> StartAsync(FakeGitHubApi? github, string? webhookSecret = null, string? databasePath = null, FakeTimeProvider? clock = null, string? token = FakeGitHubApi.Token)
    {
        var fresh = databasePath is null;
        databasePath ??= Path.Combine(Directory.CreateTempSubdirectory("collabbot-github-").FullName, "collabbot.db");
        clock ??= new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        var settings = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = github?.BaseUrl.ToString() ?? "http://127.0.0.1:9/",
            ["GitHub:Token"] = token,
            ["GitHub:WebhookSecret"] = webhookSecret,
        };
        builder.Configuration.AddInMemoryCollection(settings);
        var poster = new FakePoster("console");
        builder.Services.AddCollabBotCore(db => db.UseSqlite($"Data Source={databasePath}"));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.Configure<BotOptions>(o => o.Admins = [Admin]);
        builder.Services.AddGitHub(builder.Configuration);
        builder.Services.AddSingleton<IChatPoster>(poster);
        var app = builder.Build();
        app.MapGitHub();
        await app.StartAsync();
        var harness = new GitHubHarness(app, clock, poster, databasePath);
        if (fresh)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            await db.Database.EnsureCreatedAsync();
            var seeds = Path.Combine(AppContext.BaseDirectory, "seeds");
            await SeedLoader.LoadFilesAsync(db, [Path.Combine(seeds, "community.yaml"), Path.Combine(seeds, "datasets.yaml")]);
        }

        return harness;
    }

    public HttpClient Http() => app.GetTestClient();

    /// <summary>What the service logged, to prove a refusal was logged (and with what).</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public Task<Reply> SayAsync(string identity, string line, string? channel = null) =>
        Services.GetRequiredService<Dispatcher>().DispatchTextAsync(Platform.Console, "local", channel, new Caller(identity), line);

    /// <summary>Delivers the outbox and returns what was posted now.</summary>
    public async Task<List<(string Target, Reply Reply)>> DeliverAsync()
    {
        var before = Poster.Posted.Count;
        await Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
        return [.. Poster.Posted.Skip(before)];
    }

    public async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Deletes the database's folder once no harness uses it.</summary>
    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>A chat platform that records what it is asked to post.</summary>
public sealed class FakePoster(string platform) : IChatPoster
{
    public string Platform { get; } = platform;

    public System.Collections.Concurrent.ConcurrentQueue<(string Target, Reply Reply)> Posted { get; } = new();

    public Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken)
    {
        Posted.Enqueue((channelId, reply));
        return Task.CompletedTask;
    }

    public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken)
    {
        Posted.Enqueue((identity, reply));
        return Task.CompletedTask;
    }
}
