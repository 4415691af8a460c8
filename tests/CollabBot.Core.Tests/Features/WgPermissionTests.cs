using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// product.md's Permissions table, row by row. In the demo community noah is a plain member of calorimetry,
/// amara convenes calorimetry and general, priya is lartpc's only convener, console:admin is the admin.
/// </summary>
public sealed class WgPermissionTests
{
    /// <summary>Every convener-only /wg change, aimed at <c>{0}</c> (a group).</summary>
    public static TheoryData<string> ConvenerCommands => new()
    {
        "/wg edit {0} --name \"Renamed\"",
        "/wg edit {0} --closed",
        "/wg add {0} @newcomer",
        "/wg add {0} @newcomer --role champion",
        "/wg remove {0} @oliver",
        "/wg approve {0} @newcomer",
        "/wg deny {0} @newcomer",
        "/wg role set {0} @oliver champion",
        "/wg role clear {0} @oliver dataset-team",
        "/wg convener add {0} @oliver",
        "/wg link {0}",
        "/wg unlink {0}",
    };

    [Theory]
    [MemberData(nameof(ConvenerCommands))]
    public async Task ConvenerCommand_ByMember_IsRefusedSayingWhoMayAndChangesNothing(string template)
    {
        await using var h = await CoreHarness.StartAsync();
        await LinkConsoleChannelAsync(h, "lartpc");
        var before = await h.SnapshotAsync();

        // marcus is a member (liaison:dune) of lartpc, not a convener.
        var reply = await h.SayAsync("console:marcus", string.Format(null, template, "lartpc"), channel: "C1");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("Only a convener of lartpc or an admin", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(ConvenerCommands))]
    public async Task ConvenerCommand_ByConvenerOfAnotherGroup_IsRefusedAndChangesNothing(string template)
    {
        await using var h = await CoreHarness.StartAsync();
        await LinkConsoleChannelAsync(h, "lartpc");
        var before = await h.SnapshotAsync();

        // amara convenes calorimetry and general, and is no member of lartpc.
        var reply = await h.SayAsync("console:amara", string.Format(null, template, "lartpc"), channel: "C1");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("Only a convener of lartpc or an admin", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(ConvenerCommands))]
    public async Task ConvenerCommand_ByMemberOfTheGroupWhoConvenesAnother_IsRefused(string template)
    {
        await using var h = await CoreHarness.StartAsync();
        await LinkConsoleChannelAsync(h, "anomaly-detection");
        var before = await h.SnapshotAsync();

        // jonas convenes jet-tagging but is a plain member of anomaly-detection: being a convener somewhere is not enough.
        var reply = await h.SayAsync("console:jonas", string.Format(null, template, "anomaly-detection"), channel: "C1");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Approve_ByMemberWithPendingRequest_IsRefusedAndRequestStaysPending()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        // mei is a member of the closed fast-simulation group, not a convener.
        var approve = await h.SayAsync("console:mei", "/wg approve fast-simulation @newcomer");
        var deny = await h.SayAsync("console:mei", "/wg deny fast-simulation @newcomer");

        AssertStatus(ReplyStatus.Refused, approve);
        AssertStatus(ReplyStatus.Refused, deny);
        var request = await h.QueryAsync(db => db.JoinRequests.SingleAsync(j => j.Group.Slug == "fast-simulation"));
        Assert.Equal(JoinRequestStatus.Pending, request.Status);
        Assert.Null(request.DecidedAt);
        Assert.Null(await h.MembershipAsync("fast-simulation", "console:newcomer"));
    }

    [Theory]
    [InlineData("console:priya")]
    [InlineData(CoreHarness.Admin)]
    public async Task ConvenerCommands_ByConvenerOrAdmin_AllSucceed(string caller)
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join lartpc");
        await h.SayAsync("console:oliver", "/wg join lartpc"); // already a member: no change

