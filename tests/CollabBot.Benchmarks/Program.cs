using System.Globalization;
using System.Runtime.InteropServices;
using CollabBot.Benchmarks;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Throughput through the HTTP endpoints (quality.md's first two rows): see HttpThroughputBenchmark.
if (args.FirstOrDefault() == "http")
{
    return await CollabBot.Benchmarks.HttpThroughputBenchmark.RunAsync(args[1..]);
}

// Writes through the Slack endpoint, alone and beside commands waiting on GitHub (issue 17): see README.md ("Writes").
if (args.FirstOrDefault() == "writes")
{
    return await CollabBot.Benchmarks.WritesBenchmark.RunAsync(args[1..]);
}

// Author lists at quality.md's scale (3,000 authors): see AuthorListBenchmark.md.
if (args.FirstOrDefault() == "authors")
{
    await CollabBot.Benchmarks.AuthorListBenchmark.RunAsync(args[1..]);
    return 0;
}

// GitHub polling of unchanged tracked datasets (quality.md: 0 counted requests): see GitHubPollingBenchmark.results.md.
if (args.FirstOrDefault() == "github-polling")
{
    await CollabBot.Benchmarks.GitHubPollingBenchmark.RunAsync(args[1..]);
    return 0;
}

// Reminder lateness with 10,000 series, and start-up with 10,000 groups: see README.md ("Reminders", "Start-up").
if (args.FirstOrDefault() == "reminders")
{
    return await CollabBot.Benchmarks.ReminderBenchmark.RunAsync(args[1..]);
}

// Resource search over 100,000 resources (quality.md: p99 <= 20 ms on SQLite and PostgreSQL): see README.md ("Resource search").
if (args.FirstOrDefault() == "resources")
{
    return await CollabBot.Benchmarks.ResourceSearchBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "startup")
{
    return await CollabBot.Benchmarks.StartupBenchmark.RunAsync(args[1..]);
}

// Challenge scoring of a 1,000,000-row submission against a plain read of the same file: see README.md ("Challenge scoring").
if (args.FirstOrDefault() == "scoring")
{
    return CollabBot.Benchmarks.ScoringBenchmark.Run(args[1..]);
}

// The bare verify-only server that the http benchmark starts as its baseline.
if (args.FirstOrDefault() == "bare")
{
    return await CollabBot.Benchmarks.BareServer.RunAsync(args[1..]);
}

// In-process end-to-end command latency (quality.md: p50 <= 1 ms for reads), with baselines from the same run.
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- [--iterations N] [--warmup N] [--groups N]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/CollabBot.Benchmarks -- [--iterations N] [--warmup N] [--groups N]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- http [--seconds 10] [--connections 16] [--groups 100]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- writes [--seconds 10] [--connections 16] [--github-ms 500]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- authors [--authors 3000] [--per-author 10] [--affiliations 500] [--runs 9]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- github-polling [--datasets 500] [--rounds 3]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- scoring [--rows 1000000] [--runs 5]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CollabBot.Benchmarks -- " + CollabBot.Benchmarks.ResourceSearchBenchmark.Usage);
    return 2;
}

Console.WriteLine("CollabBot in-process command latency");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, " +
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {(BenchOptions.IsOptimized ? "Release" : "Debug (numbers not comparable: use -c Release)")}"));
Console.WriteLine($"Load average at start (1, 5, 15 min): {LoadAverage()} — other work on the machine shows up in the tails.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Warmup:N0} warm-up and {options.Iterations:N0} measured iterations per case; times in microseconds."));
Console.WriteLine();

var catalog = CommandCatalog.Default;
var context = new ParseContext(Platform.Console, "local", BenchDatabase.Reader);
var cases = new List<(string Name, Func<Task> Operation)>
{
    // Baseline 1: the parser alone, the floor under any typed command.
    ("baseline: parse `/wg info calorimetry` only", () =>
    {
        _ = TypedTextParser.ParseLine(catalog, "/wg info calorimetry", context);
        return Task.CompletedTask;
    }),
};

await using var seeded = await BenchDatabase.CreateAsync(0);
await using var large = await BenchDatabase.CreateAsync(options.Groups);
foreach (var bench in new[] { seeded, large })
{
    var label = $"{bench.GroupCount} groups";
    Console.Error.WriteLine($"Database ready: {label} ({bench.Path})");

    // Baseline 2: what any command pays for the database at least: a scope, a DbContext, one query of the groups table.
    cases.Add(($"baseline: scope + DbContext + groups query, {label}", async () =>
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        _ = await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Slug).ToListAsync();
    }));

    foreach (var line in new[] { "/wg list", "/wg info calorimetry" })
    {
        var sample = await bench.SayAsync(line);
        Console.Error.WriteLine($"  {line}: {sample.Split('\n').Length} lines, {sample.Length:N0} characters");
        cases.Add(($"`{line}` end to end, {label}", async () => _ = await bench.SayAsync(line)));
    }
}

// Warm every case once before measuring any, so the first cases do not pay for JIT tiering that later ones share.
foreach (var (_, operation) in cases)
{
    for (var i = 0; i < options.Warmup; i++)
    {
        await operation();
    }
}

var results = new List<Stats>();
foreach (var (name, operation) in cases)
{
    results.Add(await Measure.RunAsync(name, options, operation));
}

Console.WriteLine(Stats.MarkdownHeader);
foreach (var r in results)
{
    Console.WriteLine(r.MarkdownRow());
}

Console.WriteLine();
Console.WriteLine($"Load average at end (1, 5, 15 min): {LoadAverage()}");
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
