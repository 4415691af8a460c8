using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Reminders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md "reminders": 10,000 meeting series in the database; every due reminder handed to the platform client
/// within 1 s of its due time (p99); the service under 300 MB resident. The real service runs as its own process
/// (pinned to core 0) against a fake Slack in this process (core 1). Most series are recurring background load whose
/// reminders do not fall due during the run (but do fill the 36 h planning horizon); <c>--measured</c> series, each in
/// its own group and channel (so Slack's per-channel pacing plays no part), fall due on the minute boundaries in the
/// next few minutes. Lateness = arrival of <c>chat.postMessage</c> at the fake − the reminder's due instant.
/// <c>--trace DIR</c> attaches <c>dotnet-trace</c> (CPU samples, speedscope) to the service from 10 s before the first
/// due minute to 10 s after the last, written to <c>DIR/reminders.speedscope.json</c>.
/// <code>dotnet run -c Release --project tests/CollabBot.Benchmarks -- reminders [--series 10000] [--measured 600] [--minutes 3] [--lead 75] [--trace DIR]</code>
/// </summary>
public static class ReminderBenchmark
{
    private static readonly string[] Zones =
    [
        "UTC", "Europe/Zurich", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo",
        "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Auckland", "Africa/Nairobi", "Asia/Kathmandu",
    ];

    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static async Task<int> RunAsync(string[] args)
    {
        var total = Option(args, "--series", 10_000);
        var measured = Option(args, "--measured", 600);
        var minutes = Option(args, "--minutes", 3);
        var leadSeconds = Option(args, "--lead", 75);
        var traceDir = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
        var pin = File.Exists("/usr/bin/taskset");
        if (pin && OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 2;
        }

        var work = Directory.CreateTempSubdirectory("collabbot-bench-reminders-").FullName;
        var service = Path.Combine(AppContext.BaseDirectory, "CollabBot.dll");
        var database = $"Data Source={Path.Combine(work, "bench.db")}";
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reminders: {total:N0} series ({measured} measured, due on {minutes} minute boundaries starting ≥ {leadSeconds} s after seeding); service {(pin ? "pinned to core 0, fake Slack and this process on core 1" : "NOT pinned (no taskset)")}; load average {LoadAverage()}."));

        await using var fake = await FakeSlackPosts.StartAsync();
        try
        {
            await Bench.RunToEndAsync("dotnet", [service, "migrate", $"--ConnectionStrings:CollabBot={database}"]);
            var seeding = Stopwatch.StartNew();
            var dueByChannel = await SeedAsync(database, total, measured, minutes, TimeSpan.FromSeconds(leadSeconds));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {total:N0} series in {seeding.Elapsed.TotalSeconds:N1} s"));

            // Floor: this process posting straight to the fake, sequentially, as the service's poster would.
            var floor = await fake.RoundTripsAsync(300);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  baseline: direct chat.postMessage round-trip to the fake: p50 {Percentile(floor, 0.5):N2} ms, p99 {Percentile(floor, 0.99):N2} ms"));
            fake.Clear();

            var port = Bench.FreePort();
            string[] serviceArgs = [service, "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:CollabBot={database}",
                "--Slack:BotToken=xoxb-bench-not-a-real-token", $"--Slack:ApiBaseUrl={fake.ApiBaseUrl}",
                "--Logging:LogLevel:Default=Warning", "--Console:Enabled=false"];
            var started = Stopwatch.StartNew();
            using var process = pin ? Bench.Start("taskset", ["-c", "0", "dotnet", .. serviceArgs]) : Bench.Start("dotnet", serviceArgs);
            var memory = new MemorySampler(process.Id);
            try
            {
                using var http = new HttpClient();
                await Bench.WaitReadyAsync(http, $"http://127.0.0.1:{port}/readyz", TimeSpan.FromMilliseconds(50));
                var ready = started.Elapsed;
                var firstDue = dueByChannel.Values.Min();
                var lastDue = dueByChannel.Values.Max();
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  service ready (/readyz 200) {ready.TotalSeconds:N2} s after process start; RSS {memory.Current / 1024.0:N0} MB; first reminder due in {(firstDue - DateTimeOffset.UtcNow).TotalSeconds:N0} s"));

                Process? trace = null;
                if (traceDir is not null)
                {
                    Directory.CreateDirectory(traceDir);
                    var attachAt = firstDue - TimeSpan.FromSeconds(10);
                    if (attachAt > DateTimeOffset.UtcNow)
                    {
                        await Task.Delay(attachAt - DateTimeOffset.UtcNow);
                    }

                    trace = Bench.Start("dotnet-trace", ["collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-common,dotnet-sampled-thread-time",
                        "--format", "speedscope", "--duration", (lastDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10)).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
                        "-o", Path.Combine(traceDir, "reminders.nettrace")]);
                }

                // Wait for every measured post, or give up 60 s after the last due time.
                var deadline = lastDue + TimeSpan.FromSeconds(60);
                while (DateTimeOffset.UtcNow < deadline && fake.Count(dueByChannel.ContainsKey) < dueByChannel.Count)
                {
                    await Task.Delay(250);
                }

                await Task.Delay(2000); // anything duplicated or stray shows up too
                if (trace is not null)
                {
                    await trace.WaitForExitAsync();
                    trace.Dispose();
                }

                var arrivals = fake.Posts;
                var lateness = arrivals.Where(p => dueByChannel.ContainsKey(p.Channel))
                    .GroupBy(p => p.Channel).Select(g => (g.Min(p => p.At) - dueByChannel[g.Key]).TotalMilliseconds).Order().ToArray();
                var duplicates = arrivals.Count(p => dueByChannel.ContainsKey(p.Channel)) - lateness.Length;
                var stray = arrivals.Count(p => !dueByChannel.ContainsKey(p.Channel));
                var (queued, handedOver) = await HandedOverAsync(database);
                memory.Sample();
                System.Console.WriteLine();
                System.Console.WriteLine("| what | value |");
                System.Console.WriteLine("| --- | ---: |");
                Row("series in the database", total.ToString("N0", CultureInfo.InvariantCulture));
                Row("reminders measured / arrived at the fake", $"{dueByChannel.Count} / {lateness.Length}");
                Row("duplicates / posts to unmeasured channels", $"{duplicates} / {stray}");
                Row("start-up: process start → /readyz 200", $"{ready.TotalSeconds:N2} s");
                Row("lateness due → arrival at fake Slack p50 / p99 / max", $"{Percentile(lateness, 0.5):N0} / {Percentile(lateness, 0.99):N0} / {(lateness.Length > 0 ? lateness[^1] : double.NaN):N0} ms");
                Row("due → queued in the outbox (Quartz fired, ReminderService.SendAsync committed; negative: ahead of due) p50 / p99 / max", $"{Percentile(queued, 0.5):N0} / {Percentile(queued, 0.99):N0} / {(queued.Length > 0 ? queued[^1] : double.NaN):N0} ms");
                foreach (var minute in arrivals.Where(p => dueByChannel.ContainsKey(p.Channel)).GroupBy(p => dueByChannel[p.Channel]).OrderBy(g => g.Key))
                {
                    Row($"reminders due {minute.Key:HH:mm} UTC ({minute.Count()}): first / last arrival after due", $"{(minute.Min(p => p.At) - minute.Key).TotalMilliseconds:N0} / {(minute.Max(p => p.At) - minute.Key).TotalMilliseconds:N0} ms");
                }

                Row("lateness due → post returned (outbox SentAt) p50 / p99 / max", $"{Percentile(handedOver, 0.5):N0} / {Percentile(handedOver, 0.99):N0} / {(handedOver.Length > 0 ? handedOver[^1] : double.NaN):N0} ms");
                Row("baseline: direct post round-trip p50 / p99", $"{Percentile(floor, 0.5):N2} / {Percentile(floor, 0.99):N2} ms");
                Row("resident memory during the run: max VmRSS sampled / VmHWM", $"{memory.MaxRss / 1024.0:N0} / {memory.Hwm / 1024.0:N0} MB");
                Row("load average at the end", LoadAverage());
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Target (quality.md): p99 ≤ 1000 ms, RSS < 300 MB → {(lateness.Length == dueByChannel.Count && Percentile(lateness, 0.99) <= 1000 ? "met" : "NOT met")} / {(memory.Hwm < 300 * 1024 ? "met" : "NOT met")}."));
                return 0;
            }
            finally
            {
                memory.Dispose();
                Bench.Stop(process);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Row(string what, string value) => System.Console.WriteLine($"| {what} | {value} |");

    /// <summary>
    /// Background: recurring series (weekly on a day, every other week, monthly by day or "2nd tue"/"last fri") in
    /// a dozen zones, 10 to a group, each group linked to its own channel; a series is redrawn if any of its reminders
    /// would fall due during the run. Measured: one series per group and channel, one-off or recurring, due exactly on
    /// a minute boundary. Returns each measured channel's due instant.
    /// </summary>
    private static async Task<Dictionary<string, DateTimeOffset>> SeedAsync(string database, int total, int measured, int minutes, TimeSpan lead)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", database);
        await using var db = new CollabBotDbContext(options.Options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        var random = new Random(20_240_601);
        var firstDue = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero) + TimeSpan.FromMinutes(1);
        while (firstDue - now < lead)
        {
            firstDue += TimeSpan.FromMinutes(1);
        }

        // Nothing in the background may fall due from the catch-up window before start-up to well after the run.
        var quietFrom = now - TimeSpan.FromMinutes(45);
        var quietTo = firstDue + TimeSpan.FromMinutes(minutes + 5);
        var background = total - measured;
        var groupCount = 0;
        WorkingGroup NewGroup(string channel)
        {
            groupCount++;
            var g = new WorkingGroup { Slug = $"bench-{groupCount:00000}", Name = $"Benchmark group {groupCount}", CreatedAt = now };
            g.ChannelLinks.Add(new ChannelLink { Platform = "slack", Tenant = "T0BENCH", ChannelId = channel, LinkedAt = now });
            return g;
        }

        WorkingGroup? current = null;
        for (var i = 0; i < background; i++)
        {
            if (i % 10 == 0)
            {
                current = NewGroup($"CBG{groupCount + 1:00000}");
                db.Groups.Add(current);
            }

            MeetingSeries series;
            do
            {
                series = BackgroundSeries(random, now, i);
            }
            while (FallsDue(series, quietFrom, quietTo));
            series.Group = current!;
            db.MeetingSeries.Add(series);
            if (i % 2000 == 1999)
            {
                await SaveAsync(db);
            }
        }

        await SaveAsync(db);
        var dueByChannel = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < measured; i++)
        {
            var channel = $"CM{i:00000}";
            var group = NewGroup(channel);
            db.Groups.Add(group);
            var due = firstDue + TimeSpan.FromMinutes(i % minutes);
            var offsetMinutes = i % 3 == 0 ? 1 : i % 3 == 1 ? 5 : 15;
            var zone = Zones[i % Zones.Length];
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            var startLocal = TimeZoneInfo.ConvertTime(due + TimeSpan.FromMinutes(offsetMinutes), tz).DateTime;
            // A third one-off, a third weekly that began weeks ago, a third monthly on the day (when the day exists every month).
            var (rule, first) = (i % 3) switch
            {
                0 => ((string?)null, startLocal),
                1 => ("FREQ=WEEKLY", startLocal.AddDays(-7 * (1 + i % 8))),
                _ => startLocal.Day <= 28 ? ("FREQ=MONTHLY", startLocal.AddMonths(-(1 + i % 5))) : ("FREQ=DAILY", startLocal.AddDays(-3)),
            };
            var series = new MeetingSeries
            {
                Group = group, Slug = "m", Title = $"Measured {i}", Rule = rule, TimeZone = zone,
                StartLocal = first.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ReminderOffsets = $"{offsetMinutes}m", CreatedAt = now,
            };
            if (!Occurrences.Between(series, due, due + TimeSpan.FromMinutes(offsetMinutes + 1)).Any(o => o.Start - TimeSpan.FromMinutes(offsetMinutes) == due)
                || FallsDue(series, quietFrom, due - TimeSpan.FromSeconds(1)))
            {
                throw new InvalidOperationException($"measured series {i} ({rule ?? "one-off"} {series.StartLocal} {zone}) does not fall due at {due:u} alone");
            }

            db.MeetingSeries.Add(series);
            dueByChannel[channel] = due;
        }

        await SaveAsync(db);
        return dueByChannel;
    }

