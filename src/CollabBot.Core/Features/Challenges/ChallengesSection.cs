using CollabBot.Core.Challenges;
using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// The report's challenges section (here, beside the boards it computes, as Reports may not use Features).
/// Challenges on the groups' datasets that ran in the period: each one's leader at the period's end (the board as it
/// stood then: public part while open, private once closed, named as the board names them), whether the lead changed
/// hands in the period, submissions received, and baselines recorded. Drafts are not shown. Left out when no
/// challenge ran in the period.
/// </summary>
public sealed class ChallengesSection : IReportSection
{
    public int Order => 45;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var challenges = await scope.Db.Challenges.AsNoTracking().Include(c => c.Dataset).Include(c => c.Baselines)
            .Where(c => scope.GroupIds.Contains(c.Dataset.GroupId) && c.State != ChallengeState.Draft && c.OpenedAt != null && c.OpenedAt < scope.To
                && (c.ClosedAt == null || c.ClosedAt >= scope.From))
            .OrderBy(c => c.Slug)
            .ToListAsync(cancellationToken);
        if (challenges.Count == 0)
        {
            return null;
        }

        var ids = challenges.Select(c => c.Id).ToList();
        var past = scope.Past;
        var submissions = await Submissions.LoadAsync(scope, cancellationToken);
        var scored = await scope.Db.ChallengeSubmissions.AsNoTracking().Include(s => s.Person).Include(s => s.Team)
            .Where(s => ids.Contains(s.ChallengeId) && s.State == SubmissionState.Scored && s.ScoredAt < past)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var byChallenge = scored.ToLookup(s => s.ChallengeId);
        var rows = challenges.Select(c =>
        {
            var atEnd = BoardAt(c, byChallenge[c.Id], past);
            var atStart = BoardAt(c, byChallenge[c.Id], scope.From);
            var changed = atEnd.Leader is { } leader && leader.Key != atStart.Leader?.Key;
            return (Challenge: c, Board: atEnd, NewLeader: changed, Submissions: submissions.Count(s => s.ChallengeId == c.Id));
        }).ToList();
        var baselines = challenges.SelectMany(c => c.Baselines.Where(b => b.RecordedAt >= scope.From && b.RecordedAt < scope.To).Select(b => (Challenge: c, Baseline: b)))
            .OrderBy(x => x.Baseline.RecordedAt).ThenBy(x => x.Baseline.Id)
            .ToList();
        var link = scope.Bot.Link("/challenges");
        var zone = scope.Deployment ? "UTC" : scope.Groups[0].TimeZone;
        var newLeaders = rows.Where(r => r.NewLeader).ToList();
        return new ReportSection("challenges", "Challenges", [
                new ReportCount("Submissions", submissions.Count, link),
                new ReportCount("New leaders", newLeaders.Count, link),
                new ReportCount("Baselines recorded", baselines.Count, link),
                new ReportCount("Challenges running", rows.Count, link, Activity: false),
            ],
            [
                new ReportTable("leaders", "Leaders at the end of the period", ReportCells.Columns(scope, "Challenge", "Title", "Leader", "Metric", "Score", "Board", "New leader", "Submissions", "Page"),
                    ReportCells.Rows(rows, r => ReportCells.Cells(scope, r.Challenge.Dataset.GroupId, r.Challenge.Slug, r.Challenge.Title,
                        r.Board.Leader?.Name ?? "", r.Board.Metric.Name, r.Board.Leader is { } l ? Metric.Format(l.Score) : "",
                        ChallengeText.Part(r.Board.Part), r.NewLeader ? "yes" : "no", ReportCells.Number(r.Submissions), scope.Bot.Link($"/challenges/{r.Challenge.Slug}")))),
                new ReportTable("baselines", "Baselines recorded", ReportCells.Columns(scope, "Challenge", "Method", "Metric", "Score", "Recorded", "Address"),
                    ReportCells.Rows(baselines, x => ReportCells.Cells(scope, x.Challenge.Dataset.GroupId, x.Challenge.Slug, x.Baseline.Method,
                        x.Challenge.PrimaryMetric, Metric.Format(x.Baseline.Score), ReportCells.Date(x.Baseline.RecordedAt, zone), x.Baseline.Url ?? ""))),
            ],
            newLeaders.Count == 0 ? null
                : string.Join("; ", newLeaders.Take(3).Select(r => $"now leading {r.Challenge.Slug}: {r.Board.Leader!.Name} ({r.Board.Metric.Name} {Metric.Format(r.Board.Leader.Score)})"))
                    + (newLeaders.Count > 3 ? $"; and {ReportCells.Number(newLeaders.Count - 3)} more" : ""));
    }

    /// <summary>The board as it stood at an instant: the submissions scored by then, on the part shown then.</summary>
    private static ChallengeBoard BoardAt(Challenge challenge, IEnumerable<ChallengeSubmission> scored, DateTimeOffset at)
    {
        var part = challenge.ClosedAt is { } closed && closed <= at ? BoardPart.Private : BoardPart.Public;
        return ChallengeBoard.Compute(challenge, [.. scored.Where(s => s.ScoredAt < at)], part);
    }
}
