using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary><c>/profile token</c> from Slack: the token comes back ephemeral, to the caller only, and is stored hashed.</summary>
public sealed class ProfileTokenTests
{
    [Fact]
    public async Task ProfileToken_FromSlack_AnswersEphemeralWithTheTokenAndStoresOnlyItsHash()
    {
        // No inline budget: the answer always goes through the response_url, as on a slow day.
        await using var slack = await SlackService.StartAsync(new Dictionary<string, string?> { ["Slack:InlineReplyBudget"] = "00:00:00" });
        var responseUrl = slack.Fake.NewResponseUrl();

        var (_, ack) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/profile", "token", responseUrl));
        var json = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;

        Assert.Equal("ephemeral", ack["response_type"]?.GetValue<string>());
        Assert.Equal("ephemeral", json["response_type"]?.GetValue<string>());
        var text = json.ToJsonString();
        var start = text.IndexOf("cbt_", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var token = text.Substring(start, Core.Features.Profile.ApiTokens.Length);
        var hashes = await slack.QueryAsync(db => db.ApiTokens.Select(t => t.Hash).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([Core.Features.Profile.ApiTokens.Hash(token)], hashes);

        // Nothing was posted to the channel: the only copy is the ephemeral answer.
        Assert.DoesNotContain(slack.Fake.Requests.Except(slack.Fake.ResponseUrlPosts(responseUrl)), r => r.Body.Contains(token, StringComparison.Ordinal));
    }
}
