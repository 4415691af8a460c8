using CollabBot.Core.Replies;
using CollabBot.GitHub.Tests.Fakes;
using CollabBot.GitHub.Tests.Support;

namespace CollabBot.GitHub.Tests;

/// <summary>/dataset issue and /dataset issues end to end: dispatcher → handler → Octokit → the fake GitHub API.</summary>
public sealed class DatasetIssueCommandTests : IAsyncLifetime
{
    private FakeGitHubApi fake = null!;
    private GitHubHarness h = null!;

    public async ValueTask InitializeAsync()
    {
        fake = await FakeGitHubApi.StartAsync();
        fake.AddRepo("collab-demo", "calo-showers", "calo-showers");
        h = await GitHubHarness.StartAsync(fake);
    }

    [Fact]
    public async Task Issue_AnyMember_OpensIssueWithDatasetAndVersionLabelsAndNamesReporter()
    {
        var reply = await h.SayAsync("console:noah", "/dataset issue calo-showers \"Layer 3 energies off\" --body \"Mean is 2% low.\" --version 1.1.0");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("https://github.com/collab-demo/calo-showers/issues/1", reply.Plain, StringComparison.Ordinal);
        var issue = Assert.Single(fake.Repo("collab-demo", "calo-showers").Issues);
        Assert.Equal("Layer 3 energies off", issue.Title);
        Assert.Equal(["calo-showers", "version:1.1.0"], issue.Labels);
        Assert.StartsWith("Mean is 2% low.", issue.Body, StringComparison.Ordinal);
        Assert.Contains("Reported by Noah Schmidt", issue.Body, StringComparison.Ordinal);
        Assert.Contains("/datasets/calo-showers", issue.Body, StringComparison.Ordinal);
        Assert.Equal(["version:1.1.0"], fake.Repo("collab-demo", "calo-showers").LabelsCreatedThroughApi);
    }

    [Fact]
    public async Task Issue_UnknownVersion_IsInvalidAndNothingIsSent()
    {
        var reply = await h.SayAsync("console:noah", "/dataset issue calo-showers \"x\" --version 9.9");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("1.1.0", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, fake.Requests);
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "secondary", "rate limit" },
        { "primary", "try again after 2026-11-25 09:30 UTC" },
        { "401", "token" },
        { "403", "permission" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Issue_GitHubRefuses_SaysWhyAndKeepsTheUsersText(string failure, string expected)
    {
        switch (failure)
        {
            case "secondary":
                fake.FailNextWithSecondaryRateLimit(60);
                break;
            case "primary":
                fake.FailNextWithPrimaryRateLimit(GitHubHarness.Start.AddMinutes(30));
                break;
            case "401":
                fake.FailNext(401, "Bad credentials");
                break;
            default:
                fake.FailNext(403, "Resource not accessible by personal access token");
                break;
        }

        var reply = await h.SayAsync("console:noah", "/dataset issue calo-showers \"Broken \\\"links\\\" in v1\" --body \"The download URL 404s since Monday.\"");

        Assert.Equal(ReplyStatus.Failed, reply.Status);
        Assert.Contains(expected, reply.Plain, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Broken \"links\" in v1", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("The download URL 404s since Monday.", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/dataset issue calo-showers", reply.Plain, StringComparison.Ordinal);
        Assert.Empty(fake.Repo("collab-demo", "calo-showers").Issues);
    }

    [Fact]
    public async Task Issue_RepositoryMissing_SaysRepositoryNotFound()
    {
        var reply = await h.SayAsync("console:oliver", "/dataset issue trackml-lite \"Hits missing\"");

        Assert.Equal(ReplyStatus.Failed, reply.Status);
        Assert.Contains("collab-demo/trackml-lite was not found", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Hits missing", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issues_ListsLabelledIssuesWithLinks()
    {
        var repo = fake.Repo("collab-demo", "calo-showers");
        repo.Open("Energy scale", null, "noah", GitHubHarness.Start, ["calo-showers", "version:1.0.0"]);
        repo.Open("Unrelated", null, "noah", GitHubHarness.Start, ["bug"]);

        var reply = await h.SayAsync("console:newcomer", "/dataset issues calo-showers");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("#1 Energy scale", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("version:1.0.0", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrelated", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ShowsOpenIssueCountFromGitHub()
    {
        fake.Repo("collab-demo", "calo-showers").Open("Energy scale", null, "noah", GitHubHarness.Start, ["calo-showers"]);

        var reply = await h.SayAsync("console:newcomer", "/dataset info calo-showers");

        Assert.Contains("Open issues: 1", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("1.1.0", reply.Plain, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        var path = h.DatabasePath;
        await h.DisposeAsync();
        await fake.DisposeAsync();
        GitHubHarness.DeleteDatabase(path);
    }
}
