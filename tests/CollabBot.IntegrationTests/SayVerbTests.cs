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

    [Theory]
    [InlineData("/wg join nonexistent", "There is no working group 'nonexistent'.")]
    [InlineData("/wg join calorimtery", "There is no working group 'calorimtery' (did you mean calorimetry?).")]
    public async Task Say_JoinUnknownGroup_ExitsOneWithSentence(string line, string sentence)
    {
        var result = await SayAsync(line, "--as", "console:alice");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(sentence, result.Stdout, StringComparison.Ordinal);
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

    [Fact]
    public async Task Say_JoinThenInfo_SecondRunSeesFirstRunsChange()
    {
        var joined = await SayAsync("/wg join tracking", "--as", "console:alice");
        var members = await SayAsync("/wg members tracking", "--as", "console:alice");

        Assert.True(joined.ExitCode == 0, joined.ToString());
        Assert.True(members.ExitCode == 0, members.ToString());
        Assert.Contains("alice", members.Stdout, StringComparison.Ordinal);
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
