using System.Globalization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge info</c>: rules, metrics, dates, baselines and the truth's fingerprint (SHA-256 and row counts, never a row).</summary>
[Command("challenge info")]
public sealed class ChallengeInfo(ChallengeTruthCache truths) : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var c = context.Ref<Challenge>();
        var metrics = ChallengeRules.Metrics(c);
        var b = new ReplyBuilder($"{c.Title} ({c.Slug})");
        if (c.Description is { } description)
        {
            b.Line(description);
        }

        b.Field("Dataset", c.Dataset.Slug + (c.DatasetVersion is { } v ? " " + v.Name : "") + $" ({c.Dataset.Group.Slug})")
            .Field("State", ChallengeText.State(c.State) + (c.OpensAt is { } o ? $" · opens {ChallengeRules.Date(o)}" : "") + (c.ClosesAt is { } cl ? $" · closes {ChallengeRules.Date(cl)}" : ""));
        if (c.Task is { } task)
        {
            b.Field("Task", task);
        }

        b.Field("Metrics", string.Join(", ", metrics.Select(m => $"{m.Name} ({(m.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower")} is better)")) + (metrics.Count > 1 ? $"; {metrics[0].Name} ranks" : ""))
            .Field("Public part", $"{ChallengeText.Fraction(c.PublicFraction)} of the truth ranks the board while open; the private rest decides the final board")
            .Field("Daily limit", string.Create(CultureInfo.InvariantCulture, $"{c.DailyLimit} per participant or team (UTC day; refused files do not count)"))
            .Field("Who may submit", c.WhoMaySubmit == SubmissionPolicy.Members ? $"members of {c.Dataset.Group.Slug}" : "anyone");
        if (c.Target is { } target)
        {
            b.Field("Target", Metric.Format(target));
        }

        foreach (var baseline in c.Baselines.OrderBy(x => x.Id))
        {
            b.Line(ChallengeText.Baseline(baseline, metrics[0]));
        }

        if (c.TruthSha256 is { } sha && c.TruthRows is { } rows)
        {
            b.Field("Truth", Line.Of(new Text(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows ({c.TruthPublicRows ?? 0:N0} public), SHA-256 ")), new Code(sha)));
            if (await truths.GetAsync(context.Db, c, cancellationToken) is { } truth)
            {
                b.Field("Submission format", Line.Of(new Text("CSV with the header "), new Code(truth.SubmissionHeader), new Text(", one row per id")));
            }
        }
        else
        {
            b.Field("Truth", "not uploaded yet");
        }

        b.Line(Line.Of(new Text("Submit: "), new Code($"/challenge submit {c.Slug} --url URL --method \"…\""), new Text(" · board: "), new Code($"/challenge board {c.Slug}")));
        return b.Build();
    }
}
