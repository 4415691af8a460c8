using CollabBot.Tests.Shared;

namespace CollabBot.Core.Tests.Support;

/// <summary>
/// Runs a Python script on a calendar feed (the second, independent parser): the test is skipped, with the script's
/// sentence, when python3 or its modules are missing (the script exits 77 then); any other failure fails it.
/// </summary>
public static class PythonFeedCheck
{
    /// <summary>The script's output lines, trimmed, empty ones left out.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string script, string feed, string missing, IReadOnlyList<string>? arguments = null)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Find("python3");
        Assert.SkipWhen(python is null, $"python3 is not installed; {missing}");
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("collabbot-ics-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "feed.ics"), feed, ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "check.py"), script, ct);

            var run = await ExternalTool.RunAsync(python!, ["check.py", "feed.ics", .. arguments ?? []], dir.FullName, cancellationToken: ct);

            Assert.SkipWhen(run.ExitCode == 77, run.Output.Trim());
            Assert.True(run.ExitCode == 0, run.Output);
            return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
