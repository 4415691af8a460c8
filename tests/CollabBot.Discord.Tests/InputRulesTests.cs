using System.Text.Json.Nodes;
using CollabBot.Core.Replies;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// Discord's option values meet the same input rules as Slack's and the console's typed text (Core's InputRules,
/// applied where values are bound): a control character or a direction override in an option gets the same clear
/// error a typed command gets, and nothing is saved.
/// </summary>
public sealed class InputRulesTests
{
    public static TheoryData<string, string, string> Hostile => new()
    {
        { "bell", "Jet\u0007Tagging", "a control character (U+0007)" },
        { "terminal escape", "\u001b[31mJet Tagging", "a control character (U+001B)" },
        { "nul", "Jet\0Tagging", "a control character (U+0000)" },
        { "right-to-left override", "Jet \u202Egniggat", "a text-direction control character (U+202E)" },
        { "isolate", "Jet \u2067Tagging\u2069", "a text-direction control character (U+2067)" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task OptionValue_WithControlOrDirectionCharacter_GetsTheTypedTextErrorAndSavesNothing(string name, string value, string problem)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var ct = TestContext.Current.CancellationToken;

        // Jonas convenes jet-tagging, so only the value can stop the edit.
        var response = await service.InteractAsync(Command("wg edit", DiscordService.Jonas, String("wg", "jet-tagging"), String("name", value)));
        var typed = await service.SayAsync("console:jonas", "/wg edit jet-tagging --name \"" + value + "\"");

        Assert.Equal(ReplyStatus.Invalid, typed.Status);
        var sentence = typed.Sections[0].Lines[0].Plain;
        Assert.StartsWith($"--name contains {problem}", sentence, StringComparison.Ordinal);
        Assert.EndsWith("which cannot be used; please retype it.", sentence, StringComparison.Ordinal);
        var shown = Strings(response).ToList();
        Assert.True(shown.Any(s => s.Contains(sentence, StringComparison.Ordinal)), $"{name}: the Discord reply does not carry the typed-text error '{sentence}': {response.ToJsonString()}");
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Jet Tagging", await service.QueryAsync(db => db.Groups.Where(g => g.Slug == "jet-tagging").Select(g => g.Name).SingleAsync(ct)));
    }

    [Fact]
    public async Task OptionValue_RightToLeftMarkInAName_IsAccepted()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var ct = TestContext.Current.CancellationToken;

        // The plain marks (U+200F) are how right-to-left names are written; only overrides and isolates are refused.
        await service.InteractAsync(Command("wg edit", DiscordService.Jonas, String("wg", "jet-tagging"), String("name", "Jet Tagging \u200Fעברית")));

        Assert.Equal("Jet Tagging \u200Fעברית", await service.QueryAsync(db => db.Groups.Where(g => g.Slug == "jet-tagging").Select(g => g.Name).SingleAsync(ct)));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
