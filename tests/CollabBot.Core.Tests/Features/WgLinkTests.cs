using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>/wg link and /wg unlink bind the caller's channel; on the console the channel is SayAsync's <c>channel</c>.</summary>
public sealed class WgLinkTests
{
    [Fact]
    public async Task Link_WithoutChannel_IsInvalidSayingWhereToRunIt()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg link calorimetry");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("in the channel you want to link", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Link_InChannel_BindsThatChannel()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Linked this channel to calorimetry", reply.Plain, StringComparison.Ordinal);
        var link = await h.QueryAsync(db => db.ChannelLinks.SingleAsync(c => c.Platform == "console"));
        Assert.Equal(("local", "calo-room", h.Clock.GetUtcNow(), (DateTimeOffset?)null), (link.Tenant, link.ChannelId, link.LinkedAt, link.UnlinkedAt));
        Assert.Equal((await h.GroupAsync("calorimetry")).Id, link.GroupId);
    }

    [Fact]
    public async Task Link_AlreadyLinked_SaysSoAndKeepsOneRow()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room");
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:elena", "/wg link calorimetry", channel: "calo-room");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("This channel is already linked to calorimetry.", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Link_SameChannelToTwoGroups_LinksBoth()
    {
        await using var h = await CoreHarness.StartAsync();

        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "shared");
        await h.SayAsync("console:amara", "/wg link general", channel: "shared");

        Assert.Equal(2, await h.QueryAsync(db => db.ChannelLinks.CountAsync(c => c.ChannelId == "shared" && c.UnlinkedAt == null)));
    }

    [Fact]
    public async Task Unlink_Linked_SetsUnlinkedAtAndKeepsTheRow()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room");
        h.Clock.Advance(TimeSpan.FromDays(7));

        var reply = await h.SayAsync("console:elena", "/wg unlink calorimetry", channel: "calo-room");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Unlinked this channel from calorimetry", reply.Plain, StringComparison.Ordinal);
        var link = await h.QueryAsync(db => db.ChannelLinks.SingleAsync(c => c.ChannelId == "calo-room"));
        Assert.Equal(h.Clock.GetUtcNow(), link.UnlinkedAt);
        Assert.Equal(h.Clock.GetUtcNow() - TimeSpan.FromDays(7), link.LinkedAt);
    }

    [Fact]
    public async Task Unlink_OnlyThatChannel_OtherLinksStay()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "a");
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "b");

        await h.SayAsync("console:amara", "/wg unlink calorimetry", channel: "a");

        var active = await h.QueryAsync(db => db.ChannelLinks.Where(c => c.Platform == "console" && c.UnlinkedAt == null).Select(c => c.ChannelId).ToListAsync());
        Assert.Equal(["b"], active);
    }

    [Fact]
    public async Task Unlink_NotLinked_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg unlink calorimetry", channel: "nowhere");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("This channel is not linked to calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Unlink_WithoutChannel_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg unlink calorimetry");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("--channel", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlink_Twice_SecondIsInvalidAndKeepsFirstTime()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room");
        await h.SayAsync("console:amara", "/wg unlink calorimetry", channel: "calo-room");
        var first = (await h.QueryAsync(db => db.ChannelLinks.SingleAsync(c => c.ChannelId == "calo-room"))).UnlinkedAt;
        h.Clock.Advance(TimeSpan.FromHours(1));

        AssertStatus(ReplyStatus.Invalid, await h.SayAsync("console:amara", "/wg unlink calorimetry", channel: "calo-room"));

        Assert.Equal(first, (await h.QueryAsync(db => db.ChannelLinks.SingleAsync(c => c.ChannelId == "calo-room"))).UnlinkedAt);
    }

    [Fact]
    public async Task Link_AfterUnlink_AddsNewRowAndKeepsTheOld()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room");
        await h.SayAsync("console:amara", "/wg unlink calorimetry", channel: "calo-room");

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg link calorimetry", channel: "calo-room"));

        var rows = await h.QueryAsync(db => db.ChannelLinks.Where(c => c.ChannelId == "calo-room").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].UnlinkedAt);
        Assert.Null(rows[1].UnlinkedAt);
    }

    [Fact]
    public async Task Info_LinkedChannel_IsListedUntilUnlinked()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:priya", "/wg link lartpc", channel: "lar-room");

        var linked = await h.SayAsync("console:noah", "/wg info lartpc");
        await h.SayAsync("console:priya", "/wg unlink lartpc", channel: "lar-room");
        var unlinked = await h.SayAsync("console:noah", "/wg info lartpc");

        Assert.Contains("console #lar-room", linked.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("lar-room", unlinked.Plain, StringComparison.Ordinal);
        Assert.Contains("slack #wg-lartpc", unlinked.Plain, StringComparison.Ordinal);
    }
}
