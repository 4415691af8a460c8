using CollabBot.Core.Features.Collab;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

public sealed class CollabTests
{
    [Fact]
    public async Task Help_NoCommand_ListsEveryCommandInOrder()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab help");

        AssertStatus(ReplyStatus.Ok, reply);
        var commands = reply.Sections.SelectMany(s => s.Lines).Select(l => l.Parts[0]).OfType<Code>().Select(c => c.Value).ToArray();
        Assert.Equal(["/wg", "/meeting", "/topic", "/credit", "/dataset", "/challenge", "/resource", "/profile", "/collab"], commands);
    }

    [Theory]
    [InlineData("/collab help \"wg join\"")]
    [InlineData("/collab help \"/wg join\"")]
    [InlineData("/wg join --help")]
    public async Task Help_WgJoin_ShowsItsUsageAndWhoMay(string line)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", line);

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.StartsWith("/wg join — Join a group", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Usage: /wg join <wg>", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Who: anyone", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ConvenerCommand_SaysConvenerOrAdmin()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab help \"wg edit\"");

        Assert.Contains("Who: a convener of the group, or an admin", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("--closed", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/collab help wg")]
    [InlineData("/wg help")]
    [InlineData("/wg")]
    public async Task Help_TopLevelCommand_ListsItsSubcommands(string line)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", line);

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("/wg convener add <wg> @user", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg role clear <wg> @user <role>", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wg jion", "wg join")]
    [InlineData("profil", "profile")]
    [InlineData("wg convener ad", "wg convener add")]
    public async Task Help_UnknownCommand_IsNotFoundSuggestingClosest(string typed, string suggested)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", $"/collab help \"{typed}\"");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Contains($"There is no command '{typed}' (did you mean {suggested}?)", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg, /meeting, /topic, /credit, /dataset, /challenge, /resource, /profile, /collab", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/wgg list", "'/wgg' is not a CollabBot command (did you mean wg?)")]
    [InlineData("/wg lst", "'lst' is not a subcommand of /wg (did you mean list?)")]
    [InlineData("/wg list --knd area", "/wg list has no option --knd (did you mean kind?)")]
    public async Task TypedCommand_Misspelled_IsInvalidSuggestingClosest(string line, string expected)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", line);

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_Convener_ListsGroupsAndWhatTheyConvene()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/collab whoami");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Identity: console:amara", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Person: Amara Okafor", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Linked identities: console:amara, slack:T0DEMO:U0AMARA01", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Groups: calorimetry (convener), general (convener), open-data", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("As convener of calorimetry, general:", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("As an admin", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_Member_HasNoConvenerLine()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/collab whoami");

        Assert.Contains("Groups: calorimetry, fast-simulation", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("As convener", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("As an admin", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_Admin_SaysAdmin()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/collab whoami");

        Assert.Contains("As an admin: create, archive and unarchive groups", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_NewCaller_HasNoGroupsYet()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab whoami");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Groups: none yet (/wg list, then /wg join <wg>)", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_AfterLeaving_NoLongerListsTheGroup()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave fast-simulation");

        var reply = await h.SayAsync("console:noah", "/collab whoami");

        Assert.Contains("Groups: calorimetry" + Environment.NewLine, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_ShowsVersionDashboardAndHelp()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab about");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Matches(@"^\d+\.\d+\.\d+", CollabAbout.Version);
        Assert.StartsWith("CollabBot " + CollabAbout.Version, reply.Plain, StringComparison.Ordinal);
        var dashboard = reply.Sections.SelectMany(s => s.Fields).Single(f => f.Label == "Dashboard");
        Assert.Equal(new Link("http://127.0.0.1:5080/", "http://127.0.0.1:5080/"), dashboard.Value.Parts.Single());
        Assert.Contains("/collab help", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collab_WithoutSubcommand_ShowsItsSubcommands()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/collab");

        Assert.Contains("/collab whoami", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/collab about", reply.Plain, StringComparison.Ordinal);
    }
}
