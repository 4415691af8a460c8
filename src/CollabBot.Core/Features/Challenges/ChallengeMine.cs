using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge mine</c>: the caller's submissions with state and scores (private scores only once the challenge is closed).</summary>
[Command("challenge mine")]
public sealed class ChallengeMine : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        var mine = await context.Db.ChallengeSubmissions.AsNoTracking()
            .Where(s => s.ChallengeId == challenge.Id && s.PersonId == context.Caller.Id)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            return Reply.Message($"You have no submissions to {challenge.Slug} yet. /challenge submit {challenge.Slug} --url URL sends one.");
        }

        var closed = challenge.State == ChallengeState.Closed;
        var used = await ChallengeRules.UsedTodayAsync(context.Db, challenge.Id, context.Caller.Id,
            (await ChallengeRules.TeamOfAsync(context.Db, challenge.Id, context.Caller.Id, cancellationToken))?.Id, context.Now, cancellationToken);
        var b = new ReplyBuilder($"Your submissions to {challenge.Slug}")
            .Line(string.Create(CultureInfo.InvariantCulture, $"{mine.Count} submission{(mine.Count == 1 ? "" : "s")}, newest first; {used} of today's {challenge.DailyLimit} used."));
        foreach (var s in mine)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"#{s.Id} · {ChallengeRules.DateTime(s.CreatedAt)} · {ChallengeText.State(s.State)}");
            if (s.State == SubmissionState.Scored)
            {
                line += " · " + Scores(s, closed);
            }
            else if (s.State == SubmissionState.Rejected && s.Error is { } error)
            {
                line += " · " + error;
            }

            if (s.Method is { } method)
            {
                line += " · " + method;
            }

            b.Line(line);
        }

        return b.Build();
    }

    /// <summary>"auc 0.91 public" (and private, once closed), for each metric.</summary>
    private static string Scores(ChallengeSubmission s, bool closed)
    {
        var stored = s.ScoresJson is { } json ? JsonSerializer.Deserialize<List<StoredScore>>(json, ChallengeScoring.ScoreJson) ?? [] : [];
        return string.Join(", ", stored.Select(x =>
            $"{x.Metric} " + string.Join(" / ", new[]
            {
                x.Public is { } p ? Metric.Format(p) + " public" : null,
                closed && x.Private is { } q ? Metric.Format(q) + " private" : null,
            }.Where(t => t is not null))));
    }
}
