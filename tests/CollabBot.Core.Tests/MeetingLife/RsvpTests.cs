using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>/meeting rsvp on the demo community: calorimetry/monthly's next date is 2026-12-08 (15:00 Zurich, 14:00 UTC).</summary>
public sealed class RsvpTests
{
    private const string Convener = "console:amara";
    private const string Noah = "console:noah";
    private const string Sofia = "console:sofia";
    private const string Ingrid = "console:ingrid";
    private const string Outsider = "console:chen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rsvp_Member_IsCountedAndANewAnswerReplacesTheOld()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var first = await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly maybe");
        var second = await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly yes --date 2026-12-08");

        AssertStatus(ReplyStatus.Ok, first);
        Assert.StartsWith("You might come to Calorimetry monthly meeting on ", first.Plain, StringComparison.Ordinal);
        Assert.EndsWith(". 0 going, 1 maybe, 0 can't.", first.Plain.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(". 1 going, 0 maybe, 0 can't.", second.Plain.TrimEnd(), StringComparison.Ordinal);
        var rows = await h.QueryAsync(db => db.Rsvps.Where(r => r.Series.Group.Slug == "calorimetry").Select(r => new { r.OccurrenceDate, r.Answer }).ToListAsync(Ct));
        Assert.Equal(("2026-12-08", RsvpAnswer.Yes), (Assert.Single(rows).OccurrenceDate, rows[0].Answer));
    }

    [Fact]
    public async Task Rsvp_Outsider_IsRefused()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Outsider, "/meeting rsvp calorimetry/monthly yes");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.StartsWith("You are not a member of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "calorimetry", Ct)));
    }

    [Fact]
    public async Task Rsvp_BadAnswer_ListsTheValidOnes()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly perhaps");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("yes", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("maybe", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agenda_CountsForEveryoneNamesForConveners()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly yes");
        await h.SayAsync(Sofia, "/meeting rsvp calorimetry/monthly yes");
        await h.SayAsync(Ingrid, "/meeting rsvp calorimetry/monthly no");

        var asOutsider = await h.SayAsync(Outsider, "/meeting agenda calorimetry/monthly");
        var asConvener = await h.SayAsync(Convener, "/meeting agenda calorimetry/monthly");
        var info = await h.SayAsync(Convener, "/meeting info calorimetry/monthly");

        Assert.Contains("RSVPs: 2 going, 0 maybe, 1 can't.", asOutsider.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Going: ", asOutsider.Plain, StringComparison.Ordinal);
        Assert.Contains("Going: Noah Schmidt, Sofia Lindqvist", asConvener.Plain, StringComparison.Ordinal);
        Assert.Contains("Can't: Ingrid", asConvener.Plain, StringComparison.Ordinal);
        Assert.Contains("RSVPs: 2 going, 0 maybe, 1 can't.", info.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_CarriesGoingMaybeCantForTheFirstMeeting_ThatKeepTheMessage()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Noah, "/meeting next calorimetry");

        var id = await h.QueryAsync(db => db.MeetingSeries.Where(s => s.Group.Slug == "calorimetry").OrderBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(Ct));
        Assert.Equal(["Going", "Maybe", "Can't"], reply.Actions!.Select(a => a.Label));
        Assert.All(reply.Actions!, a => Assert.True(a.KeepsMessage));
        Assert.Matches(@"^/meeting rsvp #\d+ yes --date \d{4}-\d{2}-\d{2}$", reply.Actions![0].CommandLine);

        // The button's line runs as it stands.
        var pressed = await h.SayAsync(Noah, reply.Actions![0].CommandLine);
        AssertStatus(ReplyStatus.Ok, pressed);
        Assert.Equal(1, await h.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "calorimetry" && r.Answer == RsvpAnswer.Yes, Ct)));
    }

    [Fact]
    public async Task Move_TellsThoseWhoSaidYesOrMaybe_NotThoseWhoSaidNo()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly yes");
        await h.SayAsync(Sofia, "/meeting rsvp calorimetry/monthly maybe");
        await h.SayAsync(Ingrid, "/meeting rsvp calorimetry/monthly no");

        var moved = await h.SayAsync(Convener, "/meeting move calorimetry/monthly --date 2026-12-08 --to \"2026-12-09 16:00\"");
        var cancelled = await h.SayAsync(Convener, "/meeting cancel calorimetry/monthly --date 2026-12-08");

        AssertStatus(ReplyStatus.Ok, moved);
        Assert.Contains("and 2 who said they come", moved.Plain, StringComparison.Ordinal);
        Assert.Contains("and 2 who said they come", cancelled.Plain, StringComparison.Ordinal);
        var direct = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.DedupeKey!.StartsWith("rsvp:")).Select(m => new { m.Target, m.DedupeKey }).ToListAsync(Ct));
        Assert.Equal([Noah, Noah, Sofia, Sofia], direct.Select(d => d.Target).Order());
        Assert.Equal(2, direct.Count(d => d.DedupeKey!.Contains(":cancelled:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reminder_CarriesTheRsvpButtonsAndTheCounts()
    {
        var slack = new FakePoster("slack");
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync(s => s.AddSingleton<IChatPoster>(slack));
        await h.SayAsync(Noah, "/meeting rsvp calorimetry/monthly yes");
        var reminders = h.Services.GetRequiredService<ReminderService>();
        var start = new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);
        var series = await h.QueryAsync(db => db.MeetingSeries.Where(s => s.Group.Slug == "calorimetry" && s.Slug == "monthly").Select(s => s.Id).SingleAsync(Ct));
        var due = (await reminders.PlanAsync(start.AddDays(-2), start, [series], Ct)).First();
        h.Clock.SetUtcNow(due.DueAt);

        Assert.Equal(ReminderService.Outcome.Queued, await reminders.SendAsync(due, Ct));
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);

        var posted = slack.Posted.Select(p => p.Reply).Single(r => r.Title!.StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("RSVPs: 1 going, 0 maybe, 0 can't.", posted.Plain, StringComparison.Ordinal);
        Assert.Equal([$"/meeting rsvp #{series} yes --date 2026-12-08", $"/meeting rsvp #{series} maybe --date 2026-12-08", $"/meeting rsvp #{series} no --date 2026-12-08"], posted.Actions!.Select(a => a.CommandLine));
    }
}
