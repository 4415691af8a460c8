using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// The vote button on a topic idea, taken from the reply the service rendered and pressed as Slack sends it: it runs
/// <c>/topic vote</c> as the presser, answers only the presser, and leaves the message for the next voter.
/// </summary>
public sealed class VoteButtonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VoteButton_PressedByMember_VotesAndKeepsTheMessage()
    {
        await using var slack = await SlackService.StartAsync();
        var vote = await SuggestAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Amara, vote.ActionId, vote.Value, responseUrl, channel: "C0CALO0001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.False(post["replace_original"]!.GetValue<bool>());
        Assert.Equal("ephemeral", post["response_type"]!.GetValue<string>());
        Assert.Contains("You voted for #", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await VotesAsync(slack));
    }

    [Fact]
    public async Task VoteButton_PressedByOutsider_RefusedAndNoVoteCounted()
    {
        await using var slack = await SlackService.StartAsync();
        var vote = await SuggestAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        // Priya convenes lartpc and is not in calorimetry.
        using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Priya, vote.ActionId, vote.Value, responseUrl, channel: "C0CALO0001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.False(post["replace_original"]!.GetValue<bool>());
        Assert.StartsWith("You are not a member of calorimetry", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await VotesAsync(slack));
    }

    private sealed record Button(string ActionId, string Value);

    /// <summary>Amara suggests an idea for calorimetry with /topic in Slack; returns the vote button of the reply.</summary>
    private static async Task<Button> SuggestAsync(SlackService slack)
    {
        var responseUrl = slack.Fake.NewResponseUrl();
        var (_, json) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/topic", "suggest calorimetry \"Diffusion models for showers\"", responseUrl, channel: "C0CALO0001"));
        var reply = json["blocks"] is JsonArray ? json : (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        var button = reply["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray().Single()!;
        var id = await slack.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "calorimetry").Select(t => t.Id).SingleAsync(Ct));
        Assert.Equal($"Vote #{id}", button["text"]!["text"]!.GetValue<string>());
        Assert.Equal($"/topic vote #{id}", button["value"]!.GetValue<string>());
        Assert.StartsWith(SlackRenderer.KeepActionPrefix, button["action_id"]!.GetValue<string>(), StringComparison.Ordinal);
        return new Button(button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>());
    }

    private static Task<int> VotesAsync(SlackService slack) =>
        slack.QueryAsync(db => db.TopicVotes.CountAsync(v => v.Idea.Group.Slug == "calorimetry" && v.WithdrawnAt == null, Ct));
}
