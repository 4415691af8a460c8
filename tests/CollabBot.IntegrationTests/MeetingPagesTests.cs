using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The seeded meetings on the dashboard and in the feeds. Seeded schedules are anchored on the day the host first
/// starts, so expectations are computed from the database rows with the same expansion, never from fixed dates.
/// </summary>
public sealed class MeetingPagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private async Task<List<MeetingSeries>> SeriesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        return await db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).Where(s => !s.Group.IsArchived).ToListAsync(Ct);
    }

    private async Task<MeetingSeries> SeriesAsync(string wg, string slug) => (await SeriesAsync()).Single(s => s.Group.Slug == wg && s.Slug == slug);

    /// <summary>(title, UTC start) of every occurrence the page should list between two instants, cancelled ones too.</summary>
    private async Task<HashSet<(string, string)>> ExpectedAsync(DateTimeOffset from, DateTimeOffset to, Func<MeetingSeries, bool>? where = null) =>
        [.. (await SeriesAsync()).Where(where ?? (_ => true))
            .SelectMany(s => Occurrences.Between(s, from, to, includeCancelled: true))
            .Select(o => (o.Series.Title, Utc(o.Start)))];

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The HTML of each <c>&lt;li class="{cls}…"&gt;</c> up to the next one: these items hold agendas, lists of their
    /// own, which the support's element matching (for elements that never nest) would cut short.
    /// </summary>
    private static IEnumerable<string> Items(string html, string cls) => html.Split($"<li class=\"{cls}").Skip(1);

    /// <summary>Each listed meeting as (title, the datetime of its &lt;time&gt;, its visible text, its HTML).</summary>
    private static List<(string Title, string Start, string Text, string Html)> Listed(string page) =>
        [.. Items(Html.Section(page, "Next 30 days"), "meeting")
            .Select(li => (
                Html.Text(Html.Elements(li, "h3").Single().Inner),
                Html.Attr(Html.StartTags(li, "time").Single(), "datetime")!,
                Html.Text(li),
                li))];

    [Fact]
    public async Task MeetingsPage_FreshDatabase_ListsEverySeededOccurrenceOfTheNext30Days()
    {
        var before = Now;
        var page = await client.GetStringAsync("/meetings", Ct);
        var after = Now;

        var listed = Listed(page).Select(m => (m.Title, m.Start)).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        // Everything due within the window for certain is there, and nothing outside it could be.
        Assert.Superset(await ExpectedAsync(after, before + Web.Pages.MeetingsPage.Window), listed.ToHashSet());
        Assert.Subset(await ExpectedAsync(before, after + Web.Pages.MeetingsPage.Window), listed.ToHashSet());
        Assert.Contains(listed, m => m.Title == "Tracking expert meeting");
        Assert.Equal(listed.OrderBy(m => m.Start, StringComparer.Ordinal).Select(m => m.Start), listed.Select(m => m.Start));
    }

    [Fact]
    public async Task MeetingsPage_TrackingExpertMeeting_ShowsParisTimeAndUtcLinksToGroupAndAgenda()
    {
        var series = await SeriesAsync("tracking", "expert");
        var next = Occurrences.Next(series, Now, 1).Single();

        var page = await client.GetStringAsync("/meetings?wg=tracking&kind=expert", Ct);

        var meeting = Listed(page).First(m => m.Start == Utc(next.Start));
        var paris = TimeZoneInfo.ConvertTime(next.Start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Contains(paris.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " Europe/Paris", meeting.Text, StringComparison.Ordinal);
        Assert.Contains(next.Start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC", meeting.Text, StringComparison.Ordinal);
        Assert.Contains(("/wg/tracking", "Tracking Challenge"), Html.Links(meeting.Html));
        Assert.Contains("GNN edge classification at pile-up 200 — Dmitri Volkov (25 min)", meeting.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingsPage_FilteredByGroup_ListsOnlyThatGroupsMeetings()
    {
        var page = await client.GetStringAsync("/meetings?wg=tracking", Ct);

        var listed = Listed(page);
        Assert.NotEmpty(listed);
        Assert.All(listed, m => Assert.Contains(Html.Links(m.Html), l => l.Href == "/wg/tracking"));
        Assert.All(listed, m => Assert.DoesNotContain(Html.Links(m.Html), l => l.Href.StartsWith("/wg/", StringComparison.Ordinal) && !l.Href.StartsWith("/wg/tracking", StringComparison.Ordinal)));
        Assert.Equal(await ExpectedAsync(Now, Now + Web.Pages.MeetingsPage.Window, s => s.Group.Slug == "tracking"), listed.Select(m => (m.Title, m.Start)).ToHashSet());
        Assert.Contains(Html.StartTags(page, "option"), o => Html.Attr(o, "value") == "tracking" && o.Contains("selected", StringComparison.Ordinal));
        Assert.Contains(Html.Links(page), l => l.Href == "/calendar/tracking.ics" && l.Text == "Subscribe");
    }

    [Fact]
    public async Task MeetingsPage_FilteredByKind_ListsOnlyMeetingsOfThatKind()
    {
        var page = await client.GetStringAsync("/meetings?kind=Expert", Ct);

        var titles = Listed(page).Select(m => m.Title).ToHashSet();
        // Both expert series meet every two weeks, so each is always within the 30 days.
        Assert.Equal(["Dataset team sync", "Tracking expert meeting"], titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MeetingsPage_KindNobodyUses_SaysSoAndNamesTheKindsInUse()
    {
        var page = await client.GetStringAsync("/meetings?kind=seminar", Ct);

        Assert.Empty(Listed(page));
        Assert.Contains("No meetings of kind seminar in the next 30 days. Kinds in use: expert, general, hackathon, tutorial.", Html.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingsPage_HugeFilterValues_AreEchoedClippedNotWhole()
    {
        var huge = new string('x', 5000);

        using var response = await client.GetAsync($"/meetings?kind={huge}&tz={huge}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(new string('x', 100), page, StringComparison.Ordinal);
        Assert.Contains("is not a time zone I know", Html.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingsPage_ReaderTimeZone_AddsTheirTimeAndKeepsItInTheForm()
    {
        var series = await SeriesAsync("tracking", "expert");
        var next = Occurrences.Next(series, Now, 1).Single();

        var page = await client.GetStringAsync("/meetings?wg=tracking&tz=asia/tokyo", Ct);

        var tokyo = TimeZoneInfo.ConvertTime(next.Start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var meeting = Listed(page).First(m => m.Start == Utc(next.Start));
        Assert.Contains(tokyo.ToString("HH:mm", CultureInfo.InvariantCulture), meeting.Text, StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo (your time)", meeting.Text, StringComparison.Ordinal);
        Assert.Contains(Html.StartTags(page, "input"), i => Html.Attr(i, "name") == "tz" && Html.Attr(i, "value") == "Asia/Tokyo");
        Assert.Contains(Html.StartTags(page, "label"), l => Html.Attr(l, "for") == "f-tz");
    }

    [Fact]
    public async Task MeetingsPage_UnknownTimeZone_Returns400WithASentenceAndStillTheSchedule()
    {
        using var response = await client.GetAsync("/meetings?tz=Europe/Zurik", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        var problem = Html.Text(Html.Elements(page, "p").Single(p => Html.Attr(p.Attributes, "role") == "alert").Inner);
        Assert.Equal("'Europe/Zurik' is not a time zone I know. Use an IANA id such as Europe/Zurich, America/Chicago or UTC (did you mean Europe/Zurich?).", problem);
        Assert.NotEmpty(Listed(page));
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.DoesNotContain("(your time)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingsPage_UnknownGroup_Returns404SuggestingTheClosest()
    {
        using var response = await client.GetAsync("/meetings?wg=trackign", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no working group 'trackign' (did you mean tracking?).", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_Calorimetry_ShowsSeriesScheduleNextDatesWithAgendaAndSubscribeLinks()
    {
        var series = await SeriesAsync("calorimetry", "monthly");
        var next = Occurrences.Next(series, Now, 1).Single();

        var section = Html.Section(await client.GetStringAsync("/wg/calorimetry", Ct), "Meetings");

        var text = Html.Text(section);
        Assert.Contains("Calorimetry monthly meeting", text, StringComparison.Ordinal);
        Assert.Contains("monthly on the 2nd Tue at 15:00 Europe/Zurich · 90 min · general · CERN 40/S2-B01", text, StringComparison.Ordinal);
        Assert.Contains("every 2 weeks on Thu at 10:00 Europe/Zurich · 45 min · expert", text, StringComparison.Ordinal);
        Assert.Contains(Html.StartTags(section, "time"), t => Html.Attr(t, "datetime") == Utc(next.Start));
        foreach (var talk in new[] { "Shower benchmark v2: what changed and why — Sofia Lindqvist (20 min)", "Hadronic showers with diffusion models — Noah Schmidt (25 min)", "ATLAS fast calorimeter simulation news — Kwame Mensah (15 min)" })
        {
            Assert.Contains(talk, text, StringComparison.Ordinal);
        }

        var links = Html.Links(section);
        Assert.Contains(("/calendar/calorimetry.ics", "Subscribe"), links);
        Assert.Contains(links, l => l.Href == "webcal://127.0.0.1:5080/calendar/calorimetry.ics");
        Assert.Contains(links, l => l.Href == "https://meet.example.org/calorimetry-monthly");

        using var feed = await client.GetAsync(links.First(l => l.Text == "Subscribe").Href, Ct);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
    }

    [Fact]
    public async Task GroupPage_OccurrenceCancelledAndAnotherMoved_MarksBoth()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        var next = Occurrences.Next(await SeriesAsync("fast-simulation", "monthly"), Now, 3, includeCancelled: true);
        var cancelled = MeetingTime.FormatDate(next[1].OriginalDate);
        var moved = MeetingTime.FormatDate(next[2].OriginalDate);
        var to = MeetingTime.Format(next[2].StartLocal.PlusDays(1));

        Assert.Equal(ReplyStatus.Ok, (await console.SayAsync($"/meeting cancel fast-simulation/monthly --date {cancelled} --reason \"DESY site closure\"", "console:elena", null, Ct)).Status);
        Assert.Equal(ReplyStatus.Ok, (await console.SayAsync($"/meeting move fast-simulation/monthly --date {moved} --to \"{to}\"", "console:elena", null, Ct)).Status);

        var section = Html.Section(await client.GetStringAsync("/wg/fast-simulation", Ct), "Meetings");
        var dates = Items(section, "occurrence").Select(li => Html.Text(li)).ToList();
        Assert.Equal(3, dates.Count);
        Assert.Contains(dates, d => d.Contains("Cancelled: DESY site closure", StringComparison.Ordinal));
        Assert.Contains(dates, d => d.Contains($"Moved from {moved}", StringComparison.Ordinal) && d.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupPage_SeriesWithSeveralDatesWithoutTalks_SaysHowToAddOneOncePerSeries()
    {
        var page = await client.GetStringAsync("/wg/calorimetry", Ct);

        // Each series up to the next; within it, one "No talks yet" however many dates have no talk.
        var series = Html.Section(page, "Meetings").Split("<div class=\"series\"").Skip(1).ToList();
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.True(Regex.Count(Html.Text(s), "No talks yet") <= 1, Html.Text(s)));
        var sync = Assert.Single(series, s => s.Contains("Dataset team sync", StringComparison.Ordinal));
        Assert.True(Items(sync, "occurrence").Count() > 1);
        Assert.Contains("No talks yet. Add one with /meeting talk add calorimetry/dataset-team-sync \"Title\" --date", Html.Text(sync), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_GroupWithoutMeetings_SaysHowToScheduleOneAndStillOffersTheFeed()
    {
        var section = Html.Section(await client.GetStringAsync("/wg/open-data", Ct), "Meetings");

        Assert.Contains("No meetings scheduled yet. A convener schedules one with /meeting schedule open-data", Html.Text(section), StringComparison.Ordinal);
        Assert.Contains(("/calendar/open-data.ics", "Subscribe"), Html.Links(section));
    }

    [Fact]
    public async Task CalendarFeed_SeededGroup_IsTextCalendarWithAnEventAndRulePerSeries()
    {
        using var response = await client.GetAsync("/calendar/calorimetry.ics", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var feed = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", feed, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=2TU\r\n", feed, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH\r\n", feed, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Calorimetry monthly meeting (calorimetry)\r\n", feed, StringComparison.Ordinal);
        Assert.Contains("TZID:Europe/Zurich\r\n", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Tracking expert meeting", feed, StringComparison.Ordinal);
        var series = (await SeriesAsync()).Count(s => s.Group.Slug == "calorimetry");
        Assert.Equal(series, feed.Split("\r\n").Count(l => l.StartsWith("RRULE:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CalendarFeed_AllGroups_HasEverySeededSeries()
    {
        var feed = await client.GetStringAsync("/calendar.ics", Ct);

        foreach (var s in await SeriesAsync())
        {
            Assert.Contains($"SUMMARY:{s.Title} ({s.Group.Slug})", feed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CalendarFeed_UnknownGroup_Returns404WithASentence()
    {
        using var response = await client.GetAsync("/calendar/calorimetri.ics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no working group 'calorimetri' (did you mean calorimetry?).", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Home_NextMeetings_ShowsTheFiveSoonestAcrossGroupsAndLinksToAllAndTheFeed()
    {
        var before = Now;
        var home = await client.GetStringAsync("/", Ct);

        var section = Html.Section(home, "Next meetings");
        var starts = Html.StartTags(section, "time").Select(t => Html.Attr(t, "datetime")!).ToList();
        Assert.Equal(HomePageNextCount, starts.Count);
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
        var soonest = (await SeriesAsync()).SelectMany(s => Occurrences.Next(s, before, HomePageNextCount)).Select(o => Utc(o.Start)).Order(StringComparer.Ordinal).Take(HomePageNextCount);
        Assert.Equal(soonest, starts);
        var links = Html.Links(section);
        Assert.Contains(("/meetings", "All upcoming meetings"), links);
        Assert.Contains(links, l => l.Href == "/calendar.ics");
        Assert.Contains(links, l => l.Href == "webcal://127.0.0.1:5080/calendar.ics");
        Assert.Contains(Html.Links(Html.Elements(home, "nav").Single(n => Html.Attr(n.Attributes, "aria-label") == "Main").Inner), l => l.Href == "/meetings");
    }

    [Fact]
    public async Task MeetingsAndGroupPage_MeetingAndTalkWithMarkup_AreShownEscaped()
    {
        const string Title = "<script>alert(1)</script> review";
        const string Talk = "<img src=x onerror=alert(2)> & more";
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        var day = MeetingTime.FormatDate(MeetingTime.ToLocal(Now.AddDays(10), "America/New_York").Date);
        var scheduled = await console.SayAsync($"/meeting schedule anomaly-detection '{Title}' --when \"{day} 12:00\" --where \"<b>room</b>\"", "console:marcus", null, Ct);
        Assert.True(scheduled.Status == ReplyStatus.Ok, scheduled.Plain);
        var slug = (await SeriesAsync()).Single(s => s.Title == Title).Slug;
        var talk = await console.SayAsync($"/meeting talk add anomaly-detection/{slug} '{Talk}'", "console:marcus", null, Ct);
        Assert.True(talk.Status == ReplyStatus.Ok, talk.Plain);

        foreach (var path in new[] { "/meetings?wg=anomaly-detection", "/wg/anomaly-detection" })
        {
            var page = await client.GetStringAsync(path, Ct);

            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Title, Html.Text(page), StringComparison.Ordinal);
            Assert.Contains(Talk, Html.Text(page), StringComparison.Ordinal);
            Assert.Contains("<b>room</b>", Html.Text(page), StringComparison.Ordinal);
        }
    }

    private const int HomePageNextCount = Web.Pages.HomePage.NextMeetings;
}
