using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>The Going / Maybe / Can't buttons of <c>/meeting next</c>, taken from the rendered reply and pressed as Slack sends them.</summary>
public sealed class RsvpButtonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GoingButton_PressedByMember_RecordsYesAndKeepsTheMessage()
    {
        await using var slack = await SlackService.StartAsync();
        var going = await GoingButtonAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Amara, going.ActionId, going.Value, responseUrl, channel: "C0CALO0001"));

        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.False(post["replace_original"]!.GetValue<bool>());
        Assert.StartsWith("You are going to", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await slack.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "calorimetry" && r.Answer == RsvpAnswer.Yes, Ct)));
    }

    [Fact]
    public async Task GoingButton_PressedByOutsider_Refused()
    {
        await using var slack = await SlackService.StartAsync();
        var going = await GoingButtonAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Priya, going.ActionId, going.Value, responseUrl, channel: "C0CALO0001"));

        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.StartsWith("You are not a member of calorimetry", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await slack.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "calorimetry", Ct)));
    }

    private sealed record Button(string ActionId, string Value);

    private static async Task<Button> GoingButtonAsync(SlackService slack)
    {
        var responseUrl = slack.Fake.NewResponseUrl();
        var (_, json) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/meeting", "next calorimetry", responseUrl, channel: "C0CALO0001"));
        var reply = json["blocks"] is JsonArray ? json : (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        var buttons = reply["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["Going", "Maybe", "Can't"], buttons.Select(b => b!["text"]!["text"]!.GetValue<string>()));
        var going = buttons[0]!;
        Assert.StartsWith("/meeting rsvp #", going["value"]!.GetValue<string>(), StringComparison.Ordinal);
        return new Button(going["action_id"]!.GetValue<string>(), going["value"]!.GetValue<string>());
    }
}
