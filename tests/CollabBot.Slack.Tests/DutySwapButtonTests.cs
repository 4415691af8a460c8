using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// The Accept button of a duty swap, taken from the direct message the service posted on Slack to the person asked
/// (Amara) and pressed as Slack sends it: only she may take the turn; the message is replaced by the answer.
/// </summary>
public sealed class DutySwapButtonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptButton_PressedByTheAskedPerson_TakesTheTurn_ByAnyoneElse_Refused()
    {
        await using var slack = await SlackService.StartAsync();
        var accept = await SwapToAmaraAsync(slack);
        var refusedUrl = slack.Fake.NewResponseUrl();
        var acceptedUrl = slack.Fake.NewResponseUrl();

        await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Priya, accept.ActionId, accept.Value, refusedUrl));
        var refused = (await slack.Fake.WaitForResponseUrlPostAsync(refusedUrl)).Json;
        Assert.StartsWith("Only Amara Okafor, whom swap #", refused["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DutySwapStatus.Pending, await StatusAsync(slack));
        Assert.Equal(0, await slack.QueryAsync(db => db.DutyTurns.CountAsync(Ct)));

        await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Amara, accept.ActionId, accept.Value, acceptedUrl));
        var accepted = (await slack.Fake.WaitForResponseUrlPostAsync(acceptedUrl)).Json;
        Assert.True(accepted["replace_original"]!.GetValue<bool>());
        Assert.Contains("accepted", accepted["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DutySwapStatus.Accepted, await StatusAsync(slack));
        Assert.True(await slack.QueryAsync(db => db.DutyTurns.AnyAsync(t => t.Person.Identities.Any(i => i.Key == Identity(Amara)), Ct)));
    }

    private sealed record Button(string ActionId, string Value);

    /// <summary>Noah chairs calorimetry's next meeting and asks Amara to take it; returns the Accept button of the DM she got.</summary>
    private static async Task<Button> SwapToAmaraAsync(SlackService slack)
    {
        Assert.False((await slack.SayAsync(SlackService.Admin, "/meeting duty add calorimetry/monthly chair")).IsError);
        Assert.False((await slack.SayAsync("console:noah", "/meeting duty volunteer calorimetry/monthly chair")).IsError);
        var date = await slack.QueryAsync(async db =>
        {
            var series = await db.MeetingSeries.Include(s => s.Changes).SingleAsync(s => s.Group.Slug == "calorimetry" && s.Slug == "monthly", Ct);
            return Core.Meetings.MeetingTime.FormatDate(Core.Meetings.Occurrences.Next(series, slack.Get<TimeProvider>().GetUtcNow(), 1).Single().OriginalDate);
        });
        var swap = await slack.SayAsync("console:noah", $"/meeting duty swap calorimetry/monthly --date {date} --with @{Identity(Amara)}");
        Assert.False(swap.IsError, swap.Plain);

        var dm = (await slack.Fake.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage" && x.Channel == Amara), what: "the swap DM to Amara"))
            .First(x => x.Method == "chat.postMessage" && x.Channel == Amara);
        var buttons = dm.Json["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["Accept", "Decline"], buttons.Select(b => b!["text"]!["text"]!.GetValue<string>()));
        var accept = buttons[0]!;
        Assert.StartsWith("/meeting duty accept #", accept["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(SlackRenderer.ActionPrefix, accept["action_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(accept["action_id"]!.GetValue<string>().StartsWith(SlackRenderer.KeepActionPrefix, StringComparison.Ordinal));
        return new Button(accept["action_id"]!.GetValue<string>(), accept["value"]!.GetValue<string>());
    }

    private static Task<DutySwapStatus> StatusAsync(SlackService slack) =>
        slack.QueryAsync(db => db.DutySwaps.Select(s => s.Status).SingleAsync(Ct));
}
