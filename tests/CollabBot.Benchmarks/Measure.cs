using System.Diagnostics;
using System.Globalization;

namespace CollabBot.Benchmarks;

/// <summary>One case's latency distribution, in microseconds.</summary>
internal sealed record Stats(string Name, int Iterations, double P50, double P90, double P99, double Max, double Mean, double CpuPerOp, long AllocatedBytesPerOp)
{
    public const string MarkdownHeader = "| case | p50 | p90 | p99 | max | mean | CPU/op | alloc/op |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public string MarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {P50:F1} | {P90:F1} | {P99:F1} | {Max:F0} | {Mean:F1} | {CpuPerOp:F1} | {AllocatedBytesPerOp / 1024.0:F1} KB |");
}

/// <summary>
/// A small Stopwatch harness: warm-up (JIT tiering, EF's query cache, SQLite's page cache and connection pool),
/// then each iteration timed on its own, so the percentiles show the tail a user would meet, not only a mean.
/// </summary>
internal static class Measure
{
    public static async Task<Stats> RunAsync(string name, BenchOptions options, Func<Task> operation)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            await operation();
        }

        // Start each case from a collected heap, so one case's garbage is not charged to the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var samples = new double[options.Iterations];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();

        // CPU time the whole process spent per operation (GC and thread-pool work included): unlike wall-clock time,
        // it does not grow while the operation waits for a core that other programs hold, so it is the steadier figure
        // on a shared machine.
        var cpuPerOp = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / samples.Length;
        Array.Sort(samples);
        var stats = new Stats(name, samples.Length, Rank(samples, 0.50), Rank(samples, 0.90), Rank(samples, 0.99), samples[^1], samples.Average(), cpuPerOp, allocated / samples.Length);
        System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: p50 {stats.P50:F1} µs, p99 {stats.P99:F1} µs"));
        return stats;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
