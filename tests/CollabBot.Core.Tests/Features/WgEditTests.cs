using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

public sealed class WgEditTests
{
    [Fact]
    public async Task Edit_Name_SavesAndShowsOldToNew()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --name \"Calorimetry Benchmark\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("Updated calorimetry" + Environment.NewLine + "Name: Calorimetry Dataset → Calorimetry Benchmark", reply.Plain);
        Assert.Equal("Calorimetry Benchmark", (await h.GroupAsync("calorimetry")).Name);
    }

    [Fact]
    public async Task Edit_EveryField_ShowsEachChange()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --description \"Showers.\" --kind problem --tz america/chicago --closed");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Kind: dataset → problem", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Time zone: Europe/Zurich → America/Chicago", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Membership: open → closed", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("→ Showers.", reply.Plain, StringComparison.Ordinal);
        var group = await h.GroupAsync("calorimetry");
        Assert.Equal(("Showers.", GroupKind.Problem, "America/Chicago", false), (group.Description, group.Kind, group.TimeZone, group.IsOpen));
    }

    [Fact]
    public async Task Edit_Open_OpensClosedGroup()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:elena", "/wg edit fast-simulation --open");

        Assert.Contains("Membership: closed → open", reply.Plain, StringComparison.Ordinal);
        Assert.True((await h.GroupAsync("fast-simulation")).IsOpen);
    }

    [Fact]
    public async Task Edit_EmptyDescription_ShowsEmptyAsOld()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg create quantum \"Quantum\" --convener @amara");

        var reply = await h.SayAsync("console:amara", "/wg edit quantum --description \"Qubits.\"");

        Assert.Contains("Description: (empty) → Qubits.", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_OpenAndClosedTogether_IsInvalidAndChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --open --closed --name \"X\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("either --open or --closed, not both", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("/wg edit calorimetry")]
    [InlineData("/wg edit calorimetry --open=false")]
    public async Task Edit_NothingToChange_IsInvalidWithUsage(string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", line);

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Nothing to change", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Usage: /wg edit <wg>", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Edit_SameValues_SaysNothingChangedAndWritesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --name \"Calorimetry Dataset\" --open --kind dataset");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("already has those values; nothing changed", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("--name \"\"")]
    [InlineData("--name \"   \"")]
    public async Task Edit_BlankName_IsInvalid(string option)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", $"/wg edit calorimetry {option}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal("Calorimetry Dataset", (await h.GroupAsync("calorimetry")).Name);
    }

    [Fact]
    public async Task Edit_BadTimeZone_IsInvalidAndKeepsOld()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --tz Europe/Zurch");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("did you mean Europe/Zurich?", reply.Plain, StringComparison.Ordinal);
        Assert.Equal("Europe/Zurich", (await h.GroupAsync("calorimetry")).TimeZone);
    }

    [Fact]
    public async Task Edit_WindowsTimeZoneName_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --tz \"W. Europe Standard Time\"");

        AssertStatus(ReplyStatus.Invalid, reply);
    }

    [Fact]
    public async Task Edit_UnknownKind_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg edit calorimetry --kind hobby");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal(GroupKind.Dataset, (await h.GroupAsync("calorimetry")).Kind);
    }

    [Fact]
    public async Task Edit_Closed_MakesJoiningARequest()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:amara", "/wg edit calorimetry --closed");

        var reply = await h.SayAsync("console:newcomer", "/wg join calorimetry");

        Assert.Contains("closed group", reply.Plain, StringComparison.Ordinal);
        Assert.Null(await h.MembershipAsync("calorimetry", "console:newcomer"));
    }

    [Fact]
    public async Task Edit_UnknownGroup_IsNotFoundNotRefused()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg edit calorimtery --name X");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Contains("did you mean calorimetry?", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_Twice_BumpsVersionEachTime()
    {
        await using var h = await CoreHarness.StartAsync();
        var start = (await h.GroupAsync("calorimetry")).Version;

        await h.SayAsync("console:amara", "/wg edit calorimetry --name \"One\"");
        await h.SayAsync("console:elena", "/wg edit calorimetry --name \"Two\"");

        Assert.Equal(start + 2, (await h.GroupAsync("calorimetry")).Version);
    }
}
