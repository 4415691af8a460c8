using System.Text.Json;
using CollabBot.Core.Data;
using CollabBot.Core.Reports;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;

namespace CollabBot.Core.Tests.Reports;

/// <summary>
/// The activity report over the demo community: its meetings (the seed puts the talks on each series' next date
/// after 2026-11-25), its members and its confirmed contributions (both recorded at seeding), a dataset version
/// released in the period; each format parsed back; the privacy rules.
/// </summary>
public sealed class ReportTests
{
    private static readonly DateOnly Since = new(2026, 11, 1);
    private static readonly DateOnly Until = new(2026, 12, 31);
    private const string Hostile = "Pipes | *stars* <b>bold</b> [link](http://x) `tick`\nsecond line";

    private static async Task<CoreHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var h = await CoreHarness.StartWithSeedMeetingsAsync(configure);
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/dataset register calorimetry calo \"Calo showers\"")).Status);
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/dataset version calo 2.0.0 --date 2026-12-02")).Status);
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/dataset version calo 1.9.0 --date 2026-10-02")).Status);
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", $"/meeting talk add calorimetry/monthly \"{Hostile.Replace("\n", " ", StringComparison.Ordinal)}\" --speaker \"A. Guest\"")).Status);
        h.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 12, 0, 0, TimeSpan.Zero));
        return h;
    }

    private static async Task<ActivityReport> ReportAsync(CoreHarness h, string group = "calorimetry", DateOnly? since = null, DateOnly? until = null)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var g = await db.Groups.AsNoTracking().SingleAsync(x => x.Slug == group);
        return await h.Services.GetRequiredService<ActivityReports>().ForGroupAsync(db, g, since ?? Since, until ?? Until, TestContext.Current.CancellationToken);
    }

    private static int Count(ActivityReport report, string section, string label) =>
        Assert.Single(Assert.IsType<ReportSection>(report.Section(section)).Counts, c => c.Label == label).Value;

    private static ReportTable Table(ActivityReport report, string section, string table) =>
        Assert.Single(Assert.IsType<ReportSection>(report.Section(section)).Tables, t => t.Id == table);

    [Fact]
    public async Task Report_SeededCalorimetry_HasEachSectionFromItsData()
    {
        await using var h = await StartAsync();
        var seededTalks = await h.QueryAsync(db => db.Talks.Where(t => t.Series.Group.Slug == "calorimetry" && t.RemovedAt == null).CountAsync());

        var report = await ReportAsync(h);

        var talks = Table(report, "meetings", "talks");
        Assert.Equal(seededTalks, Count(report, "meetings", "Talks given"));
        Assert.Contains(talks.Rows, r => r[2] == "Hadronic showers with diffusion models" && r[3] == "Noah Schmidt");
        Assert.True(Count(report, "meetings", "Meetings held") >= 3, "a monthly and a fortnightly series over five weeks");
        Assert.Equal(6, Count(report, "members", "New members"));
        Assert.Equal(5, Count(report, "contributions", "Contributions confirmed"));
        var project = Assert.Single(Table(report, "contributions", "projects").Rows);
        Assert.Equal(["calo-showers-v2", "Calorimeter shower benchmark, version 2", "5", "4"], project.Take(4));
        Assert.Equal(1, Count(report, "datasets", "Dataset versions released"));
        Assert.Equal("2.0.0", Assert.Single(Table(report, "datasets", "versions").Rows)[1]);
        var sofia = Assert.Single(Table(report, "people", "people").Rows, r => r[0] == "Sofia Lindqvist");
        var columns = Table(report, "people", "people").Columns;
        Assert.Equal("2", sofia[columns.ToList().IndexOf("Contributions")]);
        Assert.Equal("1", sofia[columns.ToList().IndexOf("Software")]);
        Assert.True(report.HasActivity);
    }

    [Fact]
    public async Task Charts_PerMonth_AddUpToTheReportsCounts()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Slug == "calorimetry", TestContext.Current.CancellationToken);
        var charts = await h.Services.GetRequiredService<ActivityReports>().ChartsAsync(db, group, Since, Until, TestContext.Current.CancellationToken);

        Assert.Equal(["2026-11", "2026-12"], charts.Months);
        Assert.Equal(Count(report, "meetings", "Meetings held"), charts.Meetings.Values.Sum());
        Assert.Equal(Count(report, "meetings", "Talks given"), charts.Talks.Values.Sum());
        Assert.Equal([5, 0], charts.Contributions.Values);
        Assert.Equal([6, 6], charts.Members.Values);
        Assert.Contains("2026-11: 5 contributions", charts.Describe("contributions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_PeriodWithNothing_HasNoActivity()
    {
        await using var h = await StartAsync();

        var report = await ReportAsync(h, since: new DateOnly(2020, 1, 1), until: new DateOnly(2020, 12, 31));

        Assert.False(report.HasActivity);
        Assert.All(report.Sections.SelectMany(s => s.Counts).Where(c => c.Activity), c => Assert.Equal(0, c.Value));
    }

    [Fact]
    public async Task Report_PrivateActivity_LeavesThePersonOutOfPerPersonCountsOnly()
    {
        await using var h = await StartAsync();
        var set = await h.SayAsync("console:sofia", "/profile set --private-activity yes");
        Assert.Equal(ReplyStatus.Ok, set.Status);

        var report = await ReportAsync(h);

        Assert.DoesNotContain(Table(report, "people", "people").Rows, r => r[0] == "Sofia Lindqvist");
        Assert.Contains(Table(report, "people", "people").Rows, r => r[0] == "Noah Schmidt");
        Assert.Equal(5, Count(report, "contributions", "Contributions confirmed"));

        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:sofia", "/profile set --private-activity no")).Status);
        Assert.Contains(Table(await ReportAsync(h), "people", "people").Rows, r => r[0] == "Sofia Lindqvist");
    }

    [Fact]
    public async Task Report_ShowMembersOff_HasNoNamesButTheCounts()
    {
        await using var h = await StartAsync(s => s.Configure<DashboardOptions>(o => o.ShowMembers = false));

        var report = await ReportAsync(h);

        Assert.Null(report.Section("people"));
        Assert.Empty(report.Section("members")!.Tables);
        Assert.Equal(6, Count(report, "members", "New members"));
        Assert.DoesNotContain("Ingrid", ReportFormats.Json(report), StringComparison.Ordinal);
        Assert.DoesNotContain("Ingrid", ReportFormats.Csv(report), StringComparison.Ordinal);
        Assert.DoesNotContain("Ingrid", ReportFormats.Markdown(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ParsedBack_HasEveryCountAndCell()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(ReportFormats.Csv(report));
        Assert.Equal(ReportFormats.CsvHeader, reader.Header.ColNames);
        var rows = reader.Enumerate(r => (Section: r["section"].ToString(), Table: r["table"].ToString(), Row: r["row"].ToString(), Column: r["column"].ToString(), Value: r["value"].ToString())).ToList();

        foreach (var section in report.Sections)
        {
            foreach (var count in section.Counts)
            {
                Assert.Contains((section.Id, "counts", "", count.Label, count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows);
            }

            foreach (var table in section.Tables)
            {
                Assert.Equal(table.Rows.Count * table.Columns.Count, rows.Count(r => r.Section == section.Id && r.Table == table.Id));
            }
        }

        var hostile = Assert.Single(rows, r => r.Table == "talks" && r.Column == "Talk" && r.Value.StartsWith("Pipes", StringComparison.Ordinal));
        Assert.Equal(Hostile.Replace("\n", " ", StringComparison.Ordinal), hostile.Value);
    }

    [Fact]
    public async Task Json_ParsedBack_MatchesTheReport()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        using var doc = JsonDocument.Parse(ReportFormats.Json(report));

        Assert.Equal("2026-11-01", doc.RootElement.GetProperty("since").GetString());
        Assert.Equal("calorimetry", doc.RootElement.GetProperty("group").GetString());
        var sections = doc.RootElement.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(report.Sections.Select(s => s.Id), sections.Select(s => s.GetProperty("id").GetString()));
        var meetings = sections.Single(s => s.GetProperty("id").GetString() == "meetings");
        Assert.Equal(Count(report, "meetings", "Talks given"), meetings.GetProperty("counts").EnumerateArray().Single(c => c.GetProperty("label").GetString() == "Talks given").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Markdown_ParsedBack_HasHeadingsAndTablesWithLiteralCells()
    {
        await using var h = await StartAsync();
        var report = await ReportAsync(h);

        var doc = Markdown.Parse(ReportFormats.Markdown(report), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        var headings = doc.Descendants<HeadingBlock>().Where(b => b.Level == 2).Select(Inline).ToList();
        Assert.Equal(report.Sections.Select(s => s.Heading), headings);
        var tables = doc.Descendants<Table>().ToList();
        var expected = report.Sections.SelectMany(s => s.Tables).Where(t => t.Rows.Count > 0).ToList();
        Assert.Equal(expected.Count, tables.Count);
        for (var i = 0; i < tables.Count; i++)
        {
            var rows = tables[i].OfType<TableRow>().ToList();
            Assert.Equal(expected[i].Columns, rows[0].OfType<TableCell>().Select(Cell));
            Assert.Equal(expected[i].Rows.Count, rows.Count - 1);
            Assert.Equal(expected[i].Rows.Select(r => string.Join("¦", r.Select(c => c.Replace('\n', ' ')))),
                rows.Skip(1).Select(r => string.Join("¦", r.OfType<TableCell>().Select(Cell))));
        }
    }

    [Theory]
    [InlineData("/wg report calorimetry --since 2026-12-31 --until 2026-01-01", "is after")]
    [InlineData("/wg report calorimetry --since 2000-01-01 --until 2026-01-01", "at most")]
    public async Task WgReport_BadPeriod_IsInvalidWithASentence(string line, string expected)
    {
        await using var h = await StartAsync();

        var reply = await h.SayAsync("console:noah", line);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WgReport_Member_GetsHeadlinesAndLinks()
    {
        await using var h = await StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg report calorimetry --since 2026-11-01 --until 2026-12-31");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("Contributions confirmed: 5", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/wg/calorimetry/report.csv?since=2026-11-01&until=2026-12-31", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollabReport_AdminGetsEveryGroup_OthersAreRefused()
    {
        await using var h = await StartAsync();

        var refused = await h.SayAsync("console:noah", "/collab report");
        var reply = await h.SayAsync(CoreHarness.Admin, "/collab report --since 2026-11-01 --until 2026-12-31");

        Assert.Equal(ReplyStatus.Refused, refused.Status);
        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var seeded = await h.QueryAsync(db => db.Contributions.CountAsync(c => c.Status == Domain.ContributionStatus.Confirmed));
        Assert.Contains($"Contributions confirmed: {seeded}", reply.Plain, StringComparison.Ordinal);
    }

    private static string Inline(LeafBlock block) => Text(block.Inline);

    private static string Cell(TableCell cell) => string.Concat(cell.Descendants<ParagraphBlock>().Select(p => Text(p.Inline)));

    private static string Text(Markdig.Syntax.Inlines.ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()));
}
