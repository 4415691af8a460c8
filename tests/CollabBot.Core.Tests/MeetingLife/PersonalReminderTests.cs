using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>
/// Personal reminders with a fake clock. calorimetry gets a monthly meeting on the 2nd Tuesday, 15:00 Zurich (14:00 UTC)
/// with channel reminders 1d and 15m before. Amara (convener; console and Slack identities, Europe/Zurich) and Noah
/// (member; console only) are the people who opt in.
/// </summary>
public sealed class PersonalReminderTests
{
    private const string Amara = "console:amara";
    private const string AmaraSlack = "slack:T0DEMO:U0AMARA01";
    private const string Noah = "console:noah";
    private const string Meeting = "calorimetry/monthly-meeting";

    private static readonly DateTimeOffset Start = new(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(CoreHarness H, FakePoster Slack, FakePoster Console) : IAsyncDisposable
    {
        public PersonalReminderService Personal => H.Services.GetRequiredService<PersonalReminderService>();

        public Task DeliverAsync() => H.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);

        public Task<IReadOnlyList<DuePersonalReminder>> Plan(DateTimeOffset from, DateTimeOffset to) => Personal.PlanAsync(from, to, null, Ct);

        public ValueTask DisposeAsync() => H.DisposeAsync();
    }

    private static async Task<Setup> StartAsync()
    {
        var slack = new FakePoster("slack");
        var console = new FakePoster("console");
        var h = await CoreHarness.StartAsync(true, s =>
        {
            s.AddSingleton<IChatPoster>(slack);
            s.AddSingleton<IChatPoster>(console);
        });
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Amara, "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\" --remind 1d,15m"));
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
        slack.Posted.Clear();
        console.Posted.Clear();
        return new Setup(h, slack, console);
    }

    private static Task<int> PersonalRowsAsync(CoreHarness h) =>
        h.QueryAsync(db => db.OutboundMessages.CountAsync(m => m.DedupeKey != null && m.DedupeKey.StartsWith("personal-reminder:"), Ct));

    [Fact]
    public async Task Join_BySomeoneWithDmReminders_PlansTheGroupsMeetingsAgainAtOnce_BySomeoneWithoutThemNot()
    {
        await using var s = await StartAsync();
        var series = await s.H.QueryAsync(db => db.MeetingSeries.Where(m => m.Group.Slug == "calorimetry" && m.Slug == "monthly-meeting").Select(m => m.Id).SingleAsync(Ct));
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync("console:chen", "/profile set --remind 15m"));
        var planned = new List<int>();
        s.H.Services.GetRequiredService<CollabBot.Core.Meetings.MeetingSignal>().SeriesChanged += ids => { lock (planned) { planned.AddRange(ids); } };

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync("console:marcus", "/wg join calorimetry"));
        Assert.Empty(planned);

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync("console:chen", "/wg join calorimetry"));
        Assert.Contains(series, planned);
    }

    [Fact]
    public async Task ProfileSet_Remind_StoredNormalisedTurnsDmOnAndShowsOnProfile()
    {
        await using var s = await StartAsync();

        var set = await s.H.SayAsync(Noah, "/profile set --remind 15m,1d,15m");
        var show = await s.H.SayAsync(Noah, "/profile show");

        AssertStatus(ReplyStatus.Ok, set);
        Assert.Contains("Personal reminders: off → by direct message, 1d and 15m before, for all your groups' meetings", set.Plain, StringComparison.Ordinal);
        Assert.Contains("Personal reminders: by direct message, 1d and 15m before, for all your groups' meetings", show.Plain, StringComparison.Ordinal);
        var noah = await s.H.PersonAsync(Noah);
        Assert.Equal(("1d,15m", ReminderDelivery.Dm, ReminderScope.All), (noah!.RemindOffsets, noah.RemindVia, noah.RemindFor));
    }

    [Fact]
    public async Task ProfileShow_Default_PersonalRemindersOffAndHiddenFromOthers()
    {
        await using var s = await StartAsync();

        var own = await s.H.SayAsync(Noah, "/profile show");
        var others = await s.H.SayAsync(Amara, "/profile show @console:noah");

        Assert.Contains("Personal reminders: off", own.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Personal reminders", others.Plain, StringComparison.Ordinal);
        Assert.Empty(await s.Plan(CoreHarness.Start, Start.AddDays(40)));
    }

    [Theory]
    [InlineData("--remind 5x", "Use durations such as")]
    [InlineData("--remind 1d,2h,3h,4h,5h", "at most 4 times")]
    [InlineData("--remind-via sms", "Use one of: dm, off")]
    [InlineData("--remind-for some", "Use one of: all, rsvp")]
    public async Task ProfileSet_BadReminderSetting_InvalidNamingTheValidValues(string options, string expected)
    {
        await using var s = await StartAsync();

        var reply = await s.H.SayAsync(Noah, "/profile set " + options);

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
        Assert.Equal(ReminderDelivery.Off, (await s.H.PersonAsync(Noah))!.RemindVia);
    }

    [Fact]
    public async Task Dm_TwoPeopleOwnOffsets_EachRemindedOnceInTheirOwnZoneAcrossRestartAndSecondInstance()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Amara, "/profile set --remind 15m"));
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/profile set --remind 1h --tz America/Chicago"));

        var planned = await s.Plan(Start.AddDays(-2), Start);
        Assert.Equal([Start.AddHours(-1), Start.AddMinutes(-15)], planned.Select(p => p.DueAt));

        foreach (var due in planned)
        {
            s.H.Clock.SetUtcNow(due.DueAt);
            Assert.Equal(ReminderService.Outcome.Queued, await s.Personal.SendAsync(due, Ct));

            // A restart re-plans from the catch-up window and fires again; a second instance does the same.
            var again = Assert.Single(await s.Plan(due.DueAt - TimeSpan.FromMinutes(30), due.DueAt), p => p.Key == due.Key);
            Assert.Equal(ReminderService.Outcome.AlreadySent, await s.Personal.SendAsync(again, Ct));
            await using var other = s.H.AnotherInstance();
            Assert.Equal(ReminderService.Outcome.AlreadySent, await other.GetRequiredService<PersonalReminderService>().SendAsync(due, Ct));
            await s.DeliverAsync();
            await s.DeliverAsync();
        }

        Assert.Equal(2, await PersonalRowsAsync(s.H));
        var toAmara = Assert.Single(s.Slack.Posted);
        Assert.Equal(AmaraSlack, toAmara.Target);
        Assert.StartsWith("Reminder: Monthly meeting in 15m", toAmara.Reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Starts: Tue 2026-12-08 15:00 Europe/Zurich", toAmara.Reply.Plain, StringComparison.Ordinal);
        var toNoah = Assert.Single(s.Console.Posted);
        Assert.Equal(Noah, toNoah.Target);
        Assert.StartsWith("Reminder: Monthly meeting in 1h", toNoah.Reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Starts: Tue 2026-12-08 08:00 America/Chicago", toNoah.Reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Group's time: Tue 2026-12-08 15:00 Europe/Zurich", toNoah.Reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg mute calorimetry", toNoah.Reply.Plain, StringComparison.Ordinal);
        Assert.Equal(["Going", "Maybe", "Can't"], toNoah.Reply.Actions!.Select(a => a.Label));
    }

    [Fact]
    public async Task Dm_NoOwnOffsets_FollowsTheSeriesOffsets()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/profile set --remind-via dm"));

        var planned = await s.Plan(Start.AddDays(-2), Start);

        Assert.Equal([Start.AddDays(-1), Start.AddMinutes(-15)], planned.Select(p => p.DueAt));
        Assert.All(planned, p => Assert.Equal(planned[0].PersonId, p.PersonId));
    }

    [Fact]
    public async Task Move_Occurrence_RemindedOnceForTheNewTimeAndNotForTheOld()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Amara, "/profile set --remind 15m"));
        var old = Assert.Single(await s.Plan(Start.AddDays(-2), Start));

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Amara, $"/meeting move {Meeting} --date 2026-12-08 --to \"2026-12-09 16:00\""));
        var newStart = new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero);
        var moved = Assert.Single(await s.Plan(Start.AddDays(-2), newStart));

        Assert.Equal(newStart.AddMinutes(-15), moved.DueAt);
        s.H.Clock.SetUtcNow(old.DueAt);
        Assert.Equal(ReminderService.Outcome.Gone, await s.Personal.SendAsync(old, Ct));
        s.H.Clock.SetUtcNow(moved.DueAt);
        Assert.Equal(ReminderService.Outcome.Queued, await s.Personal.SendAsync(moved, Ct));
        Assert.Equal(ReminderService.Outcome.AlreadySent, await s.Personal.SendAsync(Assert.Single(await s.Plan(moved.DueAt.AddMinutes(-30), moved.DueAt)), Ct));
        await s.DeliverAsync();

        var dm = Assert.Single(s.Slack.Posted, p => p.Reply.Plain.StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("Starts: Wed 2026-12-09 16:00 Europe/Zurich", dm.Reply.Plain, StringComparison.Ordinal);
        Assert.Equal(1, await PersonalRowsAsync(s.H));
    }

    [Fact]
    public async Task Mute_Group_NoPersonalRemindersUntilUnmuted()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/profile set --remind 15m"));
        var due = Assert.Single(await s.Plan(Start.AddDays(-2), Start));

        var mute = await s.H.SayAsync(Noah, "/wg mute calorimetry");
        var twice = await s.H.SayAsync(Noah, "/wg mute calorimetry");
        var show = await s.H.SayAsync(Noah, "/profile show");

        AssertStatus(ReplyStatus.Ok, mute);
        Assert.StartsWith("Muted calorimetry: no personal reminders for its meetings", mute.Plain, StringComparison.Ordinal);
        Assert.StartsWith("calorimetry is already muted", twice.Plain, StringComparison.Ordinal);
        Assert.Contains("Muted groups: calorimetry", show.Plain, StringComparison.Ordinal);
        Assert.Empty(await s.Plan(Start.AddDays(-2), Start));
        s.H.Clock.SetUtcNow(due.DueAt);
        Assert.Equal(ReminderService.Outcome.Gone, await s.Personal.SendAsync(due, Ct));

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/wg unmute calorimetry"));
        Assert.Equal(ReminderService.Outcome.Queued, await s.Personal.SendAsync(Assert.Single(await s.Plan(Start.AddDays(-2), Start)), Ct));
    }

    [Fact]
    public async Task Mute_NotAMember_RefusedOrInvalidAndNothingChanges()
    {
        await using var s = await StartAsync();

        var reply = await s.H.SayAsync(Noah, "/wg mute jet-tagging");

        Assert.NotEqual(ReplyStatus.Ok, reply.Status);
        Assert.Contains("jet-tagging", reply.Plain, StringComparison.Ordinal);
        Assert.False(await s.H.QueryAsync(db => db.Memberships.AnyAsync(m => m.RemindersMuted, Ct)));
    }

    [Fact]
    public async Task RemindForRsvp_OnlyOccurrencesAnsweredYesOrMaybe()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/profile set --remind 15m --remind-for rsvp"));
        Assert.Empty(await s.Plan(Start.AddDays(-2), Start));

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, $"/meeting rsvp {Meeting} maybe --date 2026-12-08"));
        var due = Assert.Single(await s.Plan(Start.AddDays(-2), Start));
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, $"/meeting rsvp {Meeting} no --date 2026-12-08"));

        Assert.Empty(await s.Plan(Start.AddDays(-2), Start));
        s.H.Clock.SetUtcNow(due.DueAt);
        Assert.Equal(ReminderService.Outcome.Gone, await s.Personal.SendAsync(due, Ct));

        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, $"/meeting rsvp {Meeting} yes --date 2026-12-08"));
        Assert.Equal(ReminderService.Outcome.Queued, await s.Personal.SendAsync(due, Ct));
        await s.DeliverAsync();
        Assert.Contains("You said: going", Assert.Single(s.Console.Posted).Reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindViaOff_StopsPlannedRemindersAndKeepsTheTimes()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Noah, "/profile set --remind 15m"));
        var due = Assert.Single(await s.Plan(Start.AddDays(-2), Start));

        var off = await s.H.SayAsync(Noah, "/profile set --remind-via off");

        Assert.Contains("→ off (your times, 15m before, are your calendar feed's alarms)", off.Plain, StringComparison.Ordinal);
        Assert.Empty(await s.Plan(Start.AddDays(-2), Start));
        s.H.Clock.SetUtcNow(due.DueAt);
        Assert.Equal(ReminderService.Outcome.Gone, await s.Personal.SendAsync(due, Ct));
        await s.DeliverAsync();
        Assert.Empty(s.Console.Posted);
        Assert.Equal(0, await PersonalRowsAsync(s.H));
    }

    [Fact]
    public async Task Dm_PersonLinkedOnTwoPlatforms_OneCopyOnTheFirstChatAccount()
    {
        await using var s = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await s.H.SayAsync(Amara, "/profile set --remind 15m"));
        var due = Assert.Single(await s.Plan(Start.AddDays(-2), Start));
        s.H.Clock.SetUtcNow(due.DueAt);

        Assert.Equal(ReminderService.Outcome.Queued, await s.Personal.SendAsync(due, Ct));
        await s.DeliverAsync();

        Assert.Equal(AmaraSlack, Assert.Single(s.Slack.Posted).Target);
        Assert.Empty(s.Console.Posted);
    }
}
