using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Docs;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Outbox;

/// <summary>
/// The one writer of outbound messages: to a channel, to a group's linked channels, to a person's direct messages;
/// dedupe keys keep each target to one row, the due time is a column and holds delivery back until it comes.
/// The seeded calorimetry group has a Slack and a Discord channel linked; Amara has a console and a Slack identity.
/// </summary>
public sealed class OutboxWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> WriteAsync<T>(CoreHarness h, Func<OutboxWriter, CollabBotDbContext, Task<T>> write)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var result = await write(new OutboxWriter(db), db);
        await db.SaveChangesAsync(Ct);
        return result;
    }

    private static Task<List<OutboundMessage>> RowsAsync(CoreHarness h) =>
        h.QueryAsync(db => db.OutboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct));

    [Fact]
    public async Task ToGroupChannels_SameKeyWrittenTwice_EachLinkedChannelQueuedOnceUnderItsOwnKey()
    {
        await using var h = await CoreHarness.StartAsync();
        var send = new SendOptions(DedupeKey: "digest:calorimetry:2026-w48");

        var first = await WriteAsync(h, async (w, db) => await w.ToGroupChannelsAsync(await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct), Reply.Message("Digest"), send, Ct));
        var second = await WriteAsync(h, async (w, db) => await w.ToGroupChannelsAsync(await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct), Reply.Message("Digest"), send, Ct));

        var rows = await RowsAsync(h);
        Assert.Equal(2, first);
        Assert.Equal(0, second);
        Assert.Equal(["discord", "slack"], rows.Select(r => r.Platform).Order());
        Assert.All(rows, r => Assert.Equal($"digest:calorimetry:2026-w48:{r.Platform}:{r.Tenant}:{r.Target}", r.DedupeKey));
        Assert.All(rows, r => Assert.False(r.IsDirect));
    }

    [Fact]
    public async Task ToChannel_KeyAlreadyQueuedInThisWriter_AddsNothingAndSaysSo()
    {
        await using var h = await CoreHarness.StartAsync();
        var channel = new ChannelAddress("slack", "T0DEMO0001", "C0DIGEST01");

        var (first, second) = await WriteAsync(h, async (w, _) => (
            await w.ToChannelAsync(channel, Reply.Message("One"), new SendOptions("issue:7:opened"), Ct),
            await w.ToChannelAsync(channel, Reply.Message("One again"), new SendOptions("issue:7:opened"), Ct)));

        Assert.True(first);
        Assert.False(second);
        var row = Assert.Single(await RowsAsync(h));
        Assert.Equal("issue:7:opened", row.DedupeKey);
        Assert.Equal(("slack", "T0DEMO0001", "C0DIGEST01"), (row.Platform, row.Tenant, row.Target));
    }

    [Fact]
    public async Task ToPerson_WithKey_OneDirectMessagePerIdentityKeyedByIdentity()
    {
        await using var h = await CoreHarness.StartAsync();
        var amara = await h.PersonAsync("console:amara");
        Assert.NotNull(amara);

        var added = await WriteAsync(h, (w, _) => w.ToPersonAsync(amara, Reply.Message("Your weekly digest"), new SendOptions("dm-digest:2026-w48"), Ct));

        var rows = await RowsAsync(h);
        Assert.Equal(rows.Count, added);
        Assert.Contains(rows, r => r.Platform == "console" && r.Target == "console:amara");
        Assert.All(rows, r => Assert.True(r.IsDirect));
        Assert.All(rows, r => Assert.Equal($"dm-digest:2026-w48:{r.Target}", r.DedupeKey));
        Assert.All(rows.Where(r => r.Platform == "slack"), r => Assert.Equal(r.Target.Split(':')[1], r.Tenant));
    }

    [Fact]
    public async Task DueAt_InTheFuture_StoredAndNotDeliveredBeforeItComes()
    {
        var poster = new FakePoster("slack");
        await using var h = await CoreHarness.StartAsync(true, s => s.AddSingleton<IChatPoster>(poster));
        var due = CoreHarness.Start.AddHours(2);
        await WriteAsync(h, (w, _) => w.ToChannelAsync(new ChannelAddress("slack", "T0DEMO0001", "C0LATER001"), Reply.Message("Later"), new SendOptions(DueAt: due), Ct));
        var delivery = h.Services.GetRequiredService<OutboxDelivery>();

        Assert.Equal(0, await delivery.DeliverDueAsync(Ct));
        h.Clock.SetUtcNow(due);
        Assert.Equal(1, await delivery.DeliverDueAsync(Ct));

        var row = Assert.Single(await RowsAsync(h));
        Assert.Equal(due, row.DueAt);
        Assert.Equal(CoreHarness.Start, row.CreatedAt);
        Assert.Equal(OutboundStatus.Sent, row.Status);
        Assert.Equal("Later", Assert.Single(poster.Posted).Reply.Plain);
    }

    [Fact]
    public async Task Reminder_Queued_RowsCarryTheReminderDueTimeAndGiveUpAtTheStart()
    {
        await using var h = await CoreHarness.StartAsync();
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\" --remind 15m")).Status);
        var reminders = h.Services.GetRequiredService<ReminderService>();
        var due = Assert.Single(await reminders.PlanAsync(CoreHarness.Start, CoreHarness.Start.AddDays(20), null, Ct));
        h.Clock.SetUtcNow(due.DueAt + TimeSpan.FromMinutes(1));

        Assert.Equal(ReminderService.Outcome.Queued, await reminders.SendAsync(due, Ct));

        var rows = (await RowsAsync(h)).Where(r => r.DedupeKey?.StartsWith("reminder:", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(due.DueAt, r.DueAt));
        Assert.All(rows, r => Assert.Equal(due.Start, r.GiveUpAt));
        Assert.All(rows, r => Assert.Equal(due.DueAt + TimeSpan.FromMinutes(1), r.NextAttemptAt));
        Assert.All(rows, r => Assert.Equal($"reminder:{due.Key}:{r.Platform}:{r.Tenant}:{r.Target}", r.DedupeKey));
    }

    /// <summary>One rule, one place: no code in src/ but the writer creates outbound rows (reminders, endpoints and commands all call it).</summary>
    [Fact]
    public void Source_OutboundRows_AreCreatedOnlyByTheWriter()
    {
        var writers = Directory.EnumerateFiles(RepoFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("new OutboundMessage", StringComparison.Ordinal) || text.Contains("OutboundMessages.Add", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(RepoFiles.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.Equal(["src/CollabBot.Core/Outbox/OutboxWriter.cs"], writers);
    }
}