    private static async Task SaveAsync(CollabBotDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static MeetingSeries BackgroundSeries(Random random, DateTimeOffset now, int i)
    {
        var zone = Zones[random.Next(Zones.Length)];
        var start = now.UtcDateTime.Date.AddDays(-random.Next(1, 400)).AddHours(random.Next(6, 20)).AddMinutes(15 * random.Next(4));
        var rule = (i % 5) switch
        {
            0 => $"FREQ=WEEKLY;BYDAY={Days[random.Next(7)]}",
            1 => $"FREQ=WEEKLY;INTERVAL=2;BYDAY={Days[random.Next(5)]}",
            2 => $"FREQ=MONTHLY;BYMONTHDAY={random.Next(1, 29)}",
            3 => $"FREQ=MONTHLY;BYDAY={(random.Next(2) == 0 ? "2TU" : "-1FR")}",
            _ => $"FREQ=WEEKLY;BYDAY={Days[random.Next(5)]},{Days[5 + random.Next(2)]}",
        };
        return new MeetingSeries
        {
            Slug = $"s{i}", Title = $"Background {i}", Rule = rule, TimeZone = zone,
            StartLocal = start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ReminderOffsets = (i % 3) switch { 0 => "1d,15m", 1 => "1h", _ => "30m" },
            CreatedAt = now,
        };
    }

    private static bool FallsDue(MeetingSeries series, DateTimeOffset from, DateTimeOffset to)
    {
        var offsets = series.ReminderOffsets!.Split(',').Select(ParseOffset).ToArray();
        return Occurrences.Between(series, from, to + offsets.Max())
            .Any(o => offsets.Any(off => o.Start - off >= from && o.Start - off <= to));
    }

    private static TimeSpan ParseOffset(string text)
    {
        var n = int.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) };
    }

    /// <summary>The service's own view: outbox rows marked sent, SentAt − the due time in the dedupe key.</summary>
    private static async Task<(double[] Queued, double[] Sent)> HandedOverAsync(string database)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", database);
        await using var db = new CollabBotDbContext(options.Options);
        var rows = await db.OutboundMessages.AsNoTracking().Where(m => m.SentAt != null && m.DedupeKey != null)
            .Select(m => new { m.DueAt, m.SentAt, m.CreatedAt }).ToListAsync();
        var timed = rows.Select(r => (Due: r.DueAt, r.CreatedAt, Sent: r.SentAt!.Value)).Where(r => r.Due is not null).ToList();
        return ([.. timed.Select(r => (r.CreatedAt - r.Due!.Value).TotalMilliseconds).Order()], [.. timed.Select(r => (r.Sent - r.Due!.Value).TotalMilliseconds).Order()]);
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var s = sorted.Order().ToArray();
        return s[Math.Min(s.Length - 1, (int)Math.Ceiling(p * s.Length) - 1)];
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}

