using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Domain;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// User text that tries to ping a crowd (a group named "@everyone &lt;@&amp;123&gt; **bold** @here") comes back
/// shown as typed but inert: no raw <c>@everyone</c>, <c>@here</c> or role mention in content or embeds,
/// <c>allowed_mentions.parse</c> empty, and <c>users</c> listing only the people the reply means to mention.
/// </summary>
public sealed partial class MentionSafetyTests
{
    private const string HostileName = "@everyone <@&123> **bold** @here";
    private const string HostileDescription = "Ping <@100000000000000101>, <@!100000000000000101>, <#1000000000000000021>, @everyone and @here; [click](https://evil.example) ||spoiler||";

    private static readonly DiscordUser Reader = new("200000000000000505", "reader", "Reader");

    [Fact]
    public async Task HostileGroupText_InCreateListAndInfoReplies_PingsNobodyButTheMeantConvener()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var create = await service.InteractAsync(CreateHostile());
        var list = await service.InteractAsync(Command("wg list", Reader, Bool("public", true)));
        var info = await service.InteractAsync(Command("wg info", Reader, String("wg", "hostile"), Bool("public", true)));

        // The convener is mentioned on purpose, and only they may be pinged.
        AssertPingsOnly(create["data"]!, DiscordService.Jonas.Id);
        AssertPingsOnly(list["data"]!);
        AssertPingsOnly(info["data"]!);
        Assert.Null(list["data"]!["flags"]);
        var listed = list["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("@\u200beveryone <\u200b@\u200b&123\\> \\*\\*bold\\*\\* @\u200bhere", listed, StringComparison.Ordinal);
        var shown = info["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("Ping <\u200b@\u200b100000000000000101\\>", shown, StringComparison.Ordinal);
        Assert.Contains("\\[click\\](https://evil.example) \\|\\|spoiler\\|\\|", shown, StringComparison.Ordinal);
        var stored = await service.QueryAsync(db => db.Groups.Where(g => g.Slug == "hostile").Select(g => new { g.Name, g.Description }).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal((HostileName, HostileDescription), (stored.Name, stored.Description));
    }

    [Fact]
    public async Task HostileGroupName_UnknownSlugEchoedInError_PingsNobody()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var error = await service.InteractAsync(Command("wg info", Reader, String("wg", HostileName)));

        AssertPingsOnly(error["data"]!);
        Assert.Equal(64, error["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task JoinRequestFromHostileNamedUser_DirectMessageToConvener_AllowsExactlyTheAsker()
    {
        var asker = new DiscordUser("200000000000000606", "everyone", HostileName);
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        await service.InteractAsync(CreateHostile());

        var answer = await service.InteractAsync(Command("wg join", asker, String("wg", "hostile")));
        var dm = await fake.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));

        AssertPingsOnly(answer["data"]!);
        var message = dm.Json!;
        AssertPingsOnly(message, asker.Id);
        Assert.Equal($"<@{asker.Id}>", message["content"]!.GetValue<string>());
        Assert.Contains("\\*\\*bold\\*\\*", message["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var pending = await service.QueryAsync(db => db.JoinRequests.CountAsync(j => j.Group.Slug == "hostile" && j.Status == JoinRequestStatus.Pending, TestContext.Current.CancellationToken));
        Assert.Equal(1, pending);
    }

    /// <summary><c>/wg create</c> by a Discord admin (Bot:Admins), with a Discord user as the first convener.</summary>
    private static JsonObject CreateHostile() => Command(
        "wg create",
        DiscordService.DiscordAdmin,
        [String("slug", "hostile"), String("name", HostileName), String("description", HostileDescription), Bool("closed", true), User("convener", DiscordService.Jonas)],
        resolved: [DiscordService.Jonas]);

    /// <summary>Nothing in content or embeds that Discord would parse as a crowd or role ping, and only <paramref name="userIds"/> may be pinged.</summary>
    private static void AssertPingsOnly(JsonNode message, params string[] userIds)
    {
        var texts = Strings(message["content"]).Concat(Strings(message["embeds"])).ToList();
        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@&", text, StringComparison.Ordinal);
            Assert.All(UserMention().Matches(text), m => Assert.Contains(m.Groups[1].Value, userIds));
        }

        var allowed = message["allowed_mentions"]!;
        Assert.Empty(allowed["parse"]!.AsArray());
        Assert.Equal(userIds.Order(StringComparer.Ordinal), allowed["users"]!.AsArray().Select(u => u!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Null(allowed["roles"]);
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.SelectMany(Strings),
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    [GeneratedRegex(@"<@!?(\d+)>")]
    private static partial Regex UserMention();
}
