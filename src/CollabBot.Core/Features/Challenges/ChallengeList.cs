using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge list [dataset]</c>: challenges, open ones first.</summary>
[Command("challenge list")]
public sealed class ChallengeList : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.OptionalRef<Dataset>();
        var query = context.Db.Challenges.AsNoTracking().Include(c => c.Dataset).AsQueryable();
        if (dataset is not null)
        {
            query = query.Where(c => c.DatasetId == dataset.Id);
        }

        var challenges = await query.ToListAsync(cancellationToken);
        var counts = await context.Db.ChallengeSubmissions.AsNoTracking()
            .Where(s => s.State == SubmissionState.Scored)
            .GroupBy(s => s.ChallengeId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        var where = dataset is null ? "" : $" on {dataset.Slug}";
        if (challenges.Count == 0)
        {
            return Reply.Message($"There are no challenges{where} yet. A convener or dataset-team member creates one with /challenge create <dataset> <slug> \"<title>\" --metric auc.");
        }

        var b = new ReplyBuilder($"Challenges{where}")
            .Line($"{challenges.Count} challenge{(challenges.Count == 1 ? "" : "s")}, open ones first:");
        foreach (var c in challenges.OrderBy(c => c.State == ChallengeState.Open ? 0 : c.State == ChallengeState.Draft ? 1 : 2).ThenBy(c => c.Slug, StringComparer.Ordinal))
        {
            var scored = counts.GetValueOrDefault(c.Id);
            var closes = c.ClosesAt is { } at && c.State != ChallengeState.Closed ? $", closes {ChallengeRules.Date(at)}" : "";
            b.Line($"{c.Slug} — {c.Title} · {c.Dataset.Slug} · {ChallengeText.State(c.State)} · {c.PrimaryMetric} · {scored} scored submission{(scored == 1 ? "" : "s")}{closes}");
        }

        return b.Build();
    }
}
