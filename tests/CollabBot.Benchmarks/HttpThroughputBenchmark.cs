using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CollabBot.Discord;
using CollabBot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md: signed <c>/wg list</c> and <c>/wg info</c> (100 groups, SQLite) through <c>POST /slack/commands</c> and
/// <c>POST /discord/interactions</c>, 16 concurrent connections, the service pinned to one core, against a bare
/// endpoint that only verifies the signature and answers fixed JSON — measured in the same run, same core.
/// <code>dotnet run -c Release --project tests/CollabBot.Benchmarks -- http [--seconds 10] [--connections 16] [--groups 100]</code>
/// </summary>
public static class HttpThroughputBenchmark
{
    internal const string SlackSecret = "bench-signing-secret-not-a-real-one";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 16);
        var groups = Option(args, "--groups", 100);

        // --trace DIR: a CPU-sampling trace of the service (dotnet-trace, speedscope format) during each measured
        // CollabBot case, to see where a request's time goes (issue 17: "find where the time goes").
        var traceDir = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
        if (!File.Exists("/usr/bin/taskset"))
        {
            System.Console.Error.WriteLine("taskset (util-linux) is needed to pin the servers to one core.");
            return 2;
        }

        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var publicKey = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var work = Directory.CreateTempSubdirectory("collabbot-bench-http-").FullName;
        var service = Path.Combine(AppContext.BaseDirectory, "CollabBot.dll");
        var self = Path.Combine(AppContext.BaseDirectory, "CollabBot.Benchmarks.dll");
        var database = $"Data Source={Path.Combine(work, "bench.db")}";

        // The process generating load runs on core 1; the servers are pinned to core 0.
        if (OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 2;
        }
        System.Console.WriteLine($"Signed /wg list and /wg info ({groups} groups, SQLite), {connections} connections, {seconds} s per case after a warm-up; servers pinned to core 0, load from core 1.");
        await RunToEndAsync("dotnet", [service, "seed", await WriteGroupsAsync(work, groups), $"--ConnectionStrings:CollabBot={database}"]);

        var servicePort = FreePort();
        var barePort = FreePort();
        using var real = Start("taskset", ["-c", "0", "dotnet", service, "--urls", $"http://127.0.0.1:{servicePort}", $"--ConnectionStrings:CollabBot={database}",
            $"--Slack:SigningSecret={SlackSecret}", $"--Discord:PublicKey={publicKey}", "--Logging:LogLevel:Default=Warning", "--Console:Enabled=false"]);
        using var bare = Start("taskset", ["-c", "0", "dotnet", self, "bare", "--port", barePort.ToString(CultureInfo.InvariantCulture), "--discord-key", publicKey]);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
            await WaitReadyAsync(http, $"http://127.0.0.1:{servicePort}/readyz");
            await WaitReadyAsync(http, $"http://127.0.0.1:{barePort}/readyz");

            var results = new List<(string Name, string Platform, bool Bare, Result R)>();
            foreach (var (name, platform, port, make, expect) in new (string, string, int, Func<int, HttpRequestMessage>, string)[]
            {
                ("bare: Slack signature check + fixed JSON", "Slack", barePort, p => SlackRequest(p, "list"), "\"ok\""),
                ("CollabBot: GET /healthz (the host's floor: no body, no signature, fixed text)", "Slack", servicePort, p => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{p}/healthz"), "ok"),
                ("CollabBot: signed /wg list via POST /slack/commands", "Slack", servicePort, p => SlackRequest(p, "list"), "bench-001"),
                ("CollabBot: signed /wg info bench-042 via POST /slack/commands", "Slack", servicePort, p => SlackRequest(p, "info+bench-042"), "Benchmark group 42"),
                ("bare: Discord Ed25519 check + fixed JSON", "Discord", barePort, p => DiscordRequest(p, key, ListOptions), "\"ok\""),
                ("CollabBot: signed /wg list via POST /discord/interactions", "Discord", servicePort, p => DiscordRequest(p, key, ListOptions), "bench-001"),
                ("CollabBot: signed /wg info bench-042 via POST /discord/interactions", "Discord", servicePort, p => DiscordRequest(p, key, InfoOptions), "Benchmark group 42"),
            })
            {
                await LoadAsync(http, () => make(port), expect, connections, TimeSpan.FromSeconds(Math.Min(3, seconds)));
                var traceName = (platform == "Slack" ? "slack" : "discord") + (name.Contains("/wg info", StringComparison.Ordinal) ? "-info" : "");
                using var trace = traceDir is not null && port == servicePort
                    ? Start("dotnet-trace", ["collect", "-p", real.Id.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-common,dotnet-sampled-thread-time", "--format", "speedscope",
                        "--duration", TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture), "-o", Path.Combine(traceDir, traceName + ".nettrace")])
                    : null;
                if (trace is not null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2)); // the session attaches before the load starts
                }

                var server = port == barePort ? bare : real;
                var cpuBefore = CpuTime(server);
                var result = await LoadAsync(http, () => make(port), expect, connections, TimeSpan.FromSeconds(seconds));
                result = result with { CpuPerRequestUs = (CpuTime(server) - cpuBefore).TotalMicroseconds / Math.Max(1, result.Requests) };
                if (trace is not null)
                {
                    await trace.WaitForExitAsync();
                }

                results.Add((name, platform, port == barePort, result));
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: {result.PerSecond:N0} req/s, p50 {result.P50:N2} ms, p99 {result.P99:N2} ms, server CPU {result.CpuPerRequestUs:N0} µs/request, {result.Bytes:N0} B/reply, errors {result.Errors}"));
            }

            System.Console.WriteLine();
            System.Console.WriteLine("| case | requests/s | of bare | p50 ms | p99 ms | server CPU µs/request | reply bytes | errors |");
            System.Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, platform, isBare, r) in results)
            {
                var baseline = results.First(x => x.Bare && x.Platform == platform).R.PerSecond;
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {r.PerSecond:N0} | {(isBare ? "—" : (r.PerSecond / baseline).ToString("P0", CultureInfo.InvariantCulture))} | {r.P50:N2} | {r.P99:N2} | {r.CpuPerRequestUs:N0} | {r.Bytes:N0} | {r.Errors} |"));
            }

            System.Console.WriteLine("Target: every CollabBot case at least 50 % of its platform's bare endpoint, p99 ≤ 20 ms; an error is a non-200 or a reply without the expected text.");
            return 0;
        }
        finally
        {
            Stop(real);
            Stop(bare);
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Result(double PerSecond, double P50, double P99, int Errors, int Requests, int Bytes, double CpuPerRequestUs = 0);

    /// <summary>User + system CPU the process has used (<c>/proc/PID/stat</c>, clock ticks of 10 ms): steadier than requests/s on a shared machine.</summary>
    private static TimeSpan CpuTime(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private const string ListOptions = """[{"type":1,"name":"list"}]""";
    private const string InfoOptions = """[{"type":1,"name":"info","options":[{"type":3,"name":"wg","value":"bench-042"}]}]""";

    /// <summary>Load from <paramref name="connections"/> connections; a reply counts only when it is a 200 holding <paramref name="expect"/>.</summary>
    private static async Task<Result> LoadAsync(HttpClient http, Func<HttpRequestMessage> make, string expect, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var bytes = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(100_000);
            while (stopwatch.Elapsed < duration)
            {
                using var request = make();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    bytes = text.Length;
                    if (response.StatusCode != HttpStatusCode.OK || !text.Contains(expect, StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / stopwatch.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), errors, all.Length, bytes);
    }

    private static HttpRequestMessage SlackRequest(int port, string text)
    {
        var body = "token=unused&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH&channel_name=bench&user_id=U0BENCH1&user_name=bench" +
                   "&command=%2Fwg&text=" + text + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fnever&trigger_id=1.2.3";
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/slack/commands") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SlackSecret, timestamp, bytes));
        return request;
    }

    private static HttpRequestMessage DiscordRequest(int port, Key key, string options)
    {
        var body = """{"id":"1000000000000000900","application_id":"1000000000000000800","type":2,"token":"bench-token","version":1,"guild_id":"1000000000000000001","channel_id":"1000000000000000011","member":{"user":{"id":"100000000000000999","username":"bench"}},"data":{"id":"1","name":"wg","type":1,"options":""" + options + "}}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body));
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
        return request;
    }

    private static async Task<string> WriteGroupsAsync(string work, int groups)
    {
        var sb = new StringBuilder("people:\n  - { id: bench-convener, name: Bench Convener, identities: [console:bench-convener] }\ngroups:\n");
        for (var i = 1; i <= groups; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ slug: bench-{i:000}, name: Benchmark group {i}, kind: problem, conveners: [bench-convener] }}\n");
        }

        var file = Path.Combine(work, "groups.yaml");
        await File.WriteAllTextAsync(file, sb.ToString());
        return file;
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Process Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { System.Console.Error.WriteLine("  [server] " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task RunToEndAsync(string file, IEnumerable<string> arguments)
    {
        using var process = Start(file, arguments);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}");
        }
    }

    internal static async Task WaitReadyAsync(HttpClient http, string url)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not become ready");
    }

    internal static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}

