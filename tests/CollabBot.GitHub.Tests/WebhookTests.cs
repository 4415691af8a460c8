using System.Net;
using System.Text;
using CollabBot.GitHub.Tests.Fakes;
using CollabBot.GitHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.GitHub.Tests;

/// <summary><c>POST /github/webhooks</c> through the real endpoint: signature, de-duplication, and posts to tracking channels.</summary>
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
        var body = WebhookPayloads.Issues("opened", Repo, 7, "Shower energies @everyone look off", ["calo-showers", "version:1.1.0"]);

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
        var body = WebhookPayloads.Issues("closed", Repo, 3, "Broken link", ["calo-showers"], state: "closed");
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
        var body = WebhookPayloads.Issues("opened", Repo, 8, "Forged", ["calo-showers"]);

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString(), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
        Assert.Equal(0, await h.QueryAsync(db => db.InboundDeliveries.CountAsync(Ct)));
    }

    [Fact]
    public async Task Delivery_SignedWithTheRightSecretButBodyChanged_Is401()
    {
        var body = WebhookPayloads.Issues("opened", Repo, 9, "Original", ["calo-showers"]);
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
            Content = new StringContent(WebhookPayloads.Ping(Repo), Encoding.UTF8, "application/json"),
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
        using var response = await PostAsync("ping", WebhookPayloads.Ping(Repo), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await h.QueryAsync(db => db.GitHubPollStates.Where(s => s.Dataset.Slug == "calo-showers").Select(s => s.WebhookSeenAt).SingleAsync(Ct));
        Assert.NotNull(seen);
    }

    [Fact]
    public async Task CommentCreated_OnTrackedIssue_IsPostedWithAnExcerpt()
    {
        var body = WebhookPayloads.CommentCreated(Repo, 7, "Shower energies", ["calo-showers"], "Confirmed on v1.1.0.\nThe fix is in #12.");

        using var response = await PostAsync("issue_comment", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = Assert.Single(await h.DeliverAsync());
        Assert.Contains("hubot commented on #7 Shower energies", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Confirmed on v1.1.0. The fix is in #12.", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentCreated_OnPullRequest_IsNotPosted()
    {
        var body = WebhookPayloads.CommentCreated(Repo, 8, "Fix layer 3", ["calo-showers"], "LGTM", onPullRequest: true);

        using var response = await PostAsync("issue_comment", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
    }

    [Theory]
    [InlineData("collab-demo/calo-showers", "bug")]
    [InlineData("collab-demo/other-repo", "calo-showers")]
    public async Task IssueOpened_OtherLabelOrRepository_IsNotPosted(string repository, string label)
    {
        using var response = await PostAsync("issues", WebhookPayloads.Issues("opened", repository, 5, "Elsewhere", [label]), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
    }

    [Fact]
    public async Task Untracked_AfterUntrack_IsNotPosted()
    {
        await h.SayAsync("console:amara", "/dataset untrack calo-showers", GitHubHarness.Channel);

        using var response = await PostAsync("issues", WebhookPayloads.Issues("reopened", Repo, 3, "Broken link", ["calo-showers"]), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.DeliverAsync());
        Assert.Equal(1, await h.QueryAsync(db => db.DatasetTrackings.CountAsync(t => t.EndedAt != null, Ct)));
    }

    [Fact]
    public async Task Labeled_WithTheDatasetLabel_IsPosted()
    {
        var body = WebhookPayloads.Issues("labeled", Repo, 11, "Wrong units", ["bug", "calo-showers"], addedLabel: "calo-showers");

        using var response = await PostAsync("issues", body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = Assert.Single(await h.DeliverAsync());
        Assert.Contains("was labelled calo-showers by octocat", reply.Plain, StringComparison.Ordinal);
    }

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
