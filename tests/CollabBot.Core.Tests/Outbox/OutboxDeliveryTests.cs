using System.Collections.Concurrent;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Core.Tests.Outbox;

/// <summary>
/// Issue 17 item 4: a delivery pass claims its batch in one commit, posts to several channels at once while each
/// channel gets its messages one after another in order, and a reminder queued ahead of its due instant is posted at
/// that instant, not before.
/// </summary>
public sealed class OutboxDeliveryTests
{
    // 2026-12-08 is the 2nd Tuesday; 15:00 Zurich = 14:00 UTC. The seeded calorimetry group has a Slack and a Discord channel.
    private static readonly DateTimeOffset MeetingStart = new(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deliver_ThreeChannelsFiveMessagesEach_PostsChannelsAtOnceEachInOrderOneAtATime()
    {
        var poster = new LanePoster("slack", rendezvous: 3);
        await using var h = await CoreHarness.StartAsync(true, s => s.AddSingleton<IChatPoster>(poster));
        string[] channels = ["C0LANE0001", "C0LANE0002", "C0LANE0003"];
        await QueueAsync(h, channels.SelectMany(c => Enumerable.Range(1, 5).Select(i => (c, $"{c} #{i}"))));

        var sent = await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);

        // The first post to each channel waits until all three are in flight: posted one at a time, they time out.
        Assert.Equal(15, sent);
        Assert.Equal(3, poster.MostInFlight);
        Assert.Equal(1, poster.MostInFlightPerChannel);
        foreach (var channel in channels)
        {
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{channel} #{i}"), poster.Posts(channel));
        }

        var rows = await h.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.Target.StartsWith("C0LANE")).ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal((OutboundStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task Deliver_TwoInstancesOnOneDatabaseAtOnce_EachMessagePostedOnce()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this: on SQLite the two instances share one connection and cannot race.");
        }

        var here = new LanePoster("slack");
        var there = new LanePoster("slack");
        await using var h = await CoreHarness.StartAsync(true, s => s.AddSingleton<IChatPoster>(here));
        await using var other = h.AnotherInstance();
        var otherDelivery = new OutboxDelivery(other.GetRequiredService<IServiceScopeFactory>(), [there], h.Clock, NullLogger<OutboxDelivery>.Instance);
        var messages = Enumerable.Range(0, 300).Select(i => ($"C0RACE{i % 40:0000}", $"race {i}")).ToList();
        await QueueAsync(h, messages);

        // Passes side by side, as the two workers run them: each claims a batch, and goes again while it got one.
        var sent = 0;
        for (var round = 0; round < 30; round++)
        {
            var passes = await Task.WhenAll(
                h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct),
                otherDelivery.DeliverDueAsync(Ct));
            sent += passes.Sum();
            if (passes.Sum() == 0)
            {
                break;
            }
        }

