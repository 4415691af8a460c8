using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// The special cases of the permission rules (PermissionConventionTests proves each who: value on every command):
/// owners of a talk, admins who are no members, closed groups, and the references every command resolves the same way.
/// </summary>
public sealed class PermissionRulesTests
{
    [Fact]
    public async Task TalkRemove_ItsAuthorAfterLeavingTheGroup_MayStillRemoveIt()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:ingrid", "/meeting talk add calorimetry/monthly \"Timing layers\" --speaker \"A. Guest\""));
        var id = await TalkIdAsync(h, "Timing layers");
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:ingrid", "/wg leave calorimetry"));

        var reply = await h.SayAsync("console:ingrid", $"/meeting talk remove {id}");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.NotNull(await h.QueryAsync(db => db.Talks.Where(t => t.Id == id).Select(t => t.RemovedAt).SingleAsync()));
    }

    [Fact]
    public async Task TalkRemove_ItsSpeakerNamedBySomeoneElse_MayRemoveIt()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:ingrid", "/meeting talk add calorimetry/monthly \"Timing layers\" --speaker @kwame"));
        var id = await TalkIdAsync(h, "Timing layers");

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:kwame", $"/meeting talk remove #{id}"));
    }

    [Fact]
    public async Task TalkRemove_AnotherMember_IsRefusedSayingWhoMay()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:ingrid", "/meeting talk add calorimetry/monthly \"Timing layers\""));
        var id = await TalkIdAsync(h, "Timing layers");

        var reply = await h.SayAsync("console:noah", $"/meeting talk remove {id}");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.Equal($"Only the person who added talk {id} or its speaker, a convener of calorimetry or an admin can run /meeting talk remove on talk {id}. /wg info calorimetry shows its conveners.", reply.Sections[0].Lines[0].Plain);
        Assert.Null(await h.QueryAsync(db => db.Talks.Where(t => t.Id == id).Select(t => t.RemovedAt).SingleAsync()));
    }

    [Fact]
    public async Task TalkAdd_NotAMember_IsRefusedWithHowToJoin()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var open = await h.SayAsync("console:chen", "/meeting talk add calorimetry/monthly \"Tracking news\"");
        var closed = await h.SayAsync("console:amara", "/meeting talk add fast-simulation/monthly \"Calorimetry news\"");

        AssertStatus(ReplyStatus.Refused, open);
        Assert.Equal("You are not a member of calorimetry: only its members and admins can run /meeting talk add on calorimetry/monthly. /wg join calorimetry makes you one.", open.Sections[0].Lines[0].Plain);
        AssertStatus(ReplyStatus.Refused, closed);
        Assert.EndsWith("fast-simulation is a closed group: /wg join fast-simulation asks its conveners to let you in.", closed.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.Talks.CountAsync(t => t.Title == "Tracking news" || t.Title == "Calorimetry news")));
    }

    [Fact]
    public async Task MemberCommand_AnAdminWhoIsNoMember_MayRunIt()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/meeting talk add calorimetry/monthly \"Operations update\""));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/credit add calo-showers-v2 @ingrid validation"));
    }

    [Fact]
    public async Task CreditAdd_ByAConvener_IsConfirmedAtOnceAndByAMemberPending()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/credit add calo-showers-v2 @ingrid validation"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:noah", "/credit add calo-showers-v2 @noah software"));

        var byConvener = await h.QueryAsync(db => db.Contributions.SingleAsync(c => c.Project.Slug == "calo-showers-v2" && c.Role == CollabBot.Core.Domain.CreditRole.Validation && c.Person.Identities.Any(i => i.Key == "console:ingrid")));
        var byMember = await h.QueryAsync(db => db.Contributions.SingleAsync(c => c.Project.Slug == "calo-showers-v2" && c.Role == CollabBot.Core.Domain.CreditRole.Software && c.Person.Identities.Any(i => i.Key == "console:noah")));
        Assert.Equal((ContributionStatus.Confirmed, ContributionStatus.Pending), (byConvener.Status, byMember.Status));
    }

    [Fact]
    public async Task WgJoin_ClosedGroup_AnyoneMayAskAndNothingElseChanges()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:grace", "/wg join fast-simulation");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("closed group", reply.Plain, StringComparison.Ordinal);
        Assert.Null(await h.MembershipAsync("fast-simulation", "console:grace"));
    }

    [Fact]
    public async Task ConvenerCommand_SeveralGroupsNamed_EachIsChecked()
    {
        await using var h = await CoreHarness.StartAsync();
        var mine = await h.QueryAsync(db => db.Contributions.Where(c => c.Project.Slug == "calo-showers-v2" && c.Status == ContributionStatus.Pending).Select(c => c.Id).FirstAsync());
        var theirs = await h.QueryAsync(db => db.Contributions.Where(c => c.Project.Slug == "jet-tagging-benchmark" && c.Status == ContributionStatus.Pending).Select(c => c.Id).FirstAsync());

        var reply = await h.SayAsync("console:amara", $"/credit confirm {mine} {theirs}");

        AssertStatus(ReplyStatus.Refused, reply);
        Assert.StartsWith($"Only a convener of jet-tagging or an admin can run /credit confirm on #{theirs}.", reply.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
        Assert.Equal(ContributionStatus.Pending, await h.QueryAsync(db => db.Contributions.Where(c => c.Id == mine).Select(c => c.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("/meeting info calorimetry/montly", "There is no meeting series 'calorimetry/montly' (did you mean calorimetry/monthly?).")]
    [InlineData("/credit list calo-shower-v2", "There is no project 'calo-shower-v2' (did you mean calo-showers-v2?).")]
    [InlineData("/wg info calorimetri", "There is no working group 'calorimetri' (did you mean calorimetry?).")]
    [InlineData("/meeting talk remove 99999", "There is no talk 99999 on any agenda.")]
    [InlineData("/credit reject 99999", "There is no contribution #99999.")]
    public async Task Reference_NotFound_IsAnsweredBeforeAnyPermissionWithTheClosestMatch(string line, string expected)
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        // As someone no rule admits: what does not exist is said first, whoever asks.
        var reply = await h.SayAsync("console:grace", line);

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.StartsWith(expected, reply.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_Dataset_NotFoundSuggestsTheClosestSlug()
    {
        await using var h = await CoreHarness.StartAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(CoreHarness.Admin, "/dataset register calorimetry calo-bench \"Calorimeter benchmark\""));

        var reply = await h.SayAsync("console:noah", "/dataset info calo-bnech");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.StartsWith("There is no dataset 'calo-bnech' (did you mean calo-bench?).", reply.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
    }

    private static Task<int> TalkIdAsync(CoreHarness h, string title) =>
        h.QueryAsync(db => db.Talks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
}
