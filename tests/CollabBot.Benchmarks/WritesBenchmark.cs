using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CollabBot.GitHub.Tests.Fakes;
using CollabBot.Slack;
using static CollabBot.Benchmarks.HttpThroughputBenchmark;

namespace CollabBot.Benchmarks;

/// <summary>
/// issue 17, item 3: writes through the signed Slack endpoint. (a) <c>/wg join</c> + <c>/wg leave</c> pairs at 16
/// connections on SQLite (target p99 ≤ 50 ms); (b) the same while 16 connections run <c>/dataset issue</c> against a
/// GitHub that answers every request after 500 ms (target: join/leave p99 ≤ 100 ms) — which holds only when no command
/// keeps SQLite's write lock while GitHub answers. The service is pinned to core 0; load and the fake GitHub run on core 1.
/// <c>--before DLL</c> runs the same cases on another build of the service (e.g. main before the change) in the same run.
/// <code>dotnet run -c Release --project tests/CollabBot.Benchmarks -- writes [--seconds 10] [--connections 16] [--github-ms 500] [--before path/CollabBot.dll] [--trace DIR]</code>
/// </summary>
public static class WritesBenchmark
{
    private const string Team = "T0BENCH";

    private static int shownFailures;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 16);
        var githubMs = Option(args, "--github-ms", 500);
        var before = args.SkipWhile(a => a != "--before").Skip(1).FirstOrDefault();

        // --trace DIR: a CPU-sampling trace (dotnet-trace, speedscope) of this build's service during case (a).
        var traceDir = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
        if (!File.Exists("/usr/bin/taskset"))
        {
            System.Console.Error.WriteLine("taskset (util-linux) is needed to pin the service to one core.");
            return 2;
        }

        if (OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 2;
        }

        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Signed Slack writes on SQLite, {connections} connections, {seconds} s per case after a warm-up; GitHub answers every request after {githubMs} ms; service pinned to core 0, load from core 1."));
        System.Console.WriteLine($"Load average at start (1, 5, 15 min): {LoadAverage()}");
        var rows = new List<(string Name, Result R)>();
        var builds = new List<(string Label, string Dll)> { ("this build", Path.Combine(AppContext.BaseDirectory, "CollabBot.dll")) };
        if (before is not null)
        {
            builds.Add(("before", Path.GetFullPath(before)));
        }

        foreach (var (label, dll) in builds)
        {
            var (alone, beside, opened) = await RunCasesAsync(dll, seconds, connections, githubMs, label == "this build" ? traceDir : null);
            rows.Add(($"{label}: (a) join + leave, {connections} connections", alone));
            rows.Add(($"{label}: (b) join + leave beside {connections} × /dataset issue", beside));
            rows.Add(($"{label}: (b) /dataset issue, GitHub {githubMs} ms", opened));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: (a) p99 ≤ 50 ms {(alone.P99 <= 50 ? "met" : "missed")}; (b) join/leave p99 ≤ 100 ms {(beside.P99 <= 100 ? "met" : "missed")}."));
        }

        System.Console.WriteLine();
        System.Console.WriteLine("| case | commands/s | p50 ms | p99 ms | max ms | late | failed | service CPU/command ms |");
        System.Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, r) in rows)
        {
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {r.PerSecond:N1} | {r.P50:N1} | {r.P99:N1} | {r.Max:N0} | {r.Late} | {r.Failed} | {r.CpuMs:N2} |"));
        }

        System.Console.WriteLine("late: acknowledged after Slack:InlineReplyBudget (1.5 s) and finished through response_url; failed: any other answer than the command's own.");
        System.Console.WriteLine($"Load average at end (1, 5, 15 min): {LoadAverage()}");
        return 0;
    }

    private static async Task<(Result Alone, Result Beside, Result Opened)> RunCasesAsync(string dll, int seconds, int connections, int githubMs, string? traceDir)
    {
        var work = Directory.CreateTempSubdirectory("collabbot-bench-writes-").FullName;
        var database = $"Data Source={Path.Combine(work, "bench.db")}";
        await RunToEndAsync("dotnet", [dll, "seed", await WriteSeedAsync(work, connections), $"--ConnectionStrings:CollabBot={database}"]);
        await using var github = await FakeGitHubApi.StartAsync();
        github.AddRepo("bench", "data", "bench-data");
        github.Latency = TimeSpan.FromMilliseconds(githubMs);
        var port = FreePort();
        using var real = Start("taskset", ["-c", "0", "dotnet", dll, "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:CollabBot={database}",
            $"--Slack:SigningSecret={SlackSecret}", $"--GitHub:ApiBaseUrl={github.BaseUrl}", $"--GitHub:Token={FakeGitHubApi.Token}",
            "--Logging:LogLevel:Default=Warning", "--Console:Enabled=false"]);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2 * connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
            await WaitReadyAsync(http, $"http://127.0.0.1:{port}/readyz");
            var duration = TimeSpan.FromSeconds(seconds);
            await JoinLeaveAsync(http, port, connections, TimeSpan.FromSeconds(Math.Min(3, seconds)), real);
            using var trace = traceDir is null ? null : Start("dotnet-trace", ["collect", "-p", real.Id.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-common,dotnet-sampled-thread-time",
                "--format", "speedscope", "--duration", duration.ToString("c", CultureInfo.InvariantCulture), "-o", Path.Combine(traceDir, "writes.nettrace")]);
            if (trace is not null)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // the session attaches before the load starts
            }

            var alone = await JoinLeaveAsync(http, port, connections, duration, real);
            if (trace is not null)
            {
                await trace.WaitForExitAsync();
            }

            Print("(a) /wg join + /wg leave", alone);

            using var stop = new CancellationTokenSource();
            var issues = LoadAsync(connections, Timeout.InfiniteTimeSpan, real, (i, n) =>
                SendAsync(http, port, $"U0ISSUE{i:000}", "/dataset", $"issue bench-data \"Bench issue {i}-{n}\"", "Opened issue #"), stop.Token);
            await Task.Delay(TimeSpan.FromMilliseconds(2 * githubMs));
            var beside = await JoinLeaveAsync(http, port, connections, duration, real);
            await stop.CancelAsync();
            var opened = await issues;
            Print($"(b) /wg join + /wg leave beside {connections} connections of /dataset issue", beside);
            Print("(b) /dataset issue", opened);
            return (alone, beside, opened);
        }
        finally
        {
            Stop(real);
            Directory.Delete(work, recursive: true);
        }
    }

    private enum Outcome
    {
        Answered,
        Late,
        Failed,
    }

    /// <param name="CpuMs">The service's CPU time per command during the case (user + system): unlike latency, it does not grow while the service waits for a core others hold.</param>
    private sealed record Result(int Count, double PerSecond, double P50, double P99, double Max, int Late, int Failed, double CpuMs);

    /// <summary>Connection i joins and leaves group i+1 as its own person, so the pairs race for the database, not for one row.</summary>
    private static Task<Result> JoinLeaveAsync(HttpClient http, int port, int connections, TimeSpan duration, Process service) =>
        LoadAsync(connections, duration, service, (i, n) => n % 2 == 0
            ? SendAsync(http, port, $"U0JOIN{i:000}", "/wg", $"join {Group(i)}", "Welcome to")
            : SendAsync(http, port, $"U0JOIN{i:000}", "/wg", $"leave {Group(i)}", "You have left"), CancellationToken.None);

    /// <summary>Each connection sends its next command when the last is answered, for <paramref name="duration"/> (always ending on a leave) or until <paramref name="stop"/>.</summary>
    private static async Task<Result> LoadAsync(int connections, TimeSpan duration, Process service, Func<int, int, Task<(double Ms, Outcome Outcome)>> send, CancellationToken stop)
    {
        var latencies = new List<double>[connections];
        var late = 0;
        var failed = 0;
        service.Refresh();
        var cpuBefore = service.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(10_000);
            for (var n = 0; !stop.IsCancellationRequested && (duration == Timeout.InfiniteTimeSpan || stopwatch.Elapsed < duration || n % 2 == 1); n++)
            {
                var (ms, outcome) = await send(i, n);
                mine.Add(ms);
                _ = outcome switch
                {
                    Outcome.Late => Interlocked.Increment(ref late),
                    Outcome.Failed => Interlocked.Increment(ref failed),
                    _ => 0,
                };
            }
        }));
        var elapsed = stopwatch.Elapsed;
        service.Refresh();
        var cpu = (service.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? double.NaN : all[^1], late, failed, cpu / Math.Max(1, all.Length));
    }

    /// <summary>One signed slash command, and whether Slack got the command's own answer, an acknowledgement (too slow for the inline budget) or something else.</summary>
    private static async Task<(double Ms, Outcome Outcome)> SendAsync(HttpClient http, int port, string user, string command, string text, string expected)
    {
        var body = $"token=unused&team_id={Team}&team_domain=bench&channel_id=C0BENCH&channel_name=bench&user_id={user}&user_name=bench" +
                   $"&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fnever&trigger_id=1.2.3";
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/slack/commands") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SlackSecret, timestamp, bytes));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.OK && answer.Contains(expected, StringComparison.Ordinal))
            {
                return (ms, Outcome.Answered);
            }

            if (response.StatusCode == HttpStatusCode.OK && answer.Contains("Working on it", StringComparison.Ordinal))
            {
                return (ms, Outcome.Late);
            }

            if (Interlocked.Increment(ref shownFailures) <= 3)
            {
                System.Console.Error.WriteLine($"  unexpected answer to {command} {text}: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 300)]}");
            }

            return (ms, Outcome.Failed);
        }
        catch (HttpRequestException)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, Outcome.Failed);
        }
    }

    private static string Group(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-{i + 1:000}");

    /// <summary>A group per joining connection; the dataset's group has every issuing connection as a member.</summary>
    private static async Task<string> WriteSeedAsync(string work, int connections)
    {
        var sb = new StringBuilder("people:\n  - { id: bench-convener, name: Bench Convener, identities: [console:bench-convener] }\n");
        for (var i = 0; i < connections; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: issuer-{i:000}, name: Issuer {i}, identities: [slack:{Team}:U0ISSUE{i:000}] }}\n");
        }

        sb.Append("groups:\n  - { slug: bench-data, name: Benchmark data, kind: dataset, conveners: [bench-convener], members: [");
        sb.AppendJoin(", ", Enumerable.Range(0, connections).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{ person: issuer-{i:000} }}")));
        sb.Append("] }\n");
        for (var i = 0; i < connections; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ slug: {Group(i)}, name: Benchmark group {i + 1}, kind: problem, conveners: [bench-convener] }}\n");
        }

        sb.Append("datasets:\n  - { slug: bench-data, group: bench-data, title: Benchmark data, repo: bench/data, label: bench-data }\n");
        var file = Path.Combine(work, "writes.yaml");
        await File.WriteAllTextAsync(file, sb.ToString());
        return file;
    }

    private static void Print(string name, Result r) =>
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {r.Count:N0} commands, {r.PerSecond:N1}/s, p50 {r.P50:N1} ms, p99 {r.P99:N1} ms, max {r.Max:N0} ms, late {r.Late}, failed {r.Failed}, service CPU {r.CpuMs:N2} ms/command"));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
