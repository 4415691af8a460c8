using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// Newcomers: joining a group (directly, on approval, or added by a convener) brings its welcome privately — the
/// conveners' text, the start-here path, the next meeting, the conveners, and how to get credit and cite data;
/// /wg welcome sets the text; /collab start gives the deployment's version.
/// </summary>
public sealed class NewcomerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The whole demo community, meetings included, with its library and start-here paths (training and jet-tagging).</summary>
    private static async Task<CoreHarness> CommunityAsync()
    {
        var h = await CoreHarness.StartWithSeedMeetingsAsync();
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await SeedLoader.LoadFilesAsync(db, [Path.Combine(AppContext.BaseDirectory, "seeds", "resources.yaml")], Ct);
        return h;
    }

    private static Task<List<OutboundMessage>> DirectMessagesAsync(CoreHarness h, string identity) =>
        h.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.IsDirect && m.Target == identity).OrderBy(m => m.Id).ToListAsync());

    private static Task<List<int>> PathAsync(CoreHarness h, string slug) =>
        h.QueryAsync(db => db.StartHereSteps.Where(s => s.Group.Slug == slug && s.RemovedAt == null).OrderBy(s => s.Position).Select(s => s.ResourceId).ToListAsync());

    [Fact]
    public async Task Join_OpenGroup_WelcomeComesPrivatelyWithPathMeetingConvenersCreditAndCitation()
    {
        await using var h = await CommunityAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg join jet-tagging", channel: "C1");

        HarnessQueries.AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("in your direct messages", reply.Plain, StringComparison.Ordinal);
        var dm = Assert.Single(await DirectMessagesAsync(h, "console:newcomer"));
        var welcome = ReplyJson.Deserialize(dm.Body).Plain;
        var path = await PathAsync(h, "jet-tagging");
        Assert.NotEmpty(path);
        Assert.Contains("Welcome to Jet Tagging (jet-tagging)", welcome, StringComparison.Ordinal);
        Assert.Contains($"1. #{path[0]} ", welcome, StringComparison.Ordinal);
        Assert.Contains($"{path.Count}. #{path[^1]} ", welcome, StringComparison.Ordinal);
        Assert.True(welcome.IndexOf($"#{path[0]} ", StringComparison.Ordinal) < welcome.IndexOf($"#{path[1]} ", StringComparison.Ordinal), "the path in its order");
        Assert.Contains("Next meeting", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("None scheduled yet", welcome, StringComparison.Ordinal);
        Assert.Contains("Jonas", welcome, StringComparison.Ordinal);
        Assert.Contains("Lucía Fernández", welcome, StringComparison.Ordinal);
        Assert.Contains("/credit add jet-tagging-benchmark me <role>", welcome, StringComparison.Ordinal);
        Assert.Contains("/dataset cite", welcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_SetByAConvener_OpensTheNextNewcomersWelcome()
    {
        await using var h = await CommunityAsync();

        var set = await h.SayAsync("console:jonas", "/wg welcome jet-tagging \"Glad you are here! Say hello in #jets and read the first step this week.\"");
        await h.SayAsync("console:newcomer", "/wg join jet-tagging");

        HarnessQueries.AssertStatus(ReplyStatus.Ok, set);
        Assert.Contains("Glad you are here!", set.Plain, StringComparison.Ordinal);
        var welcome = ReplyJson.Deserialize(Assert.Single(await DirectMessagesAsync(h, "console:newcomer")).Body);
        Assert.Equal("Glad you are here! Say hello in #jets and read the first step this week.", welcome.Sections[0].Lines[0].Plain);
    }

    [Theory]
    [InlineData("console:tomas")] // a member of jet-tagging
    [InlineData("console:amara")] // a convener of other groups
    public async Task Welcome_NotAConvenerOfTheGroup_IsRefused(string caller)
    {
        await using var h = await CommunityAsync();

        var reply = await h.SayAsync(caller, "/wg welcome jet-tagging \"Hi\"");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Null((await h.GroupAsync("jet-tagging")).Welcome);
    }

    [Fact]
    public async Task Welcome_TooLong_IsInvalid()
    {
        await using var h = await CommunityAsync();

        var reply = await h.SayAsync("console:jonas", $"/wg welcome jet-tagging \"{new string('w', 2001)}\"");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
    }

    [Fact]
    public async Task Approve_ClosedGroup_WelcomesTheNewMemberPrivately()
    {
        await using var h = await CommunityAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        Assert.Empty(await DirectMessagesAsync(h, "console:newcomer"));

        HarnessQueries.AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:elena", "/wg approve fast-simulation @console:newcomer"));

        var welcome = ReplyJson.Deserialize(Assert.Single(await DirectMessagesAsync(h, "console:newcomer")).Body).Plain;
        Assert.Contains("Your request to join fast-simulation was approved.", welcome, StringComparison.Ordinal);
        Assert.Contains("Welcome to Fast Simulation", welcome, StringComparison.Ordinal);
        Assert.Contains("/resource list fast-simulation", welcome, StringComparison.Ordinal); // no path yet: where the library is
    }

    [Fact]
    public async Task Add_ByAConvener_WelcomesTheNewMemberPrivately()
    {
        await using var h = await CommunityAsync();

        HarnessQueries.AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:kwame", "/wg add training @console:newcomer"));

        var welcome = ReplyJson.Deserialize(Assert.Single(await DirectMessagesAsync(h, "console:newcomer")).Body).Plain;
        Assert.Contains("added you to training", welcome, StringComparison.Ordinal);
        Assert.Contains($"1. #{(await PathAsync(h, "training"))[0]} ", welcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollabStart_ShowsGroupsTheirStartHerePathsBeginnersMeetingsAndCredit()
    {
        await using var h = await CommunityAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab start");

        HarnessQueries.AssertStatus(ReplyStatus.Ok, reply);
        Assert.False(reply.Public);
        var text = reply.Plain;
        var training = await PathAsync(h, "training");
        var jets = await PathAsync(h, "jet-tagging");
        Assert.Contains("training: " + string.Join(" → ", training.Select(i => $"#{i}")), text, StringComparison.Ordinal);
        Assert.Contains("jet-tagging: " + string.Join(" → ", jets.Select(i => $"#{i}")), text, StringComparison.Ordinal);
        Assert.Contains("For beginners", text, StringComparison.Ordinal);
        Assert.Contains("fast-simulation — Fast Simulation (closed: conveners approve)", text, StringComparison.Ordinal);
        Assert.Contains("/credit add <project> me <role>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("None scheduled yet", text, StringComparison.Ordinal);
    }
}
