using System.Globalization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge edit</c>: title, texts, dates, daily limit, target, who may submit. Metrics and the split are fixed at creation (the truth was checked against them).</summary>
[Command("challenge edit")]
public sealed class ChallengeEdit : CommandHandler<ChallengeEdit.Args>
{
    public sealed record Args(string? Title, string? Description, string? Task, string? Opens, string? Closes, long? DailyLimit, double? Target, string? Submitters);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(Handle(args, context));

    private static Reply Handle(Args args, CommandContext context)
    {
        var c = context.Ref<Challenge>();
        if (args is { Title: null, Description: null, Task: null, Opens: null, Closes: null, DailyLimit: null, Target: null, Submitters: null })
        {
            return Reply.Invalid("Say what to change: --title, --description, --task, --opens, --closes, --daily-limit, --target or --submitters anyone|members.", context.Usage);
        }

        if (c.State == ChallengeState.Closed)
        {
            return Reply.Refused($"{c.Slug} is closed: its rules and final board stand as they were.");
        }

        var changed = new List<string>();
        if (args.Title is { } title)
        {
            title = title.Trim();
            if (title.Length is 0 or > 200)
            {
                return Reply.Invalid("A challenge's title must be 1 to 200 characters.", context.Usage);
            }

            c.Title = title;
            changed.Add("title");
        }

        if (CheckTexts(args.Description, args.Task) is { } problem)
        {
            return Reply.Invalid(problem, context.Usage);
        }

        if (args.Description is not null)
        {
            c.Description = Text(args.Description);
            changed.Add("description");
        }

        if (args.Task is not null)
        {
            c.Task = Text(args.Task);
            changed.Add("task");
        }

        var opens = args.Opens is null ? c.OpensAt : Day(args.Opens);
        var closes = args.Closes is null ? c.ClosesAt : Day(args.Closes);
        if (opens is not null && closes is not null && closes <= opens)
        {
            return Reply.Invalid("The closing day must be after the opening day.", context.Usage);
        }

        if (args.Opens is not null)
        {
            c.OpensAt = opens;
            changed.Add("opening day");
        }

        if (args.Closes is not null)
        {
            c.ClosesAt = closes;
            changed.Add("closing day");
        }

        if (args.DailyLimit is { } limit)
        {
            if (limit is < 1 or > 1000)
            {
                return Reply.Invalid("--daily-limit must be 1 to 1000 submissions a day.", context.Usage);
            }

            c.DailyLimit = (int)limit;
            changed.Add("daily limit");
        }

        if (args.Target is { } target)
        {
            if (!double.IsFinite(target))
            {
                return Reply.Invalid("--target must be a finite number.", context.Usage);
            }

            c.Target = target;
            changed.Add("target");
        }

        if (args.Submitters is { } who)
        {
            c.WhoMaySubmit = who == "members" ? SubmissionPolicy.Members : SubmissionPolicy.Anyone;
            changed.Add("who may submit");
        }

        return new ReplyBuilder($"Changed {c.Slug}: {string.Join(", ", changed)}")
            .Field("Dates", (c.OpensAt is { } o ? $"opens {ChallengeRules.Date(o)}" : "open as soon as opened") + (c.ClosesAt is { } cl ? $", closes {ChallengeRules.Date(cl)}" : ", no closing day"))
            .Field("Daily limit", c.DailyLimit.ToString(CultureInfo.InvariantCulture))
            .Field("Target", c.Target is { } t ? Metric.Format(t) : "none")
            .Field("Who may submit", c.WhoMaySubmit == SubmissionPolicy.Members ? $"members of {c.Dataset.Group.Slug}" : "anyone")
            .Build();
    }

    /// <summary>A YYYY-MM-DD (already checked by the binder) as midnight UTC.</summary>
    internal static DateTimeOffset? Day(string? date) =>
        date is null ? null : new DateTimeOffset(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal static string? Text(string? text) => text?.Trim() is { Length: > 0 } t ? t : null;

    internal static string? CheckTexts(string? description, string? task) =>
        description is { Length: > 4000 } ? "--description can be at most 4000 characters."
        : task is { Length: > 1000 } ? "--task can be at most 1000 characters."
        : null;
}
