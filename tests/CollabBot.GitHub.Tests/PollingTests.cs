using CollabBot.Core.Datasets;
using CollabBot.GitHub.Tests.Fakes;
using CollabBot.GitHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.GitHub.Tests;

/// <summary>Polling with conditional requests: a 304 costs nothing and posts nothing; a change is posted once, also after a restart.</summary>
public sealed class PollingTests : IAsyncLifetime
{
    private FakeGitHubApi fake = null!;
    private GitHubHarness h = null!;
    private FakeRepo repo = null!;

    public async ValueTask InitializeAsync()
    {
        fake = await FakeGitHubApi.StartAsync();
        repo = fake.AddRepo("collab-demo", "calo-showers", "calo-showers");

        // An issue from before tracking started: known history, never announced.
        repo.Open("Old question", null, "noah", GitHubHarness.Start.AddDays(-30), ["calo-showers"]);
        h = await GitHubHarness.StartAsync(fake);
        var tracked = await h.SayAsync("console:amara", "/dataset track calo-showers", GitHubHarness.Channel);
        Assert.False(tracked.IsError, tracked.Plain);
    }

    private Task<PollRound> PollAsync(GitHubHarness? harness = null) => (harness ?? h).Services.GetRequiredService<IssuePolling>().PollAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Poll_Unchanged_Gets304PostsNothingAndSpendsNoRateLimit()
    {
        var first = await PollAsync();
        var counted = fake.CountedAgainstRateLimit;

        var second = await PollAsync();

        Assert.Equal(1, first.Requests);
        Assert.Equal(0, first.Posted);
        Assert.Equal(1, second.Requests);
        Assert.Equal(1, second.NotModified);
        Assert.Equal(0, second.Posted);
        Assert.Equal(counted, fake.CountedAgainstRateLimit);
        Assert.Empty(await h.DeliverAsync());
        Assert.Contains(fake.Log, l => l.Contains("since=2026-11-25T09%3A00%3A00Z", StringComparison.Ordinal) || l.Contains("since=2026-11-25T09:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_NewIssue_IsPostedOnceAndNotAgainNextRoundOrAfterRestart()
    {
        await PollAsync();
        await PollAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        repo.Open("NaN energies in run 12", null, "sofia", h.Clock.GetUtcNow(), ["calo-showers"]);

        var changed = await PollAsync();
        var posted = await h.DeliverAsync();
        var again = await PollAsync();

        Assert.Equal(1, changed.Posted);
        var (target, reply) = Assert.Single(posted);
        Assert.Equal(GitHubHarness.Channel, target);
        Assert.Equal("calo-showers: issue opened", reply.Title);
        Assert.Contains("#2 NaN energies in run 12", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("was opened by sofia", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(1, again.NotModified);
        Assert.Empty(await h.DeliverAsync());

        // A restart: a new process on the same database, the same fake GitHub.
        var path = h.DatabasePath;
        var clock = h.Clock;
        await h.DisposeAsync();
        h = await GitHubHarness.StartAsync(fake, databasePath: path, clock: clock);
        var afterRestart = await PollAsync();

        Assert.Equal(1, afterRestart.NotModified);
        Assert.Equal(0, afterRestart.Posted);
        Assert.Empty(await h.DeliverAsync());
    }

    [Fact]
    public async Task Poll_ClosedThenReopened_EachPostedOnce()
    {
        repo.Open("Missing cells", null, "noah", GitHubHarness.Start.AddMinutes(1), ["calo-showers"]);
        await PollAsync();
        await h.DeliverAsync();

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        repo.Close(2, h.Clock.GetUtcNow());
        await PollAsync();
        var closed = await h.DeliverAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        repo.Reopen(2, h.Clock.GetUtcNow());
        await PollAsync();
        var reopened = await h.DeliverAsync();
        await PollAsync();

        Assert.Equal("calo-showers: issue closed", Assert.Single(closed).Reply.Title);
        Assert.Equal("calo-showers: issue reopened", Assert.Single(reopened).Reply.Title);
        Assert.Empty(await h.DeliverAsync());
    }

    [Fact]
    public async Task Poll_IssueOnlyCommented_ChangesETagButPostsNothing()
    {
        await PollAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        repo.Issues[0].UpdatedAt = h.Clock.GetUtcNow();

        var round = await PollAsync();

        Assert.Equal(1, round.Changed);
        Assert.Equal(0, round.Posted);
        Assert.Empty(await h.DeliverAsync());
    }

    [Fact]
    public async Task Poll_RateLimited_StopsTheRoundAndPostsNothing()
    {
        fake.FailNextWithSecondaryRateLimit(60);

        var round = await PollAsync();

        Assert.Equal(1, round.Failed);
        Assert.Equal(0, round.Posted);
    }

    [Fact]
    public async Task Poll_RepositoryWithRecentWebhook_IsLeftToWebhooks()
    {
        await h.Services.GetRequiredService<IssueNotifications>().HandlePingAsync(Guid.NewGuid().ToString(), "collab-demo/calo-showers", TestContext.Current.CancellationToken);

        var round = await PollAsync();

        Assert.Equal(1, round.LeftToWebhooks);
        Assert.Equal(0, fake.Requests);
    }

    [Fact]
    public async Task Poll_TrackedAgainAfterAPause_DoesNotAnnounceWhatHappenedMeanwhile()
    {
        await PollAsync();
        await h.SayAsync("console:amara", "/dataset untrack calo-showers", GitHubHarness.Channel);
        h.Clock.Advance(TimeSpan.FromDays(3));
        repo.Open("Opened while nobody tracked", null, "noah", h.Clock.GetUtcNow(), ["calo-showers"]);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.SayAsync("console:amara", "/dataset track calo-showers", GitHubHarness.Channel);

        var round = await PollAsync();

        Assert.Equal(0, round.Posted);
        Assert.Empty(await h.DeliverAsync());
    }

    public async ValueTask DisposeAsync()
    {
        var path = h.DatabasePath;
        await h.DisposeAsync();
        await fake.DisposeAsync();
        GitHubHarness.DeleteDatabase(path);
    }
}
