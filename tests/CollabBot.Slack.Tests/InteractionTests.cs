using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// <c>POST /slack/interactions</c>: the Approve button the core puts in a join request, pressed as Slack sends it
/// (<c>block_actions</c>), with the button taken from the message the service actually posted.
/// </summary>
public sealed class InteractionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApproveButton_PressedByConvener_ApprovesAndReplacesMessageViaResponseUrl()
    {
        await using var slack = await SlackService.StartAsync();
        var approve = await RequestToJoinAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Amara, approve.ActionId, approve.Value, responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.True(post["replace_original"]?.GetValue<bool>());
        var text = post["text"]!.GetValue<string>();
        Assert.Contains("Approved", text, StringComparison.Ordinal);
        Assert.Contains($"<@{Priya}>", text, StringComparison.Ordinal);
        Assert.Contains($"now a member of {ReviewGroup}", text, StringComparison.Ordinal);
        Assert.NotEmpty(Assert.IsType<JsonArray>(post["blocks"]));
        Assert.True(await IsMemberAsync(slack, Priya));
        Assert.Equal(JoinRequestStatus.Approved, await RequestStatusAsync(slack));

        // Priya hears about it on Slack too.
        await slack.Fake.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage" && x.Channel == Priya), what: "the approval DM to Priya");
    }

    [Fact]
    public async Task ApproveButton_PressedByNonConvener_RefusedSayingWhoMayAndNothingChanges()
    {
        await using var slack = await SlackService.StartAsync();
        var approve = await RequestToJoinAsync(slack);
        const string mallory = "U0MALLORY1";
        slack.Fake.AddUser(new FakeSlackUser(mallory, FakeSlack.TeamId, "mallory", "Mallory Mischief"));
        var responseUrl = slack.Fake.NewResponseUrl();

        using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(mallory, approve.ActionId, approve.Value, responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        var text = post["text"]!.GetValue<string>();
        Assert.Contains($"Only a convener of {ReviewGroup} or an admin", text, StringComparison.Ordinal);
        Assert.Equal("ephemeral", post["response_type"]?.GetValue<string>());
        Assert.False(await IsMemberAsync(slack, Priya));
        Assert.Equal(JoinRequestStatus.Pending, await RequestStatusAsync(slack));
    }

    [Fact]
    public async Task ApproveButton_PressedByRequesterHerself_Refused()
    {
        await using var slack = await SlackService.StartAsync();
        var approve = await RequestToJoinAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Priya, approve.ActionId, approve.Value, responseUrl));

        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.Contains("Only a convener", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await IsMemberAsync(slack, Priya));
    }

    [Fact]
    public async Task Interaction_WrongSignature_Is401AndNothingRuns()
    {
        await using var slack = await SlackService.StartAsync();
        var approve = await RequestToJoinAsync(slack);
        var responseUrl = slack.Fake.NewResponseUrl();

        using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.BlockActions(Amara, approve.ActionId, approve.Value, responseUrl), tamper: r =>
        {
            r.Headers.Remove("X-Slack-Signature");
            r.Headers.Add("X-Slack-Signature", "v0=" + new string('a', 64));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await slack.Get<SlackCommandProcessor>().Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Empty(slack.Fake.ResponseUrlPosts(responseUrl));
        Assert.Equal(JoinRequestStatus.Pending, await RequestStatusAsync(slack));
    }

    [Fact]
    public async Task Interaction_SignedButMalformed_NeverA500()
    {
        string[] payloads =
        [
            """{"type":7}""",
            """{"type":"block_actions","user":{"id":12345,"team_id":"T0DEMO"},"actions":[]}""",
            """{"type":"block_actions","user":"U0AMARA01","team":{"id":"T0DEMO"},"actions":[]}""",
            """{"type":"block_actions","user":{"id":"U0AMARA01","team_id":"T0DEMO"},"actions":[1,"x",null]}""",
            """{"type":"block_actions","user":{"id":"U0AMARA01","team_id":"T0DEMO"},"actions":[{"action_id":"collab_0","value":{"no":"string"}}]}""",
            """{"type":"block_actions","user":{"id":"U0AMARA01","team_id":"T0DEMO"},"response_url":false,"actions":[{"action_id":"collab_0","value":"/wg list"}]}""",
        ];
        await using var slack = await SlackService.StartAsync();

        foreach (var payload in payloads)
        {
            using var response = await slack.PostSignedAsync("/slack/interactions", SlackPayloads.Form(("payload", payload)));

            Assert.True((int)response.StatusCode < 500, $"{payload} was answered {(int)response.StatusCode}");
        }
    }

    private sealed record Button(string ActionId, string Value);

    /// <summary>Priya asks to join the closed review group; returns the Approve button from the DM Amara got on Slack.</summary>
    private static async Task<Button> RequestToJoinAsync(SlackService slack)
    {
        await CreateReviewGroupAsync(slack);
        await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", $"join {ReviewGroup}", slack.Fake.NewResponseUrl()));
        var dm = (await slack.Fake.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage" && x.Channel == Amara), what: "the join request DM to Amara"))
            .First(x => x.Method == "chat.postMessage" && x.Channel == Amara);
        var buttons = dm.Json["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        var approve = buttons.Single(b => b!["text"]!["text"]!.GetValue<string>() == "Approve")!;
        Assert.Equal($"/wg approve {ReviewGroup} @{Identity(Priya)}", approve["value"]!.GetValue<string>());
        return new Button(approve["action_id"]!.GetValue<string>(), approve["value"]!.GetValue<string>());
    }

    private static Task<bool> IsMemberAsync(SlackService slack, string user) =>
        slack.QueryAsync(db => db.Memberships.AnyAsync(m => m.Group.Slug == ReviewGroup && m.EndedAt == null && m.Person.Identities.Any(i => i.Key == Identity(user)), Ct));

    private static Task<JoinRequestStatus> RequestStatusAsync(SlackService slack) =>
        slack.QueryAsync(db => db.JoinRequests.Where(j => j.Group.Slug == ReviewGroup).Select(j => j.Status).SingleAsync(Ct));
}
