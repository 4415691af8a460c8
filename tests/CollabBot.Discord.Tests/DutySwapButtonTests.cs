using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The Accept and Decline buttons of a duty swap, from the direct message the service posted on Discord to the person
/// asked (Jonas), pressed as Discord sends them: someone else is refused, his own press answers and removes the buttons.
/// </summary>
public sealed class DutySwapButtonTests
{
    private static readonly DiscordUser Stranger = new("200000000000000929", "stranger3", "Sid Stranger");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptButton_PressedByTheAskedPerson_TakesTheTurn_ByAnyoneElse_Refused()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var (accept, decline, channel) = await SwapToJonasAsync(fake, service);

        var stranger = await service.InteractAsync(Button(accept, Stranger, channel, "1400000000000000005"));
        var declineByStranger = await service.InteractAsync(Button(decline, Stranger, channel, "1400000000000000005"));

        Assert.StartsWith("Only Jonas van der Berg, whom swap ", stranger["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Only Jonas van der Berg", declineByStranger["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DutySwapStatus.Pending, await service.QueryAsync(db => db.DutySwaps.Select(s => s.Status).SingleAsync(Ct)));

        var pressed = await service.InteractAsync(Button(accept, DiscordService.Jonas, channel, "1400000000000000005"));

        Assert.Equal(InteractionProcessor.UpdateMessage, pressed["type"]!.GetValue<int>());
        Assert.Empty(pressed["data"]!["components"]!.AsArray());
        Assert.Contains("accepted", pressed["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DutySwapStatus.Accepted, await service.QueryAsync(db => db.DutySwaps.Select(s => s.Status).SingleAsync(Ct)));
        Assert.True(await service.QueryAsync(db => db.DutyTurns.AnyAsync(t => t.Person.Identities.Any(i => i.Key == DiscordService.Jonas.Identity), Ct)));
    }

    /// <summary>Tomás chairs jet-tagging's next meeting and asks Jonas to take it; returns the buttons of the DM Jonas got.</summary>
    private static async Task<(string Accept, string Decline, string Channel)> SwapToJonasAsync(FakeDiscord fake, DiscordService service)
    {
        Assert.False((await service.SayAsync("console:admin", "/meeting duty add jet-tagging/biweekly chair")).IsError);
        Assert.False((await service.SayAsync("console:tomas", "/meeting duty volunteer jet-tagging/biweekly chair")).IsError);
        var date = await service.QueryAsync(async db =>
        {
            var series = await db.MeetingSeries.Include(s => s.Changes).SingleAsync(s => s.Group.Slug == "jet-tagging" && s.Slug == "biweekly", Ct);
            return MeetingTime.FormatDate(Occurrences.Next(series, TimeProvider.System.GetUtcNow(), 1).Single().OriginalDate);
        });
        var swap = await service.SayAsync("console:tomas", $"/meeting duty swap jet-tagging/biweekly --date {date} --with @{DiscordService.Jonas.Identity}");
        Assert.False(swap.IsError, swap.Plain);

        var dm = await fake.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200 && r.Json?["components"] is not null);
        var buttons = dm.Json!["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["Accept", "Decline"], buttons.Select(b => b!["label"]!.GetValue<string>()));
        var accept = buttons[0]!["custom_id"]!.GetValue<string>();
        Assert.StartsWith(DiscordRenderer.ButtonPrefix + "/meeting duty accept #", accept, StringComparison.Ordinal);
        return (accept, buttons[1]!["custom_id"]!.GetValue<string>(), dm.Path.Split('/')[1]);
    }
}
