using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>
/// /meeting duty swap, accept and decline on calorimetry's weekly test series (Thursdays 10:00 Europe/Zurich from
/// 2026-11-26; the clock starts on Wednesday 2026-11-25 09:00 UTC): Noah and Sofia chair in turn, Noah first.
/// </summary>
public sealed class DutySwapTests
{
    private const string Convener = "console:amara";
    private const string Noah = "console:noah";
    private const string Sofia = "console:sofia";
    private const string Ingrid = "console:ingrid";
    private const string Outsider = "console:chen";
    private const string First = "2026-11-26";
    private const string Sync = "calorimetry/sync";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync(true);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting schedule calorimetry \"Sync\" --when \"weekly on thu 10:00\""));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting reminders {Sync} --off")); // no reminder fixes a turn here
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting duty add {Sync} chair"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Noah, $"/meeting duty volunteer {Sync} chair"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Sofia, $"/meeting duty volunteer {Sync} chair"));
        return h;
    }

    private static async Task<int> ProposeAsync(CoreHarness h, string with = "@ingrid")
    {
        var reply = await h.SayAsync(Noah, $"/meeting duty swap {Sync} --date {First} --with {with}");
        AssertStatus(ReplyStatus.Ok, reply);
        return await h.QueryAsync(db => db.DutySwaps.OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
    }

    private static async Task<string> HolderOfFirstAsync(CoreHarness h)
    {
        var list = await h.SayAsync(Outsider, $"/meeting duty list {Sync}");
        return list.Sections.Single(s => s.Heading == "chair (2 in the rotation)").Lines[0].Plain;
    }

    [Fact]
    public async Task Swap_ChangesNothingUntilTheAskedPersonAccepts_ThenTheTurnIsTheirs()
    {
        await using var h = await StartAsync();

        var id = await ProposeAsync(h);

        Assert.EndsWith("— Noah Schmidt", await HolderOfFirstAsync(h), StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.DutyTurns.CountAsync(Ct)));
        var list = await h.SayAsync(Outsider, $"/meeting duty list {Sync}");
        Assert.Contains($"#{id} chair on {First}: Noah Schmidt asks Ingrid", list.Plain, StringComparison.Ordinal);
        var ask = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.Target == Ingrid).Select(m => m.Body).SingleAsync(Ct));
        var dm = ReplyJson.Deserialize(ask);
        Assert.Contains(dm.Actions!, a => a.Label == "Accept" && a.CommandLine.EndsWith($"#{id}", StringComparison.Ordinal) && a.CommandLine.StartsWith("/meeting duty accept #", StringComparison.Ordinal));

        var accepted = await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{id}");

        AssertStatus(ReplyStatus.Ok, accepted);
        Assert.EndsWith("— Ingrid Halvorsen (announced)", await HolderOfFirstAsync(h), StringComparison.Ordinal);
        Assert.Equal(DutySwapStatus.Accepted, await h.QueryAsync(db => db.DutySwaps.Where(s => s.Id == id).Select(s => s.Status).SingleAsync(Ct)));
        Assert.Equal(1, await h.QueryAsync(db => db.OutboundMessages.CountAsync(m => m.IsDirect && m.Target == Noah, Ct)));
    }

    [Theory]
    [InlineData(Sofia)]
    [InlineData(Convener)]
    [InlineData(CoreHarness.Admin)]
    [InlineData(Noah)]
    public async Task Accept_BySomeoneOtherThanTheAskedPerson_IsRefusedAndChangesNothing(string caller)
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);

        var accept = await h.SayAsync(caller, $"/meeting duty accept {Sync} #{id}");
        var decline = await h.SayAsync(caller, $"/meeting duty decline {Sync} #{id}");

        Assert.Equal(ReplyStatus.Refused, accept.Status);
        Assert.StartsWith($"Only Ingrid Halvorsen, whom swap #{id} asks, can run /meeting duty accept", accept.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Refused, decline.Status);
        Assert.Equal(DutySwapStatus.Pending, await h.QueryAsync(db => db.DutySwaps.Where(s => s.Id == id).Select(s => s.Status).SingleAsync(Ct)));
        Assert.EndsWith("— Noah Schmidt", await HolderOfFirstAsync(h), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_AfterTheMeetingStarted_IsRefusedSayingWhy()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero)); // 10:30 in Zurich

        var late = await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{id}");

        Assert.Equal(ReplyStatus.Invalid, late.Status);
        Assert.Contains($"of {First} has already started, so swap #{id} can no longer be accepted; nothing changed.", late.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.DutyTurns.CountAsync(Ct)));
    }

    [Fact]
    public async Task Accept_WhenTheTurnChangedMeanwhile_IsRefusedNamingTheHolder()
    {
        await using var h = await StartAsync();
        var toIngrid = await ProposeAsync(h);
        var toSofia = await ProposeAsync(h, "@sofia");
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Sofia, $"/meeting duty accept {Sync} #{toSofia}"));

        var stale = await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{toIngrid}");
        var again = await h.SayAsync(Sofia, $"/meeting duty accept {Sync} #{toSofia}");

        Assert.Equal(ReplyStatus.Invalid, stale.Status);
        Assert.Contains("is no longer Noah Schmidt's (Sofia Lindqvist holds it now)", stale.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Invalid, again.Status);
        Assert.Contains($"Swap #{toSofia} was already accepted", again.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_LeavesTheTurnAndTellsTheProposer()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);

        var declined = await h.SayAsync(Ingrid, $"/meeting duty decline {Sync} #{id}");
        var list = await h.SayAsync(Outsider, $"/meeting duty list {Sync}");

        AssertStatus(ReplyStatus.Ok, declined);
        Assert.EndsWith("— Noah Schmidt", await HolderOfFirstAsync(h), StringComparison.Ordinal);
        Assert.DoesNotContain("Swaps waiting", list.Plain, StringComparison.Ordinal);
        var told = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.Target == Noah).Select(m => m.Body).SingleAsync(Ct));
        Assert.Contains("declined swap", ReplyJson.Deserialize(told).Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_ByTheProposer_LeavesTheTurnTellsTheAskedPerson_AndTheSwapCanNoLongerBeAccepted()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);

        var withdrawn = await h.SayAsync(Noah, $"/meeting duty withdraw #{id}");
        var accept = await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{id}");
        var list = await h.SayAsync(Outsider, $"/meeting duty list {Sync}");

        AssertStatus(ReplyStatus.Ok, withdrawn);
        Assert.Equal($"Swap #{id} withdrawn: the chair turn of {First} stays Noah Schmidt's; Ingrid Halvorsen is told.", withdrawn.Plain);
        Assert.Equal(ReplyStatus.Invalid, accept.Status);
        Assert.Equal($"Swap #{id} was already withdrawn; nothing changed.", accept.Plain);
        Assert.Equal(DutySwapStatus.Withdrawn, await h.QueryAsync(db => db.DutySwaps.Where(s => s.Id == id).Select(s => s.Status).SingleAsync(Ct)));
        Assert.EndsWith("— Noah Schmidt", await HolderOfFirstAsync(h), StringComparison.Ordinal);
        Assert.DoesNotContain("Swaps waiting", list.Plain, StringComparison.Ordinal);
        var told = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.Target == Ingrid).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(Ct));
        Assert.Equal(2, told.Count); // the ask, then the withdrawal
        Assert.StartsWith($"Noah Schmidt withdrew swap #{id}: you are no longer asked", ReplyJson.Deserialize(told[1]).Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Ingrid)]
    [InlineData(Sofia)]
    [InlineData(Outsider)]
    public async Task Withdraw_ByAnyoneButTheProposerOrAConvener_IsRefusedAndChangesNothing(string caller)
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);

        var withdraw = await h.SayAsync(caller, $"/meeting duty withdraw #{id}");

        Assert.Equal(ReplyStatus.Refused, withdraw.Status);
        Assert.Equal(DutySwapStatus.Pending, await h.QueryAsync(db => db.DutySwaps.Where(s => s.Id == id).Select(s => s.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Withdraw_ByAConvener_SaysForWhom()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting duty withdraw #{id}"));

        var told = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.Target == Ingrid).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(Ct));
        Assert.StartsWith($"Amara Okafor (for Noah Schmidt) withdrew swap #{id}", ReplyJson.Deserialize(told[^1]).Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swap_ByAnOutsiderOrSomeoneWithoutTheTurn_IsRefused()
    {
        await using var h = await StartAsync();

        var outsider = await h.SayAsync(Outsider, $"/meeting duty swap {Sync} --date {First} --with @ingrid");
        var notTheirs = await h.SayAsync(Sofia, $"/meeting duty swap {Sync} --date {First} --with @ingrid");
        var notMember = await h.SayAsync(Noah, $"/meeting duty swap {Sync} --date {First} --with @chen");

        Assert.Equal(ReplyStatus.Refused, outsider.Status);
        Assert.StartsWith("You are not a member of calorimetry", outsider.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Invalid, notTheirs.Status);
        Assert.StartsWith("You hold no duty turn at the calorimetry/sync meeting of 2026-11-26", notTheirs.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Invalid, notMember.Status);
        Assert.Equal(0, await h.QueryAsync(db => db.DutySwaps.CountAsync(Ct)));
    }

    [Fact]
    public async Task PassedTurns_CountAsService_WithoutAReminder_AndASwappedTurnForWhoTookIt()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{id}"));
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero)); // after 11-26, 12-03 and 12-10

        var list = await h.SayAsync(Outsider, $"/meeting duty list {Sync}");
        var ingrid = await h.SayAsync(Ingrid, "/profile show");
        var noah = await h.SayAsync(Noah, "/profile show");

        // 11-26 Ingrid (swapped), then the rotation evens out: Noah (0 turns) 12-03, Sofia 12-10.
        Assert.Contains("Turns served: Noah Schmidt 1, Sofia Lindqvist 1", list.Plain, StringComparison.Ordinal);
        Assert.Contains("Service: chair 1 (meeting duties held)", ingrid.Plain, StringComparison.Ordinal);
        Assert.Contains("Service: chair 1 (meeting duties held)", noah.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeldTurns_ForReports_MatchTheListAndIncludeTheSwappedTurn()
    {
        await using var h = await StartAsync();
        var id = await ProposeAsync(h);
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Ingrid, $"/meeting duty accept {Sync} #{id}"));
        var until = new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero);

        var held = await h.QueryAsync(async db => await CollabBot.Core.Meetings.Duties.HeldAsync(db, [await db.MeetingSeries.Where(s => s.Slug == "sync").Select(s => s.Id).SingleAsync(Ct)], until, Ct));

        Assert.Equal(["Ingrid Halvorsen", "Noah Schmidt", "Sofia Lindqvist"], held.Select(t => People.Name(t.Person!)));
        Assert.Equal([true, false, false], held.Select(t => t.Fixed));
    }

    [Fact]
    public async Task Notes_ByTheMinuteTaker_AreRecorded_ByAnotherMember_Refused()
    {
        await using var h = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting duty add {Sync} minutes"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Ingrid, $"/meeting duty volunteer {Sync} minutes"));
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

        var other = await h.SayAsync(Noah, $"/meeting notes {Sync} \"Noah's notes\"");
        var taker = await h.SayAsync(Ingrid, $"/meeting notes {Sync} \"Decided: v2 binning\"");
        var convener = await h.SayAsync(Convener, $"/meeting notes {Sync} --date {First} --url https://notes.example.org/sync");
        var future = await h.SayAsync(Noah, $"/meeting notes {Sync} --date 2026-12-03 \"Early\"");

        Assert.Equal(ReplyStatus.Refused, other.Status);
        Assert.StartsWith($"Only the meeting's minute-taker, a convener of calorimetry or an admin can run /meeting notes on {Sync}.", other.Plain, StringComparison.Ordinal);
        AssertStatus(ReplyStatus.Ok, taker);
        AssertStatus(ReplyStatus.Ok, convener);
        Assert.Equal(ReplyStatus.Refused, future.Status);
        Assert.Equal(2, await h.QueryAsync(db => db.MeetingMinutes.CountAsync(Ct)));
    }
}
