using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary>Which part of the truth a board ranks on: the public part while open, the private part once closed.</summary>
public enum BoardPart
{
    Public,
    Private,
}

/// <summary>One line of a board: a participant (a person, or a team counted once) with their best scored submission.</summary>
/// <param name="Key">"t:{teamId}" or "p:{personId}": who the line belongs to.</param>
public sealed record BoardEntry(int Rank, string Key, string Name, double Score, ChallengeSubmission Best, int Submissions, IReadOnlyList<int> PersonIds);

/// <summary>A point of the progress plot: when the best score so far improved.</summary>
public sealed record BoardProgress(DateTimeOffset At, double Best);

/// <summary>
/// A challenge's board, computed from its scored submissions: each participant's (or team's) best on the part shown,
/// ranked by the primary metric's direction, ties to the earlier submission. Never touches the truth.
/// </summary>
public sealed class ChallengeBoard
{
    private ChallengeBoard(Challenge challenge, Metric metric, BoardPart part, IReadOnlyList<BoardEntry> entries, IReadOnlyList<BoardProgress> progress)
    {
        Challenge = challenge;
        Metric = metric;
        Part = part;
        Entries = entries;
        Progress = progress;
    }

    public Challenge Challenge { get; }

    public Metric Metric { get; }

    public BoardPart Part { get; }

    /// <summary>Every participant, best first.</summary>
    public IReadOnlyList<BoardEntry> Entries { get; }

    /// <summary>The best score over time on this part (each improvement of the leader).</summary>
    public IReadOnlyList<BoardProgress> Progress { get; }

    public BoardEntry? Leader => Entries.Count > 0 ? Entries[0] : null;

    /// <summary>The part a board shows by default: public while the challenge runs, private once it is closed.</summary>
    public static BoardPart DefaultPart(Challenge challenge) => challenge.State == ChallengeState.Closed ? BoardPart.Private : BoardPart.Public;

    /// <summary>
    /// The score a submission has on a part. A public fraction of 1 leaves the private part empty: the private board then
    /// ranks on the whole (public) truth. A fraction of 0 leaves the public board empty, never filled from the private part.
    /// </summary>
    public static double? ScoreOn(ChallengeSubmission submission, BoardPart part) =>
        part == BoardPart.Public ? submission.PublicScore : submission.PrivateScore ?? submission.PublicScore;

    public static async Task<ChallengeBoard> LoadAsync(CollabBotDbContext db, Challenge challenge, BoardPart part, CancellationToken cancellationToken)
    {
        var scored = await db.ChallengeSubmissions.AsNoTracking()
            .Include(s => s.Person).Include(s => s.Team)
            .Where(s => s.ChallengeId == challenge.Id && s.State == SubmissionState.Scored)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return Compute(challenge, scored, part);
    }

    /// <summary>The board of these submissions (scored ones of the challenge, people and teams loaded).</summary>
    public static ChallengeBoard Compute(Challenge challenge, IReadOnlyList<ChallengeSubmission> scored, BoardPart part)
    {
        var metric = ChallengeRules.Primary(challenge);
        var withScore = scored.Where(s => s.State == SubmissionState.Scored && ScoreOn(s, part) is not null).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToList();
        var entries = withScore
            .GroupBy(s => s.TeamId is { } team ? "t:" + team : "p:" + s.PersonId)
            .Select(g =>
            {
                var best = g.Aggregate((a, b) => metric.IsBetter(ScoreOn(b, part)!.Value, ScoreOn(a, part)!.Value) ? b : a);
                var name = best.Team?.Name ?? best.Person.DisplayName;
                return (Key: g.Key, Name: name, Score: ScoreOn(best, part)!.Value, Best: best, Count: g.Count(), People: (IReadOnlyList<int>)[.. g.Select(s => s.PersonId).Distinct()]);
            })
            .ToList();
        entries.Sort((a, b) =>
            metric.IsBetter(a.Score, b.Score) ? -1
            : metric.IsBetter(b.Score, a.Score) ? 1
            : a.Best.CreatedAt.CompareTo(b.Best.CreatedAt) is var c && c != 0 ? c : a.Best.Id.CompareTo(b.Best.Id));
        var ranked = entries.Select((e, i) => new BoardEntry(i + 1, e.Key, e.Name, e.Score, e.Best, e.Count, e.People)).ToList();

        var progress = new List<BoardProgress>();
        foreach (var s in withScore)
        {
            var score = ScoreOn(s, part)!.Value;
            if (progress.Count == 0 || metric.IsBetter(score, progress[^1].Best))
            {
                progress.Add(new BoardProgress(s.CreatedAt, score));
            }
        }

        return new ChallengeBoard(challenge, metric, part, ranked, progress);
    }

    /// <summary>The line of the participant a person counts under (their team's, or their own), or null.</summary>
    public BoardEntry? EntryOf(int personId, int? teamId) =>
        Entries.FirstOrDefault(e => teamId is { } t ? e.Key == "t:" + t : e.Key == "p:" + personId)
        ?? Entries.FirstOrDefault(e => e.PersonIds.Contains(personId));
}
