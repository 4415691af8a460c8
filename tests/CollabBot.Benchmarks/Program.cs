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
    return 2;
}

Console.WriteLine("CollabBot in-process command latency");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, " +
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {(BenchOptions.IsOptimized ? "Release" : "Debug (numbers not comparable: use -c Release)")}"));
Console.WriteLine($"Load average at start (1, 5, 15 min): {LoadAverage()} — other work on the machine shows up in the tails.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Warmup:N0} warm-up and {options.Iterations:N0} measured iterations per case; times in microseconds."));
Console.WriteLine();

var results = new List<Stats>();
var catalog = CommandCatalog.Default;
var context = new ParseContext(Platform.Console, "local", BenchDatabase.Reader);

// Baseline 1: the parser alone, the floor under any typed command.
results.Add(await Measure.RunAsync("baseline: parse `/wg info calorimetry` only", options, () =>
{
    _ = TypedTextParser.ParseLine(catalog, "/wg info calorimetry", context);
    return Task.CompletedTask;
}));

foreach (var extraGroups in new[] { 0, options.Groups })
{
    await using var bench = await BenchDatabase.CreateAsync(extraGroups);
    var label = $"{bench.GroupCount} groups";
    Console.Error.WriteLine($"Database ready: {label} ({bench.Path})");

    // Baseline 2: what any command pays for the database at least: a scope, a DbContext, one query of the groups table.
    results.Add(await Measure.RunAsync($"baseline: scope + DbContext + groups query, {label}", options, async () =>
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        _ = await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Slug).ToListAsync();
    }));

    foreach (var line in new[] { "/wg list", "/wg info calorimetry" })
    {
        var sample = await bench.SayAsync(line);
        Console.Error.WriteLine($"  {line}: {sample.Split('\n').Length} lines, {sample.Length:N0} characters");
        results.Add(await Measure.RunAsync($"`{line}` end to end, {label}", options, async () => _ = await bench.SayAsync(line)));
    }
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
