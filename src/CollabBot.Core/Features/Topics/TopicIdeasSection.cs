using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Topics;

/// <summary>
/// The report's topic-ideas section (here, beside how ideas are ranked and named, as Reports may not use Features).
/// Topic ideas: suggested, voted for and scheduled in the period, and the most-voted open ones (votes as they stand
/// now, as <c>/topic list</c> ranks them). No names: who suggested or voted is not part of a report. Left out when the
/// groups have never had an idea.
/// </summary>
public sealed class TopicIdeasSection : IReportSection
{
    /// <summary>How many open ideas the report lists: the ones a group would pick from next.</summary>
    public const int Shown = 10;

    public int Order => 17;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var ideas = await scope.Db.TopicIdeas.AsNoTracking()
            .Where(t => scope.GroupIds.Contains(t.GroupId) && t.SuggestedAt < scope.To)
            .Select(t => new
            {
                t.Id,
                t.GroupId,
                t.Title,
                t.Status,
                t.SuggestedAt,
                t.DecidedAt,
                t.OccurrenceDate,
                Meeting = t.Series != null ? t.Series.Title : null,
                Votes = t.Votes.Count(v => v.WithdrawnAt == null),
                VotesInPeriod = t.Votes.Count(v => v.At >= scope.From && v.At < scope.To),
            })
            .ToListAsync(cancellationToken);
        if (ideas.Count == 0)
        {
            return null;
        }

        var open = ideas.Where(i => i.Status == TopicIdeaStatus.Open)
            .OrderByDescending(i => i.Votes).ThenBy(i => i.SuggestedAt).ThenBy(i => i.Id)
            .ToList();
        var scheduled = ideas.Where(i => i.Status == TopicIdeaStatus.Scheduled && i.DecidedAt >= scope.From && i.DecidedAt < scope.To)
            .OrderBy(i => i.OccurrenceDate, StringComparer.Ordinal).ThenBy(i => i.Id)
            .ToList();
        var link = scope.Bot.Link(scope.Deployment ? "/" : $"/wg/{scope.Groups[0].Slug}#ideas");
        var top = open.FirstOrDefault(i => i.Votes > 0);
        return new ReportSection("ideas", "Topic ideas", [
                new ReportCount("Ideas suggested", ideas.Count(i => i.SuggestedAt >= scope.From), link),
                new ReportCount("Votes cast", ideas.Sum(i => i.VotesInPeriod), link),
                new ReportCount("Ideas scheduled", scheduled.Count, link),
                new ReportCount("Open ideas", open.Count, link, Activity: false),
            ],
            [
                new ReportTable("open", "Most-voted open ideas", ReportCells.Columns(scope, "Idea", "Title", "Votes", "Suggested"),
                    ReportCells.Rows(open.Take(Shown), i => ReportCells.Cells(scope, i.GroupId, $"#{i.Id}", i.Title, ReportCells.Number(i.Votes), ReportCells.Date(i.SuggestedAt, Zone(scope, i.GroupId))))),
                new ReportTable("scheduled", "Ideas scheduled", ReportCells.Columns(scope, "Idea", "Title", "Meeting", "Date", "Votes"),
                    ReportCells.Rows(scheduled, i => ReportCells.Cells(scope, i.GroupId, $"#{i.Id}", i.Title, i.Meeting ?? "", i.OccurrenceDate ?? "", ReportCells.Number(i.Votes)))),
            ],
            top is null ? null : $"Most voted: \"{top.Title}\" ({TopicIdeas.Votes(top.Votes)})");
    }

    private static string Zone(ReportScope scope, int groupId) => scope.Groups.FirstOrDefault(g => g.Id == groupId)?.TimeZone ?? "UTC";
}
