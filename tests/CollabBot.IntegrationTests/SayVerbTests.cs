using CollabBot.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace CollabBot.IntegrationTests;

/// <summary>The real program as a separate process: <c>dotnet CollabBot.dll say "…" --as … --ConnectionStrings:CollabBot=…</c>.</summary>
public sealed class SayVerbTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("collabbot-say-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(directory.FullName, "say.db");

    [Fact]
    public async Task Say_WgListOnFreshDatabase_ExitsZeroAndListsSeededGroups()
    {
        var result = await SayAsync("/wg list", "--as", "console:alice");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Working groups", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("calorimetry — Calorimetry Dataset", result.Stdout, StringComparison.Ordinal);
        Assert.All(Seeds.Community.Groups, g => Assert.Contains(g.Slug, result.Stdout, StringComparison.Ordinal));
        AssertNoStackTrace(result);

        // The configuration argument was honoured: the database is the one named, not collabbot.db in the working directory.
        Assert.True(File.Exists(DatabasePath));
        Assert.False(File.Exists(Path.Combine(directory.FullName, "collabbot.db")));
    }

    [Fact]
    public async Task Say_JoinUnknownGroup_ExitsOneWithNotFoundSentence()
    {
        var result = await SayAsync("/wg join nonexistent", "--as", "console:alice");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("There is no working group 'nonexistent'. /wg list shows them all.", result.Stdout, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Say_DatabaseCannotBeOpened_ExitsOneWithSentenceNotStackTrace()
    {
        var missing = Path.Combine(directory.FullName, "no-such-directory", "say.db");

        var result = await ProgramProcess.RunAsync(directory.FullName, ["say", "/wg list", "--as", "console:alice", $"--ConnectionStrings:CollabBot=Data Source={missing}"], Ct);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("ConnectionStrings:CollabBot", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("unable to open database file", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    private Task<ProgramProcess.Result> SayAsync(string line, params string[] options) =>
        ProgramProcess.RunAsync(directory.FullName, ["say", line, .. options, $"--ConnectionStrings:CollabBot=Data Source={DatabasePath}"], Ct);

    private static void AssertNoStackTrace(ProgramProcess.Result result)
    {
        Assert.False(result.Stdout.Contains("   at ", StringComparison.Ordinal), result.ToString());
        Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain("Exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