        var posted = here.All.Concat(there.All).ToList();
        Assert.Equal(300, sent);
        Assert.Equal(messages.Select(m => m.Item2).Order(), posted.Order());
        Assert.NotEmpty(here.All);
        Assert.NotEmpty(there.All);
        var rows = await h.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.Target.StartsWith("C0RACE")).ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal((OutboundStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task Deliver_RowsAnotherWorkerIsClaimingUncommitted_SkippedNotWaitedForNorPosted()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this: SQLite has one writer, so no claim is ever in flight beside another.");
        }

        var poster = new LanePoster("slack");
        await using var h = await CoreHarness.StartAsync(true, s => s.AddSingleton<IChatPoster>(poster));
        await QueueAsync(h, Enumerable.Range(0, 60).Select(i => ($"C0SKIP{i % 6:0000}", $"skip {i}")));

        // Another worker's claim of the first 20 rows, made and not yet committed.
        await using var scope = h.Services.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await using var claim = await other.Database.BeginTransactionAsync(Ct);
        var first = await other.OutboundMessages.Where(m => m.Target.StartsWith("C0SKIP")).OrderBy(m => m.Id).Take(20).Select(m => m.Id).ToListAsync(Ct);
        await other.OutboundMessages.Where(m => first.Contains(m.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.NextAttemptAt, h.Clock.GetUtcNow() + OutboxDelivery.Lease), Ct);

        // Passes as the worker runs them (again while a pass got a whole batch), none waiting on the other's claim.
        var sent = 0;
        for (var pass = 0; pass < 5; pass++)
        {
            var got = await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
            sent += got;
            if (got < OutboxDelivery.BatchSize)
            {
                break;
            }
        }

        await claim.CommitAsync(Ct);

        Assert.Equal(40, sent);
        Assert.Equal(Enumerable.Range(20, 40).Select(i => $"skip {i}").Order(), poster.All.Order());
        Assert.Equal(0, await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct));
    }

    [Fact]
    public async Task Reminder_QueuedAheadOfItsDueInstant_PostedAtThatInstantNotBefore()
    {
        var (h, slack, discord) = await StartWithMeetingAsync();
        await using var _h = h;
        var reminders = h.Services.GetRequiredService<ReminderService>();
        var delivery = h.Services.GetRequiredService<OutboxDelivery>();
        var due = (await reminders.PlanAsync(MeetingStart.AddDays(-2), MeetingStart, null, Ct)).Last();

        // Earlier than the trigger fires: not due. From FireAhead before the instant: queued, due at the instant.
        h.Clock.SetUtcNow(due.DueAt - ReminderService.FireAhead - TimeSpan.FromSeconds(1));
        Assert.Equal(ReminderService.Outcome.NotDue, await reminders.SendAsync(due, Ct));
        h.Clock.SetUtcNow(due.DueAt - ReminderService.FireAhead);
        Assert.Equal(ReminderService.Outcome.Queued, await reminders.SendAsync(due, Ct));
        var rows = await ReminderRowsAsync(h);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(due.DueAt, r.NextAttemptAt));
        Assert.Equal(0, await delivery.DeliverDueAsync(Ct));

        // Within ClaimAhead of the instant a pass claims the rows, and holds the posts until the instant comes.
        h.Clock.SetUtcNow(due.DueAt - OutboxDelivery.ClaimAhead / 2);
        var pass = delivery.DeliverDueAsync(Ct);
        await Task.Delay(300, Ct);
        Assert.False(pass.IsCompleted, "the pass posted before the due instant");
        Assert.Empty(slack.Posted);
        Assert.Empty(discord.Posted);
        h.Clock.Advance(OutboxDelivery.ClaimAhead / 2);
        Assert.Equal(2, await pass.WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.Equal([due.DueAt], slack.Times);
        Assert.Equal([due.DueAt], discord.Times);
        Assert.All(await ReminderRowsAsync(h), r => Assert.Equal((OutboundStatus.Sent, due.DueAt), (r.Status, r.SentAt)));
    }

    [Fact]
    public async Task Reminder_QueuedAheadThenRestartedAndFiredAgainAtItsInstant_PostedOnce()
    {
        var (h, slack, discord) = await StartWithMeetingAsync();
        await using var _h = h;
        var due = (await h.Services.GetRequiredService<ReminderService>().PlanAsync(MeetingStart.AddDays(-2), MeetingStart, null, Ct)).Last();
        h.Clock.SetUtcNow(due.DueAt - ReminderService.FireAhead);
        Assert.Equal(ReminderService.Outcome.Queued, await h.Services.GetRequiredService<ReminderService>().SendAsync(due, Ct));

        // The instance stops before the instant; the next one re-plans and fires the same reminder at the instant.
        await using var restarted = h.AnotherInstance();
        h.Clock.SetUtcNow(due.DueAt);
        Assert.Equal(ReminderService.Outcome.AlreadySent, await restarted.GetRequiredService<ReminderService>().SendAsync(due, Ct));
        var delivery = new OutboxDelivery(restarted.GetRequiredService<IServiceScopeFactory>(), [slack, discord], h.Clock, NullLogger<OutboxDelivery>.Instance);
        Assert.Equal(2, await delivery.DeliverDueAsync(Ct));
        h.Clock.Advance(OutboxDelivery.Lease + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await delivery.DeliverDueAsync(Ct));

        Assert.Single(slack.Times);
        Assert.Single(discord.Times);
        Assert.Equal(2, (await ReminderRowsAsync(h)).Count);
    }

    private static async Task QueueAsync(CoreHarness h, IEnumerable<(string Channel, string Text)> messages)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var writer = new OutboxWriter(db);
        foreach (var (channel, text) in messages)
        {
            await writer.ToChannelAsync(new ChannelAddress("slack", "T0DEMO0001", channel), Reply.Message(text), Ct);
        }

        await db.SaveChangesAsync(Ct);
    }

    private static async Task<(CoreHarness H, TimedPoster Slack, TimedPoster Discord)> StartWithMeetingAsync()
    {
        var h = await CoreHarness.StartAsync(true, s =>
        {
            s.AddSingleton<IChatPoster>(sp => new TimedPoster("slack", sp.GetRequiredService<TimeProvider>()));
            s.AddSingleton<IChatPoster>(sp => new TimedPoster("discord", sp.GetRequiredService<TimeProvider>()));
        });
        var reply = await h.SayAsync("console:amara", "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\" --remind 15m");
        Assert.Equal(ReplyStatus.Ok, reply.Status);
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
        var posters = h.Services.GetServices<IChatPoster>().OfType<TimedPoster>().ToList();
        posters.ForEach(p => p.Clear());
        return (h, posters.Single(p => p.Platform == "slack"), posters.Single(p => p.Platform == "discord"));
    }

    private static Task<List<OutboundMessage>> ReminderRowsAsync(CoreHarness h) =>
        h.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith("reminder:")).ToListAsync(Ct));

    /// <summary>Records when (on the service's clock) each post was made.</summary>
    private sealed class TimedPoster(string platform, TimeProvider clock) : IChatPoster
    {
        private readonly ConcurrentQueue<DateTimeOffset> times = new();

        public string Platform { get; } = platform;

        public ConcurrentQueue<Reply> Posted { get; } = new();

        public IReadOnlyList<DateTimeOffset> Times => [.. times];

        public void Clear()
        {
            Posted.Clear();
            times.Clear();
        }

        public Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken)
        {
            times.Enqueue(clock.GetUtcNow());
            Posted.Enqueue(reply);
            return Task.CompletedTask;
        }

        public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken) =>
            PostToChannelAsync(tenant, identity, reply, post, cancellationToken);
    }

    /// <summary>
    /// Records each channel's posts in the order they were made and how many posts were in flight at once, overall and
    /// per channel; with a rendezvous, the first post to a channel waits (10 s at most) until that many channels are posting.
    /// </summary>
    private sealed class LanePoster(string platform, int rendezvous = 0) : IChatPoster
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, List<string>> byChannel = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource together = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int flying;

        public string Platform { get; } = platform;

        public int MostInFlight { get; private set; }

        public int MostInFlightPerChannel { get; private set; }

        public IReadOnlyList<string> All
        {
            get
            {
                lock (gate)
                {
                    return [.. byChannel.Values.SelectMany(p => p)];
                }
            }
        }

        public IReadOnlyList<string> Posts(string channel)
        {
            lock (gate)
            {
                return [.. byChannel.GetValueOrDefault(channel, [])];
            }
        }

        public async Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken)
        {
            bool first;
            lock (gate)
            {
                first = !byChannel.ContainsKey(channelId) && !inFlight.ContainsKey(channelId);
                inFlight[channelId] = inFlight.GetValueOrDefault(channelId) + 1;
                flying++;
                MostInFlight = Math.Max(MostInFlight, flying);
                MostInFlightPerChannel = Math.Max(MostInFlightPerChannel, inFlight[channelId]);
                if (rendezvous > 0 && inFlight.Count >= rendezvous)
                {
                    together.TrySetResult();
                }
            }

            try
            {
                if (first && rendezvous > 0)
                {
                    await together.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }

                // Time for a second post to the same channel to overlap this one, were the lanes not kept.
                await Task.Delay(5, cancellationToken);
                lock (gate)
                {
                    if (!byChannel.TryGetValue(channelId, out var posts))
                    {
                        byChannel[channelId] = posts = [];
                    }

                    posts.Add(reply.Plain);
                }
            }
            finally
            {
                lock (gate)
                {
                    flying--;
                    if (--inFlight[channelId] == 0)
                    {
                        inFlight.Remove(channelId);
                    }
                }
            }
        }

        public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken) =>
            PostToChannelAsync(tenant, identity, reply, post, cancellationToken);
    }
}