/// <summary>The baseline: Kestrel with only the production signature checks and a fixed JSON answer.</summary>
public static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.SkipWhile(a => a != "--port").Skip(1).First();
        var discordKey = args.SkipWhile(a => a != "--discord-key").Skip(1).First();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var discord = new DiscordSignature(discordKey);
        const string Fixed = """{"response_type":"ephemeral","text":"ok"}""";
        app.MapGet("/readyz", () => "ready");
        app.MapPost("/slack/commands", async (HttpContext http) =>
        {
            var body = await ReadAsync(http);
            return SlackSignature.Verify("bench-signing-secret-not-a-real-one", http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body, DateTimeOffset.UtcNow)
                ? Results.Text(Fixed, "application/json")
                : Results.StatusCode(401);
        });
        app.MapPost("/discord/interactions", async (HttpContext http) =>
        {
            var body = await ReadAsync(http);
            return discord.Verify(http.Request.Headers["X-Signature-Timestamp"], http.Request.Headers["X-Signature-Ed25519"], body, DateTimeOffset.UtcNow)
                ? Results.Text("""{"type":4,"data":{"content":"ok","flags":64}}""", "application/json")
                : Results.StatusCode(401);
        });
        await app.RunAsync();
        return 0;
    }

    private static async Task<byte[]> ReadAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
