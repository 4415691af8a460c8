using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CollabBot.IntegrationTests.Support;

/// <summary>
/// Runs the built CollabBot.dll as its own process, as a user runs a verb: <c>dotnet CollabBot.dll say …</c>.
/// The test project references src/CollabBot, so the program and its seeds/ are copied beside the tests.
/// </summary>
public static class ProgramProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static string ProgramDll => Path.Combine(AppContext.BaseDirectory, "CollabBot.dll");

    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(ProgramDll), $"{ProgramDll} is missing; the test project should copy it from its reference to src/CollabBot.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // As a user's shell would: no Development settings or user secrets leaking in from the test run.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH under dotnet test), else the one beside the runtime, else PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var besideRuntime = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(besideRuntime) ? besideRuntime : exe;
    }
}
