using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CollabBot.Core.Challenges;
using nietras.SeparatedValues;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md "challenge scoring": a 1,000,000-row submission scored in ≤ 2 s with ≤ 200 MB extra memory, against a
/// plain read of the same file in the same run. Writes a binary truth and a submission (rows shuffled, scores in
/// round-trip precision as pandas writes them), loads the truth once, then alternates, <c>--runs</c> times:
/// (a) baseline: the same file through Sep with the scorer's reader options, every field read and the score parsed
/// with the same double.TryParse; (b) <see cref="Truth.TryScore"/> with auc, accuracy, logloss and rejection@0.3;
/// (c) the same with the rows in the truth's order (the usual case: predictions written in test-set order).
/// <code>dotnet run -c Release --project tests/CollabBot.Benchmarks -- scoring [--rows 1000000] [--runs 5]</code>
/// </summary>
public static class ScoringBenchmark
{
    public static int Run(string[] args)
    {
        var rows = ReminderBenchmark.Option(args, "--rows", 1_000_000);
        var runs = ReminderBenchmark.Option(args, "--runs", 5);
        var work = Directory.CreateTempSubdirectory("collabbot-bench-scoring-").FullName;
        try
        {
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Challenge scoring: {rows:N0} rows, {runs} measured runs per case after one warm-up; {(BenchOptions.IsOptimized ? "Release" : "Debug (not comparable: use -c Release)")}, " +
                $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores; load average at start {ReminderBenchmark.LoadAverage()}."));
            var (truthPath, shuffledPath, orderedPath) = WriteFiles(work, rows);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  files: truth {new FileInfo(truthPath).Length / 1e6:N1} MB, submission {new FileInfo(shuffledPath).Length / 1e6:N1} MB (rows shuffled; a second copy in the truth's order)"));

            var setup = new TruthSetup([Metric.Auc, Metric.Accuracy, Metric.LogLoss, Metric.Rejection(0.3)], TruthSetup.NewSeed(), 0.5);
            Truth? truth = null;
            var load = Measure(() =>
            {
                using var file = File.OpenRead(truthPath);
                if (!Truth.TryLoad(file, setup, long.MaxValue, out truth, out var error))
                {
                    throw new InvalidOperationException(error.Message);
                }
            });
            var truthHeap = GC.GetTotalMemory(forceFullCollection: true);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  truth loaded: {truth!.RowCount:N0} rows, managed heap with the truth {truthHeap / 1e6:N0} MB"));

            var scores = "";
            Action Score(string path) => () =>
            {
                using var file = File.OpenRead(path);
                if (!truth.TryScore(file, long.MaxValue, out var score, out var error))
                {
                    throw new InvalidOperationException(error.Message);
                }

                scores = string.Join(", ", score.Scores.Select(s => $"{s.Metric} {Metric.Format(s.Public!.Value)} / {Metric.Format(s.Private!.Value)}"));
            };

            (string Name, Action Run)[] cases =
            [
                ("(a) baseline: Sep read of the submission, every field parsed", () => PlainRead(shuffledPath)),
                ("(b) validate + score auc, accuracy, logloss, rejection@0.3 (public and private), rows shuffled", Score(shuffledPath)),
                ("(c) the same, rows in the truth's order", Score(orderedPath)),
            ];
            foreach (var (_, run) in cases)
            {
                run();
            }

            var samples = cases.Select(_ => new List<Sample>()).ToArray();
            for (var i = 0; i < runs; i++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    samples[c].Add(Measure(cases[c].Run));
                }

                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {i + 1}: {string.Join(", ", samples.Select((list, c) => $"({(char)('a' + c)}) {list[^1].Seconds:N3} s"))}"));
            }

            System.Console.WriteLine($"  scores (public / private): {scores}");
            System.Console.WriteLine();
            System.Console.WriteLine("| case | wall s, median (min–max) | CPU s, median | managed allocated | peak managed heap above start | peak RSS above start |");
            System.Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            System.Console.WriteLine(load.Row("load the truth (once per challenge; not part of scoring)"));
            var summaries = samples.Select(Summary.Of).ToArray();
            for (var c = 0; c < cases.Length; c++)
            {
                System.Console.WriteLine(summaries[c].Row(cases[c].Name));
            }

            var worst = summaries[1];
            System.Console.WriteLine();
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scoring costs {worst.Median / summaries[0].Median:N1}× the baseline read in wall time and {worst.CpuMedian / summaries[0].CpuMedian:N1}× in CPU time (medians, shuffled rows). " +
                $"Target: ≤ 2 s and ≤ 200 MB extra → {(worst.Median <= 2 && Math.Max(worst.MaxPeakHeap, worst.MaxPeakBytes) <= 200e6 ? "met" : "NOT met")} in wall time. Load average at the end {ReminderBenchmark.LoadAverage()}."));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>What a scorer cannot do with less: every row read by the same CSV reader, the id touched, the score parsed.</summary>
    private static void PlainRead(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .From(new StreamReader(File.OpenRead(path), bufferSize: 1 << 16));
        long idChars = 0;
        var sum = 0.0;
        foreach (var row in reader)
        {
            if (row.RowIndex == 0)
            {
                continue;
            }

            idChars += row[0].Span.Length;
            if (double.TryParse(row[1].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum += value;
            }
        }

        if (idChars == 0 || double.IsNaN(sum))
        {
            throw new InvalidOperationException("The baseline read nothing.");
        }
    }

    private static (string Truth, string Shuffled, string Ordered) WriteFiles(string folder, int rows)
    {
        var random = new Random(16);
        var labels = new int[rows];
        var truthPath = Path.Combine(folder, "truth.csv");
        using (var truth = new StreamWriter(truthPath))
        {
            truth.Write("id,label\n");
            for (var i = 0; i < rows; i++)
            {
                labels[i] = random.NextDouble() < 0.3 ? 1 : 0;
                truth.Write(string.Create(CultureInfo.InvariantCulture, $"ev{i:D7},{labels[i]}\n"));
            }
        }

        // A classifier-like probability: the logistic of a Gaussian logit shifted by the label, so classes overlap and
        // every metric is finite; written in round-trip precision (about 18 characters, as pandas writes floats).
        var scores = labels.Select(label => 1 / (1 + Math.Exp(-((label * 2.0) - 1.0 + Gaussian(random))))).ToArray();
        var order = Enumerable.Range(0, rows).ToArray();
        var orderedPath = Write("ordered.csv");
        random.Shuffle(order);
        return (truthPath, Write("shuffled.csv"), orderedPath);

        string Write(string name)
        {
            var path = Path.Combine(folder, name);
            using var submission = new StreamWriter(path);
            submission.Write("id,score\n");
            foreach (var i in order)
            {
                submission.Write(string.Create(CultureInfo.InvariantCulture, $"ev{i:D7},{scores[i]:R}\n"));
            }

            return path;
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Sample Measure(Action action)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var peakReset = ResetPeakRss();
        var rssBefore = Status("VmRSS:");
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;

        // The managed heap's high-water mark, sampled every 2 ms: RSS alone misses it when the GC reuses memory it
        // committed for earlier work (loading the truth) instead of asking the OS for more.
        var heapPeak = heapBefore;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            do
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
            }
            while (!done.Wait(2));
        }) { IsBackground = true };
        sampler.Start();
        var start = Stopwatch.GetTimestamp();
        action();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        done.Set();
        sampler.Join();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = peakReset ? Status("VmHWM:") - rssBefore : -1;
        return new Sample(seconds, cpu, allocated, heapPeak - heapBefore, peak);
    }

    /// <summary>Linux resets VmHWM (peak resident set) to the current RSS when "5" is written to /proc/self/clear_refs.</summary>
    private static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private sealed record Sample(double Seconds, double CpuSeconds, long AllocatedBytes, long PeakHeapBytes, long PeakRssBytes)
    {
        public string Row(string name) => Summary.Of([this]).Row(name);
    }

    private sealed record Summary(double Median, double Min, double Max, double CpuMedian, long MaxAllocated, long MaxPeakHeap, long MaxPeakBytes)
    {
        public static Summary Of(IEnumerable<Sample> samples)
        {
            var list = samples.ToList();
            return new Summary(MedianOf(list.Select(s => s.Seconds)), list.Min(s => s.Seconds), list.Max(s => s.Seconds),
                MedianOf(list.Select(s => s.CpuSeconds)), list.Max(s => s.AllocatedBytes), list.Max(s => s.PeakHeapBytes), list.Max(s => s.PeakRssBytes));
        }

        public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Median:N3} ({Min:N3}–{Max:N3}) | {CpuMedian:N3} | {MaxAllocated / 1e6:N1} MB | {MaxPeakHeap / 1e6:N1} MB | {(MaxPeakBytes < 0 ? "n/a" : $"{MaxPeakBytes / 1e6:N1} MB")} |");

        private static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
