using System.Diagnostics;
using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.GitHub;
using CollabBot.GitHub.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md: "500 tracked datasets, nothing changed: 0 requests that count against the rate limit (every answer a
/// 304)". Polls N tracked datasets against the loopback fake GitHub API and reports, per round, the requests sent,
/// how many were 304, and how many GitHub would count against the primary rate limit. The baseline, measured in the
/// same run, is one round with the stored ETags dropped — what polling without conditional requests would cost.
/// Usage: <c>github-polling [--datasets 500] [--rounds 3]</c>.
/// </summary>
public static class GitHubPollingBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var datasets = Option(args, "--datasets", 500);
        var rounds = Option(args, "--rounds", 3);
        var directory = Directory.CreateTempSubdirectory("collabbot-bench-github-");
        await using var fake = await FakeGitHubApi.StartAsync();
        var services = new ServiceCollection();
        services.AddCollabBotCore(db => DatabaseSetup.Configure(db, "Sqlite", $"Data Source={Path.Combine(directory.FullName, "bench.db")}"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["GitHub:Token"] = FakeGitHubApi.Token,
        }).Build();
        services.AddSingleton<IConfiguration>(configuration); // the settings are bound from it (BindConfiguration)
        services.AddGitHub(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        await using var provider = services.BuildServiceProvider();

        await SetUpAsync(provider, fake, datasets);
        var polling = provider.GetRequiredService<IssuePolling>();

        System.Console.WriteLine($"GitHub polling: {datasets} tracked datasets, nothing changing, fake GitHub API on {fake.BaseUrl}");
        System.Console.WriteLine($"{"round",-26} {"requests",9} {"304",6} {"counted",8} {"posted",7} {"ms",7}");
        await RoundAsync("first (no ETag yet)", polling, fake);
        for (var i = 1; i <= rounds; i++)
        {
            await RoundAsync($"unchanged #{i}", polling, fake);
        }

        await DropETagsAsync(provider);
        await RoundAsync("baseline: ETags dropped", polling, fake);
        await RoundAsync("unchanged after baseline", polling, fake);

        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    private static async Task RoundAsync(string name, IssuePolling polling, FakeGitHubApi fake)
    {
        var (requests, notModified, counted) = (fake.Requests, fake.NotModified, fake.CountedAgainstRateLimit);
        var watch = Stopwatch.StartNew();
        var round = await polling.PollAsync();
        watch.Stop();
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {fake.Requests - requests,9} {fake.NotModified - notModified,6} {fake.CountedAgainstRateLimit - counted,8} {round.Posted,7} {watch.ElapsedMilliseconds,7}"));
    }

    /// <summary>A group, N datasets each with a repository (three labelled issues from before tracking began) and one tracking channel.</summary>
    private static async Task SetUpAsync(IServiceProvider provider, FakeGitHubApi fake, int count)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await db.Database.MigrateAsync();
        var now = db.Now;
        var group = new WorkingGroup { Slug = "bench", Name = "Benchmark group", Kind = GroupKind.Dataset, CreatedAt = now };
        db.Groups.Add(group);
        for (var i = 0; i < count; i++)
        {
            var slug = $"ds-{i:D4}";
            var repo = fake.AddRepo("collab-bench", slug, slug);
            for (var n = 0; n < 3; n++)
            {
                repo.Open($"Old issue {n}", null, "someone", now.AddDays(-10 + n), [slug]);
            }

            // One issue touched since tracking began, so every answer has a body and an ETag worth keeping.
            repo.Issues[2].UpdatedAt = now.AddMinutes(1);
            var dataset = new Dataset { Group = group, Slug = slug, Title = $"Dataset {i}", RepoOwner = "collab-bench", RepoName = slug, CreatedAt = now };
            dataset.Trackings.Add(new DatasetTracking { Platform = "console", Tenant = "local", ChannelId = "C-bench", StartedAt = now });
            db.Datasets.Add(dataset);
        }

        await db.SaveChangesAsync();
    }

    private static async Task DropETagsAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await db.GitHubPollStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.ETag, (string?)null));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
