using System.Globalization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge create</c>: a draft challenge on a dataset, with its metrics, split, dates, limit and who may submit; a fresh secret seed.</summary>
[Command("challenge create")]
public sealed class ChallengeCreate : CommandHandler<ChallengeCreate.Args>
{
    public const int DefaultDailyLimit = 5;
    public const double DefaultPublicFraction = 0.5;

    public sealed record Args(string Slug, string Title, IReadOnlyList<string> Metric, string? Version, double? PublicFraction, string? Opens, string? Closes,
        long? DailyLimit, double? Target, bool MembersOnly, string? Description, string? Task);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.Ref<Dataset>();
        var title = args.Title.Trim();
        if (title.Length is 0 or > 200)
        {
            return Reply.Invalid("A challenge's title must be 1 to 200 characters.", context.Usage);
        }

        var metrics = new List<Metric>();
        foreach (var text in args.Metric)
        {
            if (!Metric.TryParse(text, out var metric, out var error))
            {
                return Reply.Invalid(error, context.Usage);
            }

            if (metrics.Contains(metric))
            {
                return Reply.Invalid($"--metric {metric.Name} is given twice; name each metric once, the primary first.", context.Usage);
            }

            metrics.Add(metric);
        }

        if (metrics.Count == 0)
        {
            return Reply.Invalid($"A challenge needs --metric: one of {string.Join(", ", Metric.ValidNames)} (the first is primary).", context.Usage);
        }

        var fraction = args.PublicFraction ?? DefaultPublicFraction;
        if (!(fraction >= 0 && fraction <= 1))
        {
            return Reply.Invalid(string.Create(CultureInfo.InvariantCulture, $"--public-fraction must be between 0 and 1 (the share of the truth on the public board), not {fraction}."), context.Usage);
        }

        if (args.DailyLimit is < 1 or > 1000)
        {
            return Reply.Invalid("--daily-limit must be 1 to 1000 submissions a day.", context.Usage);
        }

        if (args.Target is { } t && !double.IsFinite(t))
        {
            return Reply.Invalid("--target must be a finite number.", context.Usage);
        }

        DatasetVersion? version = null;
        if (args.Version is { } v)
        {
            version = dataset.Versions.FirstOrDefault(x => string.Equals(x.Name, v.Trim(), StringComparison.OrdinalIgnoreCase));
            if (version is null)
            {
                var known = dataset.Versions.Count == 0 ? "it has no versions recorded" : "its versions are " + string.Join(", ", DatasetRefs.Newest(dataset.Versions).Select(x => x.Name));
                return Reply.Invalid($"{dataset.Slug} has no version '{Values.Clipping.Clip(v, 40)}': {known}.", context.Usage);
            }
        }

        var opens = ChallengeEdit.Day(args.Opens);
        var closes = ChallengeEdit.Day(args.Closes);
        if (opens is not null && closes is not null && closes <= opens)
        {
            return Reply.Invalid("--closes must be after --opens.", context.Usage);
        }

        if (ChallengeEdit.CheckTexts(args.Description, args.Task) is { } textProblem)
        {
            return Reply.Invalid(textProblem, context.Usage);
        }

        var existing = await context.Db.Challenges.Include(c => c.Dataset).FirstOrDefaultAsync(c => c.Slug == args.Slug, cancellationToken);
        if (existing is not null)
        {
            return Reply.Invalid($"There is already a challenge '{args.Slug}' (on {existing.Dataset.Slug}); challenge slugs are unique. Choose another slug.");
        }

        var challenge = new Challenge
        {
            Dataset = dataset,
            DatasetId = dataset.Id,
            DatasetVersion = version,
            DatasetVersionId = version?.Id,
            Slug = args.Slug,
            Title = title,
            Description = ChallengeEdit.Text(args.Description),
            Task = ChallengeEdit.Text(args.Task),
            Metrics = string.Join(',', metrics.Select(m => m.Name)),
            PublicFraction = fraction,
            OpensAt = opens,
            ClosesAt = closes,
            DailyLimit = (int)(args.DailyLimit ?? DefaultDailyLimit),
            WhoMaySubmit = args.MembersOnly ? SubmissionPolicy.Members : SubmissionPolicy.Anyone,
            State = ChallengeState.Draft,
            Seed = TruthSetup.NewSeed(),
            Target = args.Target,
            CreatedAt = context.Now,
            CreatedByPersonId = context.Caller.Id,
        };
        context.Db.Challenges.Add(challenge);

        return new ReplyBuilder($"Created challenge {challenge.Slug} on {dataset.Slug}{(version is null ? "" : " " + version.Name)} (a draft)")
            .Field("Metrics", string.Join(", ", metrics.Select(m => m.Name)) + (metrics.Count > 1 ? $" ({metrics[0].Name} ranks)" : ""))
            .Field("Public part", $"{ChallengeText.Fraction(fraction)} of the truth while open; the rest decides the final board")
            .Field("Daily limit", string.Create(CultureInfo.InvariantCulture, $"{challenge.DailyLimit} per participant or team"))
            .Field("Who may submit", challenge.WhoMaySubmit == SubmissionPolicy.Members ? $"members of {dataset.Group.Slug}" : "anyone")
            .Line(Line.Of(new Text("Next: upload the hidden truth with "), new Code($"/challenge truth {challenge.Slug} --url URL"), new Text(", then "), new Code($"/challenge open {challenge.Slug}"), new Text(".")))
            .Build();
    }
}
