using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary>The rules of a challenge that are not permissions (those are <c>who:</c>'s): when it takes submissions, teams, the daily count.</summary>
public static partial class ChallengeRules
{
    /// <summary>Null when the challenge takes submissions now; otherwise the sentence that says why not.</summary>
    public static string? WhyClosed(Challenge challenge, DateTimeOffset now) => challenge.State switch
    {
        ChallengeState.Draft => $"{challenge.Slug} is not open yet: it is a draft until a manager runs /challenge open {challenge.Slug}.",
        ChallengeState.Closed => $"{challenge.Slug} is closed{(challenge.ClosedAt is { } at ? " since " + Date(at) : "")}: it takes no more submissions. /challenge board {challenge.Slug} shows the final board.",
        _ when challenge.OpensAt is { } opens && now < opens => $"{challenge.Slug} opens for submissions on {DateTime(opens)} UTC.",
        _ when challenge.ClosesAt is { } closes && now >= closes => $"{challenge.Slug} stopped taking submissions on {DateTime(closes)} UTC.",
        _ => null,
    };

    /// <summary>The team the person is in for this challenge, or null.</summary>
    public static Task<ChallengeTeam?> TeamOfAsync(CollabBotDbContext db, int challengeId, int personId, CancellationToken cancellationToken) =>
        db.ChallengeTeamMembers.Where(m => m.ChallengeId == challengeId && m.PersonId == personId && m.LeftAt == null)
            .Select(m => m.Team).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Submissions that count against today's limit (UTC day; queued or scored, never rejected): the person's own, or,
    /// in a team, every submission of the team and of its current members.
    /// </summary>
    public static async Task<int> UsedTodayAsync(CollabBotDbContext db, int challengeId, int personId, int? teamId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var today = db.ChallengeSubmissions.Where(s => s.ChallengeId == challengeId && s.State != SubmissionState.Rejected && s.CreatedAt >= dayStart);
        if (teamId is null)
        {
            return await today.CountAsync(s => s.PersonId == personId, cancellationToken);
        }

        var members = await db.ChallengeTeamMembers.Where(m => m.TeamId == teamId && m.LeftAt == null).Select(m => m.PersonId).ToListAsync(cancellationToken);
        return await today.CountAsync(s => s.TeamId == teamId || members.Contains(s.PersonId), cancellationToken);
    }

    /// <summary>The challenge's metrics as the engine's values, primary first.</summary>
    public static IReadOnlyList<Metric> Metrics(Challenge challenge) =>
        [.. challenge.MetricNames.Select(n => Metric.TryParse(n, out var m, out _) ? m : throw new InvalidOperationException($"Stored metric '{n}' does not parse"))];

    public static Metric Primary(Challenge challenge) => Metrics(challenge)[0];

    public static TruthSetup Setup(Challenge challenge) => new(Metrics(challenge), challenge.Seed, challenge.PublicFraction);

    /// <summary>"3ms", "3 ms", "1.5s", "200us", "200µs", "0.4": a time per event in milliseconds (a bare number is milliseconds).</summary>
    public static bool TryParseTimePerEvent(string text, out double milliseconds)
    {
        milliseconds = 0;
        var match = TimeRegex().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) || n < 0)
        {
            return false;
        }

        milliseconds = match.Groups["u"].Value.ToLowerInvariant() switch
        {
            "s" => n * 1000,
            "us" or "µs" => n / 1000,
            "ns" => n / 1_000_000,
            _ => n,
        };
        return double.IsFinite(milliseconds);
    }

    /// <summary>A time per event as people write it: 3 ms, 1.5 s, 200 µs.</summary>
    public static string FormatTime(double? milliseconds) => milliseconds switch
    {
        null => "",
        >= 1000 => (milliseconds.Value / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " s",
        >= 1 or 0 => milliseconds.Value.ToString("0.###", CultureInfo.InvariantCulture) + " ms",
        _ => (milliseconds.Value * 1000).ToString("0.###", CultureInfo.InvariantCulture) + " µs",
    };

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)\s*(?<u>ms|s|us|µs|ns)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();
}
