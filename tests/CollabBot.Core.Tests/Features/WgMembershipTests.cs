using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>join, approve, deny, leave, members, add, remove, convener add/remove, role set/clear.</summary>
public sealed class WgMembershipTests
{
    // ---- join ----

    [Fact]
    public async Task Join_AlreadyMember_SaysSoAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var member = await h.SayAsync("console:noah", "/wg join calorimetry");
        var convener = await h.SayAsync("console:amara", "/wg join calorimetry");

        Assert.Equal("You are already a member of calorimetry.", member.Plain);
        Assert.Equal("You are already a convener of calorimetry.", convener.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Join_ClosedGroup_TellsWhoApproves()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        Assert.Contains("request to join went to Elena Popescu, Hiroshi Tanaka", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_ClosedGroupTwice_KeepsOnePendingRequest()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        var again = await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        AssertStatus(ReplyStatus.Ok, again);
        Assert.Contains("already waiting for Elena Popescu, Hiroshi Tanaka", again.Plain, StringComparison.Ordinal);
        Assert.Equal(1, await h.QueryAsync(db => db.JoinRequests.CountAsync()));
    }

    [Fact]
    public async Task Join_AfterLeaving_ReopensTheSameRow()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = (await h.MembershipAsync("calorimetry", "console:ingrid"))!.Id;
        await h.SayAsync("console:ingrid", "/wg leave calorimetry");
        h.Clock.Advance(TimeSpan.FromDays(3));

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:ingrid", "/wg join calorimetry"));

        var row = await h.MembershipAsync("calorimetry", "console:ingrid");
        Assert.Equal(id, row!.Id);
        Assert.Null(row.EndedAt);
        Assert.Equal(h.Clock.GetUtcNow(), row.JoinedAt);
        Assert.Equal(1, await h.QueryAsync(db => db.Memberships.CountAsync(m => m.Group.Slug == "calorimetry" && m.Person.Identities.Any(i => i.Key == "console:ingrid"))));
    }

    // ---- approve / deny ----

    [Fact]
    public async Task Approve_PendingRequest_MakesMemberAndRecordsDecision()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        h.Clock.Advance(TimeSpan.FromHours(2));

