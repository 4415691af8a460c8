using System.Diagnostics;
using System.Globalization;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md "start-up": ready (<c>/readyz</c> 200) within 3 s with 10,000 groups and 100,000 contributions.
/// Measures process start → first <c>/readyz</c> 200 (polled every 20 ms) of the real service pinned to core 0, for a
/// freshly migrated empty database (the baseline) and the loaded one, alternating, <c>--runs</c> times each.
/// <code>dotnet run -c Release --project tests/CollabBot.Benchmarks -- startup [--groups 10000] [--contributions 100000] [--runs 3]</code>
/// </summary>
public static class StartupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var groups = ReminderBenchmark.Option(args, "--groups", 10_000);
        var contributions = ReminderBenchmark.Option(args, "--contributions", 100_000);
        var runs = ReminderBenchmark.Option(args, "--runs", 3);
        var pin = File.Exists("/usr/bin/taskset");
        if (pin && OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 2;
        }

        var work = Directory.CreateTempSubdirectory("collabbot-bench-startup-").FullName;
        var service = Path.Combine(AppContext.BaseDirectory, "CollabBot.dll");
        var empty = $"Data Source={Path.Combine(work, "empty.db")}";
        var loaded = $"Data Source={Path.Combine(work, "loaded.db")}";
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Start-up: {groups:N0} groups, {contributions:N0} contributions; service {(pin ? "pinned to core 0" : "NOT pinned")}; load average {ReminderBenchmark.LoadAverage()}."));
        try
        {
            await Bench.RunToEndAsync("dotnet", [service, "migrate", $"--ConnectionStrings:CollabBot={empty}"]);
            await Bench.RunToEndAsync("dotnet", [service, "migrate", $"--ConnectionStrings:CollabBot={loaded}"]);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(loaded, groups, contributions);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded in {seeding.Elapsed.TotalSeconds:N1} s"));

            var emptyTimes = new List<double>();
            var loadedTimes = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                emptyTimes.Add(await TimeToReadyAsync(service, empty, pin));
                loadedTimes.Add(await TimeToReadyAsync(service, loaded, pin));
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {i + 1}: empty {emptyTimes[^1]:N2} s, loaded {loadedTimes[^1]:N2} s"));
            }

            System.Console.WriteLine();
            System.Console.WriteLine("| database | runs (s) | median (s) |");
            System.Console.WriteLine("| --- | --- | ---: |");
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| empty (baseline) | {string.Join(", ", emptyTimes.Select(t => t.ToString("N2", CultureInfo.InvariantCulture)))} | {Median(emptyTimes):N2} |"));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {groups:N0} groups, {contributions:N0} contributions | {string.Join(", ", loadedTimes.Select(t => t.ToString("N2", CultureInfo.InvariantCulture)))} | {Median(loadedTimes):N2} |"));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Target (quality.md): ready within 3 s → {(Median(loadedTimes) <= 3 ? "met" : "NOT met")} (median); load average at the end {ReminderBenchmark.LoadAverage()}."));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> TimeToReadyAsync(string service, string database, bool pin)
    {
        var port = Bench.FreePort();
        string[] serviceArgs = [service, "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:CollabBot={database}",
            "--Logging:LogLevel:Default=Warning", "--Console:Enabled=false"];
        var started = Stopwatch.StartNew();
        using var process = pin ? Bench.Start("taskset", ["-c", "0", "dotnet", .. serviceArgs]) : Bench.Start("dotnet", serviceArgs);
        try
        {
            using var http = new HttpClient();
            await Bench.WaitReadyAsync(http, $"http://127.0.0.1:{port}/readyz", TimeSpan.FromMilliseconds(20));
            return started.Elapsed.TotalSeconds;
        }
        finally
        {
            Bench.Stop(process);
        }
    }

    private static async Task SeedAsync(string database, int groupCount, int contributionCount)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", database);
        await using var db = new CollabBotDbContext(options.Options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        var people = Enumerable.Range(1, Math.Max(1, contributionCount / 30)).Select(i => new Person { DisplayName = $"Bench Person {i}", FamilyName = $"Person{i}", GivenName = "Bench", CreatedAt = now }).ToList();
        db.People.AddRange(people);
        await SaveAsync(db);
        var projectIds = new List<int>(groupCount);
        for (var start = 0; start < groupCount; start += 2000)
        {
            var batch = Enumerable.Range(start + 1, Math.Min(2000, groupCount - start)).Select(i =>
            {
                var g = new WorkingGroup { Slug = $"bench-{i:00000}", Name = $"Benchmark group {i}", CreatedAt = now };
                g.ChannelLinks.Add(new ChannelLink { Platform = "slack", Tenant = "T0BENCH", ChannelId = $"CG{i:00000}", LinkedAt = now });
                return new Project { Group = g, Slug = $"bench-project-{i:00000}", Title = $"Benchmark project {i}", CreatedAt = now };
            }).ToList();
            db.Projects.AddRange(batch);
            await SaveAsync(db);
            projectIds.AddRange(batch.Select(p => p.Id));
        }

        var roles = Enum.GetValues<CreditRole>();
        var random = new Random(7);
        for (var start = 0; start < contributionCount; start += 10_000)
        {
            db.Contributions.AddRange(Enumerable.Range(start, Math.Min(10_000, contributionCount - start)).Select(i => new Contribution
            {
                ProjectId = projectIds[i % projectIds.Count],
                PersonId = people[random.Next(people.Count)].Id,
                Role = roles[i % roles.Length],
                Status = i % 5 == 0 ? ContributionStatus.Pending : ContributionStatus.Confirmed,
                RecordedByPersonId = people[0].Id,
                RecordedAt = now,
            }));
            await SaveAsync(db);
        }
    }

    private static async Task SaveAsync(CollabBotDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
