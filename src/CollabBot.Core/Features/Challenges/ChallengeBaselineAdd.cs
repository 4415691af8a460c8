using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge baseline</c>: records a baseline result; several may exist, all on boards and plots.</summary>
[Command("challenge baseline")]
public sealed class ChallengeBaselineAdd : CommandHandler<ChallengeBaselineAdd.Args>
{
    public sealed record Args(double Score, string Method, string? Url);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        var method = args.Method.Trim();
        if (method.Length is 0 or > 200)
        {
            return Task.FromResult(Reply.Invalid("A baseline's method must be 1 to 200 characters.", context.Usage));
        }

        if (!double.IsFinite(args.Score))
        {
            return Task.FromResult(Reply.Invalid("A baseline's score must be a finite number.", context.Usage));
        }

        var baseline = new ChallengeBaseline
        {
            Challenge = challenge,
            ChallengeId = challenge.Id,
            Score = args.Score,
            Method = method,
            Url = args.Url,
            RecordedAt = context.Now,
            RecordedByPersonId = context.Caller.Id,
        };
        challenge.Baselines.Add(baseline);
        var metric = ChallengeRules.Primary(challenge);
        return Task.FromResult(new ReplyBuilder($"Recorded a baseline for {challenge.Slug}")
            .Line(ChallengeText.Baseline(baseline, metric))
            .Line($"{challenge.Baselines.Count} baseline{(challenge.Baselines.Count == 1 ? "" : "s")} now appear on the board and the progress plot.")
            .Build());
    }
}