        // The admin is no member of lartpc at all: admins may do convener things in any group.
        string[] lines =
        [
            "/wg edit lartpc --description \"Liquid argon, reconstructed.\"",
            "/wg add lartpc @grace --role champion",
            "/wg role set lartpc @oliver software-team",
            "/wg role clear lartpc @oliver dataset-team",
            "/wg remove lartpc @newcomer",
            "/wg link lartpc",
            "/wg unlink lartpc",
            "/wg convener add lartpc @marcus",
            "/wg edit lartpc --closed",
        ];
        foreach (var line in lines)
        {
            var reply = await h.SayAsync(caller, line, channel: "C7");
            Assert.True(reply.Status == ReplyStatus.Ok, $"{line}: {reply.Plain}");
        }

        var group = await h.GroupAsync("lartpc");
        Assert.Equal("Liquid argon, reconstructed.", group.Description);
        Assert.False(group.IsOpen);
        Assert.Equal(["champion"], (await h.MembershipAsync("lartpc", "console:grace"))!.Tags);
        Assert.Equal(["software-team"], (await h.MembershipAsync("lartpc", "console:oliver"))!.Tags);
        Assert.NotNull((await h.MembershipAsync("lartpc", "console:newcomer"))!.EndedAt);
        Assert.Equal(MemberRole.Convener, (await h.MembershipAsync("lartpc", "console:marcus"))!.Role);
    }

    [Fact]
    public async Task Approve_ByAdminNotInGroup_CreatesMembership()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg approve fast-simulation @newcomer");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Null((await h.MembershipAsync("fast-simulation", "console:newcomer"))!.EndedAt);
    }

    public static TheoryData<string> AdminCommands => new()
    {
        "/wg create quantum \"Quantum Machine Learning\"",
        "/wg archive calorimetry",
        "/wg unarchive calorimetry",
        "/wg convener remove calorimetry @elena",
    };

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task AdminCommand_ByConvener_IsRefusedNamingAdminsAndChangesNothing(string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", line);

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("Only an admin can run /wg", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Bot:Admins", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task AdminCommand_ByMember_IsRefused(string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:noah", line);

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task AdminCommands_ByAdmin_Succeed()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum Machine Learning\""));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry"));
        Assert.True((await h.GroupAsync("calorimetry")).IsArchived);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg unarchive calorimetry"));
        Assert.False((await h.GroupAsync("calorimetry")).IsArchived);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg convener remove calorimetry @elena"));

        Assert.NotNull(await h.QueryAsync(db => db.Groups.FirstOrDefaultAsync(g => g.Slug == "quantum")));
        var elena = await h.MembershipAsync("calorimetry", "console:elena");
        Assert.Equal(MemberRole.Member, elena!.Role);
        Assert.Null(elena.EndedAt);
    }

    [Fact]
    public async Task AdminList_FromConfiguration_DecidesWhoIsAdmin()
    {
        // Admins come from Bot:Admins: here amara is one and console:admin is not.
        await using var h = await CoreHarness.StartAsync(true, "console:amara");

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg archive lartpc"));
        AssertStatus(ReplyStatus.Refused, await h.SayAsync(CoreHarness.Admin, "/wg unarchive lartpc"));
    }

    [Fact]
    public async Task ConvenerAdd_ByConvener_AppointsCoConvener()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg convener add calorimetry @noah");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(MemberRole.Convener, (await h.MembershipAsync("calorimetry", "console:noah"))!.Role);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:noah", "/wg edit calorimetry --tz Europe/Berlin"));
    }

    [Fact]
    public async Task Remove_CoConvenerByConvener_IsRefusedSayingOnlyAdmin()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg remove calorimetry @elena");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("only an admin", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Remove_CoConvenerByAdmin_EndsMembership()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg remove calorimetry @elena");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.NotNull((await h.MembershipAsync("calorimetry", "console:elena"))!.EndedAt);
    }

    [Fact]
    public async Task Leave_LastConvener_IsRefusedAndStaysConvener()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:priya", "/wg leave lartpc");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("last convener", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg convener add lartpc", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData(CoreHarness.Admin, "/wg remove lartpc @priya")]
    [InlineData("console:priya", "/wg remove lartpc me")]
    [InlineData(CoreHarness.Admin, "/wg convener remove lartpc @priya")]
    public async Task RemovingLastConvener_AnyWay_IsRefusedAndStaysConvener(string caller, string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(caller, line);

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("last convener of lartpc", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
        var priya = await h.MembershipAsync("lartpc", "console:priya");
        Assert.Equal(MemberRole.Convener, priya!.Role);
        Assert.Null(priya.EndedAt);
    }

    [Fact]
    public async Task Leave_OneOfTwoConveners_SucceedsThenTheOtherIsLast()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg leave calorimetry"));
        var last = await h.SayAsync("console:elena", "/wg leave calorimetry");

        AssertStatus(ReplyStatus.Refused, last);
        Assert.Null((await h.MembershipAsync("calorimetry", "console:elena"))!.EndedAt);
    }

    [Fact]
    public async Task ConvenerRemove_DownToOne_ThenRefusesTheLast()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg convener remove calorimetry @elena"));
        var last = await h.SayAsync(CoreHarness.Admin, "/wg convener remove calorimetry @amara");

        AssertStatus(ReplyStatus.Refused, last);
        Assert.Equal(MemberRole.Convener, (await h.MembershipAsync("calorimetry", "console:amara"))!.Role);
    }

    public static TheoryData<string, string> ChangesToArchivedGroup => new()
    {
        { "console:amara", "/wg edit calorimetry --name \"Renamed\"" },
        { "console:amara", "/wg add calorimetry @newcomer" },
        { "console:amara", "/wg remove calorimetry @noah" },
        { "console:amara", "/wg role set calorimetry @noah champion" },
        { "console:amara", "/wg convener add calorimetry @noah" },
        { "console:amara", "/wg link calorimetry" },
        { "console:noah", "/wg leave calorimetry" },
        { "console:grace", "/wg join calorimetry" },
        { CoreHarness.Admin, "/wg edit calorimetry --description \"Even an admin\"" },
        { CoreHarness.Admin, "/wg archive calorimetry" },
    };

    [Theory]
    [MemberData(nameof(ChangesToArchivedGroup))]
    public async Task ArchivedGroup_Change_IsRefusedSayingHowToUnarchive(string caller, string line)
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(caller, line, channel: "C1");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Contains("archived", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg unarchive calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("/wg info calorimetry", "Conveners: Amara Okafor, Elena Popescu")]
    [InlineData("/wg members calorimetry", "Noah Schmidt")]
    [InlineData("/wg members calorimetry --role dataset-team", "Sofia Lindqvist")]
    [InlineData("/wg list --all", "calorimetry")]
    public async Task ArchivedGroup_Read_StillAnswers(string line, string expected)
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");

        var reply = await h.SayAsync("console:newcomer", line);

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchivedGroup_Info_SaysArchived()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");

        var reply = await h.SayAsync("console:noah", "/wg info calorimetry");

        Assert.Contains("Status: archived", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchivedGroup_AfterUnarchive_AcceptsChangesAgain()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");
        await h.SayAsync(CoreHarness.Admin, "/wg unarchive calorimetry");

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg edit calorimetry --name \"Calorimetry Benchmark\""));
    }

    [Fact]
    public async Task List_ArchivedGroup_HiddenUnlessAll()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");

        var active = await h.SayAsync("console:noah", "/wg list");
        var all = await h.SayAsync("console:noah", "/wg list --all");

        Assert.DoesNotContain("calorimetry", active.Plain, StringComparison.Ordinal);
        Assert.Contains("tracking", active.Plain, StringComparison.Ordinal);
        Assert.Contains("calorimetry — Calorimetry Dataset (dataset, archived)", all.Plain, StringComparison.Ordinal);
        Assert.Contains("including archived", all.Plain, StringComparison.Ordinal);
    }

    /// <summary>Links console channel C1 to the group, so that /wg unlink has something it could wrongly remove.</summary>
    private static async Task LinkConsoleChannelAsync(CoreHarness h, string slug) =>
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, $"/wg link {slug}", channel: "C1"));
}
