using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CollabBot.BrowserTests.Support;

/// <summary>
/// The real service as a deployer runs it: <c>dotnet CollabBot.dll --urls …</c> in its own process, on a free
/// loopback port and a SQLite file of its own, seeded on first start. A browser needs a real TCP socket, which
/// <c>WebApplicationFactory</c>'s in-memory server does not give.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly string directory;

    private ServiceProcess(Process process, string directory, Uri baseAddress)
    {
        this.process = process;
        this.directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string ProgramDll => Path.Combine(AppContext.BaseDirectory, "CollabBot.dll");

    /// <summary>What the service wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(ProgramDll))
        {
            throw new InvalidOperationException($"{ProgramDll} is missing; the test project copies it from its reference to src/CollabBot.");
        }

        var directory = Directory.CreateTempSubdirectory("collabbot-browser-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var all = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["ConnectionStrings:CollabBot"] = $"Data Source={Path.Combine(directory, "collabbot.db")}",
            ["Bot:PublicUrl"] = baseAddress.ToString().TrimEnd('/'),
        };
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // As in production: no Development settings or user secrets from the test run, and the antiforgery key ring
        // (kept under $HOME) in the temporary folder rather than in the user's home.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["HOME"] = directory;

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, directory, baseAddress);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>Polls <c>/readyz</c>: migrated, seeded and the scheduler running.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready.\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
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
                // A request that took longer than its timeout: try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The service was not ready within 90 s at {BaseAddress}readyz.\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temporary folder is left for the OS to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH under dotnet test), else the one beside the runtime, else PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var beside = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet"));
        return File.Exists(beside) ? beside : "dotnet";
    }
}
