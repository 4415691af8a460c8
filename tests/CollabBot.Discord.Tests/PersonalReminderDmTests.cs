using System.Globalization;
using CollabBot.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using CollabBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Discord.Tests;

/// <summary>
/// A personal reminder on Discord, through the real outbox worker against the fake REST API: Jonas (jet-tagging's
/// convener, linked on Discord and the console) asks for 15 minutes' notice; the DM channel is opened, the message
/// posted in it once, however often the reminder fires.
/// </summary>
public sealed class PersonalReminderDmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PersonalReminder_OptedIn_OneDirectMessageOnDiscordWhateverHowOftenItFires()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        await service.SayAsync("console:jonas", "/profile set --remind 15m --tz America/Chicago");
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(13);
        await service.SayAsync("console:jonas", $"/meeting schedule jet-tagging \"DM check\" --when \"{start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\" --tz UTC");
        var personal = service.Services.GetRequiredService<PersonalReminderService>();

        var seriesId = await service.QueryAsync(db => db.MeetingSeries.Where(m => m.Group.Slug == "jet-tagging" && m.Slug == "dm-check").Select(m => m.Id).SingleAsync(Ct));

        // The demo's own meetings may have a reminder due now too: only this meeting's are looked at.
        var due = Assert.Single(await personal.PlanAsync(now - TimeSpan.FromMinutes(30), TimeProvider.System.GetUtcNow(), [seriesId], Ct));
        Assert.Equal(ReminderService.Outcome.Queued, await personal.SendAsync(due, Ct));
        static bool IsReminder(RecordedRequest r) =>
            r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200 && r.Body.Contains("DM check in 15m", StringComparison.Ordinal);
        var delivered = await fake.WaitForAsync(IsReminder);

        Assert.Equal(ReminderService.Outcome.AlreadySent, await personal.SendAsync(Assert.Single(await personal.PlanAsync(now - TimeSpan.FromMinutes(30), TimeProvider.System.GetUtcNow(), [seriesId], Ct)), Ct));
        Assert.Equal(ReminderService.Outcome.AlreadySent, await personal.SendAsync(due, Ct));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        // Opened before the post, and the post went to that DM channel, not to the group's linked channel.
        var open = Assert.Single(fake.Matching("POST", "users/@me/channels"), r => r.Json!["recipient_id"]!.GetValue<string>() == DiscordService.Jonas.Id);
        Assert.True(open.ArrivedAt < delivered.ArrivedAt);
        Assert.Single(fake.Matching("POST", "channels/[0-9]+/messages"), IsReminder);
        Assert.DoesNotContain(DiscordService.ChannelId, delivered.Path, StringComparison.Ordinal);
        var embed = delivered.Json!["embeds"]![0]!;
        var text = string.Join("\n", embed["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>() + ": " + f["value"]!.GetValue<string>()));
        Assert.Contains($"<t:{start.ToUnixTimeSeconds()}:F>", text, StringComparison.Ordinal);
        Assert.Contains("America/Chicago", text, StringComparison.Ordinal); // his profile's zone beside Discord's own rendering
    }
}
