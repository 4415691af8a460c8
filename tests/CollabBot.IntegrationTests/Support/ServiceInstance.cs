using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CollabBot.IntegrationTests.Support;

/// <summary>
/// One running <c>dotnet CollabBot.dll serve</c> process, as an operator starts it: its own port (chosen by Kestrel
/// and read from its log), its output written to a file beside the test so a failure can show what it said.
/// </summary>
public sealed partial class ServiceInstance : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock writing = new();
    private bool closed;

    private ServiceInstance(string name, Process process, string logPath)
    {
        Name = name;
        this.process = process;
        LogPath = logPath;
        log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The address Kestrel reported (<c>Now listening on: …</c>); null until then.</summary>
    public Uri? BaseUrl => listening.Task.IsCompletedSuccessfully ? listening.Task.Result : null;

    /// <summary>Quartz's id for this instance in the clustered job store, as its log reports it.</summary>
    public string? QuartzInstanceId { get; private set; }

    /// <summary>Starts <c>dotnet CollabBot.dll --urls http://127.0.0.1:0 &lt;args&gt;</c>; with <paramref name="chooseUrls"/> false, exactly <c>&lt;args&gt;</c>.</summary>
    public static ServiceInstance Start(string name, string workingDirectory, IEnumerable<string> args, bool chooseUrls = true)
    {
        var start = new ProcessStartInfo(ProgramProcess.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramProcess.ProgramDll);
        if (chooseUrls)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new ServiceInstance(name, process, Path.Combine(workingDirectory, $"{name}.log"));
        process.OutputDataReceived += (_, e) => instance.Line(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Waits until the instance answers <c>/readyz</c> with 200; fails with its log if it exits or takes too long.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"{Name} exited with code {process.ExitCode} before it was ready.\n{Tail()}");
            }

            if (BaseUrl is { } url)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(url, "readyz"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The client's own timeout: a start-up slowed by a busy machine, not yet ready; the deadline decides.
                }
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"{Name} was not ready within {timeout.TotalSeconds:0} s.\n{Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs, connections drop, in-flight work is lost.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            // On Linux Process.Kill sends SIGKILL; `dotnet CollabBot.dll` runs the program in this very process.
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Every line the instance wrote so far.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>The last lines the instance wrote, headed by its name and log file.</summary>
    public string Tail(int count = 60)
    {
        var all = lines.ToArray();
        return $"--- {Name} (pid {ProcessId}, log {LogPath}), last {Math.Min(count, all.Length)} of {all.Length} lines:\n"
            + string.Join('\n', all.Skip(Math.Max(0, all.Length - count)));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        lock (writing)
        {
            closed = true;
            log.Dispose();
        }
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        lock (writing)
        {
            if (!closed)
            {
                log.WriteLine(line);
            }
        }

        if (!listening.Task.IsCompleted && ListeningOn().Match(line) is { Success: true } m)
        {
            listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
        }

        if (QuartzInstanceId is null && QuartzId().Match(line) is { Success: true } q)
        {
            QuartzInstanceId = q.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"with instanceId '([^']+)'")]
    private static partial Regex QuartzId();
}
