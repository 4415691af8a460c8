using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.GitHub.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollabBot.GitHub.Tests;

/// <summary>
/// <c>POST /github/webhooks</c> against what GitHub never sends: bodies too large to hold, and payloads signed with
/// the right secret that do not parse. Each gets a 4xx with a reason, never a 500, and a large body is refused
/// without being read whole.
/// </summary>
public sealed class WebhookBoundsTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";
    private const string Repo = "collab-demo/calo-showers";
    private const string FakeSignature = "sha256=0000000000000000000000000000000000000000000000000000000000000000";
    private GitHubHarness h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => h = await GitHubHarness.StartAsync(null, Secret);

    public async ValueTask DisposeAsync()
    {
        var path = h.DatabasePath;
        await h.DisposeAsync();
        GitHubHarness.DeleteDatabase(path);
    }

    [Theory]
    [InlineData("issues")]
    [InlineData("push")]
    public async Task Delivery_Unsigned25MBBody_Is401WithoutReadingTheBody(string @event)
    {
        var body = new EndlessBody(25 * 1000 * 1000);

        using var response = await SendAsync(@event, new StreamContent(body), signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(body.BytesRead < 1024 * 1024, $"{body.BytesRead} bytes of an unsigned body were read before it was refused.");
    }

    [Fact]
    public async Task IssuesDelivery_EndlessBodyWithAForgedSignature_Is413AfterAtMostTheLimit()
    {
        var body = new EndlessBody(1L << 32);

        using var response = await SendAsync("issues", new StreamContent(body), FakeSignature);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1024 KiB", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(body.BytesRead < GitHubEndpoints.MaxHandledBody + (1024 * 1024), $"{body.BytesRead} bytes were read for a body limited to {GitHubEndpoints.MaxHandledBody}.");
    }

    [Fact]
    public async Task IssuesDelivery_DeclaredLargerThanTheLimit_Is413()
    {
        using var content = new ByteArrayContent(new byte[GitHubEndpoints.MaxHandledBody + 1]);

        using var response = await SendAsync("issues", content, FakeSignature);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task OtherEvent_BodyPastGitHubsCap_Is413AfterAtMostTheCap()
    {
        var body = new EndlessBody(1L << 32);

        using var response = await SendAsync("push", new StreamContent(body), FakeSignature);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.BytesRead < GitHubEndpoints.MaxBody + (1024 * 1024), $"{body.BytesRead} bytes were read for a body limited to {GitHubEndpoints.MaxBody}.");
    }

    [Fact]
    public async Task OtherEvent_SignedLargeBody_IsVerifiedAsItStreamsAndAcknowledged()
    {
        // Larger than what is held for the events CollabBot reads, so this one is hashed, not buffered.
        var payload = Encoding.UTF8.GetBytes(new JsonObject { ["ref"] = "refs/heads/main", ["padding"] = new string('x', 3 * 1024 * 1024) }.ToJsonString());

        using var signed = await SendAsync("push", new ByteArrayContent(payload), WebhookSignature.Compute(Secret, payload));
        using var forged = await SendAsync("push", new ByteArrayContent(payload), WebhookSignature.Compute("another secret", payload));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains("does not use push events", await signed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "issues", "{not json", "could not be read" },
        { "issues", "", "could not be read" },
        { "issues", "[1, 2]", "could not be read" },
        { "ping", PingWithout("hook"), "hook" },
        { "issues", IssuesWithout("issue"), "issue" },
        { "issues", IssuesWithout("action"), "action" },
        { "issues", IssuesWithout("repository"), "repository" },
        { "issue_comment", CommentWithout("issue"), "issue" },
        { "issues", IssuesWithIssueField("number", "seven"), "could not be read" },
        { "issues", IssuesWithIssueField("created_at", "yesterday"), "could not be read" },
        { "issues", IssuesWithIssueField("labels", "calo-showers"), "could not be read" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Delivery_SignedButMalformed_Is400WithTheReasonAndLogged(string @event, string payload, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var delivery = Guid.NewGuid().ToString();

        using var response = await SendAsync(@event, new ByteArrayContent(bytes), WebhookSignature.Compute(Secret, bytes), delivery);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        var logged = Assert.Single(h.Logs.GetSnapshot(), r => r.Message.Contains(delivery, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Empty(await h.DeliverAsync());
    }

    [Theory]
    [InlineData(null, "application/json", "X-GitHub-Event")]
    [InlineData("issues", "application/x-www-form-urlencoded", "application/json")]
    public async Task Delivery_SignedWithoutEventOrAsAForm_IsRefusedWithTheReason(string? @event, string contentType, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(Opened().ToJsonString());
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await SendAsync(@event, content, WebhookSignature.Compute(Secret, bytes));

        Assert.True((int)response.StatusCode is 400 or 415, $"{(int)response.StatusCode}");
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuesDelivery_SignedWithoutDeliveryId_Is400AndNothingIsRecorded()
    {
        var bytes = Encoding.UTF8.GetBytes(Opened().ToJsonString());

        using var response = await SendAsync("issues", new ByteArrayContent(bytes), WebhookSignature.Compute(Secret, bytes), delivery: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-GitHub-Delivery", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.InboundDeliveries.CountAsync(Ct)));
    }

    /// <summary>GitHub's example <c>issues</c> <c>opened</c> delivery, for the tracked dataset.</summary>
    private static JsonObject Opened() => GitHubDeliveries.Load("issues/opened.payload.json", Repo).WithIssue(7, "Title", "calo-showers");

    private static string PingWithout(string field) => GitHubDeliveries.Load("ping/payload.json", Repo).Without(field).ToJsonString();

    private static string IssuesWithout(string field) => Opened().Without(field).ToJsonString();

    private static string CommentWithout(string field) => GitHubDeliveries.Load("issue_comment/created.payload.json", Repo).WithIssue(7, "Title", "calo-showers").Without(field).ToJsonString();

    private static string IssuesWithIssueField(string field, string value) => Opened().Set("issue." + field, value).ToJsonString();

    private async Task<HttpResponseMessage> SendAsync(string? @event, HttpContent content, string? signature, string? delivery = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubEndpoints.Path) { Content = content };
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        if (@event is not null)
        {
            request.Headers.Add("X-GitHub-Event", @event);
        }

        delivery ??= Guid.NewGuid().ToString();
        if (delivery.Length > 0)
        {
            request.Headers.Add("X-GitHub-Delivery", delivery);
        }

        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        return await h.Http().SendAsync(request, Ct);
    }
}
