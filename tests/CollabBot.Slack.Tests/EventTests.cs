using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Slack.Tests;

/// <summary><c>POST /slack/events</c>: URL verification, and Slack's retries acknowledged without processing twice.</summary>
public sealed class EventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_UrlVerification_ReturnsChallenge()
    {
        await using var slack = await SlackService.StartAsync();
        var body = Fixture.Text("slack/events/url_verification.json");

        using var response = await slack.PostSignedAsync("/slack/events", body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json["challenge"]?.GetValue<string>());
    }

    [Fact]
    public async Task Events_UnsignedUrlVerification_Is401()
    {
        await using var slack = await SlackService.StartAsync();

        using var response = await slack.PostSignedAsync("/slack/events", Fixture.Text("slack/events/url_verification.json"), "application/json", tamper: r => r.Headers.Remove("X-Slack-Signature"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Events_SameEventRetried_BothAcknowledgedAndProcessedOnce()
    {
        await using var slack = await SlackService.StartAsync();
        const string channel = "C0MENTION1";
        var body = SlackPayloads.AppMention("Ev0TESTMENTION1", channel, Community.Amara, "<@U0TESTBOT1> what can you do?").ToJsonString();

        using var first = await slack.PostSignedAsync("/slack/events", body, "application/json");
        using var retry = await slack.PostSignedAsync("/slack/events", body, "application/json", tamper: r =>
        {
            r.Headers.Add("X-Slack-Retry-Num", "1");
            r.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, await slack.QueryAsync(db => db.InboundDeliveries.CountAsync(d => d.DeliveryId == "Ev0TESTMENTION1", Ct)));
        Assert.Equal(1, await slack.QueryAsync(db => db.OutboundMessages.CountAsync(m => m.Target == channel, Ct)));
        await slack.WaitUntilAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == channel && m.Status == OutboundStatus.Sent, Ct), "the answer to the mention");
        var post = Assert.Single(slack.Fake.Calls("chat.postMessage"), p => p.Channel == channel);
        Assert.Contains("/wg list", post.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_RetryWhoseOriginalNeverArrived_IsProcessed()
    {
        // Slack's retry may be the only copy: it is not dropped just for carrying X-Slack-Retry-Num.
        await using var slack = await SlackService.StartAsync();
        const string channel = "C0MENTION2";
        var body = SlackPayloads.AppMention("Ev0TESTMENTION2", channel, Community.Amara, "<@U0TESTBOT1> hello").ToJsonString();

        using var retry = await slack.PostSignedAsync("/slack/events", body, "application/json", tamper: r => r.Headers.Add("X-Slack-Retry-Num", "2"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await slack.WaitUntilAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == channel && m.Status == OutboundStatus.Sent, Ct), "the answer to the mention");
        Assert.Single(slack.Fake.Calls("chat.postMessage"), p => p.Channel == channel);
    }

    [Fact]
    public async Task Events_SameEventDeliveredConcurrently_ProcessedOnce()
    {
        await using var slack = await SlackService.StartAsync();
        const string channel = "C0MENTION3";
        var body = SlackPayloads.AppMention("Ev0TESTMENTION3", channel, Community.Amara, "<@U0TESTBOT1> hi").ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            slack.PostSignedAsync("/slack/events", body, "application/json", tamper: r =>
            {
                if (i > 0)
                {
                    r.Headers.Add("X-Slack-Retry-Num", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await slack.QueryAsync(db => db.OutboundMessages.CountAsync(m => m.Target == channel, Ct)));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Events_SignedButMalformed_NeverA500()
    {
        string[] bodies =
        [
            """{"type":42}""",
            """{"type":"url_verification","challenge":{"nested":true}}""",
            """{"type":"event_callback","event_id":7,"team_id":"T0DEMO","event":{"type":"app_mention","channel":"C0X"}}""",
            """{"type":"event_callback","event_id":"Ev0BAD0001","team_id":"T0DEMO","event":{"type":["app_mention"],"channel":"C0X"}}""",
            """{"type":"event_callback","event_id":"Ev0BAD0002","team_id":"T0DEMO","event":"app_mention"}""",
            """[1,2,3]""",
            """not json""",
        ];
        await using var slack = await SlackService.StartAsync();

        foreach (var body in bodies)
        {
            using var response = await slack.PostSignedAsync("/slack/events", body, "application/json");

            Assert.True((int)response.StatusCode < 500, $"{body} was answered {(int)response.StatusCode}");
        }
    }
}
