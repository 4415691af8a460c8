using System.Globalization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary>How challenges read in replies: board lines, states, dates. Shared by the /challenge handlers and announcements.</summary>
public static class ChallengeText
{
    public const int BoardSize = 10;

    public static string State(ChallengeState state) => state.ToString().ToLowerInvariant();

    public static string State(SubmissionState state) => state.ToString().ToLowerInvariant();

    public static string Part(BoardPart part) => part == BoardPart.Public ? "public" : "private";

    public static string Fraction(double fraction) => fraction.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"1. Team Rocket — auc 0.912345 · ParticleNet · 3 ms · 4 submissions".</summary>
    public static Line Entry(BoardEntry entry, Metric metric, bool mine = false)
    {
        var parts = new List<string> { $"{entry.Rank}. {entry.Name}{(mine ? " (you)" : "")} — {metric.Name} {Metric.Format(entry.Score)}" };
        if (entry.Best.Method is { } method)
        {
            parts.Add(method);
        }

        if (entry.Best.TimePerEventMs is { } ms)
        {
            parts.Add(ChallengeRules.FormatTime(ms) + " per event");
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{entry.Submissions} submission{(entry.Submissions == 1 ? "" : "s")}"));
        return string.Join(" · ", parts);
    }

    public static Line Baseline(ChallengeBaseline baseline, Metric metric) =>
        baseline.Url is { } url
            ? Line.Of(new Text($"Baseline: {baseline.Method} — {metric.Name} {Metric.Format(baseline.Score)} "), new Link(url, "(method)"))
            : $"Baseline: {baseline.Method} — {metric.Name} {Metric.Format(baseline.Score)}";

    /// <summary>The board as reply lines: the top entries (or all), the caller's line when it is below them, baselines and target.</summary>
    public static ReplyBuilder Board(ReplyBuilder b, ChallengeBoard board, int? callerId, int? callerTeamId, bool all)
    {
        var metric = board.Metric;
        var shown = all ? board.Entries : board.Entries.Take(BoardSize).ToList();
        var mine = callerId is { } id ? board.EntryOf(id, callerTeamId) : null;
        if (board.Entries.Count == 0)
        {
            b.Line("No scored submissions yet.");
        }

        foreach (var entry in shown)
        {
            b.Line(Entry(entry, metric, mine is not null && entry.Key == mine.Key));
        }

        if (mine is not null && !shown.Contains(mine))
        {
            b.Line("…");
            b.Line(Entry(mine, metric, mine: true));
        }

        foreach (var baseline in board.Challenge.Baselines.OrderBy(x => x.Id))
        {
            b.Line(Baseline(baseline, metric));
        }

        if (board.Challenge.Target is { } target)
        {
            b.Line($"Target: {metric.Name} {Metric.Format(target)}");
        }

        return b;
    }
}
