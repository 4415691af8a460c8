using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Console;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>The group page with the demo's topic ideas and RSVPs (the general group), a scheduled theme and minutes.</summary>
public sealed class MeetingLifePagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupPage_General_ListsOpenIdeasByVotesThenAge_AndRsvpCountsWithoutNames()
    {
        var page = await client.GetStringAsync("/wg/general", Ct);

        var ideas = Html.Text(Html.Section(page, "Topic ideas"));
        var robustness = ideas.IndexOf("Showing robustness in data, not only in simulation — 4 votes", StringComparison.Ordinal);
        var regression = ideas.IndexOf("Function estimation with regression — 2 votes", StringComparison.Ordinal);
        var unsupervised = ideas.IndexOf("Unsupervised learning for model-agnostic searches — 2 votes", StringComparison.Ordinal);
        var multiclass = ideas.IndexOf("Multiclass classification in practice — 0 votes", StringComparison.Ordinal);
        Assert.True(robustness >= 0 && robustness < regression && regression < unsupervised && unsupervised < multiclass, ideas);
        Assert.Contains("speaker: Elena Popescu", ideas, StringComparison.Ordinal);

        var meetings = Html.Text(Html.Section(page, "Meetings"));
        Assert.Contains("4 going, 2 maybe, 1 can't", meetings, StringComparison.Ordinal);
        Assert.DoesNotContain("Marcus", meetings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_ThemeScheduledAndMinutesRecorded_ShowOnTheOccurrence()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var general = await db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).FirstAsync(s => s.Group.Slug == "general", Ct);
        var next = Occurrences.Next(general, factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), 1).Single();
        var date = MeetingTime.FormatDate(next.OriginalDate);
        Assert.Equal(ReplyStatus.Ok, (await console.SayAsync("/topic suggest general \"Graph networks on point clouds\"", "console:sofia", null, Ct)).Status);
        var idea = await db.TopicIdeas.Where(t => t.Title == "Graph networks on point clouds").Select(t => t.Id).SingleAsync(Ct);

        Assert.Equal(ReplyStatus.Ok, (await console.SayAsync($"/topic schedule #{idea} general/monthly --date {date}", "console:amara", null, Ct)).Status);
        Assert.Equal(ReplyStatus.Ok, (await console.SayAsync($"/meeting notes general/monthly --date {date} --url https://notes.example.org/general-{date}", "console:amara", null, Ct)).Status);

        var meetings = Html.Section(await client.GetStringAsync("/wg/general", Ct), "Meetings");
        Assert.Contains($"Theme: #{idea} Graph networks on point clouds", Html.Text(meetings), StringComparison.Ordinal);
        Assert.Contains(Html.Links(meetings), l => l.Href == $"https://notes.example.org/general-{date}");
        Assert.DoesNotContain("Graph networks on point clouds", Html.Text(Html.Section(await client.GetStringAsync("/wg/general", Ct), "Topic ideas")), StringComparison.Ordinal);

        var feed = await client.GetStringAsync("/calendar/general.ics", Ct);
        var calendar = Ical.Net.Calendar.Load(feed)!;
        var overridden = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is not null && e.Description!.Contains($"Minutes: https://notes.example.org/general-{date}", StringComparison.Ordinal));
        Assert.Contains("Theme: Graph networks on point clouds", overridden.Description, StringComparison.Ordinal);
    }
}
