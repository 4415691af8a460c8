using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Data;
using CollabBot.Core.Digests;
using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Reports;

/// <summary>
/// The report sections fed by meeting life and challenges, over December 2026 in calorimetry (Europe/Zurich), built on
/// the fake clock: RSVPs and minutes of the monthly meeting of 2026-12-08; duty turns on a weekly "Sync" (Thursdays,
/// 2026-12-10 cancelled); topic ideas suggested, voted and scheduled on 2026-12-01; a challenge with a leader from
/// November overtaken in December, a rejected file, and baselines either side of the period. Reported on 2027-01-05.
/// </summary>
public sealed class MeetingLifeReportTests
{
    private static readonly DateOnly Since = new(2026, 12, 1);
    private static readonly DateOnly Until = new(2026, 12, 31);
    private static readonly DateTimeOffset ReportedAt = new(2027, 1, 5, 12, 0, 0, TimeSpan.Zero);
    private const string Convener = "console:amara";
    private const string MinutesText = "Decided: the v2 benchmark freezes on 2027-01-15, and the release notes go out with it the same week, Second line.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CoreHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var h = await CoreHarness.StartWithSeedMeetingsAsync(configure);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        foreach (var (who, line) in new[]
        {
            (Convener, "/meeting schedule calorimetry \"Sync\" --when \"weekly on thu 10:00\""),
            (Convener, "/meeting cancel calorimetry/sync --date 2026-12-10"),
            (Convener, "/meeting duty add calorimetry/sync chair"),
            (Convener, "/meeting duty add calorimetry/monthly minutes"),
            ("console:noah", "/meeting rsvp calorimetry/monthly yes --date 2026-12-08"),
            ("console:sofia", "/meeting rsvp calorimetry/monthly yes --date 2026-12-08"),
            ("console:kwame", "/meeting rsvp calorimetry/monthly maybe --date 2026-12-08"),
            ("console:ingrid", "/meeting rsvp calorimetry/monthly no --date 2026-12-08"),
            ("console:noah", "/topic suggest calorimetry \"Graph networks for clustering\""),
            ("console:sofia", "/topic suggest calorimetry \"Normalising flows\""),
            ("console:kwame", "/topic suggest calorimetry \"Fast simulation in ATLAS\""),
            (Convener, "/dataset register calorimetry calo \"Calo showers\""),
        })
        {
            AssertStatus(ReplyStatus.Ok, await h.SayAsync(who, line));
        }

        var ideas = await h.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "calorimetry").OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(Ct));
        foreach (var (who, line) in new[]
        {
            ("console:sofia", $"/topic vote #{ideas[0]}"),
            ("console:ingrid", $"/topic vote #{ideas[0]}"),
            ("console:noah", $"/topic vote #{ideas[1]}"),
            (Convener, $"/topic schedule #{ideas[1]} calorimetry/monthly --date 2027-01-12"),
        })
        {
            AssertStatus(ReplyStatus.Ok, await h.SayAsync(who, line));
        }

        h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, $"/meeting notes calorimetry/monthly \"{MinutesText}\" --date 2026-12-08"));

        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var people = await db.Identities.Where(i => i.Key.StartsWith("console:")).ToDictionaryAsync(i => i.Key["console:".Length..], i => i.PersonId, Ct);
            var chair = await db.MeetingDuties.SingleAsync(d => d.Name == "chair", Ct);
            var minutes = await db.MeetingDuties.SingleAsync(d => d.Name == "minutes", Ct);
            DutyTurn Turn(MeetingDuty duty, string date, string hourUtc, string person) => new()
            {
                DutyId = duty.Id, OccurrenceDate = date, Start = DateTimeOffset.Parse($"{date}T{hourUtc}:00Z", CultureInfo.InvariantCulture), PersonId = people[person], At = h.Clock.GetUtcNow(),
            };
            db.DutyTurns.AddRange(
                Turn(chair, "2026-12-03", "09", "noah"),
                Turn(chair, "2026-12-10", "09", "sofia"), // cancelled: not service
                Turn(chair, "2026-12-17", "09", "sofia"),
                Turn(minutes, "2026-12-08", "14", "noah"),
                Turn(chair, "2027-01-07", "09", "noah")); // after the period

            var dataset = await db.Datasets.SingleAsync(d => d.Slug == "calo", Ct);
            var challenge = new Challenge
            {
                DatasetId = dataset.Id, Slug = "calo-tag", Title = "Tag the showers", Metrics = "auc", PublicFraction = 0.5, DailyLimit = 5, Seed = new byte[32],
                State = ChallengeState.Open, CreatedAt = At(11, 20), OpenedAt = At(11, 20),
            };
            challenge.Baselines.Add(new ChallengeBaseline { Challenge = challenge, Score = 0.7, Method = "Cut on depth", RecordedAt = At(11, 21) });
            challenge.Baselines.Add(new ChallengeBaseline { Challenge = challenge, Score = 0.75, Method = "BDT", Url = "https://example.org/bdt", RecordedAt = At(12, 2) });
            db.Challenges.Add(challenge);
            db.ChallengeSubmissions.AddRange(
                Submission(challenge, people["noah"], At(11, 27), 0.80),
                Submission(challenge, people["sofia"], At(12, 5), 0.85),
                Submission(challenge, people["kwame"], At(12, 6), null));
            await db.SaveChangesAsync(Ct);
        }

        h.Clock.SetUtcNow(ReportedAt);
        return h;
    }

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 12, 0, 0, TimeSpan.Zero);

    private static ChallengeSubmission Submission(Challenge challenge, int personId, DateTimeOffset at, double? score) => new()
    {
        Challenge = challenge, PersonId = personId, CreatedAt = at, Source = "seed", FileSha256 = new string('0', 64), FileBytes = 10,
        State = score is null ? SubmissionState.Rejected : SubmissionState.Scored, Error = score is null ? "line 2: not a number" : null,
        PublicScore = score, PrivateScore = score - 0.01, ScoredAt = score is null ? null : at.AddMinutes(1),
    };

    private static async Task<ActivityReport> ReportAsync(CoreHarness h, DateOnly? since = null, DateOnly? until = null)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var g = await db.Groups.AsNoTracking().SingleAsync(x => x.Slug == "calorimetry", Ct);
        return await h.Services.GetRequiredService<ActivityReports>().ForGroupAsync(db, g, since ?? Since, until ?? Until, Ct);
    }

    private static int Count(ActivityReport report, string section, string label) =>
        Assert.Single(Assert.IsType<ReportSection>(report.Section(section)).Counts, c => c.Label == label).Value;

    private static ReportTable Table(ActivityReport report, string section, string table) =>
        Assert.Single(Assert.IsType<ReportSection>(report.Section(section)).Tables, t => t.Id == table);

    private static Dictionary<string, string> Row(ReportTable table, Func<IReadOnlyList<string>, bool> which) =>
        table.Columns.Zip(Assert.Single(table.Rows, r => which(r))).ToDictionary(p => p.First, p => p.Second);

    [Fact]
    public async Task MeetingsHeld_CarryRsvpCountsAndTheMinutesHeadline()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h);

        var monthly = Row(Table(report, "meetings", "held"), r => r[0] == "2026-12-08");
        Assert.Equal(("2", "1", "1"), (monthly["Going"], monthly["Maybe"], monthly["Can't"]));
        Assert.StartsWith("Decided: the v2 benchmark freezes", monthly["Minutes"], StringComparison.Ordinal);
        Assert.EndsWith("…", monthly["Minutes"], StringComparison.Ordinal);
        Assert.True(monthly["Minutes"].Length <= MeetingsSection.MinutesHeadline);
        Assert.DoesNotContain("Second line", monthly["Minutes"], StringComparison.Ordinal);
        Assert.Equal(1, Count(report, "meetings", "Meetings with minutes"));
        var sync = Row(Table(report, "meetings", "held"), r => r[0] == "2026-12-03");
        Assert.Equal(("0", ""), (sync["Going"], sync["Minutes"]));
    }

    [Theory]
    [InlineData("Short minutes", "Short minutes")]
    [InlineData("\n\n  First line  \nSecond line", "First line")]
    public void MinutesHeadline_IsTheFirstLine(string text, string expected) => Assert.Equal(expected, MeetingsSection.Headline(text));

    [Fact]
    public void MinutesHeadline_Long_IsCutWithAnEllipsisNeverInsideAPair()
    {
        var text = new string('a', MeetingsSection.MinutesHeadline - 2) + "😀 and more";

        var headline = MeetingsSection.Headline(text);

        Assert.True(headline.Length <= MeetingsSection.MinutesHeadline);
        Assert.EndsWith("…", headline, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(headline[^2]));
    }

    [Fact]
    public async Task Duties_CountTurnsOfMeetingsHeldInThePeriodOnly()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h);

        Assert.Equal(3, Count(report, "duties", "Duties served"));
        Assert.Equal(2, Count(report, "duties", "People who served"));
        Assert.Equal("2", Row(Table(report, "duties", "duties"), r => r[1] == "chair")["Turns"]);
        var noah = Row(Table(report, "duties", "served"), r => r[0] == "Noah Schmidt");
        Assert.Equal(("2", "1", "1"), (noah["Turns"], noah["chair"], noah["minutes"]));
        Assert.Equal("1", Row(Table(report, "duties", "served"), r => r[0] == "Sofia Lindqvist")["Turns"]);
        Assert.Null((await ReportAsync(h, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))).Section("duties"));
    }

    [Fact]
    public async Task TopicIdeas_MostVotedOpenFirst_AndTheScheduledOne()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h);

        Assert.Equal((3, 3, 1, 2), (Count(report, "ideas", "Ideas suggested"), Count(report, "ideas", "Votes cast"), Count(report, "ideas", "Ideas scheduled"), Count(report, "ideas", "Open ideas")));
        var open = Table(report, "ideas", "open");
        Assert.Equal(["Graph networks for clustering", "Fast simulation in ATLAS"], open.Rows.Select(r => r[1]));
        Assert.Equal("2", open.Rows[0][2]);
        var scheduled = Assert.Single(Table(report, "ideas", "scheduled").Rows);
        Assert.Equal(("Normalising flows", "2027-01-12"), (scheduled[1], scheduled[3]));
        Assert.Equal("Most voted: \"Graph networks for clustering\" (2 votes)", report.Section("ideas")!.Headline);
        var november = await ReportAsync(h, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Null(november.Section("ideas"));
    }

    [Fact]
    public async Task Challenges_LeaderAtTheEnd_NewLeaderAndBaselinesOfThePeriod()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h);

        Assert.Equal((1, 1, 1), (Count(report, "challenges", "Submissions"), Count(report, "challenges", "New leaders"), Count(report, "challenges", "Baselines recorded")));
        var leader = Row(Table(report, "challenges", "leaders"), r => r[0] == "calo-tag");
        Assert.Equal(("Sofia Lindqvist", "0.85", "public", "yes", "1"), (leader["Leader"], leader["Score"], leader["Board"], leader["New leader"], leader["Submissions"]));
        Assert.Equal("BDT", Assert.Single(Table(report, "challenges", "baselines").Rows)[1]);
        var november = await ReportAsync(h, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal("Noah Schmidt", Row(Table(november, "challenges", "leaders"), r => r[0] == "calo-tag")["Leader"]);
        Assert.Null((await ReportAsync(h, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))).Section("challenges"));
    }

    [Fact]
    public async Task People_GainServiceAndSubmissionColumns()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h);

        var people = Table(report, "people", "people");
        Assert.Equal(["Person", "Talks", "Service", "Submissions", "Contributions"], people.Columns.Take(5));
        var noah = Row(people, r => r[0] == "Noah Schmidt");
        var sofia = Row(people, r => r[0] == "Sofia Lindqvist");
        Assert.Equal(("2", "0"), (noah["Service"], noah["Submissions"]));
        Assert.Equal(("1", "1"), (sofia["Service"], sofia["Submissions"]));
        Assert.Equal("0", Row(people, r => r[0] == "Kwame Mensah")["Submissions"]); // a rejected file is no submission
    }

    [Fact]
    public async Task PrivateActivity_LeavesThePersonOutOfServiceAndPeopleTables_NotTheTotals()
    {
        await using var h = await StartAsync();
        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:sofia", "/profile set --private-activity yes"));

        var report = await ReportAsync(h);

        Assert.DoesNotContain(Table(report, "duties", "served").Rows, r => r[0] == "Sofia Lindqvist");
        Assert.DoesNotContain(Table(report, "people", "people").Rows, r => r[0] == "Sofia Lindqvist");
        Assert.Equal(3, Count(report, "duties", "Duties served"));
        Assert.Equal(1, Count(report, "challenges", "Submissions"));
    }

    [Fact]
    public async Task ShowMembersOff_NoServiceNames_CountsStay()
    {
        await using var h = await StartAsync(s => s.Configure<DashboardOptions>(o => o.ShowMembers = false));

        var report = await ReportAsync(h);

        Assert.Null(report.Section("people"));
        Assert.Equal(["duties"], report.Section("duties")!.Tables.Select(t => t.Id));
        Assert.Equal(3, Count(report, "duties", "Duties served"));
        Assert.DoesNotContain("Ingrid", ReportFormats.Json(report), StringComparison.Ordinal); // she only said she can't come
    }

    [Fact]
    public async Task Formats_ParsedBack_HaveTheNewSectionsAndColumns()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(ReportFormats.Csv(report));
        var csv = reader.Enumerate(r => (Section: r["section"].ToString(), Table: r["table"].ToString(), Row: r["row"].ToString(), Column: r["column"].ToString(), Value: r["value"].ToString())).ToList();
        var sofiaRow = Assert.Single(csv, c => c is { Section: "people", Column: "Person", Value: "Sofia Lindqvist" }).Row;
        Assert.Contains(("people", "people", sofiaRow, "Service", "1"), csv);
        Assert.Contains(("people", "people", sofiaRow, "Submissions", "1"), csv);
        Assert.Contains(("duties", "counts", "", "Duties served", "3"), csv);
        Assert.Contains(csv, c => c is { Section: "meetings", Table: "held", Column: "Going", Value: "2" });

        using var json = JsonDocument.Parse(ReportFormats.Json(report));
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Superset(new HashSet<string> { "meetings", "duties", "ideas", "challenges", "people" }, sections.Keys.ToHashSet());
        Assert.Equal(report.Section("ideas")!.Headline, sections["ideas"].GetProperty("headline").GetString());
        var peopleColumns = sections["people"].GetProperty("tables")[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("Service", peopleColumns);
        Assert.Contains("Submissions", peopleColumns);

        var md = Markdown.Parse(ReportFormats.Markdown(report), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        var headings = md.Descendants<HeadingBlock>().Where(b => b.Level == 2).Select(b => string.Concat(b.Inline!.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()))).ToList();
        Assert.Equal(report.Sections.Select(s => s.Heading), headings);
        Assert.Contains("Duties served", headings);
        Assert.Contains("Topic ideas", headings);
        Assert.Contains("Challenges", headings);
        var headers = md.Descendants<Table>().Select(t => t.OfType<TableRow>().First().OfType<TableCell>()
            .Select(c => string.Concat(c.Descendants<ParagraphBlock>().SelectMany(p => p.Inline!.Descendants<Markdig.Syntax.Inlines.LiteralInline>()).Select(l => l.Content.ToString()))).ToList()).ToList();
        Assert.Contains(headers, cols => cols.Take(4).SequenceEqual(["Person", "Talks", "Service", "Submissions"]));
        Assert.Contains(headers, cols => cols.Contains("Going") && cols.Contains("Can't"));
    }

    [Fact]
    public async Task Digest_NamesTheNewSectionsInHeadlinesWithLinks_NotTheirTables()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        var digest = DigestService.Content(report, "calorimetry");

        Assert.Contains("Duties served: 3", digest.Plain, StringComparison.Ordinal);
        Assert.Contains("Most voted: \"Graph networks for clustering\" (2 votes)", digest.Plain, StringComparison.Ordinal);
        Assert.Contains("New leaders: 1 · Baselines recorded: 1 — now leading calo-tag: Sofia Lindqvist (auc 0.85)", digest.Plain, StringComparison.Ordinal);
        Assert.Contains("Meetings with minutes: 1", digest.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Fast simulation in ATLAS", digest.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Going", digest.Plain, StringComparison.Ordinal);
        var links = digest.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Parts).OfType<Replies.Link>().Select(l => l.Url).ToList();
        Assert.Contains(links, u => u.EndsWith("/wg/calorimetry#ideas", StringComparison.Ordinal));
        Assert.Contains(links, u => u.EndsWith("/challenges", StringComparison.Ordinal));
        Assert.True(digest.Sections.SelectMany(s => s.Lines).Count() <= 12, "a digest is headlines, not a wall of text");
    }
}
