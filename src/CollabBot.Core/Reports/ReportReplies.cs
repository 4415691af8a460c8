using CollabBot.Core.Replies;

namespace CollabBot.Core.Reports;

/// <summary>How a report reads in chat: its headline numbers, or a file inline when it is short and a link when it is not.</summary>
public static class ReportReplies
{
    /// <summary>Beyond this a report file is a download, not a chat message (as author lists).</summary>
    public const int MaxInlineCharacters = 2500;

    public const int MaxInlineLines = 40;

    /// <summary>The page's path with the period, e.g. <c>/wg/tracking/report.csv?since=2026-01-01&amp;until=2026-12-31</c>.</summary>
    public static string Path(string group, ReportFormat format, ActivityReport report) =>
        $"/wg/{group}/report{ReportFormats.Extension(format)}?since={report.Since}&until={report.Until}";

    /// <summary>Each section's numbers; <paramref name="page"/> (the group's report page) and downloads when there is one.</summary>
    public static Reply Summary(ActivityReport report, Func<ReportFormat, string>? link)
    {
        var b = new ReplyBuilder(report.Title);
        foreach (var section in report.Sections)
        {
            b.Section(section.Heading);
            foreach (var count in section.Counts)
            {
                b.Field(count.Label, count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (section.Headline is { } headline)
            {
                b.Line(char.ToUpperInvariant(headline[0]) + headline[1..]);
            }
        }

        if (link is not null)
        {
            var page = link(ReportFormat.Html);
            b.Section(null)
                .Line(Line.Of(new Text("Tables, per-person counts and charts: "), new Link(page, page)))
                .Line(Line.Of(new Text("Download: "), new Link(link(ReportFormat.Markdown), "Markdown"), new Text(" · "),
                    new Link(link(ReportFormat.Csv), "CSV"), new Text(" · "), new Link(link(ReportFormat.Json), "JSON")));
        }

        return b.Build();
    }

    /// <summary>A file in chat: its lines as code when short; otherwise the download link, or (no link) a sentence to narrow the period.</summary>
    public static Reply File(ActivityReport report, ReportFormat format, string? download)
    {
        var content = ReportFormats.Render(format, report);
        var lines = content.TrimEnd('\n').Split('\n');
        var b = new ReplyBuilder($"{report.Title} ({format.ToString().ToLowerInvariant()})");
        if (content.Length <= MaxInlineCharacters && lines.Length <= MaxInlineLines)
        {
            b.Lines(lines.Where(l => l.Length > 0).Select(l => Line.Of(new Code(l.TrimEnd('\r')))));
            if (download is not null)
            {
                b.Section(null).Line(Line.Of(new Text("Download: "), new Link(download, download)));
            }

            return b.Build();
        }

        return download is not null
            ? b.Line($"This report is long ({content.Length:N0} characters), too long for chat. Download it here:").Line(Line.Of(new Link(download, download))).Build()
            : b.Line($"This report is long ({content.Length:N0} characters), too long for chat: give a shorter period with --since and --until, or ask each group's report with /wg report <wg>.").Build();
    }
}
