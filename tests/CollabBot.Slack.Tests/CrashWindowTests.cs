using System.Text.Json.Nodes;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.Scheduling;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Issue 17 item 6 on Slack: the instance delivering an outbox row dies after Slack accepted the post and before the
/// row was marked sent. The row's claim lapses after <see cref="OutboxDelivery.Lease"/> and another pass takes it
/// over; the post carries the outbox key in its message metadata, so that pass finds it in
/// <c>conversations.history</c> and marks the row sent instead of posting a second copy.
/// </summary>
public sealed class CrashWindowTests
{
    private const string Channel = "C0CRASH001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delivery_KilledAfterSlackAcceptedBeforeMarkedSent_LapsedClaimFindsThePostAndDoesNotPostAgain()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var slack = await StartAsync(clock);
        var id = await QueueAsync(slack, "Standup in 15 minutes");

        // Slack accepts the post; the process "dies" before the answer arrives (the pass is cut off there, as a kill
        // would), so the row stays claimed and pending.
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.AcceptedButUnanswered());
        await DieMidPostAsync(slack, () => slack.Fake.History(Channel).Count == 1);
        var claimed = await RowAsync(slack, id);
        Assert.Equal((OutboundStatus.Pending, 1, null), (claimed.Status, claimed.Attempts, claimed.SentAt));

        // Within the lease nobody touches it; once it lapses, the next pass takes it over.
        Assert.Equal(0, await slack.Get<OutboxDelivery>().DeliverDueAsync(Ct));
        clock.Advance(OutboxDelivery.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await slack.Get<OutboxDelivery>().DeliverDueAsync(Ct));

        var message = Assert.Single(slack.Fake.History(Channel));
        Assert.Equal("Standup in 15 minutes", message["text"]?.GetValue<string>());
        var row = await RowAsync(slack, id);
        Assert.Equal(OutboundStatus.Sent, row.Status);
        Assert.Equal(OutboxPost.KeyOf(row.Id, row.CreatedAt), message["metadata"]?["event_payload"]?["key"]?.GetValue<string>());
        Assert.Equal(OutboxPost.SlackEventType, message["metadata"]?["event_type"]?.GetValue<string>());
        var lookup = Assert.Single(slack.Fake.Calls("conversations.history"));
        Assert.Equal(Channel, lookup.Form["channel"].ToString());
        Assert.Equal("true", lookup.Form["include_all_metadata"].ToString());
        Assert.Single(slack.Fake.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task Delivery_KilledBeforeSlackAccepted_LapsedClaimLooksFindsNothingAndPostsOnce()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var slack = await StartAsync(clock);
        var id = await QueueAsync(slack, "Review at 3");

        // This time the post never got in: Slack was still working on it when the process died.
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.Slow(TimeSpan.FromMinutes(5)));
        await DieMidPostAsync(slack, () => slack.Fake.Calls("chat.postMessage").Count == 1);
        Assert.Empty(slack.Fake.History(Channel));

        clock.Advance(OutboxDelivery.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await slack.Get<OutboxDelivery>().DeliverDueAsync(Ct));

        var message = Assert.Single(slack.Fake.History(Channel));
        Assert.Equal("Review at 3", message["text"]?.GetValue<string>());
        Assert.Single(slack.Fake.Calls("conversations.history"));
        Assert.Equal(2, slack.Fake.Calls("chat.postMessage").Count);
        Assert.Equal(OutboundStatus.Sent, (await RowAsync(slack, id)).Status);
    }

    [Fact]
    public async Task Delivery_FirstAttempt_PostsWithTheKeyInMetadataWithoutLookingFirst()
    {
        await using var slack = await StartAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var id = await QueueAsync(slack, "Hello");

        Assert.Equal(1, await slack.Get<OutboxDelivery>().DeliverDueAsync(Ct));

        var row = await RowAsync(slack, id);
        var post = Assert.Single(slack.Fake.Calls("chat.postMessage"));
        Assert.Equal(OutboxPost.SlackEventType, post.Json["metadata"]?["event_type"]?.GetValue<string>());
        Assert.Equal(OutboxPost.KeyOf(row.Id, row.CreatedAt), post.Json["metadata"]?["event_payload"]?["key"]?.GetValue<string>());
        Assert.Empty(slack.Fake.Calls("conversations.history"));
    }

    /// <summary>The service without its outbox worker, so that the test runs each delivery pass itself.</summary>
    private static Task<SlackService> StartAsync(TimeProvider clock) =>
        SlackService.StartAsync(clock: clock, services: s =>
        {
            foreach (var worker in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxWorker)).ToList())
            {
                s.Remove(worker);
            }
        });

    private static async Task<long> QueueAsync(SlackService slack, string text)
    {
        await using var scope = slack.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await new OutboxWriter(db).ToChannelAsync(new ChannelAddress("slack", FakeSlack.TeamId, Channel), Reply.Message(text), Ct);
        await db.SaveChangesAsync(Ct);
        return await db.OutboundMessages.Where(m => m.Target == Channel).MaxAsync(m => m.Id, Ct);
    }

    /// <summary>Runs a delivery pass and cuts it off, as a kill would, once <paramref name="reached"/> holds.</summary>
    private static async Task DieMidPostAsync(SlackService slack, Func<bool> reached)
    {
        using var kill = new CancellationTokenSource();
        var pass = slack.Get<OutboxDelivery>().DeliverDueAsync(kill.Token);
        await slack.Fake.WaitForAsync(_ => reached(), what: "the post to reach the fake");
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
    }

    private static Task<OutboundMessage> RowAsync(SlackService slack, long id) =>
        slack.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct));
}
