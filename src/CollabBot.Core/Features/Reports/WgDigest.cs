using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Digests;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Reports;

/// <summary><c>/wg digest &lt;wg&gt; [--every month|week|off] [--day D] [--time HH:MM]</c>: set or show the group's digest schedule.</summary>
[Command("wg digest")]
public sealed class WgDigest(ActivityReports reports) : CommandHandler<WgDigest.Args>
{
    public sealed record Args(string? Every, string? Day, string? Time, bool Preview);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var schedule = await context.Db.DigestSchedules.FirstOrDefaultAsync(s => s.GroupId == group.Id, cancellationToken);
        var current = DigestPlan.Of(schedule);
        if (args.Preview)
        {
            if (args is not { Every: null, Day: null, Time: null })
            {
                return Reply.Invalid("--preview shows the next digest as it stands; give it alone, without --every, --day or --time.", context.Usage);
            }

            return await PreviewAsync(group, current, context, cancellationToken);
        }

        if (args is { Every: null, Day: null, Time: null })
        {
            return Describe(group, current, context, "Digest of");
        }

        var every = args.Every switch
        {
            "month" => DigestEvery.Month,
            "week" => DigestEvery.Week,
            "off" => DigestEvery.Off,
            _ => current.Every,
        };
        if (every == DigestEvery.Off && (args.Day is not null || args.Time is not null))
        {
            return Reply.Invalid("--day and --time go with --every month or --every week, not with off.", context.Usage);
        }

        // A day given for another rhythm than the one set does not carry over: monthly 15 is no weekday.
        int? day = every == current.Every ? current.Day : null;
        if (args.Day is { } dayText)
        {
            if (every == DigestEvery.Week)
            {
                var index = DigestPlan.WeekDays.ToList().IndexOf(dayText.ToLowerInvariant());
                if (index < 0)
                {
                    return Reply.Invalid($"'{dayText}' is not a day of the week: give one of {string.Join(", ", DigestPlan.WeekDays)}.", context.Usage);
                }

                day = index + 1;
            }
            else if (int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 28)
            {
                day = d;
            }
            else
            {
                return Reply.Invalid($"'{dayText}' is not a day of the month for a monthly digest: give 1 to 28 (leave --day out for the first working day).", context.Usage);
            }
        }

        var time = current.Time;
        if (args.Time is { } timeText)
        {
            if (DigestPlan.ParseTime(timeText) is not { } parsed)
            {
                return Reply.Invalid($"'{timeText}' is not a time: give HH:MM on the 24-hour clock, e.g. 09:00, in the group's time zone ({group.TimeZone}).", context.Usage);
            }

            time = parsed;
        }

        if (schedule is null)
        {
            schedule = new DigestSchedule { GroupId = group.Id, Group = group };
            context.Db.DigestSchedules.Add(schedule);
        }

        schedule.Every = every;
        schedule.Day = every == DigestEvery.Off ? null : day;
        schedule.Time = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        schedule.ChangedAt = context.Now;
        schedule.ChangedByPersonId = context.Caller.Id;
        return await DescribeAsync(group, DigestPlan.Of(schedule), context, cancellationToken);
    }

    /// <summary>The next digest as it would read if its period ended now (the default schedule's when digests are off).</summary>
    private async Task<Reply> PreviewAsync(WorkingGroup group, DigestPlan plan, CommandContext context, CancellationToken cancellationToken)
    {
        var next = (plan.Every == DigestEvery.Off ? DigestPlan.Default : plan).Next(group.Id, group.TimeZone, context.Now)!;
        var report = await reports.ForGroupAsync(context.Db, group, next.Since, next.Until, cancellationToken);
        if (!report.HasActivity)
        {
            return Reply.Message($"Nothing has happened in {group.Slug} yet between {next.Since:yyyy-MM-dd} and {next.Until:yyyy-MM-dd}, so as things stand the next digest would not be posted.");
        }

        var digest = DigestService.Content(report, group.Slug);
        var lead = new Section(null, [], [Line.Of(new Text("Preview of the digest due "), new Timestamp(next.DueAt, group.TimeZone), new Text(plan.Every == DigestEvery.Off ? " (digests are off: nothing will be posted)" : ", as it stands now:"))]);
        return digest with { Sections = [lead, .. digest.Sections] };
    }

    private static async Task<Reply> DescribeAsync(WorkingGroup group, DigestPlan plan, CommandContext context, CancellationToken cancellationToken)
    {
        var reply = Describe(group, plan, context, "The digest of");
        if (plan.Every != DigestEvery.Off && !await context.Db.ChannelLinks.AnyAsync(c => c.GroupId == group.Id && c.UnlinkedAt == null, cancellationToken))
        {
            return reply with { Sections = [.. reply.Sections, new Section(null, [], [$"{group.Slug} has no linked channel yet, so nothing is posted until a convener runs /wg link {group.Slug} in one."])] };
        }

        return reply;
    }

    private static Reply Describe(WorkingGroup group, DigestPlan plan, CommandContext context, string lead)
    {
        var b = new ReplyBuilder(null).Line($"{lead} {group.Slug}: {plan.Describe(group.TimeZone)}.");
        if (plan.Next(group.Id, group.TimeZone, context.Now) is { } next)
        {
            b.Line(Line.Of(new Text("Next: "), new Timestamp(next.DueAt, group.TimeZone), new Text($", for {next.Since:yyyy-MM-dd} to {next.Until:yyyy-MM-dd} (posted only if something happened).")));
        }

        return b.Build();
    }
}