        var reply = await h.SayAsync("console:hiroshi", "/wg approve fast-simulation @newcomer");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("is now a member of fast-simulation", reply.Plain, StringComparison.Ordinal);
        var membership = await h.MembershipAsync("fast-simulation", "console:newcomer");
        Assert.Equal(MemberRole.Member, membership!.Role);
        Assert.Null(membership.EndedAt);
        var hiroshi = await h.PersonAsync("console:hiroshi");
        var request = await h.QueryAsync(db => db.JoinRequests.SingleAsync());
        Assert.Equal((JoinRequestStatus.Approved, h.Clock.GetUtcNow(), hiroshi!.Id), (request.Status, request.DecidedAt, request.DecidedByPersonId));
    }

    [Fact]
    public async Task Approve_NoPendingRequests_IsNotFoundSayingThereAreNone()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:elena", "/wg approve fast-simulation @noah");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Equal("Noah Schmidt has no pending request to join fast-simulation. There are no pending requests.", reply.Plain);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("deny")]
    public async Task Decide_SomeoneElseIsPending_IsNotFoundListingThePending(string verb)
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:wanda", "/wg join fast-simulation");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SayAsync("console:xavier", "/wg join fast-simulation");
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:elena", $"/wg {verb} fast-simulation @grace");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Contains("Grace Mwangi has no pending request to join fast-simulation. Pending requests: wanda, xavier.", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Deny_PendingRequest_KeepsRequestAsDeniedAndAddsNoMember()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        var reply = await h.SayAsync("console:elena", "/wg deny fast-simulation @newcomer");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("The request stays on record.", reply.Plain, StringComparison.Ordinal);
        var request = await h.QueryAsync(db => db.JoinRequests.SingleAsync());
        Assert.Equal(JoinRequestStatus.Denied, request.Status);
        Assert.Equal(h.Clock.GetUtcNow(), request.DecidedAt);
        Assert.Null(await h.MembershipAsync("fast-simulation", "console:newcomer"));
    }

    [Fact]
    public async Task Approve_AfterDeny_IsNotFound()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        await h.SayAsync("console:elena", "/wg deny fast-simulation @newcomer");

        var reply = await h.SayAsync("console:hiroshi", "/wg approve fast-simulation @newcomer");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Null(await h.MembershipAsync("fast-simulation", "console:newcomer"));
    }

    [Fact]
    public async Task Join_AfterDeny_AsksAgain()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        await h.SayAsync("console:elena", "/wg deny fast-simulation @newcomer");

        await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        var statuses = await h.QueryAsync(db => db.JoinRequests.OrderBy(j => j.Id).Select(j => j.Status).ToListAsync());
        Assert.Equal([JoinRequestStatus.Denied, JoinRequestStatus.Pending], statuses);
    }

    [Fact]
    public async Task Approve_PendingRequestOfSomeoneAddedMeanwhile_KeepsTheirRoleAndTags()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        await h.SayAsync("console:elena", "/wg add fast-simulation @newcomer --role software-team");
        await h.SayAsync("console:elena", "/wg convener add fast-simulation @newcomer");

        var reply = await h.SayAsync("console:hiroshi", "/wg approve fast-simulation @newcomer");

        AssertStatus(ReplyStatus.Ok, reply);
        var membership = await h.MembershipAsync("fast-simulation", "console:newcomer");
        Assert.Equal(MemberRole.Convener, membership!.Role);
        Assert.Equal(["software-team"], membership.Tags);
        Assert.Equal(JoinRequestStatus.Approved, (await h.QueryAsync(db => db.JoinRequests.SingleAsync())).Status);
    }

    // ---- leave ----

    [Fact]
    public async Task Leave_Member_EndsMembershipAndKeepsTheRow()
    {
        await using var h = await CoreHarness.StartAsync();
        h.Clock.Advance(TimeSpan.FromDays(1));

        var reply = await h.SayAsync("console:noah", "/wg leave calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("/wg join calorimetry brings you back", reply.Plain, StringComparison.Ordinal);
        var row = await h.MembershipAsync("calorimetry", "console:noah");
        Assert.Equal(h.Clock.GetUtcNow(), row!.EndedAt);
        Assert.Equal(["dataset-team"], row.Tags);
    }

    [Fact]
    public async Task Leave_NotAMember_IsRefusedByTheMemberRule()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:grace", "/wg leave calorimetry");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("You are not a member of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Leave_Twice_SecondIsRefused()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave calorimetry");
        var endedAt = (await h.MembershipAsync("calorimetry", "console:noah"))!.EndedAt;
        h.Clock.Advance(TimeSpan.FromDays(1));

        AssertStatus(ReplyStatus.Refused, await h.SayAsync("console:noah", "/wg leave calorimetry"));
        Assert.Equal(endedAt, (await h.MembershipAsync("calorimetry", "console:noah"))!.EndedAt);
    }

    // ---- members ----

    [Fact]
    public async Task Members_Group_ListsConvenersFirstWithRoles()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg members calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        string[] expected =
        [
            "Members of calorimetry (6)",
            "Amara Okafor — convener",
            "Elena Popescu — convener",
            "Ingrid Halvorsen",
            "Kwame Mensah — liaison:atlas",
            "Noah Schmidt — dataset-team",
            "Sofia Lindqvist — dataset-team, software-team",
        ];
        Assert.Equal(string.Join(Environment.NewLine, expected), reply.Plain);
    }

    [Fact]
    public async Task Members_RoleFilter_ShowsOnlyThatRole()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg members calorimetry --role Dataset-Team");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(
            string.Join(Environment.NewLine, "Members of calorimetry with role dataset-team (2)", "Noah Schmidt — dataset-team", "Sofia Lindqvist — dataset-team, software-team"),
            reply.Plain);
    }

    [Fact]
    public async Task Members_RoleNobodyHas_SaysSo()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg members calorimetry --role champion");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("No member of calorimetry has the role champion.", reply.Plain);
    }

    [Fact]
    public async Task Members_UnknownRole_IsInvalidListingRoles()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg members calorimetry --role wizard");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Roles are: dataset-team, software-team, champion, liaison:<experiment>", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_EndedMembership_IsNotListed()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave calorimetry");

        var reply = await h.SayAsync("console:newcomer", "/wg members calorimetry");

        Assert.DoesNotContain("Noah", reply.Plain, StringComparison.Ordinal);
        Assert.StartsWith("Members of calorimetry (5)", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_NewGroup_SaysNoMembers()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum\"");

        var reply = await h.SayAsync("console:newcomer", "/wg members quantum");

        Assert.Equal("quantum has no members yet.", reply.Plain);
    }

    // ---- add / remove ----

    [Fact]
    public async Task Add_NewPerson_MakesThemMember()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry @bob");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Added @bob to calorimetry.", reply.Plain);
        var row = await h.MembershipAsync("calorimetry", "console:bob");
        Assert.Equal((MemberRole.Member, (DateTimeOffset?)null), (row!.Role, row.EndedAt));
        Assert.Empty(row.Tags);
    }

    [Fact]
    public async Task Add_WithRole_StoresTheTag()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry @grace --role liaison:LHCb");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Added @Grace Mwangi to calorimetry with the role liaison:lhcb.", reply.Plain);
        Assert.Equal(["liaison:lhcb"], (await h.MembershipAsync("calorimetry", "console:grace"))!.Tags);
    }

    [Fact]
    public async Task Add_AlreadyMember_SaysSoAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry @noah --role dataset-team");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("@Noah Schmidt is already a member of calorimetry.", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Add_AlreadyMemberWithNewRole_AddsTheTag()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry @noah --role champion");

        Assert.Contains("was already a member of calorimetry; they now have the role champion", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(["dataset-team", "champion"], (await h.MembershipAsync("calorimetry", "console:noah"))!.Tags);
    }

    [Fact]
    public async Task Add_FormerMember_ReopensTheirRow()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = (await h.MembershipAsync("calorimetry", "console:noah"))!.Id;
        await h.SayAsync("console:noah", "/wg leave calorimetry");

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg add calorimetry @noah"));

        var row = await h.MembershipAsync("calorimetry", "console:noah");
        Assert.Equal(id, row!.Id);
        Assert.Null(row.EndedAt);
    }

    [Fact]
    public async Task Add_InvalidRole_IsInvalidListingRoles()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry @bob --role boss");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("'boss' is not a role. Roles are: dataset-team, software-team, champion, liaison:<experiment>.", reply.Plain, StringComparison.Ordinal);
        Assert.Null(await h.PersonAsync("console:bob"));
    }

    [Fact]
    public async Task Add_NotAMention_IsInvalidSayingHowToMention()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg add calorimetry bob");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("@name", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ByAnotherIdentityOfAKnownPerson_FindsThem()
    {
        await using var h = await CoreHarness.StartAsync();

        // Priya's Slack identity is the same person as console:priya, who is not in calorimetry.
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg add calorimetry @slack:T0DEMO:U0PRIYA01"));

        Assert.NotNull(await h.MembershipAsync("calorimetry", "console:priya"));
    }

    [Fact]
    public async Task Remove_Member_EndsMembershipAndKeepsTheRow()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg remove calorimetry @kwame");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Their past membership stays on record.", reply.Plain, StringComparison.Ordinal);
        var row = await h.MembershipAsync("calorimetry", "console:kwame");
        Assert.Equal(h.Clock.GetUtcNow(), row!.EndedAt);
        Assert.Equal(["liaison:atlas"], row.Tags);
    }

    [Fact]
    public async Task Remove_NotAMember_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg remove calorimetry @grace");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Grace Mwangi is not a member of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Remove_FormerMember_IsInvalidAndKeepsFirstEnd()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg remove calorimetry @kwame");
        var ended = (await h.MembershipAsync("calorimetry", "console:kwame"))!.EndedAt;
        h.Clock.Advance(TimeSpan.FromDays(1));

        AssertStatus(ReplyStatus.Invalid, await h.SayAsync("console:amara", "/wg remove calorimetry @kwame"));

        Assert.Equal(ended, (await h.MembershipAsync("calorimetry", "console:kwame"))!.EndedAt);
    }

    // ---- convener add / remove ----

    [Fact]
    public async Task ConvenerAdd_Member_PromotesTheSameRow()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = (await h.MembershipAsync("calorimetry", "console:sofia"))!.Id;

        var reply = await h.SayAsync("console:elena", "/wg convener add calorimetry @sofia");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("@Sofia Lindqvist is now a convener of calorimetry.", reply.Plain);
        var row = await h.MembershipAsync("calorimetry", "console:sofia");
        Assert.Equal((id, MemberRole.Convener), (row!.Id, row.Role));
        Assert.Equal(["dataset-team", "software-team"], row.Tags);
    }

    [Fact]
    public async Task ConvenerAdd_NonMember_JoinsAsConvener()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:priya", "/wg convener add lartpc @grace"));

        var row = await h.MembershipAsync("lartpc", "console:grace");
        Assert.Equal((MemberRole.Convener, (DateTimeOffset?)null), (row!.Role, row.EndedAt));
    }

    [Fact]
    public async Task ConvenerAdd_AlreadyConvener_SaysSoAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg convener add calorimetry @elena");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Elena Popescu is already a convener of calorimetry.", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task ConvenerRemove_OneOfTwo_StaysAsMember()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg convener remove fast-simulation @hiroshi");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("they stay a member", reply.Plain, StringComparison.Ordinal);
        var row = await h.MembershipAsync("fast-simulation", "console:hiroshi");
        Assert.Equal((MemberRole.Member, (DateTimeOffset?)null), (row!.Role, row.EndedAt));
    }

    [Fact]
    public async Task ConvenerRemove_NotAConvener_IsInvalidListingConveners()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg convener remove calorimetry @noah");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal("Noah Schmidt is not a convener of calorimetry. Its conveners are: Amara Okafor, Elena Popescu.", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    // ---- role set / clear ----

    [Fact]
    public async Task RoleSet_Member_AddsTagKeepingOthers()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg role set calorimetry @noah champion");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Noah Schmidt now has the role champion in calorimetry.", reply.Plain);
        Assert.Equal(["dataset-team", "champion"], (await h.MembershipAsync("calorimetry", "console:noah"))!.Tags);
    }

    [Theory]
    [InlineData("liaison:CMS", "liaison:cms")]
    [InlineData("SOFTWARE-TEAM", "software-team")]
    public async Task RoleSet_AnyCase_StoresLowerCase(string typed, string stored)
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", $"/wg role set calorimetry @ingrid {typed}"));

        Assert.Equal([stored], (await h.MembershipAsync("calorimetry", "console:ingrid"))!.Tags);
    }

    [Fact]
    public async Task RoleSet_AlreadyHasRole_SaysSoAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg role set calorimetry @noah dataset-team");

        Assert.Equal("Noah Schmidt already has the role dataset-team in calorimetry.", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("wizard")]
    [InlineData("liaison:")]
    [InlineData("liaison")]
    [InlineData("dataset team")]
    public async Task RoleSet_InvalidRole_IsInvalidListingValidRoles(string role)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", $"/wg role set calorimetry @noah \"{role}\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Roles are: dataset-team, software-team, champion, liaison:<experiment>.", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task RoleSet_NotAMember_IsInvalidSayingHowToAdd()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg role set calorimetry @grace champion");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Grace Mwangi is not a member of calorimetry; add them first with /wg add calorimetry @user --role champion.", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task RoleSet_FormerMember_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave calorimetry");

        AssertStatus(ReplyStatus.Invalid, await h.SayAsync("console:amara", "/wg role set calorimetry @noah champion"));

        Assert.Equal(["dataset-team"], (await h.MembershipAsync("calorimetry", "console:noah"))!.Tags);
    }

    [Fact]
    public async Task RoleClear_HasRole_RemovesOnlyThatTag()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg role clear calorimetry @sofia dataset-team");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Sofia Lindqvist no longer has the role dataset-team in calorimetry.", reply.Plain);
        var row = await h.MembershipAsync("calorimetry", "console:sofia");
        Assert.Equal(["software-team"], row!.Tags);
        Assert.Null(row.EndedAt);
    }

    [Fact]
    public async Task RoleClear_DoesNotHaveRole_IsInvalidListingTheirRoles()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg role clear calorimetry @sofia champion");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal("Sofia Lindqvist does not have the role champion in calorimetry (they have the roles dataset-team, software-team).", reply.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task RoleClear_NotAMember_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg role clear calorimetry @grace champion");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("(they have no roles)", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleClear_InvalidRole_IsInvalidListingValidRoles()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg role clear calorimetry @noah boss");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Roles are:", reply.Plain, StringComparison.Ordinal);
    }
}
