using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.GitHub.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.GitHub.Tests;

/// <summary>
/// <c>POST /github/webhooks</c> through the real endpoint: signature, de-duplication, and posts to tracking channels.
/// Bodies are GitHub's own example deliveries (<c>Fixtures/github/</c>) moved to the tracked repository.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";
    private const string Repo = "collab-demo/calo-showers";
    private GitHubHarness h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        h = await GitHubHarness.StartAsync(null, Secret);
        var tracked = await h.SayAsync("console:amara", "/dataset track calo-showers", GitHubHarness.Channel);
        Assert.False(tracked.IsError, tracked.Plain);
    }

    [Fact]
    public void Signature_GitHubsPublishedTestVector_Matches()
    {
        var body = Encoding.UTF8.GetBytes("Hello, World!");

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookSignature.Compute(Secret, body));
        Assert.True(WebhookSignature.Verify(Secret, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body));
        Assert.False(WebhookSignature.Verify(Secret, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", body));
        Assert.False(WebhookSignature.Verify(null, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body));
        Assert.False(WebhookSignature.Verify(Secret, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body));
    }

    [Fact]
    public async Task IssueOpened_SignedForTrackedDataset_IsPostedToTheTrackingChannel()
    {
        var body = Delivery("issues/opened.payload.json").WithIssue(7, "Shower energies @everyone look off", "calo-showers", "version:1.1.0").ToJsonString();

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (target, reply) = Assert.Single(await h.DeliverAsync());
        Assert.Equal(GitHubHarness.Channel, target);
        Assert.Equal("calo-showers: issue opened", reply.Title);
        Assert.Contains("#7 Shower energies @everyone look off", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("https://github.com/collab-demo/calo-showers/issues/7", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("1.1.0", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameDelivery_PostedTwice_IsPostedOnce()
    {
        // octokit/webhooks has no issues.closed example; GitHub's closed delivery is the reopened one with the
        // action, state, closed_at and state_reason of payload-schemas/api.github.com/issues/closed.schema.json.
        var body = Delivery("issues/reopened.payload.json").WithIssue(3, "Broken link", "calo-showers")
            .Set("action", "closed")
            .Set("issue.state", "closed")
            .Set("issue.closed_at", "2019-05-15T15:21:10Z")
            .Set("issue.state_reason", "completed")
            .ToJsonString();
        var delivery = Guid.NewGuid().ToString();

        using var first = await PostAsync("issues", body, delivery);
        using var second = await PostAsync("issues", body, delivery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var posted = Assert.Single(await h.DeliverAsync());
        Assert.Equal("calo-showers: issue closed", posted.Reply.Title);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("sha256=short")]
    public async Task Delivery_BadOrMissingSignature_Is401AndNothingHappens(string signature)
    {
        var body = Delivery("issues/opened.payload.json").WithIssue(8, "Forged", "calo-showers").ToJsonString();

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString(), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
        Assert.Equal(0, await h.QueryAsync(db => db.InboundDeliveries.CountAsync(Ct)));
    }

    [Fact]
    public async Task Delivery_SignedWithTheRightSecretButBodyChanged_Is401()
    {
        var body = Delivery("issues/opened.payload.json").WithIssue(9, "Original", "calo-showers").ToJsonString();
        var signature = WebhookSignature.Compute(Secret, Encoding.UTF8.GetBytes(body));

        using var response = await PostAsync("issues", body.Replace("Original", "Tampered", StringComparison.Ordinal), Guid.NewGuid().ToString(), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task NoSecretConfigured_EvenUnsignedDelivery_Is401()
    {
        await using var open = await GitHubHarness.StartAsync(null, webhookSecret: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubEndpoints.Path)
        {
            Content = new StringContent(Delivery("ping/payload.json").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", "ping");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());

        using var response = await open.Http().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        GitHubHarness.DeleteDatabase(open.DatabasePath);
    }

    [Fact]
    public async Task Ping_Signed_IsAnsweredAndLeavesTheRepositoryToWebhooks()
    {
        using var response = await PostAsync("ping", Delivery("ping/payload.json").ToJsonString(), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await h.QueryAsync(db => db.GitHubPollStates.Where(s => s.Dataset.Slug == "calo-showers").Select(s => s.WebhookSeenAt).SingleAsync(Ct));
        Assert.NotNull(seen);
    }

    [Fact]
    public async Task CommentCreated_OnTrackedIssue_IsPostedWithAnExcerpt()
    {
        var body = Delivery("issue_comment/created.payload.json").WithIssue(7, "Shower energies", "calo-showers")
            .Set("comment.body", "Confirmed on v1.1.0.\nThe fix is in #12.")
            .ToJsonString();

        using var response = await PostAsync("issue_comment", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = Assert.Single(await h.DeliverAsync());
        Assert.Contains("Codertocat commented on #7 Shower energies", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Confirmed on v1.1.0. The fix is in #12.", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentCreated_OnPullRequest_IsNotPosted()
    {
        // A comment on a pull request's conversation: the issue carries pull_request (its fields as in
        // payload-schemas/api.github.com/issue_comment/created.schema.json; octokit/webhooks has no such example).
        var body = Delivery("issue_comment/created.payload.json").WithIssue(8, "Fix layer 3", "calo-showers")
            .Set("issue.pull_request", new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{Repo}/pulls/8",
                ["html_url"] = $"https://github.com/{Repo}/pull/8",
                ["diff_url"] = $"https://github.com/{Repo}/pull/8.diff",
                ["patch_url"] = $"https://github.com/{Repo}/pull/8.patch",
            })
            .Set("comment.body", "LGTM")
            .ToJsonString();

        using var response = await PostAsync("issue_comment", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
    }

    [Theory]
    [InlineData("collab-demo/calo-showers", "bug")]
    [InlineData("collab-demo/other-repo", "calo-showers")]
    public async Task IssueOpened_OtherLabelOrRepository_IsNotPosted(string repository, string label)
    {
        var body = GitHubDeliveries.Load("issues/opened.payload.json", repository).WithIssue(5, "Elsewhere", label).ToJsonString();

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
    }

    [Fact]
    public async Task Untracked_AfterUntrack_IsNotPosted()
    {
        await h.SayAsync("console:amara", "/dataset untrack calo-showers", GitHubHarness.Channel);

        var body = Delivery("issues/reopened.payload.json").WithIssue(3, "Broken link", "calo-showers").ToJsonString();

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
        Assert.Equal(1, await h.QueryAsync(db => db.DatasetTrackings.CountAsync(t => t.EndedAt != null, Ct)));
    }

    [Fact]
    public async Task Labeled_WithTheDatasetLabel_IsPosted()
    {
        var body = Delivery("issues/labeled.payload.json").WithIssue(11, "Wrong units", "bug", "calo-showers")
            .Set("label.name", "calo-showers")
            .ToJsonString();

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = Assert.Single(await h.DeliverAsync());
        Assert.Contains("was labelled calo-showers by Codertocat", reply.Plain, StringComparison.Ordinal);
    }

    private static JsonObject Delivery(string fixture) => GitHubDeliveries.Load(fixture, Repo);

    private async Task<HttpResponseMessage> PostAsync(string @event, string body, string delivery, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubEndpoints.Path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-GitHub-Hook-ID", "30");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        var sig = signature ?? WebhookSignature.Compute(Secret, bytes);
        if (sig.Length > 0)
        {
            request.Headers.Add(WebhookSignature.Header, sig);
        }

        return await h.Http().SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        var path = h.DatabasePath;
        await h.DisposeAsync();
        GitHubHarness.DeleteDatabase(path);
    }
}
