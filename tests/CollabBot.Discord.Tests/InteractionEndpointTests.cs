using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary><c>POST /discord/interactions</c> on the real host, signed with a key generated here.</summary>
public sealed class InteractionEndpointTests
{
    private static readonly DiscordUser Newcomer = new("200000000000000201", "nadia_n", "Nadia Newcomer");

    [Fact]
    public async Task Ping_Signed_AnswersPongAsJson()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        using var response = await service.PostAsync(Ping());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":1}"""), body), body?.ToJsonString());
    }

    [Fact]
    public async Task WgList_Signed_AnswersInlineEphemeralEmbedWithNoMentionsAllowed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var response = await service.InteractAsync(Command("wg list", Newcomer));

        Assert.Equal(InteractionProcessor.ChannelMessage, response["type"]!.GetValue<int>());
        var data = response["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        var embed = data["embeds"]![0]!;
        Assert.Equal("Working groups", embed["title"]!.GetValue<string>());
        Assert.Contains("calorimetry", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(data["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(data["allowed_mentions"]!["users"]!.AsArray());
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task WgList_PublicOptionTrue_AnswersWithoutEphemeralFlag()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var response = await service.InteractAsync(Command("wg list", Newcomer, Bool("public", true)));

        Assert.Equal(InteractionProcessor.ChannelMessage, response["type"]!.GetValue<int>());
        Assert.Null(response["data"]!["flags"]);
        Assert.Contains("calorimetry", response["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WgAdd_UserOptionWithResolvedUser_MapsToDiscordIdentityNamedFromResolved()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        // Jonas convenes jet-tagging in the seed; only his Discord identity says so, so this also proves caller = member.user.
        var response = await service.InteractAsync(Command("wg add", DiscordService.Jonas, [String("wg", "jet-tagging"), User("user", Newcomer)], resolved: [Newcomer]));

        var data = response["data"]!;
        Assert.Contains("Added", data["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("<@" + Newcomer.Id + ">", data["content"]!.GetValue<string>());
        Assert.Equal([Newcomer.Id], data["allowed_mentions"]!["users"]!.AsArray().Select(u => u!.GetValue<string>()));
        var (name, member, jonasPeople) = await service.QueryAsync(async db => (
            await db.Identities.Where(i => i.Key == Newcomer.Identity).Select(i => i.Person.DisplayName).SingleAsync(TestContext.Current.CancellationToken),
            await db.Memberships.AnyAsync(m => m.Group.Slug == "jet-tagging" && m.EndedAt == null && m.Person.Identities.Any(i => i.Key == Newcomer.Identity), TestContext.Current.CancellationToken),
            await db.People.CountAsync(p => p.Identities.Any(i => i.Key == DiscordService.Jonas.Identity), TestContext.Current.CancellationToken)));
        Assert.Equal("Nadia Newcomer", name);
        Assert.True(member);
        Assert.Equal(1, jonasPeople);
    }

    [Fact]
    public async Task WgJoin_ClosedGroupFromDirectMessage_CreatesPendingRequestForDiscordIdentity()
    {
        var dmUser = new DiscordUser("200000000000000202", "quiet_quentin");
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        // In a DM the caller is interaction.user (no member, no guild).
        var response = await service.InteractAsync(Command("wg join", dmUser, [String("wg", "fast-simulation")], resolved: null, inGuild: false));

        Assert.Contains("closed group", response["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var request = await service.QueryAsync(db => db.JoinRequests
            .Where(j => j.Group.Slug == "fast-simulation" && j.Person.Identities.Any(i => i.Key == dmUser.Identity))
            .Select(j => new { j.Status, j.Person.DisplayName })
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JoinRequestStatus.Pending, request.Status);
        Assert.Equal("quiet_quentin", request.DisplayName);
    }

    [Fact]
    public async Task WgMembers_AfterDiscordAdd_ListsTheResolvedName()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        await service.InteractAsync(Command("wg add", DiscordService.Jonas, [String("wg", "jet-tagging"), User("user", Newcomer), String("role", "champion")], resolved: [Newcomer]));

        var response = await service.InteractAsync(Command("wg members", Newcomer, String("wg", "jet-tagging")));

        var description = response["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("**Nadia Newcomer** — champion", description, StringComparison.Ordinal);
        Assert.Contains("**Jonas van der Berg** — convener", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autocomplete_FocusedWgOption_SuggestsMatchingGroupsAtMost25()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var few = await service.InteractAsync(Autocomplete("wg info", Newcomer, String("wg", "cal", focused: true)));
        // 30 more groups whose names contain "cal" and whose slugs sort before calorimetry.
        for (var i = 1; i <= 30; i++)
        {
            var created = await service.SayAsync("console:admin", $"/wg create bench-{i:00} \"Statistical bench {i}\"");
            Assert.False(created.IsError, created.Plain);
        }

        var many = await service.InteractAsync(Autocomplete("wg join", Newcomer, String("wg", "cal", focused: true)));

        Assert.Equal(InteractionProcessor.AutocompleteResult, few["type"]!.GetValue<int>());
        Assert.Contains("calorimetry", Values(few));
        Assert.DoesNotContain("tracking", Values(few));
        Assert.Equal(InteractionProcessor.AutocompleteResult, many["type"]!.GetValue<int>());
        Assert.Equal(25, Values(many).Count);
        Assert.Contains("calorimetry", Values(many));
        Assert.All(many["data"]!["choices"]!.AsArray(), c => Assert.InRange(c!["name"]!.GetValue<string>().Length, 1, 100));
    }

    [Fact]
    public async Task Command_NotWithinInlineBudget_DefersEphemerallyThenEditsOriginal()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake, new Dictionary<string, string?> { ["Discord:InlineReplyBudget"] = "00:00:00" });
        var interaction = Command("wg list", Newcomer);

        var response = await service.InteractAsync(interaction);
        await service.Processor.Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":5,"data":{"flags":64}}"""), response), response.ToJsonString());
        var edit = Assert.Single(fake.Requests);
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal($"webhooks/{DiscordService.ApplicationId}/{interaction["token"]}/messages/@original", edit.Path);
        Assert.Equal("application/json", edit.Header("Content-Type")?.Split(';')[0]);
        Assert.StartsWith("DiscordBot (", edit.Header("User-Agent"), StringComparison.Ordinal);
        var body = edit.Json!;
        Assert.Contains("calorimetry", body["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Null(body["flags"]);
    }

    private static List<string> Values(JsonObject autocomplete) =>
        [.. autocomplete["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())];
}
