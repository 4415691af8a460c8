using CollabBot.Core.Ports;
using CollabBot.GitHub.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.GitHub.Tests;

/// <summary>Our Octokit wrapper against the fake GitHub API: requests as GitHub documents them, failures as values.</summary>
public sealed class OctokitGitHubIssuesTests : IAsyncLifetime
{
    private static readonly RepoRef Repo = new("collab-demo", "calo-showers");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private FakeGitHubApi fake = null!;
    private OctokitGitHubIssues github = null!;
    private readonly List<ServiceProvider> providers = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        fake = await FakeGitHubApi.StartAsync(clock);
        fake.AddRepo("collab-demo", "calo-showers", "bug", "calo-showers");
        github = Client(FakeGitHubApi.Token);
    }

    /// <summary>The wrapper on the service's own GitHub handler chain (timeouts, retries of reads, circuit breaker), on the real clock.</summary>
    private OctokitGitHubIssues Client(string? token, string? baseUrl = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGitHubHttp();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return new(Options.Create(new GitHubOptions { Token = token, ApiBaseUrl = baseUrl ?? fake.BaseUrl.ToString() }), provider.GetRequiredService<IHttpMessageHandlerFactory>(), clock, NullLogger<OctokitGitHubIssues>.Instance);
    }

    [Fact]
    public async Task CreateIssue_VersionLabelMissing_CreatesItFirstThenOpensIssueWithBothLabels()
    {
        var result = await github.CreateIssueAsync(Repo, new NewIssueRequest("Layer 3 energies off by 2%", "See the attached plot.", ["calo-showers", "version:1.1.0"]), Ct);

        Assert.True(result.Ok, result.Failure?.Detail);
        Assert.Equal(1, result.Value!.Number);
        Assert.Equal(["calo-showers", "version:1.1.0"], result.Value.Labels);
        var repo = fake.Repo("collab-demo", "calo-showers");
        Assert.Equal(["version:1.1.0"], repo.LabelsCreatedThroughApi);
        Assert.Empty(repo.LabelsCreatedImplicitly);
        var log = fake.Log.ToList();
        Assert.True(log.FindIndex(l => l.StartsWith("POST /repos/collab-demo/calo-showers/labels", StringComparison.Ordinal))
            < log.FindIndex(l => l.StartsWith("POST /repos/collab-demo/calo-showers/issues", StringComparison.Ordinal)), string.Join("\n", log));
        Assert.Equal("See the attached plot.", repo.Issues[0].Body);
    }

    [Fact]
    public async Task CreateIssue_LabelsExistInOtherCase_CreatesNone()
    {
        var result = await github.CreateIssueAsync(Repo, new NewIssueRequest("Typo in README", "", ["Calo-Showers"]), Ct);

        Assert.True(result.Ok);
        Assert.Empty(fake.Repo("collab-demo", "calo-showers").LabelsCreatedThroughApi);
    }

    [Fact]
    public async Task ListIssues_OpenWithLabel_ReturnsOnlyThoseAndNoPullRequests()
    {
        var repo = fake.Repo("collab-demo", "calo-showers");
        repo.Open("Open, labelled", null, "noah", clock.GetUtcNow(), ["calo-showers"]);
        repo.Open("Open, other label", null, "noah", clock.GetUtcNow(), ["bug"]);
        repo.Open("A pull request", null, "noah", clock.GetUtcNow(), ["calo-showers"], pullRequest: true);
        repo.Open("Closed, labelled", null, "noah", clock.GetUtcNow(), ["calo-showers"]);
        repo.Close(4, clock.GetUtcNow());

        var open = await github.ListIssuesAsync(Repo, IssueStateFilter.Open, "calo-showers", 10, Ct);
        var all = await github.ListIssuesAsync(Repo, IssueStateFilter.All, "calo-showers", 10, Ct);

        Assert.Equal(["Open, labelled"], open.Value!.Select(i => i.Title));
        Assert.Equal(["Closed, labelled", "Open, labelled"], all.Value!.Select(i => i.Title).Order());
        Assert.Equal(IssueState.Closed, all.Value!.Single(i => i.Number == 4).State);
        Assert.Equal("https://github.com/collab-demo/calo-showers/issues/1", open.Value![0].Url);
    }

    [Fact]
    public async Task ListIssues_UnknownRepository_IsNotFound()
    {
        var result = await github.ListIssuesAsync(new RepoRef("collab-demo", "no-such-repo"), IssueStateFilter.Open, null, 10, Ct);

        Assert.Equal(GitHubFailureKind.NotFound, result.Failure?.Kind);
    }

    [Fact]
    public async Task ListIssues_WrongToken_IsUnauthorized()
    {
        var result = await Client("ghp_wrong").ListIssuesAsync(Repo, IssueStateFilter.Open, null, 10, Ct);

        Assert.Equal(GitHubFailureKind.Unauthorized, result.Failure?.Kind);
    }

    [Fact]
    public async Task CreateIssue_TokenLacksPermission_IsForbidden()
    {
        fake.FailNext(403, "Resource not accessible by personal access token");

        var result = await github.CreateIssueAsync(Repo, new NewIssueRequest("t", "b", ["calo-showers"]), Ct);

        Assert.Equal(GitHubFailureKind.Forbidden, result.Failure?.Kind);
    }

    [Fact]
    public async Task ListIssues_PrimaryRateLimit_IsRateLimitedUntilReset()
    {
        var reset = clock.GetUtcNow().AddMinutes(17);
        fake.FailNextWithPrimaryRateLimit(reset);

        var result = await github.ListIssuesAsync(Repo, IssueStateFilter.Open, null, 10, Ct);

        Assert.Equal(GitHubFailureKind.RateLimited, result.Failure?.Kind);
        Assert.Equal(reset.ToUnixTimeSeconds(), result.Failure!.RetryAt?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ListIssues_SecondaryRateLimit429_IsRateLimitedForRetryAfter()
    {
        fake.FailNextWithSecondaryRateLimit(90);

        var result = await github.ListIssuesAsync(Repo, IssueStateFilter.Open, null, 10, Ct);

        Assert.Equal(GitHubFailureKind.RateLimited, result.Failure?.Kind);
        Assert.Equal(clock.GetUtcNow().AddSeconds(90), result.Failure!.RetryAt);
    }

    [Fact]
    public async Task ListIssues_NothingListening_IsUnreachable()
    {
        var result = await Client(FakeGitHubApi.Token, "http://127.0.0.1:9/").ListIssuesAsync(Repo, IssueStateFilter.Open, null, 10, Ct);

        Assert.Equal(GitHubFailureKind.Unreachable, result.Failure?.Kind);
    }

    [Fact]
    public async Task ListIssues_GitHubAnswers502Once_ReadIsSentAgainAndAnswered()
    {
        fake.Repo("collab-demo", "calo-showers").Open("Open, labelled", null, "noah", clock.GetUtcNow(), ["calo-showers"]);
        fake.FailNext(502, "Server Error");

        var result = await github.ListIssuesAsync(Repo, IssueStateFilter.Open, "calo-showers", 10, Ct);

        Assert.True(result.Ok, result.Failure?.Detail);
        Assert.Single(result.Value!);
        Assert.Equal(2, fake.Log.Count(l => l.StartsWith("GET /repos/collab-demo/calo-showers/issues", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetIssuesSince_RetriedAfter502_SendsTheETagOnce()
    {
        fake.Repo("collab-demo", "calo-showers").Open("Something", null, "noah", clock.GetUtcNow(), ["calo-showers"]);
        var since = clock.GetUtcNow().AddHours(-1);
        var first = await github.GetIssuesSinceAsync(Repo, "calo-showers", since, null, Ct);
        fake.FailNext(502, "Server Error");

        var second = await github.GetIssuesSinceAsync(Repo, "calo-showers", since, first.Value!.ETag, Ct);

        Assert.True(second.Value!.NotModified, second.Failure?.Detail);
        Assert.Equal(1, fake.NotModified);
    }

    [Fact]
    public async Task GetIssuesSince_StoredETagSentBack_Gets304ThatCostsNoRateLimit()
    {
        fake.Repo("collab-demo", "calo-showers").Open("Something", null, "noah", clock.GetUtcNow(), ["calo-showers"]);
        var since = clock.GetUtcNow().AddHours(-1);

        var first = await github.GetIssuesSinceAsync(Repo, "calo-showers", since, null, Ct);
        var counted = fake.CountedAgainstRateLimit;
        var second = await github.GetIssuesSinceAsync(Repo, "calo-showers", since, first.Value!.ETag, Ct);

        Assert.False(first.Value.NotModified);
        Assert.Single(first.Value.Issues);
        Assert.StartsWith("W/\"", first.Value.ETag, StringComparison.Ordinal);
        Assert.True(second.Value!.NotModified);
        Assert.Equal(first.Value.ETag, second.Value.ETag);
        Assert.Equal(counted, fake.CountedAgainstRateLimit);
        Assert.Equal(1, fake.NotModified);
    }

    [Fact]
    public async Task GetIssuesSince_NoToken_IsNotConfiguredWithoutARequest()
    {
        var result = await Client(null).GetIssuesSinceAsync(Repo, "calo-showers", clock.GetUtcNow(), null, Ct);

        Assert.Equal(GitHubFailureKind.NotConfigured, result.Failure?.Kind);
        Assert.Equal(0, fake.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        github.Dispose();
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await fake.DisposeAsync();
    }
}
