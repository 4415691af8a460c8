using System.Diagnostics;

namespace CollabBot.Tests.Shared;

/// <summary>Runs a program that checks our output independently (bibtex, python3 with a Debian library …), when it is installed.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output);

    public static string? Find(string name, params string[] alsoIn) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Concat(alsoIn)
            .Where(dir => dir.Length > 0)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/> and returns its exit code and its output and errors together.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, string? input = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output + await errors);
    }
}
