using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>/wg create, archive and unarchive (admin only; the refusals are in <see cref="WgPermissionTests"/>).</summary>
public sealed class WgCreateTests
{
    [Fact]
    public async Task Create_SlugAndName_UsesDefaultsAndAppointsNoConvener()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum Machine Learning\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Quantum Machine Learning: a problem group, open, time zone UTC.", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg convener add quantum @user", reply.Plain, StringComparison.Ordinal);
        var group = await h.GroupAsync("quantum");
        Assert.Equal(("Quantum Machine Learning", GroupKind.Problem, "UTC", true, false, ""), (group.Name, group.Kind, group.TimeZone, group.IsOpen, group.IsArchived, group.Description));
        Assert.Equal(h.Clock.GetUtcNow(), group.CreatedAt);
        Assert.Equal(0, await h.QueryAsync(db => db.Memberships.CountAsync(m => m.GroupId == group.Id)));
    }

    [Fact]
    public async Task Create_AllOptions_StoresThemAndMakesTheConvener()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum ML\" --kind area --description \"Qubits and kernels.\" --tz europe/zurich --closed --convener @amara");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Quantum ML: an area group, closed, time zone Europe/Zurich.", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Convener: @Amara Okafor", reply.Plain, StringComparison.Ordinal);
        var group = await h.GroupAsync("quantum");
        Assert.Equal((GroupKind.Area, "Qubits and kernels.", "Europe/Zurich", false), (group.Kind, group.Description, group.TimeZone, group.IsOpen));
        var amara = await h.MembershipAsync("quantum", "console:amara");
        Assert.Equal(MemberRole.Convener, amara!.Role);
        Assert.Null(await h.MembershipAsync("quantum", CoreHarness.Admin));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/wg edit quantum --open"));
    }

    [Fact]
    public async Task Create_ConvenerNeverSeenBefore_CreatesTheirPerson()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum ML\" --convener @zoe"));

        Assert.Equal(MemberRole.Convener, (await h.MembershipAsync("quantum", "console:zoe"))!.Role);
    }

    [Fact]
    public async Task Create_DuplicateSlug_IsInvalidAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create calorimetry \"Another Calorimetry\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("'calorimetry' already exists", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Equal("Calorimetry Dataset", (await h.GroupAsync("calorimetry")).Name);
    }

    [Theory]
    [InlineData("Quantum")]
    [InlineData("q")]
    [InlineData("1quantum")]
    [InlineData("quantum-")]
    [InlineData("quan--tum")]
    [InlineData("quantum_ml")]
    [InlineData("quantum.ml")]
    [InlineData("a23456789012345678901234567890123456789012")]
    public async Task Create_BadSlug_IsInvalidSayingWhatASlugIs(string slug)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, $"/wg create {slug} \"Quantum\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("is not a valid slug", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("2-40 lower-case letters, digits and hyphens", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Create_FortyCharacterSlug_IsAccepted()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, $"/wg create {new string('q', 40)} \"Long\""));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "")]
    [InlineData("Europe/Zurch", " (did you mean Europe/Zurich?)")]
    [InlineData("CET+1", "")]
    public async Task Create_BadTimeZone_IsInvalidNamingTheValidForm(string tz, string suggestion)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, $"/wg create quantum \"Quantum\" --tz {tz}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains($"'{tz}' is not a time zone I know. Use an IANA id such as Europe/Zurich, America/Chicago or UTC{suggestion}.", reply.Plain, StringComparison.Ordinal);
        Assert.Null(await h.QueryAsync(db => db.Groups.FirstOrDefaultAsync(g => g.Slug == "quantum")));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task Create_BlankName_IsInvalid(string name)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, $"/wg create quantum {name}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Null(await h.QueryAsync(db => db.Groups.FirstOrDefaultAsync(g => g.Slug == "quantum")));
    }

    [Fact]
    public async Task Create_NameTooLong_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, $"/wg create quantum \"{new string('n', 201)}\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("1 to 200 characters", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownKind_IsInvalidListingKinds()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum\" --kind hobby");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("dataset, problem, area, general", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameWithoutQuotes_IsInvalidSuggestingQuotes()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create quantum Quantum Machine Learning");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("in quotes", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_Group_KeepsMembersLinksAndData()
    {
        await using var h = await CoreHarness.StartAsync();
        var membersBefore = await h.QueryAsync(db => db.Memberships.CountAsync(m => m.Group.Slug == "calorimetry" && m.EndedAt == null));

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("/wg unarchive calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.True((await h.GroupAsync("calorimetry")).IsArchived);
        Assert.Equal(membersBefore, await h.QueryAsync(db => db.Memberships.CountAsync(m => m.Group.Slug == "calorimetry" && m.EndedAt == null)));
        Assert.Equal(2, await h.QueryAsync(db => db.ChannelLinks.CountAsync(c => c.Group.Slug == "calorimetry" && c.UnlinkedAt == null)));
    }

    [Fact]
    public async Task Unarchive_ArchivedGroup_MakesItActive()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive calorimetry");

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg unarchive calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("calorimetry is active again.", reply.Plain);
        Assert.False((await h.GroupAsync("calorimetry")).IsArchived);
    }

    [Fact]
    public async Task Unarchive_ActiveGroup_SaysNothingChanged()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg unarchive calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("not archived; nothing changed", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }
}