/// <summary>Samples VmRSS and VmHWM of a process from /proc every 100 ms (kB).</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly int pid;
    private readonly Timer timer;

    public MemorySampler(int pid)
    {
        this.pid = pid;
        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long Current { get; private set; }
    public long MaxRss { get; private set; }
    public long Hwm { get; private set; }

    public void Sample()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    Current = Kb(line);
                    MaxRss = Math.Max(MaxRss, Current);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    Hwm = Math.Max(Hwm, Kb(line));
                }
            }
        }
        catch (IOException)
        {
            // The process has gone.
        }
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public void Dispose() => timer.Dispose();
}

/// <summary>Just enough Slack: <c>POST /api/chat.postMessage</c> answered ok, each arrival recorded with its channel and time.</summary>
internal sealed class FakeSlackPosts : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Channel, DateTimeOffset At)> posts = new();
    private long ts;

    private FakeSlackPosts(WebApplication app, int port)
    {
        this.app = app;
        ApiBaseUrl = $"http://127.0.0.1:{port}/api/";
    }

    public string ApiBaseUrl { get; }

    public IReadOnlyList<(string Channel, DateTimeOffset At)> Posts => [.. posts];

    public int Count(Func<string, bool> channel) => posts.Select(p => p.Channel).Where(channel).Distinct().Count();

    public void Clear() => posts.Clear();

    public static async Task<FakeSlackPosts> StartAsync()
    {
        var port = Bench.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var fake = new FakeSlackPosts(builder.Build(), port);
        fake.app.MapPost("/api/{method}", async (string method, HttpContext http) =>
        {
            var at = DateTimeOffset.UtcNow;
            if (method != "chat.postMessage")
            {
                return Results.Text("""{"ok":false,"error":"unknown_method"}""", "application/json");
            }

            var body = await JsonNode.ParseAsync(http.Request.Body);
            var channel = body?["channel"]?.GetValue<string>() ?? "";
            fake.posts.Enqueue((channel, at));
            var stamp = string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref fake.ts):000000}");
            return Results.Text(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = stamp }.ToJsonString(), "application/json");
        });
        await fake.app.StartAsync();
        return fake;
    }

    /// <summary>Sequential chat.postMessage calls from this process: the HTTP floor under every lateness figure (ms).</summary>
    public async Task<double[]> RoundTripsAsync(int count)
    {
        using var http = new HttpClient();
        var result = new double[count];
        for (var i = -20; i < count; i++)
        {
            var body = JsonSerializer.Serialize(new { channel = "CBASELINE", text = "baseline" });
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(ApiBaseUrl + "chat.postMessage", content);
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 0)
            {
                result[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return [.. result.Order()];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Process helpers shared by the reminder and start-up benchmarks.</summary>
internal static class Bench
{
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Process Start(string file, IEnumerable<string> arguments)
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

    public static async Task RunToEndAsync(string file, IEnumerable<string> arguments)
    {
        using var process = Start(file, arguments);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}");
        }
    }

    public static async Task WaitReadyAsync(HttpClient http, string url, TimeSpan poll)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
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

            await Task.Delay(poll);
        }

        throw new TimeoutException($"{url} did not become ready within 60 s");
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
