using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>
/// /topic on the demo community: calorimetry (conveners amara and elena; members noah, sofia, kwame, ingrid) holds
/// "calorimetry/monthly" on the 2nd Tuesday at 15:00 Zurich; the clock starts on 2026-11-25, so the next is 2026-12-08.
/// </summary>
public sealed class TopicTests
{
    private const string Convener = "console:amara";
    private const string Noah = "console:noah";
    private const string Sofia = "console:sofia";
    private const string Ingrid = "console:ingrid";
    private const string Outsider = "console:chen";

    private static async Task<int> SuggestAsync(CoreHarness h, string who, string title, string extra = "")
    {
        var reply = await h.SayAsync(who, $"/topic suggest calorimetry \"{title}\" {extra}");
        AssertStatus(ReplyStatus.Ok, reply);
        return await h.QueryAsync(db => db.TopicIdeas.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
    }

    [Fact]
    public async Task Suggest_Member_ShowsItsNumberAndAVoteButtonThatKeepsTheMessage()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Noah, "/topic suggest calorimetry \"Normalising flows for fast showers\" --note \"Two papers to read first\" --speaker @sofia");

        AssertStatus(ReplyStatus.Ok, reply);
        var id = await h.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "calorimetry").Select(t => t.Id).SingleAsync());
        Assert.Equal($"Topic idea #{id} for calorimetry", reply.Title);
        Assert.Contains("Normalising flows for fast showers — speaker: Sofia Lindqvist", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Two papers to read first", reply.Plain, StringComparison.Ordinal);
        var button = Assert.Single(reply.Actions!);
        Assert.Equal(new ReplyAction($"Vote #{id}", $"/topic vote #{id}", true, KeepsMessage: true), button);
    }

    [Fact]
    public async Task Suggest_Outsider_IsRefusedAndNothingIsStored()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Outsider, "/topic suggest calorimetry \"Anything\"");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.StartsWith("You are not a member of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.TopicIdeas.CountAsync(t => t.Group.Slug == "calorimetry")));
    }

    [Fact]
    public async Task Vote_Twice_WithdrawsAndThriceCountsAgain()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Noah, "Graph networks for clustering");

        var first = await h.SayAsync(Sofia, $"/topic vote #{id}");
        var second = await h.SayAsync(Sofia, $"/topic vote {id}");
        var third = await h.SayAsync(Sofia, $"/topic vote #{id}");
        var other = await h.SayAsync(Ingrid, $"/topic vote #{id}");

        Assert.Equal($"You voted for #{id} Graph networks for clustering: 1 vote now. Voting again withdraws it.", first.Plain);
        Assert.Equal($"You withdrew your vote for #{id} Graph networks for clustering: 0 votes now.", second.Plain);
        Assert.Contains(": 1 vote now.", third.Plain, StringComparison.Ordinal);
        Assert.Contains(": 2 votes now.", other.Plain, StringComparison.Ordinal);
        Assert.Equal(2, await h.QueryAsync(db => db.TopicVotes.CountAsync(v => v.Idea.Group.Slug == "calorimetry"))); // one row per person, never deleted
    }

    [Fact]
    public async Task Vote_Outsider_IsRefusedAsNotAMember()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Noah, "Anomaly detection in test beams");

        var reply = await h.SayAsync(Outsider, $"/topic vote #{id}");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.StartsWith($"You are not a member of calorimetry: only its members and admins can run /topic vote on #{id}", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.TopicVotes.CountAsync(v => v.Idea.Group.Slug == "calorimetry")));
    }

    [Fact]
    public async Task Vote_UnknownNumber_SaysSoAndHowToFindOne()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Noah, "/topic vote #999");

        Assert.Equal(ReplyStatus.NotFound, reply.Status);
        Assert.StartsWith("There is no topic idea #999.", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_RanksByVotesThenAge_WithAVoteButtonForEachOfTheFirstFive()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var older = await SuggestAsync(h, Noah, "Older idea");
        h.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await SuggestAsync(h, Sofia, "Newer idea");
        h.Clock.Advance(TimeSpan.FromHours(1));
        var popular = await SuggestAsync(h, Ingrid, "Popular idea");
        await h.SayAsync(Noah, $"/topic vote #{popular}");

        var reply = await h.SayAsync(Outsider, "/topic list calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        var lines = reply.Sections.SelectMany(s => s.Lines).Select(l => l.Plain).Where(l => l.StartsWith('#')).ToList();
        Assert.Equal([$"#{popular} Popular idea", $"#{older} Older idea", $"#{newer} Newer idea"], lines.Select(l => l[..l.IndexOf(" — ", StringComparison.Ordinal)]));
        Assert.StartsWith($"#{popular} Popular idea — 1 vote · suggested by ", lines[0], StringComparison.Ordinal);
        Assert.Equal([$"/topic vote #{popular}", $"/topic vote #{older}", $"/topic vote #{newer}"], reply.Actions!.Select(a => a.CommandLine));
    }

    [Fact]
    public async Task Schedule_Convener_BecomesTheThemeOnTheAgendaAndSuggesterAndVotersAreToldOnce()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Noah, "Foundation models for calorimetry");
        await h.SayAsync(Sofia, $"/topic vote #{id}");
        await h.SayAsync(Ingrid, $"/topic vote #{id}");
        await h.SayAsync(Ingrid, $"/topic vote #{id}"); // withdrawn: Ingrid is not told

        var reply = await h.SayAsync(Convener, $"/topic schedule #{id} calorimetry/monthly --date 2026-12-08");
        var again = await h.SayAsync(Convener, $"/topic schedule #{id} calorimetry/monthly --date 2026-12-08");
        var agenda = await h.SayAsync(Outsider, "/meeting agenda calorimetry/monthly --date 2026-12-08");
        var info = await h.SayAsync(Outsider, "/meeting info calorimetry/monthly");
        var list = await h.SayAsync(Outsider, "/topic list calorimetry");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains($"#{id} Foundation models for calorimetry is the theme of calorimetry/monthly on ", reply.Plain, StringComparison.Ordinal);
        Assert.EndsWith("2 people who suggested or voted for it are told.", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Invalid, again.Status);
        Assert.Contains($"Theme: #{id} Foundation models for calorimetry (suggested by Noah Schmidt)", agenda.Plain, StringComparison.Ordinal);
        Assert.Contains($"Theme: #{id} Foundation models for calorimetry", info.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Foundation models", list.Plain, StringComparison.Ordinal);
        var told = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.DedupeKey!.StartsWith($"topic-scheduled:{id}:")).Select(m => m.Target).OrderBy(t => t).ToListAsync());
        Assert.Equal([Noah, Sofia], told);
    }

    [Fact]
    public async Task Schedule_MeetingOfAnotherGroup_IsInvalidAndChangesNothing()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Noah, "Cross-group idea");
        var other = await h.QueryAsync(db => db.MeetingSeries.Where(s => s.Group.Slug != "calorimetry").Select(s => s.Id).FirstAsync());

        var reply = await h.SayAsync(CoreHarness.Admin, $"/topic schedule #{id} #{other}");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("is not one of its meetings", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(TopicIdeaStatus.Open, await h.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "calorimetry").Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task Schedule_SecondIdeaOnTheSameDate_IsRefusedNamingTheTheme()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var first = await SuggestAsync(h, Noah, "First theme");
        var second = await SuggestAsync(h, Noah, "Second theme");
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/topic schedule #{first} calorimetry/monthly"));

        var reply = await h.SayAsync(Convener, $"/topic schedule #{second} calorimetry/monthly --date 2026-12-08");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains($"already has a theme: #{first} \"First theme\"", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_BySuggester_LeavesTheListAndTakesNoMoreVotes()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Sofia, "An idea overtaken by events");

        var closed = await h.SayAsync(Sofia, $"/topic close #{id} --reason \"Covered at the workshop\"");
        var vote = await h.SayAsync(Noah, $"/topic vote #{id}");
        var list = await h.SayAsync(Noah, "/topic list calorimetry");

        Assert.Equal($"Closed #{id} An idea overtaken by events: Covered at the workshop. It stays on record.", closed.Plain);
        Assert.Equal(ReplyStatus.Invalid, vote.Status);
        Assert.Contains("calorimetry has no open topic ideas", list.Plain, StringComparison.Ordinal);
        Assert.Equal(TopicIdeaStatus.Closed, await h.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "calorimetry").Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task Close_ByAnotherMember_IsRefusedSayingWhoMay()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var id = await SuggestAsync(h, Sofia, "Sofia's idea");

        var reply = await h.SayAsync(Noah, $"/topic close #{id}");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.StartsWith($"Only the person who suggested #{id}, a convener of calorimetry or an admin can run /topic close on #{id}", reply.Plain, StringComparison.Ordinal);
    }
}
