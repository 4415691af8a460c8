using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests;

public sealed class WgJoinTests
{
    [Fact]
    public async Task Join_OpenGroup_MakesCallerMemberAtOnce()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg join calorimetry");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var active = await h.QueryAsync(db => db.Memberships.AnyAsync(m => m.Group.Slug == "calorimetry" && m.Person.Identities.Any(i => i.Key == "console:newcomer") && m.EndedAt == null));
        Assert.True(active);
    }

    [Fact]
    public async Task Join_ClosedGroup_CreatesPendingRequestNotMembership()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("approves", reply.Plain, StringComparison.Ordinal);
        var (member, pending) = await h.QueryAsync(async db => (
            await db.Memberships.AnyAsync(m => m.Group.Slug == "fast-simulation" && m.Person.Identities.Any(i => i.Key == "console:newcomer")),
            await db.JoinRequests.CountAsync(j => j.Group.Slug == "fast-simulation" && j.Status == JoinRequestStatus.Pending)));
        Assert.False(member);
        Assert.Equal(1, pending);
    }
}
