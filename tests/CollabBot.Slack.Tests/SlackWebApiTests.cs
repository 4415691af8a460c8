using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>What the service sends to Slack's Web API: bearer token, 429 with Retry-After, pacing, ok:false.</summary>
public sealed class SlackWebApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JoinRequestDm_PostMessageAnswered429ThenOk_DeliveredOnceAfterRetryAfterAndNotDropped()
    {
        await using var slack = await SlackService.StartAsync();
        await CreateReviewGroupAsync(slack);
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.RateLimited(1));

        var (_, reply) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", $"join {ReviewGroup}", slack.Fake.NewResponseUrl()));
        Assert.Contains("closed group", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);

        await slack.WaitUntilAsync(
            db => db.OutboundMessages.AnyAsync(m => m.Target == Identity(Amara) && m.Status != OutboundStatus.Pending, Ct),
            "the join request to reach Amara on Slack");
        var message = await slack.QueryAsync(db => db.OutboundMessages.SingleAsync(m => m.Target == Identity(Amara), Ct));
        Assert.Equal(OutboundStatus.Sent, message.Status);
        Assert.Equal(1, message.Attempts); // the client waited and retried itself; the outbox saw one success
        Assert.Null(message.LastError);

        var posts = slack.Fake.Calls("chat.postMessage").Where(p => p.Channel == Amara).ToList();
        Assert.Equal(2, posts.Count); // the 429, then the one Slack accepted
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(posts[1].At - posts[0].At).TotalMilliseconds} ms, before Retry-After: 1");
        Assert.All(posts, p => Assert.Equal($"Bearer {SlackService.BotToken}", p.Authorization));
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Contains($"<@{Priya}> asks to join Simulation Review ({ReviewGroup})", posts[1].Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await slack.QueryAsync(db => db.OutboundMessages.AnyAsync(m => m.Status == OutboundStatus.Failed, Ct)));
    }

    [Fact]
    public async Task PostMessage_BurstToOneChannel_AllDeliveredAboutOneSecondApart()
    {
        await using var slack = await SlackService.StartAsync();
        var api = slack.Get<SlackApiClient>();
        var message = SlackRenderer.Render(Reply.Message("Reminder"), FakeSlack.TeamId);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.PostMessageAsync("C0BURST001", message, Ct)));

        Assert.All(results, r => Assert.True(r["ok"]!.GetValue<bool>()));
        var posts = slack.Fake.Calls("chat.postMessage");
        Assert.Equal(3, posts.Count);
        for (var i = 1; i < posts.Count; i++)
        {
            Assert.True(posts[i].At - posts[i - 1].At >= TimeSpan.FromMilliseconds(950), $"post {i} came {(posts[i].At - posts[i - 1].At).TotalMilliseconds} ms after the one before");
        }
    }

    [Fact]
    public async Task PostMessage_JsonBody_CarriesChannelTextBlocksAndNoLinkNames()
    {
        await using var slack = await SlackService.StartAsync();

        await slack.Get<SlackApiClient>().PostMessageAsync("C0PLAIN001", SlackRenderer.Render(Reply.Message("Hello"), FakeSlack.TeamId), Ct);

        var post = Assert.Single(slack.Fake.Calls("chat.postMessage"));
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal("C0PLAIN001", post.Json["channel"]?.GetValue<string>());
        Assert.Equal("Hello", post.Json["text"]?.GetValue<string>());
        Assert.IsType<JsonArray>(post.Json["blocks"]);
        Assert.Null(post.Json["link_names"]);
        Assert.Null(post.Json["parse"]);
    }

    [Fact]
    public async Task PostMessage_SlackAnswersOkFalse_ThrowsWithSlacksErrorCode()
    {
        await using var slack = await SlackService.StartAsync();
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.Error("channel_not_found"));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            slack.Get<SlackApiClient>().PostMessageAsync("C0GONE0001", SlackRenderer.Render(Reply.Message("Hello"), FakeSlack.TeamId), Ct));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.Equal("chat.postMessage", ex.Method);
    }

    [Fact]
    public async Task Poster_ChannelGone_IsPermanentFailure()
    {
        await using var slack = await SlackService.StartAsync();
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.Error("is_archived"));
        var poster = slack.Get<IEnumerable<IChatPoster>>().Single(p => p.Platform == "slack");

        await Assert.ThrowsAsync<PermanentPostException>(() => poster.PostToChannelAsync(FakeSlack.TeamId, "C0ARCH0001", Reply.Message("Hello"), new OutboxPost("cb1.000001"), Ct));
    }

    [Fact]
    public async Task PostEphemeral_ToUserInChannel_SendsChannelAndUser()
    {
        await using var slack = await SlackService.StartAsync();

        var result = await slack.Get<SlackApiClient>().PostEphemeralAsync("C0EPHEM001", Amara, SlackRenderer.Render(Reply.Message("Only you"), FakeSlack.TeamId), Ct);

        Assert.True(result["ok"]!.GetValue<bool>());
        var post = Assert.Single(slack.Fake.Calls("chat.postEphemeral"));
        Assert.Equal(Amara, post.Json["user"]?.GetValue<string>());
        Assert.Equal("C0EPHEM001", post.Json["channel"]?.GetValue<string>());
    }
}
