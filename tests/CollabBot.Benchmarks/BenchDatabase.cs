using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

/// <summary>
/// The real command core on a temporary SQLite file, prepared as the service prepares its own: migrations
/// applied and the demo community from seeds/ loaded by the host's helper. Extra groups are created through
/// the dispatcher, as an admin would, so they look like real ones (a convener, members, an audit trail).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>A seeded member of several groups: the caller of every measured command.</summary>
    public const string Reader = "console:amara";

    private const string Admin = "console:admin";

    private static readonly string[] People = ["amara", "jonas", "lucia", "hiroshi", "priya", "marcus", "sofia", "chen"];

    private BenchDatabase(string path, ServiceProvider services)
    {
        Path = path;
        Services = services;
    }

    public string Path { get; }

    public ServiceProvider Services { get; }

    public int GroupCount { get; private set; }

    private Dispatcher Dispatcher => Services.GetRequiredService<Dispatcher>();

    public static async Task<BenchDatabase> CreateAsync(int extraGroups)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"collabbot-bench-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();

        // The same provider set-up as the service (DatabaseSetup): migrations assembly and query splitting included.
        services.AddCollabBotCore(db => DatabaseSetup.Configure(db, "Sqlite", $"Data Source={path}"));
        services.AddSingleton(sp => new LeaderLock("Sqlite", $"Data Source={path}", sp.GetRequiredService<TimeProvider>()));
        services.Configure<BotOptions>(o => o.Admins = [Admin]);
        var provider = services.BuildServiceProvider();
        await provider.PrepareDatabaseAsync(seedOnFirstStart: true);

        var bench = new BenchDatabase(path, provider);
        bench.GroupCount = await bench.CountGroupsAsync();
        if (bench.GroupCount == 0)
        {
            throw new InvalidOperationException("The demo community was not loaded: is seeds/ beside the benchmark binary?");
        }

        for (var i = 1; bench.GroupCount < extraGroups; i++)
        {
            var slug = string.Create(CultureInfo.InvariantCulture, $"bench-{i:D3}");
            var convener = People[i % People.Length];
            await bench.SayAsync($"/wg create {slug} \"Benchmark Group {i}\" --kind problem --description \"Created by the benchmark\" --convener @{convener}", Admin);
            for (var m = 1; m <= 4; m++)
            {
                await bench.SayAsync($"/wg add {slug} @{People[(i + m) % People.Length]}", Admin);
            }

            bench.GroupCount = await bench.CountGroupsAsync();
        }

        return bench;
    }

    /// <summary>Parse → handler → database → rendered reply, exactly as the console platform runs a line.</summary>
    public async Task<string> SayAsync(string line, string identity = Reader)
    {
        var reply = await Dispatcher.DispatchTextAsync(Platform.Console, "local", null, new Caller(identity), line);
        var text = reply.Plain;
        return reply.IsError ? throw new InvalidOperationException($"{line} as {identity} failed: {text}") : text;
    }

    private async Task<int> CountGroupsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
