using System.Globalization;
using CollabBot.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using CollabBot.Slack.Tests.Support;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// A personal reminder on Slack, through the real outbox worker against the fake Web API: Amara (calorimetry's
/// convener, linked on Slack and the console) asks for 15 minutes' notice; a meeting 13 minutes ahead makes the
/// reminder due a moment ago, as after a restart; firing it again (a second plan, a second instance) posts nothing more.
/// </summary>
public sealed class PersonalReminderDmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PersonalReminder_OptedIn_OneDirectMessageOnSlackWhateverHowOftenItFires()
    {
        await using var slack = await SlackService.StartAsync();
        await slack.SayAsync("console:amara", "/profile set --remind 15m");
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(13);
        await slack.SayAsync("console:amara", $"/meeting schedule calorimetry \"DM check\" --when \"{start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\" --tz UTC");
        var personal = slack.Get<PersonalReminderService>();

        var seriesId = await slack.QueryAsync(db => db.MeetingSeries.Where(m => m.Group.Slug == "calorimetry" && m.Slug == "dm-check").Select(m => m.Id).SingleAsync(Ct));

        // The demo's own meetings may have a reminder due now too: only this meeting's are looked at.
        var due = Assert.Single(await personal.PlanAsync(now - TimeSpan.FromMinutes(30), TimeProvider.System.GetUtcNow(), [seriesId], Ct));
        Assert.Equal(ReminderService.Outcome.Queued, await personal.SendAsync(due, Ct));
        bool IsReminder(SlackRequest r) => r.Method == "chat.postMessage" && r.Body.Contains("Reminder: DM check in 15m", StringComparison.Ordinal);
        await slack.Fake.WaitForAsync(calls => calls.Any(IsReminder), what: "the personal reminder to Amara");

        var again = Assert.Single(await personal.PlanAsync(now - TimeSpan.FromMinutes(30), TimeProvider.System.GetUtcNow(), [seriesId], Ct));
        Assert.Equal(ReminderService.Outcome.AlreadySent, await personal.SendAsync(again, Ct));
        Assert.Equal(ReminderService.Outcome.AlreadySent, await personal.SendAsync(due, Ct));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        var post = Assert.Single(slack.Fake.Calls("chat.postMessage"), IsReminder);
        Assert.Equal(Amara, post.Channel);
        var text = post.Json["text"]!.GetValue<string>();
        Assert.Contains($"<!date^{start.ToUnixTimeSeconds()}^", text, StringComparison.Ordinal);
        Assert.Contains("Europe/Zurich", text, StringComparison.Ordinal); // her profile's zone, the fallback Slack shows
        Assert.Contains("/wg mute calorimetry", text, StringComparison.Ordinal);
    }
}
