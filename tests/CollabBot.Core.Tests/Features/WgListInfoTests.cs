using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

public sealed class WgListInfoTests
{
    [Fact]
    public async Task List_Default_ShowsEveryActiveGroupWithConvenersAndMemberCount()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg list");

        AssertStatus(ReplyStatus.Ok, reply);
        // Conveners count as members: calorimetry has 2 conveners and 4 members.
        Assert.Contains("calorimetry — Calorimetry Dataset (dataset) · conveners: Amara Okafor, Elena Popescu · 6 members", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("fast-simulation — Fast Simulation (problem, closed) · conveners: Elena Popescu, Hiroshi Tanaka · 5 members", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("lartpc — LArTPC Reconstruction (dataset) · conveners: Priya Raman · 4 members", reply.Plain, StringComparison.Ordinal);
        foreach (var slug in new[] { "tracking", "jet-tagging", "anomaly-detection", "open-data", "training", "general" })
        {
            Assert.Contains(slug + " — ", reply.Plain, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_MemberLeaves_CountDrops()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave calorimetry");

        var reply = await h.SayAsync("console:noah", "/wg list");

        Assert.Contains("Elena Popescu · 5 members", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_OneMember_IsSingular()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg create solo \"Solo\" --convener @amara");

        var reply = await h.SayAsync("console:noah", "/wg list");

        Assert.Contains("conveners: Amara Okafor · 1 member", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_GroupWithoutConvener_SaysNoConvener()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg create orphan \"Orphan\"");

        var reply = await h.SayAsync("console:noah", "/wg list");

        Assert.Contains("orphan — Orphan (problem) · conveners: no convener · 0 members", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("area", new[] { "open-data", "training" })]
    [InlineData("dataset", new[] { "calorimetry", "lartpc", "tracking" })]
    [InlineData("general", new[] { "general" })]
    [InlineData("PROBLEM", new[] { "anomaly-detection", "fast-simulation", "jet-tagging" })]
    public async Task List_KindFilter_ShowsOnlyThatKind(string kind, string[] expected)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", $"/wg list --kind {kind}");

        AssertStatus(ReplyStatus.Ok, reply);
        var shown = reply.Sections.SelectMany(s => s.Lines).Select(l => l.Parts[0]).OfType<Strong>().Select(s => s.Value).ToArray();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task List_KindWithOnlyArchivedGroups_SaysThereAreNone()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/wg archive general");

        var reply = await h.SayAsync("console:noah", "/wg list --kind general");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal("There are no general groups.", reply.Plain);
    }

    [Fact]
    public async Task List_UnknownKind_IsInvalidListingTheKinds()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg list --kind wizardry");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("dataset, problem, area, general", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EmptyDatabase_SaysHowToCreate()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);

        var reply = await h.SayAsync("console:noah", "/wg list");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("/wg create", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_KnownGroup_ShowsDescriptionConvenersRolesAndChannels()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg info calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        var text = reply.Plain;
        Assert.StartsWith("Calorimetry Dataset (calorimetry)", text, StringComparison.Ordinal);
        Assert.Contains("shared calorimeter shower benchmark", text, StringComparison.Ordinal);
        Assert.Contains("Kind: dataset", text, StringComparison.Ordinal);
        Assert.Contains("Membership: open", text, StringComparison.Ordinal);
        Assert.Contains("Time zone: Europe/Zurich", text, StringComparison.Ordinal);
        Assert.Contains("Conveners: Amara Okafor, Elena Popescu", text, StringComparison.Ordinal);
        Assert.Contains("Members: 6", text, StringComparison.Ordinal);
        Assert.Contains("dataset-team: Noah Schmidt, Sofia Lindqvist", text, StringComparison.Ordinal);
        Assert.Contains("liaison:atlas: Kwame Mensah", text, StringComparison.Ordinal);
        Assert.Contains("slack #wg-calorimetry", text, StringComparison.Ordinal);
        Assert.Contains("discord #calorimetry", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/wg/calorimetry", text, StringComparison.Ordinal);
        Assert.DoesNotContain("archived", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ClosedGroup_SaysConvenerApproves()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/wg info fast-simulation");

        Assert.Contains("Membership: closed: a convener approves each request", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calorimtery", "calorimetry")]
    [InlineData("calorimetr", "calorimetry")]
    [InlineData("jet-taging", "jet-tagging")]
    [InlineData("lartcp", "lartpc")]
    public async Task Info_MisspelledSlug_IsNotFoundSuggestingClosest(string typed, string suggested)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", $"/wg info {typed}");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Contains($"There is no working group '{typed}' (did you mean {suggested}?)", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg list", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnrelatedSlug_IsNotFoundWithoutAGuess()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg info zebrafish");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.DoesNotContain("did you mean", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UpperCaseSlug_FindsTheGroup()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:noah", "/wg info Calorimetry"));
    }

    [Fact]
    public async Task Info_MissingSlug_IsInvalidWithUsage()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg info");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Usage: /wg info <wg>", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Public_IsSharedWithTheChannel()
    {
        await using var h = await CoreHarness.StartAsync();

        var quiet = await h.SayAsync("console:noah", "/wg info calorimetry");
        var shared = await h.SayAsync("console:noah", "/wg info calorimetry --public");

        Assert.False(quiet.Public);
        Assert.True(shared.Public);
    }
}
